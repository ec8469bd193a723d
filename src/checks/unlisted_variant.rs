//! `unlisted-variant`: a word close to a glossary form that the glossary does not list,
//! such as "Hanniyeh" or "Хезболлах". Reported with the form it most likely means.

use super::{entity_label, suggestion, SetContext};
use crate::finding::{Finding, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let glossary = ctx.glossary;
    for version in ctx.versions {
        let doc = version.doc;
        for variant in &version.analysis.variants {
            let found = &*doc.slice(variant.span.clone());
            let shown = crate::display::inline(found);
            let closest = glossary.form(variant.closest);
            let expected = if closest.status.is_accepted() && !variant.via_source {
                Some(closest)
            } else {
                suggestion(glossary, variant.entity, &doc.lang, ctx.source_lang, found)
            };
            let label = entity_label(glossary, variant.entity, ctx.source_lang);
            let message = match expected {
                Some(expected) if *expected.text == *label => format!(
                    "'{shown}' is not in the glossary; did you mean '{}'?",
                    expected.text
                ),
                Some(expected) => format!(
                    "'{shown}' is not in the glossary; did you mean '{}' ({label})?",
                    expected.text
                ),
                None => format!("'{shown}' is not in the glossary and looks like {label}"),
            };
            out.push(
                Finding::at(Rule::UnlistedVariant, doc, variant.span.clone(), message)
                    .expected(expected.map(|f| f.text.to_string()))
                    .entity(&glossary.entity(variant.entity).id),
            );
        }
    }
}
