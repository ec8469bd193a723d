//! Quoted statements: where they are, and whether they deny something.

use std::ops::Range;

use crate::normalize::{normalize, normalize_str};

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

/// The bytes the opening marks start with (a test checks them against `PAIRS`): a text is
/// searched for them with `memchr` and read as a character only there (they are never a
/// character's later bytes). Most text holds none of them but for punctuation and, in
/// Persian, the zero-width non-joiner (E2 80 8C).
const OPENING_FIRST_BYTES: [u8; 4] = [b'"', 0xC2, 0xE2, 0xE3];

/// The offset of the first of `OPENING_FIRST_BYTES` in `bytes`.
fn next_opening_byte(bytes: &[u8]) -> Option<usize> {
    let [a, b, c, d] = OPENING_FIRST_BYTES;
    let three = memchr::memchr3(a, b, c, bytes);
    // Only Chinese or Japanese text holds the fourth byte often; it is looked for only
    // up to the first of the other three.
    memchr::memchr(d, &bytes[..three.unwrap_or(bytes.len())]).or(three)
}

/// The next opening mark at or after `from`, and the marks that may close it.
fn next_opening(text: &str, from: usize) -> Option<(usize, &'static [char])> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let i = at + next_opening_byte(&bytes[at..])?;
        let c = text[i..].chars().next()?;
        if let Some((_, closers)) = PAIRS.iter().find(|(open, _)| *open == c) {
            return Some((i, *closers));
        }
        at = i + 1;
    }
    None
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
    // `normalize` folds whole texts as `normalize_str` does (but for the spaces it trims
    // at the ends, which split no word), without cutting every character into a cluster.
    normalize(quote)
        .text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|word| negations.holds(word))
}

/// A language's negation words, normalized, and their lengths, which tell most words
/// apart from all of them without a comparison.
struct Negations {
    words: Vec<String>,
    /// Bit `n` is set when some word is `n` bytes long.
    lengths: u64,
    /// English "n't", which ends a word ("didn't") rather than being one.
    contraction: bool,
}

impl Negations {
    fn new(words: &[&str]) -> Negations {
        let words: Vec<String> = words.iter().map(|w| normalize_str(w)).collect();
        Negations {
            lengths: words
                .iter()
                .filter(|w| w.len() < 64)
                .fold(0, |bits, w| bits | 1 << w.len()),
            contraction: words.iter().any(|w| w == "n't"),
            words,
        }
    }

    /// Whether `word` is one of the words, or ends with the contraction.
    fn holds(&self, word: &str) -> bool {
        (self.contraction && word.ends_with("n't"))
            || (word.len() < 64
                && self.lengths & 1 << word.len() != 0
                && self.words.iter().any(|n| n == word))
    }
}

/// A language's negation words, normalized: once per run, not once per quote.
fn negations(lang: &str) -> Option<&'static Negations> {
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
    type Table = Vec<(&'static str, Negations)>;
    static NORMALIZED: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    NORMALIZED
        .get_or_init(|| {
            WORDS
                .iter()
                .map(|(lang, words)| (*lang, Negations::new(words)))
                .collect()
        })
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, negations)| negations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::utf8::first_byte;

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
    fn the_bytes_searched_for_are_the_opening_marks_first_bytes() {
        let mut firsts: Vec<u8> = PAIRS.iter().map(|(open, _)| first_byte(*open)).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let mut searched = OPENING_FIRST_BYTES.to_vec();
        searched.sort_unstable();
        assert_eq!(searched, firsts);
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

    proptest::proptest! {
        /// The quote folded whole and its words told by length first find a negation
        /// where folding it cluster by cluster and comparing every word with every
        /// negation word does.
        #[test]
        fn negation_is_found_as_comparing_every_word_finds_it(
            quote in "(not|NOT|didn't|n't|pas|n'|nicht|Jamás|jamas|не|НЕТ|لم|لا|ما|غير|ليست|no|non|never|aware|we|é|\u{301}|\u{640}|’| |  |,|-|“|”|«|»|x){0,12}",
            lang in proptest::sample::select(vec!["en", "fr", "de", "es", "it", "pt", "ru", "ar", "fa"]),
        ) {
            let by_clusters = negations(lang).is_some_and(|negations| {
                normalize_str(&quote)
                    .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                    .any(|w| negations.words.iter().any(|n| n == w || (n == "n't" && w.ends_with("n't"))))
            });
            proptest::prop_assert_eq!(is_negated(&quote, lang), by_clusters, "{:?}", quote);
        }
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
