//! Finding glossary forms in a version: one automaton per language, compiled once.
//!
//! All forms of the version's language (and of the source language, to catch names left
//! untranslated) go into one Aho-Corasick automaton over normalized text. Every raw hit is
//! then checked against the language's word grammar: what precedes it inside the word must
//! be a legal proclitic run, what follows a legal ending; a capitalized name must not match a
//! lower-case common word ("Times" / "three times"). Overlapping hits resolve leftmost, then
//! longest, so "Ismail Haniyeh" wins over the "Haniyeh" inside it.

pub mod inflect;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::Document;
use rayon::prelude::*;

use crate::fasthash::{fnv, Fnv, PassThrough};
use crate::fuzzy::{FuzzyIndex, FuzzyScratch, LangFilter, NearMiss, TagIndex};
use crate::glossary::{EntityId, EntityKind, FormId, Glossary};
use crate::lang::{LangTag, Profile, SuffixKind};
use crate::normalize::{is_letter, is_word_char, normalize_str};

/// An occurrence of a glossary form in a version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub form: FormId,
    pub entity: EntityId,
    /// Span in the original text.
    pub span: Range<usize>,
    /// Span in the normalized text.
    pub normalized: Range<usize>,
    /// The form belongs to the source language, not the version's own.
    pub via_source: bool,
    /// How the glossary writes what matched (the form, or its inflected variant), for the
    /// exact-spelling check; empty where the text cannot be compared letter for letter.
    pub written: Arc<str>,
}

/// What the matcher found in one version.
#[derive(Debug, Default)]
pub struct Matches {
    pub mentions: Vec<Mention>,
    /// Words derived from a name (iranien, иранский): neither mentions nor misspellings,
    /// but they carry the entity for meaning checks. Normalized spans.
    pub derived: Vec<(Range<usize>, EntityId)>,
}

#[derive(Debug)]
struct Pattern {
    form: FormId,
    /// Arabic ل + ال contraction: the pattern lacks the article's alef and must follow ل.
    after_lam: bool,
    /// Per word of the form: how the glossary capitalizes it.
    capitalized: Cases,
    /// The glossary's spelling of this pattern.
    written: Written,
    /// Only ever a derived word (the Arabic nisba السعودي of السعودية): never a mention.
    derived_only: bool,
}

/// How the glossary spells what a pattern matches: kept small, since a large glossary has
/// hundreds of thousands of patterns.
#[derive(Debug)]
enum Written {
    /// The form's own text.
    Form,
    /// An inflected variant's text.
    Variant(Arc<str>),
    /// Nothing to compare letter for letter (the لل contraction).
    Nothing,
}

/// The `Case` of each word of a form, two bits a word (words past the 32nd are not
/// checked).
#[derive(Clone, Copy, Debug)]
struct Cases {
    words: u8,
    bits: u64,
}

impl Cases {
    fn of(form: &str) -> Cases {
        let mut cases = Cases { words: 0, bits: 0 };
        for case in capitalization(form).into_iter().take(32) {
            let code = match case {
                Case::Lower => 0,
                Case::Capitalized => 1,
                Case::Acronym => 2,
            };
            cases.bits |= code << (2 * u64::from(cases.words));
            cases.words += 1;
        }
        cases
    }

    fn iter(self) -> impl Iterator<Item = Case> {
        (0..u64::from(self.words)).map(move |i| match (self.bits >> (2 * i)) & 3 {
            1 => Case::Capitalized,
            2 => Case::Acronym,
            _ => Case::Lower,
        })
    }

    fn len(self) -> usize {
        usize::from(self.words)
    }
}

/// Every form of one glossary language tag, with its inflected variants, in one automaton.
struct TagPatterns {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Hashes of every pattern text: a word equal to one of them is a form, never a variant
    /// of another. Kept with separators, so that "al aqsa" is not taken for "al-aqsa".
    known: HashSet<u64, BuildHasherDefault<PassThrough>>,
}

/// The glossary compiled once for a whole run and shared by every version and thread: one
/// automaton per glossary language (built in parallel), one fuzzy index for all of them.
/// A version's `Matcher` only chooses which of them count.
pub struct CompiledGlossary {
    /// Indexed by `TagIndex`; `None` for a language not compiled (not asked for).
    tags: Vec<Option<TagPatterns>>,
    tag_names: Vec<LangTag>,
    fuzzy: FuzzyIndex,
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
                        wanted[t] = true;
                    }
                }
                wanted
            }
        };
        let fuzzy_forms: Vec<(FormId, TagIndex)> = form_tags
            .iter()
            .enumerate()
            .filter(|(_, &t)| wanted[t as usize])
            .map(|(i, &t)| (FormId(i as u32), t))
            .collect();
        // One task per language plus the fuzzy index, largest first (a declining language
        // has several times the patterns), one at a time per thread: the slowest task
        // starts at once and the others fill the remaining threads.
        let mut forms_of: Vec<Vec<FormId>> = vec![Vec::new(); tag_names.len()];
        for (i, &t) in form_tags.iter().enumerate() {
            if wanted[t as usize] {
                forms_of[t as usize].push(FormId(i as u32));
            }
        }
        let weight = |t: usize| {
            let factor = match tag_names[t].profile().declension {
                crate::lang::Declension::None => 1,
                _ => 5,
            };
            forms_of[t].len() * factor
        };
        let mut tasks: Vec<Option<usize>> = (0..tag_names.len())
            .filter(|&t| wanted[t])
            .map(Some)
            .chain([None])
            .collect();
        tasks.sort_by_key(|task| std::cmp::Reverse(task.map_or(fuzzy_forms.len(), weight)));
        let built: Vec<(Option<usize>, Built)> = tasks
            .into_par_iter()
            .with_max_len(1)
            .map(|task| match task {
                Some(t) => (
                    task,
                    Built::Tag(compile_tag(glossary, &tag_names[t], &forms_of[t])),
                ),
                None => (
                    task,
                    Built::Fuzzy(FuzzyIndex::build(glossary, &fuzzy_forms)),
                ),
            })
            .collect();
        let mut tags: Vec<Option<TagPatterns>> = (0..tag_names.len()).map(|_| None).collect();
        let mut fuzzy = FuzzyIndex::default();
        for (task, result) in built {
            match (task, result) {
                (Some(t), Built::Tag(patterns)) => tags[t] = Some(patterns),
                (_, Built::Fuzzy(index)) => fuzzy = index,
                (None, Built::Tag(_)) => unreachable!("the fuzzy task builds the index"),
            }
        }
        CompiledGlossary {
            tags,
            tag_names,
            fuzzy,
        }
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
            filter.own[t] = true;
        }
        for &t in &from_source {
            filter.source[t] = true;
        }
        Matcher {
            lang: lang.clone(),
            source: source.clone(),
            profile: lang.profile(),
            compiled: Arc::clone(self),
            own,
            from_source,
            filter,
        }
    }
}

/// What one compile task produced.
enum Built {
    Tag(TagPatterns),
    Fuzzy(FuzzyIndex),
}

/// The glossary language tags whose forms fit a version's language: the exact tag, its
/// primary language, or (for a bare tag) any regional tag of it.
fn tags_for(tags: &[LangTag], lang: &LangTag) -> Vec<usize> {
    let exact: Vec<usize> = (0..tags.len())
        .filter(|&t| tags[t] == *lang || tags[t].as_str() == lang.primary())
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    (0..tags.len())
        .filter(|&t| tags[t].same_language(lang))
        .collect()
}

/// The automaton of one language's forms and their inflected variants.
fn compile_tag(glossary: &Glossary, tag: &LangTag, forms: &[FormId]) -> TagPatterns {
    let profile = tag.profile();
    let mut texts: Vec<String> = Vec::new();
    let mut patterns: Vec<Pattern> = Vec::new();
    // normalized text → (pattern index, priority); lower priority wins.
    let mut seen: HashMap<String, (usize, u8), BuildHasherDefault<Fnv>> = HashMap::default();
    for &id in forms {
        let form = glossary.form(id);
        let capitalized = Cases::of(&form.text);
        let mut add =
            |text: String, written: Written, priority: u8, after_lam: bool, derived_only: bool| {
                let pattern = Pattern {
                    form: id,
                    after_lam,
                    capitalized,
                    written,
                    derived_only,
                };
                match seen.get(&text) {
                    Some(&(_, existing)) if existing <= priority => {}
                    Some(&(index, _)) => {
                        patterns[index] = pattern;
                        seen.insert(text, (index, priority));
                    }
                    None => {
                        seen.insert(text.clone(), (patterns.len(), priority));
                        texts.push(text);
                        patterns.push(pattern);
                    }
                }
            };
        add(form.normalized.clone(), Written::Form, 0, false, false);
        let inflected = if glossary.entity(form.entity).kind == EntityKind::Person {
            inflect::name_variants(&form.text, profile.declension)
        } else {
            inflect::variants(&form.text, profile.declension)
        };
        for variant in inflected {
            let text = normalize_str(&variant);
            add(text, Written::Variant(variant.into()), 1, false, false);
        }
        if profile.proclitics == crate::lang::Proclitics::Arabic {
            if let Some(rest) = form.normalized.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    // Written differently by nature (لقدس): no spelling to compare.
                    add(format!("ل{rest}"), Written::Nothing, 2, true, false);
                }
            }
            // The nisba adjective of a name in -ية: السعودية → السعودي.
            if let Some(stem) = form.normalized.strip_suffix("ة") {
                if stem.ends_with('ي') && stem.chars().count() >= 4 {
                    add(stem.to_string(), Written::Form, 3, false, true);
                }
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&texts)
        .expect("glossary automaton fits in memory");
    let known = texts.iter().map(|t| fnv(t)).collect();
    TagPatterns {
        automaton,
        patterns,
        known,
    }
}

/// The compiled glossary as one version's language sees it.
pub struct Matcher {
    pub lang: LangTag,
    pub source: LangTag,
    profile: &'static Profile,
    compiled: Arc<CompiledGlossary>,
    /// Tag indexes of the version's own forms and of the source language's forms.
    own: Vec<usize>,
    from_source: Vec<usize>,
    filter: LangFilter,
}

impl Matcher {
    /// Compiles the whole glossary for versions in `lang` (tests and one-off use; a run
    /// compiles a `CompiledGlossary` once and takes every matcher from it).
    pub fn compile(glossary: &Glossary, lang: &LangTag, source: &LangTag) -> Matcher {
        Arc::new(CompiledGlossary::new(glossary)).matcher(lang, source)
    }

    /// The compiled languages this version looks at, with whether they are the source's.
    fn tag_patterns(&self) -> impl Iterator<Item = (&TagPatterns, bool)> {
        let own = self.own.iter().map(|&t| (t, false));
        let from_source = self.from_source.iter().map(|&t| (t, true));
        own.chain(from_source)
            .filter_map(|(t, via_source)| self.compiled.tags[t].as_ref().map(|p| (p, via_source)))
    }

    /// The longest run of words worth comparing with forms.
    pub fn max_words(&self) -> usize {
        self.compiled.fuzzy.max_words()
    }

    /// Whether any form is written in lower case (only those have lower-case variants).
    pub fn has_lower_case_forms(&self) -> bool {
        self.compiled.fuzzy.has_lower_case_forms()
    }

    /// Whether a normalized text is exactly a form (or inflected variant) this version's
    /// languages know.
    pub fn is_known(&self, normalized: &str) -> bool {
        let hash = fnv(normalized);
        self.tag_patterns().any(|(p, _)| p.known.contains(&hash))
    }

    /// The closest form of this version's languages to a normalized candidate, if it is a
    /// likely misspelling (see `FuzzyIndex::closest`).
    pub fn closest(
        &self,
        candidate: &str,
        capitalized: bool,
        cased: bool,
        scratch: &mut FuzzyScratch,
    ) -> Option<NearMiss> {
        self.compiled
            .fuzzy
            .closest(candidate, capitalized, cased, &self.filter, scratch)
    }

    /// Finds every glossary form in a version.
    pub fn find(&self, glossary: &Glossary, doc: &Document) -> Matches {
        let text = doc.normalized.text.as_str();
        // (start, end, pattern, via source, derived word?), own languages first.
        let mut candidates: Vec<(usize, usize, &Pattern, bool, bool)> = Vec::new();
        for (tag, via_source) in self.tag_patterns() {
            for hit in tag.automaton.find_overlapping_iter(text) {
                let pattern = &tag.patterns[hit.pattern().as_usize()];
                let (start, end) = (hit.start(), hit.end());
                if !self.profile.unspaced {
                    let word_start = scan_back(text, start);
                    let prefix = &text[word_start..start];
                    let prefix_ok = if pattern.after_lam {
                        matches!(prefix, "ل" | "ول" | "فل")
                    } else {
                        self.profile.allows_prefix(prefix)
                    };
                    if !prefix_ok {
                        continue;
                    }
                    let word_end = scan_forward(text, end);
                    match self.profile.classify_suffix(&text[end..word_end]) {
                        SuffixKind::Foreign => continue,
                        // Adjectives are lower case in most languages (israélien, иранский);
                        // acronyms have none ("Una" is not the UN).
                        SuffixKind::Derivation => {
                            if !pattern.capitalized.iter().any(|c| c == Case::Acronym) {
                                candidates.push((start, word_end, pattern, via_source, true));
                            }
                            continue;
                        }
                        SuffixKind::None | SuffixKind::Inflection => {}
                    }
                }
                if pattern.derived_only {
                    candidates.push((start, end, pattern, via_source, true));
                    continue;
                }
                let original = doc.normalized.original_range(&doc.text, start..end);
                if !capitalization_fits(pattern.capitalized, &doc.text[original]) {
                    continue;
                }
                candidates.push((start, end, pattern, via_source, false));
            }
        }
        // Leftmost first, then longest; mentions before derived words of equal extent.
        // The sort is stable: of equal hits, the version's own language wins.
        candidates.sort_by_key(|&(s, e, _, _, derived)| (s, std::cmp::Reverse(e), derived));
        let mut matches = Matches::default();
        let mut taken_until = 0;
        for (start, end, pattern, via_source, derived) in candidates {
            if start < taken_until {
                continue;
            }
            taken_until = end;
            let entity = glossary.form(pattern.form).entity;
            if derived {
                matches.derived.push((start..end, entity));
                continue;
            }
            matches.mentions.push(Mention {
                form: pattern.form,
                entity,
                span: doc.normalized.original_range(&doc.text, start..end),
                normalized: start..end,
                via_source,
                written: match &pattern.written {
                    Written::Form => Arc::from(glossary.form(pattern.form).text.as_str()),
                    Written::Variant(text) => Arc::clone(text),
                    Written::Nothing => Arc::from(""),
                },
            });
        }
        matches
    }
}

fn scan_back(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[..at].chars().next_back() {
        if !is_word_char(c) {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

fn scan_forward(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !is_word_char(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

fn original_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// How a word of a glossary form is capitalized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Lower case or a script without case.
    Lower,
    /// Starts with a capital: a name.
    Capitalized,
    /// A short acronym (UN, CNN, ООН): only an all-capitals word is it, never "Un".
    Acronym,
}

fn capitalization(form: &str) -> Vec<Case> {
    original_words(form)
        .map(|w| {
            let letters = w.chars().filter(|&c| is_letter(c)).count();
            if (2..=3).contains(&letters) && w.chars().all(|c| !c.is_lowercase()) {
                Case::Acronym
            } else if w.chars().next().is_some_and(char::is_uppercase) {
                Case::Capitalized
            } else {
                Case::Lower
            }
        })
        .collect()
}

/// A form with capitalized words matches only where at least one of those words is
/// capitalized in the text too ("Times" is the newspaper, "three times" is not), and an
/// acronym only where it is written in capitals ("UN", not the Spanish article "Un").
fn capitalization_fits(cases: Cases, found: &str) -> bool {
    if original_words(found).count() != cases.len() {
        return true;
    }
    let words = original_words(found);
    let starts_upper = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
    };
    let mut needs_capital = false;
    let mut has_capital = false;
    for (word, case) in words.zip(cases.iter()) {
        match case {
            Case::Lower => {}
            Case::Capitalized => {
                needs_capital = true;
                has_capital |= starts_upper(word);
            }
            Case::Acronym => {
                if word.chars().any(char::is_lowercase) {
                    return false;
                }
            }
        }
    }
    !needs_capital || has_capital
}

#[cfg(test)]
mod tests;
