//! The glossary compiled once for a run: one automaton per script, shared by every
//! language written in it and by every thread.
//!
//! English, French, German and Spanish mostly spell a name alike, as do Arabic and Persian
//! once normalized. Their forms go into one automaton per script, each text listing which
//! languages write it: the texts common to several languages are compiled once, and a
//! French version is scanned once for its own forms and the English source's together.
//! A version's `Matcher` only says which languages count. The fuzzy index is built beside
//! the automata, and all are built in parallel, largest first.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, Input, MatchKind};
use hashbrown::HashTable;
use rayon::prelude::*;

use super::{capitalization, inflect, tags_for, Case, Matcher};
use crate::fasthash::{fnv, hash_bytes, Fnv};
use crate::fuzzy::{vec_bytes, FuzzyIndex, LangFilter, TagIndex};
use crate::glossary::{EntityId, EntityKind, FormId, Glossary};
use crate::grouping::group_by_key;
use crate::lang::{LangTag, Proclitics};
use crate::normalize::{has_news_digit, normalize_into};
use crate::prefetch::prefetch;
use crate::utf8::{chunk_bits, for_each_ascii_run, for_each_chunk};

#[derive(Clone, Copy, Debug)]
pub(super) struct Pattern {
    pub form: FormId,
    /// The form's entity: a hit needs it, and the glossary's form table is far larger than
    /// the processor's caches.
    pub entity: EntityId,
    /// Arabic ل + ال contraction: the pattern lacks the article's alef and must follow ل.
    pub after_lam: bool,
    /// Per word of the form: how the glossary capitalizes it.
    pub capitalized: Cases,
    /// The glossary's spelling of this pattern.
    pub written: Written,
    /// Only ever a derived word (the Arabic nisba السعودي of السعودية): never a mention.
    pub derived_only: bool,
}

/// How the glossary spells what a pattern matches: kept small, since a large glossary has
/// hundreds of thousands of patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// The form's own text.
    Form,
    /// The inflected variant at this index of `inflected`: regenerated for the few hits
    /// that need it, instead of hundreds of thousands of strings kept for the whole run.
    Variant(u16),
    /// Nothing to compare letter for letter (the لل contraction).
    Nothing,
}

/// The `Case` of each word of a form, two bits a word, from the lowest (0 past the last
/// word): four bytes for a pattern table of hundreds of thousands (a form of more than 16
/// words, which no name has, is not checked).
#[derive(Clone, Copy, Debug)]
pub(super) struct Cases(u32);

impl Cases {
    fn of(form: &str) -> Cases {
        let cases_of_words = capitalization(form);
        if cases_of_words.len() > 16 {
            return Cases(0);
        }
        let bits = cases_of_words.iter().rev().fold(0, |bits, case| {
            let code = match case {
                Case::Lower => 1,
                Case::Capitalized => 2,
                Case::Acronym => 3,
            };
            (bits << 2) | code
        });
        Cases(bits)
    }

    pub fn iter(self) -> impl Iterator<Item = Case> {
        (0..self.len()).map(move |i| match (self.0 >> (2 * i)) & 3 {
            2 => Case::Capitalized,
            3 => Case::Acronym,
            _ => Case::Lower,
        })
    }

    /// Whether every word is lower case (or the form too long to say): such a form fits
    /// any capitalization. Each non-lower code has its pair's high bit set.
    pub fn all_lower(self) -> bool {
        self.0 & 0xAAAA_AAAA == 0
    }

    pub fn len(self) -> usize {
        // Every word's code is non-zero: the words end at the first zero pair above them.
        (32 - self.0.leading_zeros() as usize).div_ceil(2)
    }
}

/// One language's pattern for a text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Choice {
    pub tag: TagIndex,
    pub pattern: Pattern,
}

// Hundreds of thousands are kept for a whole run.
const _: () = assert!(std::mem::size_of::<Choice>() <= 24);

/// The patterns of one script, found through each text's last word.
///
/// The automaton holds single words only. A multi-word text ("рисасы сатото бы", "ismail
/// haniyeh") is found through its last word (kept with the whitespace before it where the
/// group is scanned, see `walked`): a hit on that word looks the whole text up, by hash,
/// from each place where its earlier words could start. The last words are shared by many
/// texts (every declined form of a Russian name ending alike, "Haniyeh" alone and
/// in "Ismail Haniyeh"), so a declining language's hundreds of thousands of variants cost a
/// table entry each instead of automaton states, and the automaton is built in a fraction
/// of the time and memory. A hit is found exactly where scanning for the whole text would
/// find it.
pub(super) struct ScriptGroup {
    automaton: contiguous::NFA,
    /// Where a walk from one place starts (`walk_from`).
    anchored_start: StateID,
    /// A bit per byte that starts an anchor: a walk starts only at one.
    first_bytes: [u64; 4],
    /// Whether every anchor is ASCII (the Latin script's, once normalized): then no hit
    /// crosses a byte that is not, and a version in another script is scanned only where
    /// it has ASCII runs as long as the shortest anchor.
    ascii_anchors: bool,
    /// Whether every text is ASCII (the Latin script's, once normalized): then a version
    /// in a script with spaces is read by walks from the places where a hit may start
    /// (`walk_from_word_starts`), and an anchor is a text's last word without the whitespace
    /// before it. Otherwise it is scanned, and a text's last word keeps that whitespace.
    /// A walk reads a word's first letters, not all of them, and finds no hits inside
    /// words to be dropped: the Latin versions' matcher alone ran 1.24-1.40 times as fast.
    /// Walked from their word starts (listed by the word finder, and after proclitics),
    /// the other scripts' transliteration checks were no faster: Russian 0.96-1.02 of the
    /// speed, Persian 0.92-0.97, Arabic 0.69-0.73. Their words are longer in bytes and their
    /// forms share long beginnings (declensions, the article ال), so a walk reads much of
    /// each word anyway, and an Arabic word has several places to walk from.
    walked: bool,
    /// Per automaton pattern.
    anchors: Vec<Anchor>,
    /// The shapes of the texts that end in each anchor (a whitespace character and the
    /// last word); each anchor's run sorted.
    shapes: Vec<Shape>,
    /// Every text end to end; text `i` ends at `ends[i]`.
    arena: String,
    ends: Vec<u32>,
    /// Text ids, by their text. Keyed with separators, so that "al aqsa" is not taken for
    /// "al-aqsa".
    by_text: HashTable<u32>,
    /// `choices[starts[i]..starts[i + 1]]` are text `i`'s patterns, one per language, in
    /// glossary order.
    starts: Vec<u32>,
    choices: Vec<Choice>,
}

/// Whether most of a text's bytes are past ASCII: a version in another script than Latin.
fn mostly_past_ascii(text: &str) -> bool {
    // 64 bytes at a time (a byte loop was a sixth of the matcher's own time).
    let mut high = 0;
    for_each_chunk(text.as_bytes(), |_, _, masks| {
        high += masks.high.count_ones() as usize;
    });
    high > text.len() / 2
}

/// How a group's automaton reads a version.
pub(super) enum Reading {
    /// Over every byte.
    Whole,
    /// Over its ASCII runs as long as the shortest anchor: where every anchor is ASCII and
    /// the version mostly in another script, no hit can cross another byte. (Splitting a
    /// text that is mostly ASCII would restart the scan at every accent or curly quote.)
    AsciiRuns,
    /// From the places where a hit may start, in a version of a script with spaces, where
    /// the group is walked (`ScriptGroup::walked`).
    Walks,
}

/// A word of the automaton.
struct Anchor {
    /// The text that is this word alone, or `NO_TEXT`.
    text: u32,
    /// Its texts of several words, in `ScriptGroup::shapes`.
    shapes: (u32, u32),
}

const NO_TEXT: u32 = u32::MAX;

/// Where the texts ending in an anchor start, and how.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Shape {
    /// Whitespace characters in the text before the one that precedes its last word.
    spaces: u8,
    /// Bytes before the anchor (the last word, with the whitespace before it where the
    /// group is scanned).
    before: u16,
    /// The text's first two bytes (at least its first word's first byte and what follows
    /// it). Compared before the text is looked up: a surname follows
    /// many first names of the same length, and most lookups would miss a table too large
    /// for the cache.
    head: [u8; 2],
    /// The top 16 bits of the text's hash (`text_hash`), compared before the text is read:
    /// of the places whose head fits, most are not the text.
    check: u16,
    /// The text: compared where the check fits, without a probe of the lookup table.
    text: u32,
}

// One per multi-word text and variant: hundreds of thousands in a large glossary.
const _: () = assert!(std::mem::size_of::<Shape>() == 12);

impl ScriptGroup {
    pub fn choices(&self, text: usize) -> &[Choice] {
        &self.choices[self.starts[text] as usize..self.starts[text + 1] as usize]
    }

    /// A text's bytes: compared with a candidate's, they need no check of character
    /// boundaries (a read of the arena, which is far larger than the cache, before the
    /// comparison's own).
    fn text(&self, id: u32) -> &[u8] {
        let start = match id {
            0 => 0,
            _ => self.ends[id as usize - 1] as usize,
        };
        &self.arena.as_bytes()[start..self.ends[id as usize] as usize]
    }

    /// The memory the group holds (for the benchmark's report).
    fn heap_bytes(&self) -> usize {
        self.automaton.memory_usage()
            + vec_bytes(&self.anchors)
            + vec_bytes(&self.shapes)
            + self.arena.capacity()
            + vec_bytes(&self.ends)
            + self.by_text.capacity() * (std::mem::size_of::<u32>() + 1)
            + vec_bytes(&self.starts)
            + vec_bytes(&self.choices)
    }

    /// The id of a text, if it is one of this group's.
    fn find_text(&self, text: &str) -> Option<u32> {
        self.by_text
            .find(text_hash(text), |&id| self.text(id) == text.as_bytes())
            .copied()
    }

    /// The patterns of `text` if it is exactly one of this group's texts (a form or a
    /// variant), whichever its language.
    pub fn known(&self, text: &str) -> &[Choice] {
        match self.find_text(text) {
            Some(id) => self.choices(id as usize),
            None => &[],
        }
    }

    /// How the automaton reads a version: walked from where words start where the group
    /// is walked and the version's script has spaces (`spaced`: in one without, a hit may
    /// start anywhere); else over its ASCII runs where every anchor is ASCII and the
    /// version mostly in another script; else over every byte.
    pub fn reading_of(&self, text: &str, spaced: bool) -> Reading {
        if self.walked && spaced {
            Reading::Walks
        } else if self.ascii_anchors && mostly_past_ascii(text) {
            Reading::AsciiRuns
        } else {
            Reading::Whole
        }
    }

    /// The parts of `haystack` the automaton is run over as `reading` says: the whole, its
    /// ASCII runs as long as the shortest anchor, or none (walked).
    fn ranges_to_scan(
        &self,
        haystack: &str,
        reading: &Reading,
        mut scan: impl FnMut(Range<usize>),
    ) {
        match reading {
            Reading::Whole => scan(0..haystack.len()),
            Reading::AsciiRuns => {
                for_each_ascii_run(haystack.as_bytes(), self.automaton.min_pattern_len(), scan)
            }
            Reading::Walks => {}
        }
    }

    /// Every occurrence of every text in `haystack`, overlapping and in no set order, as
    /// (start, end, what `ending(start, end)` said of the anchor, the text's patterns), of
    /// the anchors `ending` accepts: a word's ending decides for every text that ends with
    /// that word, so an anchor found inside a longer word ("ba" in "bank") is dropped
    /// before its texts are looked for, and the ending is read once per hit. The start is
    /// the anchor's (for a text of several words where the group is scanned, the whitespace
    /// before its last word). Walked (`Reading::Walks`), only the anchors starting where a
    /// hit may start are found: `ending` would drop the others.
    pub fn for_each_hit<'a, E: Copy>(
        &'a self,
        haystack: &str,
        reading: Reading,
        ending: impl Fn(usize, usize) -> Option<E>,
        mut found: impl FnMut(usize, usize, E, &'a [Choice]),
    ) {
        // The hits first, then their texts: the anchors' and shapes' tables are far larger
        // than the processor's caches, and each hit's lines are asked for a few hits ahead.
        let mut hits: Vec<(usize, usize, usize, E)> = Vec::new();
        let mut hit = |start: usize, end: usize, pattern: usize| {
            if let Some(reading) = ending(start, end) {
                hits.push((start, end, pattern, reading));
            }
        };
        if let Reading::Walks = reading {
            self.walk_from_word_starts(haystack.as_bytes(), &mut hit);
        }
        self.ranges_to_scan(haystack, &reading, |range| {
            let input = Input::new(haystack).range(range);
            for found in self
                .automaton
                .try_find_overlapping_iter(input)
                .expect("an unanchored search of a standard automaton")
            {
                hit(found.start(), found.end(), found.pattern().as_usize());
            }
        });
        // (begin, end, ending, text) of the texts of several words whose check passed.
        let mut checked: Vec<(usize, usize, E, u32)> = Vec::new();
        for (i, &(start, end, pattern, ending)) in hits.iter().enumerate() {
            if let Some(&(_, _, ahead, _)) = hits.get(i + 2 * PREFETCH_AHEAD) {
                prefetch(self.anchors.as_ptr().wrapping_add(ahead));
            }
            if let Some(&(_, _, ahead, _)) = hits.get(i + PREFETCH_AHEAD) {
                let first_shape = self.anchors[ahead].shapes.0 as usize;
                prefetch(self.shapes.as_ptr().wrapping_add(first_shape));
            }
            let anchor = &self.anchors[pattern];
            if anchor.text != NO_TEXT {
                found(start, end, ending, self.choices(anchor.text as usize));
            }
            let shapes = &self.shapes[anchor.shapes.0 as usize..anchor.shapes.1 as usize];
            // The texts of several words: their last word follows whitespace, where the
            // window of their starts is counted from.
            let space = match shapes {
                [] => None,
                _ if !self.walked => Some(start),
                _ => haystack[..start]
                    .chars()
                    .next_back()
                    .filter(|c| c.is_whitespace())
                    .map(|c| start - c.len_utf8()),
            };
            let mut rest = if space.is_some() { shapes } else { &[] };
            while let Some(&Shape { spaces, .. }) = rest.first() {
                let run = rest.partition_point(|shape| shape.spaces == spaces);
                let (same, next) = rest.split_at(run);
                rest = next;
                let Some(window) =
                    space.and_then(|at| start_window(haystack, at, u32::from(spaces)))
                else {
                    continue;
                };
                // Texts whose earlier words would start inside the window.
                let shortest = start - window.end;
                let from = same.partition_point(|shape| (shape.before as usize) < shortest);
                // The hash of the text from the last start tried (shapes sharing `before`).
                let mut hashed: Option<(usize, u64)> = None;
                for shape in &same[from..] {
                    let Some(begin) = start.checked_sub(shape.before as usize) else {
                        break;
                    };
                    if begin < window.start {
                        break;
                    }
                    if haystack.as_bytes()[begin..begin + 2] != shape.head
                        || !haystack.is_char_boundary(begin)
                    {
                        continue;
                    }
                    let candidate = &haystack[begin..end];
                    let hash = match hashed {
                        Some((at, hash)) if at == begin => hash,
                        _ => text_hash(candidate),
                    };
                    hashed = Some((begin, hash));
                    if hash_check(hash) == shape.check {
                        // Compared below, once the text's end is on its way.
                        prefetch(self.ends.as_ptr().wrapping_add(shape.text as usize));
                        prefetch(self.starts.as_ptr().wrapping_add(shape.text as usize));
                        checked.push((begin, end, ending, shape.text));
                    }
                }
            }
        }
        // The texts whose check passed (almost all are found) compared with the text, each
        // one's bytes and patterns asked for a few texts ahead: they lie anywhere in tables
        // far larger than the caches. `found` is called out of the text's order, which no
        // caller relies on (a span has one text).
        for (i, &(begin, end, ending, text)) in checked.iter().enumerate() {
            if let Some(&(.., ahead)) = checked.get(i + PREFETCH_AHEAD) {
                let ahead = ahead as usize;
                let start = ahead.checked_sub(1).map_or(0, |before| self.ends[before]);
                prefetch(self.arena.as_ptr().wrapping_add(start as usize));
                prefetch(
                    self.choices
                        .as_ptr()
                        .wrapping_add(self.starts[ahead] as usize),
                );
            }
            if self.text(text) == &haystack.as_bytes()[begin..end] {
                found(begin, end, ending, self.choices(text as usize));
            }
        }
    }
}

impl ScriptGroup {
    /// Whether some anchor starts with `byte`.
    fn starts_anchor(&self, byte: u8) -> bool {
        self.first_bytes[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
    }

    /// Calls `hit(start, end, anchor)` for every anchor starting at an ASCII byte that is
    /// not a letter or digit after one, in text order (each place's anchors shortest
    /// first). Every anchor is ASCII here, and that is where a hit may start for
    /// `may_start_at`: a word's start, after a character past ASCII (a proclitic, an
    /// accented letter), or a space or sign. Found 64 bytes at a time from the chunks' bit
    /// masks.
    fn walk_from_word_starts(&self, haystack: &[u8], mut hit: impl FnMut(usize, usize, usize)) {
        // Whether the byte before the chunk is an ASCII letter or digit.
        let mut carried = 0u64;
        for_each_chunk(haystack, |base, len, masks| {
            let after_alnum = (masks.alnum << 1) | carried;
            carried = masks.alnum >> 63;
            let mut places = !masks.high & !(after_alnum & masks.alnum) & chunk_bits(len);
            while places != 0 {
                let at = base + places.trailing_zeros() as usize;
                places &= places - 1;
                if self.starts_anchor(haystack[at]) {
                    self.walk_from(haystack, at, &mut hit);
                }
            }
        });
    }

    /// Calls `hit(at, end, anchor)` for every anchor starting at `at`: the automaton walked
    /// from its anchored start until no anchor goes on. A match state also lists the
    /// anchors that end there but start later (suffixes of the walk); they are skipped.
    fn walk_from(&self, haystack: &[u8], at: usize, hit: &mut impl FnMut(usize, usize, usize)) {
        let automaton = &self.automaton;
        let mut state = self.anchored_start;
        for (depth, &byte) in haystack[at..].iter().enumerate() {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if !automaton.is_special(state) {
                continue;
            }
            if automaton.is_dead(state) {
                return;
            }
            if automaton.is_match(state) {
                let len = depth + 1;
                for i in 0..automaton.match_len(state) {
                    let anchor = automaton.match_pattern(state, i);
                    if automaton.pattern_len(anchor) == len {
                        hit(at, at + len, anchor.as_usize());
                    }
                }
            }
        }
    }
}

/// The longest anchor of a group walked from word starts, in bytes. A walk from each place
/// reads as far as the text goes on like some anchor, so a text made to follow a long
/// anchor from place after place ("a-a-a-…" against a form of a thousand such words)
/// would be read over and over; a scan reads each byte once. No name's last word comes
/// near this length.
const MAX_WALKED_ANCHOR: usize = 64;

/// The depth below which the anchors' automaton's states have a transition per byte
/// class: the start, the whitespace, and a word's first three bytes.
const ANCHOR_DENSE_DEPTH: usize = 5;

/// How many hits ahead an anchor's shapes are asked for (its entry twice as far ahead).
const PREFETCH_AHEAD: usize = 4;

/// The hash of a text in a group's lookup table.
fn text_hash(text: &str) -> u64 {
    hash_bytes(0, text.as_bytes())
}

/// The 16 bits of a text's hash that a shape keeps.
fn hash_check(hash: u64) -> u16 {
    (hash >> 48) as u16
}

/// Where a text with `spaces` whitespace characters before its anchor (the whitespace and
/// last word), which starts at `anchor`, can start: `haystack[begin..anchor]` must hold
/// exactly that many, so `begin` lies after the one before them and at or before the first
/// of them (`None` if the haystack has too few).
fn start_window(haystack: &str, anchor: usize, spaces: u32) -> Option<Range<usize>> {
    let mut seen = 0;
    // The leftmost whitespace seen so far (or the anchor).
    let mut upper = anchor;
    for (at, c) in haystack[..anchor].char_indices().rev() {
        if c.is_whitespace() {
            if seen == spaces {
                return Some(at + c.len_utf8()..upper);
            }
            seen += 1;
            upper = at;
        }
    }
    (seen == spaces).then_some(0..upper)
}

/// The glossary compiled once for a whole run and shared by every version and thread.
pub struct CompiledGlossary {
    /// Unique in the process: caches keyed by it never mix two glossaries.
    serial: u64,
    pub(super) groups: Vec<ScriptGroup>,
    /// For each language tag, the groups holding its patterns.
    pub(super) tag_groups: Vec<Vec<usize>>,
    tag_names: Vec<LangTag>,
    /// For each language tag, whether any of its forms holds a digit (`is_news_digit`):
    /// where none does, a run of words with two digits is neither a form nor a near miss.
    pub(super) tag_has_digits: Vec<bool>,
    pub(super) fuzzy: FuzzyIndex,
}

/// A pattern as generated from a form, before texts are shared between languages.
struct Generated {
    /// Byte range of its normalized text in its language's `Generation::texts`.
    text: (u32, u32),
    tag: TagIndex,
    priority: u8,
    pattern: Pattern,
}

/// One language's patterns, their texts written end to end into one buffer: hundreds of
/// thousands of variants without a string each.
#[derive(Default)]
struct Generation {
    texts: String,
    patterns: Vec<Generated>,
}

/// The text of a generated pattern, in its language's buffer (`texts[tag]`).
fn text_of<'a>(texts: &'a [String], generated: &Generated) -> &'a str {
    &texts[generated.tag as usize][generated.text.0 as usize..generated.text.1 as usize]
}

/// The scripts that get an automaton each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Cjk,
    Other,
}

fn script_of(text: &str) -> Script {
    let Some(c) = text.chars().find(|c| c.is_alphanumeric()) else {
        return Script::Other;
    };
    match c as u32 {
        0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => Script::Cjk,
        _ => Script::Other,
    }
}

impl CompiledGlossary {
    /// Compiles every language of the glossary.
    pub fn new(glossary: &Glossary) -> CompiledGlossary {
        CompiledGlossary::for_languages(glossary, None)
    }

    /// Compiles the glossary languages that versions in `languages` (and the source
    /// language, which must be among them) can use; all of them for `None`.
    pub fn for_languages(glossary: &Glossary, languages: Option<&[LangTag]>) -> CompiledGlossary {
        let mut tag_names: Vec<LangTag> = Vec::new();
        let form_tags: Vec<TagIndex> = glossary
            .forms
            .iter()
            .map(
                |form| match tag_names.iter().position(|t| *t == form.lang) {
                    Some(i) => i as TagIndex,
                    None => {
                        tag_names.push(form.lang.clone());
                        (tag_names.len() - 1) as TagIndex
                    }
                },
            )
            .collect();
        let wanted: Vec<bool> = match languages {
            None => vec![true; tag_names.len()],
            Some(languages) => {
                let mut wanted = vec![false; tag_names.len()];
                for lang in languages {
                    for t in tags_for(&tag_names, lang) {
                        wanted[t as usize] = true;
                    }
                }
                wanted
            }
        };
        let mut forms_of: Vec<Vec<FormId>> = vec![Vec::new(); tag_names.len()];
        let mut tag_has_digits = vec![false; tag_names.len()];
        for (i, &t) in form_tags.iter().enumerate() {
            if wanted[t as usize] {
                forms_of[t as usize].push(FormId(i as u32));
                tag_has_digits[t as usize] |= has_news_digit(&glossary.forms[i].normalized);
            }
        }
        let fuzzy_forms: Vec<(FormId, TagIndex)> = form_tags
            .iter()
            .enumerate()
            .filter(|(_, &t)| wanted[t as usize])
            .map(|(i, &t)| (FormId(i as u32), t))
            .collect();

        // The fuzzy index needs no patterns: it is built beside them.
        let ((groups, tag_groups), fuzzy) = rayon::join(
            || script_groups(glossary, &tag_names, &forms_of),
            || FuzzyIndex::build(glossary, &fuzzy_forms),
        );
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        CompiledGlossary {
            serial: SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            groups,
            tag_groups,
            tag_names,
            tag_has_digits,
            fuzzy,
        }
    }

    /// The memory held: (automata and pattern tables, fuzzy index), in bytes.
    pub fn heap_bytes(&self) -> (usize, usize) {
        let groups = self.groups.iter().map(ScriptGroup::heap_bytes).sum();
        (groups, self.fuzzy.heap_bytes())
    }

    /// The view of the glossary for versions in `lang`, with `source`'s forms added to
    /// detect names left untranslated.
    pub fn matcher(self: &Arc<Self>, lang: &LangTag, source: &LangTag) -> Matcher {
        let own = tags_for(&self.tag_names, lang);
        let from_source = if source.same_language(lang) {
            Vec::new()
        } else {
            tags_for(&self.tag_names, source)
        };
        let mut filter = LangFilter {
            own: vec![false; self.tag_names.len()],
            source: vec![false; self.tag_names.len()],
        };
        for &t in &own {
            filter.own[t as usize] = true;
        }
        for &t in &from_source {
            filter.source[t as usize] = true;
        }
        let tags: Vec<TagIndex> = own.into_iter().chain(from_source).collect();
        let mut groups: Vec<usize> = tags
            .iter()
            .flat_map(|&t| self.tag_groups[t as usize].iter().copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let forms_have_digits = tags.iter().any(|&t| self.tag_has_digits[t as usize]);
        let id = fnv(&format!("{} {lang} {source}", self.serial));
        Matcher {
            lang: lang.clone(),
            source: source.clone(),
            profile: lang.profile(),
            compiled: Arc::clone(self),
            tags,
            groups,
            filter,
            forms_have_digits,
            id,
        }
    }
}

/// Every language's patterns, generated in parallel, then one group per script (built in
/// parallel, largest first, so that the slowest starts at once); with, for each language
/// tag, the groups holding its patterns.
fn script_groups(
    glossary: &Glossary,
    tag_names: &[LangTag],
    forms_of: &[Vec<FormId>],
) -> (Vec<ScriptGroup>, Vec<Vec<usize>>) {
    let generated: Vec<Generation> = (0..tag_names.len())
        .into_par_iter()
        .with_max_len(1)
        .map(|t| generate(glossary, t as TagIndex, &tag_names[t], &forms_of[t]))
        .collect();
    // Each pattern's group (one per script, numbered in order of appearance), counted so
    // that each group's list is allocated once, at its size; and each language's groups.
    let mut scripts: Vec<(Script, usize)> = Vec::new();
    let mut tag_groups: Vec<Vec<usize>> = vec![Vec::new(); tag_names.len()];
    let group_of: Vec<Vec<u8>> = generated
        .iter()
        .map(|generation| {
            generation
                .patterns
                .iter()
                .map(|pattern| {
                    let text = &generation.texts[pattern.text.0 as usize..pattern.text.1 as usize];
                    let script = script_of(text);
                    let g = match scripts.iter().position(|(s, _)| *s == script) {
                        Some(g) => g,
                        None => {
                            scripts.push((script, 0));
                            scripts.len() - 1
                        }
                    };
                    scripts[g].1 += 1;
                    let groups = &mut tag_groups[pattern.tag as usize];
                    if !groups.contains(&g) {
                        groups.push(g);
                    }
                    g as u8
                })
                .collect()
        })
        .collect();
    let mut by_script: Vec<(Script, Vec<Generated>)> = scripts
        .into_iter()
        .map(|(script, count)| (script, Vec::with_capacity(count)))
        .collect();
    let mut texts: Vec<String> = Vec::with_capacity(generated.len());
    for (generation, groups) in generated.into_iter().zip(group_of) {
        texts.push(generation.texts);
        for (generated, g) in generation.patterns.into_iter().zip(groups) {
            by_script[usize::from(g)].1.push(generated);
        }
    }
    // (group index, work estimate, script, patterns)
    let mut jobs: Vec<(usize, usize, Script, Vec<Generated>)> = by_script
        .into_iter()
        .enumerate()
        .map(|(g, (script, list))| {
            let weight = list.iter().map(|p| (p.text.1 - p.text.0) as usize).sum();
            (g, weight, script, list)
        })
        .collect();
    jobs.sort_by_key(|&(_, weight, _, _)| std::cmp::Reverse(weight));
    let mut built: Vec<(usize, ScriptGroup)> = jobs
        .into_par_iter()
        .with_max_len(1)
        .map(|(g, _, script, list)| {
            let split = !matches!(script, Script::Cjk | Script::Other);
            (g, build_group(list, &texts, split))
        })
        .collect();
    built.sort_by_key(|&(g, _)| g);
    (
        built.into_iter().map(|(_, group)| group).collect(),
        tag_groups,
    )
}

/// Every pattern of one language: its forms, their inflected variants, Arabic contractions
/// and derived adjectives; one per text (the lowest priority, then the first). Forms are
/// expanded in parallel: a declining language has most of the glossary's patterns.
fn generate(glossary: &Glossary, tag: TagIndex, lang: &LangTag, forms: &[FormId]) -> Generation {
    let chunks: Vec<Generation> = forms
        .par_chunks(1024)
        .map(|chunk| {
            let mut generation = Generation::default();
            for &id in chunk {
                expand(glossary, tag, lang, id, &mut generation);
            }
            generation
        })
        .collect();
    // One buffer for the language, the chunks' ranges moved along.
    let mut all = Generation {
        texts: String::with_capacity(chunks.iter().map(|c| c.texts.len()).sum()),
        patterns: Vec::with_capacity(chunks.iter().map(|c| c.patterns.len()).sum()),
    };
    for chunk in chunks {
        let offset = all.texts.len() as u32;
        all.texts.push_str(&chunk.texts);
        all.patterns
            .extend(chunk.patterns.into_iter().map(|mut generated| {
                generated.text = (generated.text.0 + offset, generated.text.1 + offset);
                generated
            }));
    }
    // Per text, in order of first appearance: the index of its lowest priority pattern
    // (the first of those).
    let mut kept: Vec<usize> = Vec::with_capacity(all.patterns.len());
    {
        let mut seen: HashMap<&str, usize, BuildHasherDefault<Fnv>> =
            HashMap::with_capacity_and_hasher(all.patterns.len(), BuildHasherDefault::default());
        for (i, generated) in all.patterns.iter().enumerate() {
            let text = &all.texts[generated.text.0 as usize..generated.text.1 as usize];
            match seen.entry(text) {
                Entry::Occupied(slot) => {
                    let best = &mut kept[*slot.get()];
                    if generated.priority < all.patterns[*best].priority {
                        *best = i;
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(kept.len());
                    kept.push(i);
                }
            }
        }
    }
    let mut patterns: Vec<Option<Generated>> = all.patterns.into_iter().map(Some).collect();
    Generation {
        texts: all.texts,
        patterns: kept
            .into_iter()
            .filter_map(|best| patterns[best].take())
            .collect(),
    }
}

/// The inflected variants of a form, as the glossary would write them, in a fixed order
/// (`Written::Variant` indexes into it).
pub(super) fn inflected(glossary: &Glossary, id: FormId) -> Vec<String> {
    let form = glossary.form(id);
    let declension = form.lang.profile().declension;
    if glossary.entity(form.entity).kind == EntityKind::Person {
        inflect::name_variants(&form.text, declension)
    } else {
        inflect::variants(&form.text, declension)
    }
}

/// The patterns of one form, in priority order.
fn expand(glossary: &Glossary, tag: TagIndex, lang: &LangTag, id: FormId, out: &mut Generation) {
    let profile = lang.profile();
    let form = glossary.form(id);
    let capitalized = Cases::of(&form.text);
    // `write` puts the pattern's text at the end of `out.texts`.
    let mut add = |write: &dyn Fn(&mut String),
                   written: Written,
                   priority: u8,
                   after_lam: bool,
                   derived_only: bool| {
        let start = out.texts.len() as u32;
        write(&mut out.texts);
        let text = (start, out.texts.len() as u32);
        out.patterns.push(Generated {
            text,
            tag,
            priority,
            pattern: Pattern {
                form: id,
                entity: form.entity,
                after_lam,
                capitalized,
                written,
                derived_only,
            },
        })
    };
    add(
        &|t| t.push_str(&form.normalized),
        Written::Form,
        0,
        false,
        false,
    );
    for (i, variant) in inflected(glossary, id).iter().enumerate() {
        let Ok(i) = u16::try_from(i) else { break };
        add(
            &|t| normalize_into(variant, t),
            Written::Variant(i),
            1,
            false,
            false,
        );
    }
    if profile.proclitics == Proclitics::Arabic {
        if let Some(rest) = form.normalized.strip_prefix("ال") {
            if rest.chars().count() >= 2 {
                // Written differently by nature (لقدس): no spelling to compare.
                let write = |t: &mut String| {
                    t.push('ل');
                    t.push_str(rest);
                };
                add(&write, Written::Nothing, 2, true, false);
            }
        }
        // The nisba adjective of a name in -ية: السعودية → السعودي.
        if let Some(stem) = form.normalized.strip_suffix("ة") {
            if stem.ends_with('ي') && stem.chars().count() >= 4 {
                add(&|t| t.push_str(stem), Written::Form, 3, false, true);
            }
        }
    }
}

/// One script's group: its texts, their patterns, and the automaton of their last words
/// (of whole texts where `split` is false: scripts written without spaces).
fn build_group(list: Vec<Generated>, generated_texts: &[String], split: bool) -> ScriptGroup {
    // The distinct texts, numbered in order of first appearance; the table that finds
    // them here is the group's lookup table (`by_text`) for the whole run.
    let mut by_text: HashTable<u32> = HashTable::with_capacity(list.len());
    let mut texts: Vec<&str> = Vec::with_capacity(list.len());
    // Text id of each generated pattern.
    let mut ids: Vec<u32> = Vec::with_capacity(list.len());
    for generated in &list {
        let text = text_of(generated_texts, generated);
        let hash = text_hash(text);
        let id = match by_text.find(hash, |&id| texts[id as usize] == text) {
            Some(&id) => id,
            None => {
                let id = texts.len() as u32;
                texts.push(text);
                by_text.insert_unique(hash, id, |&id| text_hash(texts[id as usize]));
                id
            }
        };
        ids.push(id);
    }
    by_text.shrink_to(0, |&id| text_hash(texts[id as usize]));

    // Anchors: each text's last word (or the whole text). Split at the last whitespace.
    // Scanned, the anchor keeps it: the automaton then finds the last word only where a
    // word starts, never inside a longer one. Walked from the places where words start,
    // the anchor is the last word alone, shared with the text that is that word alone,
    // and its texts want whitespace before it.
    let split_point = |text: &str, walked: bool| {
        split
            .then(|| text.rfind(char::is_whitespace))
            .flatten()
            .filter(|&at| at > 0 && text[at..].chars().nth(1).is_some())
            .map(|at| match walked {
                true => at + text[at..].chars().next().map_or(0, char::len_utf8),
                false => at,
            })
            // A shape's fields hold any name; a longer text is an anchor as a whole.
            .filter(|&at| {
                at <= usize::from(u16::MAX)
                    && text[..at].chars().filter(|c| c.is_whitespace()).count()
                        <= usize::from(u8::MAX)
            })
    };
    let walked = texts.iter().all(|text| {
        text.is_ascii() && text.len() - split_point(text, true).unwrap_or(0) <= MAX_WALKED_ANCHOR
    });
    let mut anchor_ids: HashMap<&str, u32, BuildHasherDefault<Fnv>> = HashMap::default();
    let mut words: Vec<&str> = Vec::new();
    let mut anchor_text: Vec<u32> = Vec::new();
    let mut shapes: Vec<(u32, Shape)> = Vec::new();
    for (id, &text) in texts.iter().enumerate() {
        let split_at = split_point(text, walked);
        let word = &text[split_at.unwrap_or(0)..];
        let next = words.len() as u32;
        let anchor = *anchor_ids.entry(word).or_insert_with(|| {
            words.push(word);
            anchor_text.push(NO_TEXT);
            next
        });
        match split_at {
            None => anchor_text[anchor as usize] = id as u32,
            Some(at) => {
                // Whitespace before the anchor's own.
                let spaces =
                    text[..at].chars().filter(|c| c.is_whitespace()).count() - usize::from(walked);
                let shape = Shape {
                    spaces: spaces as u8,
                    before: at as u16,
                    head: [text.as_bytes()[0], text.as_bytes()[1]],
                    check: hash_check(text_hash(text)),
                    text: id as u32,
                };
                shapes.push((anchor, shape));
            }
        }
    }
    drop(anchor_ids);
    shapes.sort_unstable();
    shapes.dedup();
    let mut anchors: Vec<Anchor> = anchor_text
        .into_iter()
        .map(|text| Anchor {
            text,
            shapes: (0, 0),
        })
        .collect();
    let mut at = 0;
    while at < shapes.len() {
        let anchor = shapes[at].0;
        let run = shapes[at..].partition_point(|shape| shape.0 == anchor);
        anchors[anchor as usize].shapes = (at as u32, (at + run) as u32);
        at += run;
    }
    let ascii_anchors = words.iter().all(|word| word.is_ascii());
    // A scan walks each word from the state after the whitespace before it (which a
    // scanned group's anchors of several words start with), a walk from the word's start:
    // a transition per byte class for the whitespace and a word's first four bytes
    // (states below depth 5, instead of the contiguous automaton's default 2) makes most
    // of a word's steps one load each. Measured side by side on the archive: the
    // transliteration checks about 7 % faster, for 2 MB more automaton.
    let automaton = contiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .dense_depth(ANCHOR_DENSE_DEPTH)
        .build(&words)
        .expect("glossary automaton fits in memory");
    let anchored_start = automaton
        .start_state(Anchored::Yes)
        .expect("a contiguous automaton has an anchored start");
    let mut first_bytes = [0u64; 4];
    for word in &words {
        let byte = word.as_bytes()[0];
        first_bytes[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }
    drop(words);

    let mut arena = String::with_capacity(texts.iter().map(|t| t.len()).sum());
    let mut ends = Vec::with_capacity(texts.len());
    for text in &texts {
        arena.push_str(text);
        ends.push(arena.len() as u32);
    }
    drop(texts);
    // Each text's patterns, one per language, in glossary language order (the order they
    // were generated in).
    let (starts, order) = group_by_key(&ids, ends.len());
    let choices: Vec<Choice> = order
        .iter()
        .map(|&i| Choice {
            tag: list[i as usize].tag,
            pattern: list[i as usize].pattern,
        })
        .collect();
    ScriptGroup {
        automaton,
        anchored_start,
        first_bytes,
        ascii_anchors,
        walked,
        anchors,
        shapes: shapes.into_iter().map(|(_, shape)| shape).collect(),
        arena,
        ends,
        by_text,
        starts,
        choices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Profile;
    use proptest::prelude::*;

    fn group_of(texts: &[String], split: bool) -> ScriptGroup {
        let mut buffer = String::new();
        let list = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let start = buffer.len() as u32;
                buffer.push_str(text);
                Generated {
                    text: (start, buffer.len() as u32),
                    tag: 0,
                    priority: 0,
                    pattern: Pattern {
                        form: FormId(i as u32),
                        entity: EntityId(i as u32),
                        after_lam: false,
                        capitalized: Cases::of(text),
                        written: Written::Form,
                        derived_only: false,
                    },
                }
            })
            .collect();
        build_group(list, &[buffer], split)
    }

    /// Every (start, end, form) the group finds.
    fn hits(group: &ScriptGroup, haystack: &str) -> Vec<(usize, usize, u32)> {
        hits_where(group, haystack, false, |_| true)
    }

    /// The (start, end, form) the group finds, walked from word starts (`walks`, where it
    /// is walked) or over every byte, of the anchors starting where `starts` holds.
    fn hits_where(
        group: &ScriptGroup,
        haystack: &str,
        walks: bool,
        starts: impl Fn(usize) -> bool,
    ) -> Vec<(usize, usize, u32)> {
        let mut hits = Vec::new();
        group.for_each_hit(
            haystack,
            group.reading_of(haystack, walks),
            |start, end| starts(start).then_some(end),
            |start, end, at, choices| {
                assert_eq!(at, end, "the end's reading goes with its hit");
                hits.extend(choices.iter().map(|c| (start, end, c.pattern.form.0)));
            },
        );
        hits.sort_unstable();
        hits
    }

    /// What scanning for the whole texts finds.
    fn whole_text_hits(texts: &[String], haystack: &str) -> Vec<(usize, usize, u32)> {
        let mut unique: Vec<&String> = Vec::new();
        let mut forms: Vec<Vec<u32>> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            match unique.iter().position(|t| *t == text) {
                Some(at) => forms[at].push(i as u32),
                None => {
                    unique.push(text);
                    forms.push(vec![i as u32]);
                }
            }
        }
        let automaton = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&unique)
            .unwrap();
        let mut hits: Vec<(usize, usize, u32)> = automaton
            .find_overlapping_iter(haystack)
            .flat_map(|m| {
                forms[m.pattern().as_usize()]
                    .iter()
                    .map(move |&f| (m.start(), m.end(), f))
            })
            .collect();
        hits.sort_unstable();
        hits
    }

    /// The packed cases read back as the words' cases, for forms of every length up to the
    /// sixteen words kept (and none past them).
    #[test]
    fn packed_cases_read_back_as_each_words_case() {
        let words = [
            "un", "Gaza", "al", "CNN", "Hamas", "ООН", "hamas", "Al-Aqsa",
        ];
        for count in 0..=17 {
            let form: Vec<&str> = (0..count).map(|i| words[(i * 5 + count) % 8]).collect();
            let form = form.join(" ");
            let expected = match capitalization(&form) {
                cases if cases.len() > 16 => Vec::new(),
                cases => cases,
            };
            let packed = Cases::of(&form);
            assert_eq!(packed.iter().collect::<Vec<_>>(), expected, "{form:?}");
            assert_eq!(packed.len(), expected.len(), "{form:?}");
            assert_eq!(
                packed.all_lower(),
                expected.iter().all(|&c| c == Case::Lower),
                "{form:?}"
            );
        }
    }

    #[test]
    fn multi_word_texts_are_found_through_their_last_word() {
        let texts: Vec<String> = [
            "рисасы сатото бы",
            "сатото бы",
            "бы",
            "ismail haniyeh",
            "al-aqsa",
        ]
        .map(String::from)
        .to_vec();
        let group = group_of(&texts, true);
        let haystack = "о рисасы сатото бы и xсатото бы; ismail  haniyeh, ismail haniyeh al-aqsa";
        assert_eq!(hits(&group, haystack), whole_text_hits(&texts, haystack));
        let found: Vec<&str> = hits(&group, haystack)
            .iter()
            .map(|&(s, e, _)| &haystack[s..e])
            .collect();
        assert!(found.contains(&"рисасы сатото бы"));
        assert!(found.contains(&"ismail haniyeh"));
        assert!(found.contains(&"al-aqsa"));
        // The doubled space is not the text's single one.
        assert_eq!(found.iter().filter(|f| **f == "ismail haniyeh").count(), 1);
        // Found inside a longer word, as a whole-text scan finds it (the matcher's
        // grammar then decides).
        assert!(found.contains(&"сатото бы"));
    }

    /// Texts ending in one word with the same spacing but different first words start at
    /// different places: each is hashed from its own start (the hash is reused only for
    /// shapes starting at the same place).
    /// Words before an anchor whose first two bytes, length and 16-bit hash check all equal
    /// a text's are still not that text: the text's bytes are compared before it is found.
    #[test]
    fn a_hash_check_collision_is_not_taken_for_the_text() {
        let text = "abqqqq haniyeh".to_string();
        let check = hash_check(text_hash(&text));
        let letters = b"abcdefghijklmnopqrstuvwxyz";
        let impostor = (0..26usize.pow(4))
            .map(|i| {
                let tail: String = (0..4)
                    .map(|k| char::from(letters[i / 26usize.pow(k) % 26]))
                    .collect();
                format!("ab{tail} haniyeh")
            })
            .find(|candidate| *candidate != text && hash_check(text_hash(candidate)) == check)
            .expect("a collision of 16 bits among 456,976 texts");
        let texts = vec![text.clone()];
        let group = group_of(&texts, true);
        assert_eq!(hits(&group, &impostor), []);
        assert_eq!(hits(&group, &text), [(0, text.len(), 0)]);
    }

    #[test]
    fn texts_sharing_a_last_word_are_hashed_from_their_own_starts() {
        let texts: Vec<String> = ["a x", "aa x", "ba x", "b aa x"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        let group = group_of(&texts, true);
        for haystack in ["aa x", "ba x", "b aa x"] {
            let found = hits(&group, haystack);
            assert_eq!(found, whole_text_hits(&texts, haystack), "{haystack}");
            assert!(found
                .iter()
                .any(|&(start, end, _)| &haystack[start..end] == haystack));
        }
    }

    /// A text with more spaces or bytes before its last word than a shape holds is found
    /// as a whole, exactly where a whole-text scan finds it.
    #[test]
    fn texts_too_long_for_a_shape_are_found_whole() {
        let many_words = vec!["w"; 300].join(" ");
        // Pseudo-random letters: the automaton of one letter repeated would take the
        // builder quadratic time.
        let mut seed = 1u32;
        let letters: String = (0..70_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b'a' + (seed >> 16) as u8 % 20)
            })
            .collect();
        let long_word = format!("{letters} z");
        let texts = vec![many_words.clone(), long_word.clone(), "w z".to_string()];
        let group = group_of(&texts, true);
        for haystack in [
            format!("a {many_words} b"),
            format!("{long_word} w z"),
            format!("w {many_words}"),
        ] {
            let found = hits(&group, &haystack);
            assert_eq!(found, whole_text_hits(&texts, &haystack));
            assert!(!found.is_empty());
        }
        let found = hits(&group, &format!("a {many_words} b"));
        assert!(found.iter().any(|&(_, _, form)| form == 0));
        let found = hits(&group, &format!("{long_word} w z"));
        assert!(found.iter().any(|&(_, _, form)| form == 1));
    }

    /// Walks start at ASCII bytes that are not a letter or digit after one: "ran" is not
    /// found inside "tehran", which a scan over every byte finds; "hamas" after و and
    /// after م is (of those, `may_start_at` keeps the one after the proclitic و).
    #[test]
    fn walks_start_where_no_ascii_letter_or_digit_precedes() {
        let group = group_of(&["ran".to_string(), "hamas".to_string()], true);
        assert!(group.walked);
        let text = "tehran ran وhamas مhamas 2ran";
        let ran = (3, 6, 0);
        let second_ran = (7, 10, 0);
        let after_wa = text.find("hamas").unwrap();
        let after_wa = (after_wa, after_wa + 5, 1);
        let after_mim = text.rfind("hamas").unwrap();
        let after_mim = (after_mim, after_mim + 5, 1);
        let after_two = (text.len() - 3, text.len(), 0);
        assert_eq!(
            hits_where(&group, text, true, |_| true),
            [second_ran, after_wa, after_mim]
        );
        assert_eq!(
            hits(&group, text),
            [ran, second_ran, after_wa, after_mim, after_two]
        );
        let arabic = Profile::for_language("ar");
        assert_eq!(
            hits_where(&group, text, true, |start| {
                crate::matcher::may_start_at(arabic, text, start)
            }),
            [second_ran, after_wa]
        );
    }

    /// A Latin group with an anchor too long to walk safely is scanned: the hostile
    /// "a-a-a-…" against a form of as many words is read once, not from every place.
    #[test]
    fn a_group_with_a_long_anchor_is_scanned() {
        let long = vec!["a"; 40].join("-");
        assert!(!group_of(&[long.clone(), "hamas".to_string()], true).walked);
        // A long text of several words whose last word is short is walked.
        let words = vec!["abc"; 40].join(" ");
        assert!(group_of(&[words, "hamas".to_string()], true).walked);
        let text = vec!["a"; 20_000].join("-");
        let group = group_of(&[long], true);
        assert_eq!(hits(&group, &text).len(), 20_000 - 40 + 1);
    }

    /// Noise and texts, so that most cases hold several texts next to each other.
    fn noise_and_texts(pieces: &[(String, proptest::sample::Index)], texts: &[String]) -> String {
        pieces
            .iter()
            .map(|(noise, text)| format!("{noise}{}", text.get(texts)))
            .collect()
    }

    /// A Latin group reads an Arabic version only in its ASCII runs as long as its
    /// shortest anchor, and a version mostly in ASCII whole; a group with other anchors
    /// reads every version whole.
    #[test]
    fn only_the_ascii_runs_of_another_script_are_scanned() {
        let ranges = |group: &ScriptGroup, haystack: &str| {
            let mut ranges = Vec::new();
            let reading = group.reading_of(haystack, false);
            group.ranges_to_scan(haystack, &reading, |range| ranges.push(range));
            ranges
        };
        let latin = group_of(&["hamas".to_string(), "ismail haniyeh".to_string()], true);
        let arabic = "قالت حماس، 12 إن Ismail Haniyeh زار القاهرة. وقال";
        let run = arabic.find(" Ismail").unwrap()..arabic.find(" زار").unwrap() + 1;
        // The runs ", 12 " and ". " are shorter than "hamas"; the one holding the name is
        // scanned.
        assert_eq!(ranges(&latin, arabic), [run]);
        let english = "Hamas said Ismail Haniyeh’s visit — “brief” — went well.";
        let whole = 0..english.len();
        assert_eq!(ranges(&latin, english), [whole]);
        let mixed = group_of(&["hamas".to_string(), "حماس".to_string()], true);
        let whole = 0..arabic.len();
        assert_eq!(ranges(&mixed, arabic), [whole]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Finding texts through their last word finds exactly what scanning for the whole
        /// texts finds, whatever the spacing, the scripts and the overlaps.
        #[test]
        fn last_word_lookup_equals_whole_text_scan(
            texts in proptest::collection::vec("[aбوx]{1,3}([ \u{a0}-][aбوx]{1,3}){0,3}", 1..12),
            pieces in proptest::collection::vec(
                ("[aбوx \u{a0}\n-]{0,4}", any::<proptest::sample::Index>()),
                0..10,
            ),
        ) {
            let haystack = noise_and_texts(&pieces, &texts);
            let group = group_of(&texts, true);
            prop_assert_eq!(hits(&group, &haystack), whole_text_hits(&texts, &haystack));
        }

        /// Walking from word starts finds every hit of a scan over every byte that may
        /// start where it does (`may_start_at`), in Arabic, Hebrew, Persian and English
        /// versions, after proclitics too: a place left out would lose hits.
        #[test]
        fn walks_from_word_starts_find_what_a_whole_scan_may_start(
            texts in proptest::collection::vec("[ -]?[ab]{1,3}([ -][ab]{1,3}){0,2}", 1..12),
            pieces in proptest::collection::vec(
                ("[ab \n.-]{0,4}(و|ال|ول|ف|م|ו|מ)?", any::<proptest::sample::Index>()),
                0..10,
            ),
            lang in proptest::sample::select(vec!["ar", "he", "fa", "en"]),
        ) {
            let haystack = noise_and_texts(&pieces, &texts);
            let group = group_of(&texts, true);
            prop_assert!(group.walked);
            let profile = Profile::for_language(lang);
            let may_start = |start| crate::matcher::may_start_at(profile, &haystack, start);
            prop_assert_eq!(
                hits_where(&group, &haystack, true, may_start),
                hits_where(&group, &haystack, false, may_start)
            );
            // And every text, as the scan over every byte finds it (not only where it may
            // start), from the anchors without the whitespace before them.
            prop_assert_eq!(hits(&group, &haystack), whole_text_hits(&texts, &haystack));
        }

        /// Latin texts in a version in another script are found where a scan of the whole
        /// version finds them: the version is scanned in its ASCII runs only.
        #[test]
        fn ascii_texts_in_another_script_equal_whole_text_scan(
            texts in proptest::collection::vec("[ax.]{1,3}([ -][ax]{1,3}){0,3}", 1..12),
            pieces in proptest::collection::vec(
                ("[бوжش]{6,12}[ax \u{a0}\n.-]{0,3}", any::<proptest::sample::Index>()),
                1..10,
            ),
        ) {
            let haystack = noise_and_texts(&pieces, &texts);
            let group = group_of(&texts, true);
            prop_assert!(group.ascii_anchors);
            prop_assume!(haystack.bytes().filter(|&b| b >= 0x80).count() > haystack.len() / 2);
            let found = hits(&group, &haystack);
            prop_assert!(!found.is_empty());
            prop_assert_eq!(found, whole_text_hits(&texts, &haystack));
        }
    }
}
