//! Asking the processor for a cache line before it is read, where the reads of the hot path
//! go to tables far larger than its caches (the run cache, the fuzzy index) and their
//! addresses are known some work ahead: several lines then come from memory at once instead
//! of one after another.

#[cfg(target_arch = "x86_64")]
pub(crate) fn prefetch<T>(line: *const T) {
    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
    // SAFETY: SSE is part of every x86_64 processor, and a prefetch is a hint that neither
    // reads for the program nor faults, whatever the address.
    unsafe { _mm_prefetch::<_MM_HINT_T0>(line.cast()) };
}

#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn prefetch<T>(_line: *const T) {}
