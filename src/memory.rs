//! Giving back the memory a finished phase freed.
//!
//! Loading and compiling a large glossary allocate and free hundreds of megabytes of
//! short-lived strings and tables, on several threads. glibc keeps freed memory in each
//! thread's arena for reuse, but the threads that check the archive are not the ones that
//! loaded the glossary, so that memory would sit unused, counted in the process's resident
//! size for the whole run. Releasing it between phases keeps the peak near what is live.

/// Returns freed heap memory to the operating system: jemalloc's arenas purged of their
/// unused pages (see `allocator`), or glibc's trimmed; elsewhere the allocator manages
/// this itself and nothing is done.
pub fn release_freed() {
    #[cfg(not(target_env = "msvc"))]
    if crate::allocator::JEMALLOC {
        // "arena.<MALLCTL_ARENAS_ALL>.purge", every arena's unused dirty pages: jemalloc.h
        // defines MALLCTL_ARENAS_ALL as 4096.
        let name = c"arena.4096.purge";
        // SAFETY: a purge command reads and writes no value (null pointers, length 0),
        // and only returns pages no allocation holds.
        unsafe {
            tikv_jemalloc_sys::mallctl(
                name.as_ptr().cast(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
            );
        }
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the
    // system; it touches no memory the program holds.
    unsafe {
        libc::malloc_trim(0);
    }
}
