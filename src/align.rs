//! Aligning segments of two versions: which source sentences does each target sentence
//! translate?
//!
//! Gale–Church: a translation's length is roughly proportional to its source's, so the
//! cost of pairing segments is how unlikely their length ratio is, plus a prior for each
//! kind of pairing (1–1 is common; splits and merges less so; dropped and added segments
//! rare). Shared anchors — the same entity, number or date on both sides — are strong
//! evidence of a pair and lower the cost. The dynamic programme runs in a band around the
//! diagonal, so its time grows linearly with the document.

use std::ops::Range;

/// One segment as the aligner sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unit {
    /// Length in characters (excluding spaces).
    pub len: f64,
    /// Anchor keys, sorted: equal keys mean equal facts across languages.
    pub anchors: Vec<u64>,
}

/// Source segments `source` translate to target segments `target`; either may be empty
/// (an omitted or added segment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bead {
    pub source: Range<usize>,
    pub target: Range<usize>,
}

/// Variance of the length ratio per character (Gale & Church 1993).
const VARIANCE: f64 = 6.8;
/// Lower cost per anchor shared by the two sides.
const SHARED_BONUS: f64 = 1.0;
/// Higher cost per anchor that finds no partner in a pairing.
const UNSHARED_PENALTY: f64 = 0.5;
/// Higher cost for a merged segment whose anchors all miss on the other side: it was more
/// likely dropped (or added) than merged.
const ORPHAN_PENALTY: f64 = 2.0;
/// Higher cost for a merged segment without any anchor when the other side has several:
/// an inserted or dropped remark looks like this more often than half of a split.
const BARREN_PENALTY: f64 = 1.0;

/// (source count, target count, prior probability) of each kind of pairing. Dropped and
/// added sentences are given somewhat more weight than in Gale–Church's parliamentary
/// corpus: finding them is what this aligner is for.
const MOVES: [(usize, usize, f64); 5] = [
    (1, 1, 0.90),
    (1, 0, 0.01),
    (0, 1, 0.01),
    (2, 1, 0.04),
    (1, 2, 0.04),
];

/// Aligns two sequences of segments. Beads cover every segment of both sides once, in order.
///
/// The length ratio between the languages is first taken from the whole texts, then
/// re-estimated from the one-to-one pairs found (a dropped paragraph would otherwise skew
/// it) and the alignment redone if it moved.
pub fn align(source: &[Unit], target: &[Unit]) -> Vec<Bead> {
    align_with(source, target, None)
}

/// Aligns with a known length ratio between the languages (from a larger context, such as
/// the whole document when aligning the sentences of one paragraph), else estimates it.
pub fn align_with(source: &[Unit], target: &[Unit], known_ratio: Option<f64>) -> Vec<Bead> {
    let (n, m) = (source.len(), target.len());
    if n == 0 || m == 0 {
        return match (n, m) {
            (0, 0) => Vec::new(),
            (0, _) => (0..m)
                .map(|j| Bead {
                    source: 0..0,
                    target: j..j + 1,
                })
                .collect(),
            _ => (0..n)
                .map(|i| Bead {
                    source: i..i + 1,
                    target: 0..0,
                })
                .collect(),
        };
    }
    let total = |units: &[Unit]| units.iter().map(|u| u.len).sum::<f64>();
    let ratio = match (total(source), total(target)) {
        (s, t) if s > 0.0 && t > 0.0 => t / s,
        _ => 1.0,
    };
    if let Some(known) = known_ratio {
        return align_with_ratio(source, target, known);
    }
    let beads = align_with_ratio(source, target, ratio);
    match pair_ratio(source, target, &beads) {
        Some(better) if (better / ratio - 1.0).abs() > 0.05 => {
            align_with_ratio(source, target, better)
        }
        _ => beads,
    }
}

/// The median length ratio of one-to-one pairs, when there are at least two.
pub fn pair_ratio(source: &[Unit], target: &[Unit], beads: &[Bead]) -> Option<f64> {
    let mut ratios: Vec<f64> = beads
        .iter()
        .filter(|b| b.source.len() == 1 && b.target.len() == 1)
        .map(|b| (source[b.source.start].len, target[b.target.start].len))
        .filter(|(ls, lt)| *ls >= 10.0 && *lt > 0.0)
        .map(|(ls, lt)| lt / ls)
        .collect();
    if ratios.len() < 2 {
        return None;
    }
    ratios.sort_by(f64::total_cmp);
    Some(ratios[ratios.len() / 2])
}

fn align_with_ratio(source: &[Unit], target: &[Unit], ratio: f64) -> Vec<Bead> {
    align_by::<true>(source, target, ratio)
}

/// The dynamic programme; `PRUNE` skips moves that cannot win (off only in a test, which
/// checks that the beads are the same).
fn align_by<const PRUNE: bool>(source: &[Unit], target: &[Unit], ratio: f64) -> Vec<Bead> {
    let (n, m) = (source.len(), target.len());
    let band = Band::new(n, m);
    let mut cost = vec![f64::INFINITY; band.cells()];
    let mut back: Vec<u8> = vec![u8::MAX; band.cells()];
    cost[band.index(0, 0).expect("origin is in the band")] = 0.0;
    let priors: [f64; MOVES.len()] = MOVES.map(|(_, _, p)| -p.ln());
    let tails = TailCosts::get();
    // Each unit's length and anchor count side by side: a pairing's sums read them for
    // every cell and move, and a unit holds its anchors' list besides.
    let lengths = |units: &[Unit]| -> Vec<(f64, usize)> {
        units.iter().map(|u| (u.len, u.anchors.len())).collect()
    };
    let (source_lengths, target_lengths) = (lengths(source), lengths(target));
    for i in 0..=n {
        for j in band.columns(i) {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            for (k, &(di, dj, _)) in MOVES.iter().enumerate() {
                if i < di || j < dj {
                    continue;
                }
                let Some(from) = band.index(i - di, j - dj) else {
                    continue;
                };
                if cost[from].is_infinite() {
                    continue;
                }
                let (group, other) = (&source[i - di..i], &target[j - dj..j]);
                let before = cost[from] + priors[k];
                let (ls, source_anchors) = group_sums(&source_lengths[i - di..i]);
                let (lt, target_anchors) = group_sums(&target_lengths[j - dj..j]);
                // A pairing's cost is at least minus the bonus for the anchors it could
                // share: when even that cannot beat the best move so far, its lengths and
                // anchors are not worth comparing (the result is the same; most moves of
                // most cells lose this way).
                let shareable = SHARED_BONUS * source_anchors.min(target_anchors) as f64;
                if PRUNE && before - shareable >= cost[here] {
                    continue;
                }
                let length = if di == 0 || dj == 0 {
                    0.0
                } else {
                    tails.length_cost(ls, lt, ratio)
                };
                // Nor are its anchors when its length cost less that bonus cannot: the
                // anchors' part adds at least minus the bonus, and rounding is monotonic,
                // so the pairing's computed cost is at least this bound's.
                if PRUNE && before + (length - shareable) >= cost[here] {
                    continue;
                }
                let c = before + pair_cost_from(length, group, other);
                if c < cost[here] {
                    cost[here] = c;
                    back[here] = k as u8;
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(k) = band
            .index(i, j)
            .map(|at| back[at])
            .filter(|&k| (k as usize) < MOVES.len())
        else {
            // Unreachable within the band (cannot happen: the band always contains a
            // path); fall back to pairing what is left one to one.
            beads.extend(fallback(i, j));
            break;
        };
        let (di, dj, _) = MOVES[k as usize];
        beads.push(Bead {
            source: i - di..i,
            target: j - dj..j,
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

fn fallback(i: usize, j: usize) -> Vec<Bead> {
    let mut beads: Vec<Bead> = (0..i.max(j))
        .map(|k| Bead {
            source: if k < i { k..k + 1 } else { i..i },
            target: if k < j { k..k + 1 } else { j..j },
        })
        .collect();
    beads.reverse();
    beads
}

/// The total length and anchor count of a group of at most two units: the sums
/// the programme takes, added in the order of the units (as summing their lengths does,
/// so equal to the last bit).
fn group_sums(group: &[(f64, usize)]) -> (f64, usize) {
    match group {
        [] => (-0.0, 0),
        [(len, anchors)] => (*len, *anchors),
        [(a, m), (b, n)] => (a + b, m + n),
        _ => group
            .iter()
            .fold((-0.0, 0), |(len, anchors), (l, a)| (len + l, anchors + a)),
    }
}

/// The cost of pairing a group of source segments with a group of target segments, without
/// the prior, from the pairing's length cost: its anchors' part added.
fn pair_cost_from(length: f64, source: &[Unit], target: &[Unit]) -> f64 {
    if source.is_empty() || target.is_empty() {
        return 0.0;
    }
    let (shared, unshared) = anchor_overlap(source, target);
    let (orphans, barren) = if source.len() > 1 {
        (orphan_count(source, target), barren_count(source, target))
    } else if target.len() > 1 {
        (orphan_count(target, source), barren_count(target, source))
    } else {
        (0, 0)
    };
    length - SHARED_BONUS * shared as f64
        + UNSHARED_PENALTY * unshared as f64
        + ORPHAN_PENALTY * orphans as f64
        + BARREN_PENALTY * barren as f64
}

/// Units of a merged group without anchors, when the other side has at least two.
fn barren_count(group: &[Unit], other: &[Unit]) -> usize {
    let other_anchors: usize = other.iter().map(|u| u.anchors.len()).sum();
    if other_anchors < 2 {
        return 0;
    }
    group.iter().filter(|u| u.anchors.is_empty()).count()
}

/// Units of a merged group that have anchors, none of which appear on the other side.
fn orphan_count(group: &[Unit], other: &[Unit]) -> usize {
    group
        .iter()
        .filter(|u| !u.anchors.is_empty())
        .filter(|u| anchor_overlap(std::slice::from_ref(*u), other).0 == 0)
        .count()
}

/// −log of the probability of a length mismatch at least this large.
pub fn length_cost(ls: f64, lt: f64, ratio: f64) -> f64 {
    TailCosts::get().length_cost(ls, lt, ratio)
}

/// −ln P(|Z| ≥ x) for a standard normal Z, floored at probability 1e-12.
fn tail_cost_exact(x: f64) -> f64 {
    let p = 2.0 * (1.0 - normal_cdf(x));
    -(p.max(1e-12)).ln()
}

/// Steps per standard deviation in the `tail_cost` table.
const TAIL_STEPS: f64 = 256.0;
/// Past eight standard deviations the probability is under the floor.
const TAIL_END: f64 = 8.0;

/// `tail_cost_exact` at every step up to `TAIL_END` and one past it, computed once: the
/// alignment asks for a tail cost once per cell and move, an exp and a log each time.
/// Fetched once per alignment, not per cost (the once-only check is not free either).
struct TailCosts(Vec<f64>);

impl TailCosts {
    fn get() -> &'static TailCosts {
        static TABLE: std::sync::OnceLock<TailCosts> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            TailCosts(
                (0..=(TAIL_END * TAIL_STEPS) as usize + 1)
                    .map(|i| tail_cost_exact(i as f64 / TAIL_STEPS))
                    .collect(),
            )
        })
    }

    fn length_cost(&self, ls: f64, lt: f64, ratio: f64) -> f64 {
        if ls + lt == 0.0 {
            return 0.0;
        }
        let mean = ((ls + lt / ratio) / 2.0).max(1.0);
        let delta = (lt - ls * ratio) / (mean * VARIANCE).sqrt();
        self.tail_cost(delta.abs())
    }

    /// `tail_cost_exact` with linear interpolation (error under 1e-4 where the formula
    /// itself is exact to that, under 5σ).
    fn tail_cost(&self, x: f64) -> f64 {
        let table = &self.0;
        // NaN (a zero-length pair cannot give one, but be safe) counts as far out. The
        // step at `TAIL_END` is `tail_cost_exact(TAIL_END)` (8 × 256 steps is exact).
        if x.is_nan() || x >= TAIL_END {
            return table[(TAIL_END * TAIL_STEPS) as usize];
        }
        let at = x * TAIL_STEPS;
        let i = at as usize;
        let fraction = at - i as f64;
        table[i] + (table[i + 1] - table[i]) * fraction
    }
}

/// How many standard deviations a pair's length is from the expected ratio.
pub fn length_deviation(ls: f64, lt: f64, ratio: f64) -> f64 {
    let mean = ((ls + lt / ratio) / 2.0).max(1.0);
    (lt - ls * ratio) / (mean * VARIANCE).sqrt()
}

/// Anchors found on both sides (as a multiset) and anchors found on one side only.
/// Each unit's anchors are sorted; groups hold at most two units, merged on the fly so the
/// inner loop of the programme allocates nothing.
fn anchor_overlap(source: &[Unit], target: &[Unit]) -> (usize, usize) {
    // Most pairings are one unit with one: two sorted lists, merged directly.
    if let ([a], [b]) = (source, target) {
        return overlap_of_lists(&a.anchors, &b.anchors);
    }
    overlap_of_groups(source, target)
}

/// `anchor_overlap` of two units.
fn overlap_of_lists(a: &[u64], b: &[u64]) -> (usize, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (shared, a.len() + b.len() - 2 * shared)
}

/// `anchor_overlap` of groups of any size (up to four units).
fn overlap_of_groups(source: &[Unit], target: &[Unit]) -> (usize, usize) {
    let mut a = SortedGroup::new(source);
    let mut b = SortedGroup::new(target);
    let total = a.len() + b.len();
    let mut shared = 0;
    let (mut x, mut y) = (a.next(), b.next());
    while let (Some(p), Some(q)) = (x, y) {
        match p.cmp(&q) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                x = a.next();
                y = b.next();
            }
            std::cmp::Ordering::Less => x = a.next(),
            std::cmp::Ordering::Greater => y = b.next(),
        }
    }
    (shared, total - 2 * shared)
}

/// The anchors of a group of units in sorted order (a k-way merge of sorted lists).
struct SortedGroup<'a> {
    lists: &'a [Unit],
    positions: [usize; 4],
}

impl<'a> SortedGroup<'a> {
    fn new(lists: &'a [Unit]) -> Self {
        debug_assert!(lists.len() <= 4);
        SortedGroup {
            lists,
            positions: [0; 4],
        }
    }

    fn len(&self) -> usize {
        self.lists.iter().map(|u| u.anchors.len()).sum()
    }
}

impl Iterator for SortedGroup<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let (index, value) = self
            .lists
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.anchors.get(self.positions[i]).map(|v| (i, *v)))
            .min_by_key(|(_, v)| *v)?;
        self.positions[index] += 1;
        Some(value)
    }
}

/// Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// The cells of the dynamic programme kept: a band around the diagonal wide enough for the
/// difference in segment counts plus room for local splits and omissions.
struct Band {
    /// Start index of each row in the flat arrays, and one past the last.
    offsets: Vec<usize>,
    /// The columns kept in each row.
    rows: Vec<Range<usize>>,
}

impl Band {
    fn new(n: usize, m: usize) -> Band {
        // Wide enough for the difference in counts plus local slack, but within a memory
        // budget: two very different documents get a narrower band (still connected, as
        // the band follows the diagonal), not gigabytes of table.
        const CELL_BUDGET: usize = 40_000_000;
        let affordable = (CELL_BUDGET / (2 * n + 2)).max(24);
        let width = (n.abs_diff(m) + 24).min(affordable);
        let rows: Vec<Range<usize>> = (0..=n)
            .map(|i| {
                let center = (i as f64 * m as f64 / n as f64).round() as usize;
                center.saturating_sub(width)..(center + width + 1).min(m + 1)
            })
            .collect();
        let mut offsets = Vec::with_capacity(n + 2);
        let mut at = 0;
        for row in &rows {
            offsets.push(at);
            at += row.end - row.start;
        }
        offsets.push(at);
        Band { offsets, rows }
    }

    fn columns(&self, i: usize) -> Range<usize> {
        self.rows[i].clone()
    }

    fn cells(&self) -> usize {
        *self.offsets.last().unwrap_or(&0)
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let cols = &self.rows[i];
        cols.contains(&j).then(|| self.offsets[i] + j - cols.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units() -> impl Strategy<Value = Vec<Unit>> {
        proptest::collection::vec(
            (1.0..200.0f64, proptest::collection::vec(0..6u64, 0..4)).prop_map(
                |(len, mut anchors)| {
                    anchors.sort_unstable();
                    Unit { len, anchors }
                },
            ),
            0..40,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Two units' lists merged directly share what the group merge finds.
        #[test]
        fn unit_overlap_equals_the_group_merge(
            a in proptest::collection::vec(0..8u64, 0..6),
            b in proptest::collection::vec(0..8u64, 0..6),
        ) {
            let unit = |mut anchors: Vec<u64>| {
                anchors.sort_unstable();
                Unit { len: 1.0, anchors }
            };
            let (a, b) = (unit(a), unit(b));
            prop_assert_eq!(
                overlap_of_lists(&a.anchors, &b.anchors),
                overlap_of_groups(std::slice::from_ref(&a), std::slice::from_ref(&b))
            );
        }

        /// A group's length and anchor count, from the flat table, are those of its units:
        /// summed as an iterator sums them, bit for bit.
        #[test]
        fn group_sums_are_the_units_sums(group in units(), at in 0usize..40, size in 0usize..3) {
            let group = &group[at.min(group.len())..(at + size).min(group.len())];
            let flat: Vec<(f64, usize)> = group.iter().map(|u| (u.len, u.anchors.len())).collect();
            let (len, anchors) = group_sums(&flat);
            prop_assert_eq!(len.to_bits(), group.iter().map(|u| u.len).sum::<f64>().to_bits());
            prop_assert_eq!(anchors, group.iter().map(|u| u.anchors.len()).sum::<usize>());
        }

        /// Skipping the moves that cannot win changes no bead.
        #[test]
        fn pruning_keeps_every_bead(source in units(), target in units(), ratio in 0.5..2.0f64) {
            prop_assume!(!source.is_empty() && !target.is_empty());
            prop_assert_eq!(
                align_by::<true>(&source, &target, ratio),
                align_by::<false>(&source, &target, ratio)
            );
        }
    }

    fn unit(len: f64, anchors: &[u64]) -> Unit {
        Unit {
            len,
            anchors: anchors.to_vec(),
        }
    }

    fn pairs(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
        beads
            .iter()
            .map(|b| (b.source.clone(), b.target.clone()))
            .collect()
    }

    #[test]
    fn the_tail_cost_table_matches_the_formula() {
        for i in 0..20_000 {
            let x = i as f64 / 2_000.0;
            let (table, exact) = (TailCosts::get().tail_cost(x), tail_cost_exact(x));
            // Far in the tail the formula itself loses digits (1 − Φ(x) by subtraction) and
            // meets its floor (a kink the interpolation rounds off).
            let tolerance = if x < 5.0 { 1e-4 } else { 1e-2 };
            assert!((table - exact).abs() < tolerance, "{x}: {table} vs {exact}");
        }
        assert_eq!(
            TailCosts::get().tail_cost(f64::NAN),
            tail_cost_exact(TAIL_END)
        );
        assert_eq!(TailCosts::get().tail_cost(9.0), tail_cost_exact(TAIL_END));
    }

    #[test]
    fn one_to_one() {
        let s = [unit(100.0, &[1]), unit(50.0, &[]), unit(80.0, &[2])];
        let t = [unit(110.0, &[1]), unit(55.0, &[]), unit(90.0, &[2])];
        assert_eq!(
            pairs(&align(&s, &t)),
            [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]
        );
    }

    #[test]
    fn dropped_sentence() {
        let s = [unit(100.0, &[1]), unit(90.0, &[7, 8]), unit(80.0, &[2])];
        let t = [unit(105.0, &[1]), unit(85.0, &[2])];
        assert_eq!(
            pairs(&align_with(&s, &t, Some(1.05))),
            [(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]
        );
    }

    #[test]
    fn added_sentence() {
        let s = [unit(100.0, &[1]), unit(80.0, &[2])];
        let t = [unit(105.0, &[1]), unit(95.0, &[9]), unit(85.0, &[2])];
        assert_eq!(
            pairs(&align_with(&s, &t, Some(1.05))),
            [(0..1, 0..1), (1..1, 1..2), (1..2, 2..3)]
        );
    }

    #[test]
    fn merged_and_split_sentences() {
        // Two source sentences become one target sentence, then one becomes two.
        let s = [
            unit(60.0, &[1]),
            unit(50.0, &[2]),
            unit(120.0, &[3, 4]),
            unit(70.0, &[5]),
        ];
        let t = [
            unit(115.0, &[1, 2]),
            unit(60.0, &[3]),
            unit(62.0, &[4]),
            unit(72.0, &[5]),
        ];
        assert_eq!(
            pairs(&align(&s, &t)),
            [(0..2, 0..1), (2..3, 1..3), (3..4, 3..4)]
        );
    }

    #[test]
    fn scripts_with_different_lengths_use_the_document_ratio() {
        // The target language writes everything 40% shorter.
        let s: Vec<Unit> = [100.0, 40.0, 150.0, 60.0]
            .iter()
            .map(|&l| unit(l, &[]))
            .collect();
        let t: Vec<Unit> = s.iter().map(|u| unit(u.len * 0.6, &[])).collect();
        let beads = align(&s, &t);
        assert!(beads
            .iter()
            .all(|b| b.source.len() == 1 && b.target.len() == 1));
    }

    #[test]
    fn empty_sides() {
        assert_eq!(pairs(&align(&[], &[unit(1.0, &[])])), [(0..0, 0..1)]);
        assert_eq!(pairs(&align(&[unit(1.0, &[])], &[])), [(0..1, 0..0)]);
        assert!(align(&[], &[]).is_empty());
    }

    #[test]
    fn beads_cover_every_segment_once_in_order() {
        let s: Vec<Unit> = (0..300)
            .map(|i| unit(40.0 + (i % 7) as f64 * 10.0, &[i as u64]))
            .collect();
        let mut t: Vec<Unit> = s.clone();
        t.remove(150);
        t.insert(40, unit(70.0, &[9999]));
        let beads = align(&s, &t);
        let (mut si, mut ti) = (0, 0);
        for b in &beads {
            assert_eq!(b.source.start, si);
            assert_eq!(b.target.start, ti);
            si = b.source.end;
            ti = b.target.end;
        }
        assert_eq!((si, ti), (300, 300));
        let around: Vec<_> = beads
            .iter()
            .filter(|b| (145..156).contains(&b.source.start))
            .collect();
        assert!(
            beads.contains(&Bead {
                source: 150..151,
                target: 151..151
            }),
            "{around:?}"
        );
        assert!(
            beads.contains(&Bead {
                source: 40..40,
                target: 40..41
            }),
            "{:?}",
            &beads[35..45]
        );
    }
}
