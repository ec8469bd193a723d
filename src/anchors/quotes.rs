//! Quoted statements: where they are, and whether they deny something.

use std::ops::Range;

use crate::normalize::normalize_str;
use crate::utf8::first_byte;

/// Opening marks and the marks that may close them: English “…”, French «…», German „…“,
/// Japanese 「…」, straight quotes.
const PAIRS: &[(char, &[char])] = &[
    ('“', &['”']),
    ('«', &['»']),
    ('„', &['“', '”']),
    ('»', &['«']),
    ('‹', &['›']),
    ('「', &['」']),
    ('『', &['』']),
    ('"', &['"']),
];

/// The bytes an opening mark starts with: a text is scanned byte by byte for them, and
/// only there read as a character (these are never a character's later bytes).
static OPENING_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < PAIRS.len() {
        table[first_byte(PAIRS[i].0) as usize] = true;
        i += 1;
    }
    table
};

/// The next opening mark at or after `from`, and the marks that may close it.
fn next_opening(text: &str, from: usize) -> Option<(usize, &'static [char])> {
    let bytes = text.as_bytes();
    (from..bytes.len())
        .filter(|&i| OPENING_FIRST_BYTES[usize::from(bytes[i])])
        .find_map(|i| {
            let c = text[i..].chars().next()?;
            PAIRS
                .iter()
                .find(|(open, _)| *open == c)
                .map(|(_, closers)| (i, *closers))
        })
}

/// The longest quote looked for, in bytes.
const MAX_QUOTE: usize = 4000;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Quoted spans (marks included) in `text`, in order.
pub fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some((start, closers)) = next_opening(text, at) {
        let after = start + text[start..].chars().next().map_or(1, char::len_utf8);
        // A quote runs a few sentences at most; an unclosed mark must not send every later
        // opening mark on a search to the end of a long text.
        let window = floor_boundary(text, (after + MAX_QUOTE).min(text.len()));
        match text[after..window].find(|ch: char| closers.contains(&ch)) {
            Some(close) => {
                let close_at = after + close;
                let end = close_at + text[close_at..].chars().next().map_or(0, char::len_utf8);
                if end - start > 2 {
                    spans.push(start..end);
                }
                at = end;
            }
            None => at = after,
        }
    }
    spans
}

/// Languages whose negation words are listed (Persian negates with a verb prefix, which a
/// word list cannot see).
pub fn negation_supported(lang: &str) -> bool {
    matches!(lang, "en" | "fr" | "de" | "es" | "it" | "pt" | "ru" | "ar")
}

/// Whether a quoted text denies something, by the language's negation words.
pub fn is_negated(quote: &str, lang: &str) -> bool {
    let Some(negations) = negations(lang) else {
        return false;
    };
    let normalized = normalize_str(quote);
    normalized
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| {
            negations
                .iter()
                .any(|n| n == w || (n == "n't" && w.ends_with("n't")))
        })
}

/// A language's negation words, normalized: once per run, not once per quote.
fn negations(lang: &str) -> Option<&'static [String]> {
    const WORDS: &[(&str, &[&str])] = &[
        (
            "en",
            &[
                "not", "no", "never", "none", "nothing", "neither", "nor", "cannot", "n't",
            ],
        ),
        (
            "fr",
            &["ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "ni"],
        ),
        (
            "de",
            &[
                "nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals", "nichts",
            ],
        ),
        (
            "es",
            &["no", "nunca", "jamás", "ningún", "ninguna", "nada", "ni"],
        ),
        ("it", &["non", "mai", "nessuno", "niente"]),
        ("pt", &["não", "nunca", "nenhum", "nada"]),
        ("ru", &["не", "нет", "никогда", "ни", "ничего"]),
        ("ar", &["لا", "لم", "لن", "ليس", "ليست", "غير", "ما"]),
    ];
    type Table = Vec<(&'static str, Vec<String>)>;
    static NORMALIZED: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    NORMALIZED
        .get_or_init(|| {
            WORDS
                .iter()
                .map(|(lang, words)| (*lang, words.iter().map(|w| normalize_str(w)).collect()))
                .collect()
        })
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, words)| words.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        quote_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    proptest::proptest! {
        /// Scanning bytes for the opening marks' first bytes finds the marks reading every
        /// character would: the same marks, where characters share those bytes or not.
        #[test]
        fn openings_are_found_as_reading_every_character_finds_them(
            text in "[a “”«»„‹›「」『』\"€−’—\u{a0}ẞâ中ق]{0,40}",
            from in 0usize..40,
        ) {
            let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let by_characters = text[from..].char_indices().find_map(|(i, c)| {
                PAIRS
                    .iter()
                    .find(|(open, _)| *open == c)
                    .map(|(_, closers)| (from + i, *closers))
            });
            proptest::prop_assert_eq!(next_opening(&text, from), by_characters);
        }
    }

    #[test]
    fn finds_quotes_in_each_convention() {
        assert_eq!(
            quotes("to “deploy their environment.” Then “big project”"),
            ["“deploy their environment.”", "“big project”"]
        );
        assert_eq!(quotes("un « grand projet » dit"), ["« grand projet »"]);
        assert_eq!(quotes("ein „großes Projekt“ sei"), ["„großes Projekt“"]);
        assert_eq!(quotes("said \"no\" and \"yes\""), ["\"no\"", "\"yes\""]);
        assert!(quotes("an unclosed “quote").is_empty());
    }

    #[test]
    fn negation_in_quotes() {
        assert!(is_negated("“we were not aware”", "en"));
        assert!(is_negated("“we didn't know”", "en"));
        assert!(!is_negated("“we were aware”", "en"));
        assert!(is_negated("« nous n'étions pas au courant »", "fr"));
        assert!(is_negated("«мы не знали»", "ru"));
        assert!(is_negated("«لم نكن نعلم»", "ar"));
        assert!(!is_negated("«كنا نعلم»", "ar"));
        assert!(is_negated("„Wir wussten es nicht“", "de"));
        assert!(is_negated("«Jamás lo supimos»", "es"));
        assert!(is_negated("«Non lo sapevamo»", "it"));
        assert!(is_negated("«Não sabíamos»", "pt"));
        assert!(!is_negated("“we were not aware”", "tr"));
    }
}
