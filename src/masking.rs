//! Machine text inside prose: URLs, e-mail addresses, file paths and Markdown link targets.
//! Names inside them cannot be "fixed" and are not mentions; numbers inside them are not
//! facts. Found on the normalized text, where they survive intact (lower-cased).

use std::ops::Range;

/// Spans (in `text`) of machine text, sorted.
///
/// Machine text is a whitespace-separated piece holding `:`, `@`, `/` or `]`, or
/// starting with "www.": those bytes are searched for (memchr), and only the pieces around
/// them are read, instead of every character of every version.
pub fn machine_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut hits: Vec<usize> = memchr::memchr3_iter(b':', b'@', b'/', bytes)
        .chain(memchr::memchr_iter(b']', bytes))
        .chain(memchr::memmem::find_iter(bytes, "www."))
        .collect();
    if hits.is_empty() {
        return Vec::new();
    }
    hits.sort_unstable();
    let mut spans = Vec::new();
    let mut done_until = 0;
    for hit in hits {
        if hit < done_until {
            continue;
        }
        let start = text[..hit]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[hit..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| hit + i);
        piece_spans(text, start, end, &mut spans);
        done_until = end;
    }
    spans.sort_by_key(|r| r.start);
    spans
}

/// The machine text of the piece `text[s..e]`, if any.
fn piece_spans(text: &str, s: usize, e: usize, spans: &mut Vec<Range<usize>>) {
    let piece = &text[s..e];
    if let Some(at) = piece.find("](") {
        // [text](target): only the target is machine text.
        let target_start = s + at + 2;
        let target_end = text[target_start..]
            .find(')')
            .map_or(e, |i| target_start + i + 1);
        spans.push(target_start..target_end);
    } else if is_machine(piece) {
        spans.push(s..e);
    }
}

fn is_machine(piece: &str) -> bool {
    let trimmed = piece.trim_matches(|c: char| "()[]<>\"'“”«»,;".contains(c));
    if trimmed.contains("://") || trimmed.starts_with("www.") {
        return true;
    }
    // user@host.tld
    if let Some((user, host)) = trimmed.split_once('@') {
        return !user.is_empty() && host.contains('.');
    }
    // dir/file.ext, path/to/file.ext
    if trimmed.contains('/') {
        if let Some((_, ext)) = trimmed.rsplit_once('.') {
            return !ext.is_empty()
                && ext.len() <= 5
                && ext.chars().all(|c| c.is_ascii_alphanumeric());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition: every whitespace-separated piece read.
    fn machine_spans_piece_by_piece(text: &str) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    piece_spans(text, s, i, &mut spans);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            piece_spans(text, s, text.len(), &mut spans);
        }
        spans.sort_by_key(|r| r.start);
        spans
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn searching_for_machine_bytes_reads_the_same_pieces(
            text in "(www\\.|https://|\\]\\(|[a :@/\\].()w\u{a0}\u{2003}é\n])*"
        ) {
            prop_assert_eq!(machine_spans(&text), machine_spans_piece_by_piece(&text));
        }
    }

    fn masked(text: &str) -> Vec<&str> {
        machine_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn urls_emails_paths_and_link_targets() {
        assert_eq!(
            masked("see https://example.com/hizbollah-statement today"),
            ["https://example.com/hizbollah-statement"]
        );
        assert_eq!(
            masked("write to press@hizballah.example now"),
            ["press@hizballah.example"]
        );
        assert_eq!(masked("![haniye](img/haniye.jpg)"), ["img/haniye.jpg)"]);
        assert_eq!(
            masked("[hizbollah statement](https://x.org/a)"),
            ["https://x.org/a)"]
        );
        assert_eq!(masked("(www.haniyeh.org)"), ["(www.haniyeh.org)"]);
    }

    #[test]
    fn prose_is_not_machine_text() {
        assert!(masked("israel/gaza. the end and/or more, e.g. this").is_empty());
        assert!(masked("hamas said: \"no\".").is_empty());
    }
}
