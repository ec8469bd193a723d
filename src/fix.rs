//! `--fix` and `--diff`: rewriting non-house-style forms in place.
//!
//! Only what is certain is rewritten: a `deprecated-form`, `unlisted-variant` or
//! `inexact-form` (accents, capitals, letter forms) finding
//! with a suggestion, whose span holds exactly the found text in the file (no character
//! references in between) and which is not an inflected form (replacing the Russian
//! genitive "Хизбаллы" by the nominative "Хезболла" would break the sentence). The span
//! covers the name without its affixes, so "Hizballah's" becomes "Hezbollah's" and
//! "وهنيه" becomes "وهنية". Case follows the original: a headline in capitals stays in
//! capitals. The file keeps its encoding, byte-order mark and line ends, and is replaced
//! atomically: written to a temporary file beside it, then renamed over it, so an
//! interruption leaves either the old file or the new one, never half of each.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::document::{Document, Encoding};
use crate::finding::{Finding, Rule};
use crate::glossary::{Glossary, Status};
use crate::normalize::normalize_str;

/// Test hook: stop after writing the temporary file, as an interrupted run would.
pub const INTERRUPT_ENV: &str = "GLOSSCHECK_TEST_INTERRUPT_FIX";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

/// The edits to make, per file, and how many findings they fix.
pub fn plan(
    glossary: &Glossary,
    findings: &[Finding],
    documents: &[&Document],
) -> BTreeMap<PathBuf, Vec<Edit>> {
    let mut plan: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
    for f in findings {
        if !matches!(
            f.rule,
            Rule::DeprecatedForm | Rule::UnlistedVariant | Rule::InexactForm
        ) {
            continue;
        }
        let Some(expected) = &f.expected else {
            continue;
        };
        let Some(doc) = documents.iter().find(|d| d.path == f.location.path) else {
            continue;
        };
        let span = f.location.span.clone();
        if doc.original().get(span.clone()) != Some(f.found.as_str()) {
            continue;
        }
        if f.rule == Rule::DeprecatedForm && !is_listed_deprecated(glossary, &f.found) {
            continue; // matched through an inflected variant
        }
        plan.entry(doc.path.clone()).or_default().push(Edit {
            span,
            replacement: match_case(&f.found, expected),
        });
    }
    for edits in plan.values_mut() {
        edits.sort_by_key(|e| e.span.start);
        let mut end = 0;
        edits.retain(|e| {
            let keep = e.span.start >= end;
            if keep {
                end = e.span.end;
            }
            keep
        });
    }
    plan
}

fn is_listed_deprecated(glossary: &Glossary, found: &str) -> bool {
    let normalized = normalize_str(found);
    glossary
        .forms
        .iter()
        .any(|f| f.status == Status::Deprecated && *f.normalized == *normalized)
}

/// The replacement in the found text's case: capitals stay capitals, a capital at the
/// start stays.
pub fn match_case(found: &str, expected: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1
        && letters.iter().all(|c| !c.is_lowercase())
        && letters.iter().any(|c| c.is_uppercase())
    {
        return expected.to_uppercase();
    }
    let found_upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = expected.chars();
    match chars.next() {
        Some(first) if found_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => expected.to_string(),
    }
}

/// Applies edits to a text.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Encodes a text as the file it came from was encoded.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    }
}

/// Replaces a file's content atomically, keeping its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_checked(path, &mut |out| out.write_all(bytes), None)
}

/// Like [`write_atomically`], with the content written by `write` straight into the
/// temporary file: a report of an archive's findings is never held whole in memory.
pub fn write_atomically_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomically_checked(path, write, None)
}

/// Replaces a file's content atomically like [`write_atomically`], but only if the file
/// still holds `before` (the bytes the fix was planned on) just before the rename. An editor
/// saving, or a second `--fix` run finishing first, between the read and the write would
/// otherwise have its version silently replaced. A small window between this last look and
/// the rename remains (no portable compare-and-swap on files exists).
pub fn replace_if_unchanged(path: &Path, before: &[u8], bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_checked(path, &mut |out| out.write_all(bytes), Some(before))
}

fn write_atomically_checked(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    expected: Option<&[u8]>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temp.as_file().set_permissions(metadata.permissions())?;
    }
    if std::env::var_os(INTERRUPT_ENV).is_some() {
        return Err(std::io::Error::other(
            "interrupted before the rename (test hook)",
        ));
    }
    if let Some(expected) = expected {
        if std::fs::read(path)? != expected {
            return Err(std::io::Error::other(
                "another program (or another run) wrote it after it was read; run again",
            ));
        }
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of one file's change.
pub fn unified_diff(path: &Path, before: &str, after: &str) -> String {
    let name = path.display().to_string();
    let (old, new) = if path.is_relative() {
        (format!("a/{name}"), format!("b/{name}"))
    } else {
        (name.clone(), name)
    };
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .header(&old, &new)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_the_original() {
        assert_eq!(match_case("HIZBALLAH", "Hezbollah"), "HEZBOLLAH");
        assert_eq!(match_case("Haniya", "Haniyeh"), "Haniyeh");
        assert_eq!(match_case("Mosquée", "mosquée al-Aqsa"), "Mosquée al-Aqsa");
        assert_eq!(match_case("هنيه", "هنية"), "هنية");
    }

    #[test]
    fn edits_keep_the_rest_and_affixes() {
        let text = "Hizballah's men and وهنيه said";
        let a = text.find("Hizballah").unwrap();
        let b = text.find("هنيه").unwrap();
        let edits = vec![
            Edit {
                span: a..a + "Hizballah".len(),
                replacement: "Hezbollah".into(),
            },
            Edit {
                span: b..b + "هنيه".len(),
                replacement: "هنية".into(),
            },
        ];
        assert_eq!(apply(text, &edits), "Hezbollah's men and وهنية said");
    }

    #[test]
    fn encodings_round_trip() {
        let text = "Iran\r\nإيران";
        for encoding in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ] {
            let bytes = encode(text, encoding);
            let (decoded, detected) = crate::document::decode(Path::new("x"), bytes).unwrap();
            assert_eq!((decoded.as_str(), detected), (text, encoding));
        }
    }
}
