//! The month, season and number words of a language, looked up for the words of every
//! version that `anchors::lexical`'s filter lets through.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::fasthash::Fnv;

/// Words and what they mean, with a filter in front: almost no word of a text is in the
/// table, and one bit per (length, first and last two bytes) says so without hashing the
/// whole word (hashing took a sixth of reading dates and numbers).
#[derive(Debug)]
pub struct Lexicon<V> {
    words: HashMap<String, V, BuildHasherDefault<Fnv>>,
    filter: WordFilter,
    /// The filter bits of the first words of keys that join two words with `_`
    /// ("كانون_الثاني"): a pair is worth joining into a key and looking up only after one
    /// of them (in Arabic, after كانون or تشرين, not after every word).
    pair_starts: WordFilter,
}

/// One bit per `filter_bit` value: a word whose bit is clear was never added.
#[derive(Debug)]
pub struct WordFilter([u64; FILTER_BITS / 64]);

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter([0; FILTER_BITS / 64])
    }
}

impl WordFilter {
    pub fn add(&mut self, word: &str) {
        let bit = filter_bit(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False only when `word` was never added (nor the key of a lexicon added whole).
    pub fn may_hold(&self, word: &str) -> bool {
        let bit = filter_bit(word);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// 2 KB: a table's few hundred words (declined, in Russian) set a few percent of them.
const FILTER_BITS: usize = 1 << 14;

/// The filter bit of a word: from its length and its first and last two bytes (a whole
/// letter in the scripts with two-byte letters), mixed by one multiplication.
fn filter_bit(word: &str) -> usize {
    let bytes = word.as_bytes();
    let n = bytes.len();
    let pair = |i: usize| u64::from(bytes[i]) << 8 | u64::from(bytes[(i + 1).min(n - 1)]);
    let key = match n {
        0 => 0,
        _ => n as u64 | pair(0) << 16 | pair(n.saturating_sub(2)) << 32,
    };
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

impl<V> Default for Lexicon<V> {
    fn default() -> Lexicon<V> {
        Lexicon {
            words: HashMap::default(),
            filter: WordFilter::default(),
            pair_starts: WordFilter::default(),
        }
    }
}

impl<V> Lexicon<V> {
    pub fn insert(&mut self, word: String, value: V) {
        self.filter.add(&word);
        // Every text before an `_` (a word might hold one itself).
        for (at, _) in word.match_indices('_') {
            self.pair_starts.add(&word[..at]);
        }
        self.words.insert(word, value);
    }

    /// Whether some key could be `word` joined to the next word by `_`: false only when
    /// none is (the bits of the keys' first words, as `get`'s filter).
    pub fn may_start_two_word_key(&self, word: &str) -> bool {
        self.pair_starts.may_hold(word)
    }

    /// Every key and its value, in no order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &V)> {
        self.words
            .iter()
            .map(|(word, value)| (word.as_str(), value))
    }

    /// Adds to `filter` the bits of every key and of every key's first word before `_`:
    /// afterwards `filter` holds each word `get` or `may_start_two_word_key` says yes to.
    pub fn add_to(&self, filter: &mut WordFilter) {
        for (into, (key_bits, pair_bits)) in filter
            .0
            .iter_mut()
            .zip(self.filter.0.iter().zip(&self.pair_starts.0))
        {
            *into |= key_bits | pair_bits;
        }
    }

    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.filter.may_hold(word) {
            return None;
        }
        self.words.get(word)
    }
}

impl<V> std::ops::Index<&str> for Lexicon<V> {
    type Output = V;

    fn index(&self, word: &str) -> &V {
        self.get(word).expect("a word of the lexicon")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The filter never hides a word of the table.
        #[test]
        fn the_filter_hides_no_word(
            words in proptest::collection::vec("[a-zé\u{621}-\u{64a}\u{430}-\u{44f}]{0,70}", 0..40),
            other in "[a-zé\u{621}-\u{64a}\u{430}-\u{44f}]{0,70}",
        ) {
            let mut lexicon = Lexicon::default();
            for (i, word) in words.iter().enumerate() {
                lexicon.insert(word.clone(), i);
            }
            for word in &words {
                prop_assert!(lexicon.get(word).is_some());
            }
            let in_table = words.iter().rposition(|w| *w == other);
            prop_assert_eq!(lexicon.get(&other).copied(), in_table);
            // Nor a two-word key's first word.
            let mut pairs = Lexicon::default();
            for (i, word) in words.iter().enumerate() {
                pairs.insert(format!("{word}_{other}"), i);
            }
            for word in &words {
                prop_assert!(pairs.may_start_two_word_key(word));
            }
        }
    }

    #[test]
    fn most_words_are_turned_away_by_the_filter() {
        let mut lexicon = Lexicon::default();
        for month in ["january", "february", "march", "april", "may", "june"] {
            lexicon.insert(month.to_string(), ());
        }
        let text = "the minister said on monday that the talks would resume after a pause";
        let passed = text
            .split(' ')
            .filter(|w| lexicon.filter.may_hold(w))
            .count();
        assert!(passed <= 1, "{passed} words passed the filter");
        assert_eq!(lexicon.get("march"), Some(&()));
        assert_eq!(lexicon.get("marcs"), None);
        assert!(!lexicon.may_start_two_word_key("march"));
        lexicon.insert("كانون_الثاني".to_string(), ());
        assert!(lexicon.may_start_two_word_key("كانون"));
        assert!(!lexicon.may_start_two_word_key("الثاني"));
    }
}
