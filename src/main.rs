use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use glosscheck::cli::{CheckArgs, Cli, ColorChoice, Command, GlossaryCommand};
use glosscheck::config::Config;
use glosscheck::discover::{discover, plan, Naming, SetPlan};
use glosscheck::document::InputError;
use glosscheck::engine::{
    check_plans, check_sets_with_progress, compile_for, CheckOptions, Report,
};
use glosscheck::fix;
use glosscheck::glossary::{self, FileFormat, Glossary, ProblemLevel};
use glosscheck::lang::LangTag;
use glosscheck::policy::{Baseline, Policy};
use glosscheck::report;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
        Command::Glossary(GlossaryCommand::Suggest {
            paths,
            glossaries,
            source,
            output,
        }) => run_suggest(&paths, glossaries, source, output),
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
    let naming = naming(&args, &config)?;
    let policy = Policy::from_config(&config, args.fail_on.as_deref())?;
    let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;

    let glossary = Glossary::load_all(&glossaries)?;
    glosscheck::memory::release_freed();
    let plans = plan(&args.paths, &naming)?;
    if plans.is_empty() {
        return Err(Fatal(format!(
            "no article versions found in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let progress = progress_bar(plans.len() as u64);
    let tick = || progress.inc(1);
    // --fix needs the texts after the check; any other run reads each set when it checks
    // it and keeps only the findings (and, for the HTML report, the side-by-side views).
    let (mut report, sets) = if args.fix || args.diff {
        let sets = plans
            .iter()
            .map(SetPlan::load)
            .collect::<Result<Vec<_>, _>>()?;
        (
            check_sets_with_progress(&glossary, &sets, &source, &tick),
            sets,
        )
    } else {
        let languages = plans
            .iter()
            .map(SetPlan::languages)
            .collect::<Option<Vec<_>>>()
            .map(|l| l.into_iter().flatten().collect());
        let compiled = compile_for(&glossary, languages, &source);
        glosscheck::memory::release_freed();
        let options = CheckOptions {
            views: args.format == report::Format::Html,
        };
        let report = check_plans(&glossary, &compiled, &plans, &source, options, &tick)?;
        (report, Vec::new())
    };
    progress.finish_and_clear();
    report.findings = policy.apply(std::mem::take(&mut report.findings));
    if let Some(path) = &args.write_baseline {
        write_atomically(
            path,
            Baseline::of(&report.findings).to_json().as_bytes(),
            "baseline",
        )?;
    }
    if let Some(baseline) = &baseline {
        report.findings = baseline.new_findings(std::mem::take(&mut report.findings));
    }

    let mut fixed = Vec::new();
    if args.fix || args.diff {
        fixed = fix_files(&glossary, &report, &sets, args.diff)?;
    }
    if !args.diff {
        write_report(&args, &report)?;
    }
    let unfixed: Vec<_> = report
        .findings
        .iter()
        .filter(|f| {
            !(args.fix && fixed.contains(&(f.location.path.clone(), f.location.span.start)))
        })
        .cloned()
        .collect();
    Ok(u8::from(policy.fails(&unfixed)))
}

/// Language rules from the command line and the configuration.
fn naming(args: &CheckArgs, config: &Config) -> Result<Naming, Fatal> {
    let config_file = config.base.join(glosscheck::config::FILE_NAME);
    let mut naming = Naming::default();
    for (file, tag) in &args.langs {
        let tag =
            LangTag::parse(tag).map_err(|e| Fatal(format!("--lang {}: {e}", file.display())))?;
        naming.overrides.push((file.clone(), tag));
    }
    for (pattern, tag) in &config.languages {
        let glob = globset::Glob::new(pattern).map_err(|e| {
            Fatal(format!(
                "{}: [languages] '{pattern}': {e}",
                config_file.display()
            ))
        })?;
        let tag = LangTag::parse(tag).map_err(|e| {
            Fatal(format!(
                "{}: [languages] '{pattern}': {e}",
                config_file.display()
            ))
        })?;
        naming.patterns.push((glob.compile_matcher(), tag));
    }
    if !config.ignore.is_empty() {
        naming.ignore = Some(glosscheck::policy::globs(&config.ignore, &config_file)?);
    }
    Ok(naming)
}

/// A progress bar on stderr, only for people watching a terminal (never in CI logs or
/// when stderr is piped).
fn progress_bar(sets: u64) -> ProgressBar {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive || sets < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(sets), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} article sets {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn write_report(args: &CheckArgs, report: &Report) -> Result<(), Fatal> {
    match &args.output {
        Some(path) => write_atomically_with(
            path,
            &mut |out| report::write(report, args.format, false, out),
            "report",
        ),
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
                report::write(report, args.format, color, &mut out).and_then(|_| out.flush());
            match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Fatal(format!("cannot write report: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Applies (or, with `diff_only`, prints) the fixes. Returns the (file, span start) of every
/// finding fixed.
fn fix_files(
    glossary: &Glossary,
    report: &Report,
    sets: &[glosscheck::discover::ArticleSet],
    diff_only: bool,
) -> Result<Vec<(PathBuf, usize)>, Fatal> {
    let documents: Vec<&glosscheck::document::Document> =
        sets.iter().flat_map(|s| &s.documents).collect();
    let plan = fix::plan(glossary, &report.findings, &documents);
    let mut fixed = Vec::new();
    for (path, edits) in &plan {
        let Some(doc) = documents.iter().find(|d| &d.path == path) else {
            continue;
        };
        let after = fix::apply(doc.original(), edits);
        if diff_only {
            let diff = fix::unified_diff(path, doc.original(), &after);
            let mut out = std::io::stdout().lock();
            match out.write_all(diff.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
                Err(e) => return Err(Fatal(format!("cannot write diff: {e}"))),
                Ok(()) => continue,
            }
        }
        let before = fix::encode(doc.original(), doc.encoding);
        fix::replace_if_unchanged(path, &before, &fix::encode(&after, doc.encoding)).map_err(
            |e| {
                Fatal(format!(
                    "{}: not fixed, the file is unchanged: {e}",
                    path.display()
                ))
            },
        )?;
        fixed.extend(edits.iter().map(|e| (path.clone(), e.span.start)));
    }
    if !diff_only {
        eprintln!(
            "fixed {} finding{} in {} file{}",
            fixed.len(),
            if fixed.len() == 1 { "" } else { "s" },
            plan.len(),
            if plan.len() == 1 { "" } else { "s" }
        );
    }
    Ok(fixed)
}

/// Writes next to the target and renames over it, so a reader never sees half a file.
/// `what` names the content in error messages ("report", "glossary").
fn write_atomically(path: &Path, bytes: &[u8], what: &str) -> Result<(), Fatal> {
    write_atomically_with(path, &mut |out| out.write_all(bytes), what)
}

/// `write_atomically` with the content written by `write` as it is produced.
fn write_atomically_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    what: &str,
) -> Result<(), Fatal> {
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
    fix::write_atomically_with(path, write).map_err(|e| {
        // Name the user's file, not the temporary one, and give the system's reason.
        let reason = e
            .raw_os_error()
            .map(|code| std::io::Error::from_raw_os_error(code).to_string())
            .unwrap_or_else(|| e.to_string());
        Fatal(format!("{}: cannot write {what}: {reason}", path.display()))
    })
}

fn run_suggest(
    paths: &[PathBuf],
    glossaries: Vec<PathBuf>,
    source: Option<String>,
    output: Option<PathBuf>,
) -> Result<u8, Fatal> {
    let config = Config::discover(Path::new("."))?.unwrap_or_default();
    let glossaries = if glossaries.is_empty() {
        config.glossaries.clone()
    } else {
        glossaries
    };
    let glossary = if glossaries.is_empty() {
        Glossary::default()
    } else {
        Glossary::load_all(&glossaries)?
    };
    let source = source
        .or(config.source.clone())
        .unwrap_or_else(|| "en".into());
    let source = LangTag::parse(&source).map_err(|e| Fatal(format!("--source: {e}")))?;
    let sets = discover(paths, &Naming::default())?;
    let compiled = glosscheck::engine::compile_for_sets(&glossary, &sets, &source);
    let analysed: Vec<_> = sets
        .iter()
        .map(|set| glosscheck::engine::analyse_set(&glossary, &compiled, set, &source))
        .collect();
    let csv = glosscheck::suggest::to_csv(&glosscheck::suggest::propose(&analysed, &source));
    match output {
        Some(path) => write_atomically(&path, csv.as_bytes(), "glossary")?,
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(csv.as_bytes()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Fatal(format!("cannot write: {e}")));
                }
            }
        }
    }
    Ok(0)
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
