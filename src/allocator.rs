//! The process's allocator: jemalloc, except under the fuzzers and where it does not build
//! (MSVC).
//!
//! The checks allocate many small, short-lived vectors per sentence and per version on
//! every thread; glibc's allocator spent some 7 % of the full pipeline in profiles. With
//! jemalloc the command line checked the 313 MB archive about 5 % faster in alternated
//! runs, at the same peak RSS (277–282 MB against 275–289 MB). mimalloc was faster still
//! but went over the 300 MB budget (see the README's performance section). The fuzzers
//! keep the system allocator, which their sanitizers watch.

#[cfg(all(not(target_env = "msvc"), not(fuzzing)))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Whether jemalloc is the allocator.
pub(crate) const JEMALLOC: bool = cfg!(all(not(target_env = "msvc"), not(fuzzing)));
