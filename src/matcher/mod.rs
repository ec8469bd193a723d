//! Finding glossary forms in a version: one automaton per language, compiled once.
//!
//! All forms of the version's language (and of the source language, to catch names left
//! untranslated) go into one Aho-Corasick automaton over normalized text. Every raw hit is
//! then checked against the language's word grammar: what precedes it inside the word must
//! be a legal proclitic run, what follows a legal ending; a capitalized name must not match a
//! lower-case common word ("Times" / "three times"). Overlapping hits resolve leftmost, then
//! longest, so "Ismail Haniyeh" wins over the "Haniyeh" inside it.

pub mod inflect;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::Document;
use crate::fuzzy::FuzzyIndex;
use crate::glossary::{EntityId, FormId, Glossary};
use crate::lang::{LangTag, Profile, SuffixKind};
use crate::normalize::{is_word_char, normalize_str};

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
    via_source: bool,
    /// Arabic ل + ال contraction: the pattern lacks the article's alef and must follow ل.
    after_lam: bool,
    /// Per word of the form: how the glossary capitalizes it.
    capitalized: Vec<Case>,
    /// The glossary's spelling of this pattern (form or inflected variant).
    written: Arc<str>,
    /// Only ever a derived word (the Arabic nisba السعودي of السعودية): never a mention.
    derived_only: bool,
}

/// The compiled glossary for versions in one language.
pub struct Matcher {
    pub lang: LangTag,
    pub source: LangTag,
    profile: &'static Profile,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    pub fuzzy: FuzzyIndex,
}

impl Matcher {
    /// Compiles every form for versions in `lang`, with `source`'s forms added to detect
    /// names left untranslated.
    pub fn compile(glossary: &Glossary, lang: &LangTag, source: &LangTag) -> Matcher {
        let profile = lang.profile();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        // normalized text → (pattern index, priority); lower priority wins.
        let mut seen: HashMap<String, (usize, u8)> = HashMap::new();
        let mut fuzzy = FuzzyIndex::default();

        let own = forms_for(glossary, lang);
        let from_source: Vec<FormId> = if source.same_language(lang) {
            Vec::new()
        } else {
            forms_for(glossary, source)
        };
        let groups = [(own, false), (from_source, true)];
        for (forms, via_source) in &groups {
            for &id in forms {
                let form = glossary.form(id);
                let form_profile = form.lang.profile();
                let capitalized = capitalization(&form.text);
                let mut add = |text: String,
                               written: &str,
                               priority: u8,
                               after_lam: bool,
                               derived_only: bool| {
                    let priority = priority + if *via_source { 10 } else { 0 };
                    let pattern = Pattern {
                        form: id,
                        via_source: *via_source,
                        after_lam,
                        capitalized: capitalized.clone(),
                        written: Arc::from(written),
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
                add(form.normalized.clone(), &form.text, 0, false, false);
                for variant in inflect::variants(&form.text, form_profile.declension) {
                    add(normalize_str(&variant), &variant, 1, false, false);
                }
                if form_profile.proclitics == crate::lang::Proclitics::Arabic {
                    if let Some(rest) = form.normalized.strip_prefix("ال") {
                        if rest.chars().count() >= 2 {
                            // Written differently by nature (لقدس): no spelling to compare.
                            add(format!("ل{rest}"), "", 2, true, false);
                        }
                    }
                    // The nisba adjective of a name in -ية: السعودية → السعودي.
                    if let Some(stem) = form.normalized.strip_suffix("ة") {
                        if stem.ends_with('ي') && stem.chars().count() >= 4 {
                            add(stem.to_string(), &form.text, 3, false, true);
                        }
                    }
                }
                fuzzy.add(glossary, id, *via_source);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .expect("glossary automaton fits in memory");
        for text in &texts {
            fuzzy.add_known(text);
        }
        fuzzy.finish();
        Matcher {
            lang: lang.clone(),
            source: source.clone(),
            profile,
            automaton,
            patterns,
            fuzzy,
        }
    }

    /// Finds every glossary form in a version.
    pub fn find(&self, glossary: &Glossary, doc: &Document) -> Matches {
        let text = doc.normalized.text.as_str();
        // (start, end, pattern index, derived word?)
        let mut candidates: Vec<(usize, usize, usize, bool)> = Vec::new();
        for hit in self.automaton.find_overlapping_iter(text) {
            let pattern = &self.patterns[hit.pattern().as_usize()];
            let (start, end) = (hit.start(), hit.end());
            let original = doc.normalized.original_range(&doc.text, start..end);
            let case_fits = capitalization_fits(&pattern.capitalized, &doc.text[original]);
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
                        if !pattern.capitalized.contains(&Case::Acronym) {
                            candidates.push((start, word_end, hit.pattern().as_usize(), true));
                        }
                        continue;
                    }
                    SuffixKind::None | SuffixKind::Inflection => {}
                }
            }
            if pattern.derived_only {
                candidates.push((start, end, hit.pattern().as_usize(), true));
                continue;
            }
            if !case_fits {
                continue;
            }
            candidates.push((start, end, hit.pattern().as_usize(), false));
        }
        // Leftmost first, then longest; mentions before derived words of equal extent.
        candidates.sort_by_key(|&(s, e, _, derived)| (s, std::cmp::Reverse(e), derived));
        let mut matches = Matches::default();
        let mut taken_until = 0;
        for (start, end, index, derived) in candidates {
            if start < taken_until {
                continue;
            }
            taken_until = end;
            let pattern = &self.patterns[index];
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
                via_source: pattern.via_source,
                written: pattern.written.clone(),
            });
        }
        matches
    }
}

/// The forms whose language fits a version's language: the exact tag, its primary
/// language, or (for a bare tag) any regional tag of it.
fn forms_for(glossary: &Glossary, lang: &LangTag) -> Vec<FormId> {
    let exact: Vec<FormId> = (0..glossary.forms.len() as u32)
        .map(FormId)
        .filter(|&id| {
            let form_lang = &glossary.form(id).lang;
            form_lang == lang || form_lang.as_str() == lang.primary()
        })
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    (0..glossary.forms.len() as u32)
        .map(FormId)
        .filter(|&id| glossary.form(id).lang.same_language(lang))
        .collect()
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
    text.split(|c: char| {
        !(c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
    })
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
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
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
fn capitalization_fits(cases: &[Case], found: &str) -> bool {
    let words: Vec<&str> = original_words(found).collect();
    if words.len() != cases.len() {
        return true;
    }
    let starts_upper = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
    };
    let mut needs_capital = false;
    let mut has_capital = false;
    for (word, case) in words.iter().zip(cases) {
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
