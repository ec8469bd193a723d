//! Turning rows into a `Glossary`, and every problem a desk should fix in its sheet.
//!
//! Loading for `check` stops at the first error; `glossary lint` shows them all. Both go
//! through here so that they never disagree.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::Arc;

use hashbrown::HashTable;
use rayon::prelude::*;

use super::{Entity, EntityId, EntityKind, Form, Glossary, Row, RowOrigin, Status};
use crate::document::InputError;
use crate::fasthash::Fnv;
use crate::lang::LangTag;
use crate::normalize::normalize_str;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemLevel {
    Error,
    Warning,
}

#[derive(Clone, Debug)]
pub struct Problem {
    pub level: ProblemLevel,
    pub path: Arc<Path>,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub(crate) fn into_input_error(self, _fallback: &Path) -> InputError {
        InputError::at_line(self.path.as_ref(), self.line, self.message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            ProblemLevel::Error => "error",
            ProblemLevel::Warning => "warning",
        };
        write!(
            f,
            "{}:{}: {level}: {}",
            self.path.display(),
            self.line,
            self.message
        )
    }
}

/// Validates rows and builds the glossary from the valid ones.
pub(crate) fn build(rows: Vec<(Arc<Path>, Row)>) -> (Glossary, Vec<Problem>) {
    let mut builder = Builder::default();
    for (path, row) in rows {
        builder.push(path, row);
    }
    builder.finish()
}

/// Builds a glossary from rows as they are read, a batch at a time: a glossary of a
/// million rows never has them all in memory at once.
#[derive(Default)]
pub(crate) struct Builder {
    glossary: Glossary,
    problems: Vec<Problem>,
    entity_index: HashMap<String, (EntityId, RowOrigin), BuildHasherDefault<Fnv>>,
    /// (language, normalized form) → the form that claimed it first: (hash, form index),
    /// compared with the form itself, so that no key is copied; the hash is kept so that
    /// growing the table never reads the forms again.
    claimed: HashTable<(u64, usize)>,
    /// Each distinct language tag parsed once: the forms share one allocation.
    tags: Vec<(String, LangTag)>,
    pending: Vec<(Arc<Path>, Row)>,
}

/// Rows validated together: enough to normalize in parallel, few enough to stay small.
const BATCH: usize = 64 * 1024;

impl Builder {
    /// Takes one row of the file at `path`; validated with its batch.
    pub fn push(&mut self, path: Arc<Path>, row: Row) {
        self.pending.push((path, row));
        if self.pending.len() == BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let rows = std::mem::take(&mut self.pending);
        // Normalizing is most of the work of loading a large glossary: done in parallel.
        let normalized_forms: Vec<String> = rows
            .par_iter()
            .map(|(_, row)| normalize_str(row.form.trim()))
            .collect();
        for ((path, row), normalized) in rows.into_iter().zip(normalized_forms) {
            self.add(path, row, normalized);
        }
    }

    fn add(&mut self, path: Arc<Path>, row: Row, normalized: String) {
        let origin = RowOrigin {
            path: path.clone(),
            line: row.line,
        };
        let mut report = |level, message: String| {
            self.problems.push(Problem {
                level,
                path: path.clone(),
                line: row.line,
                message,
            })
        };
        if row.id.is_empty() {
            report(ProblemLevel::Error, "empty id".into());
            return;
        }
        if row.id.contains(char::is_whitespace) {
            report(
                ProblemLevel::Warning,
                format!("id '{}' contains spaces; use kebab-case ids", row.id),
            );
        }
        let Some(kind) = EntityKind::parse(&row.kind) else {
            report(
                ProblemLevel::Error,
                format!(
                    "unknown type '{}' (expected person, organization, place, term or other)",
                    row.kind
                ),
            );
            return;
        };
        let Some(status) = Status::parse(&row.status) else {
            report(
                ProblemLevel::Error,
                format!(
                    "unknown status '{}' (expected preferred, admitted or deprecated)",
                    row.status
                ),
            );
            return;
        };
        // Parsed once per distinct tag: the forms then share one allocation.
        let known_tag = self.tags.iter().find(|(raw, _)| *raw == row.lang);
        let parsed = match known_tag {
            Some((_, tag)) => Ok(tag.clone()),
            None => LangTag::parse(&row.lang),
        };
        let lang = match parsed {
            Ok(lang) => {
                if known_tag.is_none() {
                    self.tags.push((row.lang.clone(), lang.clone()));
                }
                lang
            }
            Err(message) => {
                report(ProblemLevel::Error, message);
                return;
            }
        };
        let text = row.form.trim();
        let trimmed = text.len() != row.form.len();
        if trimmed {
            report(
                ProblemLevel::Warning,
                format!("form '{}' has leading or trailing spaces", row.form),
            );
        }
        if normalized.is_empty() {
            report(ProblemLevel::Error, "empty form".into());
            return;
        }
        let entity = match self.entity_index.get(&row.id) {
            Some((entity, first)) => {
                let existing = self.glossary.entity(*entity).kind;
                if existing != kind {
                    report(
                        ProblemLevel::Error,
                        format!(
                            "entity '{}' has type {:?} here but {:?} at {first}",
                            row.id, kind, existing
                        ),
                    );
                    return;
                }
                *entity
            }
            None => {
                let entity = EntityId(self.glossary.entities.len() as u32);
                self.glossary.entities.push(Entity {
                    id: row.id.clone(),
                    kind,
                    forms: Vec::new(),
                });
                self.entity_index
                    .insert(row.id.clone(), (entity, origin.clone()));
                entity
            }
        };
        let key = claim_hash(&lang, &normalized);
        let forms = &self.glossary.forms;
        let same =
            |&(_, i): &(u64, usize)| forms[i].lang == lang && *forms[i].normalized == *normalized;
        if let Some(&(_, previous)) = self.claimed.find(key, same) {
            let other = &self.glossary.forms[previous];
            let other_id = &self.glossary.entity(other.entity).id;
            if other.entity != entity {
                report(
                ProblemLevel::Error,
                format!(
                    "conflicting rows: {lang} form '{text}' is claimed by '{}' and by '{other_id}' at {}",
                    row.id, other.origin
                ),
            );
            } else if other.status != status {
                report(
                ProblemLevel::Error,
                format!(
                    "conflicting rows: {lang} form '{text}' of '{}' is {} here and {} at {} (forms are compared without case and accents)",
                    row.id,
                    status.as_str(),
                    other.status.as_str(),
                    other.origin
                ),
            );
            } else {
                report(
                    ProblemLevel::Warning,
                    format!(
                        "duplicate row: {lang} form '{text}' of '{}' already at {}",
                        row.id, other.origin
                    ),
                );
            }
            return;
        }
        let text = if trimmed { text.to_string() } else { row.form };
        let note = match row.note.trim() {
            trimmed if trimmed.len() == row.note.len() => row.note,
            trimmed => trimmed.to_string(),
        };
        let index = self.glossary.forms.len();
        self.claimed
            .insert_unique(key, (key, index), |&(hash, _)| hash);
        self.glossary.push_form(Form {
            entity,
            lang,
            text: text.into(),
            normalized: normalized.into(),
            status,
            note: note.into(),
            short: false,
            origin,
        });
    }

    /// Validates the last batch, then what needs every row (a preferred form per language,
    /// short forms): the glossary and every problem, in file and line order.
    pub fn finish(mut self) -> (Glossary, Vec<Problem>) {
        self.flush();
        let (mut glossary, mut problems) = (self.glossary, self.problems);
        glossary.forms.shrink_to_fit();
        for entity in &glossary.entities {
            let mut by_lang: HashMap<&LangTag, (bool, &RowOrigin)> = HashMap::new();
            for &id in &entity.forms {
                let form = glossary.form(id);
                let slot = by_lang.entry(&form.lang).or_insert((false, &form.origin));
                slot.0 |= form.status == Status::Preferred;
            }
            for (lang, (has_preferred, origin)) in by_lang {
                if !has_preferred {
                    problems.push(Problem {
                        level: ProblemLevel::Warning,
                        path: origin.path.clone(),
                        line: origin.line,
                        message: format!(
                            "'{}' has no preferred {lang} form; suggestions fall back to the first admitted one",
                            entity.id
                        ),
                    });
                }
            }
        }
        glossary.mark_short_forms();
        problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        (glossary, problems)
    }
}

/// The key under which a (language, normalized form) pair is claimed.
fn claim_hash(lang: &LangTag, normalized: &str) -> u64 {
    let mut hasher = Fnv::default();
    hasher.write(lang.as_str().as_bytes());
    hasher.write_u8(0xFF);
    hasher.write(normalized.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    // Batches: a glossary larger than one batch validates like a small one.
    #[test]
    fn conflicts_are_found_across_batches() {
        let mut text = String::from(HEADER);
        for i in 0..BATCH + 10 {
            text += &format!("e{i},person,en,Name{i},preferred,\n");
        }
        text += "late,person,en,Name3,preferred,\n";
        let got = problems(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].contains("is claimed by 'late' and by 'e3' at g.csv:5"),
            "{got:?}"
        );
    }

    use super::*;
    use crate::glossary::csv_format::parse_rows;

    fn problems(text: &str) -> Vec<String> {
        let path = Path::new("g.csv");
        let origin: Arc<Path> = Arc::from(path);
        let rows = parse_rows(path, text.as_bytes()).unwrap();
        let (_, problems) = build(rows.into_iter().map(|r| (origin.clone(), r)).collect());
        problems.iter().map(|p| p.to_string()).collect()
    }

    const HEADER: &str = "id,type,lang,form,status,note\n";

    #[test]
    fn a_form_claimed_by_two_ids_is_a_conflict() {
        let got = problems(&format!(
            "{HEADER}iran,place,en,Iran,preferred,\niraq,place,en,Iran,preferred,\n"
        ));
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0],
            "g.csv:3: error: conflicting rows: en form 'Iran' is claimed by 'iraq' and by 'iran' at g.csv:2"
        );
    }

    #[test]
    fn accent_only_difference_with_other_status_conflicts() {
        let got = problems(&format!(
            "{HEADER}iran,place,es,Irán,preferred,\niran,place,es,Iran,deprecated,\n"
        ));
        assert!(got[0].contains("error: conflicting rows"), "{got:?}");
    }

    #[test]
    fn bad_rows_are_reported_with_their_lines() {
        let got = problems(&format!(
            "{HEADER}a,persn,en,A,preferred,\nb,person,en,B,favourite,\nc,person,xx,C,preferred,\nd,person,en,,preferred,\n"
        ));
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].starts_with("g.csv:2: error: unknown type 'persn'"));
        assert!(got[1].starts_with("g.csv:3: error: unknown status 'favourite'"));
        assert!(got[2].starts_with("g.csv:4: error: unknown language tag 'xx'"));
        assert!(got[3].starts_with("g.csv:5: error: empty form"));
    }

    #[test]
    fn duplicates_and_missing_preferred_are_warnings() {
        let got = problems(&format!(
            "{HEADER}a,person,en,Abc,admitted,\na,person,en,Abc,admitted,\n"
        ));
        assert!(
            got.iter().any(|p| p.contains("warning: duplicate row")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|p| p.contains("no preferred en form")),
            "{got:?}"
        );
    }
}
