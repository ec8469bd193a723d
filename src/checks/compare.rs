//! Comparing the anchors of aligned sentences: which are the same on both sides, which
//! changed, which are missing, which were added.

use std::ops::Range;

use super::{Pair, SetContext, Version};
use crate::display::inline;
use crate::drift::SentenceFacts;
use crate::finding::{Finding, Related, Rule};

/// The outcome for one unmatched anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Source anchor `0` became target anchor `1`.
    Changed(usize, usize),
    /// Source anchor with no counterpart.
    Missing(usize),
    /// Target anchor with no counterpart.
    Added(usize),
}

/// Pairs equal anchors first (in any order), then pairs what is left in order of
/// appearance as changes; the rest is missing or added.
pub fn differences<T>(
    source: &[T],
    target: &[T],
    same: impl Fn(&T, &T) -> bool,
) -> Vec<Difference> {
    let mut target_used = vec![false; target.len()];
    let mut source_left = Vec::new();
    for (i, s) in source.iter().enumerate() {
        match (0..target.len()).find(|&j| !target_used[j] && same(s, &target[j])) {
            Some(j) => target_used[j] = true,
            None => source_left.push(i),
        }
    }
    let target_left: Vec<usize> = (0..target.len()).filter(|&j| !target_used[j]).collect();
    let mut out = Vec::new();
    for (k, &i) in source_left.iter().enumerate() {
        match target_left.get(k) {
            Some(&j) => out.push(Difference::Changed(i, j)),
            None => out.push(Difference::Missing(i)),
        }
    }
    out.extend(
        target_left
            .iter()
            .skip(source_left.len())
            .map(|&j| Difference::Added(j)),
    );
    out
}

/// The anchors of one sentence of a kind, with their spans.
pub type ItemsOf<T> = fn(&Version, &SentenceFacts) -> Vec<(T, Range<usize>)>;

/// One kind of anchor compared sentence by sentence (numbers, dates).
pub struct AnchorKind<T> {
    pub rule: Rule,
    /// "number", "date": for messages.
    pub noun: &'static str,
    /// The anchors of one sentence with their spans.
    pub items: ItemsOf<T>,
    pub same: fn(&T, &T) -> bool,
    /// Anchors whose absence on the other side is not reported (only a changed value is).
    pub optional: fn(&T) -> bool,
}

/// Reports, for every pair of aligned sentences, the anchors of `kind` that changed, went
/// missing or were added. A value missing from the sentence but present elsewhere in the
/// aligned paragraph was moved by the translator, not lost: no finding.
pub fn compare_anchors<T>(ctx: &SetContext, kind: &AnchorKind<T>, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        for bead in pair.matched() {
            let collect = |v: &Version, facts: &[SentenceFacts]| -> Vec<(T, Range<usize>)> {
                facts.iter().flat_map(|f| (kind.items)(v, f)).collect()
            };
            let source = collect(pair.source, pair.source_facts(&bead.source));
            let target = collect(pair.target, pair.target_facts(&bead.target));
            let differences = differences(&source, &target, |a, b| (kind.same)(&a.0, &b.0));
            if differences.is_empty() {
                continue;
            }
            let (source_passage, target_passage) =
                pair.alignment
                    .passage_of(bead, &pair.source.analysis, &pair.target.analysis);
            let in_passage = |v: &Version, run: &Range<usize>, value: &T| {
                collect(v, &v.facts[run.clone()])
                    .iter()
                    .any(|(x, _)| (kind.same)(x, value))
            };
            for difference in differences {
                if let Some(finding) = anchor_finding(
                    &pair,
                    kind,
                    bead,
                    &source,
                    &target,
                    difference,
                    &|d| match d {
                        Difference::Missing(i) => {
                            in_passage(pair.target, &target_passage, &source[i].0)
                        }
                        Difference::Added(j) => {
                            in_passage(pair.source, &source_passage, &target[j].0)
                        }
                        Difference::Changed(..) => false,
                    },
                ) {
                    out.push(finding);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn anchor_finding<T>(
    pair: &Pair,
    kind: &AnchorKind<T>,
    bead: &crate::align::Bead,
    source: &[(T, Range<usize>)],
    target: &[(T, Range<usize>)],
    difference: Difference,
    moved: &dyn Fn(Difference) -> bool,
) -> Option<Finding> {
    if moved(difference) {
        return None;
    }
    match difference {
        Difference::Missing(i) if (kind.optional)(&source[i].0) => return None,
        Difference::Added(j) if (kind.optional)(&target[j].0) => return None,
        _ => {}
    }
    let (sdoc, tdoc) = (pair.source.doc, pair.target.doc);
    let text =
        |doc: &crate::document::Document, span: &Range<usize>| doc.slice(span.clone()).into_owned();
    let (span, message, expected, related) = match difference {
        Difference::Changed(i, j) => {
            let (s, t) = (text(sdoc, &source[i].1), text(tdoc, &target[j].1));
            (
                target[j].1.clone(),
                format!(
                    "{} differs from the {} source: '{}' there, '{}' here",
                    kind.noun,
                    sdoc.lang,
                    inline(&s),
                    inline(&t)
                ),
                Some(s),
                Related::of(sdoc, source[i].1.clone(), "source"),
            )
        }
        Difference::Missing(i) => {
            let s = text(sdoc, &source[i].1);
            (
                pair.target.span_of(&bead.target),
                format!(
                    "the {} '{}' of the {} source is missing from this sentence",
                    kind.noun,
                    inline(&s),
                    sdoc.lang
                ),
                Some(s),
                Related::of(sdoc, source[i].1.clone(), "source"),
            )
        }
        Difference::Added(j) => {
            let t = text(tdoc, &target[j].1);
            (
                target[j].1.clone(),
                format!(
                    "the {} '{}' is not in the aligned {} source sentence",
                    kind.noun,
                    inline(&t),
                    sdoc.lang
                ),
                None,
                Related::of(sdoc, pair.source.span_of(&bead.source), "source sentence"),
            )
        }
    };
    Some(
        Finding::at(kind.rule, tdoc, span, message)
            .expected(expected)
            .related(related),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_pair_in_any_order() {
        assert!(differences(&[1, 2], &[2, 1], |a, b| a == b).is_empty());
    }

    #[test]
    fn leftovers_become_changes_then_missing_or_added() {
        assert_eq!(
            differences(&[10, 7], &[12, 7], |a, b| a == b),
            [Difference::Changed(0, 0)]
        );
        assert_eq!(
            differences(&[10, 7], &[7], |a, b| a == b),
            [Difference::Missing(0)]
        );
        assert_eq!(
            differences(&[7], &[7, 3], |a, b| a == b),
            [Difference::Added(1)]
        );
    }
}
