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

/// The fixed text of a file holding a fixable form, for the tests below.
const TO_FIX: &str = "Hizballah's fighters.\nHIZBALLAH said.\n";
const FIXED: &str = "Hezbollah's fighters.\nHEZBOLLAH said.\n";

#[test]
fn fix_keeps_utf16_be_with_crlf_and_utf8_bom_with_lf() {
    let (dir, articles) = workspace("seed", "");
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "Les combattants du Hizbollah.\r\nFin.\r\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    std::fs::write(articles.join("y.fr.txt"), be).unwrap();
    std::fs::write(
        articles.join("y.en.txt"),
        [b"\xEF\xBB\xBF".as_slice(), TO_FIX.as_bytes()].concat(),
    )
    .unwrap();
    run(
        dir.path(),
        &["check", "articles/y.en.txt", "articles/y.fr.txt", "--fix"],
    );
    let bytes = std::fs::read(articles.join("y.fr.txt")).unwrap();
    assert_eq!(&bytes[..2], &[0xFE, 0xFF]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&units).unwrap(),
        "Les combattants du Hezbollah.\r\nFin.\r\n"
    );
    assert_eq!(
        std::fs::read(articles.join("y.en.txt")).unwrap(),
        [b"\xEF\xBB\xBF".as_slice(), FIXED.as_bytes()].concat()
    );
}

/// Two `--fix` runs on the same file at once: the file ends as one complete version
/// (fixed or original, never a mix), and no temporary file is left behind. A run that
/// finds the file changed under it refuses to overwrite it (exit 2).
#[test]
fn concurrent_fixes_leave_one_complete_version() {
    let (dir, articles) = workspace("seed", "");
    let body = TO_FIX.repeat(2000);
    let fixed = FIXED.repeat(2000);
    let bin = assert_cmd::cargo::cargo_bin("glosscheck");
    for round in 0..4 {
        std::fs::write(articles.join("z.en.txt"), &body).unwrap();
        let runs: Vec<_> = (0..2)
            .map(|_| {
                std::process::Command::new(&bin)
                    .current_dir(dir.path())
                    .args(["check", "articles/z.en.txt", "--fix", "-f", "json"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in runs {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(matches!(out.status.code(), Some(0..=2)), "{stderr}");
        }
        let after = String::from_utf8(std::fs::read(articles.join("z.en.txt")).unwrap())
            .expect("valid UTF-8");
        assert!(
            after == fixed || after == body,
            "round {round}: a mixed file"
        );
        let names: Vec<String> = std::fs::read_dir(&articles)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n.ends_with(".txt")),
            "temporary file left: {names:?}"
        );
    }
}

/// Removes the immutable attribute again, whatever happens in the test.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// A file (or folder) that cannot be written: as root, permission bits do not stop
/// writes, so the immutable attribute (`chattr +i`) stands in for a read-only file; the
/// test is skipped where the file system has no such attribute.
#[test]
fn fix_on_an_unwritable_file_or_folder_changes_nothing() {
    let (dir, articles) = workspace("seed", "");
    let path = articles.join("r.en.txt");
    std::fs::write(&path, TO_FIX).unwrap();
    for target in [path.clone(), articles.clone()] {
        let Some(_guard) = Immutable::set(&target) else {
            eprintln!("chattr +i not supported here: skipped");
            return;
        };
        let out = run(dir.path(), &["check", "articles/r.en.txt", "--fix"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("articles/r.en.txt: not fixed, the file is unchanged"),
            "{stderr}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TO_FIX);
    }
    let names: Vec<String> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.ends_with(".txt")), "{names:?}");
}
