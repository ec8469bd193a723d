//! Markdown: the prose of a CommonMark (+ tables, footnotes, strikethrough) document.
//!
//! Parsed with `pulldown-cmark`, whose offset iterator gives the source range of every
//! event. Prose: text of paragraphs, headings, list items, block quotes, table cells,
//! emphasis, link text, link titles and image alt text. Not prose: code blocks, inline code,
//! link and image destinations, YAML (`---`) or TOML (`+++`) front matter, HTML tags (the
//! text of an HTML block is read as HTML, see [`super::html`]). Character references are
//! decoded and padded. Suppression comments: see [`crate::formats`].

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html::html_into;
use super::view::{directive, ViewBuilder};

pub fn view(original: &str) -> String {
    let mut v = ViewBuilder::new(original);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Depth inside code blocks, front matter and HTML blocks: their text is not prose.
    let mut hidden = 0usize;
    // End of the last text, and whether only inline markup (emphasis, link brackets) stands
    // between it and the next text: then that markup is inline (glued inside a word).
    let mut last_text_end: Option<usize> = None;
    let mut inline_gap = false;
    for (event, range) in Parser::new_ext(original, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => hidden += 1,
                    Tag::HtmlBlock => {
                        hidden += 1;
                        html_into(&mut v, range.clone());
                    }
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => inline_gap = true,
                    Tag::Link { title, .. } | Tag::Image { title, .. } if title.is_empty() => {
                        inline_gap = true
                    }
                    Tag::Link { title, .. } | Tag::Image { title, .. } => {
                        // The title has no range of its own: it is the last quoted run of
                        // the link's source that reads the same.
                        if let Some(at) = original
                            .get(range.clone())
                            .and_then(|s| s.rfind(title.as_ref()))
                        {
                            let start = range.start + at;
                            v.keep(start..start + title.len());
                        }
                    }
                    _ => {}
                }
                if is_block(&tag) {
                    last_text_end = None;
                    v.block_break(range.start);
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                        hidden = hidden.saturating_sub(1)
                    }
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => inline_gap = true,
                    TagEnd::Link | TagEnd::Image => inline_gap = true,
                    _ => {}
                }
                if is_block_end(&end) {
                    last_text_end = None;
                    v.block_break(range.end);
                }
            }
            Event::Text(text) if hidden == 0 => {
                if let Some(end) = last_text_end.filter(|_| inline_gap) {
                    v.inline(end..range.start);
                }
                inline_gap = false;
                last_text_end = Some(range.end);
                v.put_text(range, &text)
            }
            Event::InlineHtml(html) if hidden == 0 => {
                let comment = html
                    .trim()
                    .strip_prefix("<!--")
                    .and_then(|s| s.strip_suffix("-->"));
                match comment.and_then(directive) {
                    Some(d) => v.directive(d, range),
                    None => v.inline(range),
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::SoftBreak | Event::HardBreak => {
                last_text_end = None;
            }
            _ => {}
        }
    }
    v.finish()
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_kept_code_and_destinations_blanked() {
        let md = "---\ntitle: Hizballah\n---\n\n# Hamas and Iran\n\nText with `Hizbollah` and \
            [Haniyeh](https://x.org/haniya \"Gaza strip\") and ![Israël](img/hanieh.png).\n\n\
            ```\nlet Hizballah = 1;\n```\n";
        let view = view(md);
        assert_eq!(view.len(), md.len());
        for shown in [
            "Hamas and Iran",
            "Text with",
            "Haniyeh",
            "Gaza strip",
            "Israël",
        ] {
            assert!(view.contains(shown), "{shown} missing in {view:?}");
        }
        for hidden in [
            "Hizballah",
            "Hizbollah",
            "haniya",
            "hanieh",
            "title:",
            "#",
            "`",
        ] {
            assert!(!view.contains(hidden), "{hidden} in {view:?}");
        }
    }

    #[test]
    fn entities_padded_and_emphasis_inside_words_glued() {
        let md = "Isra&euml;l and Is**ra**el\n";
        let view = view(md);
        assert_eq!(view.len(), md.len());
        let at = md.find("&euml;").unwrap();
        assert_eq!(&view[at..at + 6], "ë\0\0\0\0");
        assert_eq!(view.replace('\0', "").trim_end(), "Israël and Israel");
    }

    #[test]
    fn headings_and_items_are_paragraphs() {
        let md = "# Title\n\n- one item\n- two item\n";
        let view = view(md);
        let one = view.find("one").unwrap();
        let two = view.find("two").unwrap();
        assert!(view[one..two].contains("\n\n"), "{view:?}");
    }

    #[test]
    fn suppression_comments() {
        let md = "Hamas one.\n\n<!-- glosscheck-ignore next-line -->\nHizballah two.\n\n\
            Gaza <!-- glosscheck-ignore -->Haniya<!-- glosscheck-ignore-end --> three.\n";
        let view = view(md);
        assert!(view.contains("Hamas one.") && view.contains("Gaza") && view.contains("three."));
        assert!(
            !view.contains("Hizballah") && !view.contains("Haniya"),
            "{view:?}"
        );
    }
}
