//! `number-mismatch`: a number or percentage of the source sentence is missing, different
//! or extra in the aligned sentence ("ten" → "12", "72.5%" → "75%"). Words and digits in
//! any script compare by value.

use super::compare::{compare_anchors, AnchorKind};
use super::SetContext;
use crate::anchors::NumberAnchor;
use crate::finding::{Finding, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let kind = AnchorKind::<NumberAnchor> {
        rule: Rule::NumberMismatch,
        noun: "number",
        items: |version, facts| {
            facts
                .numbers
                .iter()
                .map(|&i| {
                    let n = &version.analysis.anchors.numbers[i];
                    (n.clone(), n.span.clone())
                })
                .collect()
        },
        same: NumberAnchor::same_as,
        optional: |n| n.fused,
    };
    compare_anchors(ctx, &kind, out);
}
