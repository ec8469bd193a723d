//! Inputs the fuzzers in `fuzz/` once crashed on, run through the same code as the fuzz
//! target (the raw inputs are kept in `fuzz/regressions/<target>/`).

use std::path::Path;

#[path = "../fuzz/shared/formats.rs"]
mod formats;

fn regression(target: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A view blanks markup byte for byte: "Funktionär" in the German target becomes spaces in
/// the English view, and the space at the second byte of "ä" is a char boundary of the view
/// inside a character of the file. Positions and excerpts sliced the file there and panicked.
#[test]
fn formats_offsets_inside_blanked_multibyte_characters() {
    formats::check_formats(&regression("formats", "blanked-multibyte-markup.xlf"));
    // The smallest case: one blanked two-byte character.
    formats::check_formats("<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"de\"><file id=\"f\"><unit id=\"1\"><segment><source>Israel</source><target>Israël</target></segment></unit></file></xliff>".as_bytes());
}
