//! XLIFF 1.2 and 2.x: the bilingual files CAT tools (Trados Studio, memoQ, Okapi, Phrase)
//! exchange. One file holds two versions: every unit's source and its target.
//!
//! Read with `quick-xml`, whose reader reports the byte position of every event. Each
//! unit's `<source>` text goes into the source view and its `<target>` text into the target
//! view, with a blank line between units, so unit i of the source and unit i of the target
//! are paragraph i of each version. Inline tags (`<g>`, `<x/>`, `<bx/>`, `<ex/>`, `<pc>`,
//! `<sc/>`, `<ec/>`, `<mrk>`, `<cp/>`) are markup (NUL bytes inside a word); the content of
//! `<ph>`, `<bpt>`, `<ept>`, `<it>` and `<sub>` is native code and is not prose. Translation
//! memory matches (`<alt-trans>`, `<mtc:match>`) and `<seg-source>` are not read. DTD
//! entities are never expanded: a file declaring one is refused.

use std::ops::Range;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::view::ViewBuilder;
use crate::document::InputError;
use crate::lang::LangTag;

/// The two versions of an XLIFF file.
#[derive(Debug)]
pub struct XliffViews {
    pub source_lang: LangTag,
    pub target_lang: LangTag,
    pub source: String,
    pub target: String,
}

/// Elements whose content is native code.
const CODE: &[&[u8]] = &[b"ph", b"bpt", b"ept", b"it", b"sub"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads the views of an XLIFF file.
pub fn views(path: &Path, original: &str) -> Result<XliffViews, InputError> {
    let error = |offset: usize, message: String| {
        InputError::at_line(path, line_of(original, offset), message)
    };
    let mut reader = Reader::from_str(original);
    reader.config_mut().trim_text(false);
    let mut source = ViewBuilder::new(original);
    let mut target = ViewBuilder::new(original);
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut langs: Option<(LangTag, LangTag)> = None;
    let mut side: Option<Side> = None;
    let mut code_depth = 0usize;
    let mut units = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            error(
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        let after = (reader.buffer_position() as usize).min(original.len());
        let span = before..after;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_vec();
                match name.as_slice() {
                    b"xliff" => {
                        let src = attribute(e, b"srcLang");
                        let trg = attribute(e, b"trgLang");
                        if src.is_some() || trg.is_some() {
                            langs = Some(pair(
                                path,
                                original,
                                before,
                                src,
                                trg,
                                "<xliff srcLang= trgLang=>",
                                langs.take(),
                            )?);
                        }
                    }
                    b"file" => {
                        let src = attribute(e, b"source-language");
                        let trg = attribute(e, b"target-language");
                        if src.is_some() || trg.is_some() {
                            langs = Some(pair(
                                path,
                                original,
                                before,
                                src,
                                trg,
                                "<file source-language= target-language=>",
                                langs.take(),
                            )?);
                        }
                    }
                    b"trans-unit" | b"unit" if !is_empty => {
                        units += 1;
                        source.block_break(before);
                        target.block_break(before);
                    }
                    b"source" | b"target" if !is_empty && side.is_none() => {
                        let parent = stack.last().map(Vec::as_slice);
                        if matches!(parent, Some(b"trans-unit" | b"segment" | b"ignorable")) {
                            side = Some(if name == b"source" {
                                Side::Source
                            } else {
                                Side::Target
                            });
                            code_depth = 0;
                        }
                    }
                    _ => {
                        if let Some(s) = side {
                            let v = if s == Side::Source {
                                &mut source
                            } else {
                                &mut target
                            };
                            v.inline(span.clone());
                            if !is_empty && CODE.contains(&name.as_slice()) {
                                code_depth += 1;
                            }
                        }
                    }
                }
                if !is_empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_vec();
                stack.pop();
                match name.as_slice() {
                    b"trans-unit" | b"unit" => {
                        source.block_break(before);
                        target.block_break(before);
                    }
                    b"source" | b"target" if code_depth == 0 && side.is_some() => {
                        let closes = match side {
                            Some(Side::Source) => name == b"source",
                            _ => name == b"target",
                        };
                        if closes && is_segment_parent(stack.last()) {
                            side = None;
                        } else if let Some(s) = side {
                            let v = if s == Side::Source {
                                &mut source
                            } else {
                                &mut target
                            };
                            v.inline(span.clone());
                        }
                    }
                    _ => {
                        if let Some(s) = side {
                            let v = if s == Side::Source {
                                &mut source
                            } else {
                                &mut target
                            };
                            v.inline(span.clone());
                            if CODE.contains(&name.as_slice()) {
                                code_depth = code_depth.saturating_sub(1);
                            }
                        }
                    }
                }
            }
            Event::Text(_) => {
                if let (Some(s), 0) = (side, code_depth) {
                    let v = if s == Side::Source {
                        &mut source
                    } else {
                        &mut target
                    };
                    text_into(v, span).map_err(|(at, m)| error(at, m))?;
                }
            }
            Event::CData(_) => {
                if let (Some(s), 0) = (side, code_depth) {
                    let v = if s == Side::Source {
                        &mut source
                    } else {
                        &mut target
                    };
                    // <![CDATA[ … ]]>
                    if span.len() >= 12 {
                        v.keep(span.start + 9..span.end - 3);
                    }
                }
            }
            Event::DocType(ref d) => {
                let text = String::from_utf8_lossy(d.as_ref());
                if text.contains("<!ENTITY") || text.contains("ENTITY") {
                    return Err(error(
                        before,
                        "the DOCTYPE declares entities; they are never expanded (entity expansion attacks): remove the declaration".into(),
                    ));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(error(
            original.len(),
            format!(
                "malformed XML: <{}> is not closed at the end of the file",
                String::from_utf8_lossy(open)
            ),
        ));
    }
    let Some((source_lang, target_lang)) = langs else {
        return Err(InputError::new(
            path,
            "not an XLIFF file: no <xliff srcLang=…> or <file source-language=…> found",
        ));
    };
    if units == 0 {
        return Err(InputError::new(
            path,
            "no <trans-unit> or <unit> in this XLIFF file",
        ));
    }
    Ok(XliffViews {
        source_lang,
        target_lang,
        source: source.finish(),
        target: target.finish(),
    })
}

fn is_segment_parent(parent: Option<&Vec<u8>>) -> bool {
    matches!(
        parent.map(Vec::as_slice),
        Some(b"trans-unit" | b"segment" | b"ignorable")
    )
}

fn attribute(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The language pair of an `<xliff>` or `<file>` element, checked against an earlier pair.
fn pair(
    path: &Path,
    original: &str,
    at: usize,
    src: Option<String>,
    trg: Option<String>,
    element: &str,
    earlier: Option<(LangTag, LangTag)>,
) -> Result<(LangTag, LangTag), InputError> {
    let line = line_of(original, at);
    let parse = |value: Option<String>, what: &str| {
        let value = value.ok_or_else(|| {
            InputError::at_line(path, line, format!("no {what} language on {element}"))
        })?;
        LangTag::parse(&value)
            .map_err(|m| InputError::at_line(path, line, format!("{m} in {element}")))
    };
    let now = (parse(src, "source")?, parse(trg, "target")?);
    if let Some(earlier) = earlier {
        if earlier != now {
            return Err(InputError::at_line(
                path,
                line,
                format!(
                    "this <file> is {}→{} but an earlier one is {}→{}: split the file by language pair",
                    now.0, now.1, earlier.0, earlier.1
                ),
            ));
        }
    }
    Ok(now)
}

/// Text of a segment: copied, with character references decoded and padded.
fn text_into(v: &mut ViewBuilder, span: Range<usize>) -> Result<(), (usize, String)> {
    let raw = &v.original()[span.clone()];
    let mut kept_from = 0;
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        let at = raw.len() - rest.len() + amp;
        let Some(semi) = raw[at..].find(';') else {
            return Err((span.start + at, "malformed XML: '&' without ';'".into()));
        };
        let name = &raw[at + 1..at + semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(|d| d.parse::<u32>()))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        let Some(c) = c else {
            return Err((
                span.start + at,
                format!("unknown entity '&{name};' (DTD entities are not expanded)"),
            ));
        };
        v.keep(span.start + kept_from..span.start + at);
        v.put_char(span.start + at..span.start + at + semi + 1, c);
        kept_from = at + semi + 1;
        rest = &raw[kept_from..];
    }
    v.keep(span.start + kept_from..span.end);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en-US" target-language="fr-FR" datatype="plaintext" original="a.txt">
<body>
<trans-unit id="1"><source>Hamas and <g id="1">Iran</g>.</source><target>Le Hamas et l&apos;<g id="1">Iran</g>.</target>
<alt-trans><target>Hizballah</target></alt-trans></trans-unit>
<trans-unit id="2"><source>Is<g id="2">ra</g>el<x id="3"/> now <ph id="4">&lt;b Hizbollah&gt;</ph></source><target>Isra&#235;l</target></trans-unit>
</body></file></xliff>"#;

    #[test]
    fn source_and_target_views() {
        let x = views(Path::new("a.xlf"), V12).unwrap();
        assert_eq!(
            (x.source_lang.as_str(), x.target_lang.as_str()),
            ("en-US", "fr-FR")
        );
        assert_eq!(x.source.len(), V12.len());
        assert_eq!(x.target.len(), V12.len());
        let squeeze = |v: &str| {
            v.replace('\0', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (src, trg) = (squeeze(&x.source), squeeze(&x.target));
        assert!(src.contains("Hamas and Iran."), "{src:?}");
        assert!(src.contains("Israel"), "{src:?}");
        assert!(!src.contains("Hizbollah") && !src.contains("Le Hamas"));
        assert!(trg.contains("Le Hamas et l'Iran."), "{trg:?}");
        assert!(trg.contains("Israël"));
        assert!(!trg.contains("Hizballah") && !trg.contains("Hamas and"));
        let at = V12.find("&#235;").unwrap();
        assert_eq!(&x.target[at..at + 6], "ë\0\0\0\0");
        // Units are paragraphs.
        let (a, b) = (x.source.find("Iran").unwrap(), x.source.find("Is").unwrap());
        assert!(x.source[a..b].contains("\n\n"));
    }

    #[test]
    fn xliff2_languages_and_inline_codes() {
        let doc = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
<file id="f1"><unit id="u1"><segment><source>Ismail <pc id="1">Haniyeh</pc><ph id="2"/></source>
<target>Ismail <pc id="1">Hanija</pc><ph id="2"/></target></segment></unit></file></xliff>"#;
        let x = views(Path::new("a.xlf"), doc).unwrap();
        assert_eq!(x.target_lang.as_str(), "de");
        let trg = x
            .target
            .replace('\0', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(trg, "Ismail Hanija");
        assert!(!x.target.contains("Haniyeh"));
    }

    #[test]
    fn bad_files_are_input_errors() {
        let entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<xliff/>";
        let e = views(Path::new("a.xlf"), entity).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("entities"), "{e}");
        let malformed = "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"fr\">\n<body></file>";
        let e = views(Path::new("a.xlf"), malformed).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let nolang = "<xliff version=\"1.2\">\n<file target-language=\"fr\"><body/></file></xliff>";
        let e = views(Path::new("a.xlf"), nolang).unwrap_err();
        assert!(
            e.to_string().starts_with("a.xlf:2: no source language"),
            "{e}"
        );
        let badlang = "<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"xx\"></xliff>";
        let e = views(Path::new("a.xlf"), badlang).unwrap_err();
        assert!(e.message.contains("unknown language tag 'xx'"), "{e}");
        let unknown = "<xliff srcLang=\"en\" trgLang=\"fr\"><file><unit><segment><source>&foo;</source></segment></unit></file></xliff>";
        assert!(views(Path::new("a.xlf"), unknown).is_err());
    }
}
