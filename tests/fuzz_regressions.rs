//! Inputs the fuzzers in `fuzz/` once crashed on, run through the same code as the fuzz
//! target (the raw inputs are kept in `fuzz/regressions/<target>/`).

use std::path::Path;

use glosscheck::finding::Location;
use glosscheck::formats::load_versions;
use glosscheck::lang::LangTag;

fn regression(target: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `formats` target: every loader on the bytes; every version keeps its length and a
/// location can be computed for a span between any two char boundaries of its text.
fn formats(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["txt", "md", "html", "xlf"] {
        let path = dir.path().join(format!("a.en.{ext}"));
        std::fs::write(&path, bytes).unwrap();
        for lang in [None, Some(LangTag::parse("en").unwrap())] {
            let Ok(docs) = load_versions(&path, lang, "a".into()) else {
                continue;
            };
            for doc in &docs {
                assert_eq!(doc.text.len(), doc.original().len(), "{ext}");
                // Every boundary of `text` inside a character of `original`, and ~64 others.
                let step = doc.text.len() / 64 + 1;
                let mut previous = 0;
                for (i, _) in doc.text.char_indices() {
                    if i % step != 0 && doc.original().is_char_boundary(i) {
                        continue;
                    }
                    let location = Location::of(doc, previous..i);
                    assert!(location.line >= 1 && location.column >= 1);
                    let _ = doc.line_at(i);
                    previous = i;
                }
                let _ = Location::of(doc, previous..doc.text.len());
            }
        }
    }
}

/// A view blanks markup byte for byte: "Funktionär" in the German target becomes spaces in
/// the English view, and the space at the second byte of "ä" is a char boundary of the view
/// inside a character of the file. Positions and excerpts sliced the file there and panicked.
#[test]
fn formats_offsets_inside_blanked_multibyte_characters() {
    formats(&regression("formats", "blanked-multibyte-markup.xlf"));
    // The smallest case: one blanked two-byte character.
    formats("<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"de\"><file id=\"f\"><unit id=\"1\"><segment><source>Israel</source><target>Israël</target></segment></unit></file></xliff>".as_bytes());
}
