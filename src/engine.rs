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
use crate::matcher::Matcher;

/// A version listed in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileInfo {
    pub path: std::path::PathBuf,
    pub lang: LangTag,
    pub article: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileInfo>,
    pub findings: Vec<Finding>,
}

/// Compiles the glossary once per language and checks every set in parallel.
pub fn check_sets(glossary: &Glossary, sets: &[ArticleSet], source: &LangTag) -> Report {
    let languages: BTreeSet<LangTag> = sets
        .iter()
        .flat_map(|s| s.documents.iter().map(|d| d.lang.clone()))
        .collect();
    let matchers: Vec<Matcher> = languages
        .par_iter()
        .map(|lang| Matcher::compile(glossary, lang, source))
        .collect();
    let matcher_for = |lang: &LangTag| {
        matchers
            .iter()
            .find(|m| m.lang == *lang)
            .expect("a matcher for every language present")
    };
    let mut findings: Vec<Finding> = sets
        .par_iter()
        .flat_map_iter(|set| {
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
            let source_index = versions
                .iter()
                .position(|v| v.doc.lang.same_language(source));
            if let Some(s) = source_index {
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
            let ctx = SetContext {
                glossary,
                versions: &versions,
                source: source_index,
                source_lang: source,
            };
            run_all(&ctx)
        })
        .collect();
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
    Report { files, findings }
}
