//! `omitted-segment`: a source paragraph or sentence with no counterpart in the version.
//! A whole missing paragraph is one finding, not one per sentence.

use super::SetContext;
use crate::finding::{Finding, Related, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        let (source, target) = (pair.source, pair.target);
        for bead in &pair.alignment.paragraphs {
            if bead.source.is_empty() || !bead.target.is_empty() {
                continue;
            }
            let sentences = crate::drift::sentences_of(&source.analysis, &bead.source);
            let at = insertion_point(target, bead.target.start);
            out.push(Finding::at(Rule::OmittedSegment, target.doc, at..at, format!(
                    "a paragraph of the {} source ({} sentence{}) has no counterpart in this version",
                    source.doc.lang,
                    sentences.len(),
                    if sentences.len() == 1 { "" } else { "s" }
                )).related(Related::of(source.doc, source.span_of(&sentences), "source")));
        }
        for bead in &pair.alignment.sentences {
            if bead.source.is_empty() || !bead.target.is_empty() {
                continue;
            }
            let at = target.span_of(&bead.target);
            out.push(
                Finding::at(
                    Rule::OmittedSegment,
                    target.doc,
                    at,
                    format!(
                        "a sentence of the {} source has no counterpart in this version",
                        source.doc.lang
                    ),
                )
                .related(Related::of(
                    source.doc,
                    source.span_of(&bead.source),
                    "source",
                )),
            );
        }
    }
}

/// Where a missing paragraph would stand: the start of the paragraph that now follows, or
/// the end of the text.
fn insertion_point(version: &super::Version, paragraph: usize) -> usize {
    let paragraphs = &version.analysis.segments.paragraphs;
    match paragraphs.get(paragraph) {
        Some(p) => p.span.start,
        None => paragraphs.last().map_or(0, |p| p.span.end),
    }
}
