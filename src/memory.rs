//! Giving back the memory a finished phase freed.
//!
//! Loading and compiling a large glossary allocate and free hundreds of megabytes of
//! short-lived strings and tables, on several threads. glibc keeps freed memory in each
//! thread's arena for reuse, but the threads that check the archive are not the ones that
//! loaded the glossary, so that memory would sit unused, counted in the process's resident
//! size for the whole run. Releasing it between phases keeps the peak near what is live.

/// Returns freed heap memory to the operating system (glibc only; elsewhere the allocator
/// manages this itself and nothing is done).
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the
    // system; it touches no memory the program holds.
    unsafe {
        libc::malloc_trim(0);
    }
}
