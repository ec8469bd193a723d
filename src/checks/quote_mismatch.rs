//! `quote-mismatch`: aligned sentences quote a different number of statements, a quote is
//! attributed to someone else (the entity named before it in the source sentence is not
//! named before it in the version), or a quote denies what its source affirms (or the
//! reverse) — a dropped "not" turns a denial into a confession.

use super::SetContext;
use crate::anchors::quotes::negation_supported;
use crate::finding::{Finding, Related, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        let (source, target) = (pair.source, pair.target);
        let source_refs = source.analysis.entity_references();
        let target_refs = target.analysis.entity_references();
        for bead in pair.matched() {
            let quotes = |v: &super::Version, facts: &[crate::drift::SentenceFacts]| {
                facts
                    .iter()
                    .flat_map(|f| {
                        f.quotes
                            .iter()
                            .map(|&i| v.analysis.anchors.quotes[i].clone())
                    })
                    .collect::<Vec<_>>()
            };
            let sq = quotes(source, pair.source_facts(&bead.source));
            let tq = quotes(target, pair.target_facts(&bead.target));
            if sq.len() != tq.len() {
                let span = target.span_of(&bead.target);
                out.push(
                    Finding::at(
                        Rule::QuoteMismatch,
                        target.doc,
                        span,
                        format!(
                            "the aligned {} source sentence quotes {} statement{}, this one {}",
                            source.doc.lang,
                            sq.len(),
                            if sq.len() == 1 { "" } else { "s" },
                            tq.len()
                        ),
                    )
                    .related(Related::of(
                        source.doc,
                        source.span_of(&bead.source),
                        "source",
                    )),
                );
                continue;
            }
            let source_span = source.span_of(&bead.source);
            let target_span = target.span_of(&bead.target);
            for (s, t) in sq.iter().zip(&tq) {
                // Who is quoted: the last entity named before the quote in its sentence.
                let speaker = source_refs
                    .iter()
                    .rfind(|(span, _)| span.start >= source_span.start && span.end <= s.span.start)
                    .map(|(_, e)| *e);
                let Some(speaker) = speaker else { continue };
                let named_before = target_refs.iter().any(|(span, e)| {
                    *e == speaker && span.start >= target_span.start && span.end <= t.span.start
                });
                if named_before || !ctx.glossary.has_language(speaker, &target.doc.lang) {
                    continue;
                }
                let label = super::entity_label(ctx.glossary, speaker, ctx.source_lang);
                out.push(
                    Finding::at(
                        Rule::QuoteMismatch,
                        target.doc,
                        t.span.clone(),
                        format!(
                        "the {} source quote follows {label}, who is not named before this quote",
                        source.doc.lang
                    ),
                    )
                    .entity(&ctx.glossary.entity(speaker).id)
                    .related(Related::of(source.doc, s.span.clone(), "source")),
                );
            }
            if !negation_supported(source.doc.lang.primary())
                || !negation_supported(target.doc.lang.primary())
            {
                continue;
            }
            for (s, t) in sq.iter().zip(&tq) {
                if s.negated == t.negated {
                    continue;
                }
                let what = if s.negated {
                    "the source quote is a denial; this one is not"
                } else {
                    "this quote denies what the source quote affirms"
                };
                out.push(
                    Finding::at(
                        Rule::QuoteMismatch,
                        target.doc,
                        t.span.clone(),
                        format!("{what} (check for a dropped or added negation)"),
                    )
                    .related(Related::of(source.doc, s.span.clone(), "source")),
                );
            }
        }
    }
}
