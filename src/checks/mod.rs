//! The checks. Each module looks at an article set and produces findings for one rule; they
//! share the per-version analysis computed once beforehand.

mod deprecated_form;
mod missing_entity;
mod mixed_forms;
mod unlisted_variant;
mod untranslated_form;

use crate::analysis::Analysis;
use crate::document::Document;
use crate::finding::Finding;
use crate::fuzzy::variant_cost;
use crate::glossary::{EntityId, Form, Glossary};
use crate::lang::LangTag;
use crate::normalize::is_word_char;

/// One version with what was found in it.
pub struct Version<'a> {
    pub doc: &'a Document,
    pub analysis: Analysis,
}

/// An article set as the checks see it.
pub struct SetContext<'a> {
    pub glossary: &'a Glossary,
    pub versions: &'a [Version<'a>],
    /// Index of the source version in `versions`, when the set has one.
    pub source: Option<usize>,
    pub source_lang: &'a LangTag,
}

type CheckFn = fn(&SetContext, &mut Vec<Finding>);

/// Every check, in the order their findings are produced.
const CHECKS: &[CheckFn] = &[
    deprecated_form::check,
    unlisted_variant::check,
    mixed_forms::check,
    untranslated_form::check,
    missing_entity::check,
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
        Some(form) => form.text.clone(),
        None => glossary.entity(entity).id.clone(),
    }
}
