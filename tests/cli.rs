//! The command line beyond the samples: lint, output files, encodings, glossary layouts.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::glosscheck;

const GLOSSARY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/glossaries/mideast-news.csv");

fn json_of(dir: &Path, glossary: &str) -> Value {
    let output = glosscheck()
        .args(["check", dir.to_str().unwrap(), "-g", glossary, "-f", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn lint_accepts_the_shipped_glossary() {
    glosscheck()
        .args(["glossary", "lint", "glossaries/mideast-news.csv"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("17 entities")
                .and(predicate::str::contains("0 errors, 0 warnings")),
        );
}

#[test]
fn lint_lists_every_problem_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.csv");
    std::fs::write(
        &path,
        "id,type,lang,form,status,note\n\
         iran,place,en,Iran,preferred,\n\
         iraq,place,en,Iran,preferred,\n\
         x,persn,en,X,preferred,\n\
         y,place,en,Y,preferred,\n\
         y,place,en,Y,preferred,\n",
    )
    .unwrap();
    let out = glosscheck()
        .args(["glossary", "lint", path.to_str().unwrap()])
        .assert()
        .code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("g.csv:3: error: conflicting rows"), "{text}");
    assert!(
        text.contains("g.csv:4: error: unknown type 'persn'"),
        "{text}"
    );
    assert!(text.contains("g.csv:6: warning: duplicate row"), "{text}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    glosscheck()
        .args([
            "check",
            "samples/seed-drift",
            "-f",
            "json",
            "-o",
            report.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stdout("");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["summary"]["findings"], 18);
    // Only the report is left in the folder: no temporary file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn no_output_file_on_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    glosscheck()
        .args(["check", "samples/none", "-o", report.to_str().unwrap()])
        .assert()
        .code(2);
    assert!(!report.exists());
}

#[test]
fn byte_offsets_count_the_files_own_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-8 with BOM and CRLF line ends.
    let text = "Hamas said.\r\nThe leader Hanniyeh spoke.\r\n";
    std::fs::write(
        dir.path().join("a.en.txt"),
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    )
    .unwrap();
    // UTF-16 LE with BOM.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Le chef Hanniyeh a parlé."
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    std::fs::write(dir.path().join("b.fr.txt"), utf16).unwrap();
    let json = json_of(dir.path(), GLOSSARY);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{json:#}");
    let en = &findings[0];
    assert_eq!(
        (en["line"].as_u64(), en["column"].as_u64()),
        (Some(2), Some(12))
    );
    let start = 3 + text.find("Hanniyeh").unwrap();
    assert_eq!(en["byte_start"].as_u64().unwrap() as usize, start);
    assert_eq!(en["byte_end"].as_u64().unwrap() as usize, start + 8);
    let fr = &findings[1];
    // BOM (2 bytes) + "Le chef " (8 UTF-16 units).
    assert_eq!(fr["byte_start"].as_u64(), Some(2 + 16));
    assert_eq!(fr["byte_end"].as_u64(), Some(2 + 16 + 16));
    assert_eq!(fr["found"], "Hanniyeh");
}

#[test]
fn rtl_positions_count_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Harakat before the name change byte offsets but are characters of their own.
    let text = "قالَ زعيمُ حماس إسماعيل هنيه اليوم";
    std::fs::write(dir.path().join("a.ar.txt"), text).unwrap();
    let json = json_of(dir.path(), GLOSSARY);
    let f = &json["findings"][0];
    assert_eq!(f["found"], "إسماعيل هنيه");
    let start = text.find("إسماعيل").unwrap();
    assert_eq!(f["byte_start"].as_u64().unwrap() as usize, start);
    assert_eq!(
        f["column"].as_u64().unwrap() as usize,
        text[..start].chars().count() + 1
    );
}

#[test]
fn wide_glossary_layout_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("wide.csv");
    std::fs::write(
        &glossary,
        "id,type,en,ru,note\n\
         ismail-haniyeh,person,Ismail Haniyeh|Haniyeh|!Haniya,Исмаил Хания|Хания,\n",
    )
    .unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.en.txt"),
        "Ismail Haniyeh met them. Haniya said no.",
    )
    .unwrap();
    std::fs::write(docs.join("a.ru.txt"), "Исмаил Хания встретился с ними.").unwrap();
    let json = json_of(&docs, glossary.to_str().unwrap());
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json:#}");
    assert_eq!(findings[0]["rule"], "deprecated-form");
    assert_eq!(findings[0]["expected"], "Haniyeh");
}

#[test]
fn language_from_folder_and_override() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    std::fs::create_dir_all(dir.path().join("ru")).unwrap();
    std::fs::write(dir.path().join("en/story.md"), "Hamas and Hezbollah.").unwrap();
    std::fs::write(dir.path().join("ru/story.md"), "ХАМАС.").unwrap();
    let json = json_of(dir.path(), GLOSSARY);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json:#}");
    assert_eq!(findings[0]["rule"], "missing-entity");
    assert_eq!(findings[0]["entity"], "hezbollah");
    assert_eq!(json["files"][0]["article"], "story");

    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "12 34").unwrap();
    let arg = format!("{}=de", notes.display());
    glosscheck()
        .args([
            "check",
            notes.to_str().unwrap(),
            "-g",
            GLOSSARY,
            "--lang",
            &arg,
        ])
        .assert()
        .code(0);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let out = glosscheck()
        .args(["check", "samples/seed-drift", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\x1b["));
    // Piped output (as here) has no colour by default.
    let out = glosscheck()
        .args(["check", "samples/seed-drift"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("\x1b["));
}

/// Sets are read and checked in parallel, each as a thread takes it: the report must not
/// depend on how many threads there are or which finished first.
#[test]
fn the_report_is_the_same_on_one_thread_and_on_many() {
    let run = |jobs: &str| {
        glosscheck()
            .args([
                "check",
                "samples/seed-drift",
                "samples/seed-meaning",
                "samples/seed",
                "-g",
                "glossaries/mideast-news.csv",
                "-f",
                "json",
                "--jobs",
                jobs,
            ])
            .output()
            .unwrap()
    };
    let one = run("1");
    let four = run("4");
    assert_eq!(one.status.code(), Some(1));
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, four.stdout);
}

/// A set that cannot be read stops the run with that file named, even when other sets
/// were already checked in parallel, and nothing is written to standard output.
#[test]
fn an_unreadable_set_among_many_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..20 {
        std::fs::write(
            dir.path().join(format!("story{n:02}.en.txt")),
            "Ismail Haniyeh spoke.",
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("story07.fr.txt"), b"Ismail \xFF Haniyeh").unwrap();
    let output = glosscheck()
        .args([
            "check",
            dir.path().to_str().unwrap(),
            "-g",
            "glossaries/mideast-news.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("story07.fr.txt"), "{stderr}");
}
