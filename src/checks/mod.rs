//! The checks. Each module looks at an article set and produces findings for one rule; they
//! share the per-version analysis computed once beforehand.

mod added_segment;
mod compare;
mod date_mismatch;
mod deprecated_form;
mod entity_mismatch;
mod inexact_form;
mod length_outlier;
mod missing_entity;
mod mixed_forms;
mod number_mismatch;
mod omitted_segment;
mod quote_mismatch;
mod unlisted_variant;
mod untranslated_form;

use std::ops::Range;

use crate::align::Bead;
use crate::analysis::Analysis;
use crate::document::Document;
use crate::drift::{Alignment, SentenceFacts};
use crate::finding::Finding;
use crate::fuzzy::variant_cost;
use crate::glossary::{EntityId, Form, Glossary};
use crate::lang::LangTag;
use crate::matcher::Mention;
use crate::normalize::is_word_char;

/// One version with what was found in it.
pub struct Version<'a> {
    pub doc: &'a Document,
    pub analysis: Analysis,
    /// Anchors per sentence.
    pub facts: Vec<SentenceFacts>,
    /// How it lines up with the source version (none for the source itself).
    pub alignment: Option<Alignment>,
}

impl Version<'_> {
    pub fn sentence_span(&self, index: usize) -> Range<usize> {
        self.analysis.segments.sentences[index].span.clone()
    }

    /// The span covering a run of sentences; for an empty run, the empty span where the
    /// missing text would stand (start of the next sentence, or end of the previous one).
    pub fn span_of(&self, sentences: &Range<usize>) -> Range<usize> {
        let list = &self.analysis.segments.sentences;
        if sentences.is_empty() {
            let at = match (
                list.get(sentences.start),
                sentences.start.checked_sub(1).and_then(|i| list.get(i)),
            ) {
                (Some(next), _) => next.span.start,
                (None, Some(previous)) => previous.span.end,
                (None, None) => 0,
            };
            return at..at;
        }
        list[sentences.start].span.start..list[sentences.end - 1].span.end
    }
}

/// A version paired with the source version, for the meaning checks.
pub struct Pair<'s, 'a> {
    pub source: &'s Version<'a>,
    pub target: &'s Version<'a>,
    pub alignment: &'s Alignment,
}

impl<'s, 'a> Pair<'s, 'a> {
    /// Sentence beads with both sides present.
    pub fn matched(&self) -> impl Iterator<Item = &'s Bead> {
        self.alignment
            .sentences
            .iter()
            .filter(|b| !b.source.is_empty() && !b.target.is_empty())
    }

    /// Facts of a run of sentences.
    pub fn source_facts(&self, run: &Range<usize>) -> &'s [SentenceFacts] {
        &self.source.facts[run.clone()]
    }

    pub fn target_facts(&self, run: &Range<usize>) -> &'s [SentenceFacts] {
        &self.target.facts[run.clone()]
    }
}

/// An article set as the checks see it.
pub struct SetContext<'a> {
    pub glossary: &'a Glossary,
    pub versions: &'a [Version<'a>],
    /// Index of the source version in `versions`, when the set has one.
    pub source: Option<usize>,
    pub source_lang: &'a LangTag,
}

impl<'a> SetContext<'a> {
    /// Every glossary mention in every version, with the version's document and the form
    /// it matched.
    pub fn mentions(&self) -> impl Iterator<Item = (&'a Document, &'a Mention, &'a Form)> + '_ {
        self.versions.iter().flat_map(move |version| {
            version
                .analysis
                .mentions
                .iter()
                .map(move |mention| (version.doc, mention, self.glossary.form(mention.form)))
        })
    }

    /// Every version paired with the source, when the set has a source.
    pub fn pairs(&self) -> impl Iterator<Item = Pair<'_, 'a>> {
        let source = self.source.map(|i| &self.versions[i]);
        self.versions.iter().filter_map(move |target| {
            Some(Pair {
                source: source?,
                alignment: target.alignment.as_ref()?,
                target,
            })
        })
    }
}

type CheckFn = fn(&SetContext, &mut Vec<Finding>);

/// Every check, in the order their findings are produced.
const CHECKS: &[CheckFn] = &[
    deprecated_form::check,
    unlisted_variant::check,
    mixed_forms::check,
    untranslated_form::check,
    missing_entity::check,
    inexact_form::check,
    omitted_segment::check,
    added_segment::check,
    number_mismatch::check,
    date_mismatch::check,
    entity_mismatch::check,
    quote_mismatch::check,
    length_outlier::check,
];

pub fn run_all(ctx: &SetContext) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in CHECKS {
        check(ctx, &mut findings);
    }
    findings
}

/// The form to suggest in place of `found` for an entity in a language: the house-style
/// form when it has as many words as `found`, else the closest accepted form of that length
/// ("Haniyeh" for "Haniya", where the preferred form is "Ismail Haniyeh"), else the
/// house-style form. Falls back to the source language when the glossary has nothing in
/// `lang`.
pub fn suggestion<'g>(
    glossary: &'g Glossary,
    entity: EntityId,
    lang: &LangTag,
    source_lang: &LangTag,
    found: &str,
) -> Option<&'g Form> {
    let lang = if glossary.has_language(entity, lang) {
        lang
    } else {
        source_lang
    };
    let preferred = glossary.preferred(entity, lang);
    let found_words = word_count(found);
    if preferred.is_some_and(|f| word_count(&f.normalized) == found_words) {
        return preferred;
    }
    let found_key: Vec<char> = crate::normalize::normalize_str(found)
        .chars()
        .filter(|c| is_word_char(*c))
        .collect();
    let cost = |f: &Form| {
        let key: Vec<char> = f.normalized.chars().filter(|c| is_word_char(*c)).collect();
        variant_cost(&found_key, &key)
    };
    glossary
        .forms_in(entity, lang)
        .map(|(_, form)| form)
        .filter(|form| form.status.is_accepted() && word_count(&form.normalized) == found_words)
        .min_by(|a, b| cost(a).total_cmp(&cost(b)))
        .or(preferred)
}

fn word_count(text: &str) -> usize {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .count()
}

/// How an entity is named in messages: its house-style source-language form, else its id
/// (the id itself is in every finding's `entity` field).
pub fn entity_label(glossary: &Glossary, entity: EntityId, source_lang: &LangTag) -> String {
    match glossary.preferred(entity, source_lang) {
        Some(form) => form.text.to_string(),
        None => glossary.entity(entity).id.clone(),
    }
}
