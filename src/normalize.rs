//! Text normalized for matching, with a map back to the original bytes.
//!
//! Matching compares names as a reader would: "Haniyéh" and "Haniyeh", "إسماعيل" with and
//! without harakat, "کرانه" with Persian or Arabic kaf, "al‑Aqsa" with a non-breaking hyphen
//! are the same name. Findings, however, must point at the bytes the author wrote, so every
//! byte of the normalized text remembers which original character produced it.
//!
//! The unit of work is a *cluster*: one starter character and the combining marks that follow
//! it. A cluster is folded as a whole (NFKD, marks dropped for scripts whose marks are
//! optional vowels or accents, case folded, letter variants unified), and every output byte
//! maps to the cluster's first original byte.

use std::ops::Range;

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use crate::utf8::{char_at, for_each_chunk, skip_blocks, two_byte_code, BitRuns, CHUNK};

/// A normalized copy of a text plus the offset map back into it.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the original byte offset of the cluster that produced normalized byte
    /// `i`; `origin[text.len()]` is the original length.
    origin: Vec<u32>,
}

impl Normalized {
    /// The original byte offset where normalized byte `index` came from.
    pub fn origin_of(&self, index: usize) -> usize {
        self.origin[index] as usize
    }

    /// Maps a span of the normalized text to the span of the original text that produced
    /// it: from the first byte of the first cluster to the last byte of the last cluster.
    /// Always char-boundary aligned in `original`.
    pub fn original_range(&self, original: &str, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start] as usize;
        if range.end <= range.start {
            return start..start;
        }
        let last = self.origin[range.end - 1] as usize;
        start..cluster_end(original, last)
    }
}

/// Normalizes a whole text and keeps the offset map.
pub fn normalize(original: &str) -> Normalized {
    assert!(
        original.len() < u32::MAX as usize,
        "texts over 4 GiB are refused by the loader"
    );
    let mut out = Normalized {
        text: String::with_capacity(original.len()),
        origin: Vec::with_capacity(original.len() + 1),
    };
    let mut scratch = String::new();
    let bytes = original.as_bytes();
    let folds = FOLDS.get_or_init(build_folds);
    // The letters of the current run that fold to another (`plain_run`).
    let mut swaps: Vec<u32> = Vec::new();
    let mut start = 0;
    // Runs of characters that fold to themselves (ASCII, two-byte letters), lone ASCII
    // bytes and lone two-byte letters (most characters of most texts) are folded here
    // without cutting clusters; the rest by `fold_cluster`, which would do the same to them.
    while start < bytes.len() {
        let first = bytes[start];
        // `plain_run`'s own test of a run's characters, for the first one: the call is out
        // of line, and an accented Latin letter (most texts' commonest non-run character)
        // would otherwise pay for it.
        let may_run = PLAIN_ASCII[usize::from(first)]
            || ((0xC2..0xE0).contains(&first)
                && (folds.keeps(first, bytes[start + 1]) || folds.swaps(first, bytes[start + 1])));
        if let Some(end) = may_run
            .then(|| plain_run(original, start, out.text.ends_with(' '), folds, &mut swaps))
            .flatten()
        {
            // The letters that fold to another, each from the table; the rest copied.
            let mut from = start;
            for &swap in &swaps {
                let swap = swap as usize;
                copy_plain(&mut out, original, from, swap);
                let c = original[swap..swap + 2].chars().next().unwrap_or(' ');
                out.text.push_str(folds.get(c).unwrap_or_default());
                out.origin.resize(out.text.len(), swap as u32);
                from = swap + 2;
            }
            copy_plain(&mut out, original, from, end);
            start = end;
            continue;
        }
        if first >= 0x80 {
            if first < 0xE0 && !joins_at(original, start + 2) {
                let c = original[start..start + 2].chars().next().unwrap_or(' ');
                if let Some(folded) = folds.get(c) {
                    out.text.push_str(folded);
                    out.origin.resize(out.text.len(), start as u32);
                    start += 2;
                    continue;
                }
            } else if first == 0xE2 && !joins_at(original, start + 3) {
                if let Some(fold) = folds.punctuation(bytes[start + 1], bytes[start + 2]) {
                    match fold {
                        PunctuationFold::Space => push_space(&mut out.text),
                        PunctuationFold::Text(folded) => out.text.push_str(folded),
                    }
                    out.origin.resize(out.text.len(), start as u32);
                    start += 3;
                    continue;
                }
            }
        } else if first != 0 && !joins_at(original, start + 1) {
            match first {
                b'A'..=b'Z' => out.text.push(char::from(first.to_ascii_lowercase())),
                b'`' => out.text.push('\''),
                b if b.is_ascii_whitespace() => push_space(&mut out.text),
                b => out.text.push(char::from(b)),
            }
            out.origin.resize(out.text.len(), start as u32);
            start += 1;
            continue;
        }
        let end = cluster_end(original, start);
        fold_cluster(&original[start..end], &mut out.text, &mut scratch);
        out.origin.resize(out.text.len(), start as u32);
        start = end;
    }
    out.origin.push(original.len() as u32);
    out
}

/// Appends `original[from..to]`, characters that fold to themselves or, ASCII capitals,
/// to lower case, each mapped to its own first byte.
fn copy_plain(out: &mut Normalized, original: &str, from: usize, to: usize) {
    let at = out.text.len();
    out.text.push_str(&original[from..to]);
    out.text[at..].make_ascii_lowercase();
    // A two-byte letter's second byte maps to its first, as a cluster's bytes do.
    out.origin.extend(
        (from as u32..)
            .zip(&original.as_bytes()[from..to])
            .map(|(i, &b)| i - u32::from(b & 0xC0 == 0x80)),
    );
}

/// The end of a run of characters from `start` that fold to themselves (or, ASCII
/// capitals, to lower case), each a cluster of its own: ASCII letters, digits, punctuation
/// and single spaces, and the two-byte letters the fold table keeps as they are (most of a
/// text in Arabic, Hebrew, lower-case Cyrillic or Greek). Copied whole: most of a text is
/// such runs. `None` unless the run holds two characters; it loses its last character if a
/// combining mark follows. `after_space` says whether the output so far ends with a space
/// (a space after it is dropped, so it cannot start a run).
#[inline(never)]
fn plain_run(
    text: &str,
    start: usize,
    after_space: bool,
    folds: &Folds,
    swaps: &mut Vec<u32>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    swaps.clear();
    let mut end = start;
    // A space starts a run only where the output does not end with one.
    if bytes[start] == b' ' {
        if after_space {
            return None;
        }
        end += 1;
    }
    loop {
        // From here on, a space is never the run's first byte: the one before it is read.
        let plain_at = |at: usize| {
            let b = bytes[at];
            PLAIN_ASCII[usize::from(b)] && !(b == b' ' && bytes[at - 1] == b' ')
        };
        // Eight bytes one by one: most ASCII stretches end sooner (the spaces between Arabic
        // or Cyrillic words). A longer one (Latin-script prose) goes on sixteen bytes at a
        // time, and one by one again for its last bytes.
        let first_bytes = (end + 8).min(bytes.len());
        while end < first_bytes && plain_at(end) {
            end += 1;
        }
        if end == first_bytes {
            end = plain_blocks(bytes, end);
            while end < bytes.len() && plain_at(end) {
                end += 1;
            }
        }
        let letters = end;
        while let Some(&b) = bytes.get(end) {
            if !(0xC2..0xE0).contains(&b) {
                break;
            }
            // Most letters are kept: one table read for them.
            if !folds.keeps(b, bytes[end + 1]) {
                if !folds.swaps(b, bytes[end + 1]) {
                    break;
                }
                swaps.push(end as u32);
            }
            end += 2;
        }
        if end == letters {
            break;
        }
    }
    // Two characters at least: one alone is folded as quickly where it is.
    if end - start < 2 || (end - start == 2 && bytes[start] >= 0x80) {
        return None;
    }
    // The last character is a cluster of its own only if no combining mark follows it.
    if joins_at(text, end) {
        end -= if bytes[end - 1] < 0x80 { 1 } else { 2 };
        if swaps.last() == Some(&(end as u32)) {
            swaps.pop();
        }
    }
    Some(end)
}

/// Where the plain ASCII from `end` (after at least one byte of it) stops being whole
/// blocks (`utf8::skip_blocks`): the byte loop's test made of a block at once. Out of line,
/// so as not to weigh on the short stretches' path.
#[inline(never)]
fn plain_blocks(bytes: &[u8], end: usize) -> usize {
    skip_blocks(bytes, end, |b, before| {
        !is_plain_ascii(b) | ((b == b' ') & (before == b' '))
    })
}

/// `PLAIN_ASCII` by arithmetic, for the block-wise test: the printable ASCII bytes (the
/// space to the tilde) but the backtick.
fn is_plain_ascii(b: u8) -> bool {
    (b.wrapping_sub(b' ') <= b'~' - b' ') & (b != b'`')
}

/// The ASCII bytes that fold to themselves or, capitals, to their lower case, each a
/// cluster of its own (the rest of the 256, `false`): letters, digits, punctuation but the
/// backtick, the space.
static PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        table[b] = c != b'`'
            && (c.is_ascii_alphabetic()
                || c.is_ascii_digit()
                || c.is_ascii_punctuation()
                || c == b' ');
        b += 1;
    }
    table
};

/// Whether the character at `at` (a char boundary) joins the cluster before it.
fn joins_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b < 0x80 => b == 0,
        Some(_) => text[at..].chars().next().is_some_and(joins_cluster),
    }
}

/// Normalizes a short string (a glossary form, a suffix) without keeping the map.
pub fn normalize_str(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    normalize_into(s, &mut text);
    text
}

/// `normalize_str` appended to `out` (patterns are written end to end into one buffer).
pub fn normalize_into(s: &str, out: &mut String) {
    let begin = out.len();
    let mut scratch = String::new();
    for_each_cluster(s, |_, cluster| fold_cluster(cluster, out, &mut scratch));
    // A form never starts or ends with a separator.
    let end = out.trim_end_matches(' ').len().max(begin);
    out.truncate(end);
    let leading = out[begin..].len() - out[begin..].trim_start_matches(' ').len();
    out.drain(begin..begin + leading);
}

/// Whether a normalized character belongs inside a word.
pub fn is_word_char(c: char) -> bool {
    // Called for every character of every version: the alphabets most news is written in
    // (Latin, Greek, Cyrillic, Hebrew, Arabic) are answered from a table instead of the
    // standard library's binary search over all of Unicode.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match TABLES.get_or_init(build_tables).get(c) {
        Some((word, _)) => word,
        None => is_word_char_slow(c),
    }
}

/// Reads word characters in place, for the scans that find every word of a version:
/// ASCII and the two-byte alphabets are classed from the table (fetched once per scan
/// rather than once per character), the rest by `is_word_char`.
#[derive(Clone, Copy)]
pub struct WordReader {
    word: &'static [u64; TABLE_SIZE / 64],
}

impl WordReader {
    pub fn new() -> WordReader {
        WordReader {
            word: &TABLES.get_or_init(build_tables).word,
        }
    }

    fn word_code(&self, code: usize) -> bool {
        in_set(self.word, code)
    }

    /// Whether the character at `at` (a character boundary) is a word's, and its length.
    #[inline]
    pub fn at(&self, text: &str, at: usize) -> (bool, usize) {
        let bytes = text.as_bytes();
        match bytes[at] {
            b if b < 0x80 => (self.word_code(usize::from(b)), 1),
            // Valid UTF-8: a continuation byte follows.
            b @ 0xC2..=0xDF => (self.word_code(two_byte_code(b, bytes[at + 1]) as usize), 2),
            _ => {
                let (c, len) = char_at(text, at);
                (is_word_char(c), len)
            }
        }
    }

    /// Where the word characters from `at` end (`at` itself if there is none there).
    #[inline]
    pub fn word_end(&self, text: &str, mut at: usize) -> usize {
        let bytes = text.as_bytes();
        loop {
            // Runs of ASCII letters and digits, most of most words, byte by byte.
            while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                at += 1;
            }
            if at == bytes.len() || bytes[at] < 0x80 {
                return at;
            }
            let (word, len) = self.at(text, at);
            if !word {
                return at;
            }
            at += len;
        }
    }
}

impl Default for WordReader {
    fn default() -> WordReader {
        WordReader::new()
    }
}

/// The word runs of a text (maximal runs of word characters), 64 bytes at a time
/// (`utf8::for_each_chunk`, `utf8::BitRuns`): a bit per byte for the bytes of word
/// characters (ASCII letters and digits without a branch per byte, the other characters
/// one by one from the table), then the runs read off the bits' edges. Words end every few
/// bytes in news, and reading byte by byte mispredicts a branch at nearly every edge.
pub fn word_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let word_set = &TABLES.get_or_init(build_tables).word;
    let bytes = text.as_bytes();
    // About one word per six bytes in the scripts of news.
    let mut spans = Vec::with_capacity(bytes.len() / 6);
    let mut runs = BitRuns::default();
    // Word bits of the chunk's first bytes that belong to a character begun before it.
    let mut carried = 0u64;
    for_each_chunk(bytes, |base, len, masks| {
        let mut word = masks.alnum | carried;
        carried = 0;
        let mut leads = masks.leads;
        while leads != 0 {
            let p = leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let at = base + p;
            let (is_word, len) = match bytes[at] {
                // Valid UTF-8: a continuation byte follows.
                lead @ 0xC2..=0xDF => (
                    in_set(word_set, two_byte_code(lead, bytes[at + 1]) as usize),
                    2,
                ),
                _ => {
                    let (c, len) = char_at(text, at);
                    (is_word_char(c), len)
                }
            };
            let bits = u128::from(is_word) * (((1u128 << len) - 1) << p);
            word |= bits as u64;
            carried |= (bits >> CHUNK) as u64;
        }
        runs.feed(base, len, word, |span| spans.push(span));
    });
    runs.finish(bytes.len(), |span| spans.push(span));
    spans
}

/// `char::is_lowercase`, from a table for the two-byte alphabets: asked of most words'
/// first letters, where the standard library searches all of Unicode each time (longest
/// for Arabic and Persian letters, which have no case).
pub fn is_lowercase(c: char) -> bool {
    match c as usize {
        code @ 0..0x80 => (code as u8).is_ascii_lowercase(),
        code @ 0x80..TABLE_SIZE => in_set(&TABLES.get_or_init(build_tables).lower, code),
        _ => c.is_lowercase(),
    }
}

/// `char::is_uppercase`, as `is_lowercase`.
pub fn is_uppercase(c: char) -> bool {
    match c as usize {
        code @ 0..0x80 => (code as u8).is_ascii_uppercase(),
        code @ 0x80..TABLE_SIZE => in_set(&TABLES.get_or_init(build_tables).upper, code),
        _ => c.is_uppercase(),
    }
}

fn in_set(set: &[u64; TABLE_SIZE / 64], code: usize) -> bool {
    set[code / 64] & (1u64 << (code % 64)) != 0
}

/// The digits numbers are written with in news: ASCII, Arabic-Indic (U+0660–0669) and
/// Persian (U+06F0–06F9). Normalization keeps each as written. Glossary forms almost never
/// hold one, while numbers and dates fill the text: see `digit_starts`.
pub fn is_news_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{660}'..='\u{669}').contains(&c)
        || ('\u{6F0}'..='\u{6F9}').contains(&c)
}

/// Whether a text holds an `is_news_digit` character (asked of each glossary form once).
pub fn has_news_digit(text: &str) -> bool {
    text.chars().any(is_news_digit)
}

/// The value of a decimal digit in any script Unicode gives decimal digits to.
pub fn digit_value(c: char) -> Option<u32> {
    // Asked of every character of every word: the scripts most news is written in are
    // answered before the search (Arabic-Indic and Persian digits directly).
    match c as u32 {
        0x30..=0x39 => return Some(c as u32 - 0x30),
        0..=0x65F => return None,
        code @ (0x660..=0x669 | 0x6F0..=0x6F9) => return Some(code & 0xF),
        0x66A..=0x6EF | 0x6FA..=0x7BF => return None,
        _ => {}
    }
    digit_value_in_table(c)
}

/// `digit_value` by a search of the digit blocks.
fn digit_value_in_table(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    // The zero of every run of ten decimal digits (general category Nd) outside ASCII.
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
        0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
        0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
        0x16A60, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950,
        0x1FBF0,
    ];
    let code = c as u32;
    let i = ZEROS.partition_point(|&z| z <= code);
    let zero = *ZEROS.get(i.checked_sub(1)?)?;
    (code - zero < 10).then_some(code - zero)
}

/// Where the decimal digits of a text (`digit_value`) start, in order. Digits are rare in
/// news (one word in dozens), and every digit but the news digits (`is_news_digit`) lies at
/// U+07C0 or above, a lead byte of 0xDF or more: each block of 16 bytes is first tested as
/// a whole for those, without a branch per byte (the compiler vectorizes it), and only
/// blocks holding one are read byte by byte. Found once per version for the near misses
/// and the anchors, which then pass over the words without a digit unread.
pub fn digit_starts(text: &str) -> Vec<usize> {
    const BLOCK: usize = 16;
    let bytes = text.as_bytes();
    let is_digit_at = |at: usize| match bytes[at] {
        b'0'..=b'9' => true,
        0xD9 => matches!(bytes.get(at + 1), Some(0xA0..=0xA9)),
        0xDB => matches!(bytes.get(at + 1), Some(0xB0..=0xB9)),
        // A lead byte (continuation bytes are below 0xC0): U+07C0 or above.
        0xDF.. => digit_value(char_at(text, at).0).is_some(),
        _ => false,
    };
    let mut starts = Vec::new();
    // Blocks whose every byte has a byte after it in the text; the rest, byte by byte.
    let blocks = bytes.len().saturating_sub(1) / BLOCK;
    for k in 0..blocks {
        let at = k * BLOCK;
        let block: &[u8; BLOCK] = bytes[at..at + BLOCK].try_into().expect("a whole block");
        let next: &[u8; BLOCK] = bytes[at + 1..at + 1 + BLOCK]
            .try_into()
            .expect("a whole block");
        let mut any = false;
        for i in 0..BLOCK {
            let (lead, cont) = (block[i], next[i]);
            any |= (lead.wrapping_sub(b'0') < 10)
                | ((lead == 0xD9) & (cont.wrapping_sub(0xA0) < 10))
                | ((lead == 0xDB) & (cont.wrapping_sub(0xB0) < 10))
                | (lead >= 0xDF);
        }
        if any {
            starts.extend((at..at + BLOCK).filter(|&i| is_digit_at(i)));
        }
    }
    starts.extend((blocks * BLOCK..bytes.len()).filter(|&i| is_digit_at(i)));
    starts
}

/// Whether the digit starting at byte `at` of a text (one of its `digit_starts`) is a news
/// digit (`is_news_digit`): the others are two bytes or more and start at 0xDF or above.
pub fn is_news_digit_at(text: &str, at: usize) -> bool {
    text.as_bytes()[at] < 0xDF
}

/// `char::is_alphabetic`, from the same table.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match TABLES.get_or_init(build_tables).get(c) {
        Some((_, letter)) => letter,
        None => c.is_alphabetic(),
    }
}

const TABLE_SIZE: usize = 0x800;

/// Bit sets over the first code points: word characters, letters.
struct Tables {
    word: [u64; TABLE_SIZE / 64],
    letter: [u64; TABLE_SIZE / 64],
    lower: [u64; TABLE_SIZE / 64],
    upper: [u64; TABLE_SIZE / 64],
    joins: [u64; TABLE_SIZE / 64],
}

impl Tables {
    fn joins(&self, c: char) -> Option<bool> {
        let code = c as usize;
        (code < TABLE_SIZE).then(|| in_set(&self.joins, code))
    }

    fn get(&self, c: char) -> Option<(bool, bool)> {
        let code = c as usize;
        (code < TABLE_SIZE).then(|| (in_set(&self.word, code), in_set(&self.letter, code)))
    }
}

static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();

fn build_tables() -> Tables {
    let mut tables = Tables {
        word: [0; TABLE_SIZE / 64],
        letter: [0; TABLE_SIZE / 64],
        lower: [0; TABLE_SIZE / 64],
        upper: [0; TABLE_SIZE / 64],
        joins: [0; TABLE_SIZE / 64],
    };
    for code in 0..TABLE_SIZE as u32 {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let bit = 1u64 << (code % 64);
        if is_word_char_slow(c) {
            tables.word[code as usize / 64] |= bit;
        }
        if c.is_alphabetic() {
            tables.letter[code as usize / 64] |= bit;
        }
        if c.is_lowercase() {
            tables.lower[code as usize / 64] |= bit;
        }
        if c.is_uppercase() {
            tables.upper[code as usize / 64] |= bit;
        }
        if joins_cluster_slow(c) {
            tables.joins[code as usize / 64] |= bit;
        }
    }
    tables
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Calls `f(start, cluster)` for each starter-plus-marks cluster of `text`.
fn for_each_cluster(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut start = 0;
    while start < text.len() {
        let end = cluster_end(text, start);
        f(start, &text[start..end]);
        start = end;
    }
}

/// The end of the cluster that starts at `start`: the first char plus any following
/// characters with a non-zero combining class.
fn cluster_end(text: &str, start: usize) -> usize {
    let mut chars = text[start..].char_indices();
    let Some((_, first)) = chars.next() else {
        return start;
    };
    // NUL bytes pad decoded character references in structured formats (see
    // `Document::text`): they belong to the character before them.
    if first.is_ascii()
        && text
            .as_bytes()
            .get(start + 1)
            .is_none_or(|&b| b.is_ascii() && b != 0)
    {
        return start + 1;
    }
    for (i, c) in chars {
        if !joins_cluster(c) {
            return start + i;
        }
    }
    text.len()
}

/// Whether a character belongs to the cluster before it: a combining mark (or NUL padding).
fn joins_cluster(c: char) -> bool {
    match TABLES.get_or_init(build_tables).joins(c) {
        Some(joins) => joins,
        None => joins_cluster_slow(c),
    }
}

fn joins_cluster_slow(c: char) -> bool {
    canonical_combining_class(c) != 0 || is_foldable_mark(c) || c == '\0'
}

/// Marks with combining class 0 that still belong to the letter before them.
fn is_foldable_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}')
}

fn fold_cluster(cluster: &str, out: &mut String, scratch: &mut String) {
    fold_with(cluster, out, scratch, true);
}

/// `fold_cluster` without the table (which it builds).
fn fold_cluster_slow(cluster: &str, out: &mut String, scratch: &mut String) {
    fold_with(cluster, out, scratch, false);
}

fn fold_with(cluster: &str, out: &mut String, scratch: &mut String, table: bool) {
    let trimmed = cluster.trim_end_matches('\0');
    if trimmed.len() != cluster.len() {
        if !trimmed.is_empty() {
            fold_with(trimmed, out, scratch, table);
        }
        return;
    }
    let bytes = cluster.as_bytes();
    if bytes.len() == 1 {
        let c = bytes[0] as char;
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '`' => out.push('\''),
            c if c.is_ascii_whitespace() => push_space(out),
            c => out.push(c),
        }
        return;
    }
    let first = cluster.chars().next().unwrap_or(' ');
    // A lone letter of the two-byte alphabets (Latin with diacritics, Greek, Cyrillic,
    // Hebrew, Arabic): most characters of most texts, folded once into a table.
    if table && bytes.len() == 2 {
        if let Some(folded) = FOLDS.get_or_init(build_folds).get(first) {
            out.push_str(folded);
            return;
        }
    }
    if first.is_whitespace() {
        push_space(out);
        return;
    }
    if drops_marks(first) {
        scratch.clear();
        scratch.extend(cluster.nfkd().filter(|c| !is_combining_mark(*c)));
        for c in scratch.chars() {
            push_folded(c, out);
        }
    } else {
        scratch.clear();
        scratch.extend(cluster.nfkc());
        for c in scratch.chars() {
            push_folded(c, out);
        }
    }
}

/// The folding of each two-byte character alone (U+0080–U+07FF), where it does not depend
/// on what comes before (not a space).
struct Folds {
    /// Per code point from U+0080: the folded text's bytes, `None` for the slow path.
    entries: Vec<Option<Box<str>>>,
    /// Per code point below U+0800: folds to itself and joins no cluster before it (a
    /// letter kept as it is).
    kept: [u64; TABLE_SIZE / 64],
    /// Per code point below U+0800: not kept, but folds alone to a text without a space
    /// (ی to ي, А to а, é to e) and joins no cluster before it: a run of plain characters
    /// goes on over it, folding it from the table.
    swapped: [u64; TABLE_SIZE / 64],
    /// Per code point of General Punctuation (U+2000–U+206F): the typographic quotes,
    /// dashes, spaces and the zero-width non-joiner that French, Persian and most news text
    /// are full of, each of which took the whole cluster path (its NFKD) one by one.
    punctuation: Vec<Option<PunctuationFold>>,
}

/// How a General Punctuation character folds alone, whatever comes before it.
#[derive(Clone, Debug, PartialEq)]
enum PunctuationFold {
    /// To one space, none after another (a space, the Persian zero-width non-joiner).
    Space,
    /// To this text, which holds no space.
    Text(Box<str>),
}

/// The first code point of `Folds::punctuation` and one past its last.
const PUNCTUATION: Range<u32> = 0x2000..0x2070;

impl Folds {
    /// Whether the two-byte character of these bytes is kept as it is.
    fn keeps(&self, lead: u8, continuation: u8) -> bool {
        let code = two_byte_code(lead, continuation) as usize;
        in_set(&self.kept, code)
    }

    /// Whether the two-byte character of these bytes is not kept but folded from the table
    /// inside a run of plain characters.
    fn swaps(&self, lead: u8, continuation: u8) -> bool {
        let code = two_byte_code(lead, continuation) as usize;
        in_set(&self.swapped, code)
    }

    fn get(&self, c: char) -> Option<&str> {
        let code = (c as usize).checked_sub(0x80)?;
        self.entries.get(code)?.as_deref()
    }

    /// The fold of the three-byte character E2 `second` `third`, where the table has it.
    fn punctuation(&self, second: u8, third: u8) -> Option<&PunctuationFold> {
        // E2 80 80 is U+2000; E2 81 xx follows E2 80 BF.
        let code = 0x2000 + (u32::from(second.wrapping_sub(0x80)) << 6) + u32::from(third & 0x3F);
        self.punctuation
            .get(code.checked_sub(PUNCTUATION.start)? as usize)?
            .as_ref()
    }
}

/// The fold of a General Punctuation character alone, found by folding it by the cluster
/// path after a letter and after a space: a fold that does not depend on which, or one
/// space after the letter and none after the space.
fn punctuation_fold(c: char, scratch: &mut String) -> Option<PunctuationFold> {
    let mut buffer = [0u8; 4];
    let text = c.encode_utf8(&mut buffer);
    let (mut after_letter, mut after_space) = ("x".to_string(), "x ".to_string());
    fold_cluster_slow(text, &mut after_letter, scratch);
    fold_cluster_slow(text, &mut after_space, scratch);
    let folded = &after_letter[1..];
    if folded == " " && after_space == "x " {
        Some(PunctuationFold::Space)
    } else if !folded.contains(' ') && after_space[2..] == *folded {
        Some(PunctuationFold::Text(folded.into()))
    } else {
        None
    }
}

static FOLDS: std::sync::OnceLock<Folds> = std::sync::OnceLock::new();

fn build_folds() -> Folds {
    let mut scratch = String::new();
    let entries: Vec<Option<Box<str>>> = (0x80u32..TABLE_SIZE as u32)
        .map(|code| {
            let c = char::from_u32(code)?;
            if c.is_whitespace() {
                return None;
            }
            let mut out = String::new();
            let mut buffer = [0u8; 4];
            fold_cluster_slow(c.encode_utf8(&mut buffer), &mut out, &mut scratch);
            (!out.contains(' ')).then(|| out.into_boxed_str())
        })
        .collect();
    let mut kept = [0u64; TABLE_SIZE / 64];
    for (i, folded) in entries.iter().enumerate() {
        let code = 0x80 + i;
        let c = char::from_u32(code as u32).unwrap_or('\0');
        let mut buffer = [0u8; 4];
        if folded.as_deref() == Some(&*c.encode_utf8(&mut buffer)) && !joins_cluster_slow(c) {
            kept[code / 64] |= 1 << (code % 64);
        }
    }
    let mut swapped = [0u64; TABLE_SIZE / 64];
    for (i, folded) in entries.iter().enumerate() {
        let code = 0x80 + i;
        let c = char::from_u32(code as u32).unwrap_or('\0');
        // Not a character that folds to nothing (tatweel, soft hyphen): the spaces around
        // it make one, which a run would copy as two.
        if folded.as_deref().is_some_and(|f| !f.is_empty())
            && !in_set(&kept, code)
            && !joins_cluster_slow(c)
        {
            swapped[code / 64] |= 1 << (code % 64);
        }
    }
    let punctuation = PUNCTUATION
        .map(|code| {
            let c = char::from_u32(code)?;
            punctuation_fold(c, &mut scratch).filter(|_| !joins_cluster_slow(c))
        })
        .collect();
    Folds {
        entries,
        kept,
        swapped,
        punctuation,
    }
}

fn push_space(out: &mut String) {
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Scripts whose marks are accents or optional vowel signs, dropped for matching: Latin,
/// Greek, Cyrillic, Arabic, Hebrew, and stray combining marks.
fn drops_marks(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{052F}'
        | '\u{0590}'..='\u{08FF}'
        | '\u{1E00}'..='\u{1FFF}'
        | '\u{2000}'..='\u{2BFF}'
        | '\u{FB00}'..='\u{FDFF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{FF00}'..='\u{FFEF}'
    ) || is_combining_mark(c)
}

/// Pushes one character after folding case, letter variants, punctuation variants and
/// invisible characters.
fn push_folded(c: char, out: &mut String) {
    match c {
        // Zero-width non-joiner separates Persian word parts: treat it as a space so that
        // حزب‌الله and حزب الله compare equal.
        '\u{200C}' => push_space(out),
        // Invisible: joiners, bidi controls, BOM, soft hyphen, Arabic tatweel.
        '\u{200B}'
        | '\u{200D}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{0640}' => {}
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '\u{00B4}'
        | '\u{2032}' | '`' => out.push('\''),
        '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{058A}' | '\u{05BE}' => {
            out.push('-')
        }
        // Arabic and Persian letter variants.
        'ى' | 'ی' | 'ې' => out.push('ي'),
        'ک' | 'ڪ' => out.push('ك'),
        'ٱ' | 'ٲ' | 'ٳ' => out.push('ا'),
        'ە' | 'ھ' | 'ہ' => out.push('ه'),
        // Latin letters NFKD does not decompose.
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        'ς' => out.push('σ'),
        c if c.is_whitespace() => push_space(out),
        c if c.is_lowercase() || !is_letter(c) => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `normalize` as the definition says it: every cluster through `fold_cluster`.
    fn normalize_by_clusters(original: &str) -> (String, Vec<usize>) {
        let (mut text, mut origin) = (String::new(), Vec::new());
        let mut scratch = String::new();
        for_each_cluster(original, |start, cluster| {
            fold_cluster(cluster, &mut text, &mut scratch);
            origin.resize(text.len(), start);
        });
        (text, origin)
    }

    proptest! {
        /// The block-wise search finds every digit and nothing else, whatever the script
        /// around it and wherever the blocks' boundaries fall; a digit is a news digit
        /// exactly where `is_news_digit_at` says so.
        #[test]
        fn digit_starts_are_every_digit(
            text in "[a-zا-ي٠-٩۰-۹0-9 ٫߀-߉०-९０-９“—𝟎-𝟗]{0,200}"
        ) {
            let expected: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| digit_value(c).is_some())
                .map(|(at, _)| at)
                .collect();
            let found = digit_starts(&text);
            prop_assert_eq!(&found, &expected);
            for at in found {
                let c = text[at..].chars().next().unwrap();
                prop_assert_eq!(is_news_digit_at(&text, at), is_news_digit(c));
            }
        }
    }

    #[test]
    fn the_fast_digit_paths_agree_with_the_table() {
        for code in 0..0x2_0000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(digit_value(c), digit_value_in_table(c), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn plain_ascii_by_arithmetic_is_the_table() {
        for b in 0..=255u8 {
            assert_eq!(is_plain_ascii(b), PLAIN_ASCII[usize::from(b)], "{b:#04x}");
        }
    }

    /// Every character is tested, after a letter and at the text's end, so that a digit's
    /// two bytes are read across the blocks' edge as well as inside one.
    #[test]
    fn digits_are_found_from_bytes_as_characters() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let expected: &[usize] = if digit_value(c).is_some() { &[15] } else { &[] };
            let text = format!("{}{c}", "a".repeat(15));
            assert_eq!(digit_starts(&text), expected, "{c:?}");
            assert_eq!(has_news_digit(&text), is_news_digit(c), "{c:?}");
        }
        let text = "2024 ٣٠ ۱۴۰۳ ½ ٣x هنية";
        assert_eq!(digit_starts(text).len(), 11);
        assert!(is_news_digit('٣') && is_news_digit('۴') && is_news_digit('7'));
        assert!(!is_news_digit('½') && !is_news_digit('٫') && !is_news_digit('x'));
    }

    /// `normalize` folds `original` exactly as the cluster path does, map included.
    fn folds_as_clusters(original: &str) -> Result<(), TestCaseError> {
        let fast = normalize(original);
        let (text, origin) = normalize_by_clusters(original);
        prop_assert_eq!(&fast.text, &text);
        let fast_origin: Vec<usize> = (0..fast.text.len()).map(|i| fast.origin_of(i)).collect();
        prop_assert_eq!(fast_origin, origin);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The byte-by-byte fast paths fold exactly as the cluster path does.
        #[test]
        fn fast_paths_fold_as_clusters_do(
            original in "([aZ.,`\t\n \u{0}\u{a0}éÉßİﬁ\u{301}\u{64e}\u{640}\u{670}бЖسیکه\u{200c}\u{2019}\u{2011}\u{201c}\u{2026}\u{2003}\u{200d}\u{2060}中1٣۴]|[بمنيكةأیکÉА\u{640}\u{ad}\u{600}\u{5b7}\u{6dd}אשλΣжЁ ]{1,6}| [\u{640}\u{ad}یА]{1,2} ){0,24}"
        ) {
            folds_as_clusters(&original)?;
        }

        /// Long ASCII stretches, read sixteen bytes at a time, with the bytes that end
        /// them anywhere: a doubled space, a backtick, a tab, an accent, a combining mark.
        #[test]
        fn long_ascii_runs_fold_as_clusters_do(
            original in "([a-zA-Z0-9 .,]{10,40}|[`\t  é\u{301}б]){0,8}"
        ) {
            folds_as_clusters(&original)?;
        }
    }

    #[test]
    fn the_fold_table_agrees_with_the_slow_path() {
        let mut scratch = String::new();
        for code in 0x80u32..0x800 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut buffer = [0u8; 4];
            let text = c.encode_utf8(&mut buffer);
            for before in ["", "x", "x "] {
                let (mut fast, mut slow) = (before.to_string(), before.to_string());
                fold_cluster(text, &mut fast, &mut scratch);
                fold_cluster_slow(text, &mut slow, &mut scratch);
                assert_eq!(fast, slow, "U+{code:04X} after {before:?}");
            }
        }
    }

    /// Every three-byte character starting with E2 (the punctuation table's and those past
    /// it) folds as the cluster path folds it: at the text's start, after a letter, after
    /// a space, before a space, a letter or a combining mark (which joins its cluster).
    #[test]
    fn the_punctuation_table_agrees_with_the_cluster_path() {
        for code in 0x2000u32..0x3000 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for before in ["", "x", "x ", "\u{200c}"] {
                for after in ["", " ", "y", "\u{301}", "\u{64e}", "\u{2019}"] {
                    let text = format!("{before}{c}{after}");
                    folds_as_clusters(&text).unwrap_or_else(|e| panic!("U+{code:04X}: {e}"));
                }
            }
        }
        // The table holds the characters news is full of.
        let folds = FOLDS.get_or_init(build_folds);
        for (c, fold) in [
            ('\u{2019}', PunctuationFold::Text("'".into())),
            ('\u{2011}', PunctuationFold::Text("-".into())),
            ('\u{201C}', PunctuationFold::Text("\u{201C}".into())),
            ('\u{200C}', PunctuationFold::Space),
            ('\u{2003}', PunctuationFold::Space),
        ] {
            let mut buffer = [0u8; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert_eq!(folds.punctuation(bytes[1], bytes[2]), Some(&fold), "{c:?}");
        }
    }

    /// Runs go on over the two-byte letters that fold to another letter, and the spaces
    /// around a character that folds to nothing (tatweel, soft hyphen) still make one.
    #[test]
    fn runs_fold_letters_that_change_as_clusters_do() {
        for text in [
            "a \u{640} b",
            "ab\u{640} \u{ad} cd",
            "بـ ـ ی",
            "Сказал: АБВ Ёж ё",
            "élève Zürich ÉCOLE straße",
            "کتاب یک ی\u{64e} کی\u{301}",
            "x\u{640}\u{640} y",
        ] {
            folds_as_clusters(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        }
        // The run goes on over the capital and the Persian letters, which it folds.
        let folds = FOLDS.get_or_init(build_folds);
        let mut swaps = Vec::new();
        let text = "мАма کتابی";
        assert_eq!(
            plain_run(text, 0, false, folds, &mut swaps),
            Some(text.len())
        );
        let swapped: Vec<&str> = swaps
            .iter()
            .map(|&at| &text[at as usize..at as usize + 2])
            .collect();
        assert_eq!(swapped, ["А", "ک", "ی"]);
        assert_eq!(n(text), "мама كتابي");
    }

    #[test]
    fn the_word_table_agrees_with_unicode() {
        for code in 0..0x1_0000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_word_char(c), is_word_char_slow(c), "U+{code:04X}");
                assert_eq!(is_letter(c), c.is_alphabetic(), "U+{code:04X}");
                assert_eq!(joins_cluster(c), joins_cluster_slow(c), "U+{code:04X}");
                assert_eq!(is_lowercase(c), c.is_lowercase(), "U+{code:04X}");
                assert_eq!(is_uppercase(c), c.is_uppercase(), "U+{code:04X}");
            }
        }
    }

    /// The word reader classes every character as `is_word_char` does, and finds a word's
    /// end where the first character that is not a word's stands.
    #[test]
    fn the_word_reader_agrees_with_is_word_char() {
        let reader = WordReader::new();
        let mut buffer = [0u8; 4];
        for code in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(code) {
                let text = c.encode_utf8(&mut buffer);
                assert_eq!(
                    reader.at(text, 0),
                    (is_word_char(c), c.len_utf8()),
                    "U+{code:04X}"
                );
            }
        }
        proptest!(|(text in "[a-zA-Z0-9 ,.\u{a0}\u{80}-\u{7ff}\u{800}-\u{ffff}\u{10000}-\u{1ffff}]{0,24}")| {
            for (at, _) in text.char_indices() {
                let end = text[at..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(text.len(), |(k, _)| at + k);
                prop_assert_eq!(reader.word_end(&text, at), end);
            }
        });
    }

    /// The word runs of a text, from splitting it at every character that is not a word's.
    fn split_words(text: &str) -> Vec<Range<usize>> {
        text.split(|c: char| !is_word_char(c))
            .filter(|word| !word.is_empty())
            .map(|word| {
                let start = word.as_ptr() as usize - text.as_ptr() as usize;
                start..start + word.len()
            })
            .collect()
    }

    /// The block-wise reading of word runs equals reading the text character by character,
    /// whatever the mix of one- to four-byte characters, including characters and words
    /// across the 64-byte chunks' edges.
    #[test]
    fn word_spans_equal_a_character_by_character_reading() {
        proptest!(ProptestConfig::with_cases(2048), |(text in "[a-zA-Z0-9 ,.`@\\[{\u{a0}\u{80}-\u{7ff}\u{800}-\u{ffff}\u{10000}-\u{1ffff}]{0,150}")| {
            prop_assert_eq!(word_spans(&text), split_words(&text));
        });
        assert_eq!(word_spans("هنية، ханія x"), [0..8, 11..21, 22..23]);
        // Every character, alone and as the second of two-character texts put at every
        // position across a chunk's edge.
        let mut buffer = [0u8; 4];
        for code in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(code) {
                let alone = c.encode_utf8(&mut buffer).to_string();
                assert_eq!(word_spans(&alone), split_words(&alone), "U+{code:04X}");
            }
        }
        for c in ['a', ' ', 'ж', '،', 'ه', '\u{200c}', '中', '𝒜', '\u{1F600}'] {
            for pad in 56..66 {
                for fill in ["a", " "] {
                    let text = format!("{}{c}b{c}", fill.repeat(pad));
                    assert_eq!(word_spans(&text), split_words(&text), "{c:?} after {pad}");
                }
            }
        }
    }

    fn n(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn latin_diacritics_and_case_fold() {
        assert_eq!(n("Israël"), "israel");
        assert_eq!(n("Ismaïl Haniyéh"), "ismail haniyeh");
        assert_eq!(n("Jerusalén"), "jerusalen");
        assert_eq!(n("Straße"), "strasse");
        // Decomposed input folds like composed input.
        assert_eq!(n("Isra\u{0065}\u{0308}l"), "israel");
        assert_eq!(n("İran"), "iran");
        assert_eq!(n("ﬁnal"), "final");
    }

    #[test]
    fn typographic_apostrophes_hyphens_and_spaces() {
        assert_eq!(n("d’Israël"), "d'israel");
        assert_eq!(n("al\u{2011}Aqsa"), "al-aqsa");
        assert_eq!(n("Al\u{2010}Aqsa"), "al-aqsa");
        assert_eq!(n("Al\u{00A0}Aqsa"), "al aqsa");
        assert_eq!(n("West \n\t Bank"), "west bank");
        assert_eq!(n("Hama\u{00AD}s"), "hamas");
    }

    #[test]
    fn arabic_harakat_tatweel_hamza_and_letter_variants() {
        assert_eq!(n("إِسْمَاعِيل"), n("اسماعيل"));
        assert_eq!(n("هنيـــة"), "هنية");
        assert_eq!(n("أ"), "ا");
        assert_eq!(n("آ"), "ا");
        assert_eq!(n("إيران"), "ايران");
        // Persian yeh and kaf equal their Arabic forms.
        assert_eq!(n("ایران"), n("إيران"));
        assert_eq!(n("کرانه"), n("كرانه"));
        assert_eq!(n("ى"), "ي");
        // Teh marbuta stays distinct from heh: هنية and هنيه are different spellings.
        assert_ne!(n("هنية"), n("هنيه"));
    }

    #[test]
    fn persian_zwnj_is_a_word_separator() {
        assert_eq!(n("حزب\u{200C}الله"), n("حزب الله"));
        assert_eq!(n("سی\u{200C}ان\u{200C}ان"), "سي ان ان");
    }

    #[test]
    fn arabic_indic_and_persian_digits_are_kept() {
        assert_eq!(n("٢٠٢٣"), "٢٠٢٣");
        assert_eq!(n("۲۰۲۳"), "۲۰۲۳");
    }

    #[test]
    fn hebrew_niqqud_removed() {
        assert_eq!(n("יְרוּשָׁלַיִם"), "ירושלים");
    }

    #[test]
    fn cyrillic_and_greek() {
        assert_eq!(n("Хезболла"), "хезболла");
        assert_eq!(n("Объединённых"), "объединенных");
        assert_eq!(n("Ἀθῆναι"), "αθηναι");
        assert_eq!(n("Σοφοκλής"), "σοφοκλησ");
    }

    #[test]
    fn cjk_width_forms_fold_and_kana_marks_stay() {
        assert_eq!(n("ＣＮＮ"), "cnn");
        assert_eq!(n("ハマス"), "ハマス");
        assert_ne!(n("が"), n("か"));
    }

    #[test]
    fn bidi_controls_are_invisible() {
        assert_eq!(n("\u{200F}غزة\u{200E}"), "غزة");
    }

    #[test]
    fn offsets_map_back_to_original_text() {
        let original = "Le chef Ismaïl Hani\u{0079}\u{0301}eh, d’Israël";
        let norm = normalize(original);
        let at = norm.text.find("haniyeh").unwrap();
        let span = norm.original_range(original, at..at + "haniyeh".len());
        assert_eq!(&original[span], "Hani\u{0079}\u{0301}eh");
        let at = norm.text.find("israel").unwrap();
        let span = norm.original_range(original, at..at + "israel".len());
        assert_eq!(&original[span], "Israël");
    }

    #[test]
    fn offsets_in_rtl_text_with_harakat_and_tatweel() {
        let original = "قال إِسْماعيل هنيـــةُ اليوم";
        let norm = normalize(original);
        let at = norm.text.find("هنية").unwrap();
        let span = norm.original_range(original, at..at + "هنية".len());
        // The span covers the tatweel inside and the damma on the last letter.
        assert_eq!(&original[span], "هنيـــةُ");
    }

    #[test]
    fn offsets_after_nfc_change() {
        // Compatibility characters expand (ﬁ → fi) and still map into the original.
        let original = "the ﬁnal Hamas";
        let norm = normalize(original);
        let at = norm.text.find("hamas").unwrap();
        let span = norm.original_range(original, at..at + 5);
        assert_eq!(&original[span], "Hamas");
        let at = norm.text.find("final").unwrap();
        let span = norm.original_range(original, at..at + 5);
        assert_eq!(&original[span], "ﬁnal");
    }

    #[test]
    fn nul_padding_belongs_to_the_character_before_it() {
        // "Isra&euml;l" decoded in place: ë then four NUL bytes of padding.
        let view = "Isra\u{eb}\0\0\0\0l said";
        let norm = normalize(view);
        assert_eq!(norm.text, "israel said");
        let span = norm.original_range(view, 0.."israel".len());
        assert_eq!(span, 0.."Isra\u{eb}\0\0\0\0l".len());
    }

    #[test]
    fn every_origin_is_a_char_boundary() {
        let original = "Ха\u{301}ния — حزبُ الله، ﬁ ß 漢字 עִבְרִית";
        let norm = normalize(original);
        for i in 0..=norm.text.len() {
            assert!(original.is_char_boundary(norm.origin_of(i)));
        }
    }
}
