//! Which words of a language may be read as a number word, a month or a season: one
//! filter, tested once per word when the words become tokens.
//!
//! Reading number words and then dates looked every word up in two tables, each behind a
//! filter of its own, and a German or Arabic word once more for each form those languages
//! glue together ("einundzwanzig", وعشرين), though hardly a word in a hundred is in any
//! table. One filter holding all of them turns the others away with one test: the full
//! pipeline took about 6 % less time (1.066 of it before, measured inside one process).

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::dates::{calendar_languages, calendar_words};
use super::lexicon::WordFilter;
use super::numbers::{number_word_languages, number_words, WordValue};
use crate::fasthash::Fnv;

/// Arabic prefixes `number_word` strips from a word before looking it up: و (and), ال
/// (the), وال.
pub const ARABIC_NUMBER_PREFIXES: [&str; 3] = ["و", "ال", "وال"];

/// The filter of `lang`'s number and calendar words, or `None` for a language with
/// neither (whose words are never looked up).
pub fn lexical_words(lang: &str) -> Option<&'static WordFilter> {
    static FILTERS: OnceLock<HashMap<&'static str, WordFilter, BuildHasherDefault<Fnv>>> =
        OnceLock::new();
    FILTERS
        .get_or_init(|| {
            // A language with both tables is listed twice: its filter is built once.
            let languages: BTreeSet<&str> = number_word_languages()
                .chain(calendar_languages())
                .collect();
            languages
                .into_iter()
                .map(|lang| (lang, filter_of(lang)))
                .collect()
        })
        .get(lang)
}

/// Every word `number_word` or the calendar of `lang` can say yes to: the tables' keys and
/// the first words of their two-word keys, German compounds of a unit and a ten, and
/// Arabic table words after a prefix.
fn filter_of(lang: &str) -> WordFilter {
    let mut filter = WordFilter::default();
    if let Some(calendar) = calendar_words(lang) {
        calendar.add_to(&mut filter);
    }
    let Some(table) = number_words(lang) else {
        return filter;
    };
    table.add_to(&mut filter);
    if lang == "de" {
        // `german_compound`: a unit, "und", and a ten from twenty up.
        let units = table.entries().filter_map(|(word, value)| match value {
            WordValue::Unit(_) | WordValue::Ambiguous(_) => Some(word),
            _ => None,
        });
        for unit in units {
            for (ten, value) in table.entries() {
                if matches!(value, WordValue::Unit(t) if *t >= 20.0) {
                    filter.add(&format!("{unit}und{ten}"));
                }
            }
        }
    }
    if lang == "ar" {
        for (word, _) in table.entries() {
            for prefix in ARABIC_NUMBER_PREFIXES {
                filter.add(&format!("{prefix}{word}"));
            }
        }
    }
    filter
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_str;

    /// Every word the tables say yes to passes the filter: keys, two-word keys' first
    /// words, German compounds and Arabic words after a prefix. (Reading number words with
    /// and without the filter is also compared on random text in `anchors::tests`.)
    #[test]
    fn the_filter_passes_every_word_the_tables_read() {
        for lang in number_word_languages().chain(calendar_languages()) {
            let filter = lexical_words(lang).unwrap();
            if let Some(table) = number_words(lang) {
                for (word, _) in table.entries() {
                    assert!(filter.may_hold(word), "{lang}: {word}");
                }
            }
            if let Some(calendar) = calendar_words(lang) {
                for (word, _) in calendar.entries() {
                    assert!(filter.may_hold(word), "{lang}: {word}");
                    if let Some((first, _)) = word.split_once('_') {
                        assert!(filter.may_hold(first), "{lang}: {first}");
                    }
                }
            }
        }
        let de = lexical_words("de").unwrap();
        for compound in ["einundzwanzig", "zweiundneunzig", "neunundvierzig"] {
            assert!(super::super::numbers::german_compound(compound).is_some());
            assert!(de.may_hold(compound), "{compound}");
        }
        let ar = lexical_words("ar").unwrap();
        for word in ["وعشرين", "العشرة", "والعشرين"] {
            assert!(ar.may_hold(&normalize_str(word)), "{word}");
        }
    }

    /// Ordinary words are turned away: the filter is worth testing first.
    #[test]
    fn most_words_are_turned_away() {
        let en = lexical_words("en").unwrap();
        let text = "the minister said on monday that the talks between the two delegations \
                    would resume in the capital after a pause of several weeks";
        let passed: Vec<&str> = text.split(' ').filter(|w| en.may_hold(w)).collect();
        assert!(passed.contains(&"two"));
        assert!(passed.len() <= 3, "{passed:?}");
        assert!(lexical_words("xx").is_none());
    }
}
