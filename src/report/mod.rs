//! Reporters: they only format findings, never decide what is found.

mod csv;
mod html;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use crate::engine::Report;
use crate::finding::Severity;

pub use self::csv::write_csv;
pub use html::write_html;
pub use human::write_human;
pub use json::{write_json, write_jsonl};
pub use sarif::write_sarif;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Jsonl,
    Sarif,
    Csv,
    Html,
}

/// Counts per severity, as the JSON summary and the human footer show them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files: report.files.len(),
            findings: report.findings.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

pub fn write(report: &Report, format: Format, color: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => write_human(report, color, out),
        Format::Json => write_json(report, out),
        Format::Jsonl => write_jsonl(report, out),
        Format::Sarif => write_sarif(report, out),
        Format::Csv => write_csv(report, out),
        Format::Html => write_html(report, out),
    }
}
