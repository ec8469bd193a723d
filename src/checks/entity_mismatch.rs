//! `entity-mismatch`: an entity of the source sentence is absent from the aligned sentence,
//! or another entity stands in its place ("Izadi" replaced by "Nasrallah"). Derived words
//! count as the entity (an "Iranian commander" names Iran), and an entity the translator
//! moved to a neighbouring sentence of the same paragraph is not lost. Entities missing from
//! the whole version are `missing-entity`'s business.

use std::ops::Range;

use super::{entity_label, Pair, SetContext};
use crate::finding::{Finding, Location, Related, Rule};
use crate::glossary::EntityId;

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        for bead in pair.matched() {
            let entities =
                |facts: &[crate::drift::SentenceFacts]| -> Vec<(EntityId, Range<usize>)> {
                    let mut list: Vec<(EntityId, Range<usize>)> = Vec::new();
                    for (entity, span) in facts.iter().flat_map(|f| f.entities.iter()) {
                        if !list.iter().any(|(e, _)| e == entity) {
                            list.push((*entity, span.clone()));
                        }
                    }
                    list
                };
            let source = entities(pair.source_facts(&bead.source));
            let target = entities(pair.target_facts(&bead.target));
            let (source_passage, target_passage) =
                pair.alignment
                    .passage_of(bead, &pair.source.analysis, &pair.target.analysis);
            let in_passage = |facts: &[crate::drift::SentenceFacts], entity: EntityId| {
                facts
                    .iter()
                    .any(|f| f.entities.iter().any(|(e, _)| *e == entity))
            };
            // Missing here; whether it is missing from the whole version too is decided
            // below (a replacement is reported either way, a plain absence only when the
            // version names the entity elsewhere: otherwise `missing-entity` reports it).
            let missing: Vec<&(EntityId, Range<usize>)> = source
                .iter()
                .filter(|(e, _)| !target.iter().any(|(t, _)| t == e))
                .filter(|(e, _)| ctx.glossary.has_language(*e, &pair.target.doc.lang))
                .collect();
            let extra: Vec<&(EntityId, Range<usize>)> = target
                .iter()
                .filter(|(e, _)| !source.iter().any(|(s, _)| s == e))
                .collect();
            let moved_here = |e: EntityId| in_passage(pair.source_facts(&source_passage), e);
            let moved_away = |e: EntityId| in_passage(pair.target_facts(&target_passage), e);
            let mut extra_left: Vec<&(EntityId, Range<usize>)> = Vec::new();
            let mut missing_left = missing.clone();
            for added in extra {
                // A replacement: an entity the source passage never names stands where a
                // source entity is missing.
                let replaced = (!moved_here(added.0))
                    .then(|| missing_left.iter().position(|_| true))
                    .flatten();
                match replaced {
                    Some(k) => {
                        let lost = missing_left.remove(k);
                        out.push(replacement(ctx, &pair, lost, added));
                    }
                    None => extra_left.push(added),
                }
            }
            for lost in missing_left {
                if moved_away(lost.0) || !pair.target.analysis.names(lost.0) {
                    continue;
                }
                let span = pair.target.span_of(&bead.target);
                let label = entity_label(ctx.glossary, lost.0, ctx.source_lang);
                out.push(
                    Finding::at(
                        Rule::EntityMismatch,
                        pair.target.doc,
                        span,
                        format!(
                        "{label} is named in the aligned {} source sentence but not in this one",
                        pair.source.doc.lang
                    ),
                    )
                    .expected(
                        ctx.glossary
                            .preferred(lost.0, &pair.target.doc.lang)
                            .map(|f| f.text.to_string()),
                    )
                    .entity(&ctx.glossary.entity(lost.0).id)
                    .related(Related::of(
                        pair.source.doc,
                        lost.1.clone(),
                        "source",
                    )),
                );
            }
            for added in extra_left {
                if moved_here(added.0) {
                    continue;
                }
                let label = entity_label(ctx.glossary, added.0, ctx.source_lang);
                out.push(
                    Finding::at(
                        Rule::EntityMismatch,
                        pair.target.doc,
                        added.1.clone(),
                        format!(
                            "{label} is named here but not in the aligned {} source passage",
                            pair.source.doc.lang
                        ),
                    )
                    .entity(&ctx.glossary.entity(added.0).id)
                    .related(Related::of(
                        pair.source.doc,
                        pair.source.span_of(&bead.source),
                        "source sentence",
                    )),
                );
            }
        }
    }
}

fn replacement(
    ctx: &SetContext,
    pair: &Pair,
    lost: &(EntityId, Range<usize>),
    added: &(EntityId, Range<usize>),
) -> Finding {
    let found = pair.target.doc.slice(added.1.clone()).into_owned();
    let shown = crate::display::inline(&found);
    let lost_label = entity_label(ctx.glossary, lost.0, ctx.source_lang);
    let added_label = entity_label(ctx.glossary, added.0, ctx.source_lang);
    Finding {
        rule: Rule::EntityMismatch,
        severity: Rule::EntityMismatch.severity(),
        message: format!(
            "'{shown}' ({added_label}) stands where the {} source names {lost_label}",
            pair.source.doc.lang
        ),
        found,
        location: Location::of(pair.target.doc, added.1.clone()),
        expected: ctx
            .glossary
            .preferred(lost.0, &pair.target.doc.lang)
            .map(|f| f.text.to_string()),
        entity: Some(ctx.glossary.entity(lost.0).id.clone()),
        related: vec![Related::of(pair.source.doc, lost.1.clone(), "source")],
    }
}
