//! Near-miss spellings of glossary forms: "Hanniyeh", "Izzadi", "Хезболлах", "هنيه".
//!
//! Candidates come from a deletion index, never from comparing every word with every
//! form: each form is stored under the hash of its letters and of each of its one-letter
//! deletions, and a word looks up the same keys for itself. Any pair one insertion,
//! deletion, substitution or transposition apart shares a key, whatever the glossary's size.
//! Each candidate is then verified with strsim and scored with a script-aware cost in which
//! the differences transliterations really produce (a doubled letter, a vowel, ة for ه,
//! j for y) cost less than a changed consonant. Short forms tolerate only those cheap
//! differences, so "Iran" never matches "iron".

use std::collections::HashSet;

use crate::glossary::{FormId, Glossary};
use crate::normalize::is_word_char;

#[derive(Debug)]
struct Entry {
    /// Word characters of the normalized form.
    key: Vec<char>,
    /// The non-word characters between its words ("-" in al-aqsa, " " in al aqsa).
    separators: Vec<char>,
    form: FormId,
    via_source: bool,
    /// The glossary writes it capitalized: only capitalized words may be variants of it.
    capitalized: bool,
}

/// A form a word is close to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NearMiss {
    pub form: FormId,
    pub via_source: bool,
    pub cost: f32,
}

#[derive(Debug, Default)]
pub struct FuzzyIndex {
    entries: Vec<Entry>,
    /// (neighbourhood hash, entry index), sorted once by `finish`: a flat array, not a map
    /// of millions of tiny lists (glossaries of tens of thousands of entities).
    postings: Vec<(u64, u32)>,
    finished: bool,
    /// Every normalized pattern the matcher knows (all entities, all inflected variants): a
    /// word equal to one of them is a form, never a variant of another. Kept with its
    /// separators, so that "al aqsa" is not taken for the listed "al-aqsa".
    known: HashSet<String>,
    max_words: usize,
}

impl FuzzyIndex {
    pub fn add(&mut self, glossary: &Glossary, id: FormId, via_source: bool) {
        let form = glossary.form(id);
        let (key, separators) = split_shape(&form.normalized);
        if key.len() < 3 {
            return;
        }
        let index = self.entries.len() as u32;
        self.postings
            .extend(neighbourhood(&key).map(|hash| (hash, index)));
        self.finished = false;
        self.max_words = self.max_words.max(separators.len() + 1);
        self.entries.push(Entry {
            key,
            separators,
            form: id,
            via_source,
            capitalized: form.text.chars().next().is_some_and(char::is_uppercase),
        });
    }

    /// Sorts the postings; call after the last `add`.
    pub fn finish(&mut self) {
        self.postings.sort_unstable();
        self.postings.dedup();
        self.postings.shrink_to_fit();
        self.finished = true;
    }

    fn bucket(&self, hash: u64) -> &[(u64, u32)] {
        let start = self.postings.partition_point(|p| p.0 < hash);
        let end = start + self.postings[start..].partition_point(|p| p.0 == hash);
        &self.postings[start..end]
    }

    pub fn add_known(&mut self, normalized: &str) {
        self.known.insert(normalized.to_string());
    }

    /// The longest run of words worth comparing with forms.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    pub fn is_known(&self, normalized: &str) -> bool {
        self.known.contains(normalized)
    }

    /// The closest form to a normalized candidate (one or more words), if it is close
    /// enough to be a misspelling. `capitalized` says whether the text writes it with a
    /// capital; `cased` whether its script has case at all.
    pub fn closest(&self, candidate: &str, capitalized: bool, cased: bool) -> Option<NearMiss> {
        // No name is this long; a run of letters this long (a base64 blob, a URL) would make
        // the deletion neighbourhood quadratic.
        if candidate.len() > MAX_CANDIDATE_BYTES {
            return None;
        }
        let (key, separators) = split_shape(candidate);
        if key.len() < 3 {
            return None;
        }
        let mut seen: Vec<u32> = Vec::new();
        let mut best: Option<NearMiss> = None;
        debug_assert!(self.finished, "FuzzyIndex::finish after the last add");
        for hash in neighbourhood(&key) {
            for &(_, index) in self.bucket(hash) {
                if seen.contains(&index) {
                    continue;
                }
                seen.push(index);
                let entry = &self.entries[index as usize];
                if cased && entry.capitalized && !capitalized {
                    continue;
                }
                if strsim::generic_damerau_levenshtein(&key, &entry.key) > 2 {
                    continue;
                }
                let mut cost = variant_cost(&key, &entry.key);
                if separators != entry.separators {
                    cost += 0.5;
                }
                if cost == 0.0 || cost > allowed_cost(entry.key.len(), cased) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some(b) => {
                        cost < b.cost || (cost == b.cost && b.via_source && !entry.via_source)
                    }
                };
                if better {
                    best = Some(NearMiss {
                        form: entry.form,
                        via_source: entry.via_source,
                        cost,
                    });
                }
            }
        }
        best
    }

    /// The cost of reading `candidate` as a misspelling of one given normalized form, if it
    /// is close enough (and not identical).
    pub fn cost_to(candidate: &str, form: &str, cased: bool) -> Option<f32> {
        if candidate.len() > MAX_CANDIDATE_BYTES {
            return None;
        }
        let (key, separators) = split_shape(candidate);
        let (target, target_separators) = split_shape(form);
        if strsim::generic_damerau_levenshtein(&key, &target) > 2 {
            return None;
        }
        let mut cost = variant_cost(&key, &target);
        if separators != target_separators {
            cost += 0.5;
        }
        (cost > 0.0 && cost <= allowed_cost(target.len(), cased)).then_some(cost)
    }
}

/// Longest text compared with the glossary, in bytes.
pub const MAX_CANDIDATE_BYTES: usize = 200;

/// How different a variant may be from a form of `len` letters.
pub fn allowed_cost(len: usize, cased: bool) -> f32 {
    match len {
        0..=4 => 0.5,
        // Five letters: a vowel or a doubled letter, not a consonant (Hama, Hamad ≠ Hamas).
        5 if cased => 0.75,
        5 => 0.5,
        6..=7 => 1.0,
        _ => 1.5,
    }
}

/// Splits a normalized form into its letters and the separators between its words (the
/// first non-word character of each gap).
fn split_shape(normalized: &str) -> (Vec<char>, Vec<char>) {
    let mut key = Vec::with_capacity(normalized.len());
    let mut separators = Vec::new();
    let mut gap: Option<char> = None;
    for c in normalized.chars() {
        if is_word_char(c) {
            if let Some(separator) = gap.take() {
                if !key.is_empty() {
                    separators.push(separator);
                }
            }
            key.push(c);
        } else if gap.is_none() {
            gap = Some(c);
        }
    }
    (key, separators)
}

/// Letters hashed alike in the index, so that a word differing from a form by several
/// such letters (الضفه الغربيه for الضفة الغربية) still meets it; the cost still sees them.
fn index_fold(c: char) -> char {
    match c {
        'ة' => 'ه',
        c => c,
    }
}

/// Hashes of a word and of each of its one-letter deletions.
fn neighbourhood(key: &[char]) -> impl Iterator<Item = u64> + '_ {
    (0..=key.len()).map(move |skip| {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, &c) in key.iter().enumerate() {
            if i != skip {
                hash ^= index_fold(c) as u64;
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        hash
    })
}

fn is_vowel(c: char) -> bool {
    "aeiouyаеиоуыэюяαεηιουωاويאויה".contains(c)
}

/// Letter pairs that transliteration and typing swap for each other.
fn confusable(a: char, b: char) -> bool {
    const PAIRS: &[(char, char)] = &[
        ('c', 'k'),
        ('k', 'q'),
        ('i', 'y'),
        ('j', 'y'),
        ('j', 'i'),
        ('s', 'z'),
        ('v', 'w'),
        ('f', 'v'),
        ('е', 'э'),
        ('и', 'ы'),
        ('ш', 'щ'),
        ('ة', 'ه'),
        ('ت', 'ط'),
        ('س', 'ص'),
        ('ذ', 'ز'),
        ('ض', 'ظ'),
        ('ك', 'ق'),
        ('כ', 'ק'),
        ('ט', 'ת'),
        ('ס', 'ש'),
    ];
    PAIRS
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

fn substitution_cost(a: char, b: char) -> f32 {
    if a == b {
        0.0
    } else if confusable(a, b) {
        0.5
    } else if is_vowel(a) && is_vowel(b) {
        0.75
    } else {
        1.0
    }
}

/// Cost of inserting or deleting `word[i]`: cheap when it doubles a neighbour; prohibitive
/// for a final Arabic ة, which makes another word (عراقة "heritage" is not العراق).
fn indel_cost(word: &[char], i: usize) -> f32 {
    let c = word[i];
    if c == 'ة' && i + 1 == word.len() {
        return 2.0;
    }
    let doubled = (i > 0 && word[i - 1] == c) || word.get(i + 1) == Some(&c);
    if doubled {
        0.5
    } else if is_vowel(c) {
        0.75
    } else {
        1.0
    }
}

/// Weighted optimal-string-alignment distance between two words.
pub fn variant_cost(a: &[char], b: &[char]) -> f32 {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0f32; m + 1]; n + 1];
    for i in 1..=n {
        d[i][0] = d[i - 1][0] + indel_cost(a, i - 1);
    }
    for j in 1..=m {
        d[0][j] = d[0][j - 1] + indel_cost(b, j - 1);
    }
    for i in 1..=n {
        for j in 1..=m {
            let mut best = (d[i - 1][j] + indel_cost(a, i - 1))
                .min(d[i][j - 1] + indel_cost(b, j - 1))
                .min(d[i - 1][j - 1] + substitution_cost(a[i - 1], b[j - 1]));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1.0);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn shape_splits_letters_and_separators() {
        assert_eq!(split_shape("al-aqsa"), (chars("alaqsa"), vec!['-']));
        assert_eq!(split_shape("al aqsa"), (chars("alaqsa"), vec![' ']));
        assert_eq!(split_shape("the new york times").1, vec![' ', ' ', ' ']);
        assert_eq!(split_shape("u.n.").1, vec!['.']);
        assert_eq!(split_shape("hamas").1, Vec::<char>::new());
    }

    #[test]
    fn transliteration_differences_cost_less() {
        assert_eq!(variant_cost(&chars("hanniyeh"), &chars("haniyeh")), 0.5);
        assert_eq!(variant_cost(&chars("هنيه"), &chars("هنية")), 0.5);
        assert_eq!(variant_cost(&chars("hanija"), &chars("haniya")), 0.5);
        assert_eq!(variant_cost(&chars("iron"), &chars("iran")), 0.75);
        assert_eq!(variant_cost(&chars("hamad"), &chars("hamas")), 1.0);
    }

    fn index() -> (Glossary, FuzzyIndex) {
        let g = Glossary::from_csv_str(
            "g.csv",
            "id,type,lang,form,status,note\n\
             h,person,en,Haniyeh,preferred,\n\
             i,place,en,Iran,preferred,\n\
             z,person,en,Izadi,preferred,\n\
             n,person,en,Nasrallah,preferred,\n\
             a,place,en,Al-Aqsa,preferred,\n\
             g,place,ar,غزة,preferred,\n\
             ha,person,ar,هنية,preferred,\n",
        )
        .unwrap();
        let mut index = FuzzyIndex::default();
        for id in 0..g.forms.len() {
            index.add(&g, FormId(id as u32), false);
        }
        index.finish();
        (g, index)
    }

    #[test]
    fn finds_misspellings_through_the_index() {
        let (g, index) = index();
        let text = |m: Option<NearMiss>| m.map(|m| g.form(m.form).text.clone());
        assert_eq!(
            text(index.closest("hanniyeh", true, true)),
            Some("Haniyeh".into())
        );
        assert_eq!(
            text(index.closest("izzadi", true, true)),
            Some("Izadi".into())
        );
        assert_eq!(
            text(index.closest("nasralah", true, true)),
            Some("Nasrallah".into())
        );
        assert_eq!(
            text(index.closest("al aqsa", true, true)),
            Some("Al-Aqsa".into())
        );
        assert_eq!(
            text(index.closest("هنيه", false, false)),
            Some("هنية".into())
        );
    }

    #[test]
    fn does_not_flag_ordinary_or_lowercase_words() {
        let (_, index) = index();
        assert_eq!(index.closest("iron", true, true), None);
        assert_eq!(index.closest("hanniyeh", false, true), None);
        // A consonant changed in a short uncased word: عزة (pride) is not غزة (Gaza).
        assert_eq!(index.closest("عزة", false, false), None);
        assert_eq!(index.closest("haniyeh", true, true), None);
    }
}
