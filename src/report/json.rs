//! `json` and `jsonl`: the machine contract of DESIGN.md. Field names and meanings are
//! stable; new fields may be added, none removed or renamed.

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::engine::Report;
use crate::finding::{Finding, Location};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    lang: &'a str,
    article: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    lang: &'a str,
    path: String,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
    found: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    lang: &'a str,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// Paths with forward slashes on every platform, as scripts compare them.
fn path_string(location: &Location) -> String {
    location.path.to_string_lossy().replace('\\', "/")
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: f.rule.id(),
        severity: f.severity.as_str(),
        message: &f.message,
        lang: f.location.lang.as_str(),
        path: path_string(&f.location),
        line: f.location.line,
        column: f.location.column,
        byte_start: f.location.byte_start,
        byte_end: f.location.byte_end,
        found: &f.found,
        expected: f.expected.as_deref(),
        entity: f.entity.as_deref(),
        related: f
            .related
            .iter()
            .map(|r| JsonRelated {
                path: path_string(&r.location),
                lang: r.location.lang.as_str(),
                line: r.location.line,
                column: r.location.column,
                byte_start: r.location.byte_start,
                byte_end: r.location.byte_end,
                text: &r.text,
                label: &r.label,
            })
            .collect(),
    }
}

pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let summary = Summary::of(report);
    let json = JsonReport {
        version: 1,
        files: report
            .files
            .iter()
            .map(|f| JsonFile {
                path: f.path.to_string_lossy().replace('\\', "/"),
                lang: f.lang.as_str(),
                article: &f.article,
            })
            .collect(),
        findings: report.findings.iter().map(finding).collect(),
        summary: JsonSummary {
            files: summary.files,
            findings: summary.findings,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

pub fn write_jsonl(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        serde_json::to_writer(&mut *out, &finding(f))?;
        writeln!(out)?;
    }
    Ok(())
}
