//! The body of the `formats` fuzz target, shared with `tests/fuzz_regressions.rs` so that a
//! crash the fuzzer found is replayed through exactly the same code.
//!
//! Every loader on the bytes: every version keeps its length (`text.len() ==
//! original().len()`), and a location (position, line excerpt, file offset) can be computed
//! for a span between any two char boundaries of `text`.

use glosscheck::finding::Location;
use glosscheck::formats::load_versions;
use glosscheck::lang::LangTag;

pub fn check_formats(bytes: &[u8]) {
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
                // Findings are spans of `text` on its char boundaries; locations are computed
                // from `original`. A boundary of `text` need not be one of `original` (blanked
                // multi-byte markup is several spaces; `&iuml;` is `ï` and four NULs), so
                // every one must be usable: each inside a character of `original`, and ~64
                // others.
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
                let _ = Location::of(doc, 0..doc.text.len());
                let _ = doc.position(doc.text.len());
                let _ = doc.line_at(doc.text.len());
                let _ = doc.file_offset(doc.text.len());
            }
        }
    }
}
