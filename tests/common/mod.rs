//! Shared by the end-to-end tests.

use assert_cmd::Command;

/// The built binary, run from the repository root (so `samples/…`, `glossaries/…` and the
/// root glosscheck.toml resolve as in the README).
pub fn glosscheck() -> Command {
    let mut cmd = Command::cargo_bin("glosscheck").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// `check PATH -g glossaries/mideast-news.csv -f FORMAT`: exit code and standard output.
// Not every test file uses it; each file compiles this module on its own.
#[allow(dead_code)]
pub fn check_output(path: &str, format: &str) -> (i32, Vec<u8>) {
    let output = glosscheck()
        .args([
            "check",
            path,
            "-g",
            "glossaries/mideast-news.csv",
            "-f",
            format,
        ])
        .output()
        .unwrap();
    (output.status.code().unwrap(), output.stdout)
}
