//! Findings: what every check produces and every reporter formats.

use std::ops::Range;
use std::path::PathBuf;

use crate::document::{floor_char_boundary, Document};
use crate::lang::LangTag;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The stable rule ids. Scripts depend on them: never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    DeprecatedForm,
    UnlistedVariant,
    MixedForms,
    UntranslatedForm,
    MissingEntity,
    InexactForm,
    NumberMismatch,
    DateMismatch,
    EntityMismatch,
    OmittedSegment,
    AddedSegment,
    QuoteMismatch,
    LengthOutlier,
}

impl Rule {
    pub const ALL: [Rule; 13] = [
        Rule::DeprecatedForm,
        Rule::UnlistedVariant,
        Rule::MixedForms,
        Rule::UntranslatedForm,
        Rule::MissingEntity,
        Rule::InexactForm,
        Rule::NumberMismatch,
        Rule::DateMismatch,
        Rule::EntityMismatch,
        Rule::OmittedSegment,
        Rule::AddedSegment,
        Rule::QuoteMismatch,
        Rule::LengthOutlier,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::DeprecatedForm => "deprecated-form",
            Rule::UnlistedVariant => "unlisted-variant",
            Rule::MixedForms => "mixed-forms",
            Rule::UntranslatedForm => "untranslated-form",
            Rule::MissingEntity => "missing-entity",
            Rule::InexactForm => "inexact-form",
            Rule::NumberMismatch => "number-mismatch",
            Rule::DateMismatch => "date-mismatch",
            Rule::EntityMismatch => "entity-mismatch",
            Rule::OmittedSegment => "omitted-segment",
            Rule::AddedSegment => "added-segment",
            Rule::QuoteMismatch => "quote-mismatch",
            Rule::LengthOutlier => "length-outlier",
        }
    }

    /// A meaning-drift rule: the finding compares a version with its source.
    pub fn is_drift(self) -> bool {
        self >= Rule::NumberMismatch
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::DeprecatedForm
            | Rule::NumberMismatch
            | Rule::DateMismatch
            | Rule::OmittedSegment => Severity::Error,
            Rule::LengthOutlier => Severity::Info,
            _ => Severity::Warning,
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Rule::DeprecatedForm => {
                "A form the glossary marks as deprecated (a known wrong spelling)."
            }
            Rule::UnlistedVariant => {
                "A word close to a glossary form but not in the glossary: a likely misspelling."
            }
            Rule::MixedForms => "One version uses two different full forms of the same entity.",
            Rule::UntranslatedForm => {
                "A source-language form left in a version whose glossary has its own form."
            }
            Rule::MissingEntity => {
                "An entity named in the source version is not named in this version."
            }
            Rule::InexactForm => {
                "A glossary form written with other accents, capitals or letter forms than the house style."
            }
            Rule::NumberMismatch => {
                "A number or percentage of the source sentence is missing or different in the aligned sentence."
            }
            Rule::DateMismatch => "A date of the source sentence is missing or different in the aligned sentence.",
            Rule::EntityMismatch => {
                "An entity of the source sentence is absent from, or replaced by another in, the aligned sentence."
            }
            Rule::OmittedSegment => "A source sentence or paragraph has no counterpart in this version.",
            Rule::AddedSegment => "A sentence or paragraph of this version has no counterpart in the source.",
            Rule::QuoteMismatch => {
                "The aligned sentences quote a different number of statements, or one quote denies what the other affirms."
            }
            Rule::LengthOutlier => {
                "An aligned sentence is far longer or shorter than the language pair's usual ratio."
            }
        }
    }
}

/// A place in a version: 1-based line and column (Unicode scalar values), byte offsets
/// into the file's own bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub lang: LangTag,
    pub line: usize,
    pub column: usize,
    /// Where the span ends (the position just after it), counted like `line` and `column`.
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// The span in the decoded text.
    pub span: Range<usize>,
    /// The line the span starts on, for reporters that show it; `None` for an empty span.
    pub context: Option<LineContext>,
}

/// An excerpt of the line a finding is on, and the part of it the finding is about. Only
/// a window around the span is kept: articles often hold a whole paragraph, or a whole
/// exported article, on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineContext {
    /// The excerpt, with "…" where the line was cut.
    pub line: String,
    /// Byte range of the span inside `line`.
    pub span: Range<usize>,
}

impl LineContext {
    /// Characters of context kept on each side of a span.
    pub const CONTEXT: usize = 40;
    /// Characters of the span itself kept.
    pub const SPAN: usize = 80;

    fn excerpt(line: &str, span: Range<usize>) -> LineContext {
        let before_start = line[..span.start]
            .char_indices()
            .rev()
            .nth(Self::CONTEXT - 1)
            .map_or(0, |(i, _)| i);
        let span_end = line[span.clone()]
            .char_indices()
            .nth(Self::SPAN)
            .map_or(span.end, |(i, _)| span.start + i);
        let after_end = line[span.end..]
            .char_indices()
            .nth(Self::CONTEXT)
            .map_or(line.len(), |(i, _)| span.end + i);
        let mut excerpt = String::new();
        if before_start > 0 {
            excerpt.push('…');
        }
        excerpt.push_str(&line[before_start..span.start]);
        let start = excerpt.len();
        excerpt.push_str(&line[span.start..span_end]);
        if span_end < span.end {
            excerpt.push('…');
        }
        let end = excerpt.len();
        if span_end == span.end {
            excerpt.push_str(&line[span.end..after_end]);
            if after_end < line.len() {
                excerpt.push('…');
            }
        }
        LineContext {
            line: excerpt,
            span: start..end,
        }
    }
}

impl Location {
    /// The whole file, for findings about what a version lacks altogether.
    pub fn file(doc: &Document) -> Location {
        Location {
            context: None,
            ..Location::of(doc, 0..0)
        }
    }

    pub fn of(doc: &Document, span: Range<usize>) -> Location {
        let position = doc.position(span.start);
        let end = doc.position(span.end);
        let context = (!doc.text.is_empty()).then(|| {
            let (line_start, line) = doc.line_at(span.start);
            // `line` is the original text: a span of a view may start or end inside one of
            // its characters (blanked markup, see `Document::counts_before`).
            let at = |offset: usize| floor_char_boundary(line, offset.saturating_sub(line_start));
            LineContext::excerpt(line, at(span.start)..at(span.end).max(at(span.start)))
        });
        Location {
            path: doc.path.clone(),
            lang: doc.lang.clone(),
            line: position.line,
            column: position.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: doc.file_offset(span.start),
            byte_end: doc.file_offset(span.end),
            span,
            context,
        }
    }
}

/// The other side of a finding: the source sentence, the other spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub location: Location,
    pub text: String,
    /// What the related place is, for people reading the report ("source", "first use").
    pub label: String,
}

impl Related {
    pub fn of(doc: &Document, span: Range<usize>, label: impl Into<String>) -> Related {
        Related {
            text: doc.slice(span.clone()).into_owned(),
            location: Location::of(doc, span),
            label: label.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub found: String,
    pub expected: Option<String>,
    /// The glossary id of the entity the finding is about.
    pub entity: Option<String>,
    pub related: Vec<Related>,
}

impl Finding {
    /// A finding of `rule` at `span` of a version: the rule's severity, the spanned text as
    /// `found` (empty for an empty span), nothing expected or related yet.
    pub fn at(rule: Rule, doc: &Document, span: Range<usize>, message: String) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            message,
            found: doc.slice(span.clone()).into_owned(),
            location: Location::of(doc, span),
            expected: None,
            entity: None,
            related: Vec::new(),
        }
    }

    pub fn expected(mut self, expected: Option<String>) -> Finding {
        self.expected = expected;
        self
    }

    pub fn entity(mut self, id: &str) -> Finding {
        self.entity = Some(id.to_string());
        self
    }

    pub fn related(mut self, related: Related) -> Finding {
        self.related.push(related);
        self
    }

    /// Sort key: file, position, rule.
    pub fn sort_key(&self) -> (&PathBuf, usize, Rule, usize) {
        (
            &self.location.path,
            self.location.byte_start,
            self.rule,
            self.location.byte_end,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_keep_a_window_around_the_span() {
        let line = format!("{}Haniya{}", "a".repeat(100), "b".repeat(100));
        let c = LineContext::excerpt(&line, 100..106);
        assert_eq!(&c.line[c.span.clone()], "Haniya");
        assert!(c.line.starts_with('…') && c.line.ends_with('…'));
        assert_eq!(c.line.chars().count(), 1 + 40 + 6 + 40 + 1);
        let short = LineContext::excerpt("a Haniya b", 2..8);
        assert_eq!(short.line, "a Haniya b");
        let long_span = "x".repeat(200);
        let c = LineContext::excerpt(&long_span, 0..200);
        assert_eq!(c.line.chars().count(), 81);
    }

    #[test]
    fn locations_know_where_their_span_ends() {
        use crate::document::Encoding;
        let doc = Document::from_text(
            "t.txt",
            LangTag::parse("ar").unwrap(),
            "t".into(),
            "first\nقال هنية x\nthird".into(),
            Encoding::Utf8,
        );
        let start = doc.text.find("هنية").unwrap();
        let at = Location::of(&doc, start..start + "هنية".len());
        assert_eq!(
            (at.line, at.column, at.end_line, at.end_column),
            (2, 5, 2, 9)
        );
        // A span over a line break ends on the next line.
        let across = Location::of(&doc, start..doc.text.find("third").unwrap() + 2);
        assert_eq!((across.end_line, across.end_column), (3, 3));
        let file = Location::file(&doc);
        assert_eq!((file.end_line, file.end_column), (1, 1));
    }
}
