//! A desk's habits: fixing in place, diffs, baselines, rule settings, exceptions, ignored
//! paths and language patterns from glosscheck.toml, --fail-on.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of a sample set in a fresh folder (with the shipped glossary in a config file).
fn workspace(set: &str, config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("samples").join(set)).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "txt") {
            std::fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
        }
    }
    let glossary = Path::new(ROOT).join("glossaries/mideast-news.csv");
    std::fs::write(
        dir.path().join("glosscheck.toml"),
        format!(
            "glossaries = [{:?}]\n{config}",
            glossary.display().to_string()
        ),
    )
    .unwrap();
    (dir, articles)
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("glosscheck")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn findings(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "articles", "-f", "json"];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"].as_array().unwrap().clone()
}

fn rules(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fix_rewrites_in_place_and_a_second_run_is_clean_of_fixable_findings() {
    let (dir, articles) = workspace("seed-drift", "");
    let before = findings(dir.path(), &[]);
    let out = run(dir.path(), &["check", "articles", "--fix", "-f", "json"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("fixed"),
        "{out:?}"
    );
    let after = findings(dir.path(), &[]);
    let fixable = ["deprecated-form", "unlisted-variant"];
    assert!(
        rules(&before)
            .iter()
            .filter(|r| fixable.contains(&r.as_str()))
            .count()
            >= 10
    );
    // Everything fixable is gone, except a form that could not be fixed safely.
    assert!(
        rules(&after).iter().all(|r| !fixable.contains(&r.as_str())),
        "{after:#?}"
    );
    let en = std::fs::read_to_string(articles.join("article.en.txt")).unwrap();
    assert!(en.contains("Ismail Haniyeh once") && en.contains("Al-Aqsa Mosque"));
    // The rest of the line is untouched.
    assert!(en.contains("The Times notes that since 2021"));
}

#[test]
fn fix_keeps_encoding_line_ends_and_affixes() {
    let (dir, articles) = workspace("seed", "");
    std::fs::write(
        articles.join("x.en.txt"),
        "Hizballah's fighters.\r\nHIZBALLAH said.\r\n",
    )
    .unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Les combattants du Hizbollah.\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(articles.join("x.fr.txt"), utf16).unwrap();
    run(
        dir.path(),
        &["check", "articles/x.en.txt", "articles/x.fr.txt", "--fix"],
    );
    assert_eq!(
        std::fs::read_to_string(articles.join("x.en.txt")).unwrap(),
        "Hezbollah's fighters.\r\nHEZBOLLAH said.\r\n"
    );
    let bytes = std::fs::read(articles.join("x.fr.txt")).unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&units).unwrap(),
        "Les combattants du Hezbollah.\r\n"
    );
}

#[test]
fn diff_changes_nothing() {
    let (dir, articles) = workspace("seed-drift", "");
    let before = std::fs::read(articles.join("article.en.txt")).unwrap();
    let out = run(dir.path(), &["check", "articles", "--diff"]);
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("--- a/articles/article.en.txt")
            && diff.contains(
                "+According to a report by The New York Times, Hamas leader Ismail Haniyeh"
            ),
        "{diff}"
    );
    assert_eq!(
        std::fs::read(articles.join("article.en.txt")).unwrap(),
        before
    );
}

#[test]
fn an_interrupted_fix_leaves_the_original_intact() {
    let (dir, articles) = workspace("seed-drift", "");
    let before = std::fs::read(articles.join("article.en.txt")).unwrap();
    let out = Command::cargo_bin("glosscheck")
        .unwrap()
        .current_dir(dir.path())
        .env(glosscheck::fix::INTERRUPT_ENV, "1")
        .args(["check", "articles", "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not fixed, the file is unchanged"));
    assert_eq!(
        std::fs::read(articles.join("article.en.txt")).unwrap(),
        before
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("article.")), "{names:?}");
}

#[test]
fn baseline_accepts_todays_findings_and_gates_new_ones() {
    let (dir, articles) = workspace("seed-drift", "");
    let out = run(
        dir.path(),
        &["check", "articles", "--write-baseline", "baseline.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(
        dir.path(),
        &["check", "articles", "--baseline", "baseline.json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A new problem appears: only it is reported.
    let path = articles.join("article.fr.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("Gaza", "Gazza", 1);
    std::fs::write(&path, text).unwrap();
    let new = findings(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(rules(&new), ["unlisted-variant"]);
    assert_eq!(new[0]["found"], "Gazza");
}

#[test]
fn config_rules_exceptions_ignore_and_language_patterns() {
    let config = r#"
ignore = ["articles/article.ru.txt"]
[rules]
mixed-forms = "off"
deprecated-form = "warning"
[[exceptions]]
entity = "gaza"
langs = ["fa"]
"#;
    let (dir, _) = workspace("seed-drift", config);
    let found = findings(dir.path(), &[]);
    let rules = rules(&found);
    assert!(!rules.contains(&"mixed-forms".to_string()));
    assert!(found.iter().all(|f| f["lang"] != "ru"), "ignored path");
    assert!(
        found
            .iter()
            .all(|f| !(f["lang"] == "fa" && f["entity"] == "gaza")),
        "exception"
    );
    assert!(found
        .iter()
        .filter(|f| f["rule"] == "deprecated-form")
        .all(|f| f["severity"] == "warning"));
    // Language from a configured pattern.
    let (dir, articles) = workspace("seed", "[languages]\n\"**/redaktion-*.txt\" = \"de\"\n");
    std::fs::rename(
        articles.join("article.de.txt"),
        articles.join("redaktion-artikel.txt"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["check", "articles/redaktion-artikel.txt", "-f", "json"],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["lang"], "de");
}

#[test]
fn fail_on_sets_what_fails_the_run() {
    let (dir, _) = workspace("seed-drift", "[rules]\nunlisted-variant = \"info\"\nmixed-forms = \"info\"\nuntranslated-form = \"info\"\nmissing-entity = \"info\"\ninexact-form = \"info\"\n");
    // Deprecated forms are errors: fail on error.
    assert_eq!(
        run(dir.path(), &["check", "articles", "--fail-on", "error"])
            .status
            .code(),
        Some(1)
    );
    let (dir, _) = workspace("seed-meaning", "[rules]\nlength-outlier = \"off\"\nentity-mismatch = \"info\"\nadded-segment = \"info\"\nquote-mismatch = \"info\"\nnumber-mismatch = \"info\"\ndate-mismatch = \"info\"\nomitted-segment = \"info\"\n");
    assert_eq!(
        run(dir.path(), &["check", "articles"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(dir.path(), &["check", "articles", "--fail-on", "info"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn bad_configuration_is_a_clear_error() {
    let (dir, _) = workspace("seed", "[rules]\nno-such-rule = \"off\"\n");
    let out = run(dir.path(), &["check", "articles"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule 'no-such-rule'"));
}

#[test]
fn suggest_proposes_entries_with_the_variants_seen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("empty.csv"),
        "id,type,lang,form,status,note\n",
    )
    .unwrap();
    let out = Command::cargo_bin("glosscheck")
        .unwrap()
        .current_dir(ROOT)
        .args(["glossary", "suggest", "samples/seed-drift", "-g"])
        .arg(dir.path().join("empty.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    // The most inconsistent entity comes first: Hezbollah, spelled three ways in English.
    assert_eq!(rows[0][0], "hezbollah");
    let hezbollah: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| r[0] == "hezbollah")
        .map(|r| (r[2], r[3], r[4]))
        .collect();
    for expected in [
        ("en", "Hezbollah", "preferred"),
        ("en", "Hizballah", "deprecated"),
        ("de", "Hisbollah", "preferred"),
        ("de", "Hezbollah", "deprecated"),
        ("ru", "Хезболла", "preferred"),
    ] {
        assert!(
            hezbollah.contains(&expected),
            "{expected:?} in {hezbollah:?}"
        );
    }
    // Inflected forms are grammar, not variants.
    assert!(!hezbollah.iter().any(|(_, form, _)| *form == "Хезболлой"));
    // The proposal is a valid glossary.
    std::fs::write(dir.path().join("proposed.csv"), &csv).unwrap();
    let lint = Command::cargo_bin("glosscheck")
        .unwrap()
        .args(["glossary", "lint"])
        .arg(dir.path().join("proposed.csv"))
        .output()
        .unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // Three article sets, stderr piped (as in CI logs): nothing but findings on stdout.
    let out = Command::cargo_bin("glosscheck")
        .unwrap()
        .current_dir(ROOT)
        .args([
            "check",
            "samples/seed",
            "samples/seed-drift",
            "samples/seed-meaning",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
