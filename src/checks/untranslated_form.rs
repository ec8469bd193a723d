//! `untranslated-form`: a source-language form left in a version whose language has its
//! own form in the glossary ("Haniyeh" in the Russian text, where the house style is
//! "Хания").

use super::{entity_label, suggestion, SetContext};
use crate::finding::{Finding, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let glossary = ctx.glossary;
    for (doc, mention, form) in ctx.mentions() {
        if !mention.via_source
            || !form.status.is_accepted()
            || !glossary.has_language(mention.entity, &doc.lang)
        {
            continue;
        }
        let found = &*doc.slice(mention.span.clone());
        let shown = crate::display::inline(found);
        let expected = suggestion(glossary, mention.entity, &doc.lang, ctx.source_lang, found);
        let label = entity_label(glossary, mention.entity, ctx.source_lang);
        let message = match expected {
            Some(expected) => format!(
                "'{shown}' is the {} form of {label}; the {} house style is '{}'",
                form.lang, doc.lang, expected.text
            ),
            None => format!("'{shown}' is the {} form of {label}", form.lang),
        };
        out.push(
            Finding::at(Rule::UntranslatedForm, doc, mention.span.clone(), message)
                .expected(expected.map(|f| f.text.to_string()))
                .entity(&glossary.entity(mention.entity).id),
        );
    }
}
