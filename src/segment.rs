//! Paragraphs and sentences, with byte spans into the original text.
//!
//! Sentence boundaries come from Unicode's rules (UAX #29, through unicode-segmentation,
//! run only where a boundary can be: `sentence_bounds`), which already know the Arabic
//! question mark ؟, the Urdu full stop ۔, CJK 。 and closing quotes and brackets. What
//! they cannot know is language: a break after "U.N.", "Mr.", "z. B.", an initial ("J.")
//! or a German ordinal ("am 7. Oktober") is undone here.

use std::ops::Range;

use crate::lang::LangTag;
use crate::sentence_bounds::sentence_pieces;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Range<usize>,
    /// Indexes into `Segmentation::sentences`.
    pub sentences: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub paragraph: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Segmentation {
    /// The sentence containing a byte offset, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

/// Splits a text into paragraphs (blank-line separated; every line is a paragraph when the
/// text has no blank line at all) and sentences.
pub fn segment(text: &str, lang: &LangTag) -> Segmentation {
    let mut out = Segmentation::default();
    for span in paragraph_spans(text) {
        let first = out.sentences.len();
        let paragraph = out.paragraphs.len();
        for sentence in sentence_spans(&text[span.clone()], lang) {
            out.sentences.push(Sentence {
                span: span.start + sentence.start..span.start + sentence.end,
                paragraph,
            });
        }
        out.paragraphs.push(Paragraph {
            span,
            sentences: first..out.sentences.len(),
        });
    }
    out
}

fn paragraph_spans(text: &str) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = {
        let mut start = 0;
        let mut lines = Vec::new();
        for (i, _) in text.match_indices('\n') {
            lines.push(start..i);
            start = i + 1;
        }
        lines.push(start..text.len());
        lines
    };
    let blank = |r: &Range<usize>| text[r.clone()].trim().is_empty();
    // Blank lines separate paragraphs only between two lines of text: the empty line after
    // a file's final newline (most files end with one), or blank lines before the first
    // line of text, do not make a text of one paragraph per line a text of wrapped ones.
    let has_blank_lines = match (
        lines.iter().position(|l| !blank(l)),
        lines.iter().rposition(|l| !blank(l)),
    ) {
        (Some(first), Some(last)) => lines[first..last].iter().any(blank),
        _ => false,
    };
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        if blank(&line) {
            paragraphs.extend(current.take());
            continue;
        }
        current = match current {
            Some(p) if has_blank_lines && !line_starts_block(&text[line.clone()]) => {
                Some(p.start..line.end)
            }
            Some(p) => {
                paragraphs.push(p);
                Some(line)
            }
            None => Some(line),
        };
    }
    paragraphs.extend(current);
    paragraphs
        .into_iter()
        .map(|p| trim_span(text, p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Lines that start a block of their own even without a blank line before them: headings
/// and list items in Markdown.
fn line_starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("- ") || t.starts_with("* ") || t.starts_with("> ")
}

fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// Sentence spans inside one paragraph.
fn sentence_spans(paragraph: &str, lang: &LangTag) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    for span in sentence_pieces(paragraph) {
        let piece = &paragraph[span.clone()];
        match spans.last_mut() {
            Some(last) if !ends_sentence(&paragraph[last.clone()], piece, lang) => {
                last.end = span.end
            }
            _ => spans.push(span),
        }
    }
    spans
        .into_iter()
        .map(|s| trim_span(paragraph, s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Characters of the longest abbreviation of any language (`abbreviations`).
const MAX_ABBREVIATION_CHARS: usize = 5;

/// Abbreviations after which a full stop does not end a sentence (lower case, without the
/// final dot).
fn abbreviations(lang: &LangTag) -> &'static [&'static str] {
    match lang.primary() {
        "en" => &[
            "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen",
            "gov", "u.n", "u.s", "u.k", "e.g", "i.e", "vs", "no", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "jr", "sr",
            "a.m", "p.m",
        ],
        "fr" => &[
            "m", "mme", "mlle", "dr", "pr", "st", "ste", "cf", "av", "etc", "janv", "févr", "avr",
            "juil", "sept", "oct", "nov", "déc", "o.n.u",
        ],
        "de" => &[
            "z.b", "z. b", "d.h", "d. h", "u.a", "u. a", "bzw", "ca", "dr", "prof", "nr", "vgl",
            "usw", "hr", "fr", "st", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "okt",
            "nov", "dez",
        ],
        "es" => &[
            "sr", "sra", "srta", "dr", "dra", "ud", "uds", "ee.uu", "ene", "feb", "abr", "jun",
            "jul", "ago", "sept", "oct", "nov", "dic",
        ],
        "ru" => &[
            "г", "гг", "т.е", "т.д", "т.п", "ул", "им", "св", "см", "тыс", "млн", "млрд", "янв",
            "фев", "апр", "авг", "сент", "окт", "нояб", "дек",
        ],
        _ => &[],
    }
}

/// Languages that write ordinals as a number with a full stop ("am 7. Oktober").
fn uses_ordinal_dot(lang: &LangTag) -> bool {
    matches!(
        lang.primary(),
        "de" | "da"
            | "no"
            | "nb"
            | "nn"
            | "fi"
            | "cs"
            | "sk"
            | "pl"
            | "hu"
            | "sl"
            | "hr"
            | "sr"
            | "tr"
            | "et"
            | "lv"
            | "is"
    )
}

/// Whether a Unicode sentence break after `before` is a real one.
fn ends_sentence(before: &str, next: &str, lang: &LangTag) -> bool {
    let trimmed = before.trim_end();
    let Some(without_dot) = trimmed.strip_suffix('.') else {
        return true;
    };
    // The word before the dot, including inner dots and spaces of "z. B." style.
    let last_word = without_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“' || c == '«')
        .next()
        .unwrap_or("");
    // Lower-casing never shortens a text in characters, so a word longer than every
    // abbreviation is none, and is not lower-cased (a copy per sentence) to find out.
    let may_abbreviate = |chars: usize| chars <= MAX_ABBREVIATION_CHARS;
    if may_abbreviate(last_word.chars().count())
        && abbreviations(lang).contains(&last_word.to_lowercase().as_str())
    {
        return false;
    }
    // "z. B." is two words: check the last two together.
    let mut tail = without_dot
        .rsplit(char::is_whitespace)
        .filter(|w| !w.is_empty());
    if let (Some(b), Some(a)) = (tail.next(), tail.next()) {
        if may_abbreviate(a.chars().count() + 1 + b.chars().count())
            && abbreviations(lang).contains(&format!("{a} {b}").to_lowercase().as_str())
        {
            return false;
        }
    }
    // An initial ("J. K. Rowling") or the first letter of an abbreviation ("z. B.").
    let mut letters = last_word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_alphabetic() {
            return false;
        }
    }
    // A German-style ordinal: "am 7. Oktober", "am 12. gegenüber CNN".
    let digits = last_word.chars().count();
    if uses_ordinal_dot(lang)
        && (1..=2).contains(&digits)
        && last_word.chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    // A following lower-case word never starts a sentence.
    !next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, lang: &str) -> Vec<String> {
        let seg = segment(text, &LangTag::parse(lang).unwrap());
        seg.sentences
            .iter()
            .map(|s| text[s.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let seg = segment(
            "Title\nFirst para. Two.\nThird",
            &LangTag::parse("en").unwrap(),
        );
        assert_eq!(seg.paragraphs.len(), 3);
        assert_eq!(seg.sentences.len(), 4);
        assert_eq!(seg.paragraphs[1].sentences, 1..3);
    }

    /// A final newline, a Windows one, or blank lines around the text are no blank lines
    /// between paragraphs: each line is still one.
    #[test]
    fn a_final_newline_keeps_one_paragraph_per_line() {
        let en = LangTag::parse("en").unwrap();
        for text in [
            "Title\nFirst para. Two.\nThird\n",
            "Title\r\nFirst para. Two.\r\nThird\r\n",
            "\n\nTitle\nFirst para. Two.\nThird\n\n\n",
        ] {
            let seg = segment(text, &en);
            assert_eq!(seg.paragraphs.len(), 3, "{text:?}");
            assert_eq!(seg.paragraphs[1].sentences, 1..3, "{text:?}");
        }
    }

    #[test]
    fn blank_lines_separate_wrapped_paragraphs() {
        let text = "A wrapped\nparagraph here.\n\nSecond one.\n";
        let seg = segment(text, &LangTag::parse("en").unwrap());
        assert_eq!(seg.paragraphs.len(), 2);
        assert_eq!(
            &text[seg.paragraphs[0].span.clone()],
            "A wrapped\nparagraph here."
        );
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_bound() {
        for lang in ["en", "fr", "de", "es", "ru", "ar", "fa", "it"] {
            let lang = LangTag::parse(lang).unwrap();
            for abbreviation in abbreviations(&lang) {
                assert!(abbreviation.chars().count() <= MAX_ABBREVIATION_CHARS);
            }
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("The U.N. Security Council met. Mr. Smith said so.", "en"),
            ["The U.N. Security Council met.", "Mr. Smith said so."]
        );
        assert_eq!(sentences("J. K. Rowling wrote. Then.", "en").len(), 2);
        assert_eq!(
            sentences("Das gilt z. B. für Iran. Danach kam mehr.", "de"),
            ["Das gilt z. B. für Iran.", "Danach kam mehr."]
        );
        assert_eq!(
            sentences("Il a vu M. Dupont hier. Puis rien.", "fr").len(),
            2
        );
    }

    #[test]
    fn german_ordinals_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Der Angriff am 7. Oktober kam. Am 12. gegenüber CNN sagte er nichts.",
                "de"
            )
            .len(),
            2
        );
    }

    #[test]
    fn numbers_with_dots_and_quotes() {
        assert_eq!(
            sentences("It cost 1.000,5 euros. Then 3.5 more.", "en").len(),
            2
        );
        assert_eq!(
            sentences(
                "They asked to “deploy their environment.” Ultimately, no.",
                "en"
            ),
            [
                "They asked to “deploy their environment.”",
                "Ultimately, no."
            ]
        );
    }

    #[test]
    fn arabic_persian_and_cjk_terminators() {
        assert_eq!(sentences("هل قال ذلك؟ نعم قال.", "ar").len(), 2);
        assert_eq!(sentences("او گفت؛ سپس رفت. بعد آمد.", "fa").len(), 2);
        assert_eq!(sentences("یہ ہے۔ وہ ہے۔", "ur").len(), 2);
        assert_eq!(sentences("哈马斯说了。以色列没有。", "zh").len(), 2);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "  First one.   Second one.  ";
        let seg = segment(text, &LangTag::parse("en").unwrap());
        let got: Vec<&str> = seg
            .sentences
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect();
        assert_eq!(got, ["First one.", "Second one."]);
        assert_eq!(seg.sentence_at(text.find("Second").unwrap()), Some(1));
        assert_eq!(seg.sentence_at(0), None);
    }
}
