//! The pipeline from loaded article sets to sorted findings.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::analysis::analyze;
use crate::checks::{run_all, SetContext, Version};
use crate::discover::{ArticleSet, SetPlan};
use crate::document::InputError;
use crate::drift::{align_units, sentence_facts, AlignUnits};
use crate::finding::Finding;
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::matcher::CompiledGlossary;
use crate::read_ahead::check_in_order;
use crate::stage_times::{time, Stage};
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

/// What a run keeps besides the findings.
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions {
    /// Keep each set's texts and alignment for a side-by-side report (HTML). Off, a run
    /// over an archive holds only the findings, whatever the archive's size.
    pub views: bool,
}

/// Compiles the glossary for the languages present and checks every set in parallel.
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
    let compiled = compile_for_sets(glossary, sets, source);
    let options = CheckOptions { views: true };
    let checked: Vec<Checked> = sets
        .par_iter()
        .map(|set| {
            let result = check_set(glossary, &compiled, set, source, options);
            done();
            result
        })
        .collect();
    assemble(checked)
}

/// Reads and checks the planned sets in parallel, in order, each read when a thread takes
/// it and dropped once checked: memory holds a few sets and the findings, not the archive.
/// The files of the next sets are read ahead (`read_ahead`), so that the checks seldom wait
/// for the disk. The first unreadable set (in set order) is the error.
pub fn check_plans(
    glossary: &Glossary,
    compiled: &Arc<CompiledGlossary>,
    plans: &[SetPlan],
    source: &LangTag,
    options: CheckOptions,
    done: &(dyn Fn() + Sync),
) -> Result<Report, InputError> {
    let checked: Vec<Result<Checked, InputError>> = check_in_order(plans, |i| {
        let result = plans[i]
            .load()
            .map(|set| check_set(glossary, compiled, &set, source, options));
        done();
        result
    });
    Ok(assemble(checked.into_iter().collect::<Result<_, _>>()?))
}

/// The glossary compiled once for a run over versions in `languages` (every glossary
/// language for `None`, when some version's language is detected from its text).
pub fn compile_for(
    glossary: &Glossary,
    languages: Option<BTreeSet<LangTag>>,
    source: &LangTag,
) -> Arc<CompiledGlossary> {
    let languages: Option<Vec<LangTag>> = languages.map(|mut l| {
        l.insert(source.clone());
        l.into_iter().collect()
    });
    Arc::new(CompiledGlossary::for_languages(
        glossary,
        languages.as_deref(),
    ))
}

/// The glossary compiled for the languages of sets already read.
pub fn compile_for_sets(
    glossary: &Glossary,
    sets: &[ArticleSet],
    source: &LangTag,
) -> Arc<CompiledGlossary> {
    let languages = sets
        .iter()
        .flat_map(|s| s.documents.iter().map(|d| d.lang.clone()))
        .collect();
    compile_for(glossary, Some(languages), source)
}

/// One set's findings, files and (when asked for) view.
struct Checked {
    findings: Vec<Finding>,
    files: Vec<FileInfo>,
    view: Option<SetView>,
}

fn check_set(
    glossary: &Glossary,
    compiled: &Arc<CompiledGlossary>,
    set: &ArticleSet,
    source: &LangTag,
    options: CheckOptions,
) -> Checked {
    let versions = analyse_set(glossary, compiled, set, source);
    let source_index = versions
        .iter()
        .position(|v| v.doc.lang.same_language(source));
    let ctx = SetContext {
        glossary,
        versions: &versions,
        source: source_index,
        source_lang: source,
    };
    Checked {
        findings: time(Stage::Checks, || run_all(&ctx)),
        files: set
            .documents
            .iter()
            .map(|d| FileInfo {
                path: d.path.clone(),
                lang: d.lang.clone(),
                article: d.article.clone(),
            })
            .collect(),
        view: options
            .views
            .then(|| set_view(&set.name, &versions, source_index)),
    }
}

fn assemble(checked: Vec<Checked>) -> Report {
    let mut report = Report::default();
    // An archive's findings: allocated once, at their size.
    report
        .findings
        .reserve_exact(checked.iter().map(|set| set.findings.len()).sum());
    report
        .files
        .reserve_exact(checked.iter().map(|set| set.files.len()).sum());
    for set in checked {
        report.findings.extend(set.findings);
        report.files.extend(set.files);
        report.sets.extend(set.view);
    }
    report
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.findings.dedup();
    report
}

/// Every version of a set analysed, with its sentence facts and its alignment to the
/// source version (when the set has one).
pub fn analyse_set<'a>(
    glossary: &Glossary,
    compiled: &Arc<CompiledGlossary>,
    set: &'a ArticleSet,
    source: &LangTag,
) -> Vec<Version<'a>> {
    let matcher_for = |lang: &LangTag| compiled.matcher(lang, source);
    let source_index = set
        .documents
        .iter()
        .position(|doc| doc.lang.same_language(source));
    let (mut versions, units): (Vec<Version>, Vec<AlignUnits>) = set
        .documents
        .par_iter()
        .map(|doc| {
            let analysis = time(Stage::Analyze, || {
                analyze(glossary, &matcher_for(&doc.lang), doc)
            });
            let facts = time(Stage::Facts, || sentence_facts(doc, &analysis));
            // What the aligner reads of a version, built once: the source's serves
            // every pair.
            let units = time(Stage::AlignUnits, || AlignUnits::of(&analysis, &facts));
            let version = Version {
                doc,
                facts,
                analysis,
                alignment: None,
            };
            (version, units)
        })
        .unzip();
    if let Some(s) = source_index {
        let alignments: Vec<_> = versions
            .par_iter()
            .enumerate()
            .map(|(i, v)| {
                (i != s).then(|| {
                    time(Stage::Align, || {
                        align_units((&versions[s].analysis, &units[s]), (&v.analysis, &units[i]))
                    })
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
