//! Every document loader on arbitrary bytes. Invariants: no panic; every version loaded keeps
//! every byte offset (`text.len() == original().len()`); a location (position, line excerpt,
//! file offset) can be computed for a span between any two char boundaries of `text`.
#![no_main]

#[path = "../shared/formats.rs"]
mod formats;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| formats::check_formats(bytes));
