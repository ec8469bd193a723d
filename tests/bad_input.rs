//! Bad input: one clear line naming the file (and line), exit 2, nothing on stdout.

use assert_cmd::Command;
use predicates::prelude::*;

fn glosscheck() -> Command {
    let mut cmd = Command::cargo_bin("glosscheck").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

#[test]
fn missing_file() {
    glosscheck()
        .args(["check", "samples/nowhere/article.fr.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "samples/nowhere/article.fr.txt: no such file",
        ));
}

#[test]
fn missing_glossary() {
    glosscheck()
        .args(["check", "samples/seed", "-g", "glossaries/none.csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "glossaries/none.csv: no such file",
        ));
}

#[test]
fn non_utf8_document_names_file_and_line() {
    glosscheck()
        .args(["check", &fixture("latin1/article.fr.txt")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "latin1/article.fr.txt:2: not valid UTF-8",
        ));
}

#[test]
fn malformed_csv_row_names_file_and_line() {
    glosscheck()
        .args([
            "check",
            "samples/seed",
            "-g",
            &fixture("glossary-short-row.csv"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "glossary-short-row.csv:3: expected 6 columns",
        ));
}

#[test]
fn unbalanced_quote_names_file_and_line() {
    glosscheck()
        .args([
            "check",
            "samples/seed",
            "-g",
            &fixture("glossary-unbalanced-quote.csv"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("glossary-unbalanced-quote.csv:3:"));
}

#[test]
fn conflicting_glossary_names_both_rows() {
    glosscheck()
        .args([
            "check",
            "samples/seed",
            "-g",
            &fixture("glossary-conflict.csv"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("glossary-conflict.csv:4: conflicting rows")
                .and(predicate::str::contains("glossary-conflict.csv:2")),
        );
}

#[test]
fn unknown_language_tags() {
    glosscheck()
        .args(["check", "samples/seed", "--source", "xx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language tag 'xx'"));
    glosscheck()
        .args([
            "check",
            "samples/seed",
            "-g",
            &fixture("glossary-bad-lang.csv"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "glossary-bad-lang.csv:2: unknown language tag 'zz'",
        ));
}

#[test]
fn a_file_of_unknown_language_is_refused_with_advice() {
    glosscheck()
        .args(["check", &fixture("nolang.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nolang.txt: cannot tell the language",
        ));
}

#[test]
fn an_input_is_never_modified() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-drift/article.en.txt");
    let before = std::fs::read(&path).unwrap();
    glosscheck()
        .args(["check", "samples/seed-drift"])
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
