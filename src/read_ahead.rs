//! Checking an archive's sets in order while threads of their own read the files of the
//! next few sets. An archive re-checked after a glossary change is mostly not in the page
//! cache: each of its small files then waits for the disk, and a thread that checks waits
//! with it. Read ahead on several threads, the waits overlap with each other and with the
//! checks, which then find the files in memory (the whole archive on a cold cache: about
//! 40 % of the run was waiting, see `docs/performance-history.md`).
//!
//! A warm archive needs none of it, and reading ahead costs the checks' cores a few per
//! cent in system calls: the readers start when a check's read finds its file outside the
//! page cache, and stop once they have found the cache holding every file of the last
//! `COLD_STRETCH` sets (see `page_cache`).

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rayon::prelude::*;

use crate::discover::SetPlan;
use crate::document::MAX_INPUT_BYTES;
use crate::page_cache;

/// How many sets past the last one taken for checking are read ahead: enough to keep the
/// disk busy, few enough to stay in the page cache (a few megabytes).
const SETS_AHEAD: usize = 64;

/// Threads reading ahead: each waits for one file at a time.
const READERS: usize = 4;

/// How many sets past a file found outside the page cache are read ahead: a cold archive
/// keeps finding such files, and the readers keep going; once a stretch this long was all
/// in the cache, they wait for a check to find a cold file again.
const COLD_STRETCH: usize = 4 * SETS_AHEAD;

/// How the read-ahead learns what the page cache holds and has it read: the kernel's,
/// or a test's.
trait PageCache: Sync {
    /// Reads so far that found their file outside the cache: a change means that the
    /// checks are reading from disk.
    fn cold_reads(&self) -> usize;
    /// Has a file read into the cache, without waiting, if it is not there; whether it
    /// was not.
    fn fetch_if_cold(&self, path: &Path) -> bool;
}

/// The kernel's page cache.
struct Kernel;

impl PageCache for Kernel {
    fn cold_reads(&self) -> usize {
        page_cache::cold_reads()
    }

    fn fetch_if_cold(&self, path: &Path) -> bool {
        page_cache::fetch_if_cold(path, MAX_INPUT_BYTES)
    }
}

/// `check(i)` for every planned set `i`, on the current thread pool, the sets taken in
/// order; returned in set order.
pub fn check_in_order<T: Send>(plans: &[SetPlan], check: impl Fn(usize) -> T + Sync) -> Vec<T> {
    check_in_order_with(plans, &Kernel, check)
}

/// The sets to check, how far the checks have got and how far reading ahead is wanted,
/// shared by the checking threads and the readers.
struct Progress {
    /// The next set to take for checking.
    next: AtomicUsize,
    /// The next set to read ahead.
    to_read: AtomicUsize,
    /// Sets before this one are read ahead; past it, the readers wait (the archive looked
    /// warm).
    wanted_until: AtomicUsize,
    /// All sets are checked (or a check panicked).
    finished: AtomicBool,
    /// Threads checking: the sets taken last may still be being read.
    checkers: usize,
}

impl Progress {
    /// Sets are wanted read ahead up to `set + COLD_STRETCH`.
    fn want_from(&self, set: usize) {
        self.wanted_until
            .fetch_max(set + COLD_STRETCH, Ordering::Relaxed);
    }
}

/// `check_in_order`, with the page cache given (the kernel's, or a test's).
fn check_in_order_with<T: Send>(
    plans: &[SetPlan],
    cache: &dyn PageCache,
    check: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let progress = Progress {
        next: AtomicUsize::new(0),
        to_read: AtomicUsize::new(0),
        wanted_until: AtomicUsize::new(0),
        finished: AtomicBool::new(false),
        checkers: rayon::current_num_threads(),
    };
    std::thread::scope(|scope| {
        for _ in 0..READERS.min(plans.len()) {
            scope.spawn(|| read_ahead(plans, &progress, cache));
        }
        // The readers stop once the checks end, even by a panic (the scope waits for them).
        let _stop_readers = StopOnDrop(&progress.finished);
        let checked = Mutex::new(Vec::with_capacity(plans.len()));
        (0..rayon::current_num_threads())
            .into_par_iter()
            .with_max_len(1)
            .for_each(|_| {
                let mut mine = Vec::new();
                let mut cold_reads = cache.cold_reads();
                loop {
                    let i = progress.next.fetch_add(1, Ordering::Relaxed);
                    if i >= plans.len() {
                        break;
                    }
                    mine.push((i, check(i)));
                    // A read that waited for the disk (this thread's or another's): the
                    // sets ahead are likely cold too.
                    let now = cache.cold_reads();
                    if now != cold_reads {
                        cold_reads = now;
                        progress.want_from(i + 1);
                    }
                }
                checked.lock().expect("no check panics").extend(mine);
            });
        let mut checked = checked.into_inner().expect("no check panics");
        checked.sort_unstable_by_key(|(i, _)| *i);
        checked.into_iter().map(|(_, result)| result).collect()
    })
}

/// Sets its flag when dropped.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Has the files of the sets after those taken for checking read into the page cache, one
/// set at a time, while reading ahead is wanted, until the checks are done; the checks then
/// read them from memory. Sets taken for checking before the last few are skipped (their
/// checks have read them). Errors are left for the checks to report; what is not a regular
/// file (a named pipe would block its reader) or is too large to check is not read.
fn read_ahead(plans: &[SetPlan], progress: &Progress, cache: &dyn PageCache) {
    loop {
        if progress.finished.load(Ordering::Relaxed) {
            return;
        }
        let j = progress.to_read.load(Ordering::Relaxed);
        if j >= plans.len() {
            return;
        }
        let taken = progress.next.load(Ordering::Relaxed);
        // The last sets taken may still be being read; the sets before them, passed while
        // reading ahead was not wanted, were read by their checks.
        let oldest_open = taken.saturating_sub(progress.checkers);
        if j < oldest_open {
            let _ = progress.to_read.compare_exchange(
                j,
                oldest_open,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
            continue;
        }
        let wanted = j < progress.wanted_until.load(Ordering::Relaxed);
        if !wanted || j >= taken + SETS_AHEAD {
            // The sets ahead take tens of milliseconds to check, and a warm archive may
            // never want reading ahead: a waiting reader sleeps rather than spins, and
            // wakes seldom (each wake-up takes a core from the checks for a moment).
            let nap = if wanted { 2 } else { 10 };
            std::thread::sleep(Duration::from_millis(nap));
            continue;
        }
        // A set is claimed only when it is fetched at once: none is left behind by a
        // reader that slept.
        let claimed =
            progress
                .to_read
                .compare_exchange(j, j + 1, Ordering::Relaxed, Ordering::Relaxed);
        if claimed.is_err() {
            continue;
        }
        // Every file is probed: the page cache drops files one by one as they age, so a
        // set's first file being there says nothing of the others'.
        let mut cold = false;
        for (path, _) in &plans[j].files {
            cold |= cache.fetch_if_cold(path);
        }
        if cold {
            progress.want_from(j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{plan, Naming};

    /// A directory of `sets` article sets, each an English and a French version; with
    /// `pipe`, the first set also has a named pipe named like a version (on Unix).
    fn archive(sets: usize, pipe: bool) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..sets {
            let set = dir.path().join(format!("set{i:03}"));
            std::fs::create_dir(&set).unwrap();
            std::fs::write(set.join("a.en.txt"), format!("Story {i}.")).unwrap();
            std::fs::write(set.join("a.fr.txt"), format!("Histoire {i}.")).unwrap();
        }
        #[cfg(unix)]
        if pipe {
            let fifo = dir.path().join("set000").join("b.en.txt");
            let status = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(status.is_ok_and(|s| s.success()));
        }
        #[cfg(not(unix))]
        let _ = pipe;
        dir
    }

    /// A page cache for the tests: records which sets' files it is asked to fetch and how
    /// many files, and says whether each was cold (by its path); its cold-read count is
    /// bumped by the tests' checks.
    struct Recording {
        set_of: std::collections::HashMap<std::path::PathBuf, usize>,
        fetched: Mutex<std::collections::HashSet<usize>>,
        files_probed: AtomicUsize,
        cold: fn(&Path) -> bool,
        cold_reads: AtomicUsize,
    }

    impl Recording {
        fn new(plans: &[SetPlan], cold: fn(&Path) -> bool) -> Recording {
            let set_of = plans
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.files.iter().map(move |(path, _)| (path.clone(), i)))
                .collect();
            Recording {
                set_of,
                fetched: Mutex::default(),
                files_probed: AtomicUsize::new(0),
                cold,
                cold_reads: AtomicUsize::new(0),
            }
        }

        fn fetched(&self, set: usize) -> bool {
            self.fetched.lock().unwrap().contains(&set)
        }

        /// Waits (up to five seconds) until set `set` was fetched; whether it was.
        fn wait_for(&self, set: usize) -> bool {
            let started = std::time::Instant::now();
            while started.elapsed() < Duration::from_secs(5) {
                if self.fetched(set) {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            false
        }
    }

    impl PageCache for Recording {
        fn cold_reads(&self) -> usize {
            self.cold_reads.load(Ordering::Relaxed)
        }

        fn fetch_if_cold(&self, path: &Path) -> bool {
            self.files_probed.fetch_add(1, Ordering::Relaxed);
            self.fetched.lock().unwrap().insert(self.set_of[path]);
            (self.cold)(path)
        }
    }

    /// `check_in_order_with` on `threads` threads; each check of a set in `cold_at` finds
    /// a file outside the cache, and each check of a set waits until the files of every
    /// set in `wanted` up to it were fetched. Returns the sets whose wait was in vain, and
    /// the sets fetched.
    fn run(
        plans: &[SetPlan],
        cache: &Recording,
        threads: usize,
        cold_at: &[usize],
        wanted: impl Fn(usize) -> bool + Sync,
    ) -> (Vec<usize>, Vec<usize>) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let gave_up = AtomicBool::new(false);
        let missed = pool.install(|| {
            check_in_order_with(plans, cache, |i| {
                if cold_at.contains(&i) {
                    cache.cold_reads.fetch_add(1, Ordering::Relaxed);
                }
                // A check waits for its own set and for every wanted set before it. The
                // readers skip sets whose checks have begun, all but the last `threads`
                // taken: a check racing ahead through sets not waited for would let them
                // skip a set another check is still waiting for.
                // One wait in vain is enough: the others need not wait too.
                if gave_up.load(Ordering::Relaxed) {
                    return None;
                }
                let missed = (0..=i).filter(|&j| wanted(j)).find(|&j| !cache.wait_for(j));
                if missed.is_some() {
                    gave_up.store(true, Ordering::Relaxed);
                }
                missed
            })
        });
        let mut fetched: Vec<usize> = cache.fetched.lock().unwrap().iter().copied().collect();
        fetched.sort_unstable();
        (missed.into_iter().flatten().collect(), fetched)
    }

    /// A cold archive is read ahead from the first check that finds a file outside the
    /// cache to its end (the readers, finding cold files, keep going past
    /// `COLD_STRETCH`): every later set's files are fetched at the latest while it is
    /// checked, but for those already taken when the first cold read was seen.
    #[test]
    fn a_cold_archive_is_read_ahead_to_its_end() {
        let dir = archive(COLD_STRETCH + 150, true);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        for threads in [1, 2] {
            let cache = Recording::new(&plans, |_| true);
            let (missed, fetched) = run(&plans, &cache, threads, &[0], |i| i > threads);
            assert_eq!(missed, Vec::<usize>::new(), "{threads} threads");
            assert!(
                !fetched.contains(&0),
                "set 0 was read before its cold read was seen"
            );
            // A cold set's files are all fetched.
            let files: usize = fetched.iter().map(|&i| plans[i].files.len()).sum();
            assert_eq!(cache.files_probed.load(Ordering::Relaxed), files);
        }
    }

    /// A warm archive, whose checks never find a file outside the cache, is not read
    /// ahead at all; every set is still checked.
    #[test]
    fn a_warm_archive_is_not_read_ahead() {
        let dir = archive(300, false);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        let cache = Recording::new(&plans, |_| false);
        let checked = check_in_order_with(&plans, &cache, |i| {
            std::thread::sleep(Duration::from_micros(100));
            i
        });
        assert_eq!(checked, (0..plans.len()).collect::<Vec<_>>());
        assert!(cache.fetched.lock().unwrap().is_empty());
    }

    /// Once the readers have found `COLD_STRETCH` sets in the cache after the last cold
    /// read, they stop; the next cold read starts them again.
    #[test]
    fn reading_ahead_stops_where_the_cache_holds_the_files() {
        let dir = archive(2 * COLD_STRETCH + 300, false);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        let again = COLD_STRETCH + 100;
        let threads = 2;
        let first = 1 + threads..=COLD_STRETCH;
        let second = again + 1 + threads..=again + COLD_STRETCH;
        let cache = Recording::new(&plans, |_| false);
        let (missed, fetched) = run(&plans, &cache, threads, &[0, again], |i| {
            first.contains(&i) || second.contains(&i)
        });
        assert_eq!(missed, Vec::<usize>::new());
        let files: usize = fetched.iter().map(|&i| plans[i].files.len()).sum();
        let stray: Vec<usize> = fetched
            .into_iter()
            .filter(|&i| !(1..=COLD_STRETCH).contains(&i))
            .filter(|&i| !(again + 1..=again + COLD_STRETCH).contains(&i))
            .collect();
        assert_eq!(stray, Vec::<usize>::new(), "fetched outside the stretches");
        // A set found in the cache costs a probe per file.
        assert_eq!(cache.files_probed.load(Ordering::Relaxed), files);
    }

    /// The page cache drops files one by one as they age: a set whose first file is there
    /// may have others that are not. Every file is probed, and a set with any cold file
    /// keeps the readers going to the archive's end, as a cold archive does.
    #[test]
    fn a_set_with_any_file_outside_the_cache_is_read_ahead() {
        let dir = archive(COLD_STRETCH + 150, false);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        assert!(plans.iter().all(|p| p.files[0].0.ends_with("a.en.txt")));
        for threads in [1, 2] {
            // Only the French versions, each set's second file, are cold.
            let cache = Recording::new(&plans, |path| path.ends_with("a.fr.txt"));
            let (missed, fetched) = run(&plans, &cache, threads, &[0], |i| i > threads);
            assert_eq!(missed, Vec::<usize>::new(), "{threads} threads");
            let files: usize = fetched.iter().map(|&i| plans[i].files.len()).sum();
            assert_eq!(cache.files_probed.load(Ordering::Relaxed), files);
        }
    }

    /// A check that panics ends the run (the readers waiting ahead stop) instead of
    /// leaving it waiting for them.
    #[test]
    fn a_panicking_check_does_not_hang_the_readers() {
        let dir = archive(300, false);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        let outcome = std::panic::catch_unwind(|| {
            check_in_order(&plans, |i| assert!(i < 10, "a bug in a check"))
        });
        assert!(outcome.is_err());
    }

    /// Every set is checked once, and the results come back in set order, whatever the
    /// number of threads; a named pipe among the files does not hold the readers up.
    #[test]
    fn every_set_is_checked_once_in_order() {
        let dir = archive(150, true);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        assert!(plans.len() >= 150);
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let names = pool.install(|| check_in_order(&plans, |i| plans[i].name.clone()));
            let expected: Vec<String> = plans.iter().map(|p| p.name.clone()).collect();
            assert_eq!(names, expected, "{threads} threads");
        }
    }
}
