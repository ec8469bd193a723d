//! Whether a file's bytes are in the kernel's page cache, found out without waiting for
//! the disk, and reading ahead only the files that are not.
//!
//! `glosscheck check` reads an archive's sets in order while threads of their own have
//! the next sets' files read into the page cache (`read_ahead`). On a cold archive that
//! saves most of the waiting; on a warm one (re-checked minutes after the last run, the
//! common case while a glossary is being edited) it is pure cost: the readers' `statx`,
//! `open`, `posix_fadvise` and `close` took about 6 % of the two cores the checks needed
//! on the 313 MB archive. A read that first asks for its bytes without waiting
//! (`preadv2` with `RWF_NOWAIT`) says at no extra cost whether the file was there, and the
//! readers run only while reads find files that were not (see `read_ahead`).

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Reads that found their file outside the page cache, or could not tell, since the
/// program started (every read where the kernel cannot be asked).
static COLD_READS: AtomicUsize = AtomicUsize::new(0);

/// How many reads have found their file outside the page cache so far: a change tells
/// the read-ahead that the archive is being read from disk.
pub fn cold_reads() -> usize {
    COLD_READS.load(Ordering::Relaxed)
}

/// Reads `file` from its current position to its end into `bytes`, `len` being its size
/// as its metadata gave it (`bytes` has room for it); counts the read in `cold_reads`
/// unless every byte was in the page cache.
pub(crate) fn read_to_end(file: &mut File, len: u64, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    if read_to_end_cold(file, len, bytes)? {
        COLD_READS.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

/// `read_to_end`, saying whether the read was cold instead of counting it.
fn read_to_end_cold(file: &mut File, len: u64, bytes: &mut Vec<u8>) -> std::io::Result<bool> {
    let cold = len > 0 && !read_cached(file, len, bytes);
    file.read_to_end(bytes)?;
    Ok(cold)
}

/// Reads what the page cache holds of the file's next `len` bytes into `bytes`' spare
/// capacity, without waiting for the disk; whether that was all of them (a vector with
/// less room says no). False too where the kernel cannot say (an older kernel, a file
/// system without the flag): the caller then reads as usual, from the position this left.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn read_cached(file: &File, len: u64, bytes: &mut Vec<u8>) -> bool {
    use std::os::fd::AsRawFd;
    let wanted = usize::try_from(len).unwrap_or(usize::MAX);
    let spare = bytes.spare_capacity_mut();
    let io = libc::iovec {
        iov_base: spare.as_mut_ptr().cast(),
        iov_len: spare.len().min(wanted),
    };
    // SAFETY: the kernel writes at most `iov_len` bytes into the vector's spare capacity,
    // which `io` describes and nothing else touches during the call; an offset of -1
    // reads from the file's position and moves it, as `read` does.
    let read = unsafe { libc::preadv2(file.as_raw_fd(), &io, 1, -1, libc::RWF_NOWAIT) };
    let Ok(read) = usize::try_from(read) else {
        return false;
    };
    // SAFETY: the kernel initialized the first `read` bytes of the spare capacity.
    unsafe { bytes.set_len(bytes.len() + read) };
    read == wanted
}

#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
fn read_cached(_file: &File, _len: u64, _bytes: &mut Vec<u8>) -> bool {
    false
}

/// Has the kernel read `path` into its page cache if it is a regular file of at most
/// `limit` bytes with a page not there yet, without waiting for it; returns whether it was
/// cold. A file in the cache costs an `open`, a `statx`, a `cachestat` and a `close`, and
/// none of its bytes is read; a named pipe is opened without blocking and left alone.
///
/// Every page is counted, not only the first: this host's page cache drops single pages of
/// a file as they age (a minute after the archive was read, some 1,900 of its 70,000 files
/// had their first page cached and a later one not), and a check reading such a file
/// waits for the disk. Where `cachestat` is missing (Linux before 6.5), the first page is
/// probed with a one-byte read that does not wait.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
pub(crate) fn fetch_if_cold(path: &Path, limit: u64) -> bool {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    else {
        return false;
    };
    let Ok(metadata) = file.metadata() else {
        return false;
    };
    if !metadata.is_file() || metadata.len() > limit {
        return false;
    }
    let cold = match cached_pages(&file) {
        Some(cached) => cached < pages_of(metadata.len()),
        None => !first_page_cached(&file),
    };
    if cold {
        // SAFETY: the descriptor is open for the call's duration; the advice reads
        // nothing into the program's memory.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
    }
    cold
}

/// The pages a file of `len` bytes takes in the page cache.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn pages_of(len: u64) -> u64 {
    // SAFETY: `sysconf` reads a constant of the process.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    len.div_ceil(u64::try_from(page).unwrap_or(4096).max(1))
}

/// `cachestat(2)`'s system call number: the same on every architecture Rust builds Linux
/// programs for, as for every call added since Linux 5.1 (the `libc` crate names it for a
/// few targets only).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
const SYS_CACHESTAT: libc::c_long = 451;

/// `struct cachestat_range` of `<linux/mman.h>`: a length of 0 reaches the file's end.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
#[repr(C)]
struct CacheStatRange {
    off: u64,
    len: u64,
}

/// `struct cachestat` of `<linux/mman.h>`.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
#[repr(C)]
#[derive(Default)]
struct CacheStat {
    nr_cache: u64,
    nr_dirty: u64,
    nr_writeback: u64,
    nr_evicted: u64,
    nr_recently_evicted: u64,
}

/// How many of an open file's pages the page cache holds, counted by the kernel without
/// reading any (`cachestat`); `None` where it cannot say (Linux before 6.5, a file system
/// without a page cache).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn cached_pages(file: &File) -> Option<u64> {
    use std::os::fd::AsRawFd;
    let range = CacheStatRange { off: 0, len: 0 };
    let mut stat = CacheStat::default();
    // SAFETY: the kernel reads `range` and writes `stat`, both valid for the call, and
    // nothing else; the descriptor is open.
    let status = unsafe {
        libc::syscall(
            SYS_CACHESTAT,
            file.as_raw_fd(),
            &raw const range,
            &raw mut stat,
            0u32,
        )
    };
    (status == 0).then_some(stat.nr_cache)
}

/// Whether the first byte of an open file can be read without waiting for the disk: the
/// probe where `cachestat` is missing. A file system that cannot be asked (`EOPNOTSUPP`,
/// `EINVAL`, `ENOSYS`: procfs, sysfs) says no.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn first_page_cached(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    let mut byte = 0u8;
    let io = libc::iovec {
        iov_base: (&raw mut byte).cast(),
        iov_len: 1,
    };
    // SAFETY: the kernel writes at most one byte, into `byte`.
    let read = unsafe { libc::preadv2(file.as_raw_fd(), &io, 1, 0, libc::RWF_NOWAIT) };
    !(read < 0
        && matches!(
            std::io::Error::last_os_error().raw_os_error(),
            Some(libc::EAGAIN | libc::EOPNOTSUPP | libc::EINVAL | libc::ENOSYS)
        ))
}

/// Elsewhere the kernel cannot be asked: every file counts as cold, and is read and
/// dropped (which leaves it in the cache).
#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
pub(crate) fn fetch_if_cold(path: &Path, limit: u64) -> bool {
    let readable = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= limit);
    if readable {
        let _ = std::fs::read(path);
    }
    readable
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A directory beside the sources: on the disk the repository is on, where the page
    /// cache can drop a file (a `/tmp` in memory keeps every file in it).
    fn on_disk() -> tempfile::TempDir {
        tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap()
    }

    /// `bytes` written and synced to `dir/name`, then dropped from the page cache (as far
    /// as the kernel heeds the advice: it may keep a page another core has just touched).
    #[cfg(target_os = "linux")]
    fn evicted(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        use std::os::fd::AsRawFd;
        let path = dir.join(name);
        let mut file = File::create(&path).unwrap();
        file.write_all(bytes).unwrap();
        file.sync_all().unwrap();
        // SAFETY: the descriptor is open; the advice only drops clean cached pages.
        let status =
            unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        assert_eq!(status, 0);
        path
    }

    /// The file's bytes, and whether reading them was cold.
    fn read_all(path: &Path) -> (Vec<u8>, bool) {
        let mut file = File::open(path).unwrap();
        let len = file.metadata().unwrap().len();
        let mut bytes = Vec::with_capacity(len as usize + 1);
        let cold = read_to_end_cold(&mut file, len, &mut bytes).unwrap();
        (bytes, cold)
    }

    /// Whatever the cache holds, every byte is read, once, in order: files of every size
    /// around a page and a cached read's bound, in the cache and evicted from it.
    #[test]
    fn the_whole_file_is_read_cached_or_not() {
        let dir = on_disk();
        for len in [0, 1, 4095, 4096, 4097, 70_000, (1 << 20) + 3] {
            let text: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let cached = dir.path().join(format!("cached-{len}"));
            std::fs::write(&cached, &text).unwrap();
            assert_eq!(read_all(&cached).0, text, "{len} bytes, cached");
            #[cfg(target_os = "linux")]
            {
                let path = evicted(dir.path(), &format!("evicted-{len}"), &text);
                assert_eq!(read_all(&path).0, text, "{len} bytes, evicted");
            }
        }
    }

    /// A file the kernel cannot say is in the cache (procfs and sysfs take no
    /// `RWF_NOWAIT`) counts as cold: its read does, and the probe fetches it unless it is
    /// larger than the limit. A file just read is in the cache: its read is not cold, nor
    /// is it fetched again. (Whether a file dropped from the cache reads cold depends on
    /// the disk: a read without waiting still starts the disk, which may have answered
    /// before the read looks, on a busy core.)
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_outside_the_cache_is_cold() {
        // A regular file whose size is given as a page.
        let sysfs = Path::new("/sys/devices/system/cpu/online");
        let (bytes, cold) = read_all(sysfs);
        assert!(cold);
        assert_eq!(bytes, std::fs::read(sysfs).unwrap());
        assert!(fetch_if_cold(sysfs, u64::MAX));
        assert!(!fetch_if_cold(sysfs, 10), "larger than the limit");
        let dir = on_disk();
        let path = dir.path().join("read.en.txt");
        std::fs::write(&path, "Ismail Haniyeh\n".repeat(1000)).unwrap();
        let _ = read_all(&path);
        assert!(!read_all(&path).1, "a file just read is in the cache");
        assert!(!fetch_if_cold(&path, u64::MAX));
    }

    /// A read that finds only part of its bytes ready, or none, is cold, and still reads
    /// them all, waiting for the rest: a pipe's reading end, whose writer writes half of
    /// the text, then (with `half` false) nothing, and the rest later.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_read_that_must_wait_is_cold_and_whole() {
        use std::os::fd::FromRawFd;
        let text = "Ismail Haniyeh\n".repeat(300);
        for half in [true, false] {
            let mut ends = [0; 2];
            // SAFETY: `pipe` writes two new descriptors into `ends`.
            assert_eq!(unsafe { libc::pipe(ends.as_mut_ptr()) }, 0);
            // SAFETY: both descriptors are new and owned by these files alone.
            let (mut reader, mut writer) =
                unsafe { (File::from_raw_fd(ends[0]), File::from_raw_fd(ends[1])) };
            let cut = if half { text.len() / 2 } else { 0 };
            writer.write_all(&text.as_bytes()[..cut]).unwrap();
            let rest = text.as_bytes()[cut..].to_vec();
            let late = std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(20));
                writer.write_all(&rest).unwrap();
            });
            let mut bytes = Vec::with_capacity(text.len() + 1);
            let cold = read_to_end_cold(&mut reader, text.len() as u64, &mut bytes).unwrap();
            late.join().unwrap();
            assert!(cold, "half: {half}");
            assert_eq!(bytes, text.as_bytes(), "half: {half}");
        }
    }

    /// The running kernel's (major, minor) version, from `uname`.
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    fn kernel_version() -> (u32, u32) {
        // SAFETY: `uname` fills the zeroed struct with NUL-terminated strings.
        let mut names: libc::utsname = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::uname(&mut names) }, 0);
        // SAFETY: `release` is NUL-terminated within its array.
        let release = unsafe { std::ffi::CStr::from_ptr(names.release.as_ptr()) };
        let mut parts = release
            .to_str()
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_digit())
            .map(|n| n.parse().unwrap_or(0));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
    }

    /// A file that kept its first page and lost later ones is cold to the probe, which
    /// counts every page: the one-byte read of the first page (the probe before
    /// `cachestat`, and still where it is missing) took such a file for cached.
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    #[test]
    fn a_file_that_lost_a_later_page_is_cold() {
        use std::os::fd::AsRawFd;
        const PAGES: usize = 64;
        let dir = on_disk();
        let path = dir.path().join("aged.fa.txt");
        let mut file = File::create(&path).unwrap();
        // A page at a time: one write of the whole file may put it in one large folio,
        // which the kernel drops whole or not at all.
        for _ in 0..PAGES {
            file.write_all(&[b'x'; 4096]).unwrap();
        }
        file.sync_all().unwrap();
        let file = File::open(&path).unwrap();
        let _ = std::fs::read(&path).unwrap();
        let Some(cached) = cached_pages(&file) else {
            // Only a kernel older than the call may say nothing: on a newer one, a wrong
            // call number or layout would leave every file to the one-byte probe.
            assert!(
                kernel_version() < (6, 5),
                "cachestat failed on Linux {:?}",
                kernel_version()
            );
            eprintln!("this kernel has no cachestat (Linux 6.5+): nothing to test");
            return;
        };
        assert_eq!(cached, pages_of((PAGES * 4096) as u64), "a file just read");
        assert!(!fetch_if_cold(&path, u64::MAX));
        // The second half dropped (clean pages: the kernel heeds the advice).
        let half = (PAGES / 2 * 4096) as i64;
        // SAFETY: the descriptor is open; the advice only drops clean cached pages.
        let status =
            unsafe { libc::posix_fadvise(file.as_raw_fd(), half, 0, libc::POSIX_FADV_DONTNEED) };
        assert_eq!(status, 0);
        let cached = cached_pages(&file).unwrap();
        assert!(cached < pages_of((PAGES * 4096) as u64), "{cached} pages");
        assert!(first_page_cached(&file), "the first page stays");
        assert!(fetch_if_cold(&path, u64::MAX), "the later pages are missed");
        assert!(!fetch_if_cold(&path, 4096), "larger than the limit");
    }

    /// The read-ahead's probe leaves alone what is not a regular file: a directory, a
    /// missing path, and a named pipe with no writer (opened without blocking).
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_fetched() {
        let dir = on_disk();
        assert!(!fetch_if_cold(dir.path(), u64::MAX));
        assert!(!fetch_if_cold(&dir.path().join("missing.en.txt"), u64::MAX));
        let fifo = dir.path().join("pipe.en.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(status.is_ok_and(|s| s.success()));
        assert!(!fetch_if_cold(&fifo, u64::MAX));
    }
}
