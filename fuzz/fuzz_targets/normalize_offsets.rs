//! `normalize` on arbitrary UTF-8. Invariants: every origin is a char boundary of the input
//! and never decreases; the original range of every normalized word is a non-empty,
//! char-aligned range of the input, and those ranges never go backwards.
#![no_main]

use glosscheck::normalize::{is_word_char, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let norm = normalize(s);
    let mut last = 0;
    for i in 0..=norm.text.len() {
        let origin = norm.origin_of(i);
        assert!(origin <= s.len());
        assert!(s.is_char_boundary(origin), "origin_of({i}) = {origin}");
        assert!(origin >= last, "origin_of({i}) = {origin} < {last}");
        last = origin;
    }
    assert_eq!(norm.origin_of(norm.text.len()), s.len());
    let mut previous = 0..0;
    let mut start = None;
    for (i, c) in norm
        .text
        .char_indices()
        .chain(std::iter::once((norm.text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(st), false) => {
                let range = norm.original_range(s, st..i);
                assert!(range.start < range.end && range.end <= s.len(), "{range:?}");
                assert!(s.is_char_boundary(range.start) && s.is_char_boundary(range.end));
                assert!(range.start >= previous.start && range.end >= previous.end);
                previous = range;
                start = None;
            }
            _ => {}
        }
    }
});
