//! Speed at archive scale, measured side by side with a bare Aho-Corasick scan.
//!
//! ```sh
//! cargo bench --bench archive                      # N = 10,000 sets (~300 MB), M = 20,000 entities
//! cargo bench --bench archive -- --sets 500 --entities 5000    # a quick run
//! ```
//!
//! The corpus and glossaries are generated (deterministic seed) under
//! `target/archive-corpus/` and reused by later runs. Reported: glossary load and compile
//! time; throughput of the transliteration checks and of the full pipeline (with drift);
//! article versions per second; peak RSS; 1 and 2 threads; glossary sizes 1k–100k; text
//! sizes; and the bare scan. Sets are read and checked in chunks, as a streaming run would.

mod corpus;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use glosscheck::discover::{discover, ArticleSet, Naming};
use glosscheck::engine::check_sets;
use glosscheck::glossary::Glossary;
use glosscheck::lang::LangTag;
use glosscheck::matcher::Matcher;

struct Options {
    sets: usize,
    entities: usize,
    out: PathBuf,
}

fn options() -> Options {
    let mut o = Options {
        sets: 10_000,
        entities: 20_000,
        out: Path::new(env!("CARGO_MANIFEST_DIR")).join("target/archive-corpus"),
    };
    let args: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--sets" => o.sets = value.parse().expect("--sets N"),
            "--entities" => o.entities = value.parse().expect("--entities M"),
            "--out" => o.out = PathBuf::from(value),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn glossary(out: &Path, entities: usize) -> (PathBuf, Glossary) {
    let path = out.join(format!("glossary-{entities}.csv"));
    if !path.exists() {
        std::fs::write(&path, corpus::glossary_csv(entities)).unwrap();
    }
    let g = Glossary::load(&path).unwrap();
    (path, g)
}

fn set_dirs(out: &Path, sets: usize, entities: usize) -> Vec<PathBuf> {
    let dir = out.join(format!("sets-{sets}-{entities}"));
    let marker = dir.join("complete");
    if !marker.exists() {
        let started = Instant::now();
        let bytes = corpus::write_articles(&dir, sets, entities, 42).unwrap();
        std::fs::write(&marker, bytes.to_string()).unwrap();
        eprintln!(
            "generated {sets} sets ({:.0} MB) in {:.1?}",
            bytes as f64 / 1e6,
            started.elapsed()
        );
    }
    (0..sets).map(|s| dir.join(format!("set{s:06}"))).collect()
}

fn load(dirs: &[PathBuf]) -> (Vec<ArticleSet>, u64) {
    let sets = discover(dirs, &Naming::default()).unwrap();
    let bytes = sets
        .iter()
        .flat_map(|s| &s.documents)
        .map(|d| d.text.len() as u64)
        .sum();
    (sets, bytes)
}

/// Runs `work` over the sets in chunks (read, check, drop); returns time spent in `work`
/// and the bytes it saw.
fn chunked(dirs: &[PathBuf], mut work: impl FnMut(&[ArticleSet])) -> (Duration, u64) {
    let mut spent = Duration::ZERO;
    let mut bytes = 0;
    for chunk in dirs.chunks(256) {
        let (sets, b) = load(chunk);
        bytes += b;
        let started = Instant::now();
        work(&sets);
        spent += started.elapsed();
    }
    (spent, bytes)
}

fn matchers(g: &Glossary) -> Vec<Matcher> {
    let en = LangTag::parse("en").unwrap();
    corpus::LANGS
        .iter()
        .map(|l| Matcher::compile(g, &LangTag::parse(l).unwrap(), &en))
        .collect()
}

fn transliteration(g: &Glossary, matchers: &[Matcher], sets: &[ArticleSet]) -> usize {
    use rayon::prelude::*;
    sets.par_iter()
        .flat_map_iter(|s| &s.documents)
        .map(|d| {
            let m = matchers.iter().find(|m| m.lang == d.lang).unwrap();
            let names = glosscheck::analysis::names(g, m, d);
            names.mentions.len() + names.variants.len()
        })
        .sum()
}

fn mbps(bytes: u64, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

fn main() {
    let o = options();
    std::fs::create_dir_all(&o.out).unwrap();
    println!(
        "archive benchmark: {} sets × 7 languages, glossary {} entities × 7 languages",
        o.sets, o.entities
    );
    let dirs = set_dirs(&o.out, o.sets, o.entities);

    // Glossary load + compile.
    let started = Instant::now();
    let (_, g) = glossary(&o.out, o.entities);
    let loaded = started.elapsed();
    let started = Instant::now();
    let compiled = matchers(&g);
    println!(
        "glossary: load {:.2?}, compile 7 languages {:.2?} ({} forms)",
        loaded,
        started.elapsed(),
        g.forms.len()
    );

    // Bare Aho-Corasick scan of the raw text with the same forms.
    let forms: Vec<&str> = g.forms.iter().map(|f| f.text.as_str()).collect();
    let bare: AhoCorasick = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&forms)
        .unwrap();
    let mut hits = 0;
    let (bare_time, bytes) = chunked(&dirs, |sets| {
        for d in sets.iter().flat_map(|s| &s.documents) {
            hits += bare.find_iter(d.text.as_bytes()).count();
        }
    });
    println!(
        "bare aho-corasick scan: {:.1} MB/s ({} MB, {} hits, 1 thread)",
        mbps(bytes, bare_time),
        bytes / 1_000_000,
        hits
    );

    // Transliteration checks (matching, fuzzy variants), all threads.
    let mut found = 0;
    let (names_time, _) = chunked(&dirs, |sets| found += transliteration(&g, &compiled, sets));
    println!(
        "transliteration checks: {:.1} MB/s ({} mentions+variants) — {:.1}× the bare scan's time",
        mbps(bytes, names_time),
        found,
        names_time.as_secs_f64() / bare_time.as_secs_f64()
    );

    // Full pipeline with drift, all threads, then 1 and 2 threads on a subset.
    let en = LangTag::parse("en").unwrap();
    let mut findings = 0;
    let (full_time, _) = chunked(&dirs, |sets| {
        findings += check_sets(&g, sets, &en).findings.len()
    });
    let versions = o.sets * 7;
    println!(
        "full pipeline: {:.1} MB/s, {:.0} article versions/s ({} findings), peak RSS {:.0} MB",
        mbps(bytes, full_time),
        versions as f64 / full_time.as_secs_f64(),
        findings,
        peak_rss_mb()
    );
    let subset = &dirs[..dirs.len().min(500)];
    let mut per_thread = Vec::new();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (t, b) = pool.install(|| {
            chunked(subset, |sets| {
                check_sets(&g, sets, &en);
            })
        });
        per_thread.push(mbps(b, t));
        println!("full pipeline, {threads} thread(s): {:.1} MB/s", mbps(b, t));
    }
    println!(
        "scaling 1 → 2 threads: {:.2}×",
        per_thread[1] / per_thread[0]
    );

    // Glossary size: transliteration time on the same text.
    let small = &dirs[..dirs.len().min(200)];
    let (sets, small_bytes) = load(small);
    for m in [1_000, 5_000, 20_000, 100_000] {
        let (_, g) = glossary(&o.out, m);
        let started = Instant::now();
        let compiled = matchers(&g);
        let compile = started.elapsed();
        let started = Instant::now();
        transliteration(&g, &compiled, &sets);
        println!(
            "glossary {m:>6} entities: compile {:.2?}, transliteration {:.1} MB/s",
            compile,
            mbps(small_bytes, started.elapsed())
        );
    }
    // Text size: linear?
    for part in [4, 2, 1] {
        let n = sets.len() / part;
        let started = Instant::now();
        transliteration(&g, &compiled, &sets[..n]);
        let b: u64 = sets[..n]
            .iter()
            .flat_map(|s| &s.documents)
            .map(|d| d.text.len() as u64)
            .sum();
        println!(
            "text {:>5} KB: {:.2?} ({:.1} MB/s)",
            b / 1000,
            started.elapsed(),
            mbps(b, started.elapsed())
        );
    }
    println!("peak RSS {:.0} MB", peak_rss_mb());
}
