//! Near-miss spellings of glossary forms: "Hanniyeh", "Izzadi", "Хезболлах", "هنيه".
//!
//! Candidates come from a deletion index, never from comparing every word with every
//! form: each form is stored under the hash of its letters and of each of its one-letter
//! deletions, and a word looks up the same keys for itself. Any pair one insertion,
//! deletion, substitution or transposition apart shares a key, whatever the glossary's size.
//! Each candidate is then verified (at most two edits) and scored with a script-aware cost
//! in which the differences transliterations really produce (a doubled letter, a vowel, ة
//! for ه, j for y) cost less than a changed consonant. Short forms tolerate only those cheap
//! differences, so "Iran" never matches "iron".

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use crate::fasthash::Fnv;
use crate::glossary::{FormId, Glossary};
use crate::grouping::group_by_key;
use crate::normalize::is_word_char;
use crate::prefetch::prefetch;

/// Index of a glossary language tag in a compiled glossary.
pub type TagIndex = u16;

/// Which glossary languages a version may be measured against: its own forms, and the
/// source language's forms (names left untranslated).
#[derive(Clone, Debug, Default)]
pub struct LangFilter {
    /// Indexed by `TagIndex`.
    pub own: Vec<bool>,
    pub source: Vec<bool>,
}

impl LangFilter {
    /// `Some(via_source)` when forms in `tag` count for the version.
    fn accepts(&self, tag: TagIndex) -> Option<bool> {
        let tag = tag as usize;
        if self.own.get(tag).copied().unwrap_or(false) {
            Some(false)
        } else if self.source.get(tag).copied().unwrap_or(false) {
            Some(true)
        } else {
            None
        }
    }

    /// Of several languages' candidates (in glossary order), the first in the version's
    /// own language, else the first in the source language, with whether it is the
    /// source's.
    pub fn choose<T>(&self, candidates: impl Iterator<Item = (T, TagIndex)>) -> Option<(T, bool)> {
        candidates
            .filter_map(|(item, tag)| self.accepts(tag).map(|via_source| (item, via_source)))
            .min_by_key(|&(_, via_source)| via_source)
    }
}

/// Forms sharing one normalized text and capitalization: Latin names are often spelled
/// alike in several languages and are indexed once.
#[derive(Debug)]
struct Entry {
    /// Word characters of the normalized form, in `FuzzyIndex::letters`.
    key: Range<u32>,
    /// The non-word characters between its words ("-" in al-aqsa, " " in al aqsa).
    separators: Range<u32>,
    /// The forms, in glossary order, in `FuzzyIndex::forms`.
    forms: Range<u32>,
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

/// Neighbourhood hashes to entries, bucketed by the hash's top bits: one or two cache
/// lines per lookup, however large the glossary.
#[derive(Debug, Default)]
struct Postings {
    /// One bit per hash value range, four bits per posting: most words' neighbourhood
    /// hashes are in no bucket, and this table (a few megabytes, in cache) says so without
    /// touching the buckets.
    filter: Vec<u64>,
    filter_shift: u32,
    shift: u32,
    /// `starts[b]..starts[b + 1]` are bucket `b`'s postings.
    starts: Vec<u32>,
    /// (low 32 bits of the hash, entry index), in entry order within a bucket.
    postings: Vec<(u32, u32)>,
}

impl Postings {
    /// Posts each entry that `key` gives a key for under its neighbourhood hashes. Counted
    /// first, then written in place: no list of (hash, entry) pairs, twice the postings'
    /// size, is held or sorted (a large glossary has millions of postings).
    fn build<'a>(entries: usize, key: impl Fn(usize) -> Option<&'a [char]>) -> Postings {
        // At most one hash per letter plus one per key.
        let estimate: usize = (0..entries).filter_map(&key).map(|k| k.len() + 1).sum();
        let bits = ((estimate / 4).max(2).next_power_of_two().trailing_zeros()).max(1);
        let shift = 64 - bits;
        let filter_bits = (bits + 4).min(40);
        let filter_shift = 64 - filter_bits;
        let mut starts = vec![0u32; (1usize << bits) + 1];
        for_each_posting(entries, &key, |hash, _| {
            starts[(hash >> shift) as usize + 1] += 1
        });
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let total = starts[starts.len() - 1] as usize;
        let mut postings = vec![(0u32, 0u32); total];
        let mut filter = vec![0u64; ((1usize << filter_bits) / 64).max(1)];
        let mut next = starts.clone();
        for_each_posting(entries, &key, |hash, entry| {
            let bucket = (hash >> shift) as usize;
            postings[next[bucket] as usize] = (hash as u32, entry);
            next[bucket] += 1;
            let bit = filter_bit(hash, filter_shift);
            filter[bit / 64] |= 1 << (bit % 64);
        });
        Postings {
            filter,
            filter_shift,
            shift,
            starts,
            postings,
        }
    }

    /// Asks for the filter word of a hash, before `passes` reads it.
    fn prefetch_filter(&self, hash: u64) {
        let bit = filter_bit(hash, self.filter_shift);
        prefetch(self.filter.as_ptr().wrapping_add(bit / 64));
    }

    /// Whether the filter lets a hash through: only then can it have postings.
    fn passes(&self, hash: u64) -> bool {
        let bit = filter_bit(hash, self.filter_shift);
        !self.starts.is_empty()
            && self
                .filter
                .get(bit / 64)
                .is_some_and(|word| word & (1 << (bit % 64)) != 0)
    }

    /// Asks for the bucket bounds of a hash, before `lookup` reads them.
    fn prefetch_bucket(&self, hash: u64) {
        let b = (hash >> self.shift) as usize;
        prefetch(self.starts.as_ptr().wrapping_add(b));
    }

    /// The entries posted under a hash the filter let through (`passes`).
    fn lookup(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let b = (hash >> self.shift) as usize;
        let range = self.starts[b] as usize..self.starts[b + 1] as usize;
        self.postings[range]
            .iter()
            .filter(move |p| p.0 == hash as u32)
            .map(|p| p.1)
    }
}

/// Calls `post` with each (neighbourhood hash, entry) once, in entry order.
fn for_each_posting<'a>(
    entries: usize,
    key: &impl Fn(usize) -> Option<&'a [char]>,
    mut post: impl FnMut(u64, u32),
) {
    let (mut prefix, mut hashes) = (Vec::new(), Vec::new());
    for entry in 0..entries {
        if let Some(key) = key(entry) {
            neighbourhood(key, &mut prefix, &mut hashes);
            hashes.sort_unstable();
            hashes.dedup();
            for &hash in &hashes {
                post(hash, entry as u32);
            }
        }
    }
}

/// The filter bit of a hash: from its middle bits, which the buckets (top bits) and the
/// check value (low bits) leave independent.
fn filter_bit(hash: u64, shift: u32) -> usize {
    (hash.rotate_left(24) >> shift) as usize
}

/// Buffers reused from one query to the next, so that looking a word up allocates nothing.
#[derive(Default)]
pub struct FuzzyScratch {
    key: Vec<char>,
    separators: Vec<char>,
    hashes: Vec<u64>,
    /// The hashes the filter lets through, in order.
    passing: Vec<u64>,
    prefix: Vec<u64>,
    seen: Vec<u32>,
    table: Vec<(f32, u16)>,
}

/// The deletion index over every form of a glossary, built once and shared by all the
/// versions' languages.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    entries: Vec<Entry>,
    letters: Vec<char>,
    forms: Vec<(FormId, TagIndex)>,
    /// Every entry.
    all: Postings,
    /// Entries written in lower case: the only ones a lower-case word may be a variant of,
    /// so most words of Latin and Cyrillic text look into a tiny table.
    lower: Postings,
    max_words: usize,
}

/// Heap bytes of a vector's buffer.
pub(crate) fn vec_bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

impl Postings {
    fn heap_bytes(&self) -> usize {
        vec_bytes(&self.filter) + vec_bytes(&self.starts) + vec_bytes(&self.postings)
    }
}

impl FuzzyIndex {
    /// The memory the index holds (for the benchmark's report).
    pub fn heap_bytes(&self) -> usize {
        vec_bytes(&self.entries)
            + vec_bytes(&self.letters)
            + vec_bytes(&self.forms)
            + self.all.heap_bytes()
            + self.lower.heap_bytes()
    }

    /// Indexes `forms` (each with its language's index).
    pub fn build(glossary: &Glossary, forms: &[(FormId, TagIndex)]) -> FuzzyIndex {
        // Forms written alike (a Latin name in four languages) share one entry: grouped
        // by their normalized text, in glossary order. (text, capitalized) → entry.
        let mut entry_of: HashMap<(&str, bool), u32, BuildHasherDefault<Fnv>> =
            HashMap::with_capacity_and_hasher(forms.len(), BuildHasherDefault::default());
        // Each form's entry, or u32::MAX for forms too short to index.
        let mut form_entry: Vec<u32> = Vec::with_capacity(forms.len());
        let mut index = FuzzyIndex::default();
        let (mut key, mut separators) = (Vec::new(), Vec::new());
        for &(id, _) in forms {
            let form = glossary.form(id);
            let capitalized = form.text.chars().next().is_some_and(char::is_uppercase);
            let text = &*form.normalized;
            let entry = *entry_of.entry((text, capitalized)).or_insert_with(|| {
                split_shape_into(text, &mut key, &mut separators);
                if key.len() < 3 {
                    return u32::MAX;
                }
                let key_start = index.letters.len() as u32;
                index.letters.extend(&key);
                let separators_start = index.letters.len() as u32;
                index.letters.extend(&separators);
                index.max_words = index.max_words.max(separators.len() + 1);
                index.entries.push(Entry {
                    key: key_start..separators_start,
                    separators: separators_start..index.letters.len() as u32,
                    forms: 0..0,
                    capitalized,
                });
                (index.entries.len() - 1) as u32
            });
            form_entry.push(entry);
        }
        drop(entry_of);
        // The forms, entry by entry, in glossary order within each.
        let (starts, order) = group_by_key(&form_entry, index.entries.len());
        index.forms = order.iter().map(|&i| forms[i as usize]).collect();
        for (e, entry) in index.entries.iter_mut().enumerate() {
            entry.forms = starts[e]..starts[e + 1];
        }
        // Kept for the whole run: no growth slack.
        index.letters.shrink_to_fit();
        index.entries.shrink_to_fit();
        let entries = index.entries.len();
        let (all, lower) = rayon::join(
            || Postings::build(entries, |e| Some(index.key(&index.entries[e]))),
            || {
                // Only words of a script with case look into the lower-case table.
                Postings::build(entries, |e| {
                    let entry = &index.entries[e];
                    let key = index.key(entry);
                    (!entry.capitalized && key.iter().any(|c| c.is_lowercase())).then_some(key)
                })
            },
        );
        index.all = all;
        index.lower = lower;
        index
    }

    fn key(&self, entry: &Entry) -> &[char] {
        &self.letters[entry.key.start as usize..entry.key.end as usize]
    }

    fn separators(&self, entry: &Entry) -> &[char] {
        &self.letters[entry.separators.start as usize..entry.separators.end as usize]
    }

    /// The longest run of words worth comparing with forms.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Whether any indexed form is written in lower case.
    pub fn has_lower_case_forms(&self) -> bool {
        !self.lower.postings.is_empty()
    }

    /// The closest form to a normalized candidate (one or more words), if it is close
    /// enough to be a misspelling. `capitalized` says whether the text writes it with a
    /// capital; `cased` whether its script has case at all; `langs` which forms count.
    pub fn closest(
        &self,
        candidate: &str,
        capitalized: bool,
        cased: bool,
        langs: &LangFilter,
        scratch: &mut FuzzyScratch,
    ) -> Option<NearMiss> {
        // No name is this long; a run of letters this long (a base64 blob, a URL) would make
        // the deletion neighbourhood needlessly long.
        if candidate.len() > MAX_CANDIDATE_BYTES {
            return None;
        }
        split_shape_into(candidate, &mut scratch.key, &mut scratch.separators);
        if scratch.key.len() < 3 {
            return None;
        }
        let postings = if cased && !capitalized {
            &self.lower
        } else {
            &self.all
        };
        neighbourhood(&scratch.key, &mut scratch.prefix, &mut scratch.hashes);
        // A run's hashes land all over the filter and the buckets, tables far larger than
        // the processor's caches: their lines are asked for together, the filter's first,
        // then the buckets of the hashes it lets through, in the order they are read.
        for &hash in &scratch.hashes {
            postings.prefetch_filter(hash);
        }
        scratch.passing.clear();
        for &hash in &scratch.hashes {
            if postings.passes(hash) {
                postings.prefetch_bucket(hash);
                scratch.passing.push(hash);
            }
        }
        scratch.seen.clear();
        let mut best: Option<NearMiss> = None;
        for &hash in &scratch.passing {
            for index in postings.lookup(hash) {
                if scratch.seen.contains(&index) {
                    continue;
                }
                scratch.seen.push(index);
                let entry = &self.entries[index as usize];
                let forms = &self.forms[entry.forms.start as usize..entry.forms.end as usize];
                let Some((form, via_source)) = langs.choose(forms.iter().copied()) else {
                    continue;
                };
                let key = self.key(entry);
                let (mut cost, edits) = distances(&scratch.key, key, &mut scratch.table);
                if edits > 2 {
                    continue;
                }
                if scratch.separators != self.separators(entry) {
                    cost += 0.5;
                }
                if cost == 0.0 || cost > allowed_cost(key.len(), cased) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some(b) => {
                        cost < b.cost
                            || (cost == b.cost && b.via_source && !via_source)
                            || (cost == b.cost && b.via_source == via_source && form < b.form)
                    }
                };
                if better {
                    best = Some(NearMiss {
                        form,
                        via_source,
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
        let (mut cost, edits) = distances(&key, &target, &mut Vec::new());
        if edits > 2 {
            return None;
        }
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
    let (mut key, mut separators) = (Vec::new(), Vec::new());
    split_shape_into(normalized, &mut key, &mut separators);
    (key, separators)
}

fn split_shape_into(normalized: &str, key: &mut Vec<char>, separators: &mut Vec<char>) {
    key.clear();
    separators.clear();
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
}

/// Letters hashed alike in the index, so that a word differing from a form by several
/// such letters (الضفه الغربيه for الضفة الغربية) still meets it; the cost still sees them.
fn index_fold(c: char) -> char {
    match c {
        'ة' => 'ه',
        c => c,
    }
}

const HASH_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Spreads a polynomial hash over all 64 bits (the bucket is chosen by the top bits).
fn finish_hash(value: u64, len: usize) -> u64 {
    let mut z = value ^ (len as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes of a word and of each of its one-letter deletions, in linear time: a polynomial
/// hash, where deleting letter `i` joins the prefix before it to the suffix after it.
fn neighbourhood(key: &[char], prefix: &mut Vec<u64>, out: &mut Vec<u64>) {
    let letter = |c: char| index_fold(c) as u64 + 1;
    prefix.clear();
    prefix.push(0);
    for &c in key {
        let last = *prefix.last().unwrap_or(&0);
        prefix.push(last.wrapping_mul(HASH_BASE).wrapping_add(letter(c)));
    }
    let n = key.len();
    out.clear();
    out.push(finish_hash(prefix[n], n));
    // Walking back: `suffix` is the hash of key[i + 1..], `power` is HASH_BASE^(n - 1 - i).
    let mut suffix: u64 = 0;
    let mut power: u64 = 1;
    for i in (0..n).rev() {
        let deleted = prefix[i].wrapping_mul(power).wrapping_add(suffix);
        out.push(finish_hash(deleted, n - 1));
        suffix = suffix.wrapping_add(letter(key[i]).wrapping_mul(power));
        power = power.wrapping_mul(HASH_BASE);
    }
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
    distances(a, b, &mut Vec::new()).0
}

/// The weighted distance of `variant_cost` and the plain edit count (optimal string
/// alignment, as Damerau–Levenshtein without repeated edits of one substring), computed in
/// one pass over a table the caller keeps, so that comparing candidates allocates nothing.
fn distances(a: &[char], b: &[char], table: &mut Vec<(f32, u16)>) -> (f32, usize) {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    table.clear();
    table.resize((n + 1) * width, (0.0, 0));
    for i in 1..=n {
        let (w, e) = table[(i - 1) * width];
        table[i * width] = (w + indel_cost(a, i - 1), e + 1);
    }
    for j in 1..=m {
        let (w, e) = table[j - 1];
        table[j] = (w + indel_cost(b, j - 1), e + 1);
    }
    for i in 1..=n {
        for j in 1..=m {
            let up = table[(i - 1) * width + j];
            let left = table[i * width + j - 1];
            let diagonal = table[(i - 1) * width + j - 1];
            let same = a[i - 1] == b[j - 1];
            let mut weighted = (up.0 + indel_cost(a, i - 1))
                .min(left.0 + indel_cost(b, j - 1))
                .min(diagonal.0 + substitution_cost(a[i - 1], b[j - 1]));
            let mut edits = (up.1 + 1)
                .min(left.1 + 1)
                .min(diagonal.1 + u16::from(!same));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                let before = table[(i - 2) * width + j - 2];
                weighted = weighted.min(before.0 + 1.0);
                edits = edits.min(before.1 + 1);
            }
            table[i * width + j] = (weighted, edits);
        }
    }
    let (weighted, edits) = table[n * width + m];
    (weighted, usize::from(edits))
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
    fn edit_counts_agree_with_strsim() {
        let words = [
            "haniyeh",
            "hanniyeh",
            "haniyah",
            "ahniyeh",
            "nasrallah",
            "nasralah",
            "iran",
            "iarn",
            "hamas",
            "hamad",
            "",
            "a",
            "هنية",
            "هنيه",
            "ca",
            "abc",
        ];
        let mut table = Vec::new();
        for a in words {
            for b in words {
                let (a, b) = (chars(a), chars(b));
                let (weighted, edits) = distances(&a, &b, &mut table);
                assert_eq!(
                    edits,
                    strsim::osa_distance(
                        &a.iter().collect::<String>(),
                        &b.iter().collect::<String>()
                    ),
                    "{a:?} {b:?}"
                );
                assert_eq!(weighted, variant_cost(&a, &b));
            }
        }
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
        let forms: Vec<(FormId, TagIndex)> = (0..g.forms.len() as u32)
            .map(|id| {
                (
                    FormId(id),
                    u16::from(g.form(FormId(id)).lang.as_str() == "ar"),
                )
            })
            .collect();
        let index = FuzzyIndex::build(&g, &forms);
        (g, index)
    }

    fn both() -> LangFilter {
        LangFilter {
            own: vec![true, true],
            source: vec![false, false],
        }
    }

    fn closest(index: &FuzzyIndex, word: &str, capitalized: bool, cased: bool) -> Option<NearMiss> {
        index.closest(
            word,
            capitalized,
            cased,
            &both(),
            &mut FuzzyScratch::default(),
        )
    }

    #[test]
    fn deletion_hashes_equal_the_hash_of_the_shorter_word() {
        let (mut prefix, mut long, mut short) = (Vec::new(), Vec::new(), Vec::new());
        let word = chars("nasrallah");
        neighbourhood(&word, &mut prefix, &mut long);
        assert_eq!(long.len(), word.len() + 1);
        for skip in 0..word.len() {
            let mut shorter = word.clone();
            shorter.remove(skip);
            neighbourhood(&shorter, &mut prefix, &mut short);
            assert!(long.contains(&short[0]), "deleting letter {skip}");
        }
        neighbourhood(&chars("nasralah"), &mut prefix, &mut short);
        assert_ne!(long[0], short[0]);
    }

    #[test]
    fn languages_filter_forms_and_mark_the_source_language() {
        let (g, index) = index();
        let mut scratch = FuzzyScratch::default();
        let arabic_only = LangFilter {
            own: vec![false, true],
            source: vec![false, false],
        };
        assert_eq!(
            index.closest("hanniyeh", true, true, &arabic_only, &mut scratch),
            None
        );
        let english_as_source = LangFilter {
            own: vec![false, true],
            source: vec![true, false],
        };
        let near = index
            .closest("hanniyeh", true, true, &english_as_source, &mut scratch)
            .unwrap();
        assert_eq!(&*g.form(near.form).text, "Haniyeh");
        assert!(near.via_source);
    }

    #[test]
    fn finds_misspellings_through_the_index() {
        let (g, index) = index();
        let text = |m: Option<NearMiss>| m.map(|m| g.form(m.form).text.clone());
        let index =
            |word: &str, capitalized: bool, cased: bool| closest(&index, word, capitalized, cased);
        assert_eq!(text(index("hanniyeh", true, true)), Some("Haniyeh".into()));
        assert_eq!(text(index("izzadi", true, true)), Some("Izadi".into()));
        assert_eq!(
            text(index("nasralah", true, true)),
            Some("Nasrallah".into())
        );
        assert_eq!(text(index("al aqsa", true, true)), Some("Al-Aqsa".into()));
        assert_eq!(text(index("هنيه", false, false)), Some("هنية".into()));
    }

    #[test]
    fn does_not_flag_ordinary_or_lowercase_words() {
        let (_, index) = index();
        assert_eq!(closest(&index, "iron", true, true), None);
        assert_eq!(closest(&index, "hanniyeh", false, true), None);
        // A consonant changed in a short uncased word: عزة (pride) is not غزة (Gaza).
        assert_eq!(closest(&index, "عزة", false, false), None);
        assert_eq!(closest(&index, "haniyeh", true, true), None);
    }
}
