//! `csv`: one finding per row, for spreadsheets.
//!
//! RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or
//! line break (quotes doubled). The file starts with a UTF-8 byte order mark: without it
//! Excel reads CSV in the system's legacy code page and shows Arabic, Persian or Cyrillic as
//! mojibake. Only the first `related` place of a finding has columns; values are written as
//! they are (a cell starting with `=` is text in the file, whatever a spreadsheet makes of it).

use std::io::{self, Write};

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use crate::engine::Report;

pub const HEADER: [&str; 16] = [
    "path",
    "line",
    "column",
    "byte_start",
    "byte_end",
    "lang",
    "severity",
    "rule",
    "entity",
    "found",
    "expected",
    "message",
    "related_path",
    "related_line",
    "related_column",
    "related_text",
];

fn path_string(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

pub fn write_csv(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(&mut *out);
    writer.write_record(HEADER)?;
    for f in &report.findings {
        let l = &f.location;
        let related = f.related.first();
        let record = [
            path_string(&l.path),
            l.line.to_string(),
            l.column.to_string(),
            l.byte_start.to_string(),
            l.byte_end.to_string(),
            l.lang.as_str().to_string(),
            f.severity.as_str().to_string(),
            f.rule.id().to_string(),
            f.entity.clone().unwrap_or_default(),
            f.found.clone(),
            f.expected.clone().unwrap_or_default(),
            f.message.clone(),
            related.map_or(String::new(), |r| path_string(&r.location.path)),
            related.map_or(String::new(), |r| r.location.line.to_string()),
            related.map_or(String::new(), |r| r.location.column.to_string()),
            related.map_or(String::new(), |r| r.text.clone()),
        ];
        writer.write_record(&record)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Encoding};
    use crate::finding::{Finding, Related, Rule};
    use crate::lang::LangTag;

    #[test]
    fn quotes_commas_and_line_breaks_are_quoted() {
        let doc = Document::from_text(
            "a,b.txt",
            LangTag::parse("en").unwrap(),
            "a".into(),
            "He said \"Haniya\",\nthen left.".into(),
            Encoding::Utf8,
        );
        let finding = Finding::at(
            Rule::DeprecatedForm,
            &doc,
            8..16,
            "'\"Haniya\"', twice".into(),
        )
        .related(Related::of(&doc, 8..22, "source"));
        let report = Report {
            findings: vec![finding],
            ..Report::default()
        };
        let mut out = Vec::new();
        write_csv(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "\u{FEFF}path,line,column,byte_start,byte_end,lang,severity,rule,entity,found,expected,message,related_path,related_line,related_column,related_text\r\n\
            \"a,b.txt\",1,9,8,16,en,error,deprecated-form,,\"\"\"Haniya\"\"\",,\"'\"\"Haniya\"\"', twice\",\"a,b.txt\",1,9,\"\"\"Haniya\"\",\nthen\"\r\n";
        assert_eq!(text, expected);
    }
}
