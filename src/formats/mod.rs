//! Input formats: plain text, Markdown, HTML and XLIFF.
//!
//! Structured formats are read into views (see `Document::text`): the decoded file with
//! everything that is not prose blanked byte for byte, so every check runs on prose and every
//! reported offset points into the original file.
//!
//! **Suppression (Markdown and HTML).** `<!-- glosscheck-ignore next-line -->` blanks the
//! next non-empty line of prose after the comment; `<!-- glosscheck-ignore -->` …
//! `<!-- glosscheck-ignore-end -->` blanks everything between the two comments (without the
//! end comment, to the end of the file). Nothing in a suppressed part is checked or reported,
//! and it does not count for alignment either.

mod html;
mod markdown;
mod view;
mod xliff;

use std::path::Path;

use crate::document::{decode, Document, InputError};
use crate::lang::{detect, LangTag};

/// The formats glosscheck reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Xliff,
}

/// File endings read when a directory is named (a file named explicitly is always read).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "xlf", "xliff", "sdlxliff", "mqxliff",
];

impl Format {
    /// The format of a file, from its extension (plain text when unknown).
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Format::Xliff,
            _ => Format::Text,
        }
    }

    /// Whether one file holds several versions (its languages come from its content).
    pub fn is_bilingual(self) -> bool {
        self == Format::Xliff
    }
}

/// Reads the versions a file holds: one for text, Markdown and HTML (in `lang`, else
/// detected from the prose), the source and the target version for XLIFF (`lang` is
/// ignored: the file names them).
pub fn load_versions(
    path: &Path,
    lang: Option<LangTag>,
    article: String,
) -> Result<Vec<Document>, InputError> {
    let format = Format::of(path);
    let lang_of = |prose: &str| {
        lang.clone().or_else(|| detect(prose)).ok_or_else(|| {
            InputError::new(
                path,
                "cannot tell the language: name the file like article.fr.txt or pass --lang FILE=TAG",
            )
        })
    };
    if let (Format::Text, Some(lang)) = (format, &lang) {
        return Ok(vec![Document::load(path, lang.clone(), article)?]);
    }
    let bytes = crate::document::read_input(path, "file")?;
    let (original, encoding) = decode(path, bytes)?;
    match format {
        Format::Text => {
            let lang = lang_of(&original)?;
            Ok(vec![Document::from_text(
                path, lang, article, original, encoding,
            )])
        }
        Format::Markdown | Format::Html => {
            let view = if format == Format::Markdown {
                markdown::view(&original)
            } else {
                html::view(&original)
            };
            let lang = lang_of(&view.replace('\0', ""))?;
            Ok(vec![Document::structured(
                path, lang, article, original, view, encoding,
            )])
        }
        Format::Xliff => {
            let x = xliff::views(path, &original)?;
            if x.source_lang == x.target_lang {
                return Err(InputError::new(
                    path,
                    format!("source and target language are both {}", x.source_lang),
                ));
            }
            Ok(vec![
                Document::structured(
                    path,
                    x.source_lang,
                    article.clone(),
                    original.clone(),
                    x.source,
                    encoding,
                ),
                Document::structured(path, x.target_lang, article, original, x.target, encoding),
            ])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::of(Path::new("a.fr.MD")), Format::Markdown);
        assert_eq!(Format::of(Path::new("a.htm")), Format::Html);
        assert_eq!(Format::of(Path::new("a.sdlxliff")), Format::Xliff);
        assert_eq!(Format::of(Path::new("a.fr.txt")), Format::Text);
        assert_eq!(Format::of(Path::new("README")), Format::Text);
    }

    #[test]
    fn xliff_gives_two_versions_with_offsets_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.xlf");
        let text = "<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"fr\"><file id=\"f\"><unit id=\"1\"><segment>\
            <source>Israel</source><target>Isra&#235;l</target></segment></unit></file></xliff>";
        std::fs::write(&path, text).unwrap();
        let docs = load_versions(&path, None, "story".into()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].lang.as_str(), "fr");
        assert_eq!(docs[1].original(), text);
        let at = text.find("Isra&").unwrap();
        assert_eq!(docs[1].slice(at..at + 11), "Israël");
    }

    /// Every prefix of every fixture (truncated tags, references, comments): no panic, a
    /// view of the same length, an error or a view for XLIFF.
    #[test]
    fn truncated_files_never_panic() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for (cut, _) in text.char_indices().step_by(7) {
                let piece = &text[..cut];
                match Format::of(&path) {
                    Format::Markdown => assert_eq!(markdown::view(piece).len(), cut),
                    Format::Html => assert_eq!(html::view(piece).len(), cut),
                    Format::Xliff => {
                        if let Ok(x) = xliff::views(&path, piece) {
                            assert_eq!((x.source.len(), x.target.len()), (cut, cut));
                        }
                    }
                    Format::Text => {}
                }
            }
        }
    }
}
