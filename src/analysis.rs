//! Everything the checks need to know about one version: where each glossary entity is
//! mentioned, and which words look like misspelled glossary forms.

use std::ops::Range;

use crate::anchors::{self, Anchors};
use crate::document::Document;
use crate::fuzzy::{FuzzyIndex, FuzzyScratch};
use crate::glossary::{EntityId, FormId, Glossary};
use crate::masking::machine_spans;
use crate::matcher::{Matcher, Matches, Mention};
use crate::normalize::{
    digit_starts, is_letter, is_lowercase, is_news_digit_at, is_uppercase, is_word_char, word_spans,
};
use crate::run_cache::{with_thread_lookups, Lookup, RunKey};
use crate::segment::{segment, Segmentation};
use crate::stage_times::{time, Stage};
use crate::utf8::char_len;

/// A word (or run of words) close to a glossary form but not in the glossary.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Span in the original text.
    pub span: Range<usize>,
    pub entity: EntityId,
    /// The form it is closest to.
    pub closest: FormId,
    pub via_source: bool,
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub mentions: Vec<Mention>,
    pub variants: Vec<Variant>,
    /// Words derived from a name (israélien): original spans and the entity.
    pub derived: Vec<(Range<usize>, EntityId)>,
    pub segments: Segmentation,
    pub anchors: Anchors,
}

impl Analysis {
    /// Whether the version names the entity at all: exactly, untranslated or misspelled.
    pub fn names(&self, entity: EntityId) -> bool {
        self.mentions.iter().any(|m| m.entity == entity)
            || self.variants.iter().any(|v| v.entity == entity)
    }

    /// Every reference to an entity (mentions, misspellings, derived words) as
    /// (original span, entity), in text order.
    pub fn entity_references(&self) -> Vec<(Range<usize>, EntityId)> {
        let mut refs: Vec<(Range<usize>, EntityId)> = self
            .mentions
            .iter()
            .map(|m| (m.span.clone(), m.entity))
            .chain(self.variants.iter().map(|v| (v.span.clone(), v.entity)))
            .chain(self.derived.iter().cloned())
            .collect();
        refs.sort_by_key(|(span, _)| span.start);
        refs
    }
}

/// The glossary part of the analysis alone: mentions, derived words, variants, and the
/// normalized spans they (and machine text) cover. What the transliteration checks need;
/// measured on its own by the archive benchmark.
pub struct Names {
    pub mentions: Vec<Mention>,
    pub derived: Vec<(Range<usize>, EntityId)>,
    pub variants: Vec<Variant>,
    pub covered: Vec<Range<usize>>,
}

pub fn analyze(glossary: &Glossary, matcher: &Matcher, doc: &Document) -> Analysis {
    // Found once for the near misses and the anchors.
    let (words, digits) = time(Stage::Words, || {
        (
            word_spans(&doc.normalized.text),
            digit_starts(&doc.normalized.text),
        )
    });
    let Names {
        mentions,
        derived,
        variants,
        covered,
    } = names_among(glossary, matcher, doc, &words, &digits);
    let anchors = time(Stage::Anchors, || {
        anchors::extract_among(doc, &covered, &words, &digits)
    });
    let derived = derived
        .into_iter()
        .map(|(r, entity)| (doc.normalized.original_range(&doc.text, r), entity))
        .collect();
    Analysis {
        mentions,
        variants,
        derived,
        segments: time(Stage::Segment, || segment(&doc.text, &doc.lang)),
        anchors,
    }
}

pub fn names(glossary: &Glossary, matcher: &Matcher, doc: &Document) -> Names {
    let text = &doc.normalized.text;
    names_among(
        glossary,
        matcher,
        doc,
        &word_spans(text),
        &digit_starts(text),
    )
}

/// `names`, given the version's words and digits (`normalize::word_spans` and
/// `normalize::digit_starts` of its normalized text).
pub fn names_among(
    glossary: &Glossary,
    matcher: &Matcher,
    doc: &Document,
    words: &[Range<usize>],
    digits: &[usize],
) -> Names {
    let Matches {
        mut mentions,
        mut derived,
    } = time(Stage::Match, || matcher.find(doc));
    let machine = machine_spans(&doc.normalized.text);
    let inside_machine_text = |r: &Range<usize>| overlaps_any(&machine, r);
    mentions.retain(|m| !inside_machine_text(&m.normalized));
    derived.retain(|(r, _)| !inside_machine_text(r));
    let (full_names, name_words) = full_name_variants(glossary, doc, &mentions);
    let mut covered: Vec<Range<usize>> = mentions
        .iter()
        .map(|m| m.normalized.clone())
        .chain(derived.iter().map(|(r, _)| r.clone()))
        .chain(name_words)
        .chain(machine.iter().cloned())
        .collect();
    covered.sort_by_key(|r| r.start);
    let mut variants = time(Stage::NearMiss, || {
        find_variants(glossary, matcher, doc, words, digits, &covered)
    });
    variants.extend(full_names);
    variants.sort_by_key(|v| v.span.start);
    Names {
        mentions,
        derived,
        variants,
        covered,
    }
}

/// Whether `r` overlaps any of the sorted `spans`.
fn overlaps_any(spans: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = spans.partition_point(|s| s.end <= r.start);
    spans.get(i).is_some_and(|s| s.start < r.end)
}

/// Misspelled first names before a correct surname: "Ismael Haniyeh", "Mohamed Said Izadi".
/// The surname alone is an accepted short form, so the matcher takes it and the fuzzy finder
/// would see "Ismael" alone (and take it for "Israel"). Here the words before a short-form
/// mention are read together with it against the entity's longer forms ending in it.
/// Returns the variants and the normalized spans of the words they took.
fn full_name_variants(
    glossary: &Glossary,
    doc: &Document,
    mentions: &[Mention],
) -> (Vec<Variant>, Vec<Range<usize>>) {
    let text = doc.normalized.text.as_str();
    let mut variants = Vec::new();
    let mut taken = Vec::new();
    // Mentions come in text order and never overlap, so their ends are sorted too: the
    // first ending after `r` starts is the only one that can overlap it.
    debug_assert!(mentions
        .windows(2)
        .all(|w| w[0].normalized.end <= w[1].normalized.start));
    let mentioned = |r: &Range<usize>| {
        let i = mentions.partition_point(|m| m.normalized.end <= r.start);
        mentions.get(i).is_some_and(|m| m.normalized.start < r.end)
    };
    for mention in mentions {
        let form = glossary.form(mention.form);
        if mention.via_source || !form.short {
            continue;
        }
        let tail = words_of(&form.normalized);
        for (id, full) in glossary.forms_in(mention.entity, &form.lang) {
            let words = words_of(&full.normalized);
            if !full.status.is_accepted() || words.len() <= tail.len() || !words.ends_with(&tail) {
                continue;
            }
            let Some(first) =
                words_before(text, mention.normalized.start, words.len() - tail.len())
            else {
                continue;
            };
            let before = first..mention.normalized.start;
            if mentioned(&before) {
                continue;
            }
            let candidate = &text[first..mention.normalized.end];
            let cased = candidate.chars().next().is_some_and(char::is_lowercase);
            let span = doc
                .normalized
                .original_range(&doc.text, first..mention.normalized.end);
            let capitalized = doc.text[span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if cased && !capitalized {
                continue;
            }
            if FuzzyIndex::cost_to(candidate, &full.normalized, cased).is_some() {
                variants.push(Variant {
                    span,
                    entity: mention.entity,
                    closest: id,
                    via_source: false,
                });
                taken.push(before);
                break;
            }
        }
    }
    (variants, taken)
}

fn words_of(normalized: &str) -> Vec<&str> {
    normalized
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The start of the `count` words before `at`, joined by single spaces or hyphens.
fn words_before(text: &str, at: usize, count: usize) -> Option<usize> {
    let mut position = at;
    for _ in 0..count {
        let gap = text[..position].chars().next_back()?;
        if !matches!(gap, ' ' | '-') {
            return None;
        }
        let end = position - gap.len_utf8();
        let start = text[..end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c))
            .last()
            .map(|(i, _)| i)?;
        position = start;
    }
    Some(position)
}

/// A run of words to look up: its first and last word, how it is written, its cache key.
struct Run {
    first: u32,
    last: u32,
    cased: bool,
    capitalized: bool,
    key: RunKey,
}

/// How many runs ahead of its lookup a run's cache slot is asked for.
const PREFETCH_AHEAD: usize = 8;

/// A hit of the fuzzy index on a run of words.
struct Hit {
    first_word: usize,
    last_word: usize,
    normalized: Range<usize>,
    form: FormId,
    via_source: bool,
    cost: f32,
}

fn find_variants(
    glossary: &Glossary,
    matcher: &Matcher,
    doc: &Document,
    words: &[Range<usize>],
    digits: &[usize],
    covered: &[Range<usize>],
) -> Vec<Variant> {
    let text = doc.normalized.text.as_str();
    let is_covered = {
        let mut cursor = 0;
        words
            .iter()
            .map(|w| {
                while cursor < covered.len() && covered[cursor].end <= w.start {
                    cursor += 1;
                }
                covered[cursor..]
                    .iter()
                    .take_while(|c| c.start < w.end)
                    .any(|c| c.end > w.start)
            })
            .collect::<Vec<bool>>()
    };
    let profile = matcher.lang.profile();
    let mut scratch = FuzzyScratch::default();
    let mut hits: Vec<Hit> = Vec::new();
    let mut readings: Vec<(usize, usize)> = Vec::new();
    // The runs worth looking up, first; then their lookups, each slot of the run cache
    // asked for a few runs ahead: the table is larger than the processor's caches, and
    // lookups one after another would wait for each slot in turn.
    let runs = runs_to_look_up(matcher, doc, words, digits, &is_covered);
    // A run that is a glossary form ends the runs from its first word.
    let mut known_from = None;
    with_thread_lookups(|lookups| {
        for (i, r) in runs.iter().enumerate() {
            if let Some(ahead) = runs.get(i + PREFETCH_AHEAD) {
                lookups.prefetch(ahead.key);
            }
            let (first, last) = (r.first as usize, r.last as usize);
            if known_from == Some(first) {
                continue;
            }
            let run = words[first].start..words[last].end;
            let run_text = &text[run.clone()];
            let (capitalized, cased) = (r.capitalized, r.cased);
            // News repeats its words: each distinct run is looked up once per version.
            let outcome = lookups.get_or_compute(r.key, run_text, capitalized, || {
                profile.affix_readings_into(run_text, &mut readings);
                if readings
                    .iter()
                    .any(|&(s, e)| matcher.is_known(&run_text[s..e]))
                {
                    return Lookup::Known;
                }
                Lookup::Closest(
                    readings
                        .iter()
                        .filter_map(|&(s, e)| {
                            matcher
                                .closest(&run_text[s..e], capitalized, cased, &mut scratch)
                                .map(|near| (s as u8, e as u8, near))
                        })
                        .min_by(|a, b| a.2.cost.total_cmp(&b.2.cost)),
                )
            });
            let best = match outcome {
                // A glossary form the matcher declined (wrong case, foreign ending): never
                // a variant of something else.
                Lookup::Known => {
                    known_from = Some(first);
                    continue;
                }
                Lookup::Closest(best) => best,
            };
            // A source-language form is a yardstick only where the version's language has
            // its own form of the entity: "İsrail" in Turkish is not a misspelling of "Israel".
            let best = best.filter(|(_, _, near)| {
                !near.via_source
                    || glossary.has_language(glossary.form(near.form).entity, &doc.lang)
            });
            if let Some((s, e, near)) = best {
                let (s, e) = (usize::from(s), usize::from(e));
                hits.push(Hit {
                    first_word: first,
                    last_word: last,
                    normalized: run.start + s..run.start + e,
                    form: near.form,
                    via_source: near.via_source,
                    cost: near.cost,
                });
            }
        }
    });
    // Prefer runs covering more words, then closer ones; keep them from overlapping.
    hits.sort_by(|a, b| {
        (b.last_word - b.first_word)
            .cmp(&(a.last_word - a.first_word))
            .then(a.cost.total_cmp(&b.cost))
            .then(a.first_word.cmp(&b.first_word))
    });
    let mut taken = vec![false; words.len()];
    let mut variants = Vec::new();
    for hit in hits {
        if taken[hit.first_word..=hit.last_word].iter().any(|t| *t) {
            continue;
        }
        taken[hit.first_word..=hit.last_word].fill(true);
        variants.push(Variant {
            span: doc.normalized.original_range(&doc.text, hit.normalized),
            entity: glossary.form(hit.form).entity,
            closest: hit.form,
            via_source: hit.via_source,
        });
    }
    variants.sort_by_key(|v| v.span.start);
    variants
}

/// The runs of words of a version to look up for near misses, in text order: from each
/// word not covered by a match, up to the glossary's longest form in words, through single
/// joiners only.
fn runs_to_look_up(
    matcher: &Matcher,
    doc: &Document,
    words: &[Range<usize>],
    digits: &[usize],
    is_covered: &[bool],
) -> Vec<Run> {
    let text = doc.normalized.text.as_str();
    let max_words = matcher.max_words().max(1);
    // At most `max_words` runs from each word, and seldom more than a few: sized for up to
    // four a word, the list does not grow for names of up to four words (it grew by
    // reallocation, 8 % of listing the runs), and a glossary with a long form does not
    // reserve room for runs that never come.
    let mut runs: Vec<Run> = Vec::with_capacity(words.len() * max_words.min(4));
    // A one-letter word (the Persian conjunction و) never starts or ends a name: its
    // length is its first character's.
    let one_letter = |w: &Range<usize>| w.len() == char_len(text.as_bytes()[w.start]);
    // Whether the text writes a run with a capital: its first letter in the original.
    let capitalized_from = |start: usize, end: usize| {
        // Most words start with a letter: the original range starts at it, and the end of
        // the range (the last cluster's extent) is not needed.
        if let Some(first) = doc.text[doc.normalized.origin_of(start)..].chars().next() {
            if is_letter(first) {
                return Some(is_uppercase(first));
            }
        }
        let original = doc.normalized.original_range(&doc.text, start..end);
        doc.text[original]
            .chars()
            .find(|&c| is_letter(c))
            .map(is_uppercase)
    };
    // Numbers and dates differ from one story to the next, so the runs holding them were
    // most of those the cache had not seen (half to nearly all of the fuzzy-index
    // searches, by language, in the generated archive). Where no form holds a digit, a run
    // with two is neither a form nor a near miss (`Matcher::forms_have_digits`), nor is any
    // longer run from the same word: the runs from a word end before the second digit
    // from its start.
    let digit_starts: Vec<usize> = if matcher.forms_have_digits() {
        Vec::new()
    } else {
        digits
            .iter()
            .copied()
            .filter(|&at| is_news_digit_at(text, at))
            .collect()
    };
    let mut next_digit = 0;
    for first in 0..words.len() {
        while next_digit < digit_starts.len() && digit_starts[next_digit] < words[first].start {
            next_digit += 1;
        }
        let second_digit = digit_starts.get(next_digit + 1).copied();
        if is_covered[first] || one_letter(&words[first]) {
            continue;
        }
        let first_word = &words[first];
        let cased = text[first_word.clone()]
            .chars()
            .next()
            .is_some_and(is_lowercase);
        let word_capitalized = capitalized_from(first_word.start, first_word.end);
        // Most words of a cased text are lower case, and only a lower-case form can have
        // lower-case variants: with none in the glossary, such a word starts no name.
        if cased && word_capitalized == Some(false) && !matcher.has_lower_case_forms() {
            continue;
        }
        for last in first..(first + max_words).min(words.len()) {
            if is_covered[last] || (last > first && !joined(text, &words[last - 1], &words[last])) {
                break;
            }
            if second_digit.is_some_and(|at| at < words[last].end) {
                break;
            }
            if one_letter(&words[last]) {
                continue;
            }
            let run = first_word.start..words[last].end;
            if run.len() > crate::fuzzy::MAX_CANDIDATE_BYTES {
                break;
            }
            let capitalized = word_capitalized
                .or_else(|| capitalized_from(run.start, run.end))
                .unwrap_or(false);
            runs.push(Run {
                first: first as u32,
                last: last as u32,
                cased,
                capitalized,
                key: RunKey::new(matcher.id(), &text[run]),
            });
        }
    }
    runs
}

/// The characters that join two words of one name, alone between them.
pub(crate) const JOINERS: [u8; 4] = *b" -'.";

/// Two words belong to one name only when a single space, hyphen, apostrophe or dot joins
/// them.
fn joined(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    matches!(&text.as_bytes()[a.end..b.start], [joiner] if JOINERS.contains(joiner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Encoding;
    use crate::lang::LangTag;
    use crate::matcher::Matcher;

    /// An English glossary from CSV, a version of `text` and its matcher.
    fn english(glossary: &str, text: &str) -> (Glossary, Document, Matcher) {
        let g = Glossary::from_csv_str("g.csv", glossary).unwrap();
        let en = LangTag::parse("en").unwrap();
        let doc = Document::from_text(
            "t.en.txt",
            en.clone(),
            "t".into(),
            text.into(),
            Encoding::Utf8,
        );
        let matcher = Matcher::compile(&g, &en, &en);
        (g, doc, matcher)
    }

    fn variants(glossary: &str, text: &str) -> Vec<String> {
        let (g, doc, matcher) = english(glossary, text);
        names(&g, &matcher, &doc)
            .variants
            .iter()
            .map(|v| g.form(v.closest).text.to_string())
            .collect()
    }

    /// A run's capitalization is part of its cache key: a lower-case word is compared only
    /// with lower-case forms, so the same letters capitalized and not get different answers
    /// in either order.
    #[test]
    fn cached_lookups_keep_capitalizations_apart() {
        let glossary = "id,type,lang,form,status,note\n\
                        h,person,en,Haniyeh,preferred,\n\
                        i,term,en,intifada,preferred,\n";
        assert_eq!(
            variants(glossary, "Hanniyeh spoke; hanniyeh is a typo of nothing."),
            ["Haniyeh"]
        );
        assert_eq!(
            variants(glossary, "hanniyeh is a typo of nothing; Hanniyeh spoke."),
            ["Haniyeh"]
        );
    }

    /// Lookups are cached per thread across versions: a second glossary, compiled after the
    /// first was dropped (perhaps at the same address), must not see the first's answers.
    #[test]
    fn cached_lookups_never_cross_glossaries() {
        let header = "id,type,lang,form,status,note\n";
        let text = "Hanniyeh spoke, then Hanniyeh left.";
        let first = format!("{header}h,person,en,Haniyeh,preferred,\n");
        // A stale answer would name form 0 of the second glossary: "Someone".
        let second =
            format!("{header}x,person,en,Someone,preferred,\nh,person,en,Hanniyah,preferred,\n");
        assert_eq!(variants(&first, text), ["Haniyeh", "Haniyeh"]);
        assert_eq!(variants(&second, text), ["Hanniyah", "Hanniyah"]);
        assert_eq!(variants(&first, text), ["Haniyeh", "Haniyeh"]);
    }

    /// Where no form holds a digit, runs with two digits are not looked up: a misspelled
    /// name beside a number or a date is still found, alone, however the number is written.
    #[test]
    fn names_beside_numbers_are_still_found() {
        let glossary = "id,type,lang,form,status,note\n\
                        h,person,en,Ismail Haniyeh,preferred,\n\
                        s,person,en,Haniyeh,preferred,\n";
        let text = "Hanieh 2024 said; on 12 May Hanniyeh left, 4U 9525 Ismail Hanieh, \
                    ٣٠ Haniyah ۱۴۰۳ and 7 Haniye 8 spoke.";
        assert_eq!(
            variants(glossary, text),
            ["Haniyeh", "Haniyeh", "Ismail Haniyeh", "Haniyeh", "Haniyeh"]
        );
    }

    /// A word too short to be a name alone (fewer than three characters) still starts the
    /// longer runs that may be: "Al-Aksa" is a near miss of "Al-Aqsa".
    #[test]
    fn short_words_still_start_longer_runs() {
        let glossary = "id,type,lang,form,status,note\n\
                        a,place,en,Al-Aqsa,preferred,\n\
                        u,organization,en,UN,preferred,\n";
        assert_eq!(
            variants(glossary, "In Al-Aksa, as the UN said, Al-Aqsa is calm."),
            ["Al-Aqsa"]
        );
    }

    /// The runs listed for lookup, as text.
    fn listed_runs(glossary: &str, text: &str) -> Vec<String> {
        let (_, doc, matcher) = english(glossary, text);
        let normalized = doc.normalized.text.as_str();
        let words = word_spans(normalized);
        let digits = digit_starts(normalized);
        let runs = runs_to_look_up(&matcher, &doc, &words, &digits, &vec![false; words.len()]);
        runs.iter()
            .map(|r| {
                normalized[words[r.first as usize].start..words[r.last as usize].end].to_string()
            })
            .collect()
    }

    /// Where no form holds a digit, no run with two digits is listed, however the digits
    /// are written, nor any longer run from its first word; a run with one is.
    #[test]
    fn runs_with_two_digits_are_not_listed() {
        let header = "id,type,lang,form,status,note\n";
        let text = "Flight 4U 9525 and ٣٠ ۱۴";
        let without = format!("{header}h,person,en,Ismail Abdel Haniyeh,preferred,\n");
        assert_eq!(listed_runs(&without, text), ["flight", "flight 4u", "4u"]);
        // With a form holding a digit, every run is listed.
        let with = format!("{without}a,other,en,Airbus A320,preferred,\n");
        assert_eq!(
            listed_runs(&with, text),
            [
                "flight",
                "flight 4u",
                "flight 4u 9525",
                "4u",
                "4u 9525",
                "4u 9525 and",
                "9525",
                "9525 and",
                "9525 and ٣٠",
                "٣٠",
                "٣٠ ۱۴",
                "۱۴"
            ]
        );
    }

    /// Where a form holds digits, runs with digits are looked up like any other: "A321"
    /// is two letters from "A320".
    #[test]
    fn forms_with_digits_still_have_near_misses() {
        let glossary = "id,type,lang,form,status,note\n\
                        a,other,en,Airbus A320,preferred,\n";
        assert_eq!(
            variants(glossary, "The Airbus A321 landed in 2024."),
            ["Airbus A320"]
        );
    }

    /// A glossary form the matcher declined ("hamas" for Hamas, in lower case) starts no
    /// variant: neither alone nor as the first word of a longer run.
    #[test]
    fn a_declined_form_starts_no_longer_variant() {
        let movement = "m,term,en,hamas movement,preferred,\n";
        let header = "id,type,lang,form,status,note\n";
        let with_hamas = format!("{header}h,organization,en,Hamas,preferred,\n{movement}");
        let text = "Then the hamas movemant spoke.";
        assert_eq!(variants(&with_hamas, text), Vec::<String>::new());
        // Without Hamas in the glossary, "hamas" is a word like any other, and the run it
        // starts is a variant.
        assert_eq!(
            variants(&format!("{header}{movement}"), text),
            ["hamas movement"]
        );
    }
}
