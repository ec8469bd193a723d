//! The command line. Its flags are a contract (DESIGN.md): extend it, never break it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "glosscheck",
    version,
    about = "Keeps every language version of an article consistent with a glossary and with each other"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check article versions (files or directories); exit 0 clean, 1 findings, 2 error.
    Check(CheckArgs),
    /// Work with glossaries.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories holding the language versions.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Glossary file (CSV or TBX); repeat for several. Default: from glosscheck.toml.
    #[arg(short, long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
    /// The version others are compared against (default: config or 'en').
    #[arg(long, value_name = "LANG")]
    pub source: Option<String>,
    /// Report format.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output (written atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Set a file's language explicitly: --lang path/to/file.txt=fr (repeatable).
    #[arg(long = "lang", value_name = "FILE=TAG", value_parser = parse_lang_override)]
    pub langs: Vec<(PathBuf, String)>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Threads to use (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Lowest severity that makes the exit code 1 (default: config or warning).
    #[arg(long, value_name = "SEVERITY", value_parser = ["error", "warning", "info"])]
    pub fail_on: Option<String>,
    /// Report only findings not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write today's findings as a baseline file (after rules and exceptions apply).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Rewrite deprecated and misspelled forms to the house style in place (atomic write).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the changes --fix would make as a unified diff; change nothing.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Validate glossaries: bad rows, duplicates, conflicts. Exit 1 if any problem.
    Lint {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Propose glossary entries from the names found in the versions (CSV, most
    /// inconsistent first). Names the glossary (-g or glosscheck.toml) knows are left out.
    Suggest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(short, long = "glossary", value_name = "FILE")]
        glossaries: Vec<PathBuf>,
        /// The version names are linked through (default: config or 'en').
        #[arg(long, value_name = "LANG")]
        source: Option<String>,
        /// Write the CSV there instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Convert a glossary between CSV and TBX (formats by extension: .csv, .tbx).
    Convert {
        /// The glossary to read (CSV or TBX).
        #[arg(value_name = "IN")]
        input: PathBuf,
        /// The file to write (.csv: long layout; .tbx: TBX-Basic), written atomically.
        #[arg(value_name = "OUT")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_lang_override(raw: &str) -> Result<(PathBuf, String), String> {
    let (file, tag) = raw
        .rsplit_once('=')
        .ok_or_else(|| format!("expected FILE=TAG, got '{raw}'"))?;
    Ok((PathBuf::from(file), tag.to_string()))
}
