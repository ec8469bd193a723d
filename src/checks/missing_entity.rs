//! `missing-entity`: an entity the source version names is not named at all in another
//! version — not in its own form, not untranslated, not even misspelled.

use super::{entity_label, SetContext};
use crate::finding::{Finding, Location, Related, Rule};
use crate::glossary::EntityId;

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let Some(source_index) = ctx.source else {
        return;
    };
    let glossary = ctx.glossary;
    let source = &ctx.versions[source_index];
    // Entities of the source in order of first appearance, with that first span.
    let mut named: Vec<(EntityId, std::ops::Range<usize>, usize)> = Vec::new();
    // Only what the source really names: a near miss there ("Hama", a city) is a guess,
    // and a guess must not become a warning in every translation.
    let spans = source
        .analysis
        .mentions
        .iter()
        .map(|m| (m.entity, m.span.clone()));
    for (entity, span) in spans {
        match named.iter_mut().find(|(e, _, _)| *e == entity) {
            Some(slot) => {
                slot.2 += 1;
                if span.start < slot.1.start {
                    slot.1 = span;
                }
            }
            None => named.push((entity, span, 1)),
        }
    }
    named.sort_by_key(|(_, span, _)| span.start);
    for (index, version) in ctx.versions.iter().enumerate() {
        if index == source_index {
            continue;
        }
        let doc = version.doc;
        for (entity, span, count) in &named {
            if version.analysis.names(*entity) || !glossary.has_language(*entity, &doc.lang) {
                continue;
            }
            let expected = glossary.preferred(*entity, &doc.lang);
            let label = entity_label(glossary, *entity, ctx.source_lang);
            let times = if *count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            out.push(Finding {
                rule: Rule::MissingEntity,
                severity: Rule::MissingEntity.severity(),
                message: format!(
                    "{label} is named {times} in the {} version but not in this one",
                    source.doc.lang
                ),
                location: Location::file(doc),
                found: String::new(),
                expected: expected.map(|f| f.text.to_string()),
                entity: Some(glossary.entity(*entity).id.clone()),
                related: vec![Related::of(source.doc, span.clone(), "source")],
            });
        }
    }
}
