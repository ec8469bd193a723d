//! Markdown, HTML and XLIFF end to end: exact findings with offsets into the original bytes,
//! and nothing reported from code, URLs, attributes, translation memory or suppressed parts.

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::glosscheck;

const GLOSSARY: &str = "glossaries/mideast-news.csv";

fn fixture(name: &str) -> String {
    format!("tests/fixtures/formats/{name}")
}

/// (rule, found, line, column, byte_start, byte_end) of every finding.
fn findings(path: &str) -> Vec<(String, String, u64, u64, usize, usize)> {
    let output = glosscheck()
        .args(["check", path, "-g", GLOSSARY, "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["byte_start"].as_u64().unwrap() as usize,
                f["byte_end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn own(
    v: &[(&str, &str, u64, u64, usize, usize)],
) -> Vec<(String, String, u64, u64, usize, usize)> {
    v.iter()
        .map(|&(r, f, l, c, s, e)| (r.into(), f.into(), l, c, s, e))
        .collect()
}

/// The bytes of the file a finding points at.
fn bytes_at(path: &str, start: usize, end: usize) -> String {
    let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    String::from_utf8(bytes[start..end].to_vec()).unwrap()
}

#[test]
fn xliff_12_trados_export() {
    let path = fixture("seed-trados.en-fr.sdlxliff");
    let found = findings(&path);
    assert_eq!(
        found,
        own(&[
            ("deprecated-form", "Hizbollah", 11, 176, 1331, 1340),
            // Spelled across an inline tag: Is<g id="pt5">ra</g>el.
            ("inexact-form", "Israel", 21, 120, 2319, 2341),
        ])
    );
    assert_eq!(bytes_at(&path, 1331, 1340), "Hizbollah");
    assert_eq!(bytes_at(&path, 2319, 2341), "Is<g id=\"pt5\">ra</g>el");
    // Not reported: the sdl:note attribute, <ph> code ("Hanieh"), the <alt-trans> TM match
    // ("Haniya"), and the <seg-source> copy of the source.
}

#[test]
fn xliff_20_okapi_export_aligns_units() {
    let path = fixture("seed-okapi.en-de.xlf");
    let found = findings(&path);
    assert_eq!(
        found,
        own(&[
            ("untranslated-form", "Ismail Haniyeh", 12, 118, 860, 874),
            ("date-mismatch", "Juni 2023", 19, 50, 1332, 1341),
        ])
    );
    assert_eq!(bytes_at(&path, 1332, 1341), "Juni 2023");
    // Not reported: "hanieh" in <originalData>, "Hanija" in the <mtc:match>.
}

#[test]
fn markdown_article() {
    let path = fixture("story.en.md");
    assert_eq!(
        findings(&path),
        own(&[
            ("deprecated-form", "Hizballah", 9, 66, 308, 317),
            // Image alt text is prose.
            ("deprecated-form", "Hanieh", 11, 10, 351, 357),
        ])
    );
    // Not reported: front matter, the link and image destinations, inline code, the code
    // block, and the line after the suppression comment.
}

#[test]
fn html_article() {
    let path = fixture("page.fr.html");
    assert_eq!(
        findings(&path),
        own(&[
            // title attribute: prose.
            ("deprecated-form", "Hizbollah", 16, 107, 502, 511),
            // alt attribute: prose, after a decoded reference (Isma&iuml;l).
            ("deprecated-form", "Haniya", 18, 53, 725, 731),
            // Across inline markup: Le <b>Hez</b>bolla.
            ("deprecated-form", "Hezbolla", 23, 10, 1107, 1119),
        ])
    );
    assert_eq!(bytes_at(&path, 1107, 1119), "Hez</b>bolla");
    // Not reported: <style>, <script>, class/data-/href attributes, <code>, the ignored region.
}

#[test]
fn directory_walk_reads_every_format() {
    let output = glosscheck()
        .args([
            "check",
            "tests/fixtures/formats",
            "-g",
            GLOSSARY,
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut files: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["path"].as_str().unwrap(),
                f["lang"].as_str().unwrap()
            )
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "tests/fixtures/formats/page.fr.html fr",
            "tests/fixtures/formats/seed-okapi.en-de.xlf de",
            "tests/fixtures/formats/seed-okapi.en-de.xlf en",
            "tests/fixtures/formats/seed-trados.en-fr.sdlxliff en-US",
            "tests/fixtures/formats/seed-trados.en-fr.sdlxliff fr-FR",
            "tests/fixtures/formats/story.en.md en",
        ]
    );
    assert_eq!(report["summary"]["findings"], 9);
}

#[test]
fn xliff_beside_a_plain_version_of_the_same_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.fr.txt"), "Le Hamas et l'Iran.\n").unwrap();
    std::fs::write(
        dir.path().join("article.xlf"),
        "<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"fr\"><file id=\"f\"><unit id=\"1\"><segment>\
         <source>Hamas and Iran.</source><target>Le Hamas et l'Iran.</target></segment></unit></file></xliff>",
    )
    .unwrap();
    glosscheck()
        .args(["check", dir.path().to_str().unwrap(), "-g", GLOSSARY])
        .assert()
        .code(0);
}

#[test]
fn xliff_with_entity_declarations_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lol.xlf");
    std::fs::write(
        &path,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;\">\n]>\n\
         <xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\"><body>\
         <trans-unit id=\"1\"><source>&b;</source></trans-unit></body></file></xliff>",
    )
    .unwrap();
    glosscheck()
        .args(["check", path.to_str().unwrap(), "-g", GLOSSARY])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "lol.xlf:2: the DOCTYPE declares entities",
        ));
}

#[test]
fn malformed_xliff_and_missing_language_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xlf");
    std::fs::write(
        &bad,
        "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"fr\">\n<body>\n<trans-unit id=\"1\"><source>x</target>\n</body></file></xliff>",
    )
    .unwrap();
    glosscheck()
        .args(["check", bad.to_str().unwrap(), "-g", GLOSSARY])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.xlf:4: malformed XML"));
    let nolang = dir.path().join("nolang.xliff");
    std::fs::write(
        &nolang,
        "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"zz\"><body/></file></xliff>",
    )
    .unwrap();
    glosscheck()
        .args(["check", nolang.to_str().unwrap(), "-g", GLOSSARY])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nolang.xliff:2: unknown language tag 'zz'",
        ));
}
