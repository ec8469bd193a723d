//! `html`: one self-contained page (inline CSS and JS, nothing fetched) showing the summary,
//! filters, and every article set's versions side by side, aligned sentence by sentence, with
//! each finding highlighted where it is. Only formats the `Report`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use super::Summary;
use crate::engine::{Report, SetView, VersionView};
use crate::finding::{Finding, Rule, Severity};

/// Languages written right to left.
const RTL: [&str; 6] = ["ar", "fa", "he", "ur", "ps", "yi"];

/// Characters of a related (source) text kept in a note.
const RELATED_CHARS: usize = 160;

pub fn write_html(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(report).as_bytes())
}

/// The whole page.
pub fn render(report: &Report) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>glosscheck report</title>\n<style>\n");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>glosscheck report</h1>\n");
    summary(report, &mut h);
    filters(report, &mut h);
    h.push_str("</header>\n<main>\n");
    let mut placed = vec![false; report.findings.len()];
    for set in &report.sets {
        set_table(report, set, &mut placed, &mut h);
    }
    let rest: Vec<usize> = (0..report.findings.len()).filter(|&i| !placed[i]).collect();
    if !rest.is_empty() {
        h.push_str("<section class=\"set\">\n<h2>Other findings</h2>\n");
        for i in rest {
            note(report, i, &mut h);
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n<script>\n");
    h.push_str(JS);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

/// Escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            '\0' => s.push('\u{FFFD}'),
            c => s.push(c),
        }
    }
    s
}

fn is_rtl(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    RTL.iter().any(|l| l.eq_ignore_ascii_case(primary))
}

/// `dir` and `lang` attributes for text in `lang`.
fn lang_attrs(lang: &str) -> String {
    let dir = if is_rtl(lang) { "rtl" } else { "ltr" };
    format!("lang=\"{}\" dir=\"{dir}\"", escape(lang))
}

/// The largest char boundary of `text` at or before `at` (clamped to the text).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Languages in the order their files appear.
fn languages(report: &Report) -> Vec<String> {
    let mut seen = Vec::new();
    let all = report
        .files
        .iter()
        .map(|f| f.lang.to_string())
        .chain(report.findings.iter().map(|f| f.location.lang.to_string()));
    for lang in all {
        if !seen.contains(&lang) {
            seen.push(lang);
        }
    }
    seen
}

fn summary(report: &Report, h: &mut String) {
    let s = Summary::of(report);
    let _ = writeln!(
        h,
        "<section id=\"summary\">\n<table class=\"totals\"><tr><th>files</th><th>findings</th>\
<th class=\"sev-error\">errors</th><th class=\"sev-warning\">warnings</th><th class=\"sev-info\">info</th></tr>\
<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></table>",
        s.files, s.findings, s.errors, s.warnings, s.infos
    );
    h.push_str("<table class=\"files\"><tr><th>file</th><th>language</th><th>article</th><th>findings</th></tr>\n");
    for f in &report.files {
        let n = report
            .findings
            .iter()
            .filter(|x| x.location.path == f.path)
            .count();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{n}</td></tr>",
            escape(&f.path.display().to_string()),
            escape(f.lang.as_str()),
            escape(&f.article)
        );
    }
    h.push_str("</table>\n");
    let langs = languages(report);
    let mut counts: BTreeMap<Rule, BTreeMap<String, usize>> = BTreeMap::new();
    for f in &report.findings {
        *counts
            .entry(f.rule)
            .or_default()
            .entry(f.location.lang.to_string())
            .or_default() += 1;
    }
    if !counts.is_empty() {
        h.push_str("<table class=\"by-rule\"><tr><th>rule</th><th>severity</th>");
        for l in &langs {
            let _ = write!(h, "<th>{}</th>", escape(l));
        }
        h.push_str("<th>total</th></tr>\n");
        for (rule, per_lang) in &counts {
            let sev = rule.severity().as_str();
            let _ = write!(
                h,
                "<tr><td><code>{}</code></td><td class=\"sev-{sev}\">{sev}</td>",
                rule.id()
            );
            for l in &langs {
                match per_lang.get(l) {
                    Some(n) => {
                        let _ = write!(h, "<td>{n}</td>");
                    }
                    None => h.push_str("<td class=\"zero\">·</td>"),
                }
            }
            let _ = writeln!(h, "<td>{}</td></tr>", per_lang.values().sum::<usize>());
        }
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n");
}

fn filters(report: &Report, h: &mut String) {
    let rules: BTreeSet<Rule> = report.findings.iter().map(|f| f.rule).collect();
    h.push_str(
        "<form id=\"filters\" onsubmit=\"return false\">\n<fieldset><legend>severity</legend>",
    );
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = write!(
            h,
            "<label class=\"sev-{0}\"><input type=\"checkbox\" data-filter=\"sev\" value=\"{0}\" checked> {0}</label>",
            s.as_str()
        );
    }
    h.push_str("</fieldset>\n<fieldset><legend>rule</legend>");
    for r in Rule::ALL.iter().filter(|r| rules.contains(r)) {
        let _ = write!(
            h,
            "<label title=\"{}\"><input type=\"checkbox\" data-filter=\"rule\" value=\"{}\" checked> {}</label>",
            escape(r.description()),
            r.id(),
            r.id()
        );
    }
    if rules.is_empty() {
        h.push_str("<span class=\"zero\">no findings</span>");
    }
    h.push_str("</fieldset>\n<fieldset><legend>language</legend>");
    for l in languages(report) {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" data-filter=\"lang\" value=\"{0}\" checked> {0}</label>",
            escape(&l)
        );
    }
    h.push_str("</fieldset>\n<fieldset><legend>rows</legend><label><input type=\"checkbox\" id=\"only-findings\"> only rows with findings</label></fieldset>\n</form>\n");
}

/// One row of the side-by-side table: the sentences of each version (index 0 the source).
#[derive(Debug, Default, PartialEq, Eq)]
struct Row {
    cells: Vec<Vec<usize>>,
}

/// Where a version's sentence goes.
#[derive(Clone, Copy)]
enum Place {
    /// With the source sentences `a..b`.
    Source(usize, usize),
    /// Between source sentences, before source sentence `p`.
    Insert(usize),
}

/// Rows of a set: groups of source sentences that no version's alignment pair splits, each
/// with the version sentences aligned to them, and rows for sentences added between them.
/// Every sentence of every version is in exactly one row.
fn rows(set: &SetView) -> Vec<Row> {
    let width = set.versions.len();
    let aligned = set.versions.first().is_some_and(|v| v.alignment.is_none())
        && set.versions[1..].iter().all(|v| v.alignment.is_some());
    if !aligned || width == 0 {
        let longest = set
            .versions
            .iter()
            .map(|v| v.sentences.len())
            .max()
            .unwrap_or(0);
        return (0..longest)
            .map(|i| Row {
                cells: set
                    .versions
                    .iter()
                    .map(|v| {
                        if i < v.sentences.len() {
                            vec![i]
                        } else {
                            vec![]
                        }
                    })
                    .collect(),
            })
            .collect();
    }
    let n = set.versions[0].sentences.len();
    let mut forbid = vec![false; n + 1];
    let mut places: Vec<Vec<Place>> = Vec::with_capacity(width);
    places.push((0..n).map(|k| Place::Source(k, k + 1)).collect());
    for v in &set.versions[1..] {
        let m = v.sentences.len();
        let mut assigned: Vec<Option<Place>> = vec![None; m];
        for (src, tgt) in v.alignment.as_deref().unwrap_or(&[]) {
            let place = if src.start < src.end && src.start < n {
                let end = src.end.min(n);
                for f in forbid.iter_mut().take(end).skip(src.start + 1) {
                    *f = true;
                }
                Place::Source(src.start, end)
            } else {
                Place::Insert(src.start.min(n))
            };
            for slot in assigned.iter_mut().take(tgt.end.min(m)).skip(tgt.start) {
                *slot = Some(place);
            }
        }
        let mut last = Place::Insert(0);
        let filled = assigned
            .into_iter()
            .map(|p| {
                let place = p.unwrap_or(match last {
                    Place::Source(_, b) => Place::Insert(b),
                    insert => insert,
                });
                last = place;
                place
            })
            .collect();
        places.push(filled);
    }
    // group_start[k]: the first source sentence of k's group.
    let mut group_start = vec![0; n];
    let mut start = 0;
    for (k, g) in group_start.iter_mut().enumerate() {
        if !forbid[k] {
            start = k;
        }
        *g = start;
    }
    // Key (p, 0): sentences added before source sentence p; (p, 1): the group starting at p.
    let mut table: BTreeMap<(usize, u8), Row> = BTreeMap::new();
    for &g in &group_start {
        table.entry((g, 1)).or_insert_with(|| Row {
            cells: vec![Vec::new(); width],
        });
    }
    for (v, vplaces) in places.iter().enumerate() {
        for (j, place) in vplaces.iter().enumerate() {
            let key = match *place {
                Place::Source(a, _) => (group_start[a], 1),
                Place::Insert(p) if p < n && forbid[p] => (group_start[p], 1),
                Place::Insert(p) => (p, 0),
            };
            table
                .entry(key)
                .or_insert_with(|| Row {
                    cells: vec![Vec::new(); width],
                })
                .cells[v]
                .push(j);
        }
    }
    table
        .into_values()
        .map(|mut r| {
            for c in &mut r.cells {
                c.sort_unstable();
                c.dedup();
            }
            r
        })
        .collect()
}

/// The text shown for sentence `i`: from its start (the text's start for the first) to the
/// next sentence's start (the text's end for the last), so text between sentences is kept;
/// surrounding whitespace is trimmed for display. `(owned, shown)`.
fn chunk(v: &VersionView, i: usize) -> (Range<usize>, Range<usize>) {
    let len = v.text.len();
    let start = if i == 0 {
        0
    } else {
        floor_boundary(&v.text, v.sentences[i].start)
    };
    let end = v
        .sentences
        .get(i + 1)
        .map_or(len, |s| floor_boundary(&v.text, s.start))
        .max(start);
    let piece = &v.text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let shown_end = start + piece.trim_end().len();
    (start..end, (start + lead).min(shown_end)..shown_end)
}

/// Findings of one version, sorted into where they are shown.
struct Placement {
    /// File-level findings, listed under the column header.
    header: Vec<usize>,
    /// Findings whose note goes in a row's cell (by row), without a span in it.
    in_row: BTreeMap<usize, Vec<usize>>,
}

fn set_table(report: &Report, set: &SetView, placed: &mut [bool], h: &mut String) {
    let rows = rows(set);
    let source = &set.versions[0];
    // The row holding each source sentence.
    let mut source_row = BTreeMap::new();
    for (r, row) in rows.iter().enumerate() {
        for &k in &row.cells[0] {
            source_row.insert(k, r);
        }
    }
    let mine: Vec<Vec<usize>> = set
        .versions
        .iter()
        .map(|v| {
            (0..report.findings.len())
                .filter(|&i| report.findings[i].location.path == v.path)
                .collect()
        })
        .collect();
    let placements: Vec<Placement> = set
        .versions
        .iter()
        .zip(&mine)
        .map(|(v, ids)| {
            let mut p = Placement {
                header: Vec::new(),
                in_row: BTreeMap::new(),
            };
            for &i in ids {
                let f = &report.findings[i];
                let span = &f.location.span;
                if f.location.context.is_none() || v.sentences.is_empty() {
                    p.header.push(i);
                } else if span.is_empty() {
                    // Where it would stand: the row of the related source text, if any.
                    let row = f
                        .related
                        .iter()
                        .filter(|r| r.location.path == source.path)
                        .find_map(|r| {
                            sentence_at(source, r.location.span.start)
                                .and_then(|k| source_row.get(&k).copied())
                        });
                    // Else a point marker in the text, see `cell`.
                    if let Some(r) = row {
                        p.in_row.entry(r).or_default().push(i);
                    }
                }
            }
            p
        })
        .collect();
    for ids in &mine {
        for &i in ids {
            placed[i] = true;
        }
    }

    let _ = writeln!(
        h,
        "<section class=\"set\">\n<h2>{}</h2>\n<table class=\"side\">\n<thead><tr>",
        escape(&set.name)
    );
    for (c, (v, p)) in set.versions.iter().zip(&placements).enumerate() {
        let lang = v.lang.to_string();
        let _ = write!(
            h,
            "<th data-col-lang=\"{}\" {}><div class=\"lang\">{}{}</div><div class=\"path\" dir=\"ltr\">{}</div>",
            escape(&lang),
            lang_attrs(&lang),
            escape(&lang),
            if c == 0 && v.alignment.is_none() && set.versions.len() > 1 {
                " <span class=\"src\">source</span>"
            } else {
                ""
            },
            escape(&v.path.display().to_string())
        );
        for &i in &p.header {
            note(report, i, h);
        }
        h.push_str("</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in rows.iter().enumerate() {
        let added = row.cells[0].is_empty();
        let _ = write!(h, "<tr class=\"row{}\">", if added { " added" } else { "" });
        for (c, v) in set.versions.iter().enumerate() {
            let lang = v.lang.to_string();
            let sentences = &row.cells[c];
            let gap = sentences.is_empty() && !added;
            let _ = write!(
                h,
                "<td data-col-lang=\"{}\" {}{}>",
                escape(&lang),
                lang_attrs(&lang),
                if gap { " class=\"gap\"" } else { "" }
            );
            if gap {
                h.push_str("<span class=\"none\" dir=\"ltr\">— no counterpart —</span>");
            }
            if let Some(ids) = placements[c].in_row.get(&r) {
                for &i in ids {
                    note(report, i, h);
                }
            }
            // Notes after all the cell's sentences, so a sentence is never split by one.
            let mut notes = Vec::new();
            for &k in sentences {
                cell(report, v, &mine[c], &placements[c], k, &mut notes, h);
            }
            for i in notes {
                note(report, i, h);
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// The sentence whose owned chunk holds byte `at`.
fn sentence_at(v: &VersionView, at: usize) -> Option<usize> {
    (0..v.sentences.len()).find(|&k| {
        let (owned, _) = chunk(v, k);
        owned.contains(&at) || (k + 1 == v.sentences.len() && at == owned.end)
    })
}

/// One sentence with its findings highlighted; adds the findings starting in it to `notes`.
fn cell(
    report: &Report,
    v: &VersionView,
    ids: &[usize],
    placement: &Placement,
    k: usize,
    notes: &mut Vec<usize>,
    h: &mut String,
) {
    let (owned, shown) = chunk(v, k);
    let last = k + 1 == v.sentences.len();
    let in_owned = |at: usize| owned.contains(&at) || (last && at == owned.end);
    let header: BTreeSet<usize> = placement
        .header
        .iter()
        .chain(placement.in_row.values().flatten())
        .copied()
        .collect();
    // (id, highlighted range within `shown`; empty for a point marker)
    let mut marks: Vec<(usize, Range<usize>)> = Vec::new();
    for &i in ids {
        if header.contains(&i) {
            continue;
        }
        let span = &report.findings[i].location.span;
        let start = floor_boundary(&v.text, span.start);
        let end = floor_boundary(&v.text, span.end).max(start);
        if in_owned(start) {
            notes.push(i);
        }
        let (s, e) = (start.max(shown.start), end.min(shown.end));
        if start == end {
            if in_owned(start) {
                let at = start.clamp(shown.start, shown.end);
                marks.push((i, at..at));
            }
        } else if s < e {
            marks.push((i, s..e));
        }
    }
    let mut cuts: BTreeSet<usize> = [shown.start, shown.end].into();
    for (_, m) in &marks {
        cuts.insert(m.start);
        cuts.insert(m.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let _ = write!(h, "<div class=\"sentence\" data-s=\"{k}\">");
    for (n, &at) in cuts.iter().enumerate() {
        for (i, m) in &marks {
            if m.is_empty() && m.start == at {
                mark(report, &[*i], "⁁", true, h);
            }
        }
        let Some(&next) = cuts.get(n + 1) else { break };
        let text = &v.text[at..next];
        let covering: Vec<usize> = marks
            .iter()
            .filter(|(_, m)| m.start <= at && m.end >= next && !m.is_empty())
            .map(|(i, _)| *i)
            .collect();
        if covering.is_empty() {
            h.push_str(&escape(text));
        } else {
            mark(report, &covering, text, false, h);
        }
    }
    h.push_str("</div>");
}

/// A highlight over `text` for the findings `ids` (coloured by the most severe).
fn mark(report: &Report, ids: &[usize], text: &str, point: bool, h: &mut String) {
    let worst = ids
        .iter()
        .map(|&i| report.findings[i].severity)
        .min_by_key(|s| severity_rank(*s))
        .unwrap_or(Severity::Info);
    let title: Vec<String> = ids
        .iter()
        .map(|&i| {
            let f = &report.findings[i];
            format!("{}: {}", f.rule.id(), f.message)
        })
        .collect();
    let list: Vec<String> = ids.iter().map(|i| format!("f{i}")).collect();
    let _ = write!(
        h,
        "<mark class=\"sev-{}{}\" data-f=\"{}\" title=\"{}\">{}</mark>",
        worst.as_str(),
        if point { " point" } else { "" },
        list.join(" "),
        escape(&title.join("\n")),
        escape(text)
    );
}

/// The visible note of finding `i`: rule, message, expected form, source text.
fn note(report: &Report, i: usize, h: &mut String) {
    let f: &Finding = &report.findings[i];
    let sev = f.severity.as_str();
    let _ = write!(
        h,
        "<div class=\"note sev-{sev}\" id=\"f{i}\" data-finding=\"f{i}\" data-rule=\"{}\" data-sev=\"{sev}\" data-lang=\"{}\" dir=\"ltr\" lang=\"en\">\
<span class=\"badge\">{sev}</span> <code>{}</code> {}",
        f.rule.id(),
        escape(f.location.lang.as_str()),
        f.rule.id(),
        escape(&f.message)
    );
    if let Some(expected) = &f.expected {
        let _ = write!(
            h,
            "<div class=\"expected\">expected: <bdi>{}</bdi></div>",
            escape(expected)
        );
    }
    for r in &f.related {
        let text: String = r.text.chars().take(RELATED_CHARS).collect();
        let cut = if text.len() < r.text.len() { "…" } else { "" };
        let _ = write!(
            h,
            "<div class=\"related\">{} ({}, line {}): <bdi {}>{}{cut}</bdi></div>",
            escape(&r.label),
            escape(r.location.lang.as_str()),
            r.location.line,
            lang_attrs(r.location.lang.as_str()),
            escape(&text)
        );
    }
    if f.location.context.is_some() {
        let _ = write!(
            h,
            "<div class=\"where\">line {}, column {}</div>",
            f.location.line, f.location.column
        );
    }
    h.push_str("</div>");
}

const CSS: &str = r##"body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa;font-size:14px}
header{background:#fff;border-bottom:1px solid #ddd;padding:12px 20px}
h1{font-size:20px;margin:0 0 8px}h2{font-size:17px;margin:18px 0 8px}
main{padding:0 20px 40px}
table{border-collapse:collapse}
#summary{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
#summary table{background:#fff}
#summary th,#summary td{border:1px solid #ddd;padding:3px 8px;text-align:left}
#summary td{font-variant-numeric:tabular-nums}
.zero{color:#aaa}
#filters{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}
#filters fieldset{border:1px solid #ddd;border-radius:6px;padding:4px 8px;background:#fff}
#filters legend{font-weight:600;font-size:12px;color:#555}
#filters label{margin-right:8px;white-space:nowrap}
table.side{width:100%;table-layout:fixed;background:#fff}
table.side th,table.side td{border:1px solid #ddd;padding:6px 8px;vertical-align:top}
table.side th{background:#f0f0f3;position:sticky;top:0;font-weight:normal;text-align:start}
table.side .lang{font-weight:700;font-size:15px}
table.side .path{color:#666;font-size:11px;word-break:break-all;text-align:left}
.src{font-size:11px;background:#335;color:#fff;border-radius:3px;padding:0 4px}
tr.added td{background:#fff8e6}
td.gap{background:#fdeeee}
.none{color:#a55;font-style:italic;font-size:12px;display:block}
.sentence{white-space:pre-wrap;line-height:1.5;margin-bottom:4px}
mark{border-radius:2px;padding:0 1px}
mark.sev-error{background:#ffc9c9;border-bottom:2px solid #d32f2f}
mark.sev-warning{background:#ffe8a3;border-bottom:2px solid #e69500}
mark.sev-info{background:#cfe8ff;border-bottom:2px solid #1976d2}
mark.point{font-weight:700;color:#d32f2f}
mark.off{background:none;border-bottom:none;color:inherit}
mark.point.off{display:none}
.note{font-size:12px;margin:3px 0 6px;padding:3px 6px;border-left:3px solid;border-radius:3px;text-align:left;background:#fafafa}
.note.sev-error{border-color:#d32f2f}.note.sev-warning{border-color:#e69500}.note.sev-info{border-color:#1976d2}
.note .badge{font-weight:700;text-transform:uppercase;font-size:10px}
.note.sev-error .badge,th.sev-error,td.sev-error,label.sev-error{color:#d32f2f}
.note.sev-warning .badge,th.sev-warning,td.sev-warning,label.sev-warning{color:#b36b00}
.note.sev-info .badge,th.sev-info,td.sev-info,label.sev-info{color:#1976d2}
.note .expected{font-weight:600}.note .related,.note .where{color:#555}
.hidden{display:none!important}
"##;

const JS: &str = r##"(function () {
  "use strict";
  window.onerror = function (message) {
    document.body.dataset.jsError = String(message);
  };
  function checked(kind) {
    var set = {};
    document.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (box) {
      set[box.value] = box.checked;
    });
    return set;
  }
  function apply() {
    var rules = checked("rule"), sevs = checked("sev"), langs = checked("lang");
    var onlyFindings = document.getElementById("only-findings").checked;
    var visible = {};
    document.querySelectorAll(".note[data-finding]").forEach(function (note) {
      var d = note.dataset;
      var on = rules[d.rule] !== false && sevs[d.sev] !== false && langs[d.lang] !== false;
      note.classList.toggle("hidden", !on);
      if (on) { visible[d.finding] = true; }
    });
    document.querySelectorAll("mark[data-f]").forEach(function (mark) {
      var on = mark.dataset.f.split(" ").some(function (id) { return visible[id]; });
      mark.classList.toggle("off", !on);
    });
    document.querySelectorAll("[data-col-lang]").forEach(function (cell) {
      cell.classList.toggle("hidden", langs[cell.dataset.colLang] === false);
    });
    document.querySelectorAll("tr.row").forEach(function (row) {
      var any = row.querySelector(".note:not(.hidden), mark:not(.off)") !== null;
      row.classList.toggle("hidden", onlyFindings && !any);
    });
  }
  document.querySelectorAll("#filters input").forEach(function (box) {
    box.addEventListener("change", apply);
  });
  apply();
  document.body.dataset.ready = "1";
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Encoding};
    use crate::engine::FileInfo;
    use crate::finding::Related;
    use crate::lang::LangTag;

    fn doc(path: &str, lang: &str, text: &str) -> Document {
        Document::from_text(
            path,
            LangTag::parse(lang).unwrap(),
            "story".into(),
            text.into(),
            Encoding::Utf8,
        )
    }

    fn sentences(text: &str, parts: &[&str]) -> Vec<Range<usize>> {
        parts
            .iter()
            .map(|p| {
                let s = text.find(p).unwrap();
                s..s + p.len()
            })
            .collect()
    }

    fn view(
        d: &Document,
        parts: &[&str],
        alignment: Option<Vec<(Range<usize>, Range<usize>)>>,
    ) -> VersionView {
        VersionView {
            path: d.path.clone(),
            lang: d.lang.clone(),
            text: d.original().to_string(),
            sentences: sentences(d.original(), parts),
            alignment,
        }
    }

    /// A two-version set: en source, ar version with a changed number, a misspelling, an
    /// added sentence and a file-level missing entity.
    fn tiny() -> Report {
        let en_text = "Hamas said <script>alert(1)</script> ten times.\n\nIran agreed.\n";
        let ar_text = "قالت حماس 12 مرة.\n\nوافقت ايران.\n\nجملة مضافة.\n";
        let en = doc("s/story.en.txt", "en", en_text);
        let ar = doc("s/story.ar.txt", "ar", ar_text);
        let en_s = [
            "Hamas said <script>alert(1)</script> ten times.",
            "Iran agreed.",
        ];
        let ar_s = ["قالت حماس 12 مرة.", "وافقت ايران.", "جملة مضافة."];
        let ten = en_text.find("ten").unwrap();
        let twelve = ar_text.find("12").unwrap();
        let iran = ar_text.find("ايران").unwrap();
        let added = ar_text.find("جملة").unwrap();
        let findings = vec![
            {
                let mut f = Finding::at(
                    Rule::MissingEntity,
                    &ar,
                    0..0,
                    "Gaza is named in the en version but not in this one".into(),
                );
                f.location = crate::finding::Location::file(&ar);
                f
            },
            Finding::at(
                Rule::NumberMismatch,
                &ar,
                twelve..twelve + 2,
                "number differs from the en source: 'ten' there, '12' here".into(),
            )
            .expected(Some("ten".into()))
            .related(Related::of(&en, ten..ten + 3, "source")),
            Finding::at(
                Rule::InexactForm,
                &ar,
                iran..iran + "ايران".len(),
                "'ايران' differs from the house style 'إيران'".into(),
            )
            .expected(Some("إيران".into())),
            Finding::at(
                Rule::AddedSegment,
                &ar,
                added..added + ar_s[2].len(),
                "this sentence has no counterpart in the en source".into(),
            ),
        ];
        Report {
            files: [&en, &ar]
                .iter()
                .map(|d| FileInfo {
                    path: d.path.clone(),
                    lang: d.lang.clone(),
                    article: "story".into(),
                })
                .collect(),
            findings,
            sets: vec![SetView {
                name: "story".into(),
                versions: vec![
                    view(&en, &en_s, None),
                    view(
                        &ar,
                        &ar_s,
                        Some(vec![(0..1, 0..1), (1..2, 1..2), (2..2, 2..3)]),
                    ),
                ],
            }],
        }
    }

    #[test]
    fn article_text_is_escaped() {
        let html = render(&tiny());
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // The only script element is the page's own.
        assert_eq!(html.matches("<script>").count(), 1);
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn marks_fall_on_arabic_and_cyrillic_characters() {
        let html = render(&tiny());
        assert!(html.contains("data-f=\"f1\" title=\"number-mismatch: number differs from the en source: &#39;ten&#39; there, &#39;12&#39; here\">12</mark>"));
        assert!(html.contains(">ايران</mark>"));
        // A span cutting a character in half is moved to the character's start.
        let text = "Хезболлах заявила";
        let d = doc("s/x.ru.txt", "ru", text);
        let mut report = Report {
            findings: vec![{
                let mut f = Finding::at(Rule::UnlistedVariant, &d, 0..6, "m".into());
                f.location.span = 1..5;
                f
            }],
            ..Report::default()
        };
        report.sets.push(SetView {
            name: "x".into(),
            versions: vec![view(&d, &[text], None)],
        });
        let html = render(&report);
        assert!(
            html.contains("data-f=\"f0\" title=\"unlisted-variant: m\">Хе</mark>зболлах"),
            "{html}"
        );
    }

    #[test]
    fn right_to_left_versions_get_dir_and_lang() {
        let html = render(&tiny());
        assert!(html.contains("<td data-col-lang=\"ar\" lang=\"ar\" dir=\"rtl\""));
        assert!(html.contains("<th data-col-lang=\"ar\" lang=\"ar\" dir=\"rtl\""));
        assert!(html.contains("<td data-col-lang=\"en\" lang=\"en\" dir=\"ltr\""));
        assert!(is_rtl("fa") && is_rtl("he-IL") && is_rtl("ur") && !is_rtl("fr"));
    }

    #[test]
    fn filters_cover_rules_severities_and_languages() {
        let html = render(&tiny());
        for value in ["error", "warning", "info"] {
            assert!(html.contains(&format!("data-filter=\"sev\" value=\"{value}\"")));
        }
        for rule in [
            "missing-entity",
            "number-mismatch",
            "inexact-form",
            "added-segment",
        ] {
            assert!(html.contains(&format!("data-filter=\"rule\" value=\"{rule}\"")));
        }
        assert!(!html.contains("value=\"deprecated-form\""));
        for lang in ["en", "ar"] {
            assert!(html.contains(&format!("data-filter=\"lang\" value=\"{lang}\"")));
        }
        assert!(html.contains("document.body.dataset.ready = \"1\""));
    }

    #[test]
    fn every_sentence_gets_a_row() {
        let report = tiny();
        let first = rows(&report.sets[0]);
        assert_eq!(
            first,
            vec![
                Row {
                    cells: vec![vec![0], vec![0]]
                },
                Row {
                    cells: vec![vec![1], vec![1]]
                },
                Row {
                    cells: vec![vec![], vec![2]]
                },
            ]
        );
        // Pairs that skip sentences (a dropped paragraph) and a 2–1 pair in another version.
        let text = "A. B. C. D.";
        let src = doc("s/t.en.txt", "en", text);
        let fr = doc("s/t.fr.txt", "fr", "AB. D.");
        let de = doc("s/t.de.txt", "de", "A. B. X. C. D.");
        let set = SetView {
            name: "t".into(),
            versions: vec![
                view(&src, &["A.", "B.", "C.", "D."], None),
                view(&fr, &["AB.", "D."], Some(vec![(0..2, 0..1), (3..4, 1..2)])),
                view(
                    &de,
                    &["A.", "B.", "X.", "C.", "D."],
                    Some(vec![
                        (0..1, 0..1),
                        (1..2, 1..2),
                        (2..2, 2..3),
                        (2..3, 3..4),
                        (3..4, 4..5),
                    ]),
                ),
            ],
        };
        let rows = rows(&set);
        let flat = |c: usize| {
            rows.iter()
                .flat_map(|r| r.cells[c].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(flat(0), vec![0, 1, 2, 3]);
        assert_eq!(flat(1), vec![0, 1]);
        assert_eq!(flat(2), vec![0, 1, 2, 3, 4]);
        assert_eq!(rows[0].cells, vec![vec![0, 1], vec![0], vec![0, 1]]);
        // C. is dropped in fr (a row with an empty fr cell), X. is added in de.
        assert!(rows
            .iter()
            .any(|r| r.cells == vec![vec![2], vec![], vec![3]]));
        assert!(rows
            .iter()
            .any(|r| r.cells == vec![vec![], vec![], vec![2]]));
    }

    #[test]
    fn file_level_findings_sit_under_the_header() {
        let html = render(&tiny());
        let header_end = html.find("</thead>").unwrap();
        let note = html.find("data-rule=\"missing-entity\"").unwrap();
        assert!(note < header_end && note > html.find("<thead>").unwrap());
    }

    #[test]
    fn snapshot_of_a_two_version_set() {
        let html = render(&tiny());
        let start = html.find("<main>").unwrap();
        let end = html.find("</main>").unwrap();
        insta::assert_snapshot!(&html[start..end + "</main>".len()]);
    }
}
