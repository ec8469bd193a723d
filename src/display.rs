//! Making text safe to show: a flagged word that differs from the right one only by an
//! invisible character (soft hyphen, zero-width space, a bidi control) must not look
//! identical to it, and a name broken across lines must not break a message in two.

use std::borrow::Cow;

/// Whether a character is invisible or reorders text on a terminal.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}'
    ) || (c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

/// The text with invisible characters written as `<U+00AD>` and tabs as spaces. The
/// zero-width non-joiner is kept when it joins letters (Persian writes it inside words).
pub fn visible(text: &str) -> Cow<'_, str> {
    let needs = text
        .chars()
        .any(|c| c == '\t' || (is_invisible(c) && c != '\u{200C}'));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            '\u{200C}' => out.push(c),
            c if is_invisible(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for use inside a one-line message: visible, with line breaks shown as "⏎".
pub fn inline(text: &str) -> String {
    visible(text)
        .replace("\r\n", "⏎")
        .replace(['\n', '\r'], "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(visible("Hiz\u{00AD}ballah"), "Hiz<U+00AD>ballah");
        assert_eq!(visible("a\u{200B}b\u{202E}c"), "a<U+200B>b<U+202E>c");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        // Persian ZWNJ is part of normal spelling.
        assert_eq!(visible("حزب\u{200C}الله"), "حزب\u{200C}الله");
    }

    #[test]
    fn line_breaks_do_not_break_messages() {
        assert_eq!(inline("Ismail\nHanniyeh"), "Ismail⏎Hanniyeh");
        assert_eq!(inline("a\r\nb"), "a⏎b");
    }
}
