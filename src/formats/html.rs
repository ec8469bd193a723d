//! HTML: the prose of a page, everything else blanked.
//!
//! Tokenized with `html5tokenizer`, a WHATWG-compliant tokenizer that reports the byte span
//! of every token, character and attribute value (html5ever and lol_html give no source
//! offsets; tl gives only slices). Its character tokens carry the span of a character
//! reference too, so `&eacute;` is written decoded and padded to its length.
//!
//! Prose: text outside `<script>`, `<style>`, `<code>`, `<pre>`, `<template>`,
//! `<textarea>`, `<kbd>`, `<samp>`, plus the values of `alt` and `title` attributes. Tag
//! names and other attributes are blanked. Block elements end a paragraph. Suppression
//! comments: see [`crate::formats`].

use std::ops::Range;

use html5tokenizer::offset::PosTrackingReader;
use html5tokenizer::trace::Trace;
use html5tokenizer::{NaiveParser, Token, TracingEmitter};

use super::view::{directive, ViewBuilder};

/// Elements whose text is code, not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "code", "pre", "template", "textarea", "kbd", "samp",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// Attributes whose values are prose.
const PROSE_ATTRIBUTES: &[&str] = &["alt", "title"];

/// The view of a whole HTML file.
pub fn view(original: &str) -> String {
    let mut v = ViewBuilder::new(original);
    html_into(&mut v, 0..original.len());
    v.finish()
}

/// Writes the prose of `original[range]` (HTML) into the view.
pub(crate) fn html_into(v: &mut ViewBuilder, range: Range<usize>) {
    let original = v.original();
    let Some(html) = original.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let at = |r: Range<usize>| base + r.start..base + r.end;
    let parser =
        NaiveParser::new_with_emitter(PosTrackingReader::new(html), TracingEmitter::default());
    let mut skipped = 0usize;
    let mut written_to = 0usize;
    for item in parser {
        let Ok((token, trace)) = item;
        match (token, trace) {
            (Token::Char(c), Trace::Char(span)) => {
                let span = with_semicolon(original, at(span));
                if skipped == 0 && span.start >= written_to {
                    v.put_char(span.clone(), c);
                    written_to = span.end;
                }
            }
            (Token::StartTag(tag), Trace::StartTag(trace)) => {
                let name = tag.name.to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skipped += 1;
                }
                if BLOCKS.contains(&name.as_str()) {
                    v.block_break(base + trace.span.start);
                }
                let mut has_prose = false;
                if skipped == 0 {
                    for attr in &tag.attributes {
                        let name = attr.name().to_ascii_lowercase();
                        if !PROSE_ATTRIBUTES.contains(&name.as_str()) {
                            continue;
                        }
                        let Some(idx) = attr.trace_idx() else {
                            continue;
                        };
                        let Some(span) = trace.attribute_traces[idx].value_span() else {
                            continue;
                        };
                        has_prose = true;
                        attribute_into(v, at(span));
                    }
                }
                if !has_prose && !BLOCKS.contains(&name.as_str()) {
                    v.inline(at(trace.span));
                }
            }
            (Token::EndTag(tag), Trace::EndTag(trace)) => {
                let name = tag.name.to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) {
                    skipped = skipped.saturating_sub(1);
                }
                if BLOCKS.contains(&name.as_str()) {
                    v.block_break(base + trace.span.start);
                } else {
                    v.inline(at(trace.span));
                }
            }
            (Token::Comment(text), Trace::Comment(trace)) => {
                if let Some(d) = directive(&text) {
                    v.directive(d, at(trace.data_span));
                }
            }
            _ => {}
        }
    }
}

/// The tokenizer's span of a named reference stops before its ';': take it in.
fn with_semicolon(text: &str, span: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let is_reference = bytes.get(span.start) == Some(&b'&') && span.len() > 1;
    if is_reference && bytes.get(span.end - 1) != Some(&b';') && bytes.get(span.end) == Some(&b';')
    {
        span.start..span.end + 1
    } else {
        span
    }
}

/// An attribute value: its characters, with references decoded, as prose.
fn attribute_into(v: &mut ViewBuilder, span: Range<usize>) {
    let Some(raw) = v.original().get(span.clone()) else {
        return;
    };
    // The value is tokenized as text so that its character references are decoded with
    // their spans; a '<' inside a value is simply not prose.
    let parser =
        NaiveParser::new_with_emitter(PosTrackingReader::new(raw), TracingEmitter::default());
    let mut written_to = 0;
    for item in parser {
        let Ok((token, trace)) = item;
        if let (Token::Char(c), Trace::Char(r)) = (token, trace) {
            if r.start >= written_to {
                let r = with_semicolon(raw, r);
                v.put_char(span.start + r.start..span.start + r.end, c);
                written_to = r.end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_prose_markup_and_code_are_blank() {
        let html = "<html><head><title>Hamas</title><style>p { color: red }</style>\
            <script>var Hizballah = 1;</script></head>\n<body><p class=\"Hizballah\">Israël \
            <a href=\"https://x.org/Haniya\">Haniyeh</a> <code>Hizbollah</code></p></body></html>";
        let view = view(html);
        assert_eq!(view.len(), html.len());
        assert!(view.contains("Hamas"));
        assert!(view.contains("Israël"));
        assert!(view.contains("Haniyeh"));
        for hidden in ["Hizballah", "Haniya", "Hizbollah", "color", "href", "class"] {
            assert!(!view.contains(hidden), "{hidden} in {view:?}");
        }
    }

    #[test]
    fn references_are_decoded_and_padded() {
        let html = "<p>Isra&euml;l &#1581;&amp; caf&eacute;</p>";
        let view = view(html);
        assert_eq!(view.len(), html.len());
        let at = html.find("&euml;").unwrap();
        assert_eq!(&view[at..at + 6], "ë\0\0\0\0");
        assert_eq!(view.replace('\0', "").trim(), "Israël ح& café");
    }

    #[test]
    fn alt_and_title_are_prose_other_attributes_not() {
        let html =
            "<img src=\"haniya.jpg\" alt=\"Ismail Hani&eacute;h\" title=\"Gaza\" data-x=\"Iran\">";
        let view = view(html);
        assert_eq!(view.len(), html.len());
        let squeezed = view.replace('\0', "");
        assert!(squeezed.contains("Ismail Haniéh"));
        assert!(squeezed.contains("Gaza"));
        assert!(!squeezed.contains("Iran") && !squeezed.contains("haniya"));
    }

    #[test]
    fn inline_tags_inside_words_and_blocks_between_paragraphs() {
        let html = "<p>Is<b>ra</b>el</p><p>Gaza</p>";
        let view = view(html);
        assert!(view.replace('\0', "").contains("Israel"));
        let israel = view.find("Is").unwrap();
        let gaza = view.find("Gaza").unwrap();
        assert!(view[israel..gaza].contains("\n\n"), "{view:?}");
    }

    #[test]
    fn suppression_comments() {
        let html = "<p>Hamas one</p>\n<!-- glosscheck-ignore next-line -->\n<p>Hizballah two</p>\n\
            <!-- glosscheck-ignore -->\n<p>Haniya</p>\n<p>Hanieh</p>\n<!-- glosscheck-ignore-end -->\n<p>Gaza</p>";
        let view = view(html);
        assert!(view.contains("Hamas one") && view.contains("Gaza"));
        for hidden in ["Hizballah", "Haniya", "Hanieh"] {
            assert!(!view.contains(hidden), "{hidden} in {view:?}");
        }
    }
}
