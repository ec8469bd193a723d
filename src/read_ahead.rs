//! Checking an archive's sets in order while threads of their own read the files of the
//! next few sets. An archive re-checked after a glossary change is mostly not in the page
//! cache: each of its small files then waits for the disk, and a thread that checks waits
//! with it. Read ahead on several threads, the waits overlap with each other and with the
//! checks, which then find the files in memory (the whole archive on a cold cache: about
//! 40 % of the run was waiting, see the README's performance section).

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rayon::prelude::*;

use crate::discover::SetPlan;
use crate::document::MAX_INPUT_BYTES;

/// How many sets past the last one taken for checking are read ahead: enough to keep the
/// disk busy, few enough to stay in the page cache (a few megabytes).
const SETS_AHEAD: usize = 64;

/// Threads reading ahead: each waits for one file at a time.
const READERS: usize = 4;

/// `check(i)` for every planned set `i`, on the current thread pool, the sets taken in
/// order; returned in set order.
pub fn check_in_order<T: Send>(plans: &[SetPlan], check: impl Fn(usize) -> T + Sync) -> Vec<T> {
    check_in_order_loading(plans, &load_into_cache, check)
}

/// `check_in_order`, the files read ahead handed to `load` (the page cache's, or a test's).
fn check_in_order_loading<T: Send>(
    plans: &[SetPlan],
    load: &(dyn Fn(&Path) + Sync),
    check: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    // The next set to take for checking, and whether all have been checked.
    let next = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    // The next set to read ahead.
    let to_read = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..READERS.min(plans.len()) {
            scope.spawn(|| read_ahead(plans, &to_read, &next, &finished, load));
        }
        // The readers stop once the checks end, even by a panic (the scope waits for them).
        let _stop_readers = StopOnDrop(&finished);
        let checked = Mutex::new(Vec::with_capacity(plans.len()));
        (0..rayon::current_num_threads())
            .into_par_iter()
            .with_max_len(1)
            .for_each(|_| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= plans.len() {
                        break;
                    }
                    mine.push((i, check(i)));
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
/// set at a time, until the checks are done; the checks then read them from memory. Errors
/// are left for the checks to report; what is not a regular file (a named pipe would block
/// its reader) or is too large to check is not read.
fn read_ahead(
    plans: &[SetPlan],
    to_read: &AtomicUsize,
    next: &AtomicUsize,
    finished: &AtomicBool,
    load: &(dyn Fn(&Path) + Sync),
) {
    loop {
        let j = to_read.fetch_add(1, Ordering::Relaxed);
        if j >= plans.len() {
            return;
        }
        while j >= next.load(Ordering::Relaxed) + SETS_AHEAD {
            if finished.load(Ordering::Relaxed) {
                return;
            }
            // The sets ahead take tens of milliseconds to check: a reader far enough
            // ahead sleeps rather than spins, and wakes seldom (each wake-up takes a core
            // from the checks for a moment).
            std::thread::sleep(Duration::from_millis(2));
        }
        if finished.load(Ordering::Relaxed) {
            return;
        }
        for (path, _) in &plans[j].files {
            let readable =
                std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_INPUT_BYTES);
            if readable {
                load(path);
            }
        }
    }
}

/// Has the kernel read a file into its page cache: on Linux, asked to and not waited for
/// (the reads of many files are then in flight at once, and nothing is copied); elsewhere,
/// read and dropped.
#[cfg(target_os = "linux")]
fn load_into_cache(path: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(file) = std::fs::File::open(path) {
        // SAFETY: the descriptor is open for the call's duration; the advice reads nothing
        // into the program's memory.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
    }
}

#[cfg(not(target_os = "linux"))]
fn load_into_cache(path: &Path) {
    let _ = std::fs::read(path);
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

    /// Each set's files are read ahead, at the latest while it is checked: a check that
    /// waits for its own set's files to have been read finds them read. Named pipes are
    /// not read.
    #[test]
    fn every_regular_file_is_read_ahead() {
        let dir = archive(200, true);
        let plans = plan(&[dir.path().to_path_buf()], &Naming::default()).unwrap();
        let loaded = Mutex::new(std::collections::HashSet::new());
        let load = |path: &Path| {
            assert!(path.is_file(), "{}", path.display());
            loaded.lock().unwrap().insert(path.to_path_buf());
        };
        let gave_up = AtomicBool::new(false);
        let found = check_in_order_loading(&plans, &load, |i| {
            let files: Vec<&Path> = plans[i]
                .files
                .iter()
                .map(|(path, _)| path.as_path())
                .filter(|path| path.is_file())
                .collect();
            let started = std::time::Instant::now();
            while !gave_up.load(Ordering::Relaxed) && started.elapsed() < Duration::from_secs(5) {
                if files.iter().all(|f| loaded.lock().unwrap().contains(*f)) {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            // One wait in vain is enough: the others need not wait too.
            gave_up.store(true, Ordering::Relaxed);
            false
        });
        assert!(found.iter().all(|&read| read));
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
