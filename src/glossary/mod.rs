//! The glossary: entities (people, organizations, places, terms) and their forms per language.
//!
//! Every form says whether it is the house style (`preferred`), accepted (`admitted`, such as
//! a surname alone) or a known wrong spelling (`deprecated`). Checks never look at raw CSV
//! rows: they see this model, already validated.

mod csv_format;
mod tbx;
mod validate;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::InputError;
use crate::lang::LangTag;
use crate::normalize::{is_letter, normalize_str};

pub use csv_format::write_csv;
pub use tbx::write_tbx;
pub use validate::{Problem, ProblemLevel};

/// Index of an entity in `Glossary::entities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// Index of a form in `Glossary::forms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FormId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Term,
    Other,
}

impl EntityKind {
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "person" => EntityKind::Person,
            "organization" | "organisation" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "term" => EntityKind::Term,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Term => "term",
            EntityKind::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Preferred,
    Admitted,
    Deprecated,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "preferred" => Status::Preferred,
            "admitted" => Status::Admitted,
            "deprecated" => Status::Deprecated,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
        }
    }

    pub fn is_accepted(self) -> bool {
        self != Status::Deprecated
    }
}

/// Where a row came from, for error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowOrigin {
    pub path: Arc<Path>,
    pub line: usize,
}

impl fmt::Display for RowOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

#[derive(Clone, Debug)]
pub struct Form {
    pub entity: EntityId,
    pub lang: LangTag,
    /// As written in the glossary (suggested to users exactly like this).
    pub text: Box<str>,
    /// `text` normalized for matching.
    pub normalized: Box<str>,
    pub status: Status,
    pub note: Box<str>,
    /// A short form of another accepted form of the same entity ("Haniyeh" for "Ismail
    /// Haniyeh", "UN" for "United Nations"): using it beside the full form is not mixing.
    pub short: bool,
    pub origin: RowOrigin,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub forms: Vec<FormId>,
}

#[derive(Clone, Debug, Default)]
pub struct Glossary {
    pub entities: Vec<Entity>,
    pub forms: Vec<Form>,
}

/// A raw row before validation: what both CSV layouts and TBX produce.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub id: String,
    pub kind: String,
    pub lang: String,
    pub form: String,
    pub status: String,
    pub note: String,
    pub line: usize,
}

impl Glossary {
    /// Loads and validates one glossary file; the first error-level problem is returned as
    /// an `InputError` naming the file and line.
    pub fn load(path: &Path) -> Result<Glossary, InputError> {
        let (glossary, problems) = Glossary::load_with_problems(path)?;
        match problems
            .into_iter()
            .find(|p| p.level == ProblemLevel::Error)
        {
            Some(problem) => Err(problem.into_input_error(path)),
            None => Ok(glossary),
        }
    }

    /// Loads several glossaries into one; a form claimed by two entities across files is an
    /// error too.
    pub fn load_all(paths: &[PathBuf]) -> Result<Glossary, InputError> {
        let mut builder = validate::Builder::default();
        for path in paths {
            let origin: Arc<Path> = Arc::from(path.as_path());
            read_rows_into(path, &mut |row| builder.push(origin.clone(), row))?;
        }
        let (glossary, problems) = builder.finish();
        match problems
            .into_iter()
            .find(|p| p.level == ProblemLevel::Error)
        {
            Some(problem) => {
                let path = problem.path.clone();
                Err(problem.into_input_error(&path))
            }
            None => Ok(glossary),
        }
    }

    /// Loads a file and returns every problem found (for `glossary lint`). Fails only when
    /// the file cannot be read or parsed as CSV or TBX at all.
    pub fn load_with_problems(path: &Path) -> Result<(Glossary, Vec<Problem>), InputError> {
        let origin: Arc<Path> = Arc::from(path);
        let mut builder = validate::Builder::default();
        read_rows_into(path, &mut |row| builder.push(origin.clone(), row))?;
        Ok(builder.finish())
    }

    /// Builds a glossary from CSV text (tests and embedding).
    pub fn from_csv_str(name: &str, text: &str) -> Result<Glossary, InputError> {
        let path = Path::new(name);
        let origin: Arc<Path> = Arc::from(path);
        let rows = csv_format::parse_rows(path, text.as_bytes())?;
        let (glossary, problems) =
            validate::build(rows.into_iter().map(|row| (origin.clone(), row)).collect());
        match problems
            .into_iter()
            .find(|p| p.level == ProblemLevel::Error)
        {
            Some(problem) => Err(problem.into_input_error(path)),
            None => Ok(glossary),
        }
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    pub fn form(&self, id: FormId) -> &Form {
        &self.forms[id.0 as usize]
    }

    pub fn find_entity(&self, id: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.id == id)
            .map(|i| EntityId(i as u32))
    }

    /// All forms of an entity in one language (matching `en-GB` rows for `en` only when
    /// the entity has no rows for the exact tag).
    pub fn forms_in<'a>(
        &'a self,
        entity: EntityId,
        lang: &LangTag,
    ) -> impl Iterator<Item = (FormId, &'a Form)> + 'a {
        let forms = &self.entity(entity).forms;
        let exact = forms.iter().any(|f| self.form(*f).lang == *lang);
        let lang = lang.clone();
        forms.iter().filter_map(move |&id| {
            let form = self.form(id);
            let fits = if exact {
                form.lang == lang
            } else {
                form.lang.same_language(&lang)
            };
            fits.then_some((id, form))
        })
    }

    /// The house-style form of an entity in a language: its first preferred form, else its
    /// first admitted one.
    pub fn preferred(&self, entity: EntityId, lang: &LangTag) -> Option<&Form> {
        let mut forms: Vec<&Form> = self.forms_in(entity, lang).map(|(_, f)| f).collect();
        forms.retain(|f| f.status.is_accepted());
        forms
            .iter()
            .find(|f| f.status == Status::Preferred)
            .or(forms.first())
            .copied()
    }

    pub fn has_language(&self, entity: EntityId, lang: &LangTag) -> bool {
        self.forms_in(entity, lang).next().is_some()
    }

    pub fn languages(&self) -> BTreeSet<LangTag> {
        self.forms.iter().map(|f| f.lang.clone()).collect()
    }

    pub(crate) fn push_form(&mut self, form: Form) -> FormId {
        let id = FormId(self.forms.len() as u32);
        self.entities[form.entity.0 as usize].forms.push(id);
        self.forms.push(form);
        id
    }

    /// Marks short forms: word subsequences or initialisms of another accepted form of the
    /// same entity and language.
    pub(crate) fn mark_short_forms(&mut self) {
        let mut short = vec![false; self.forms.len()];
        for entity in &self.entities {
            for &a in &entity.forms {
                let fa = &self.forms[a.0 as usize];
                short[a.0 as usize] = entity.forms.iter().any(|&b| {
                    let fb = &self.forms[b.0 as usize];
                    a != b
                        && fb.lang == fa.lang
                        && fb.status.is_accepted()
                        && (is_word_subsequence(&fa.normalized, &fb.normalized)
                            || is_acronym(&fa.text)
                            || is_initialism(&fa.text, &fb.text))
                });
            }
        }
        for (form, is_short) in self.forms.iter_mut().zip(short) {
            form.short = is_short;
        }
    }
}

/// Glossaries are read whole like articles, but a large desk's term base (100,000
/// entities in a dozen languages) is legitimately larger than any article.
pub const MAX_GLOSSARY_BYTES: u64 = 1024 * 1024 * 1024;

/// The glossary file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Tbx,
}

impl FileFormat {
    /// By extension: `.csv` and `.tbx`; `.xml` is taken as TBX. None for anything else.
    pub fn from_extension(path: &Path) -> Option<FileFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(FileFormat::Csv),
            "tbx" | "xml" => Some(FileFormat::Tbx),
            _ => None,
        }
    }
}

/// Reads a glossary file into raw rows, choosing the reader by extension: `.tbx` is TBX,
/// `.xml` is TBX when its root element is `<tbx>` or `<martif>` (other XML is refused), other
/// files are CSV.
/// Reads a glossary file's rows into `sink` as they are parsed (CSV streams; TBX is
/// parsed whole first).
pub(crate) fn read_rows_into(path: &Path, sink: &mut dyn FnMut(Row)) -> Result<(), InputError> {
    let bytes = crate::document::read_limited(path, "glossary", MAX_GLOSSARY_BYTES)?;
    let (text, _) = crate::document::decode(path, bytes)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let tbx_rows = match ext.as_deref() {
        Some("tbx") => tbx::parse_rows(path, &text),
        Some("xml") => match tbx::root_element(&text) {
            Some(root) if tbx::is_tbx_root(&root) => tbx::parse_rows(path, &text),
            Some(root) => Err(InputError::new(
                path,
                format!("not a TBX glossary: the root element is <{root}>, expected <martif> or <tbx> (glossaries are CSV or TBX)"),
            )),
            None => tbx::parse_rows(path, &text),
        },
        _ => return csv_format::for_each_row(path, text.as_bytes(), sink),
    }?;
    tbx_rows.into_iter().for_each(sink);
    Ok(())
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !crate::normalize::is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// "haniyeh" in "ismail haniyeh", "al-aqsa" in "al-aqsa mosque".
fn is_word_subsequence(short: &str, long: &str) -> bool {
    let (short, long) = (words(short), words(long));
    if short.len() >= long.len() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

/// A short all-capitals form (UN, ONU, UNO, CNN): an abbreviation of the entity's name
/// even when its letters come from another language's words.
fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|&c| is_letter(c)).collect();
    (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// "UN" for "United Nations", "ООН" for "Организация Объединённых Наций".
fn is_initialism(short: &str, long: &str) -> bool {
    let letters: String = short.chars().filter(|&c| is_letter(c)).collect();
    if letters.chars().count() < 2 || letters.chars().any(|c| !c.is_uppercase()) {
        return false;
    }
    let initials: String = words(long)
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let significant: String = words(long)
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    initials == letters || significant == letters
}

/// Normalizes a form for matching (shared by loading and tests).
pub fn normalize_form(text: &str) -> String {
    normalize_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "id,type,lang,form,status,note\n\
        ismail-haniyeh,person,en,Ismail Haniyeh,preferred,\n\
        ismail-haniyeh,person,en,Haniyeh,admitted,surname\n\
        ismail-haniyeh,person,en,Haniya,deprecated,\n\
        un,organization,en,United Nations,preferred,\n\
        un,organization,en,UN,admitted,\n\
        un,organization,ru,ООН,preferred,\n\
        un,organization,ru,Организация Объединённых Наций,admitted,\n";

    #[test]
    fn loads_long_format_and_marks_short_forms() {
        let g = Glossary::from_csv_str("g.csv", SAMPLE).unwrap();
        assert_eq!(g.entities.len(), 2);
        let haniyeh = g.find_entity("ismail-haniyeh").unwrap();
        let en = LangTag::parse("en").unwrap();
        assert_eq!(&*g.preferred(haniyeh, &en).unwrap().text, "Ismail Haniyeh");
        let short: Vec<&str> = g
            .forms
            .iter()
            .filter(|f| f.short)
            .map(|f| &*f.text)
            .collect();
        assert_eq!(short, ["Haniyeh", "UN", "ООН"]);
    }

    #[test]
    fn preferred_falls_back_to_primary_language() {
        let g = Glossary::from_csv_str("g.csv", SAMPLE).unwrap();
        let un = g.find_entity("un").unwrap();
        let en_gb = LangTag::parse("en-GB").unwrap();
        assert_eq!(&*g.preferred(un, &en_gb).unwrap().text, "United Nations");
        assert!(!g.has_language(un, &LangTag::parse("fr").unwrap()));
    }
}
