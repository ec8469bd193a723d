//! Machine text inside prose: URLs, e-mail addresses, file paths and Markdown link targets.
//! Names inside them cannot be "fixed" and are not mentions; numbers inside them are not
//! facts. Found on the normalized text, where they survive intact (lower-cased).

use std::ops::Range;

/// Spans (in `text`) of machine text, sorted.
pub fn machine_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    let chunk = |s: usize, e: usize, spans: &mut Vec<Range<usize>>| {
        let piece = &text[s..e];
        // Most words have none of the characters machine text needs.
        if !piece
            .bytes()
            .any(|b| matches!(b, b':' | b'@' | b'/' | b']' | b'.'))
        {
            return;
        }
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
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                chunk(s, i, &mut spans);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        chunk(s, text.len(), &mut spans);
    }
    spans.sort_by_key(|r| r.start);
    spans
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
