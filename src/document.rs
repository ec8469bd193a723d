//! One language version of an article: its text, and how to point into the file it came from.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::lang::LangTag;
use crate::normalize::{normalize, Normalized};
use crate::stage_times::{time, Stage};

/// How the file was encoded, so that reported byte offsets count the file's own bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

/// A problem with an input file, reported with exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            line: None,
            message: message.into(),
        }
    }

    pub fn at_line(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// A 1-based position; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One language version of an article, with the original text kept intact.
#[derive(Debug)]
pub struct Document {
    /// The path as the user named it (or as found under a directory they named).
    pub path: PathBuf,
    pub lang: LangTag,
    /// The article the version belongs to: files sharing this name form one set.
    pub article: String,
    /// The text analysed: the decoded file for plain text; for structured formats
    /// (Markdown, HTML, XLIFF) the same bytes with everything but this version's prose
    /// blanked (spaces, line breaks kept) and character references decoded, padded with NUL
    /// bytes so that every byte offset still points at the same place in the file.
    pub text: String,
    /// The decoded file when it differs from `text` (structured formats): what positions,
    /// columns and excerpts are computed from.
    original: Option<String>,
    pub encoding: Encoding,
    /// The text normalized for matching, with its map back to `text`.
    pub normalized: Normalized,
    line_starts: Vec<usize>,
    /// Every ~1 KiB: (byte offset, chars before it, UTF-16 units before it), so that a
    /// column or a UTF-16 offset costs a short scan, not one from the start of a long line.
    /// Counted on the first position asked for: most versions of an archive have no
    /// finding, and counting took a tenth of building a version.
    checkpoints: OnceLock<Vec<(usize, usize, usize)>>,
}

/// Bytes between two checkpoints.
const CHECKPOINT_EVERY: usize = 1024;

/// A checkpoint at the first char boundary at least `CHECKPOINT_EVERY` bytes after the
/// previous one. Counted a block of bytes at a time: a char is a byte that does not
/// continue one, and the four-byte chars take two UTF-16 units.
fn checkpoints(source: &str) -> Vec<(usize, usize, usize)> {
    let bytes = source.as_bytes();
    let mut checkpoints = vec![(0, 0, 0)];
    let (mut at, mut chars, mut units) = (0, 0, 0);
    loop {
        let mut next = at + CHECKPOINT_EVERY;
        while next < bytes.len() && !source.is_char_boundary(next) {
            next += 1;
        }
        if next >= bytes.len() {
            return checkpoints;
        }
        let block = &bytes[at..next];
        let starts = block.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let four_byte = block.iter().filter(|&&b| b >= 0xF0).count();
        chars += starts;
        units += starts + four_byte;
        checkpoints.push((next, chars, units));
        at = next;
    }
}

impl Document {
    /// Reads and decodes a file. UTF-8 (with or without BOM) and UTF-16 with BOM are read;
    /// anything else is refused with the line where decoding failed.
    pub fn load(path: &Path, lang: LangTag, article: String) -> Result<Document, InputError> {
        let bytes = read_input(path, "file")?;
        let (text, encoding) = decode(path, bytes)?;
        Ok(Document::from_text(path, lang, article, text, encoding))
    }

    pub fn from_text(
        path: impl Into<PathBuf>,
        lang: LangTag,
        article: String,
        text: String,
        encoding: Encoding,
    ) -> Document {
        Document::with_view(path, lang, article, None, text, encoding)
    }

    /// A version of a structured file: `original` is the decoded file, `view` the text to
    /// analyse (same length, same line breaks; see `text`).
    pub fn structured(
        path: impl Into<PathBuf>,
        lang: LangTag,
        article: String,
        original: String,
        view: String,
        encoding: Encoding,
    ) -> Document {
        assert_eq!(original.len(), view.len(), "a view keeps every byte offset");
        Document::with_view(path, lang, article, Some(original), view, encoding)
    }

    fn with_view(
        path: impl Into<PathBuf>,
        lang: LangTag,
        article: String,
        original: Option<String>,
        text: String,
        encoding: Encoding,
    ) -> Document {
        let source = original.as_deref().unwrap_or(&text);
        let bytes = source.as_bytes();
        // Lines end at \n, \r\n, or a lone \r (old Mac files).
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(|i| {
                let ends = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
                ends.then_some(i + 1)
            }))
            .collect();
        let normalized = normalize(&text);
        Document {
            path: path.into(),
            lang,
            article,
            text,
            original,
            encoding,
            normalized,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// The decoded file, for positions and excerpts.
    pub fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// The analysed text of a span, without the padding of decoded references.
    pub fn slice(&self, span: std::ops::Range<usize>) -> std::borrow::Cow<'_, str> {
        let s = &self.text[span];
        if s.contains('\0') {
            std::borrow::Cow::Owned(s.replace('\0', ""))
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }

    /// (chars, UTF-16 units) before a byte offset of `text`.
    fn counts_before(&self, offset: usize) -> (usize, usize) {
        // A char boundary of `text` need not be one of `original`: views blank markup byte
        // for byte, so a multi-byte character outside prose becomes several spaces (found by
        // fuzzing, tests/fuzz_regressions.rs). Count up to the character holding `offset`.
        let offset = floor_char_boundary(self.original(), offset);
        let checkpoints = self
            .checkpoints
            .get_or_init(|| checkpoints(self.original()));
        let k = checkpoints.partition_point(|c| c.0 <= offset) - 1;
        let (at, chars, units) = checkpoints[k];
        let piece = &self.original()[at..offset];
        (
            chars + piece.chars().count(),
            units + piece.chars().map(char::len_utf16).sum::<usize>(),
        )
    }

    /// Line and column of a byte offset into `text`.
    pub fn position(&self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        Position {
            line,
            column: self.chars_between(start, offset) + 1,
        }
    }

    /// The characters of the original text from the one holding `start` to the one
    /// holding `end` (see `counts_before`): counted directly on a line of news, from the
    /// checkpoints on a longer one.
    fn chars_between(&self, start: usize, end: usize) -> usize {
        let original = self.original();
        let from = floor_char_boundary(original, start);
        let to = floor_char_boundary(original, end);
        if to - from > CHECKPOINT_EVERY {
            return self.counts_before(end).0 - self.counts_before(start).0;
        }
        original[from..to].chars().count()
    }

    /// The offset in the file's own bytes of a byte offset into `text`.
    pub fn file_offset(&self, offset: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 => offset,
            Encoding::Utf8Bom => offset + 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2 + 2 * self.counts_before(offset).1,
        }
    }

    /// The whole line containing `offset`, without its line break, and the line's start.
    pub fn line_at(&self, offset: usize) -> (usize, &str) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(self.text.len());
        let text = &self.original()[start..end.max(start)];
        (start, text.strip_suffix('\r').unwrap_or(text))
    }
}

/// The largest input file read (documents and glossaries). A news article is well under a
/// megabyte and a book-length XLIFF file a few dozen; past this size a run would take
/// minutes and gigabytes (the analysis keeps several copies of the text and its offset
/// maps), so the file is refused at once instead.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an input file whole, after checking that it is a regular file (a FIFO would block
/// the run forever, a directory named `x.txt` gives an obscure error) of at most
/// [`MAX_INPUT_BYTES`]. `what` names the kind of file in messages ("file", "glossary").
pub fn read_input(path: &Path, what: &str) -> Result<Vec<u8>, InputError> {
    read_limited(path, what, MAX_INPUT_BYTES)
}

/// Reads a file of at most `limit` bytes (see `read_input`).
pub fn read_limited(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    time(Stage::Read, || read_limited_untimed(path, what, limit))
}

fn read_limited_untimed(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    let fail = |e: std::io::Error| InputError::new(path, io_message(&e));
    let (file, metadata) = open_with_metadata(path).map_err(fail)?;
    if metadata.is_dir() {
        return Err(InputError::new(
            path,
            format!("is a directory, not a {what}"),
        ));
    }
    let (true, Some(mut file)) = (metadata.is_file(), file) else {
        return Err(InputError::new(
            path,
            "not a regular file (a pipe or device); copy it to a regular file first",
        ));
    };
    if metadata.len() > limit {
        return Err(InputError::new(
            path,
            format!(
                "too large ({} MiB; the limit is {} MiB): split it",
                metadata.len() / (1024 * 1024),
                limit / (1024 * 1024)
            ),
        ));
    }
    // One byte more than the file holds: the read that finds its end fits too.
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    crate::page_cache::read_to_end(&mut file, metadata.len(), &mut bytes).map_err(fail)?;
    Ok(bytes)
}

/// Opens a file and asks the open file what it is: its path is looked up once (an
/// archive's versions are small, and each lookup was a tenth of reading one). Opened
/// without blocking, so that a named pipe with no writer opens, and is then turned away
/// as not a regular file instead of blocking the run.
#[cfg(unix)]
fn open_with_metadata(path: &Path) -> std::io::Result<(Option<std::fs::File>, std::fs::Metadata)> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let metadata = file.metadata()?;
    Ok((Some(file), metadata))
}

/// Elsewhere the path's metadata is read first, and only a regular file is opened.
#[cfg(not(unix))]
fn open_with_metadata(path: &Path) -> std::io::Result<(Option<std::fs::File>, std::fs::Metadata)> {
    let metadata = std::fs::metadata(path)?;
    let file = match metadata.is_file() {
        true => Some(std::fs::File::open(path)?),
        false => None,
    };
    Ok((file, metadata))
}

/// The largest char boundary of `s` at or before `index` (`s.len()` past the end).
/// (`str::floor_char_boundary` is newer than the crate's minimum Rust version.)
pub fn floor_char_boundary(s: &str, index: usize) -> usize {
    if index >= s.len() {
        return s.len();
    }
    (0..=index)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Decodes file bytes: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. UTF-8 keeps the
/// buffer it was read into (every version of an archive is read through here: no copy).
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<(String, Encoding), InputError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        return utf8(path, bytes, 3).map(|t| (t, Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(path, rest, u16::from_le_bytes).map(|t| (t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(path, rest, u16::from_be_bytes).map(|t| (t, Encoding::Utf16Be));
    }
    refuse_binary(path, &bytes)?;
    utf8(path, bytes, 0).map(|t| (t, Encoding::Utf8))
}

/// Text without a byte-order mark never holds NUL bytes: UTF-16 without a BOM does (every
/// ASCII character has a zero byte), and so does a binary file. Both would otherwise be read
/// as UTF-8, and the NULs taken for the padding of decoded references (see `Document::text`).
fn refuse_binary(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    // Every file read is searched for a NUL: with `memchr`, sixteen or more bytes a step.
    let Some(first) = memchr::memchr(0, bytes) else {
        return Ok(());
    };
    let line = bytes[..first].iter().filter(|&&b| b == b'\n').count() + 1;
    // UTF-16 of mostly ASCII or Arabic/Cyrillic text: the zero (or small) high byte sits at
    // every other position.
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let pairs = sample.len() / 2;
    let message = if pairs > 0 && even.max(odd) * 10 >= pairs && even.min(odd) * 10 < even.max(odd)
    {
        let order = if odd > even { "LE" } else { "BE" };
        format!(
            "looks like UTF-16 {order} without a byte-order mark; save the file as UTF-8 (or UTF-16 with a BOM)"
        )
    } else {
        format!("binary file (NUL byte at offset {first}), not text")
    };
    Err(InputError::at_line(path, line, message))
}

fn utf8(path: &Path, bytes: Vec<u8>, skipped: usize) -> Result<String, InputError> {
    // simdutf8 checks Arabic or Cyrillic text several times faster than the standard
    // library, whose fast path is ASCII; a file it rejects is read again by the standard
    // library, for the position of the first bad byte.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError::at_line(
            path,
            line,
            format!(
                "not valid UTF-8 (byte 0x{:02X} at offset {}); save the file as UTF-8",
                bytes[valid],
                valid + skipped
            ),
        )
    })
}

fn utf16(path: &Path, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    if bytes.len() % 2 != 0 {
        return Err(InputError::new(
            path,
            "UTF-16 file with an odd number of bytes",
        ));
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut line = 1;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                if c == '\n' {
                    line += 1;
                }
                text.push(c)
            }
            Err(_) => {
                return Err(InputError::at_line(
                    path,
                    line,
                    "not valid UTF-16 (unpaired surrogate)",
                ))
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Checkpoints counted a block at a time are those a char-by-char walk places.
        #[test]
        fn checkpoints_match_a_char_walk(text in "[aé中😀\\n]{0,3000}") {
            let mut expected = vec![(0, 0, 0)];
            let (mut chars, mut units) = (0, 0);
            for (i, c) in text.char_indices() {
                if i >= expected.last().map_or(0, |c| c.0) + CHECKPOINT_EVERY {
                    expected.push((i, chars, units));
                }
                chars += 1;
                units += c.len_utf16();
            }
            prop_assert_eq!(checkpoints(&text), expected);
        }

        /// A column is the characters since its line's start plus one, on lines shorter
        /// and longer than the checkpoints' spacing (counted directly or from them).
        #[test]
        fn columns_count_the_characters_since_the_line_start(
            text in "([aé中😀]{0,700}\n?){0,4}",
            pick in 0usize..4000,
        ) {
            let d = doc(&text);
            let offset = floor_char_boundary(&text, pick.min(text.len()));
            let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
            let position = d.position(offset);
            prop_assert_eq!(position.column, text[line_start..offset].chars().count() + 1);
            prop_assert_eq!(position.line, text[..offset].matches('\n').count() + 1);
        }
    }

    fn doc(text: &str) -> Document {
        Document::from_text(
            "t.txt",
            LangTag::parse("en").unwrap(),
            "t".into(),
            text.into(),
            Encoding::Utf8,
        )
    }

    #[test]
    fn positions_count_scalar_values_per_line() {
        let d = doc("first\nsecond Ḥanīyeh x\r\nthird");
        let at = d.text.find("x").unwrap();
        assert_eq!(
            d.position(at),
            Position {
                line: 2,
                column: 16
            }
        );
        assert_eq!(d.position(0), Position { line: 1, column: 1 });
        assert_eq!(d.line_at(at).1, "second Ḥanīyeh x");
        let third = d.text.find("third").unwrap();
        assert_eq!(d.position(third), Position { line: 3, column: 1 });
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let d = doc("one\rtwo\r\nthree\nfour");
        assert_eq!(
            d.position(d.text.find("two").unwrap()),
            Position { line: 2, column: 1 }
        );
        assert_eq!(d.position(d.text.find("three").unwrap()).line, 3);
        assert_eq!(d.position(d.text.find("four").unwrap()).line, 4);
    }

    #[test]
    fn columns_on_very_long_lines_use_checkpoints() {
        let long = format!("{}Ḥ x", "é".repeat(5000));
        let d = doc(&long);
        let x = d.text.find('x').unwrap();
        assert_eq!(
            d.position(x),
            Position {
                line: 1,
                column: 5003
            }
        );
    }

    #[test]
    fn decodes_bom_and_utf16() {
        let p = Path::new("x.txt");
        assert_eq!(
            decode(p, b"\xEF\xBB\xBFabc".to_vec()).unwrap(),
            ("abc".into(), Encoding::Utf8Bom)
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Ié".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(p, le).unwrap(), ("Ié".into(), Encoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Ié".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(p, be).unwrap().0, "Ié");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode(
            Path::new("bad.txt"),
            b"ok\nstill ok\nbad \xFF here".to_vec(),
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().starts_with("bad.txt:3: not valid UTF-8"));
    }

    #[test]
    fn file_offsets_count_the_files_own_bytes() {
        let mut d = doc("aé b");
        d.encoding = Encoding::Utf8Bom;
        assert_eq!(d.file_offset(4), 7);
        d.encoding = Encoding::Utf16Le;
        // BOM (2) + 'a' 'é' ' ' as three UTF-16 units.
        assert_eq!(d.file_offset(4), 8);
    }
}
