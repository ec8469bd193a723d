//! TBX glossaries: round trips with CSV, checks driven by a TBX glossary, lint, convert and
//! hostile input.

use std::path::Path;
use std::time::{Duration, Instant};

use glosscheck::glossary::{write_csv, write_tbx, Glossary};
use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::glosscheck;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/glossaries/mideast-news.csv");

/// What a glossary means, independent of the file it came from: entities in order, each with
/// its type and, per language, its forms in order (lang, text, status, note).
type FormMeaning = (String, String, String, String);

fn meaning(g: &Glossary) -> Vec<(String, String, Vec<FormMeaning>)> {
    g.entities
        .iter()
        .map(|e| {
            let mut forms: Vec<FormMeaning> = e
                .forms
                .iter()
                .map(|&id| {
                    let f = g.form(id);
                    (
                        f.lang.as_str().to_string(),
                        f.text.to_string(),
                        f.status.as_str().to_string(),
                        f.note.to_string(),
                    )
                })
                .collect();
            // The TBX writer groups forms by language; the order inside a language matters.
            forms.sort_by(|a, b| a.0.cmp(&b.0));
            (e.id.clone(), e.kind.as_str().to_string(), forms)
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn shipped_csv_to_tbx_to_csv_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let original = Glossary::load(Path::new(SHIPPED)).unwrap();
    let tbx = write(dir.path(), "g.tbx", &write_tbx(&original));
    let from_tbx = Glossary::load(&tbx).unwrap();
    assert_eq!(meaning(&from_tbx), meaning(&original));
    let csv = write(dir.path(), "g.csv", &write_csv(&from_tbx));
    let back = Glossary::load(&csv).unwrap();
    assert_eq!(meaning(&back), meaning(&original));
    assert_eq!(back.forms.len(), 200);
    // The shipped file is already grouped by entity and language: byte for byte the same.
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        std::fs::read_to_string(SHIPPED).unwrap()
    );
}

#[test]
fn tbx_fixtures_to_csv_to_tbx_keep_every_term() {
    for name in ["glossary.tbx", "glossary-v3.tbx"] {
        let dir = tempfile::tempdir().unwrap();
        let original = Glossary::load(Path::new(&fixture(name))).unwrap();
        let csv = write(dir.path(), "g.csv", &write_csv(&original));
        let from_csv = Glossary::load(&csv).unwrap();
        assert_eq!(meaning(&from_csv), meaning(&original), "{name}");
        let tbx = write(dir.path(), "g.tbx", &write_tbx(&from_csv));
        let back = Glossary::load(&tbx).unwrap();
        assert_eq!(meaning(&back), meaning(&original), "{name}");
    }
}

#[test]
fn tbx_basic_fixture_maps_ids_types_and_statuses() {
    let g = Glossary::load(Path::new(&fixture("glossary.tbx"))).unwrap();
    let ids: Vec<(&str, &str)> = g
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.kind.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("ismail-haniyeh", "person"),
            ("hezbollah", "organization"),
            ("al-aqsa-mosque", "place"),
            ("iran", "place"),
            ("iraq", "place"),
        ]
    );
    let status = |lang: &str, text: &str| {
        g.forms
            .iter()
            .find(|f| f.lang.as_str() == lang && &*f.text == text)
            .map(|f| f.status.as_str())
    };
    // normativeAuthorization supersededTerm
    assert_eq!(status("en", "Hizballah"), Some("deprecated"));
    // no status: first of its langSet preferred, the others admitted
    assert_eq!(status("de", "Al-Aksa-Moschee"), Some("preferred"));
    assert_eq!(status("de", "Al-Aksa"), Some("admitted"));
    assert_eq!(status("de", "Al-Aqsa-Moschee"), Some("deprecated"));
    assert_eq!(status("ru", "Ханийе"), Some("deprecated"));
    // Rows name the <term> line.
    let haniya = g.forms.iter().find(|f| &*f.text == "Haniya").unwrap();
    let text = std::fs::read_to_string(fixture("glossary.tbx")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("<term>Haniya</term>"))
        .unwrap()
        + 1;
    assert_eq!(haniya.origin.line, line);
}

#[test]
fn a_tbx_glossary_drives_the_checks() {
    let output = glosscheck()
        .args([
            "check",
            "samples/seed-drift",
            "-g",
            "tests/fixtures/glossary.tbx",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut got: Vec<(String, String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let lang = path.rsplit('.').nth(1).unwrap().to_string();
            (
                lang,
                f["rule"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
                f["entity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    let s = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        got,
        [
            s("ar", "unlisted-variant", "إسماعيل هنيه", "ismail-haniyeh"),
            s("de", "mixed-forms", "Hezbollah", "hezbollah"),
            s(
                "de",
                "untranslated-form",
                "Ismail Haniyeh",
                "ismail-haniyeh"
            ),
            s("en", "deprecated-form", "Al Aqsa Mosque", "al-aqsa-mosque"),
            s("en", "deprecated-form", "Hizballah", "hezbollah"),
            s("en", "mixed-forms", "Hizbullah", "hezbollah"),
            s(
                "en",
                "unlisted-variant",
                "Ismail Hanniyeh",
                "ismail-haniyeh"
            ),
            s("fa", "missing-entity", "", "al-aqsa-mosque"),
            s("fr", "deprecated-form", "Hizbollah", "hezbollah"),
            s("ru", "deprecated-form", "Ханийе", "ismail-haniyeh"),
            s("ru", "unlisted-variant", "Хезболлах", "hezbollah"),
        ]
    );
    let hanniyeh = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["found"] == "Ismail Hanniyeh")
        .unwrap();
    assert_eq!(hanniyeh["expected"], "Ismail Haniyeh");
}

#[test]
fn tbx_and_csv_glossaries_load_together() {
    // The same forms from a CSV and a TBX file would conflict; different entities combine.
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "extra.csv",
        "id,type,lang,form,status,note\ngaza,place,en,Gaza,preferred,\n",
    );
    let g = Glossary::load_all(&[fixture("glossary-v3.tbx").into(), csv]).unwrap();
    assert!(g.find_entity("gaza").is_some() && g.find_entity("hezbollah").is_some());
}

const CONFLICT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <text>
    <body>
      <termEntry id="iran">
        <langSet xml:lang="en">
          <tig><term>Iran</term></tig>
        </langSet>
      </termEntry>
      <termEntry id="iraq">
        <langSet xml:lang="en">
          <tig>
            <term>Iran</term>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"#;

#[test]
fn lint_reports_tbx_conflicts_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "conflict.tbx", CONFLICT);
    let shown = path.display().to_string();
    glosscheck()
        .args(["glossary", "lint", &shown])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains(format!("{shown}:13: error: conflicting rows"))
                .and(predicate::str::contains(format!("{shown}:7"))),
        );
    // check refuses it with the same place
    glosscheck()
        .args(["check", "samples/seed", "-g", &shown])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!("{shown}:13:")));
}

#[test]
fn xml_extension_is_read_as_tbx_when_the_root_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = std::fs::read_to_string(fixture("glossary-v3.tbx")).unwrap();
    let path = write(dir.path(), "names.xml", &tbx);
    let g = Glossary::load(&path).unwrap();
    assert_eq!(g.entities.len(), 2);
    let other = write(dir.path(), "other.xml", "<xliff version=\"2.0\"></xliff>");
    let err = Glossary::load(&other).unwrap_err();
    assert!(err.message.contains("not a TBX glossary"), "{err}");
}

#[test]
fn utf16_tbx_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("glossary-v3.tbx")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("g.tbx");
    std::fs::write(&path, bytes).unwrap();
    let g = Glossary::load(&path).unwrap();
    assert_eq!(g.forms.len(), 15);
}

#[test]
fn convert_writes_tbx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("names.tbx");
    glosscheck()
        .args(["glossary", "convert", SHIPPED, tbx.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("");
    let written = std::fs::read_to_string(&tbx).unwrap();
    assert!(written
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\""));
    assert!(written
        .contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
    let csv = dir.path().join("back.csv");
    glosscheck()
        .args([
            "glossary",
            "convert",
            tbx.to_str().unwrap(),
            csv.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        std::fs::read_to_string(SHIPPED).unwrap()
    );
    // The converted glossary checks the samples exactly like the original.
    glosscheck()
        .args(["check", "samples/seed", "-g", tbx.to_str().unwrap()])
        .assert()
        .code(0);
}

#[test]
fn convert_refuses_bad_input_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tbx");
    let conflict = write(dir.path(), "conflict.tbx", CONFLICT);
    glosscheck()
        .args([
            "glossary",
            "convert",
            conflict.to_str().unwrap(),
            out.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "conflict.tbx:13: conflicting rows",
        ));
    assert!(!out.exists());
    // Unknown output extension.
    glosscheck()
        .args([
            "glossary",
            "convert",
            SHIPPED,
            dir.path().join("out.json").to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use .csv or .tbx"));
    // Missing input.
    glosscheck()
        .args(["glossary", "convert", "nope.tbx", out.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.tbx: no such file"));
    // Malformed XML names file and line.
    let broken = write(
        dir.path(),
        "broken.tbx",
        "<martif>\n<text>\n<body>\n</text>\n</martif>\n",
    );
    glosscheck()
        .args([
            "glossary",
            "convert",
            broken.to_str().unwrap(),
            out.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.tbx:4: malformed XML"));
    assert!(!out.exists());
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<martif type="TBX-Basic"><text><body>
<termEntry id="lol"><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet></termEntry>
</body></text></martif>
"#;

#[test]
fn billion_laughs_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "lol.tbx", BILLION_LAUGHS);
    let started = Instant::now();
    glosscheck()
        .args(["check", "samples/seed", "-g", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("lol.tbx:2:").and(predicate::str::contains("entity")));
    glosscheck()
        .args(["glossary", "lint", path.to_str().unwrap()])
        .assert()
        .code(2);
    assert!(started.elapsed() < Duration::from_secs(10));
}
