//! The pipeline from loaded article sets to sorted findings.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::analysis::analyze;
use crate::checks::{run_all, SetContext, Version};
use crate::discover::ArticleSet;
use crate::drift::{align_versions, sentence_facts};
use crate::finding::Finding;
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::matcher::{CompiledGlossary, Matcher};
use std::sync::Arc;

/// A version listed in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileInfo {
    pub path: std::path::PathBuf,
    pub lang: LangTag,
    pub article: String,
}

/// One version as a side-by-side view shows it.
#[derive(Clone, Debug)]
pub struct VersionView {
    pub path: std::path::PathBuf,
    pub lang: LangTag,
    /// The decoded file.
    pub text: String,
    /// Sentence spans (byte offsets into `text`).
    pub sentences: Vec<std::ops::Range<usize>>,
    /// For a non-source version: pairs of (source sentence indexes, this version's sentence
    /// indexes), in order; either side may be empty (dropped or added sentences).
    pub alignment: Option<Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>>,
}

/// An article set as a side-by-side view shows it; the source version first.
#[derive(Clone, Debug)]
pub struct SetView {
    pub name: String,
    pub versions: Vec<VersionView>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileInfo>,
    pub findings: Vec<Finding>,
    /// The texts and their alignment, for reports that show versions side by side.
    pub sets: Vec<SetView>,
}

/// Compiles the glossary once per language and checks every set in parallel.
pub fn check_sets(glossary: &Glossary, sets: &[ArticleSet], source: &LangTag) -> Report {
    check_sets_with_progress(glossary, sets, source, &|| {})
}

/// `check_sets`, calling `done` after each article set (for a progress bar).
pub fn check_sets_with_progress(
    glossary: &Glossary,
    sets: &[ArticleSet],
    source: &LangTag,
    done: &(dyn Fn() + Sync),
) -> Report {
    let matchers = compile_matchers(glossary, sets, source);
    let checked: Vec<(Vec<Finding>, SetView)> = sets
        .par_iter()
        .map(|set| {
            let versions = analyse_set(glossary, &matchers, set, source);
            let source_index = versions
                .iter()
                .position(|v| v.doc.lang.same_language(source));
            let ctx = SetContext {
                glossary,
                versions: &versions,
                source: source_index,
                source_lang: source,
            };
            let result = (run_all(&ctx), set_view(&set.name, &versions, source_index));
            done();
            result
        })
        .collect();
    let (findings, views): (Vec<Vec<Finding>>, Vec<SetView>) = checked.into_iter().unzip();
    let mut findings: Vec<Finding> = findings.into_iter().flatten().collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    let files = sets
        .iter()
        .flat_map(|s| &s.documents)
        .map(|d| FileInfo {
            path: d.path.clone(),
            lang: d.lang.clone(),
            article: d.article.clone(),
        })
        .collect();
    Report {
        files,
        findings,
        sets: views,
    }
}

/// The glossary compiled for every language present in the sets.
pub fn compile_matchers(
    glossary: &Glossary,
    sets: &[ArticleSet],
    source: &LangTag,
) -> Vec<Matcher> {
    let languages: BTreeSet<LangTag> = sets
        .iter()
        .flat_map(|s| s.documents.iter().map(|d| d.lang.clone()))
        .chain([source.clone()])
        .collect();
    let languages: Vec<LangTag> = languages.into_iter().collect();
    let compiled = Arc::new(CompiledGlossary::for_languages(glossary, Some(&languages)));
    languages
        .iter()
        .map(|lang| compiled.matcher(lang, source))
        .collect()
}

/// Every version of a set analysed, with its sentence facts and its alignment to the
/// source version (when the set has one).
pub fn analyse_set<'a>(
    glossary: &Glossary,
    matchers: &[Matcher],
    set: &'a ArticleSet,
    source: &LangTag,
) -> Vec<Version<'a>> {
    let matcher_for = |lang: &LangTag| {
        matchers
            .iter()
            .find(|m| m.lang == *lang)
            .expect("a matcher for every language present")
    };
    let mut versions: Vec<Version> = set
        .documents
        .par_iter()
        .map(|doc| {
            let analysis = analyze(glossary, matcher_for(&doc.lang), doc);
            Version {
                doc,
                facts: sentence_facts(doc, &analysis),
                analysis,
                alignment: None,
            }
        })
        .collect();
    if let Some(s) = versions
        .iter()
        .position(|v| v.doc.lang.same_language(source))
    {
        let alignments: Vec<_> = versions
            .par_iter()
            .enumerate()
            .map(|(i, v)| {
                (i != s).then(|| {
                    let src = &versions[s];
                    align_versions((&src.analysis, &src.facts), (&v.analysis, &v.facts))
                })
            })
            .collect();
        for (version, alignment) in versions.iter_mut().zip(alignments) {
            version.alignment = alignment;
        }
    }
    versions
}

fn set_view(name: &str, versions: &[Version], source: Option<usize>) -> SetView {
    let mut order: Vec<usize> = (0..versions.len()).collect();
    if let Some(s) = source {
        order.retain(|&i| i != s);
        order.insert(0, s);
    }
    SetView {
        name: name.to_string(),
        versions: order
            .into_iter()
            .map(|i| {
                let v = &versions[i];
                VersionView {
                    path: v.doc.path.clone(),
                    lang: v.doc.lang.clone(),
                    text: v.doc.original().to_string(),
                    sentences: v
                        .analysis
                        .segments
                        .sentences
                        .iter()
                        .map(|s| s.span.clone())
                        .collect(),
                    alignment: v.alignment.as_ref().map(|a| {
                        a.sentences
                            .iter()
                            .map(|b| (b.source.clone(), b.target.clone()))
                            .collect()
                    }),
                }
            })
            .collect(),
    }
}
