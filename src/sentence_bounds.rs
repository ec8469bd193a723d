//! UAX #29 sentence boundaries exactly as unicode-segmentation finds them, found faster.
//!
//! The crate classifies every character through a binary search of its tables, which made
//! sentence segmentation the largest step of checking after the glossary itself. Yet a
//! boundary only ever follows a sentence terminator (. ! ? ؟ ۔ 。 …) or a paragraph
//! separator, and whether one does depends only on the text from the letter before the
//! terminator to the first letter after it: the rules look back through closing
//! punctuation and spaces to a terminator, and ahead through anything but a letter, a
//! terminator or a separator. Both stop at a letter. So the text is cut between two
//! adjacent letters, the crate runs only on the stretches holding a character that might
//! be a terminator or a separator, and everything else is known to hold no boundary.
//!
//! Which characters count as letters and which can never be a terminator is written here,
//! so tests check every one of them against the crate's own tables, and random text of
//! every kind of character against the crate's boundaries.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::utf8::{char_at, skip_blocks, two_byte_code};

/// What a character can do to a sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Upper, Lower or OLetter in UAX #29: a cut between two of them changes nothing.
    Letter,
    /// Never a terminator or a separator, but not a letter either (digits, spaces, commas,
    /// quotes, combining marks): no boundary follows it unless a terminator came first.
    Plain,
    /// Might be a terminator or a separator: the crate decides around it.
    Maybe,
}

/// ASCII characters by class: letters; the terminators `.`, `!`, `?` and the separators
/// (line feed, vertical tab, form feed, carriage return) are `Maybe`; the rest `Plain`.
const fn ascii_class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'.' | b'!' | b'?' | b'\n' | 0x0B | 0x0C | b'\r' => Class::Maybe,
        _ => Class::Plain,
    }
}

/// Non-ASCII characters by class, for the scripts of news; anything not listed is `Maybe`.
const fn class_of(c: char) -> Class {
    match c as u32 {
        // Latin-1 and Latin Extended-A letters (not × and ÷).
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x17F => Class::Letter,
        // Greek and Cyrillic letters.
        0x391..=0x3A1 | 0x3A3..=0x3CE | 0x400..=0x481 | 0x48A..=0x4FF => Class::Letter,
        // Hebrew letters; Arabic and Persian letters (not tatweel, harakat or the Urdu
        // full stop ۔ after them).
        0x5D0..=0x5EA | 0x620..=0x63F | 0x641..=0x64A | 0x671..=0x6D3 => Class::Letter,
        // Hiragana, katakana and CJK ideographs.
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF => Class::Letter,
        // No-break space; the Arabic comma, tatweel, harakat and digits; Persian digits.
        0xA0 | 0x60C | 0x640 | 0x64B..=0x669 | 0x6F0..=0x6F9 => Class::Plain,
        // Guillemets; zero-width non-joiner and joiner, direction marks; dashes and curly
        // quotes.
        0xAB | 0xBB | 0x200C..=0x200F | 0x2013 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D => {
            Class::Plain
        }
        _ => Class::Maybe,
    }
}

/// The class and length of the character at byte `i`: ASCII and two-byte characters (most
/// of Greek, Cyrillic, Hebrew, Arabic) decoded in place.
fn class_at(text: &str, i: usize) -> (Class, usize) {
    match char_at(text, i) {
        (c, 1) => (ascii_class(c as u8), 1),
        (c, len) => (class_of(c), len),
    }
}

/// The pieces `text.split_sentence_bound_indices()` yields, as byte ranges.
///
/// From each `Maybe` character (terminators are rare: one every sentence), the crate reads
/// the stretch from the last cut between two letters before it to the first cut after it;
/// the text between stretches is only searched for the next `Maybe` character.
pub fn sentence_pieces(text: &str) -> Vec<Range<usize>> {
    let mut bounds: Vec<usize> = Vec::new();
    // The end of the last stretch: a cut between two letters, or the text's start.
    let mut read_to = 0;
    while let Some(maybe) = next_maybe(text, read_to) {
        let start = last_cut(text, read_to, maybe);
        let (_, len) = class_at(text, maybe);
        let end = first_cut(text, maybe + len);
        crate_bounds(text, start..end, &mut bounds);
        read_to = end;
    }
    let mut pieces = Vec::with_capacity(bounds.len() + 1);
    let mut start = 0;
    for bound in bounds {
        pieces.push(start..bound);
        start = bound;
    }
    if start < text.len() {
        pieces.push(start..text.len());
    }
    pieces
}

/// Where the first `Maybe` character at or after `from` starts: ASCII and two-byte
/// characters from tables, without decoding.
fn next_maybe(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    // Bytes read one by one since the whole blocks were last tried.
    let mut read_alone = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if ASCII_MAYBE & (1 << b) != 0 {
                return Some(i);
            }
            i += 1;
            read_alone += 1;
        } else if b < 0xE0 {
            // Valid UTF-8: a lead byte of two (C2..DF) and its continuation byte.
            let code = two_byte_code(b, bytes[i + 1]) as usize;
            if TWO_BYTE_MAYBE[code / 64] & (1 << (code % 64)) != 0 {
                return Some(i);
            }
            i += 2;
            read_alone += 2;
        } else {
            let (c, len) = char_at(text, i);
            if class_of(c) == Class::Maybe {
                return Some(i);
            }
            i += len;
        }
        // Prose in Latin, Cyrillic, Arabic or Persian: whole blocks without a character
        // that might be `Maybe` are passed over at once, once eight bytes have been read
        // one by one (a stretch shorter than that is not worth a block's test).
        if read_alone >= BYTES_BEFORE_BLOCKS {
            i = plain_blocks(bytes, i);
            read_alone = 0;
        }
    }
    None
}

/// Bytes read one by one before `plain_blocks` is tried.
const BYTES_BEFORE_BLOCKS: usize = 8;

/// Where the whole blocks from `at` (a character boundary after at least one byte) that
/// hold no character that `might_be_maybe` end (`utf8::skip_blocks`), moved back to the
/// start of a character. Out of line, so as not to weigh on the byte loop.
#[inline(never)]
fn plain_blocks(bytes: &[u8], at: usize) -> usize {
    let end = skip_blocks(bytes, at, might_be_maybe);
    // A block may start with the second byte of a two-byte character: its first byte,
    // in the block before, was passed with it only if the pair was plain, so the
    // character is read again whole.
    if end > at && bytes.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
        end - 1
    } else {
        end
    }
}

/// Whether byte `b`, after `before`, may belong to a `Maybe` character: an ASCII `Maybe`
/// byte, a byte of a character of three or four bytes, or the second byte of a two-byte
/// character other than the Latin-1 and Latin Extended-A letters, the Cyrillic letters,
/// and the Arabic and Persian letters, tatweel, harakat, comma and digits (most of a text
/// in those scripts). One test for a whole block, without a branch per byte: a test
/// checks it against the class of every two-byte character.
#[inline(always)]
fn might_be_maybe(b: u8, before: u8) -> bool {
    let ascii_maybe = (b == b'.') | (b == b'!') | (b == b'?') | (b.wrapping_sub(0x0A) < 4);
    let continuation = b & 0xC0 == 0x80;
    let plain_pair = ((before == 0xC3) & (b != 0x97) & (b != 0xB7))
        | (before.wrapping_sub(0xC4) < 2)
        | (before.wrapping_sub(0xD0) < 2)
        | ((before == 0xD2) & (b.wrapping_sub(0x82) >= 8))
        | (before == 0xD3)
        | ((before == 0xD8) & ((b >= 0xA0) | (b == 0x8C)))
        | ((before == 0xD9) & (b.wrapping_sub(0xAA) >= 7))
        | (before == 0xDA)
        | ((before == 0xDB) & ((b <= 0x93) | (b.wrapping_sub(0xB0) < 10)));
    ascii_maybe | (b >= 0xE0) | (continuation & !plain_pair)
}

/// The ASCII `Maybe` characters, a bit each.
const ASCII_MAYBE: u128 = {
    let mut set = 0u128;
    let mut b = 0;
    while b < 0x80 {
        if matches!(ascii_class(b as u8), Class::Maybe) {
            set |= 1 << b;
        }
        b += 1;
    }
    set
};

/// The two-byte `Maybe` characters (U+0080 to U+07FF), a bit each by code point.
static TWO_BYTE_MAYBE: [u64; 32] = {
    let mut set = [0u64; 32];
    let mut code = 0x80;
    while code < 0x800 {
        if let Some(c) = char::from_u32(code) {
            if matches!(class_of(c), Class::Maybe) {
                set[code as usize / 64] |= 1 << (code % 64);
            }
        }
        code += 1;
    }
    set
};

fn is_letter_at(text: &str, i: usize) -> bool {
    class_at(text, i).0 == Class::Letter
}

/// The last cut between two letters after `floor` and before `maybe` (whose character is
/// no letter), or `floor` (itself a cut, or the text's start) if there is none.
fn last_cut(text: &str, floor: usize, maybe: usize) -> usize {
    let mut at = maybe;
    // Whether the character at `at` is a letter.
    let mut letter_after = false;
    while at > floor {
        let before = text[..at]
            .char_indices()
            .next_back()
            .map_or(floor, |(i, _)| i);
        let letter = is_letter_at(text, before);
        if letter && letter_after {
            return at;
        }
        letter_after = letter;
        at = before;
    }
    floor
}

/// The first cut between two letters from `from` on (the character before `from` being no
/// letter), or the text's end.
fn first_cut(text: &str, from: usize) -> usize {
    let mut at = from;
    let mut letter_before = false;
    while at < text.len() {
        let (class, len) = class_at(text, at);
        let letter = class == Class::Letter;
        if letter && letter_before {
            return at;
        }
        letter_before = letter;
        at += len;
    }
    text.len()
}

/// The boundaries the crate finds inside `stretch` (not at its ends: the text's own start
/// and end are no boundary inside it, and the cuts are none).
fn crate_bounds(text: &str, stretch: Range<usize>, bounds: &mut Vec<usize>) {
    let offset = stretch.start;
    bounds.extend(
        text[stretch]
            .split_sentence_bound_indices()
            .map(|(start, _)| offset + start)
            .filter(|&at| at > offset),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_pieces(text: &str) -> Vec<Range<usize>> {
        text.split_sentence_bound_indices()
            .map(|(start, piece)| start..start + piece.len())
            .collect()
    }

    /// Whether the crate puts a boundary anywhere inside `text`.
    fn breaks(text: &str) -> bool {
        crate_pieces(text).len() > 1
    }

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    /// Every character of a class, ASCII included.
    fn chars_of(class: Class) -> impl Iterator<Item = char> {
        every_char().filter(move |&c| class_at(&c.to_string(), 0).0 == class)
    }

    #[test]
    fn pieces_equal_the_crates_on_news_text() {
        for text in [
            "",
            "One sentence",
            "Mr. Haniyeh left. He said: \"No!\" Then? Yes.\nNext line.\r\nAnd one more",
            "قال هنية: «لا». ثم غادر؟ نعم۔ وبعد ذلك...",
            "Он сказал. «Да!» — ответил он… 7 октября 2023 г. в Газе.",
            "他说。然后离开！对吗？",
            "a.b. c.d.  e.\u{2029}f\u{85}g \u{2024}h i\u{3002}j",
            "Upper A.B. Lower a.b 1.2 x. 5 y. (z) w.\u{201d} Q",
        ] {
            assert_eq!(sentence_pieces(text), crate_pieces(text), "{text:?}");
        }
    }

    /// Reading a character in place gives its class and length, for every character.
    #[test]
    fn every_character_is_read_in_place_as_its_class() {
        for c in every_char() {
            let text = format!("{c}x");
            let class = match c.is_ascii() {
                true => ascii_class(c as u8),
                false => class_of(c),
            };
            assert_eq!(class_at(&text, 0), (class, c.len_utf8()), "{c:?}");
        }
    }

    /// The search for `Maybe` characters finds every one, and no other, by its tables.
    #[test]
    fn the_maybe_search_finds_every_maybe_character() {
        for c in every_char() {
            let text = format!("ab{c}x");
            let maybe = class_at(&text, 2).0 == Class::Maybe;
            assert_eq!(next_maybe(&text, 0), maybe.then_some(2), "{c:?}");
        }
    }

    /// The first `Maybe` character at or after `from`, reading every character.
    fn next_maybe_by_characters(text: &str, from: usize) -> Option<usize> {
        text[from..]
            .char_indices()
            .find(|&(i, _)| class_at(text, from + i).0 == Class::Maybe)
            .map(|(i, _)| from + i)
    }

    /// Every ASCII byte and some other characters, after ASCII prose of every length up to
    /// three blocks: the blocks passed over at once stop before each `Maybe` character,
    /// wherever in a block it falls.
    #[test]
    fn ascii_blocks_stop_at_every_maybe_character() {
        let others = ['é', 'ж', 'ا', '\u{85}', '。', '\u{2029}', '\u{1f600}'];
        for c in (0u8..0x80).map(char::from).chain(others) {
            for before in 0..3 * crate::utf8::BLOCK + BYTES_BEFORE_BLOCKS {
                let text = format!("{}{c}{}", &"ab cd ".repeat(10)[..before], "x y".repeat(12));
                assert_eq!(
                    next_maybe(&text, 0),
                    next_maybe_by_characters(&text, 0),
                    "{c:?} after {before} bytes"
                );
            }
        }
    }

    /// The block test passes no byte of a `Maybe` character: no ASCII `Maybe` byte, and no
    /// second byte of a two-byte `Maybe` character after its first (nor any byte of a
    /// longer character).
    #[test]
    fn the_block_test_passes_no_maybe_character() {
        for b in 0u8..0x80 {
            if ascii_class(b) == Class::Maybe {
                assert!(might_be_maybe(b, b'a'), "{b:#04x}");
            }
        }
        let mut passed = 0;
        for code in 0x80u32..0x800 {
            let c = char::from_u32(code).unwrap();
            let mut buffer = [0u8; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let pass = !might_be_maybe(bytes[0], b'a') && !might_be_maybe(bytes[1], bytes[0]);
            if pass {
                assert_ne!(class_of(c), Class::Maybe, "{c:?} U+{code:04X}");
                passed += 1;
            }
        }
        // The letters, harakat, tatweel, comma and digits named in its comment.
        assert!(passed > 600, "{passed}");
        for c in ['\u{800}', '。', '\u{2029}', '\u{1f600}'] {
            let mut buffer = [0u8; 4];
            assert!(might_be_maybe(
                c.encode_utf8(&mut buffer).as_bytes()[0],
                b' '
            ));
        }
    }

    /// Prose of each script without a terminator is passed in whole blocks, to the last
    /// block that fits.
    #[test]
    fn prose_of_each_script_is_passed_in_whole_blocks() {
        for prose in [
            "حزب الله، ٣٤ ",
            "کرانه باختری ۱۴۰۳ ",
            "Хезболлах сказал ",
            "élève Zürich ",
        ] {
            let text = prose.repeat(12);
            let end = plain_blocks(text.as_bytes(), 1);
            assert!(
                end + 2 * crate::utf8::BLOCK > text.len(),
                "{prose:?}: {end}"
            );
            assert!(text.is_char_boundary(end), "{prose:?}");
        }
    }

    /// Every two-byte character and some longer ones, inside prose of each script the
    /// blocks pass whole (Arabic with harakat, Persian, Russian, accented French and
    /// German), at every place across three blocks: the search finds the first `Maybe`
    /// character as reading every character does, and starts no character in its middle.
    #[test]
    fn blocks_of_every_script_stop_at_every_maybe_character() {
        let proses = [
            "بِسْمِ الله حزب اللہ ٣٤ ،",
            "کرانه باختری ۱۴۰۳ می‌شود ",
            "Хезболлах ёж сказал ",
            "élève à Zürich straße ",
        ];
        let longer = ['\u{800}', '。', '\u{2029}', '\u{200c}', '\u{1f600}'];
        let chars = (0x80u32..0x800).filter_map(char::from_u32).chain(longer);
        for c in chars {
            for prose in proses {
                let lead: Vec<char> = prose.chars().cycle().take(64).collect();
                for cut in (0..lead.len()).step_by(3) {
                    let before: String = lead[..cut].iter().collect();
                    let text = format!("{before}{c}{prose}{prose}");
                    for from in [0, before.chars().next().map_or(0, char::len_utf8)] {
                        assert_eq!(
                            next_maybe(&text, from),
                            next_maybe_by_characters(&text, from),
                            "{c:?} U+{:04X} after {cut} characters of {prose:?}",
                            c as u32
                        );
                    }
                }
            }
        }
    }

    /// Whether the crate takes `c` for a letter: Lower (the look-ahead for a lower-case
    /// letter ends on it, and finds one: no boundary before "B") or Upper or OLetter (it
    /// ends there and finds none: a boundary before "b"). A terminator, separator, space,
    /// closing or combining mark would be passed over, or break both.
    fn letter_to_the_crate(c: char) -> bool {
        let lower = !breaks(&format!("x. 1{c}B"));
        let upper_or_other = breaks(&format!("x. 1{c}b"));
        lower != upper_or_other && !breaks(&format!("a{c} B"))
    }

    #[test]
    fn every_letter_is_a_letter_to_the_crate() {
        for c in chars_of(Class::Letter) {
            assert!(letter_to_the_crate(c), "{c:?} U+{:04X}", c as u32);
        }
        // The probe does tell letters from the rest.
        for c in ['1', ' ', ',', '"', ')', '\u{301}', '\u{64e}', '.', '\n'] {
            assert!(!letter_to_the_crate(c), "{c:?}");
        }
    }

    /// No character taken for plain text is a terminator or a separator: a boundary would
    /// follow it.
    #[test]
    fn no_plain_character_ends_a_sentence() {
        for c in chars_of(Class::Plain) {
            assert!(!breaks(&format!("a{c} B")), "{c:?} U+{:04X}", c as u32);
            assert!(!breaks(&format!("a{c}b")), "{c:?} U+{:04X}", c as u32);
        }
        // The probe does find the terminators and separators.
        for c in [
            '.', '!', '?', '\n', '\r', '؟', '۔', '。', '\u{2029}', '\u{85}',
        ] {
            assert!(breaks(&format!("a{c} B")), "{c:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// On text of every kind of character the rules tell apart, in any order.
        #[test]
        fn pieces_equal_the_crates(
            text in "[aBcZé1 \u{a0}\t.!?,;:\"'()\u{ab}\u{bb}\u{201d}\u{2019}\n\r\u{b}\u{c}\u{85}\u{2028}\u{2029}\u{2024}\u{fe52}\u{ff0e}\u{301}\u{200c}\u{200d}\u{200e}\u{ad}\u{640}\u{64e}\u{660}\u{6f1}\u{60c}\u{61f}\u{6d4}ابپیخ\u{5d0}\u{5b0}αΩжЯ中。！\u{ff1f}\u{ff61}\u{2e2e}\u{1f600}-]{0,60}"
        ) {
            prop_assert_eq!(sentence_pieces(&text), crate_pieces(&text));
        }

        /// On mostly ASCII prose, long enough for whole blocks.
        #[test]
        fn the_maybe_search_reads_as_every_character_does(
            text in "([a-z ]{0,40}[.!?\n\r\u{b}\u{c}éж,\u{2029}]?){0,6}",
            from in 0usize..200,
        ) {
            let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            prop_assert_eq!(next_maybe(&text, from), next_maybe_by_characters(&text, from));
        }
    }
}
