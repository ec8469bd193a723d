//! `glossary suggest`: proposing glossary entries from the names found in the versions.
//!
//! Name-like words are collected per language (runs of capitalized words in cased scripts,
//! words of three letters or more in Arabic, Persian and Hebrew), spellings of one name are
//! clustered with the same script-aware cost the checks use, and clusters are linked across
//! languages through the sentence alignment: two clusters that keep appearing in aligned
//! sentences, each the other's best partner, are one entity. Each entity becomes glossary
//! rows, the most frequent spelling preferred and the others listed as variants to review;
//! entities come out sorted by how inconsistent they look (most spellings first).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::analysis::Analysis;
use crate::checks::Version;
use crate::fuzzy::FuzzyIndex;
use crate::lang::LangTag;
use crate::normalize::{is_word_char, normalize_str};

/// One spelling cluster in one language.
#[derive(Debug, Default)]
struct Cluster {
    /// Spelling as written → how often.
    spellings: BTreeMap<String, usize>,
    /// Normalized spelling of the first member (what others are compared with).
    key: String,
    /// (version index, sentence index) of each occurrence.
    sentences: Vec<(usize, usize)>,
}

impl Cluster {
    fn total(&self) -> usize {
        self.spellings.values().sum()
    }

    fn preferred(&self) -> &str {
        self.spellings
            .iter()
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse(s.len())))
            .map(|(s, _)| s.as_str())
            .unwrap_or("")
    }
}

/// A proposed entity: its clusters per language.
#[derive(Debug)]
pub struct Proposal {
    pub id: String,
    /// Per language: (spelling, count), most frequent first.
    pub forms: BTreeMap<String, Vec<(String, usize)>>,
}

impl Proposal {
    fn spellings(&self) -> usize {
        self.forms.values().map(Vec::len).sum()
    }
}

/// Proposes entries from analysed versions (several article sets may be given; alignment
/// links languages within each set). Names the glossary already knows are left out.
pub fn propose(sets: &[Vec<Version>], source: &LangTag) -> Vec<Proposal> {
    // Clusters per language, and for each occurrence the cluster it went to.
    let mut clusters: BTreeMap<String, Vec<Cluster>> = BTreeMap::new();
    // (set, version, sentence) → clusters (language, index) named there.
    let mut named: HashMap<(usize, usize, usize), Vec<(String, usize)>> = HashMap::new();
    for (set_index, versions) in sets.iter().enumerate() {
        for (version_index, version) in versions.iter().enumerate() {
            let lang = version.doc.lang.primary().to_string();
            let list = clusters.entry(lang.clone()).or_default();
            for (span, sentence) in name_candidates(version) {
                let written = version.doc.slice(span).into_owned();
                let key = normalize_str(&written);
                let cased = key.chars().next().is_some_and(char::is_lowercase);
                let index = match list.iter().position(|c| {
                    c.key == key || FuzzyIndex::cost_to(&key, &c.key, cased).is_some()
                }) {
                    Some(i) => i,
                    None => {
                        list.push(Cluster {
                            key: key.clone(),
                            ..Cluster::default()
                        });
                        list.len() - 1
                    }
                };
                *list[index].spellings.entry(written).or_default() += 1;
                list[index].sentences.push((version_index, sentence));
                named
                    .entry((set_index, version_index, sentence))
                    .or_default()
                    .push((lang.clone(), index));
            }
        }
    }
    // Co-occurrence of source clusters with other languages' clusters in aligned sentences.
    let mut together: HashMap<(usize, String, usize), usize> = HashMap::new();
    for (set_index, versions) in sets.iter().enumerate() {
        let Some(source_index) = versions
            .iter()
            .position(|v| v.doc.lang.same_language(source))
        else {
            continue;
        };
        for (version_index, version) in versions.iter().enumerate() {
            let Some(alignment) = &version.alignment else {
                continue;
            };
            for bead in &alignment.sentences {
                let source_names: Vec<usize> = bead
                    .source
                    .clone()
                    .flat_map(|s| {
                        named
                            .get(&(set_index, source_index, s))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .map(|(_, c)| c)
                    .collect();
                let target_names: Vec<(String, usize)> = bead
                    .target
                    .clone()
                    .flat_map(|t| {
                        named
                            .get(&(set_index, version_index, t))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                for s in &source_names {
                    for (lang, t) in &target_names {
                        *together.entry((*s, lang.clone(), *t)).or_default() += 1;
                    }
                }
            }
        }
    }
    let source_lang = source.primary().to_string();
    let empty = Vec::new();
    let source_clusters = clusters.get(&source_lang).unwrap_or(&empty);
    let mut linked: HashMap<(String, usize), usize> = HashMap::new();
    for (lang, list) in &clusters {
        if *lang == source_lang {
            continue;
        }
        // Mutual best partners by Dice coefficient, ties broken by spelling similarity
        // (same-script names: Hezbollah / Hisbollah).
        let similarity = |s: usize, t: usize| {
            strsim::normalized_levenshtein(&source_clusters[s].key, &list[t].key)
        };
        let dice = |s: usize, t: usize| {
            let n = *together.get(&(s, lang.clone(), t)).unwrap_or(&0) as f64;
            2.0 * n / (source_clusters[s].total() + list[t].total()) as f64
                + 0.01 * similarity(s, t)
        };
        for s in 0..source_clusters.len() {
            let best = (0..list.len()).max_by(|&a, &b| dice(s, a).total_cmp(&dice(s, b)));
            let Some(t) = best else { continue };
            // One shared sentence is evidence only for look-alike spellings; otherwise the
            // pair must meet at least twice.
            let co = *together.get(&(s, lang.clone(), t)).unwrap_or(&0);
            if dice(s, t) < 0.5 || (co < 2 && similarity(s, t) < 0.5) {
                continue;
            }
            let back =
                (0..source_clusters.len()).max_by(|&a, &b| dice(a, t).total_cmp(&dice(b, t)));
            if back == Some(s) {
                linked.insert((lang.clone(), t), s);
            }
        }
    }
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut by_source: HashMap<usize, usize> = HashMap::new();
    for (s, cluster) in source_clusters.iter().enumerate() {
        by_source.insert(s, proposals.len());
        proposals.push(Proposal {
            id: slug(cluster.preferred()),
            forms: BTreeMap::from([(source_lang.clone(), sorted(cluster, &source_lang))]),
        });
    }
    for (lang, list) in &clusters {
        if *lang == source_lang {
            continue;
        }
        for (t, cluster) in list.iter().enumerate() {
            match linked.get(&(lang.clone(), t)) {
                Some(s) => {
                    proposals[by_source[s]]
                        .forms
                        .insert(lang.clone(), sorted(cluster, lang));
                }
                // A name with no partner in the source is still worth listing when it is
                // spelled several ways.
                None if cluster.spellings.len() > 1 => proposals.push(Proposal {
                    id: slug(cluster.preferred()),
                    forms: BTreeMap::from([(lang.clone(), sorted(cluster, lang))]),
                }),
                None => {}
            }
        }
    }
    // Unique ids.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in &mut proposals {
        let n = seen.entry(p.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            p.id = format!("{}-{}", p.id, n);
        }
    }
    proposals.sort_by(|a, b| {
        b.spellings()
            .cmp(&a.spellings())
            .then_with(|| total(b).cmp(&total(a)))
            .then_with(|| a.id.cmp(&b.id))
    });
    proposals
}

fn total(p: &Proposal) -> usize {
    p.forms.values().flatten().map(|(_, n)| n).sum()
}

/// The spellings of a cluster, most frequent first; spellings that differ only in case or
/// accents fold into their most frequent writing (a glossary compares forms that way), and
/// inflected or derived forms of the preferred spelling (Хезболлой, Israeli, ایرانی) are
/// grammar, not variants: they are left out.
fn sorted(cluster: &Cluster, lang: &str) -> Vec<(String, usize)> {
    let profile = crate::lang::Profile::for_language(lang);
    let preferred = cluster.preferred().to_string();
    let preferred_key = normalize_str(&preferred);
    let inflected: Vec<String> = crate::matcher::inflect::variants(&preferred, profile.declension)
        .iter()
        .map(|v| normalize_str(v))
        .collect();
    let grammatical = |spelling: &str| {
        let key = normalize_str(spelling);
        key != preferred_key
            && (inflected.contains(&key)
                || key
                    .strip_prefix(preferred_key.as_str())
                    .is_some_and(|rest| {
                        matches!(
                            profile.classify_suffix(rest.trim_start_matches(['-', ' '])),
                            crate::lang::SuffixKind::Inflection
                                | crate::lang::SuffixKind::Derivation
                        )
                    }))
    };
    let mut by_key: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (s, n) in &cluster.spellings {
        if !grammatical(s) {
            by_key
                .entry(normalize_str(s))
                .or_default()
                .push((s.clone(), *n));
        }
    }
    let mut forms: Vec<(String, usize)> = by_key
        .into_values()
        .map(|mut group| {
            group.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let total = group.iter().map(|(_, n)| n).sum();
            (group.swap_remove(0).0, total)
        })
        .collect();
    forms.sort_by(|a, b| {
        (b.0 == preferred)
            .cmp(&(a.0 == preferred))
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(&b.0))
    });
    forms
}

/// A glossary id from a name: lower case, words joined by hyphens (letters of any script
/// kept).
fn slug(name: &str) -> String {
    let words: Vec<String> = normalize_str(name)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        "name".into()
    } else {
        words.join("-")
    }
}

/// Name-like spans of a version not already known to the glossary, with their sentence.
fn name_candidates(version: &Version) -> Vec<(Range<usize>, usize)> {
    let doc = version.doc;
    let analysis: &Analysis = &version.analysis;
    let known: Vec<Range<usize>> = analysis
        .entity_references()
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let mut out = Vec::new();
    for (index, sentence) in analysis.segments.sentences.iter().enumerate() {
        let text = &doc.text[sentence.span.clone()];
        let words: Vec<(usize, &str)> = word_spans(text);
        let mut k = 0;
        while k < words.len() {
            let (start, word) = words[k];
            let first = word.chars().next().unwrap_or(' ');
            let cased = first.is_uppercase() || first.is_lowercase();
            if !first.is_alphabetic() {
                k += 1;
                continue;
            }
            if !cased {
                // Arabic, Persian, Hebrew, …: every word long enough is a candidate; only
                // those spelled several ways (or linked to a source name) come out.
                if word.chars().count() >= 3 {
                    out.push((
                        sentence.span.start + start..sentence.span.start + start + word.len(),
                        index,
                    ));
                }
                k += 1;
                continue;
            }
            if !first.is_uppercase() {
                k += 1;
                continue;
            }
            let mut end = k;
            while end + 1 < words.len()
                && words[end + 1]
                    .1
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && text[words[end].0 + words[end].1.len()..words[end + 1].0]
                    .trim()
                    .is_empty()
            {
                end += 1;
            }
            // A capitalized first word of a sentence that the text also writes in lower
            // case is a common word ("A Hezbollah spokesman", "The Times"): not part of
            // the name.
            let first_name_word = if k == 0 && lowercase_elsewhere(&doc.text, word) {
                k + 1
            } else {
                k
            };
            if first_name_word <= end {
                let start = words[first_name_word].0;
                let span = sentence.span.start + start
                    ..sentence.span.start + words[end].0 + words[end].1.len();
                out.push((span, index));
            }
            k = end + 1;
        }
    }
    out.retain(|(span, _)| {
        !known
            .iter()
            .any(|r| r.start < span.end && span.start < r.end)
    });
    // In scripts without capitals every word is a candidate: drop the function words, those
    // found in more than half of the sentences.
    let sentences = analysis.segments.sentences.len().max(1);
    let mut coverage: HashMap<String, std::collections::HashSet<usize>> = HashMap::new();
    for (span, sentence) in &out {
        coverage
            .entry(normalize_str(&doc.text[span.clone()]))
            .or_default()
            .insert(*sentence);
    }
    out.retain(|(span, _)| {
        let word = &doc.text[span.clone()];
        let cased = word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_lowercase());
        cased || coverage[&normalize_str(word)].len() * 2 <= sentences || sentences < 4
    });
    out
}

fn lowercase_elsewhere(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    text.split(|c: char| !is_word_char(c)).any(|w| w == lower)
}

/// Words (letters, digits, hyphens and apostrophes inside a word) with their offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    let joiner = |c: char| c == '-' || c == '\'' || c == '’';
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inside = is_word_char(c)
            || (joiner(c)
                && start.is_some()
                && chars.get(k + 1).is_some_and(|(_, n)| is_word_char(*n)));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    words
}

/// The proposals as glossary CSV (long layout), ready for `glossary lint` and `check -g`.
pub fn to_csv(proposals: &[Proposal]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["id", "type", "lang", "form", "status", "note"])
        .expect("writing to memory");
    for p in proposals {
        for (lang, forms) in &p.forms {
            for (i, (form, count)) in forms.iter().enumerate() {
                let (status, note) = if i == 0 {
                    ("preferred", format!("seen {count}×"))
                } else {
                    ("deprecated", format!("variant seen {count}×; review"))
                };
                writer
                    .write_record(["other", lang, form, status, &note].iter().fold(
                        vec![p.id.as_str()],
                        |mut v, s| {
                            v.push(s);
                            v
                        },
                    ))
                    .expect("writing to memory");
            }
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}
