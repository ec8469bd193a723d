//! `sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, IDE viewers).
//!
//! One run; the driver lists every rule of `Rule::ALL` (so `ruleIndex` is a rule's place in
//! that list); one result per finding, in the report's order. Regions carry 1-based lines and
//! columns counted in Unicode scalar values (`columnKind: unicodeCodePoints`, as in the JSON
//! report) and the byte offsets into the file's own bytes.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::engine::Report;
use crate::finding::{Finding, Location, Rule, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where the README lives, from `repository` in Cargo.toml; `informationUri` and `helpUri`
/// must be absolute URIs, so they are left out while the package names no repository.
fn readme_uri(anchor: &str) -> Option<String> {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    (!repository.is_empty()).then(|| format!("{repository}{anchor}"))
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    artifacts: Vec<Artifact<'a>>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    short_description: Text<&'static str>,
    full_description: Text<&'static str>,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
struct Artifact<'a> {
    location: ArtifactLocation,
    properties: ArtifactProperties<'a>,
}

#[derive(Serialize)]
struct ArtifactProperties<'a> {
    lang: &'a str,
    article: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<&'a str>,
    locations: [ResultLocation; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    found: &'a str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Bytes a URI path keeps as they are: unreserved, sub-delims, '@' and '/'. ':' is escaped
/// so that a relative path's first segment never reads as a scheme.
fn keeps(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b)
}

fn escape(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if keeps(b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The path as a URI reference: forward slashes, relative paths kept relative (as the user
/// gave them), absolute paths as `file:` URIs, anything outside a URI path percent-encoded
/// (UTF-8), so `ar/خبر.txt` becomes `ar/%D8%AE%D8%A8%D8%B1.txt`.
pub(crate) fn uri(path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let bytes = path.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        // A Windows drive path: C:/articles/a.txt
        format!("file:///{}:{}", &path[..1], escape(&path[2..]))
    } else if path.starts_with("//") {
        // A UNC path: //server/share/a.txt
        format!("file:{}", escape(&path))
    } else if path.starts_with('/') {
        format!("file://{}", escape(&path))
    } else {
        escape(&path)
    }
}

fn physical(location: &Location) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&location.path),
        },
        region: Region {
            start_line: location.line,
            start_column: location.column,
            end_line: location.end_line,
            end_column: location.end_column,
            byte_offset: location.byte_start,
            byte_length: location.byte_end - location.byte_start,
        },
    }
}

fn result(f: &Finding) -> SarifResult<'_> {
    SarifResult {
        rule_id: f.rule.id(),
        rule_index: Rule::ALL
            .iter()
            .position(|&r| r == f.rule)
            .expect("every rule is in Rule::ALL"),
        level: level(f.severity),
        message: Text { text: &f.message },
        locations: [ResultLocation {
            physical_location: physical(&f.location),
        }],
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| RelatedLocation {
                id,
                physical_location: physical(&r.location),
                message: Text {
                    text: format!("{}: {}", r.label, r.text),
                },
            })
            .collect(),
        properties: ResultProperties {
            lang: f.location.lang.as_str(),
            entity: f.entity.as_deref(),
            expected: f.expected.as_deref(),
            found: &f.found,
        },
    }
}

fn rule(rule: Rule) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.id(),
        short_description: Text {
            text: rule.description(),
        },
        full_description: Text {
            text: rule.description(),
        },
        default_configuration: Configuration {
            level: level(rule.severity()),
        },
        help_uri: readme_uri("#rules"),
    }
}

pub fn write_sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "glosscheck",
                    information_uri: readme_uri("#readme"),
                    version: env!("CARGO_PKG_VERSION"),
                    rules: Rule::ALL.iter().map(|&r| rule(r)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            artifacts: report
                .files
                .iter()
                .map(|f| Artifact {
                    location: ArtifactLocation { uri: uri(&f.path) },
                    properties: ArtifactProperties {
                        lang: f.lang.as_str(),
                        article: &f.article,
                    },
                })
                .collect(),
            results: report.findings.iter().map(result).collect(),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri(Path::new("samples/seed/article.fr.txt")),
            "samples/seed/article.fr.txt"
        );
        assert_eq!(uri(Path::new("ar\\خبر.txt")), "ar/%D8%AE%D8%A8%D8%B1.txt");
        assert_eq!(uri(Path::new("my story.txt")), "my%20story.txt");
        assert_eq!(uri(Path::new("a:b.txt")), "a%3Ab.txt");
        assert_eq!(uri(Path::new("/srv/a#1.txt")), "file:///srv/a%231.txt");
        assert_eq!(uri(Path::new("C:\\news\\a.txt")), "file:///C:/news/a.txt");
    }

    #[test]
    fn info_is_a_note() {
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Rule::DeprecatedForm.severity()), "error");
    }
}
