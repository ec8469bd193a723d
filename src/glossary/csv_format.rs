//! Reading glossary CSV in the two layouts desks use.
//!
//! *Long*: one row per form, `id,type,lang,form,status,note`. *Wide*: one row per entity,
//! `id,type,en,fr,de,…[,note]`, as kept in spreadsheets, with alternatives in a cell separated
//! by `|`: the first is preferred, the others admitted, and a `!` in front marks a deprecated
//! form (`Ismail Haniyeh|Haniyeh|!Haniya`). Both become the same `Row`s.

use std::path::Path;

use super::{Glossary, Row};
use crate::document::InputError;
use crate::lang::LangTag;

/// Writes the glossary in the long layout, `id,type,lang,form,status,note`, one row per
/// form, entities in glossary order.
pub fn write_csv(glossary: &Glossary) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = ["id", "type", "lang", "form", "status", "note"];
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header);
    for entity in &glossary.entities {
        for &id in &entity.forms {
            let form = glossary.form(id);
            let _ = writer.write_record([
                entity.id.as_str(),
                entity.kind.as_str(),
                form.lang.as_str(),
                &form.text,
                form.status.as_str(),
                &form.note,
            ]);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

pub(crate) fn parse_rows(path: &Path, bytes: &[u8]) -> Result<Vec<Row>, InputError> {
    let mut rows = Vec::new();
    for_each_row(path, bytes, &mut |row| rows.push(row))?;
    Ok(rows)
}

/// Parses CSV rows into `sink` one record at a time.
pub(crate) fn for_each_row(
    path: &Path,
    bytes: &[u8],
    sink: &mut dyn FnMut(Row),
) -> Result<(), InputError> {
    // A quote opened in the last column and never closed swallows every following row into
    // one note cell without changing any column count: the rows would vanish silently.
    if let Some(line) = unclosed_quote(bytes) {
        return Err(InputError::at_line(
            path,
            line,
            "unbalanced quote: the quoted cell starting on this line never ends",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, &e))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect::<Vec<_>>();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(InputError::at_line(
            path,
            1,
            "empty glossary: no header row",
        ));
    }
    let layout = Layout::detect(path, &headers)?;
    // The rows of one record (a wide layout has several).
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            return Err(InputError::at_line(
                path,
                line,
                format!(
                    "expected {} columns ({}), found {}",
                    headers.len(),
                    headers.join(","),
                    record.len()
                ),
            ));
        }
        layout.rows(&record, line, &mut rows);
        rows.drain(..).for_each(&mut *sink);
    }
    Ok(())
}

/// The line where a quoted cell starts that is still open at the end of the file. Quotes
/// inside an unquoted cell (`5" tall`) are literal, as the reader takes them.
fn unclosed_quote(bytes: &[u8]) -> Option<usize> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let (mut line, mut opened) = (1, 1);
    for &b in bytes {
        state = match (state, b) {
            (State::FieldStart, b'"') => {
                opened = line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',' | b'\n') => State::FieldStart,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened)
}

fn csv_error(path: &Path, e: &csv::Error) -> InputError {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} columns, found {len}")
        }
        _ => format!("malformed CSV: {e}"),
    };
    match line {
        Some(line) => InputError::at_line(path, line, message),
        None => InputError::new(path, message),
    }
}

enum Layout {
    /// Column indexes of id, type, lang, form, status, note.
    Long([usize; 5], Option<usize>),
    /// id, type, then (column, language) pairs, then an optional note column.
    Wide(Vec<(usize, String)>, Option<usize>),
}

impl Layout {
    fn detect(path: &Path, headers: &[String]) -> Result<Layout, InputError> {
        let find = |name: &str| headers.iter().position(|h| h == name);
        let (Some(id), Some(kind)) = (find("id"), find("type")) else {
            return Err(InputError::at_line(
                path,
                1,
                format!(
                    "unrecognized header '{}': expected id,type,lang,form,status,note or id,type,<language>,…",
                    headers.join(",")
                ),
            ));
        };
        let note = find("note");
        if let (Some(lang), Some(form), Some(status)) = (find("lang"), find("form"), find("status"))
        {
            return Ok(Layout::Long([id, kind, lang, form, status], note));
        }
        let mut langs = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if i == id || i == kind || Some(i) == note {
                continue;
            }
            match LangTag::parse(h) {
                Ok(tag) => langs.push((i, tag.as_str().to_string())),
                Err(message) => {
                    return Err(InputError::at_line(
                        path,
                        1,
                        format!("column '{h}': {message}"),
                    ))
                }
            }
        }
        if langs.is_empty() {
            return Err(InputError::at_line(
                path,
                1,
                "header has no lang/form/status columns and no language columns",
            ));
        }
        Ok(Layout::Wide(langs, note))
    }

    fn rows(&self, record: &csv::StringRecord, line: usize, out: &mut Vec<Row>) {
        let cell = |i: usize| record.get(i).unwrap_or("").to_string();
        match self {
            Layout::Long([id, kind, lang, form, status], note) => out.push(Row {
                id: cell(*id).trim().to_string(),
                kind: cell(*kind),
                lang: cell(*lang),
                form: cell(*form),
                status: cell(*status),
                note: note.map(cell).unwrap_or_default(),
                line,
            }),
            Layout::Wide(langs, note) => {
                for (column, lang) in langs {
                    let value = cell(*column);
                    let alternatives = value.split('|').map(str::trim).filter(|a| !a.is_empty());
                    for (position, alternative) in alternatives.enumerate() {
                        let (form, status) = match alternative.strip_prefix('!') {
                            Some(rest) => (rest.trim(), "deprecated"),
                            None if position == 0 => (alternative, "preferred"),
                            None => (alternative, "admitted"),
                        };
                        out.push(Row {
                            id: cell(0).trim().to_string(),
                            kind: cell(1),
                            lang: lang.clone(),
                            form: form.to_string(),
                            status: status.to_string(),
                            note: note.map(cell).unwrap_or_default(),
                            line,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_layout_expands_alternatives() {
        let text = "id,type,en,ru,note\n\
            ismail-haniyeh,person,Ismail Haniyeh|Haniyeh|!Haniya,Исмаил Хания|Хания,leader\n";
        let rows = parse_rows(Path::new("w.csv"), text.as_bytes()).unwrap();
        let got: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|r| (r.lang.as_str(), r.form.as_str(), r.status.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("en", "Ismail Haniyeh", "preferred"),
                ("en", "Haniyeh", "admitted"),
                ("en", "Haniya", "deprecated"),
                ("ru", "Исмаил Хания", "preferred"),
                ("ru", "Хания", "admitted"),
            ]
        );
        assert!(rows.iter().all(|r| r.line == 2 && r.note == "leader"));
    }

    #[test]
    fn wrong_column_count_names_the_line() {
        let text = "id,type,lang,form,status,note\na,person,en,A,preferred,\nb,person,en\n";
        let err = parse_rows(Path::new("g.csv"), text.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.contains("expected 6 columns"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unbalanced_quote_is_an_error_with_line() {
        let text = "id,type,lang,form,status,note\na,person,en,\"A,preferred,\n";
        let err = parse_rows(Path::new("g.csv"), text.as_bytes()).unwrap_err();
        assert!(err.line.is_some(), "{err}");
    }

    /// Regression: an unclosed quote in the last column swallowed the following rows.
    #[test]
    fn unclosed_quote_in_the_last_column_is_an_error() {
        let text = "id,type,lang,form,status,note\na,person,en,A,preferred,\"open\nb,place,en,B,preferred,\n";
        let err = parse_rows(Path::new("g.csv"), text.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert!(err.message.contains("unbalanced quote"), "{err}");
        // Quotes inside an unquoted cell and doubled quotes are fine.
        let text = "id,type,lang,form,status,note\na,person,en,A,preferred,5\" tall\nb,place,en,B,preferred,\"say \"\"hi\"\"\"\n";
        assert!(parse_rows(Path::new("g.csv"), text.as_bytes()).is_ok());
    }

    #[test]
    fn unknown_header_is_refused() {
        let err = parse_rows(Path::new("g.csv"), b"name,surname\nx,y\n").unwrap_err();
        assert!(
            err.message.contains("unrecognized header"),
            "{}",
            err.message
        );
    }
}
