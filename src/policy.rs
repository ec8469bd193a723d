//! What a desk decided about findings: rule severities or "off", accepted exceptions, a
//! baseline of findings accepted on a given day, and which severity fails a run. Applied
//! after the checks, so checks never need to know about configuration.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::document::InputError;
use crate::finding::{Finding, Rule, Severity};

pub fn parse_severity(value: &str) -> Option<Severity> {
    match value.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

fn rule_by_id(id: &str) -> Option<Rule> {
    Rule::ALL.into_iter().find(|r| r.id() == id)
}

/// Compiles glob patterns (matched against paths as given and relative to `base`).
pub fn globs(patterns: &[String], origin: &Path) -> Result<GlobSet, InputError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| InputError::new(origin, format!("bad glob '{pattern}': {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| InputError::new(origin, e.to_string()))
}

struct CompiledException {
    entity: String,
    rules: Vec<Rule>,
    langs: Vec<String>,
    found: Vec<String>,
    paths: Option<GlobSet>,
}

pub struct Policy {
    /// None: the rule is off.
    severities: HashMap<Rule, Option<Severity>>,
    exceptions: Vec<CompiledException>,
    pub fail_on: Severity,
}

impl Policy {
    pub fn from_config(config: &Config, fail_on: Option<&str>) -> Result<Policy, InputError> {
        let origin = config.base.join(crate::config::FILE_NAME);
        let mut severities = HashMap::new();
        for (id, value) in &config.rules {
            let rule = rule_by_id(id).ok_or_else(|| {
                InputError::new(&origin, format!("unknown rule '{id}' in [rules]"))
            })?;
            let severity = match value.as_str() {
                "off" => None,
                other => Some(parse_severity(other).ok_or_else(|| {
                    InputError::new(
                        &origin,
                        format!("rule '{id}': expected error, warning, info or off, got '{other}'"),
                    )
                })?),
            };
            severities.insert(rule, severity);
        }
        let mut exceptions = Vec::new();
        for e in &config.exceptions {
            let rules = e
                .rules
                .iter()
                .map(|id| {
                    rule_by_id(id).ok_or_else(|| {
                        InputError::new(&origin, format!("unknown rule '{id}' in an exception"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let paths = if e.paths.is_empty() {
                None
            } else {
                Some(globs(&e.paths, &origin)?)
            };
            exceptions.push(CompiledException {
                entity: e.entity.clone(),
                rules,
                langs: e.langs.clone(),
                found: e.found.clone(),
                paths,
            });
        }
        let fail_on = match fail_on.or(config.fail_on.as_deref()) {
            Some(value) => parse_severity(value).ok_or_else(|| {
                InputError::new(
                    &origin,
                    format!("fail_on: expected error, warning or info, got '{value}'"),
                )
            })?,
            None => Severity::Warning,
        };
        Ok(Policy {
            severities,
            exceptions,
            fail_on,
        })
    }

    /// Applies severities, "off" rules and exceptions.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                if let Some(setting) = self.severities.get(&f.rule) {
                    f.severity = (*setting)?;
                }
                (!self.excepted(&f)).then_some(f)
            })
            .collect()
    }

    fn excepted(&self, f: &Finding) -> bool {
        self.exceptions.iter().any(|e| {
            f.entity.as_deref() == Some(e.entity.as_str())
                && (e.rules.is_empty() || e.rules.contains(&f.rule))
                && (e.langs.is_empty()
                    || e.langs
                        .iter()
                        .any(|l| l == f.location.lang.as_str() || l == f.location.lang.primary()))
                && (e.found.is_empty() || e.found.contains(&f.found))
                && e.paths
                    .as_ref()
                    .is_none_or(|g| g.is_match(&f.location.path))
        })
    }

    /// Whether these findings make the exit code 1.
    pub fn fails(&self, findings: &[Finding]) -> bool {
        findings.iter().any(|f| f.severity <= self.fail_on)
    }
}

/// Findings accepted on a given day: a desk gates on new findings only. Keyed by file, rule,
/// entity and found text (not by line: editing elsewhere in the file must not resurrect
/// them), with a count for repeated ones.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Baseline {
    version: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone)]
struct BaselineEntry {
    path: String,
    rule: String,
    #[serde(default)]
    entity: Option<String>,
    found: String,
    count: usize,
}

type Key = (String, String, Option<String>, String);

fn key(f: &Finding) -> Key {
    (
        f.location.path.to_string_lossy().replace('\\', "/"),
        f.rule.id().to_string(),
        f.entity.clone(),
        f.found.clone(),
    )
}

impl Baseline {
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for f in findings {
            *counts.entry(key(f)).or_default() += 1;
        }
        Baseline {
            version: 1,
            findings: counts
                .into_iter()
                .map(|((path, rule, entity, found), count)| BaselineEntry {
                    path,
                    rule,
                    entity,
                    found,
                    count,
                })
                .collect(),
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, InputError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| InputError::new(path, e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| {
            InputError::at_line(path, e.line(), format!("not a glosscheck baseline: {e}"))
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a baseline serializes") + "\n"
    }

    /// The findings not covered by the baseline.
    pub fn new_findings(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let mut left: HashMap<Key, usize> = self
            .findings
            .iter()
            .map(|e| {
                (
                    (
                        e.path.clone(),
                        e.rule.clone(),
                        e.entity.clone(),
                        e.found.clone(),
                    ),
                    e.count,
                )
            })
            .collect();
        findings
            .into_iter()
            .filter(|f| match left.get_mut(&key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }
}
