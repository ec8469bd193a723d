//! `length-outlier` (info): a one-to-one aligned sentence far longer or shorter than the
//! language pair's ratio in this document predicts — often a partial translation or an
//! inserted clause.

use super::SetContext;
use crate::align::length_deviation;
use crate::finding::{Finding, Related, Rule};

/// Standard deviations beyond which a pair is reported.
const THRESHOLD: f64 = 4.0;
/// Shorter sentences vary too much to say anything.
const MIN_SOURCE_CHARS: usize = 40;

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        for bead in pair.matched() {
            if bead.source.len() != 1 || bead.target.len() != 1 {
                continue;
            }
            let ls = pair.source.facts[bead.source.start].len;
            let lt = pair.target.facts[bead.target.start].len;
            if ls < MIN_SOURCE_CHARS {
                continue;
            }
            let ratio = pair.alignment.ratio;
            let deviation = length_deviation(ls as f64, lt as f64, ratio);
            if deviation.abs() < THRESHOLD {
                continue;
            }
            let factor = lt as f64 / (ls as f64 * ratio);
            let span = pair.target.span_of(&bead.target);
            out.push(Finding::at(Rule::LengthOutlier, pair.target.doc, span, format!(
                    "this sentence is {factor:.1}× the length its {} source predicts (ratio {ratio:.2} in this document)",
                    pair.source.doc.lang
                )).related(Related::of(pair.source.doc, pair.source.span_of(&bead.source), "source")));
        }
    }
}
