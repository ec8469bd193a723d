//! `glosscheck.toml`: a desk's defaults, found in the current directory or a parent, so a
//! plain `glosscheck check <PATH>` uses the right glossary and source language.

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
