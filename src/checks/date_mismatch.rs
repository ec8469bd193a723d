//! `date-mismatch`: a date of the source sentence is missing, different or extra in the
//! aligned sentence ("July 2023" → "juin 2023").

use super::compare::{compare_anchors, AnchorKind};
use super::SetContext;
use crate::anchors::dates::DateValue;
use crate::finding::{Finding, Rule};

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let kind = AnchorKind::<DateValue> {
        rule: Rule::DateMismatch,
        noun: "date",
        items: |version, facts| {
            facts
                .dates
                .iter()
                .map(|&i| {
                    let d = &version.analysis.anchors.dates[i];
                    (d.value, d.span.clone())
                })
                .collect()
        },
        same: |a, b| a == b,
        optional: |_| false,
    };
    compare_anchors(ctx, &kind, out);
}
