//! `glosscheck.toml`: a desk's defaults, found in the current directory or a parent, so a
//! plain `glosscheck check <PATH>` uses the right glossary, source language and rules.
//!
//! ```toml
//! glossaries = ["glossaries/mideast-news.csv"]   # relative to this file
//! source = "en"
//! fail_on = "warning"                             # error | warning | info
//! ignore = ["drafts/**", "**/*.old.txt"]          # paths never read
//!
//! [languages]                                     # file-name patterns → language tag
//! "**/francais/**" = "fr"
//!
//! [rules]                                         # severity per rule, or "off"
//! length-outlier = "off"
//! mixed-forms = "error"
//!
//! [[exceptions]]                                  # accepted findings for one entity
//! entity = "hezbollah"
//! rules = ["mixed-forms"]                         # optional; all rules when absent
//! langs = ["de"]                                  # optional
//! found = ["Hezbollah"]                           # optional: only these spellings
//! paths = ["archive/**"]                          # optional
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::InputError;

pub const FILE_NAME: &str = "glosscheck.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Glossary files, relative to the configuration file.
    #[serde(default)]
    pub glossaries: Vec<PathBuf>,
    /// The language other versions are compared against.
    pub source: Option<String>,
    /// The lowest severity that makes the exit code 1.
    pub fail_on: Option<String>,
    /// Glob patterns of paths never read.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Glob pattern → language tag, tried before the built-in file-name rules.
    #[serde(default)]
    pub languages: BTreeMap<String, String>,
    /// Rule id → "error" | "warning" | "info" | "off".
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    #[serde(default)]
    pub exceptions: Vec<Exception>,
    /// Where the file was found: globs are relative to it.
    #[serde(skip)]
    pub base: PathBuf,
}

/// Findings a desk has accepted for one entity.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    pub entity: String,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub langs: Vec<String>,
    #[serde(default)]
    pub found: Vec<String>,
    #[serde(default)]
    pub paths: Vec<String>,
}

impl Config {
    /// Finds and reads the nearest configuration file above `start`; `None` if there is none.
    pub fn discover(start: &Path) -> Result<Option<Config>, InputError> {
        let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    pub fn load(path: &Path) -> Result<Config, InputError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| InputError::new(path, e.to_string()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start].matches('\n').count() + 1);
            let message = e.message().to_string();
            match line {
                Some(line) => InputError::at_line(path, line, message),
                None => InputError::new(path, message),
            }
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.base = relative_to_cwd(base);
        for glossary in &mut config.glossaries {
            if glossary.is_relative() {
                *glossary = relative_to_cwd(&base.join(&*glossary));
            }
        }
        Ok(config)
    }
}

/// Shows configured paths relative to the current directory when possible, as users typed
/// them, rather than as long absolute paths.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses() {
        let config: Config = toml::from_str(
            r#"
            glossaries = ["g.csv"]
            source = "en"
            fail_on = "error"
            ignore = ["drafts/**"]
            [languages]
            "**/francais/**" = "fr"
            [rules]
            length-outlier = "off"
            [[exceptions]]
            entity = "hezbollah"
            rules = ["mixed-forms"]
            langs = ["de"]
            "#,
        )
        .unwrap();
        assert_eq!(config.rules["length-outlier"], "off");
        assert_eq!(config.exceptions[0].langs, ["de"]);
        assert_eq!(config.languages["**/francais/**"], "fr");
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(toml::from_str::<Config>("glosaries = []").is_err());
    }
}
