//! The glossary compiled once for a run: one automaton per script, shared by every
//! language written in it and by every thread.
//!
//! English, French, German and Spanish mostly spell a name alike, as do Arabic and Persian
//! once normalized. Their forms go into one automaton per script, each text listing which
//! languages write it: the texts common to several languages are compiled once, and a
//! French version is scanned once for its own forms and the English source's together.
//! A version's `Matcher` only says which languages count. The fuzzy index is built beside
//! the automata, and all are built in parallel, largest first.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;

use super::{capitalization, inflect, tags_for, Case, Matcher};
use crate::fasthash::{fnv, Fnv, PassThrough};
use crate::fuzzy::{FuzzyIndex, LangFilter, TagIndex};
use crate::glossary::{EntityKind, FormId, Glossary};
use crate::lang::{LangTag, Proclitics};
use crate::normalize::normalize_str;

#[derive(Debug)]
pub(super) struct Pattern {
    pub form: FormId,
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
#[derive(Debug)]
pub(super) enum Written {
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
pub(super) struct Cases {
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

    pub fn iter(self) -> impl Iterator<Item = Case> {
        (0..u64::from(self.words)).map(move |i| match (self.bits >> (2 * i)) & 3 {
            1 => Case::Capitalized,
            2 => Case::Acronym,
            _ => Case::Lower,
        })
    }

    pub fn len(self) -> usize {
        usize::from(self.words)
    }
}

/// One language's pattern for a text.
#[derive(Debug)]
pub(super) struct Choice {
    pub tag: TagIndex,
    pub pattern: Pattern,
}

/// The automaton of one script's texts.
pub(super) struct ScriptGroup {
    pub automaton: AhoCorasick,
    /// `choices[starts[i]..starts[i + 1]]` are text `i`'s patterns, one per language, in
    /// glossary order.
    starts: Vec<u32>,
    choices: Vec<Choice>,
    /// (text, language) pairs, hashed: a word equal to a pattern is a form, never a variant
    /// of another. Kept with separators, so that "al aqsa" is not taken for "al-aqsa".
    known: HashSet<u64, BuildHasherDefault<PassThrough>>,
}

impl ScriptGroup {
    pub fn choices(&self, text: usize) -> &[Choice] {
        &self.choices[self.starts[text] as usize..self.starts[text + 1] as usize]
    }

    pub fn knows(&self, text_hash: u64, tag: TagIndex) -> bool {
        self.known.contains(&known_key(text_hash, tag))
    }
}

fn known_key(text_hash: u64, tag: TagIndex) -> u64 {
    text_hash ^ (u64::from(tag) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The glossary compiled once for a whole run and shared by every version and thread.
pub struct CompiledGlossary {
    /// Unique in the process: caches keyed by it never mix two glossaries.
    serial: u64,
    pub(super) groups: Vec<ScriptGroup>,
    /// For each language tag, the groups holding its patterns.
    pub(super) tag_groups: Vec<Vec<usize>>,
    tag_names: Vec<LangTag>,
    pub(super) fuzzy: FuzzyIndex,
}

/// A pattern as generated from a form, before texts are shared between languages.
struct Generated {
    text: String,
    tag: TagIndex,
    priority: u8,
    pattern: Pattern,
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
        for (i, &t) in form_tags.iter().enumerate() {
            if wanted[t as usize] {
                forms_of[t as usize].push(FormId(i as u32));
            }
        }
        let fuzzy_forms: Vec<(FormId, TagIndex)> = form_tags
            .iter()
            .enumerate()
            .filter(|(_, &t)| wanted[t as usize])
            .map(|(i, &t)| (FormId(i as u32), t))
            .collect();

        // Patterns per language (in parallel), then by script in glossary language order.
        let generated: Vec<Vec<Generated>> = (0..tag_names.len())
            .into_par_iter()
            .with_max_len(1)
            .map(|t| generate(glossary, t as TagIndex, &tag_names[t], &forms_of[t]))
            .collect();
        let mut by_script: Vec<(Script, Vec<Generated>)> = Vec::new();
        for generated in generated.into_iter().flatten() {
            let script = script_of(&generated.text);
            match by_script.iter_mut().find(|(s, _)| *s == script) {
                Some((_, list)) => list.push(generated),
                None => by_script.push((script, vec![generated])),
            }
        }
        let mut tag_groups: Vec<Vec<usize>> = vec![Vec::new(); tag_names.len()];
        for (g, (_, list)) in by_script.iter().enumerate() {
            for generated in list {
                let groups = &mut tag_groups[generated.tag as usize];
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
        }

        // One task per script plus the fuzzy index, largest first, one at a time per
        // thread: the slowest starts at once and the others fill the remaining threads.
        // (index of the script group or None for the fuzzy index, work estimate, patterns)
        let mut jobs: Vec<(Option<usize>, usize, Vec<Generated>)> = by_script
            .into_iter()
            .enumerate()
            .map(|(g, (_, list))| (Some(g), list.iter().map(|p| p.text.len()).sum(), list))
            .collect();
        jobs.push((None, fuzzy_forms.len() * 8, Vec::new()));
        jobs.sort_by_key(|&(_, weight, _)| std::cmp::Reverse(weight));
        let group_count = jobs.len() - 1;
        let built: Vec<Built> = jobs
            .into_par_iter()
            .with_max_len(1)
            .map(|(group, _, list)| match group {
                Some(g) => Built::Group(g, build_group(list)),
                None => Built::Fuzzy(FuzzyIndex::build(glossary, &fuzzy_forms)),
            })
            .collect();
        let mut groups: Vec<Option<ScriptGroup>> = (0..group_count).map(|_| None).collect();
        let mut fuzzy = FuzzyIndex::default();
        for result in built {
            match result {
                Built::Group(g, group) => groups[g] = Some(group),
                Built::Fuzzy(index) => fuzzy = index,
            }
        }
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        CompiledGlossary {
            serial: SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            groups: groups.into_iter().flatten().collect(),
            tag_groups,
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
        let id = fnv(&format!("{} {lang} {source}", self.serial));
        Matcher {
            lang: lang.clone(),
            source: source.clone(),
            profile: lang.profile(),
            compiled: Arc::clone(self),
            tags,
            groups,
            filter,
            id,
        }
    }
}

/// What one compile task produced.
enum Built {
    /// A script group's automaton, with the group's index.
    Group(usize, ScriptGroup),
    Fuzzy(FuzzyIndex),
}

/// Every pattern of one language: its forms, their inflected variants, Arabic contractions
/// and derived adjectives; one per text (the lowest priority, then the first). Forms are
/// expanded in parallel: a declining language has most of the glossary's patterns.
fn generate(
    glossary: &Glossary,
    tag: TagIndex,
    lang: &LangTag,
    forms: &[FormId],
) -> Vec<Generated> {
    let expanded: Vec<Vec<Generated>> = forms
        .par_chunks(1024)
        .map(|chunk| {
            let mut out = Vec::new();
            for &id in chunk {
                expand(glossary, tag, lang, id, &mut out);
            }
            out
        })
        .collect();
    let mut out: Vec<Generated> = Vec::new();
    // normalized text → index in `out`.
    let mut seen: HashMap<String, usize, BuildHasherDefault<Fnv>> = HashMap::default();
    for generated in expanded.into_iter().flatten() {
        match seen.get(&generated.text) {
            Some(&index) if out[index].priority <= generated.priority => {}
            Some(&index) => {
                let text = std::mem::take(&mut out[index].text);
                out[index] = Generated { text, ..generated };
            }
            None => {
                seen.insert(generated.text.clone(), out.len());
                out.push(generated);
            }
        }
    }
    out
}

/// The patterns of one form, in priority order.
fn expand(
    glossary: &Glossary,
    tag: TagIndex,
    lang: &LangTag,
    id: FormId,
    out: &mut Vec<Generated>,
) {
    let profile = lang.profile();
    let form = glossary.form(id);
    let capitalized = Cases::of(&form.text);
    let mut add =
        |text: String, written: Written, priority: u8, after_lam: bool, derived_only: bool| {
            out.push(Generated {
                text,
                tag,
                priority,
                pattern: Pattern {
                    form: id,
                    after_lam,
                    capitalized,
                    written,
                    derived_only,
                },
            })
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
    if profile.proclitics == Proclitics::Arabic {
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

/// One automaton over a script's texts, each text with its languages' patterns.
fn build_group(list: Vec<Generated>) -> ScriptGroup {
    let mut text_ids: HashMap<&str, u32, BuildHasherDefault<Fnv>> = HashMap::default();
    let mut texts: Vec<&str> = Vec::new();
    // (text id, order) for each generated pattern.
    let mut keys: Vec<(u32, u32)> = Vec::with_capacity(list.len());
    let mut known: HashSet<u64, BuildHasherDefault<PassThrough>> = HashSet::default();
    for (order, generated) in list.iter().enumerate() {
        let next = texts.len() as u32;
        let id = *text_ids.entry(generated.text.as_str()).or_insert_with(|| {
            texts.push(generated.text.as_str());
            next
        });
        keys.push((id, order as u32));
        known.insert(known_key(fnv(&generated.text), generated.tag));
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&texts)
        .expect("glossary automaton fits in memory");
    let text_count = texts.len();
    drop(text_ids);
    drop(texts);
    let mut starts = vec![0u32; text_count + 1];
    for &(id, _) in &keys {
        starts[id as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut slots: Vec<Option<Choice>> = (0..list.len()).map(|_| None).collect();
    let mut next = starts.clone();
    // Generated in glossary language order, so each text's choices stay in that order.
    for (generated, (id, _)) in list.into_iter().zip(keys) {
        let at = &mut next[id as usize];
        slots[*at as usize] = Some(Choice {
            tag: generated.tag,
            pattern: generated.pattern,
        });
        *at += 1;
    }
    ScriptGroup {
        automaton,
        starts,
        choices: slots.into_iter().flatten().collect(),
        known,
    }
}
