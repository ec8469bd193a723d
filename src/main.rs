use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use glosscheck::cli::{CheckArgs, Cli, ColorChoice, Command, GlossaryCommand};
use glosscheck::config::Config;
use glosscheck::discover::discover;
use glosscheck::document::InputError;
use glosscheck::engine::check_sets;
use glosscheck::finding::Severity;
use glosscheck::glossary::{self, FileFormat, Glossary, ProblemLevel};
use glosscheck::lang::LangTag;
use glosscheck::report;

/// A failure that stops the run: exit code 2, one clear line, nothing written.
#[derive(Debug)]
struct Fatal(String);

impl From<InputError> for Fatal {
    fn from(e: InputError) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Glossary(GlossaryCommand::Lint { files }) => run_lint(&files),
        Command::Glossary(GlossaryCommand::Convert { input, output }) => {
            run_convert(&input, &output)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fatal(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_check(args: CheckArgs) -> Result<u8, Fatal> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .map_err(|e| Fatal(format!("cannot start {jobs} threads: {e}")))?;
    }
    let config = Config::discover(Path::new("."))?.unwrap_or_default();
    let glossaries = if args.glossaries.is_empty() {
        config.glossaries.clone()
    } else {
        args.glossaries.clone()
    };
    if glossaries.is_empty() {
        return Err(Fatal(
            "no glossary: pass -g FILE or list glossaries in glosscheck.toml".into(),
        ));
    }
    let source_raw = args
        .source
        .clone()
        .or(config.source.clone())
        .unwrap_or_else(|| "en".into());
    let source = LangTag::parse(&source_raw).map_err(|e| Fatal(format!("--source: {e}")))?;
    let overrides = args
        .langs
        .iter()
        .map(|(file, tag)| {
            LangTag::parse(tag)
                .map(|tag| (file.clone(), tag))
                .map_err(|e| Fatal(format!("--lang {}: {e}", file.display())))
        })
        .collect::<Result<Vec<_>, _>>()?;

    let glossary = Glossary::load_all(&glossaries)?;
    let sets = discover(&args.paths, &overrides)?;
    if sets.is_empty() {
        return Err(Fatal(format!(
            "no article versions found in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let report = check_sets(&glossary, &sets, &source);

    let failing = report
        .findings
        .iter()
        .any(|f| f.severity <= Severity::Warning);
    match &args.output {
        Some(path) => {
            let mut buffer = Vec::new();
            report::write(&report, args.format, false, &mut buffer)
                .map_err(|e| Fatal(format!("cannot format report: {e}")))?;
            write_atomically(path, &buffer, "report")?;
        }
        None => {
            let stdout = std::io::stdout();
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    stdout.is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let mut out = stdout.lock();
            let written =
                report::write(&report, args.format, color, &mut out).and_then(|_| out.flush());
            if let Err(e) = written {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Fatal(format!("cannot write report: {e}")));
                }
            }
        }
    }
    Ok(u8::from(failing))
}

/// Writes next to the target and renames over it, so a reader never sees half a file.
/// `what` names the content in error messages ("report", "glossary").
fn write_atomically(path: &Path, bytes: &[u8], what: &str) -> Result<(), Fatal> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Fatal(format!(
            "{}: cannot write {what}: folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    // Name the user's file, not the temporary one, and give the operating system's reason.
    let fail = |e: std::io::Error| {
        let reason = e
            .raw_os_error()
            .map(|code| std::io::Error::from_raw_os_error(code).to_string())
            .unwrap_or_else(|| e.kind().to_string());
        Fatal(format!("{}: cannot write {what}: {reason}", path.display()))
    };
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn run_lint(files: &[PathBuf]) -> Result<u8, Fatal> {
    let mut problems = 0;
    for file in files {
        let (glossary, found) = Glossary::load_with_problems(file)?;
        for problem in &found {
            println!("{problem}");
        }
        let errors = found
            .iter()
            .filter(|p| p.level == ProblemLevel::Error)
            .count();
        println!(
            "{}: {} entities, {} forms, {} languages; {} errors, {} warnings",
            file.display(),
            glossary.entities.len(),
            glossary.forms.len(),
            glossary.languages().len(),
            errors,
            found.len() - errors
        );
        problems += found.len();
    }
    Ok(u8::from(problems > 0))
}

/// `glossary convert IN OUT`: reads CSV or TBX, validates it like `check` does (an error
/// stops the conversion), writes the other format atomically.
fn run_convert(input: &Path, output: &Path) -> Result<u8, Fatal> {
    let format = FileFormat::from_extension(output).ok_or_else(|| {
        Fatal(format!(
            "{}: cannot tell the output format from the extension; use .csv or .tbx",
            output.display()
        ))
    })?;
    let (loaded, problems) = Glossary::load_with_problems(input)?;
    if let Some(problem) = problems.iter().find(|p| p.level == ProblemLevel::Error) {
        let error = InputError::at_line(problem.path.as_ref(), problem.line, &problem.message);
        return Err(Fatal(format!(
            "{error} (glosscheck glossary lint lists every problem)"
        )));
    }
    for problem in &problems {
        eprintln!("{problem}");
    }
    let text = match format {
        FileFormat::Csv => glossary::write_csv(&loaded),
        FileFormat::Tbx => glossary::write_tbx(&loaded),
    };
    write_atomically(output, text.as_bytes(), "glossary")?;
    Ok(0)
}
