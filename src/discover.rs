//! From the paths on the command line to article sets.
//!
//! A file's language comes from an explicit `--lang FILE=TAG`, else its name
//! (`article.fr.txt`, `article.pt-BR.md`) or its folder (`fr/article.txt`), else detection
//! from its text. Files with the same article name in the same place form one set. An XLIFF
//! file holds its source and target versions and is a set of its own.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::document::{Document, InputError};
use crate::formats::{load_versions, Format};
use crate::lang::LangTag;
use crate::stage_times::{time, Stage};

/// File endings read when a directory is named (a file named explicitly is always read).
pub const DOCUMENT_EXTENSIONS: &[&str] = crate::formats::EXTENSIONS;

/// All language versions of one article.
#[derive(Debug)]
pub struct ArticleSet {
    pub name: String,
    pub documents: Vec<Document>,
}

/// Where each file of a set came from, before it is read.
struct Candidate {
    path: PathBuf,
    lang: Option<LangTag>,
    article: String,
    group: PathBuf,
}

/// How a desk names its files: explicit `--lang FILE=TAG`, configured patterns, paths to
/// skip.
#[derive(Default)]
pub struct Naming {
    pub overrides: Vec<(PathBuf, LangTag)>,
    /// Glob → language, tried before the built-in file-name rules.
    pub patterns: Vec<(globset::GlobMatcher, LangTag)>,
    /// Paths never read (matched as given, e.g. `samples/drafts/a.fr.txt`).
    pub ignore: Option<globset::GlobSet>,
}

impl Naming {
    fn ignored(&self, path: &Path) -> bool {
        let normalized = path.to_string_lossy().replace('\\', "/");
        let trimmed = normalized.trim_start_matches("./");
        self.ignore
            .as_ref()
            .is_some_and(|g| g.is_match(trimmed) || g.is_match(path))
    }

    fn language(&self, path: &Path) -> Option<LangTag> {
        if let Some((_, tag)) = self.overrides.iter().find(|(p, _)| same_file(p, path)) {
            return Some(tag.clone());
        }
        let normalized = path.to_string_lossy().replace('\\', "/");
        let trimmed = normalized.trim_start_matches("./");
        self.patterns
            .iter()
            .find(|(glob, _)| glob.is_match(trimmed))
            .map(|(_, tag)| tag.clone())
    }
}

/// Finds, reads and groups every version under `paths`.
pub fn discover(paths: &[PathBuf], naming: &Naming) -> Result<Vec<ArticleSet>, InputError> {
    plan(paths, naming)?.iter().map(SetPlan::load).collect()
}

/// The files of one article set, found and grouped but not read yet: a run over a large
/// archive reads each set when it checks it and drops it after, holding only a few sets
/// in memory at a time.
#[derive(Debug, Clone)]
pub struct SetPlan {
    pub name: String,
    /// Each file with the language its name or the configuration gives it (`None`: detect
    /// from the text).
    pub files: Vec<(PathBuf, Option<LangTag>)>,
    /// A bilingual file (XLIFF), which holds the whole set.
    bilingual: bool,
}

impl SetPlan {
    /// Reads the set's files.
    pub fn load(&self) -> Result<ArticleSet, InputError> {
        time(Stage::Load, || self.load_untimed())
    }

    fn load_untimed(&self) -> Result<ArticleSet, InputError> {
        let mut documents: Vec<Document> = Vec::new();
        for (path, lang) in &self.files {
            if self.bilingual {
                documents.extend(load_versions(path, None, self.name.clone())?);
                continue;
            }
            for document in load_versions(path, lang.clone(), self.name.clone())? {
                add_version(&mut documents, document)?;
            }
        }
        Ok(ArticleSet {
            name: self.name.clone(),
            documents,
        })
    }

    /// The languages the file names promise (`None` where a file's must be detected).
    pub fn languages(&self) -> Option<Vec<LangTag>> {
        if self.bilingual {
            return None;
        }
        self.files.iter().map(|(_, lang)| lang.clone()).collect()
    }
}

/// Finds and groups every version under `paths` without reading them.
pub fn plan(paths: &[PathBuf], naming: &Naming) -> Result<Vec<SetPlan>, InputError> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| {
            InputError::new(
                path,
                match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                    _ => e.to_string(),
                },
            )
        })?;
        if metadata.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                let entry = entry.map_err(|e| {
                    let at = e.path().unwrap_or(path).to_path_buf();
                    InputError::new(at, format!("cannot read directory: {e}"))
                })?;
                let is_document = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|ext| {
                        DOCUMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
                    });
                if entry.file_type().is_file() && is_document && !naming.ignored(entry.path()) {
                    push_unique(&mut files, &mut seen, entry.into_path());
                }
            }
        } else if !naming.ignored(path) {
            push_unique(&mut files, &mut seen, path.clone());
        }
    }
    let mut groups: BTreeMap<(PathBuf, String), SetPlan> = BTreeMap::new();
    for path in files {
        let mut candidate = classify(&path);
        if Format::of(&path).is_bilingual() {
            // A bilingual file is a set of its own, named by its stem, grouped by its full
            // path so that it never joins the plain files of the same article.
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            groups.insert(
                (path.clone(), stem.clone()),
                SetPlan {
                    name: stem,
                    files: vec![(path, None)],
                    bilingual: true,
                },
            );
            continue;
        }
        if let Some(tag) = naming.language(&path) {
            candidate.lang = Some(tag);
        }
        groups
            .entry((candidate.group, candidate.article.clone()))
            .or_insert_with(|| SetPlan {
                name: candidate.article,
                files: Vec::new(),
                bilingual: false,
            })
            .files
            .push((candidate.path, candidate.lang));
    }
    Ok(groups.into_values().collect())
}

fn add_version(versions: &mut Vec<Document>, document: Document) -> Result<(), InputError> {
    if let Some(twin) = versions.iter().find(|d| d.lang == document.lang) {
        return Err(InputError::new(
            &document.path,
            format!(
                "two {} versions of article '{}': {} and this file",
                document.lang,
                document.article,
                twin.path.display()
            ),
        ));
    }
    versions.push(document);
    Ok(())
}

fn push_unique(files: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>, path: PathBuf) {
    let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if seen.insert(key) {
        files.push(path);
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// Language and article name from a file's name or folder.
fn classify(path: &Path) -> Candidate {
    // Lossy: a name that is not UTF-8 (`a\xFF.en.txt`) still says its language.
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let parts: Vec<&str> = file_name.split('.').collect();
    if parts.len() >= 3 {
        if let Ok(lang) = LangTag::parse(parts[parts.len() - 2]) {
            return Candidate {
                path: path.to_path_buf(),
                lang: Some(lang),
                article: parts[..parts.len() - 2].join("."),
                group: parent,
            };
        }
    }
    let stem = if parts.len() >= 2 {
        parts[..parts.len() - 1].join(".")
    } else {
        file_name.to_string()
    };
    let folder_lang = parent
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| LangTag::parse(n).ok());
    match folder_lang {
        Some(lang) => Candidate {
            path: path.to_path_buf(),
            lang: Some(lang),
            article: stem,
            group: parent.parent().map(Path::to_path_buf).unwrap_or_default(),
        },
        None => Candidate {
            path: path.to_path_buf(),
            lang: None,
            article: stem,
            group: parent,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_name_or_folder() {
        let c = classify(Path::new("samples/seed/article.fr.txt"));
        assert_eq!(c.lang.unwrap().as_str(), "fr");
        assert_eq!(c.article, "article");
        let c = classify(Path::new("desk/pt-BR/story.md"));
        assert_eq!(c.lang.unwrap().as_str(), "pt-BR");
        assert_eq!(c.article, "story");
        assert_eq!(c.group, Path::new("desk"));
        let c = classify(Path::new("notes/readme.txt"));
        assert!(c.lang.is_none());
        let c = classify(Path::new("a/my.story.de.txt"));
        assert_eq!(
            (c.article.as_str(), c.lang.unwrap().as_str()),
            ("my.story", "de")
        );
    }
}
