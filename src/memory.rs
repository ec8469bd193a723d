//! The allocator, and giving back the memory a finished phase freed.
//!
//! The allocator is jemalloc, except under the fuzzers (whose sanitizers watch the system
//! allocator) and where it does not build (MSVC). The checks allocate many small,
//! short-lived vectors per sentence and per version on every thread, and glibc's
//! allocator spent some 7 % of the full pipeline in profiles: with jemalloc the command
//! line checked the 313 MB archive about 5 % faster in alternated runs, at a lower peak RSS
//! (268–282 MB against 275–289 MB). mimalloc was faster still but went over the 300 MB
//! budget (see `docs/performance-history.md`).
//!
//! Loading and compiling a large glossary allocate and free hundreds of megabytes of
//! short-lived strings and tables, on several threads. The allocator keeps freed memory in each
//! thread's arena for reuse, but the threads that check the archive are not the ones that
//! loaded the glossary, so that memory would sit unused, counted in the process's resident
//! size for the whole run. Releasing it between phases keeps the peak near what is live.

#[cfg(all(not(target_env = "msvc"), not(fuzzing)))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Returns freed heap memory to the operating system: jemalloc's arenas purged of their
/// unused pages, or glibc's trimmed where it is the allocator; elsewhere the allocator
/// manages this itself and nothing is done.
pub fn release_freed() {
    #[cfg(all(not(target_env = "msvc"), not(fuzzing)))]
    purge_arenas();
    #[cfg(all(target_os = "linux", target_env = "gnu", fuzzing))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the
    // system; it touches no memory the program holds.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Purges every jemalloc arena of its unused dirty pages; returns `mallctl`'s status (0
/// when done).
#[cfg(all(not(target_env = "msvc"), not(fuzzing)))]
fn purge_arenas() -> i32 {
    // "arena.<MALLCTL_ARENAS_ALL>.purge": jemalloc.h defines MALLCTL_ARENAS_ALL as 4096.
    let name = c"arena.4096.purge";
    // SAFETY: a purge command reads and writes no value (null pointers, length 0), and
    // only returns pages no allocation holds.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        )
    }
}

#[cfg(all(test, not(target_env = "msvc"), not(fuzzing)))]
mod tests {
    /// jemalloc knows the purge command by that name (a misspelt one is refused, ENOENT).
    #[test]
    fn the_arenas_purge() {
        assert_eq!(super::purge_arenas(), 0);
    }
}
