//! Shared by the end-to-end tests.

use assert_cmd::Command;

/// The built binary, run from the repository root (so `samples/…`, `glossaries/…` and the
/// root glosscheck.toml resolve as in the README).
pub fn glosscheck() -> Command {
    let mut cmd = Command::cargo_bin("glosscheck").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}
