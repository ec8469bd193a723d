//! `-f csv`: one row per finding, readable by any CSV parser and by Excel.

use serde_json::Value;

mod common;
use common::check_output;

fn run(path: &str, format: &str) -> (i32, Vec<u8>) {
    check_output(path, format)
}

const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// The rows of a CSV report, header first, after its byte order mark.
fn parse(bytes: &[u8]) -> Vec<csv::StringRecord> {
    assert!(bytes.starts_with(BOM), "the report starts with a UTF-8 BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[BOM.len()..])
        .records()
        .map(|r| r.expect("a well-formed CSV row"))
        .collect()
}

#[test]
fn one_row_per_finding_with_every_field() {
    let (code, bytes) = run("samples/seed-drift", "csv");
    assert_eq!(code, 1);
    let (_, json) = run("samples/seed-drift", "json");
    let json: Value = serde_json::from_slice(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();

    let rows = parse(&bytes);
    let header: Vec<&str> = rows[0].iter().collect();
    assert_eq!(
        header,
        [
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
            "related_text"
        ]
    );
    assert_eq!(rows.len() - 1, findings.len());
    assert_eq!(findings.len(), 18);

    // Every row says what the JSON finding in the same place says.
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    for (row, f) in rows[1..].iter().zip(findings) {
        assert_eq!(row.len(), 16);
        for (i, field) in header.iter().take(12).enumerate() {
            assert_eq!(row[i], text(&f[*field]), "{field} of {f:#}");
        }
        let related = &f["related"][0];
        assert_eq!(row[12], text(&related["path"]));
        assert_eq!(row[13], text(&related["line"]));
        assert_eq!(row[14], text(&related["column"]));
        assert_eq!(row[15], text(&related["text"]));
    }

    // The Arabic misspelling, intact.
    let arabic: Vec<&str> = rows[1].iter().collect();
    assert_eq!(
        arabic,
        [
            "samples/seed-drift/article.ar.txt",
            "2",
            "55",
            "298",
            "321",
            "ar",
            "warning",
            "unlisted-variant",
            "ismail-haniyeh",
            "إسماعيل هنيه",
            "إسماعيل هنية",
            "'إسماعيل هنيه' is not in the glossary; did you mean 'إسماعيل هنية' (Ismail Haniyeh)?",
            "",
            "",
            "",
            ""
        ]
    );
    // The missing Persian entity points at the English source.
    let missing = rows.iter().find(|r| &r[7] == "missing-entity").unwrap();
    assert_eq!(&missing[5], "fa");
    assert_eq!(&missing[10], "مسجد الاقصی");
    assert_eq!(&missing[12], "samples/seed-drift/article.en.txt");
    assert_eq!(&missing[15], "Al Aqsa Mosque");
}

#[test]
fn rfc_4180_line_ends_and_quoting() {
    let (_, bytes) = run("samples/seed-meaning", "csv");
    let text = std::str::from_utf8(&bytes).unwrap();
    // Every record ends with CRLF, including the last.
    assert!(text.ends_with("\r\n"));
    let rows = parse(&bytes);
    assert_eq!(rows.len(), 1 + 17);
    // Fields holding commas survive a round trip (quoted; quotes doubled: unit test).
    assert!(rows.iter().any(|r| r[11].contains(',')));
    // Only quoted fields may hold a bare line break: rows parse back to 16 fields each.
    assert!(rows.iter().all(|r| r.len() == 16));
}

#[test]
fn a_clean_run_writes_the_header_only() {
    let (code, bytes) = run("samples/seed", "csv");
    assert_eq!(code, 0);
    assert_eq!(parse(&bytes).len(), 1);
}

#[test]
fn csv_report_snapshot() {
    let (_, bytes) = run("samples/seed-drift", "csv");
    let text = String::from_utf8(bytes).unwrap();
    // Shown without the BOM and with LF line ends (checked above), as snapshots are text.
    let text = text.strip_prefix('\u{FEFF}').unwrap().replace("\r\n", "\n");
    insta::assert_snapshot!("seed_drift_csv", text);
}
