//! The HTML report in a real browser: headless Chromium renders the report of the meaning
//! sample; the screenshot must show a page, and the page's script must run without errors.
//! Without Chromium the test is skipped locally and fails on CI (CI=true).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser"];
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Runs a browser with the flags that keep it offline and quiet, killed after a minute.
fn run_browser(browser: &Path, profile: &Path, extra: &[String], url: &str) -> Output {
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Read the pipes on threads so a full pipe cannot stall the browser.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut b).ok();
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut b).ok();
        b
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(90) {
            child.kill().ok();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromium is required on CI (apt-get install chromium)");
        }
        eprintln!("note: chromium not found; skipping the browser test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    Command::cargo_bin("glosscheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "samples/seed-meaning", "-f", "html", "-o"])
        .arg(&report)
        .assert()
        .code(1)
        .stdout("");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["http://", "https://", "<link", "src="] {
        assert!(
            !html.contains(external),
            "the page must not load anything: {external}"
        );
    }
    let url = format!("file://{}", report.display());

    // The script ran to its end without an exception.
    let dom = run_browser(
        &browser,
        &dir.path().join("profile-dom"),
        &[
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            "--virtual-time-budget=2000".into(),
            "--dump-dom".into(),
        ],
        &url,
    );
    let page = String::from_utf8_lossy(&dom.stdout);
    let log = String::from_utf8_lossy(&dom.stderr);
    assert!(dom.status.success(), "chromium failed: {log}");
    let body = page
        .find("<body")
        .map(|i| &page[i..i + page[i..].find('>').unwrap()])
        .unwrap_or_else(|| panic!("no body in the dumped DOM: {page}"));
    assert!(
        body.contains("data-ready=\"1\""),
        "the script did not finish: {body}\n{log}"
    );
    assert!(!body.contains("data-js-error"), "script error: {body}");
    assert!(!log.contains("Uncaught"), "console error: {log}");
    // Every version of the set is a column, Arabic and Persian right to left.
    for lang in ["en", "fr", "de", "es", "ru", "ar", "fa"] {
        assert!(
            page.contains(&format!("<th data-col-lang=\"{lang}\"")),
            "{lang} column"
        );
    }
    assert!(page.contains("lang=\"ar\" dir=\"rtl\"") && page.contains("lang=\"fa\" dir=\"rtl\""));
    assert_eq!(
        page.matches("class=\"note ").count(),
        17,
        "one note per finding"
    );

    // The screenshot shows a page, not a blank one.
    let shot = dir.path().join("shot.png");
    let run = run_browser(
        &browser,
        &dir.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000".into(),
        ],
        &url,
    );
    assert!(
        run.status.success() && shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1400, 1000));
    let channels = info.color_type.samples();
    assert!(
        channels >= 3,
        "colour screenshot expected, got {:?}",
        info.color_type
    );
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for px in pixels[..info.buffer_size()].chunks_exact(channels) {
        *counts.entry([px[0], px[1], px[2]]).or_default() += 1;
    }
    let distinct: HashSet<_> = counts.keys().collect();
    let total = (info.width * info.height) as usize;
    let commonest = counts.values().max().copied().unwrap_or(0);
    assert!(distinct.len() > 200, "only {} colours", distinct.len());
    assert!(
        commonest * 10 < total * 9,
        "one colour covers over 90% of the page"
    );
    // Red of error highlights or labels is on screen.
    assert!(
        counts
            .keys()
            .any(|[r, g, b]| *r > 180 && *g < 90 && *b < 90),
        "no error red in the screenshot"
    );
}
