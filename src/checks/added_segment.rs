//! `added-segment`: a paragraph or sentence of the version with no counterpart in the
//! source. A whole added paragraph is one finding.

use super::SetContext;
use crate::finding::{Finding, Location, Related, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        let (source, target) = (pair.source, pair.target);
        for bead in &pair.alignment.paragraphs {
            if !bead.source.is_empty() || bead.target.is_empty() {
                continue;
            }
            let sentences = crate::drift::sentences_of(&target.analysis, &bead.target);
            let span = target.span_of(&sentences);
            out.push(Finding::at(
                Rule::AddedSegment,
                target.doc,
                span,
                format!(
                    "this paragraph has no counterpart in the {} source",
                    source.doc.lang
                ),
            ));
        }
        for (k, bead) in pair.alignment.sentences.iter().enumerate() {
            if !bead.source.is_empty() || bead.target.is_empty() {
                continue;
            }
            let span = target.span_of(&bead.target);
            // The source sentence it follows, so the editor sees where it was inserted.
            let after = pair.alignment.sentences[..k]
                .iter()
                .rev()
                .find(|b| !b.source.is_empty())
                .map(|b| Related::of(source.doc, source.span_of(&b.source), "follows source"));
            out.push(Finding {
                rule: Rule::AddedSegment,
                severity: Rule::AddedSegment.severity(),
                message: format!(
                    "this sentence has no counterpart in the {} source",
                    source.doc.lang
                ),
                found: target.doc.slice(span.clone()).into_owned(),
                location: Location::of(target.doc, span),
                expected: None,
                entity: None,
                related: after.into_iter().collect(),
            });
        }
    }
}
