//! Finding glossary forms in a version, with automata compiled once per run.
//!
//! A version is scanned for the forms of its language and of the source language (to catch
//! names left untranslated) with the automata of their scripts (see `compile`), over
//! normalized text. Every raw hit is
//! then checked against the language's word grammar: what precedes it inside the word must
//! be a legal proclitic run, what follows a legal ending; a capitalized name must not match a
//! lower-case common word ("Times" / "three times"). Overlapping hits resolve leftmost, then
//! longest, so "Ismail Haniyeh" wins over the "Haniyeh" inside it.

mod compile;
pub mod inflect;

pub use compile::CompiledGlossary;
pub use compile::Written;
use compile::{Cases, Pattern};

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::document::Document;
use crate::fuzzy::{FuzzyScratch, LangFilter, NearMiss, TagIndex};
use crate::glossary::{EntityId, FormId, Glossary};
use crate::lang::{LangTag, Proclitics, Profile, SuffixKind};
use crate::normalize::{is_letter, is_lowercase, is_uppercase, is_word_char};

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
    /// exact-spelling check: see `written_text`.
    pub written: Written,
}

impl Mention {
    /// How the glossary writes what matched; empty where the text cannot be compared
    /// letter for letter. Spelled out only for the check that reads it: a version's
    /// mentions would otherwise each copy a form from a table far larger than the caches.
    pub fn written_text<'g>(&self, glossary: &'g Glossary) -> Cow<'g, str> {
        match self.written {
            Written::Form => Cow::Borrowed(&glossary.form(self.form).text),
            Written::Variant(i) => compile::inflected(glossary, self.form)
                .into_iter()
                .nth(usize::from(i))
                .map_or(Cow::Borrowed(""), Cow::Owned),
            Written::Nothing => Cow::Borrowed(""),
        }
    }
}

/// What the matcher found in one version.
#[derive(Debug, Default)]
pub struct Matches {
    pub mentions: Vec<Mention>,
    /// Words derived from a name (iranien, иранский): neither mentions nor misspellings,
    /// but they carry the entity for meaning checks. Normalized spans.
    pub derived: Vec<(Range<usize>, EntityId)>,
}

/// The glossary language tags whose forms fit a version's language: the exact tag, its
/// primary language, or (for a bare tag) any regional tag of it.
fn tags_for(tags: &[LangTag], lang: &LangTag) -> Vec<TagIndex> {
    let exact: Vec<TagIndex> = (0..tags.len())
        .filter(|&t| tags[t] == *lang || tags[t].as_str() == lang.primary())
        .map(|t| t as TagIndex)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    (0..tags.len())
        .filter(|&t| tags[t].same_language(lang))
        .map(|t| t as TagIndex)
        .collect()
}

/// The compiled glossary as one version's language sees it.
pub struct Matcher {
    pub lang: LangTag,
    pub source: LangTag,
    pub(crate) profile: &'static Profile,
    pub(crate) compiled: Arc<CompiledGlossary>,
    /// Tag indexes of the version's own forms and of the source language's forms.
    pub(crate) tags: Vec<TagIndex>,
    /// The script groups holding those forms: the automata to scan.
    pub(crate) groups: Vec<usize>,
    pub(crate) filter: LangFilter,
    /// Whether any form of these languages holds a digit (see `forms_have_digits`).
    pub(crate) forms_have_digits: bool,
    /// Tells this view from every other one in the process (see `id`).
    pub(crate) id: u64,
}

impl Matcher {
    /// An identity for caches of lookups: the compiled glossary's serial number (never
    /// reused, unlike an address), the language and the source language.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Compiles the whole glossary for versions in `lang` (tests and one-off use; a run
    /// compiles a `CompiledGlossary` once and takes every matcher from it).
    pub fn compile(glossary: &Glossary, lang: &LangTag, source: &LangTag) -> Matcher {
        Arc::new(CompiledGlossary::new(glossary)).matcher(lang, source)
    }

    /// The longest run of words worth comparing with forms.
    pub fn max_words(&self) -> usize {
        self.compiled.fuzzy.max_words()
    }

    /// Whether any form is written in lower case (only those have lower-case variants).
    pub fn has_lower_case_forms(&self) -> bool {
        self.compiled.fuzzy.has_lower_case_forms()
    }

    /// Whether any form of this version's languages (its own and the source's) holds a
    /// digit (`is_news_digit`). Where none does, a normalized text with two digits is no
    /// form, and no near miss either: the fuzzy index pairs a text with a form only where
    /// deleting at most one character from each makes them equal, and one deletion leaves
    /// a digit in the text.
    pub fn forms_have_digits(&self) -> bool {
        self.forms_have_digits
    }

    /// Whether a normalized text is exactly a form (or inflected variant) this version's
    /// languages know.
    pub fn is_known(&self, normalized: &str) -> bool {
        self.groups.iter().any(|&g| {
            self.compiled.groups[g]
                .known(normalized)
                .iter()
                .any(|choice| self.tags.contains(&choice.tag))
        })
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
    pub fn find(&self, doc: &Document) -> Matches {
        let text = doc.normalized.text.as_str();
        // (start, end, pattern, via source, derived word?)
        let mut candidates: Vec<(usize, usize, &Pattern, bool, bool)> = Vec::new();
        // What follows a hit inside its word, read once per hit: the end of the word and
        // the kind of ending. A foreign ending rejects whatever text ends there, so such a
        // hit's texts are not looked for (scripts without spaces have no endings).
        let ending = |start: usize, end: usize| {
            if self.profile.unspaced {
                return Some((end, SuffixKind::None));
            }
            // Half of the hits of news start inside a word ("ran" in "Tehran"): dropped
            // here, before their endings are read.
            if !may_start_at(self.profile, text, start) {
                return None;
            }
            let word_end = scan_forward(text, end);
            match self.profile.classify_suffix(&text[end..word_end]) {
                SuffixKind::Foreign => None,
                kind => Some((word_end, kind)),
            }
        };
        for &g in &self.groups {
            let group = &self.compiled.groups[g];
            let how = group.reading_of(text, !self.profile.unspaced);
            group.for_each_hit(
                text,
                how,
                ending,
                |start, end, (word_end, kind), choices| {
                    // Of the languages that write this text, the version's own first.
                    let Some((pattern, via_source)) = self
                        .filter
                        .choose(choices.iter().map(|c| (&c.pattern, c.tag)))
                    else {
                        return;
                    };
                    if !self.profile.unspaced {
                        let word_start = scan_back(text, start);
                        let prefix = &text[word_start..start];
                        let prefix_ok = if pattern.after_lam {
                            is_lam_prefix(prefix)
                        } else {
                            self.profile.allows_prefix(prefix)
                        };
                        if !prefix_ok {
                            return;
                        }
                        // Adjectives are lower case in most languages (israélien, иранский);
                        // acronyms have none ("Una" is not the UN).
                        if kind == SuffixKind::Derivation {
                            if !pattern.capitalized.iter().any(|c| c == Case::Acronym) {
                                candidates.push((start, word_end, pattern, via_source, true));
                            }
                            return;
                        }
                    }
                    if pattern.derived_only {
                        candidates.push((start, end, pattern, via_source, true));
                        return;
                    }
                    // Caseless scripts and lower-case forms fit however the text is written.
                    if !pattern.capitalized.all_lower() {
                        let original = doc.normalized.original_range(&doc.text, start..end);
                        if !capitalization_fits(pattern.capitalized, &doc.text[original]) {
                            return;
                        }
                    }
                    candidates.push((start, end, pattern, via_source, false));
                },
            );
        }
        // Leftmost first, then longest; mentions before derived words of equal extent.
        candidates.sort_by_key(|&(s, e, _, _, derived)| (s, std::cmp::Reverse(e), derived));
        let mut matches = Matches::default();
        let mut taken_until = 0;
        for (start, end, pattern, via_source, derived) in candidates {
            if start < taken_until {
                continue;
            }
            taken_until = end;
            let entity = pattern.entity;
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
                written: pattern.written,
            });
        }
        matches
    }
}

/// What may come before a pattern written without the article's alif after the preposition
/// ل (للقدس is ل + القدس): that preposition, alone or after و or ف.
fn is_lam_prefix(prefix: &str) -> bool {
    matches!(prefix, "ل" | "ول" | "فل")
}

/// Whether a hit of the automaton starting at `start` can pass `find`'s check of what
/// precedes it inside its word for some pattern: it starts a word, or follows a prefix that
/// the language (or a pattern after ل) allows. An anchor starting with whitespace is the
/// last word of a text of several words (in a scanned group), whose own start is checked
/// once it is found.
fn may_start_at(profile: &Profile, text: &str, start: usize) -> bool {
    let Some(before) = text[..start].chars().next_back() else {
        return true;
    };
    if !is_word_char(before) || text[start..].starts_with(char::is_whitespace) {
        return true;
    }
    // Every prefix allowed after a word character ends with a proclitic (ل, for the
    // patterns after it).
    if profile.proclitics == Proclitics::None && before != 'ل' {
        return false;
    }
    let prefix = &text[scan_back(text, start)..start];
    profile.allows_prefix(prefix) || is_lam_prefix(prefix)
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
pub(crate) enum Case {
    /// Lower case or a script without case.
    Lower,
    /// Starts with a capital: a name.
    Capitalized,
    /// A short acronym (UN, CNN, ООН): only an all-capitals word is it, never "Un".
    Acronym,
}

pub(crate) fn capitalization(form: &str) -> Vec<Case> {
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
    let starts_upper = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| is_uppercase(c) || !is_lowercase(c))
    };
    // One pass over the words; the verdict holds only if the text has as many words as
    // the form (a text read differently, such as an inflected variant, is let through).
    let mut words = 0;
    let mut acronym_in_lower_case = false;
    let mut needs_capital = false;
    let mut has_capital = false;
    for (word, case) in
        original_words(found).zip(cases.iter().map(Some).chain(std::iter::repeat(None)))
    {
        words += 1;
        match case {
            None | Some(Case::Lower) => {}
            Some(Case::Capitalized) => {
                needs_capital = true;
                has_capital |= starts_upper(word);
            }
            Some(Case::Acronym) => acronym_in_lower_case |= word.chars().any(is_lowercase),
        }
    }
    if words != cases.len() {
        return true;
    }
    !acronym_in_lower_case && (!needs_capital || has_capital)
}

#[cfg(test)]
mod tests;
