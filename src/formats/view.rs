//! Building a view: the decoded file with everything that is not prose blanked, byte for
//! byte (see `Document::text`).
//!
//! Every byte starts as markup: a space, except line breaks which are kept. Builders then
//! copy prose back (`keep`), write decoded references padded with NUL bytes (`put_char`),
//! mark inline markup (`inline`: NUL bytes inside a word, spaces elsewhere), block ends
//! (`block_break`: a blank line before the next prose) and suppression comments.

use std::ops::Range;

pub(crate) struct ViewBuilder<'a> {
    original: &'a str,
    bytes: Vec<u8>,
    inline: Vec<Range<usize>>,
    breaks: Vec<usize>,
    ignore_next_line: Vec<usize>,
    ignore_regions: Vec<Range<usize>>,
    /// Start of an open `glosscheck-ignore` region.
    open_region: Option<usize>,
}

/// What a suppression comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Directive {
    NextLine,
    Start,
    End,
}

/// Reads a comment's text (without `<!--` `-->`) as a suppression directive.
pub(crate) fn directive(comment: &str) -> Option<Directive> {
    match comment.trim() {
        "glosscheck-ignore next-line" => Some(Directive::NextLine),
        "glosscheck-ignore" => Some(Directive::Start),
        "glosscheck-ignore-end" => Some(Directive::End),
        _ => None,
    }
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> ViewBuilder<'a> {
    pub fn new(original: &'a str) -> Self {
        let bytes = original
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        ViewBuilder {
            original,
            bytes,
            inline: Vec::new(),
            breaks: Vec::new(),
            ignore_next_line: Vec::new(),
            ignore_regions: Vec::new(),
            open_region: None,
        }
    }

    pub fn original(&self) -> &'a str {
        self.original
    }

    fn valid(&self, r: &Range<usize>) -> bool {
        r.start <= r.end
            && r.end <= self.original.len()
            && self.original.is_char_boundary(r.start)
            && self.original.is_char_boundary(r.end)
    }

    /// Copies prose from the original.
    pub fn keep(&mut self, r: Range<usize>) {
        if self.valid(&r) {
            self.bytes[r.clone()].copy_from_slice(&self.original.as_bytes()[r]);
        }
    }

    /// Writes `text` (decoded from the original bytes `r`) padded with NUL bytes; if it is
    /// the original text it is copied, if it does not fit the bytes stay blank.
    pub fn put_text(&mut self, r: Range<usize>, text: &str) {
        if !self.valid(&r) {
            return;
        }
        let raw = &self.original[r.clone()];
        if raw == text || (text.chars().all(char::is_whitespace) && raw.trim().is_empty()) {
            self.keep(r);
        } else if text.len() <= r.len() && !text.contains('\0') {
            let end = r.start + text.len();
            self.bytes[r.start..end].copy_from_slice(text.as_bytes());
            self.bytes[end..r.end].fill(0);
        }
    }

    pub fn put_char(&mut self, r: Range<usize>, c: char) {
        let mut buf = [0; 4];
        self.put_text(r, c.encode_utf8(&mut buf));
    }

    /// Markup inside running text: NUL bytes when prose touches it on both sides (inside a
    /// word), spaces otherwise.
    pub fn inline(&mut self, r: Range<usize>) {
        if self.valid(&r) && !r.is_empty() {
            self.inline.push(r);
        }
    }

    /// A block ends or starts here: the next prose starts a new paragraph.
    pub fn block_break(&mut self, at: usize) {
        if at <= self.original.len() {
            self.breaks.push(at);
        }
    }

    pub fn directive(&mut self, d: Directive, comment: Range<usize>) {
        match d {
            Directive::NextLine => self.ignore_next_line.push(comment.end),
            Directive::Start => {
                self.open_region.get_or_insert(comment.end);
            }
            Directive::End => {
                if let Some(start) = self.open_region.take() {
                    self.ignore_regions.push(start..comment.start.max(start));
                }
            }
        }
    }

    fn blank(&mut self, r: Range<usize>) {
        for b in &mut self.bytes[r] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }

    pub fn finish(mut self) -> String {
        let len = self.bytes.len();
        // Inline markup: runs of touching ranges, NUL-filled between two word characters.
        self.inline.sort_by_key(|r| r.start);
        let mut runs: Vec<Range<usize>> = Vec::new();
        for r in std::mem::take(&mut self.inline) {
            match runs.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => runs.push(r),
            }
        }
        for run in runs {
            let before = run.start.checked_sub(1).map(|i| self.bytes[i]);
            let after = self.bytes.get(run.end).copied();
            // Between two characters of prose (NUL: the padding of a reference) with no
            // space: one run of text.
            let inside_word =
                before.is_some_and(|b| !is_blank(b)) && after.is_some_and(|b| !is_blank(b));
            if inside_word {
                for b in &mut self.bytes[run] {
                    if *b == b' ' {
                        *b = 0;
                    }
                }
            }
        }
        // Suppression: an unterminated region runs to the end of the file.
        if let Some(start) = self.open_region.take() {
            self.ignore_regions.push(start..len);
        }
        for r in std::mem::take(&mut self.ignore_regions) {
            self.blank(r);
        }
        // Hostile input: thousands of stacked next-line comments each scanned the same
        // blank lines again (quadratic). Lines before `resume` are known blank (scanned, or
        // blanked by an earlier comment), so a later comment's scan starts there.
        let mut directives = std::mem::take(&mut self.ignore_next_line);
        directives.sort_unstable();
        let mut resume = 0;
        for at in directives {
            let mut i = self.bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(len, |p| at + p + 1)
                .max(resume);
            while i < len {
                let end = self.bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(len, |p| i + p);
                if self.bytes[i..end].iter().any(|&b| !is_blank(b) && b != 0) {
                    self.blank(i..end);
                    break;
                }
                i = end + 1;
            }
            resume = i.min(len);
        }
        // Block breaks: at least two line breaks before the next prose.
        self.breaks.sort_unstable();
        self.breaks.dedup();
        // Hostile input: 100k nested `<div>`s give 200k breaks in one blank run, and
        // scanning the rest of the run from each of them was quadratic. Only the last break
        // of a run matters (two line breaks after it are two line breaks after every earlier
        // one), so the run is scanned once and the last break in it is applied.
        let breaks = std::mem::take(&mut self.breaks);
        let mut k = 0;
        while k < breaks.len() {
            let first = breaks[k];
            let end = self.bytes[first..]
                .iter()
                .position(|&b| !is_blank(b))
                .map_or(len, |p| first + p);
            let mut at = first;
            k += 1;
            while k < breaks.len() && breaks[k] < end {
                at = breaks[k];
                k += 1;
            }
            let mut newlines = self.bytes[at..end].iter().filter(|&&b| b == b'\n').count();
            for b in &mut self.bytes[at..end] {
                if newlines >= 2 {
                    break;
                }
                if *b == b' ' || *b == b'\t' {
                    *b = b'\n';
                    newlines += 1;
                }
            }
        }
        String::from_utf8(self.bytes).unwrap_or_else(|e| {
            // Not reachable: prose is copied in whole characters. Never panic on input.
            let mut bytes = e.into_bytes();
            for b in &mut bytes {
                if *b >= 0x80 {
                    *b = b' ';
                }
            }
            String::from_utf8(bytes).unwrap_or_default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_blanked_and_prose_kept() {
        let text = "<p>Isra&euml;l</p>\n<b>x</b>";
        let mut v = ViewBuilder::new(text);
        v.keep(3..7);
        v.put_char(7..13, 'ë');
        v.keep(13..14);
        v.keep(22..23);
        let view = v.finish();
        assert_eq!(view.len(), text.len());
        assert_eq!(view, "   Israë\0\0\0\0l    \n   x    ");
    }

    #[test]
    fn inline_markup_inside_a_word_becomes_nul() {
        let text = "Is<g>ra</g>el and <x/> more";
        let mut v = ViewBuilder::new(text);
        for r in [0..2, 5..7, 11..18, 22..27] {
            v.keep(r);
        }
        for r in [2..5, 7..11, 18..22] {
            v.inline(r);
        }
        let view = v.finish();
        assert_eq!(view.replace('\0', ""), "Israel and      more");
    }

    #[test]
    fn block_breaks_make_blank_lines_and_suppression_blanks() {
        let text = "<p>one</p><p>two</p>\n<!--i-->\nthree\n";
        let mut v = ViewBuilder::new(text);
        v.keep(3..6);
        v.keep(13..16);
        v.keep(30..35);
        v.block_break(6);
        v.directive(Directive::NextLine, 21..29);
        let view = v.finish();
        assert_eq!(view.len(), text.len());
        assert!(view.starts_with("   one\n\n"), "{view:?}");
        assert!(!view.contains("three"));
        assert!(view.contains("two"));
    }
}
