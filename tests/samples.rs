//! End-to-end: the shipped sample sets give exactly the findings they were built to give.

use std::collections::BTreeMap;

use serde_json::Value;

mod common;
use common::{check_output, glosscheck};

fn run_json(path: &str) -> (i32, Value) {
    let (code, stdout) = check_output(path, "json");
    let report: Value = serde_json::from_slice(&stdout).expect("valid JSON report");
    (code, report)
}

#[test]
fn the_seed_set_is_clean() {
    let (code, report) = run_json("samples/seed");
    assert_eq!(report["findings"], Value::Array(vec![]), "{report:#}");
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["files"], 7);
    let langs: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["ar", "de", "en", "es", "fa", "fr", "ru"]);
}

/// (path, rule, found) → how many times.
type Tally = BTreeMap<(String, String, String), usize>;

fn tally<'a>(findings: impl Iterator<Item = &'a Value>) -> Tally {
    let mut tally = Tally::new();
    for f in findings {
        let key = (
            f["path"].as_str().unwrap().to_string(),
            f["rule"].as_str().unwrap().to_string(),
            f["found"].as_str().unwrap().to_string(),
        );
        *tally.entry(key).or_default() += 1;
    }
    tally
}

fn expected_tally(set: &str) -> Tally {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("samples/{set}/expected.json"));
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    tally(expected["findings"].as_array().unwrap().iter())
}

/// Runs a sample set and checks its errors and warnings are exactly its `expected.json`
/// (at least 15 of them); returns the report for further checks.
fn assert_reports_exactly_the_expected(set: &str) -> Value {
    let expected = expected_tally(set);
    assert!(expected.values().sum::<usize>() >= 15);
    let (code, report) = run_json(&format!("samples/{set}"));
    assert_eq!(code, 1);
    let reported = tally(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "info"),
    );
    assert_eq!(reported, expected);
    report
}

#[test]
fn the_meaning_set_reports_exactly_the_injected_drifts() {
    let report = assert_reports_exactly_the_expected("seed-meaning");
    // Every drift names the aligned source text in `related`.
    for f in report["findings"].as_array().unwrap() {
        let related = f["related"].as_array().unwrap();
        assert!(!related.is_empty(), "{f:#}");
        assert!(related.iter().all(|r| r["lang"] == "en"), "{f:#}");
    }
}

#[test]
fn meaning_drift_human_report_shows_both_sides() {
    let output = glosscheck()
        .args(["check", "samples/seed-meaning", "--color", "never"])
        .output()
        .unwrap();
    insta::assert_snapshot!(
        "seed_meaning_human",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn the_drift_set_reports_exactly_the_injected_problems() {
    let report = assert_reports_exactly_the_expected("seed-drift");
    // Every language of the set has at least one injected problem.
    let langs: std::collections::BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs.len(), 7);
}

#[test]
fn reported_spans_name_the_text_they_point_at() {
    let (_, report) = run_json("samples/seed-drift");
    for f in report["findings"].as_array().unwrap() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(f["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let (start, end) = (
            f["byte_start"].as_u64().unwrap() as usize,
            f["byte_end"].as_u64().unwrap() as usize,
        );
        let spanned = std::str::from_utf8(&bytes[start..end]).unwrap();
        assert_eq!(spanned, f["found"].as_str().unwrap(), "{f:#}");
        // Line and column agree with the byte offset.
        let text = std::str::from_utf8(&bytes).unwrap();
        let line = text[..start].matches('\n').count() + 1;
        let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = text[line_start..start].chars().count() + 1;
        assert_eq!(
            (
                f["line"].as_u64().unwrap() as usize,
                f["column"].as_u64().unwrap() as usize
            ),
            (line, column)
        );
    }
}

#[test]
fn missing_entities_point_back_at_the_source() {
    let (_, report) = run_json("samples/seed-drift");
    let missing: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "missing-entity")
        .collect();
    assert_eq!(missing.len(), 1);
    let related = &missing[0]["related"][0];
    assert_eq!(related["lang"], "en");
    assert_eq!(related["text"], "Al Aqsa Mosque");
    assert_eq!(missing[0]["entity"], "al-aqsa-mosque");
    assert_eq!(missing[0]["expected"], "مسجد الاقصی");
}

#[test]
fn json_report_snapshot() {
    let (_, report) = run_json("samples/seed-drift");
    insta::assert_json_snapshot!("seed_drift_json", report);
}

#[test]
fn human_report_snapshot() {
    let output = glosscheck()
        .args([
            "check",
            "samples/seed-drift",
            "-g",
            "glossaries/mideast-news.csv",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(
        "seed_drift_human",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn jsonl_has_one_finding_per_line() {
    let output = glosscheck()
        .args(["check", "samples/seed-drift", "-f", "jsonl"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 18);
    assert!(lines
        .iter()
        .all(|f| f["rule"].is_string() && f["line"].is_u64()));
}

#[test]
fn the_readme_command_uses_the_configured_glossary() {
    // glosscheck.toml at the repository root names the shipped glossary.
    glosscheck()
        .args(["check", "samples/seed"])
        .assert()
        .code(0);
}
