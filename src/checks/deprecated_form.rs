//! `deprecated-form`: a spelling the glossary lists as wrong. Always an error.

use super::{entity_label, suggestion, SetContext};
use crate::finding::{Finding, Rule};
use crate::glossary::Status;

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let glossary = ctx.glossary;
    for (doc, mention, form) in ctx.mentions() {
        // A source-language spelling deprecated there may be right in a language the
        // glossary does not cover (Turkish "Haniye").
        if form.status != Status::Deprecated
            || (mention.via_source && !glossary.has_language(mention.entity, &doc.lang))
        {
            continue;
        }
        let found = &*doc.slice(mention.span.clone());
        let shown = crate::display::inline(found);
        let expected = suggestion(glossary, mention.entity, &doc.lang, ctx.source_lang, found);
        let label = entity_label(glossary, mention.entity, ctx.source_lang);
        let mut message = format!("'{shown}' is a deprecated form of {label}");
        if let Some(expected) = expected {
            message.push_str(&format!("; house style is '{}'", expected.text));
        }
        if !form.note.is_empty() {
            message.push_str(&format!(" (note: {})", form.note));
        }
        out.push(
            Finding::at(Rule::DeprecatedForm, doc, mention.span.clone(), message)
                .expected(expected.map(|f| f.text.to_string()))
                .entity(&glossary.entity(mention.entity).id),
        );
    }
}
