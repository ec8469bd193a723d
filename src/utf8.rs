//! Reading UTF-8 in place, for the loops that visit every character of every version:
//! ASCII and two-byte characters (Latin with diacritics, Greek, Cyrillic, Hebrew, Arabic:
//! most characters of most news) are decoded from their bytes, the rest by the standard
//! decoder.

use std::ops::Range;

/// The code point of a two-byte character from its lead byte (0xC2–0xDF) and its
/// continuation byte.
#[inline]
pub(crate) fn two_byte_code(lead: u8, continuation: u8) -> u32 {
    (u32::from(lead & 0x1F) << 6) | u32::from(continuation & 0x3F)
}

/// The length of the character a lead byte starts (1 for a byte that starts none).
#[inline]
pub(crate) fn char_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Bytes tested at once by `skip_blocks`.
pub(crate) const BLOCK: usize = 16;

/// Where the whole blocks of `BLOCK` bytes from `at` (at least 1) in which no byte
/// `stops(byte, the byte before it)` end: each block's test is made at once, without a
/// branch per byte, which the compiler vectorizes. The caller reads the rest byte by byte.
#[inline(always)]
pub(crate) fn skip_blocks(bytes: &[u8], mut at: usize, stops: impl Fn(u8, u8) -> bool) -> usize {
    debug_assert!(at >= 1);
    while at + BLOCK <= bytes.len() {
        let block: &[u8; BLOCK] = bytes[at..at + BLOCK].try_into().expect("a block");
        let before: &[u8; BLOCK] = bytes[at - 1..at - 1 + BLOCK].try_into().expect("a block");
        let mut stop = false;
        for i in 0..BLOCK {
            stop |= stops(block[i], before[i]);
        }
        if stop {
            break;
        }
        at += BLOCK;
    }
    at
}

/// The character starting at byte `at` of `text` (a char boundary), and its length.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    match bytes[at] {
        b if b < 0x80 => (char::from(b), 1),
        // Valid UTF-8: a continuation byte follows, and the code point is a char.
        b @ 0xC2..=0xDF => (
            char::from_u32(two_byte_code(b, bytes[at + 1])).unwrap_or(char::REPLACEMENT_CHARACTER),
            2,
        ),
        _ => {
            let c = text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, c.len_utf8())
        }
    }
}

/// The first byte of a character's UTF-8 (the tests check byte tables with it).
#[cfg(test)]
pub(crate) const fn first_byte(c: char) -> u8 {
    let code = c as u32;
    match code {
        0..=0x7F => code as u8,
        0x80..=0x7FF => (0xC0 | (code >> 6)) as u8,
        0x800..=0xFFFF => (0xE0 | (code >> 12)) as u8,
        _ => (0xF0 | (code >> 18)) as u8,
    }
}

/// How many characters of `text` are not white space (`char::is_whitespace`), counted from
/// its bytes: every byte but a continuation byte starts a character, ASCII white space is
/// six bytes, and the rest is a few sequences led by C2, E1, E2 or E3, found with memchr.
/// Asked of every sentence of every version (its length for the aligner).
pub(crate) fn visible_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let count: usize = bytes
        .chunks(u8::MAX as usize)
        .map(|chunk| {
            // A loop without branches, which the compiler vectorizes, counting in bytes:
            // sixteen lanes to an instruction instead of a counter's two.
            let mut count = 0u8;
            for &b in chunk {
                let starts = (b as i8) >= -0x40;
                let ascii_space = b == b' ' || b.wrapping_sub(b'\t') < 5;
                count += u8::from(starts & !ascii_space);
            }
            usize::from(count)
        })
        .sum();
    let other_space = |at: usize| match &bytes[at..] {
        // U+0085, U+00A0.
        [0xC2, 0x85 | 0xA0, ..] => true,
        // U+1680.
        [0xE1, 0x9A, 0x80, ..] => true,
        // U+2000..U+200A, U+2028, U+2029, U+202F; U+205F.
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] => true,
        // U+3000.
        [0xE3, 0x80, 0x80, ..] => true,
        _ => false,
    };
    count
        - memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes)
            .chain(memchr::memchr_iter(0xE1, bytes))
            .filter(|&at| other_space(at))
            .count()
}

/// Calls `f` with each maximal run of ASCII bytes of `bytes` at least `min_len` long, in
/// order, 64 bytes at a time (`for_each_chunk`, `BitRuns`). A chunk whose runs are all
/// shorter than `min_len` and end inside it (the spaces between the words of a text in
/// another script) is passed over without reading its edges.
pub(crate) fn for_each_ascii_run(bytes: &[u8], min_len: usize, mut f: impl FnMut(Range<usize>)) {
    let min_len = min_len.max(1);
    let mut runs = BitRuns::default();
    let mut long_enough = |run: Range<usize>| {
        if run.len() >= min_len {
            f(run);
        }
    };
    for_each_chunk(bytes, |base, len, masks| {
        let ascii = !masks.high & chunk_bits(len);
        if !runs.is_open() && ascii >> (CHUNK - 1) == 0 {
            // Bit i: bytes i..i + min_len are all ASCII (and inside the chunk).
            let mut long = ascii;
            for k in 1..min_len.min(CHUNK) {
                long &= ascii >> k;
            }
            if long == 0 {
                return;
            }
        }
        runs.feed(base, len, ascii, &mut long_enough);
    });
    runs.finish(bytes.len(), &mut long_enough);
}

/// The bytes a bit-per-byte reading takes at a time.
pub(crate) const CHUNK: usize = 64;

/// What each byte of a 64-byte chunk is, a bit per byte (bit i: byte i).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ChunkMasks {
    /// An ASCII letter or digit.
    pub alnum: u64,
    /// The first byte of a character of several bytes.
    pub leads: u64,
    /// Not ASCII.
    pub high: u64,
}

/// The bits of a chunk's first `len` bytes.
pub(crate) fn chunk_bits(len: usize) -> u64 {
    match len {
        CHUNK => u64::MAX,
        len => (1u64 << len) - 1,
    }
}

/// Calls `f(start, length, masks)` for each 64-byte chunk of `bytes` in order; the last may
/// be shorter, its masks read as if NULs followed it.
#[inline]
pub(crate) fn for_each_chunk(bytes: &[u8], mut f: impl FnMut(usize, usize, ChunkMasks)) {
    for (k, chunk) in bytes.chunks(CHUNK).enumerate() {
        let masks = match <&[u8; CHUNK]>::try_from(chunk) {
            Ok(block) => block_masks(block),
            Err(_) => {
                let mut block = [0u8; CHUNK];
                block[..chunk.len()].copy_from_slice(chunk);
                block_masks(&block)
            }
        };
        f(k * CHUNK, chunk.len(), masks);
    }
}

/// The maximal runs of set bits of a text's chunk masks, fed in order: the runs are read
/// off the bits' edges, a branch per edge rather than per byte.
#[derive(Default)]
pub(crate) struct BitRuns {
    /// The start of the run still open at the next chunk's start, if one is.
    open: Option<usize>,
}

impl BitRuns {
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Feeds the mask of the chunk starting at `base`, `len` bytes long (bits past them are
    /// ignored); calls `f` with each run that ends inside it.
    pub(crate) fn feed(
        &mut self,
        base: usize,
        len: usize,
        mask: u64,
        mut f: impl FnMut(Range<usize>),
    ) {
        let valid = chunk_bits(len);
        let mask = mask & valid;
        let before = (mask << 1) | u64::from(self.open.is_some());
        // Bit i: a run starts at byte i, or the run before ends there.
        let mut edges = ((mask & !before) | (!mask & before)) & valid;
        while edges != 0 {
            let at = base + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            match self.open.take() {
                Some(start) => f(start..at),
                None => self.open = Some(at),
            }
        }
    }

    /// Ends the text at `end`: the run still open, if any, ends there.
    pub(crate) fn finish(self, end: usize, mut f: impl FnMut(Range<usize>)) {
        if let Some(start) = self.open {
            f(start..end);
        }
    }
}

/// `ChunkMasks` of a whole chunk: sixteen bytes per instruction.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_masks(block: &[u8; CHUNK]) -> ChunkMasks {
    use std::arch::x86_64::*;
    let mut masks = ChunkMasks {
        alnum: 0,
        leads: 0,
        high: 0,
    };
    for k in 0..4 {
        // SAFETY: SSE2 is part of every x86_64 processor, and the 16 bytes read lie inside
        // the 64-byte block (an unaligned load).
        let (alnum, leads, high) = unsafe {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast());
            // x < n unsigned, for bytes: min(x, n - 1) == x.
            let below = |x: __m128i, n: u8| {
                _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((n - 1) as i8)), x)
            };
            let letter = below(
                _mm_sub_epi8(
                    _mm_or_si128(v, _mm_set1_epi8(0x20)),
                    _mm_set1_epi8(b'a' as i8),
                ),
                26,
            );
            let digit = below(_mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8)), 10);
            let lead = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0xC0u8 as i8)), v);
            (
                _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16,
                _mm_movemask_epi8(lead) as u16,
                _mm_movemask_epi8(v) as u16,
            )
        };
        masks.alnum |= u64::from(alnum) << (16 * k);
        masks.leads |= u64::from(leads) << (16 * k);
        masks.high |= u64::from(high) << (16 * k);
    }
    masks
}

#[cfg(not(target_arch = "x86_64"))]
fn block_masks(block: &[u8; CHUNK]) -> ChunkMasks {
    block_masks_bytewise(block)
}

/// `block_masks` byte by byte: the other processors' version, and the SSE2 version's
/// reference in a test.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn block_masks_bytewise(block: &[u8; CHUNK]) -> ChunkMasks {
    let bits = |test: fn(u8) -> bool| {
        block
            .iter()
            .enumerate()
            .fold(0, |bits, (i, &b)| bits | (u64::from(test(b)) << i))
    };
    ChunkMasks {
        alnum: bits(|b| b.is_ascii_alphanumeric()),
        leads: bits(|b| b >= 0xC0),
        high: bits(|b| b >= 0x80),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_len_is_every_characters_length_from_its_first_byte() {
        let mut buffer = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let encoded = c.encode_utf8(&mut buffer);
            assert_eq!(
                char_len(encoded.as_bytes()[0]),
                c.len_utf8(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// Calls `check` with every 64-byte block of `x`s but one byte, for every byte value at
    /// every position: the test of each block-wise reading against its byte-by-byte one.
    fn for_each_one_byte_block(mut check: impl FnMut(&[u8; 64])) {
        for b in 0..=255u8 {
            for at in 0..64 {
                let mut block = [b'x'; 64];
                block[at] = b;
                check(&block);
            }
        }
    }

    /// Every character reads back as itself with its length, and its first byte is its
    /// encoding's, whatever comes after it.
    #[test]
    fn every_character_reads_back_in_place() {
        let mut buffer = [0u8; 8];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let len = c.encode_utf8(&mut buffer).len();
            buffer[len] = b'x';
            let text = std::str::from_utf8(&buffer[..=len]).unwrap();
            assert_eq!(char_at(text, 0), (c, len), "U+{:04X}", c as u32);
            assert_eq!(first_byte(c), buffer[0], "U+{:04X}", c as u32);
        }
    }

    /// The runs found 64 bytes at a time are the maximal ASCII runs long enough, read byte
    /// by byte, across chunks' edges and at the text's ends.
    #[test]
    fn ascii_runs_equal_a_byte_by_byte_reading() {
        let reference = |text: &str, min_len: usize| -> Vec<Range<usize>> {
            let bytes = text.as_bytes();
            let mut runs = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let start = i;
                while i < bytes.len() && bytes[i] < 0x80 {
                    i += 1;
                }
                if i - start >= min_len.max(1) {
                    runs.push(start..i);
                }
                i += usize::from(i == start);
            }
            runs
        };
        proptest::proptest!(proptest::prelude::ProptestConfig::with_cases(2048), |(
            text in "([a-c ]{0,70}|[жو]{0,40}){0,6}",
            min_len in 0usize..70,
        )| {
            let mut runs = Vec::new();
            for_each_ascii_run(text.as_bytes(), min_len, |run| runs.push(run));
            proptest::prop_assert_eq!(runs, reference(&text, min_len));
        });
    }

    /// The masks read sixteen bytes at a time equal the byte-by-byte ones, for every byte
    /// at every position.
    #[test]
    fn block_masks_equal_the_bytewise_masks() {
        for_each_one_byte_block(|block| {
            assert_eq!(block_masks(block), block_masks_bytewise(block), "{block:?}")
        });
    }

    /// The characters counted as visible from the bytes are those that are not white
    /// space, for every character alone and in mixed text.
    #[test]
    fn visible_chars_are_the_characters_that_are_not_white_space() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                visible_chars(&text),
                2 + usize::from(!c.is_whitespace()),
                "U+{:04X}",
                c as u32
            );
        }
        proptest::proptest!(|(text in "[a \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200d}\u{2028}-\u{2030}\u{205f}\u{3000}\u{3001}é中ж\u{1f600}]{0,80}")| {
            proptest::prop_assert_eq!(
                visible_chars(&text),
                text.chars().filter(|c| !c.is_whitespace()).count()
            );
        });
    }

    /// Texts longer than the byte counter's 255-byte stretches, with no white space to
    /// hold the count down, across the stretches' edges.
    #[test]
    fn visible_chars_count_long_texts_across_the_counters_stretches() {
        for n in [254, 255, 256, 300, 509, 510, 511, 766, 2000] {
            for unit in ["a", "é", "中", "a b"] {
                let text = unit.repeat(n);
                assert_eq!(
                    visible_chars(&text),
                    text.chars().filter(|c| !c.is_whitespace()).count(),
                    "{unit:?} × {n}"
                );
            }
        }
    }
}
