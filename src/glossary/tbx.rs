//! TBX glossaries (ISO 30042): TBX-Basic / TBX v2 (`martif`, `termEntry`, `langSet`, `tig`)
//! and TBX v3 (`tbx`, `conceptEntry`, `langSec`, `termSec`, DCA style, plus the DCT element
//! names such as `<basic:administrativeStatus>`).
//!
//! Reading turns every term into the same raw `Row` the CSV readers produce, so validation
//! and the checks never know where a glossary came from. Each row's line is the line of its
//! `<term>` element. Writing produces TBX-Basic.
//!
//! Entity declarations in a DOCTYPE are refused outright (entity expansion attacks); entities
//! are never expanded, only the five predefined ones and character references.

use std::fmt::Write as _;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Glossary, Row, Status};
use crate::document::InputError;

/// Parses TBX text (already decoded) into rows.
pub(crate) fn parse_rows(path: &Path, text: &str) -> Result<Vec<Row>, InputError> {
    let mut parser = Parser {
        path,
        lines: LineCounter::new(text),
        rows: Vec::new(),
        entry: None,
        collectors: Vec::new(),
        root_seen: false,
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<String> = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let line = parser.lines.line_at(reader.error_position() as usize);
                return Err(InputError::at_line(
                    path,
                    line,
                    format!("malformed XML: {e}"),
                ));
            }
        };
        match event {
            Event::DocType(doctype) => {
                let raw = String::from_utf8_lossy(doctype.as_ref()).to_ascii_uppercase();
                if raw.contains("<!ENTITY") {
                    let line = parser.lines.line_at(start);
                    return Err(InputError::at_line(
                        path,
                        line,
                        "the DOCTYPE declares entities; TBX glossaries with entity declarations are refused (entity expansion attacks)",
                    ));
                }
            }
            Event::Start(e) => {
                let line = parser.lines.line_at(start);
                let name = local_name(&e);
                parser.start(&e, &name, line)?;
                open.push(name);
            }
            Event::Empty(e) => {
                let line = parser.lines.line_at(start);
                let name = local_name(&e);
                parser.start(&e, &name, line)?;
                parser.end(&name);
            }
            Event::End(_) => {
                if let Some(name) = open.pop() {
                    parser.end(&name);
                }
            }
            Event::Text(t) => {
                // Unescaped everywhere, so an undefined entity is an error wherever it is.
                let value = t.unescape().map_err(|e| {
                    use quick_xml::escape::EscapeError;
                    let (offset, message) = match &e {
                        quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(range, name)) => {
                            (range.start, format!("undefined entity '&{name};'"))
                        }
                        quick_xml::Error::Escape(EscapeError::UnterminatedEntity(range)) => (
                            range.start,
                            "'&' that starts no entity (write &amp;)".into(),
                        ),
                        _ => (0, e.to_string()),
                    };
                    InputError::at_line(
                        path,
                        parser.lines.line_at(start + offset),
                        format!("malformed XML: {message}"),
                    )
                })?;
                parser.text(&value);
            }
            Event::CData(t) => parser.text(&String::from_utf8_lossy(t.as_ref())),
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(name) = open.last() {
        let line = parser.lines.line_at(text.len());
        return Err(InputError::at_line(
            path,
            line,
            format!("malformed XML: <{name}> is never closed"),
        ));
    }
    if !parser.root_seen {
        return Err(InputError::new(path, "not a TBX file: no root element"));
    }
    Ok(parser.rows)
}

/// The root element's local name, if the text is XML at all (to tell TBX from other XML).
pub(crate) fn root_element(text: &str) -> Option<String> {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => return Some(local_name(&e)),
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

pub(crate) fn is_tbx_root(name: &str) -> bool {
    name == "martif" || name == "tbx"
}

fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// Line numbers from byte offsets, counted incrementally (offsets mostly grow).
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        if pos < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.text.as_bytes()[self.pos..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = pos;
        self.line
    }
}

#[derive(Default)]
struct Entry {
    id: Option<String>,
    kind: Option<String>,
    notes: Vec<String>,
    langs: Vec<LangBlock>,
    in_lang: bool,
    in_group: bool,
}

struct LangBlock {
    lang: String,
    notes: Vec<String>,
    groups: Vec<TermGroup>,
}

#[derive(Default)]
struct TermGroup {
    form: Option<String>,
    line: usize,
    status: Option<String>,
    notes: Vec<String>,
}

/// What the text of an element is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    /// conceptType / entityType: the entity type as written (validated later).
    Kind,
    /// termType: an entity type only when it is one of ours (it usually says fullForm…).
    TermType,
    Note,
    Ignored,
}

struct Collector {
    field: Field,
    line: usize,
    text: String,
}

struct Parser<'a> {
    path: &'a Path,
    lines: LineCounter<'a>,
    rows: Vec<Row>,
    entry: Option<Entry>,
    collectors: Vec<Collector>,
    root_seen: bool,
}

impl Parser<'_> {
    fn start(&mut self, e: &BytesStart<'_>, name: &str, line: usize) -> Result<(), InputError> {
        if !self.root_seen {
            self.root_seen = true;
            if !is_tbx_root(name) {
                return Err(InputError::at_line(
                    self.path,
                    line,
                    format!(
                        "not a TBX file: the root element is <{name}>, expected <martif> or <tbx>"
                    ),
                ));
            }
        }
        match name {
            "termEntry" | "conceptEntry" => {
                let id = self.attribute(e, &[b"id"], line)?;
                self.entry = Some(Entry {
                    id,
                    ..Entry::default()
                });
                return Ok(());
            }
            "langSet" | "langSec" => {
                let lang = self
                    .attribute(e, &[b"xml:lang", b"lang"], line)?
                    .unwrap_or_default();
                if let Some(entry) = self.entry.as_mut() {
                    entry.langs.push(LangBlock {
                        lang,
                        notes: Vec::new(),
                        groups: Vec::new(),
                    });
                    entry.in_lang = true;
                }
                return Ok(());
            }
            "tig" | "ntig" | "termSec" => {
                if let Some(entry) = self.entry.as_mut() {
                    if let Some(block) = entry.langs.last_mut().filter(|_| entry.in_lang) {
                        block.groups.push(TermGroup::default());
                        entry.in_group = true;
                    }
                }
                return Ok(());
            }
            _ => {}
        }
        if self.entry.is_none() {
            return Ok(());
        }
        let field = match name {
            "term" => Field::Term,
            "termNote" | "descrip" | "admin" => {
                let kind = self.attribute(e, &[b"type"], line)?.unwrap_or_default();
                field_of(&kind)
            }
            "note" => Field::Note,
            // DCT style: <basic:administrativeStatus>, <min:definition>… Anything else
            // (inline markup such as <hi>) is not a field: its text goes to the open one.
            other => match field_of(other) {
                Field::Ignored => return Ok(()),
                field => field,
            },
        };
        self.collectors.push(Collector {
            field,
            line,
            text: String::new(),
        });
        Ok(())
    }

    fn attribute(
        &self,
        e: &BytesStart<'_>,
        keys: &[&[u8]],
        line: usize,
    ) -> Result<Option<String>, InputError> {
        for attribute in e.attributes() {
            let attribute = attribute.map_err(|err| {
                InputError::at_line(self.path, line, format!("malformed XML: {err}"))
            })?;
            if keys.contains(&attribute.key.as_ref()) {
                let value = attribute.unescape_value().map_err(|err| {
                    InputError::at_line(self.path, line, format!("malformed XML: {err}"))
                })?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn text(&mut self, text: &str) {
        if let Some(top) = self.collectors.last_mut() {
            top.text.push_str(text);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "termEntry" | "conceptEntry" => {
                if let Some(entry) = self.entry.take() {
                    emit(entry, &mut self.rows);
                }
                self.collectors.clear();
                return;
            }
            "langSet" | "langSec" => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.in_lang = false;
                    entry.in_group = false;
                }
                return;
            }
            "tig" | "ntig" | "termSec" => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.in_group = false;
                }
                return;
            }
            _ => {}
        }
        let is_field = match name {
            "term" | "termNote" | "descrip" | "admin" | "note" => true,
            other => field_of(other) != Field::Ignored,
        };
        if !is_field {
            return;
        }
        let (Some(collector), Some(entry)) = (self.collectors.pop(), self.entry.as_mut()) else {
            return;
        };
        let value = collapse(&collector.text);
        let group = if entry.in_group {
            entry.langs.last_mut().and_then(|b| b.groups.last_mut())
        } else {
            None
        };
        match collector.field {
            Field::Term => match group {
                Some(group) => {
                    group.form = Some(value);
                    group.line = collector.line;
                }
                None => {
                    // A <term> straight under a langSet: a group of its own.
                    if let Some(block) = entry.langs.last_mut().filter(|_| entry.in_lang) {
                        block.groups.push(TermGroup {
                            form: Some(value),
                            line: collector.line,
                            ..TermGroup::default()
                        });
                    }
                }
            },
            Field::Status => {
                if let Some(group) = group {
                    group.status = Some(value);
                }
            }
            Field::Kind => entry.kind = Some(value),
            Field::TermType => {
                if super::EntityKind::parse(&value).is_some() && entry.kind.is_none() {
                    entry.kind = Some(value);
                }
            }
            Field::Note if value.is_empty() => {}
            Field::Note => match group {
                Some(group) => group.notes.push(value),
                None if entry.in_lang => {
                    if let Some(block) = entry.langs.last_mut() {
                        block.notes.push(value);
                    }
                }
                None => entry.notes.push(value),
            },
            Field::Ignored => {}
        }
    }
}

fn field_of(data_category: &str) -> Field {
    match data_category {
        "administrativeStatus" | "normativeAuthorization" => Field::Status,
        "conceptType" | "entityType" => Field::Kind,
        "termType" => Field::TermType,
        "definition" | "note" => Field::Note,
        _ => Field::Ignored,
    }
}

/// Whitespace runs (indentation inside an element) become one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn emit(entry: Entry, rows: &mut Vec<Row>) {
    let first_term = |english: bool| {
        entry
            .langs
            .iter()
            .filter(|b| !english || b.lang.to_ascii_lowercase().starts_with("en"))
            .flat_map(|b| b.groups.iter())
            .find_map(|g| g.form.as_deref())
            .map(kebab_case)
            .filter(|id| !id.is_empty())
    };
    let id = match entry
        .id
        .as_deref()
        .map(kebab_case)
        .filter(|s| !s.is_empty())
    {
        Some(id) => id,
        None => match first_term(true).or_else(|| first_term(false)) {
            Some(id) => id,
            None => return,
        },
    };
    let kind = entry.kind.clone().unwrap_or_else(|| "term".to_string());
    for block in &entry.langs {
        let mut position = 0;
        for group in &block.groups {
            let Some(form) = &group.form else { continue };
            let status = match &group.status {
                Some(raw) => map_status(raw),
                None if position == 0 => "preferred".to_string(),
                None => "admitted".to_string(),
            };
            position += 1;
            let note = [&group.notes, &block.notes, &entry.notes]
                .into_iter()
                .find(|notes| !notes.is_empty())
                .map(|notes| notes.join("; "))
                .unwrap_or_default();
            rows.push(Row {
                id: id.clone(),
                kind: kind.clone(),
                lang: block.lang.clone(),
                form: form.trim().to_string(),
                status,
                note,
                line: group.line,
            });
        }
    }
}

/// TBX administrativeStatus / normativeAuthorization values to our statuses. Unknown values
/// are passed through so validation reports them with the term's line.
pub(crate) fn map_status(raw: &str) -> String {
    let value = raw.trim();
    let base = value.strip_suffix("-admn-sts").unwrap_or(value);
    match base.to_ascii_lowercase().as_str() {
        "preferredterm" | "preferred" | "standardizedterm" => "preferred",
        "admittedterm" | "admitted" | "legalterm" | "regulatedterm" => "admitted",
        "deprecatedterm" | "deprecated" | "supersededterm" | "superseded" => "deprecated",
        _ => return value.to_string(),
    }
    .to_string()
}

/// `Ismail Haniyeh` → `ismail-haniyeh`, `C_12` → `c-12`; ids already in kebab-case stay.
pub(crate) fn kebab_case(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.trim().chars() {
        if c.is_alphanumeric() || c == '.' {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

fn admin_status(status: Status) -> &'static str {
    match status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated => "deprecatedTerm-admn-sts",
    }
}

/// Writes the glossary as TBX-Basic: one `termEntry` per entity (its type in
/// `<descrip type="conceptType">`), one `langSet` per language in the order of the entity's
/// forms, one `tig` per form with its status and note.
pub fn write_tbx(glossary: &Glossary) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<martif type=\"TBX-Basic\" xml:lang=\"en\">\n");
    out.push_str("  <martifHeader>\n    <fileDesc>\n");
    out.push_str(
        "      <titleStmt>\n        <title>glosscheck glossary</title>\n      </titleStmt>\n",
    );
    out.push_str("      <sourceDesc>\n        <p>Written by glosscheck glossary convert</p>\n      </sourceDesc>\n");
    out.push_str("    </fileDesc>\n    <encodingDesc>\n");
    out.push_str("      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n");
    out.push_str("    </encodingDesc>\n  </martifHeader>\n  <text>\n    <body>\n");
    for entity in &glossary.entities {
        let _ = writeln!(out, "      <termEntry id=\"{}\">", escape(&entity.id));
        let _ = writeln!(
            out,
            "        <descrip type=\"conceptType\">{}</descrip>",
            entity.kind.as_str()
        );
        let mut langs: Vec<&crate::lang::LangTag> = Vec::new();
        for &id in &entity.forms {
            let lang = &glossary.form(id).lang;
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        for lang in langs {
            let _ = writeln!(
                out,
                "        <langSet xml:lang=\"{}\">",
                escape(lang.as_str())
            );
            for &id in &entity.forms {
                let form = glossary.form(id);
                if &form.lang != lang {
                    continue;
                }
                out.push_str("          <tig>\n");
                let _ = writeln!(out, "            <term>{}</term>", escape(&form.text));
                let _ = writeln!(
                    out,
                    "            <termNote type=\"administrativeStatus\">{}</termNote>",
                    admin_status(form.status)
                );
                if !form.note.is_empty() {
                    let _ = writeln!(out, "            <note>{}</note>", escape(&form.note));
                }
                out.push_str("          </tig>\n");
            }
            out.push_str("        </langSet>\n");
        }
        out.push_str("      </termEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</martif>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(String, String, String, String, String, String, usize)> {
        parse_rows(Path::new("g.tbx"), text)
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.kind, r.lang, r.form, r.status, r.note, r.line))
            .collect()
    }

    fn row(
        id: &str,
        kind: &str,
        lang: &str,
        form: &str,
        status: &str,
        note: &str,
        line: usize,
    ) -> (String, String, String, String, String, String, usize) {
        (
            id.into(),
            kind.into(),
            lang.into(),
            form.into(),
            status.into(),
            note.into(),
            line,
        )
    }

    #[test]
    fn tbx_basic_maps_entries_languages_terms_statuses_and_notes() {
        let text = r#"<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="Ismail_Haniyeh">
  <descrip type="conceptType">person</descrip>
  <langSet xml:lang="en">
    <tig><term>Ismail Haniyeh</term><note>Hamas leader</note></tig>
    <tig><term>Haniyeh</term></tig>
    <tig><term>Haniya</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <tig><term>Hanieh</term><termNote type="normativeAuthorization">supersededTerm</termNote></tig>
  </langSet>
  <langSet xml:lang="ru">
    <ntig><termGrp><term>Ханийе</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
    <ntig><termGrp><term>Исмаил Хания</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
  </langSet>
</termEntry>
</body></text></martif>"#;
        assert_eq!(
            rows(text),
            [
                row(
                    "ismail-haniyeh",
                    "person",
                    "en",
                    "Ismail Haniyeh",
                    "preferred",
                    "Hamas leader",
                    6
                ),
                row(
                    "ismail-haniyeh",
                    "person",
                    "en",
                    "Haniyeh",
                    "admitted",
                    "",
                    7
                ),
                row(
                    "ismail-haniyeh",
                    "person",
                    "en",
                    "Haniya",
                    "deprecated",
                    "",
                    8
                ),
                row(
                    "ismail-haniyeh",
                    "person",
                    "en",
                    "Hanieh",
                    "deprecated",
                    "",
                    9
                ),
                row(
                    "ismail-haniyeh",
                    "person",
                    "ru",
                    "Ханийе",
                    "deprecated",
                    "",
                    12
                ),
                row(
                    "ismail-haniyeh",
                    "person",
                    "ru",
                    "Исмаил Хания",
                    "preferred",
                    "",
                    13
                ),
            ]
        );
    }

    #[test]
    fn tbx_v3_concept_entries_and_kind_sources() {
        let text = r#"<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Core" style="dca" xml:lang="en">
<text><body>
<conceptEntry id="c1">
  <admin type="entityType">organization</admin>
  <descrip type="definition">Lebanese party</descrip>
  <langSec xml:lang="en"><termSec><term>Hezbollah</term></termSec><termSec><term>Hizbullah</term></termSec></langSec>
</conceptEntry>
<conceptEntry>
  <langSec xml:lang="fr"><termSec><term>Irak</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>Iraq</term><termNote type="termType">place</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="x"><langSec xml:lang="en"><termSec><term>Thing</term><termNote type="termType">fullForm</termNote></termSec></langSec></conceptEntry>
</body></text></tbx>"#;
        assert_eq!(
            rows(text),
            [
                row(
                    "c1",
                    "organization",
                    "en",
                    "Hezbollah",
                    "preferred",
                    "Lebanese party",
                    6
                ),
                row(
                    "c1",
                    "organization",
                    "en",
                    "Hizbullah",
                    "admitted",
                    "Lebanese party",
                    6
                ),
                // No id: derived from the first English term, not the first term.
                row("iraq", "place", "fr", "Irak", "preferred", "", 9),
                row("iraq", "place", "en", "Iraq", "preferred", "", 10),
                // termType that is not one of our types is ignored: default `term`.
                row("x", "term", "en", "Thing", "preferred", "", 12),
            ]
        );
    }

    #[test]
    fn dct_style_elements_and_unknown_status_pass_through() {
        let text = r#"<tbx xmlns:basic="http://www.tbxinfo.net/ns/basic" type="TBX-Basic" style="dct">
<text><body><conceptEntry id="iran"><basic:conceptType>place</basic:conceptType>
<langSec xml:lang="de"><termSec><term>Iran</term><basic:administrativeStatus>admittedTerm-admn-sts</basic:administrativeStatus></termSec>
<termSec><term>Persien</term><termNote type="administrativeStatus">historicTerm</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>"#;
        let got = rows(text);
        assert_eq!(
            got[0],
            row("iran", "place", "de", "Iran", "admitted", "", 3)
        );
        // Validation reports it with this line.
        assert_eq!(got[1].4, "historicTerm");
        assert_eq!(got[1].6, 4);
    }

    #[test]
    fn entities_text_and_cdata_are_read() {
        let text = "<martif><text><body><termEntry id=\"a\"><langSet xml:lang=\"en\">\
            <tig><term>AT&amp;T</term><note><![CDATA[a <b> note]]></note></tig>\
            </langSet></termEntry></body></text></martif>";
        let got = rows(text);
        assert_eq!(got[0].3, "AT&T");
        assert_eq!(got[0].5, "a <b> note");
    }

    #[test]
    fn entity_declarations_are_refused() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n <!ENTITY lol \"lol\">\n]>\n<martif>&lol;</martif>";
        let err = parse_rows(Path::new("g.tbx"), text).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("entity"), "{}", err.message);
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let text = "<martif>\n<text>\n<body>\n</text>\n</martif>";
        let err = parse_rows(Path::new("g.tbx"), text).unwrap_err();
        assert!(err.message.starts_with("malformed XML"), "{}", err.message);
        assert_eq!(err.line, Some(4));
        let unclosed = parse_rows(Path::new("g.tbx"), "<martif>\n<text>").unwrap_err();
        assert!(
            unclosed.message.contains("never closed"),
            "{}",
            unclosed.message
        );
        let undefined = parse_rows(Path::new("g.tbx"), "<martif>\n&nope;</martif>").unwrap_err();
        assert_eq!(undefined.line, Some(2), "{undefined}");
    }

    #[test]
    fn other_xml_is_not_tbx() {
        let err = parse_rows(Path::new("g.tbx"), "<xliff version=\"2.0\"/>").unwrap_err();
        assert!(err.message.contains("not a TBX file"), "{}", err.message);
    }

    #[test]
    fn status_values_and_kebab_case() {
        assert_eq!(map_status("preferredTerm-admn-sts"), "preferred");
        assert_eq!(map_status("admittedTerm"), "admitted");
        assert_eq!(map_status("supersededTerm-admn-sts"), "deprecated");
        assert_eq!(map_status("deprecatedTerm"), "deprecated");
        assert_eq!(kebab_case("Al-Aqsa Mosque"), "al-aqsa-mosque");
        assert_eq!(kebab_case("  C_12 "), "c-12");
        assert_eq!(kebab_case("ismail-haniyeh"), "ismail-haniyeh");
    }

    #[test]
    fn written_tbx_reads_back() {
        let csv = "id,type,lang,form,status,note\n\
            a,person,en,A & B,preferred,\"quoted \"\"note\"\"\"\n\
            a,person,en,Ab,deprecated,\n\
            a,person,fr,Àb,admitted,\n";
        let glossary = Glossary::from_csv_str("g.csv", csv).unwrap();
        let tbx = write_tbx(&glossary);
        let got = rows(&tbx);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].3, "A & B");
        assert_eq!(got[0].5, "quoted \"note\"");
        assert_eq!(got[1].4, "deprecated");
        assert_eq!(got[2].4, "admitted");
        assert_eq!(got[2].2, "fr");
    }
}
