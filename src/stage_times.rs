//! Where the full pipeline's time goes, stage by stage (the archive benchmark's `--only
//! stages`).
//!
//! A profile spreads a stage over the many functions it inlines, and switching a stage off
//! changes what the next one finds; a clock around each stage call says plainly how many
//! CPU-seconds each took. Built only with the `stage-times` feature: without it `time` is
//! the call itself, and the counters do not exist.
//!
//! A clock counts wall time on its thread, which is CPU time while the thread is not
//! descheduled (the benchmark prints the host's steal beside it). None of the timed calls
//! makes a rayon call of its own, so no thread runs another stage's work (stolen while
//! waiting) inside a clock: a stage's figure is its own.

/// The timed stages, each a call made once per version (per pair of versions for `Align`).
/// `Match`, `NearMiss`, `Anchors`, `Segment` and `Words` are parts of `Analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading a set's files and building their documents (decoding, normalizing), `Read`
    /// included.
    Load,
    /// Reading a file's bytes (open, read, close; the wait for a file outside the page
    /// cache included).
    Read,
    /// The analysis of one version, the five stages below included.
    Analyze,
    /// Glossary forms found by the automata and their grammar checks.
    Match,
    /// Runs of words listed and looked up for near misses.
    NearMiss,
    /// Numbers, dates and quotes.
    Anchors,
    /// Paragraphs and sentences.
    Segment,
    /// The words and digits of the normalized text, found once for the stages that read them.
    Words,
    /// Each sentence's facts, for the alignment and the drift checks.
    Facts,
    /// A version's units for the aligner.
    AlignUnits,
    /// A version aligned with the source.
    Align,
    /// The rules run over a set.
    Checks,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Load,
        Stage::Read,
        Stage::Analyze,
        Stage::Match,
        Stage::NearMiss,
        Stage::Anchors,
        Stage::Segment,
        Stage::Words,
        Stage::Facts,
        Stage::AlignUnits,
        Stage::Align,
        Stage::Checks,
    ];

    /// The stage whose time holds this one's, if any.
    pub fn part_of(self) -> Option<Stage> {
        match self {
            Stage::Read => Some(Stage::Load),
            Stage::Match | Stage::NearMiss | Stage::Anchors | Stage::Segment | Stage::Words => {
                Some(Stage::Analyze)
            }
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read files",
            Stage::Load => "load sets",
            Stage::Analyze => "analyze",
            Stage::Match => "match forms",
            Stage::NearMiss => "near misses",
            Stage::Anchors => "anchors",
            Stage::Segment => "segment",
            Stage::Words => "words and digits",
            Stage::Facts => "sentence facts",
            Stage::AlignUnits => "align units",
            Stage::Align => "align",
            Stage::Checks => "checks",
        }
    }
}

// The counters are indexed by a stage's discriminant: `ALL` lists every stage, in order.
const _: () = assert!(Stage::Checks as usize + 1 == Stage::ALL.len());

#[cfg(feature = "stage-times")]
mod counters {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    use super::Stage;

    /// Nanoseconds spent in each stage, summed over every thread.
    static SPENT: [AtomicU64; Stage::ALL.len()] = [const { AtomicU64::new(0) }; Stage::ALL.len()];

    #[inline]
    pub fn time<T>(stage: Stage, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        let spent = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        SPENT[stage as usize].fetch_add(spent, Ordering::Relaxed);
        result
    }

    pub fn take() -> Option<Vec<(Stage, Duration)>> {
        Some(
            Stage::ALL
                .iter()
                .map(|&s| {
                    let nanos = SPENT[s as usize].swap(0, Ordering::Relaxed);
                    (s, Duration::from_nanos(nanos))
                })
                .collect(),
        )
    }
}

#[cfg(not(feature = "stage-times"))]
mod counters {
    use std::time::Duration;

    use super::Stage;

    #[inline(always)]
    pub fn time<T>(_stage: Stage, work: impl FnOnce() -> T) -> T {
        work()
    }

    pub fn take() -> Option<Vec<(Stage, Duration)>> {
        None
    }
}

/// Runs `work`, adding its wall time to `stage`'s count (with the `stage-times` feature;
/// otherwise only runs it). On a thread that is never descheduled, wall time is CPU time.
pub use counters::time;

/// Each stage's time since the last call, summed over all threads; `None` without the
/// `stage-times` feature.
pub use counters::take;

#[cfg(all(test, feature = "stage-times"))]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// The tests that `take` the counts, one at a time (each would zero the other's).
    static TAKING: Mutex<()> = Mutex::new(());

    #[test]
    fn a_stage_counts_the_time_of_its_calls() {
        let _alone = TAKING.lock().unwrap_or_else(|e| e.into_inner());
        take();
        let answer = time(Stage::Segment, || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            42
        });
        assert_eq!(answer, 42);
        // Other tests may add to the counts meanwhile, never take from them.
        let spent = take().expect("the feature is on");
        let segment = spent.iter().find(|(s, _)| *s == Stage::Segment).unwrap().1;
        assert!(
            segment >= std::time::Duration::from_millis(20),
            "{segment:?}"
        );
    }

    /// Checking a set clocks every stage: a stage whose clock was taken out of the
    /// pipeline would stay at zero.
    #[test]
    fn checking_a_set_clocks_every_stage() {
        let _alone = TAKING.lock().unwrap_or_else(|e| e.into_inner());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let glossary =
            crate::glossary::Glossary::load(&root.join("glossaries/mideast-news.csv")).unwrap();
        let plans = crate::discover::plan(
            &[root.join("samples/seed-drift")],
            &crate::discover::Naming::default(),
        )
        .unwrap();
        let en = crate::lang::LangTag::parse("en").unwrap();
        let compiled = crate::engine::compile_for(&glossary, None, &en);
        take();
        let options = crate::engine::CheckOptions::default();
        crate::engine::check_plans(&glossary, &compiled, &plans, &en, options, &|| {}).unwrap();
        let spent = take().expect("the feature is on");
        let idle: Vec<&str> = spent
            .iter()
            .filter(|(_, took)| took.is_zero())
            .map(|(stage, _)| stage.name())
            .collect();
        assert_eq!(idle, Vec::<&str>::new(), "stages never clocked");
    }
}
