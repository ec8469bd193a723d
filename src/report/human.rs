//! `human`: rustc/ruff-style diagnostics for people at a terminal or reading CI logs.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::Summary;
use crate::display::{inline, visible};
use crate::engine::Report;
use crate::finding::{Finding, Severity};

struct Palette {
    error: Style,
    warning: Style,
    info: Style,
    location: Style,
    gutter: Style,
    emphasis: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        let style = |c: AnsiColor| {
            if color {
                Style::new().fg_color(Some(c.into())).bold()
            } else {
                Style::new()
            }
        };
        Palette {
            error: style(AnsiColor::Red),
            warning: style(AnsiColor::Yellow),
            info: style(AnsiColor::Cyan),
            location: style(AnsiColor::Blue),
            gutter: style(AnsiColor::Blue),
            emphasis: if color {
                Style::new().bold()
            } else {
                Style::new()
            },
        }
    }

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

pub fn write_human(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let palette = Palette::new(color);
    for finding in &report.findings {
        write_finding(finding, &palette, out)?;
    }
    let summary = Summary::of(report);
    if summary.findings == 0 {
        writeln!(out, "no problems found in {} files", summary.files)
    } else {
        let line = format!(
            "found {} problem{} ({} error{}, {} warning{}, {} info) in {} files",
            summary.findings,
            plural(summary.findings),
            summary.errors,
            plural(summary.errors),
            summary.warnings,
            plural(summary.warnings),
            summary.infos,
            summary.files
        );
        writeln!(out, "{}", paint(palette.emphasis, &line))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn write_finding(f: &Finding, p: &Palette, out: &mut dyn Write) -> io::Result<()> {
    let head = format!("{}[{}]", f.severity.as_str(), f.rule.id());
    writeln!(
        out,
        "{}: {}",
        paint(p.severity(f.severity), &head),
        paint(p.emphasis, &inline(&f.message))
    )?;
    let loc = &f.location;
    let gutter_width = loc.line.to_string().len();
    let pad = " ".repeat(gutter_width);
    write_location(out, p, &pad, "-->", loc)?;
    let label = if f.rule.is_drift() {
        format!(" this version ({})", loc.lang)
    } else {
        match &f.expected {
            Some(expected) if !f.found.is_empty() => format!(" use '{expected}'"),
            _ => String::new(),
        }
    };
    match &loc.context {
        Some(context) => write_snippet(out, p, f.severity, loc.line, &pad, context, &label)?,
        None => {
            if let Some(expected) = &f.expected {
                writeln!(out, "{pad} {} expected: '{expected}'", paint(p.gutter, "="))?;
            }
        }
    }
    if let Some(entity) = &f.entity {
        writeln!(out, "{pad} {} entity: {entity}", paint(p.gutter, "="))?;
    }
    for related in &f.related {
        let rl = &related.location;
        match &rl.context {
            Some(context) => {
                write_location(out, p, &pad, ":::", rl)?;
                let label = format!(" {} ({})", related.label, rl.lang);
                write_snippet(out, p, Severity::Info, rl.line, &pad, context, &label)?;
            }
            None => writeln!(
                out,
                "{pad} {} {}: {}:{}:{} ({}): {}",
                paint(p.gutter, "="),
                related.label,
                rl.path.display(),
                rl.line,
                rl.column,
                rl.lang,
                inline(&related.text)
            )?,
        }
    }
    writeln!(out)
}

/// `--> path:line:column (lang)` (or `:::` for a related place).
fn write_location(
    out: &mut dyn Write,
    p: &Palette,
    pad: &str,
    arrow: &str,
    loc: &crate::finding::Location,
) -> io::Result<()> {
    writeln!(
        out,
        "{pad}{} {}:{}:{} ({})",
        paint(p.gutter, arrow),
        paint(p.location, &loc.path.display().to_string()),
        loc.line,
        loc.column,
        loc.lang
    )
}

/// A line excerpt with the span underlined and labelled.
fn write_snippet(
    out: &mut dyn Write,
    p: &Palette,
    severity: Severity,
    line: usize,
    pad: &str,
    context: &crate::finding::LineContext,
    label: &str,
) -> io::Result<()> {
    let snippet = Snippet::new(&context.line, context.span.start, context.span.end);
    let bar = paint(p.gutter, "|");
    let number = format!("{line:>width$}", width = pad.len());
    writeln!(out, "{pad} {bar}")?;
    writeln!(out, "{} {bar} {}", paint(p.gutter, &number), snippet.text)?;
    let marks = "^".repeat(snippet.width.max(1));
    writeln!(
        out,
        "{pad} {bar} {}{}",
        " ".repeat(snippet.offset),
        paint(p.severity(severity), &format!("{marks}{label}"))
    )
}

/// The excerpt shown under a finding, made visible, and where the span sits in it in
/// terminal columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub offset: usize,
    pub width: usize,
}

impl Snippet {
    /// `start..end` are byte offsets of the span in `excerpt`.
    pub fn new(excerpt: &str, start: usize, end: usize) -> Snippet {
        let before = visible(&excerpt[..start]);
        let span = visible(&excerpt[start..end]);
        let after = visible(&excerpt[end..]);
        Snippet {
            text: format!("{before}{span}{after}").replace(['\n', '\r'], " "),
            offset: before.width(),
            width: span.width(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_width_counts_wide_characters() {
        let line = "哈马斯领导人 Haniya 说";
        let start = line.find("Haniya").unwrap();
        let s = Snippet::new(line, start, start + 6);
        assert_eq!(s.offset, 13);
        assert_eq!(s.width, 6);
    }

    #[test]
    fn snippet_shows_invisible_characters() {
        let line = "the Hiz\u{00AD}ballah line";
        let s = Snippet::new(line, 4, 4 + "Hiz\u{00AD}ballah".len());
        assert_eq!(s.text, "the Hiz<U+00AD>ballah line");
        assert_eq!(s.width, "Hiz<U+00AD>ballah".len());
    }
}
