//! Meaning drift: what each sentence asserts (its anchors) and which source sentences each
//! version's sentences translate (the alignment). The drift checks compare the two.

use std::ops::Range;

use crate::align::{align, align_with, pair_ratio, Bead, Unit};
use crate::analysis::Analysis;
use crate::anchors::dates::DateValue;
use crate::document::Document;
use crate::fasthash::hash_bytes;
use crate::glossary::EntityId;
use crate::utf8::visible_chars;

/// The anchors of one sentence, as indexes into the version's `Analysis`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceFacts {
    pub numbers: Vec<usize>,
    pub dates: Vec<usize>,
    pub quotes: Vec<usize>,
    /// Entities referred to (mentions, misspellings, derived words) with their spans.
    pub entities: Vec<(EntityId, Range<usize>)>,
    /// Characters other than white space.
    pub len: usize,
}

/// Groups a version's anchors by sentence.
pub fn sentence_facts(doc: &Document, analysis: &Analysis) -> Vec<SentenceFacts> {
    let sentences = &analysis.segments.sentences;
    let mut facts: Vec<SentenceFacts> = sentences
        .iter()
        .map(|s| SentenceFacts {
            len: visible_chars(&doc.text[s.span.clone()]),
            ..SentenceFacts::default()
        })
        .collect();
    let at = |offset: usize| analysis.segments.sentence_at(offset);
    for (i, n) in analysis.anchors.numbers.iter().enumerate() {
        if let Some(s) = at(n.span.start) {
            facts[s].numbers.push(i);
        }
    }
    for (i, d) in analysis.anchors.dates.iter().enumerate() {
        if let Some(s) = at(d.span.start) {
            facts[s].dates.push(i);
        }
    }
    for (i, q) in analysis.anchors.quotes.iter().enumerate() {
        if let Some(s) = at(q.span.start) {
            facts[s].quotes.push(i);
        }
    }
    for (span, entity) in analysis.entity_references() {
        if let Some(s) = at(span.start) {
            if !facts[s].entities.iter().any(|(e, _)| *e == entity) {
                facts[s].entities.push((entity, span));
            }
        }
    }
    facts
}

/// Anchor keys of a sentence: equal keys are equal facts in any language.
fn anchor_keys(analysis: &Analysis, facts: &SentenceFacts) -> Vec<u64> {
    let mut keys: Vec<u64> =
        Vec::with_capacity(facts.numbers.len() + facts.dates.len() + facts.entities.len());
    keys.extend(facts.numbers.iter().map(|&i| {
        let n = &analysis.anchors.numbers[i];
        number_key((n.value * 1000.0).round() as i64, n.percent)
    }));
    keys.extend(
        facts
            .dates
            .iter()
            .map(|&i| date_key(analysis.anchors.dates[i].value)),
    );
    keys.extend(facts.entities.iter().map(|(entity, _)| entity_key(*entity)));
    keys.sort_unstable();
    keys
}

/// A key's kind, in its top two bits: keys of different kinds never meet.
const KIND_SHIFT: u32 = 62;
const PAYLOAD_MASK: u64 = (1 << KIND_SHIFT) - 1;

/// A number in thousandths and whether it is a percentage, written out whole (kind 0)
/// below 2^59 thousandths either way; a larger one (kind 3) is hashed.
fn number_key(thousandths: i64, percent: bool) -> u64 {
    const LIMIT: i64 = 1 << 59;
    if (-LIMIT..LIMIT).contains(&thousandths) {
        // Two's complement in 60 bits, then the percent bit.
        (thousandths as u64 & ((1 << 60) - 1)) | u64::from(percent) << 60
    } else {
        let bytes = [thousandths.to_le_bytes().as_slice(), &[u8::from(percent)]].concat();
        3 << KIND_SHIFT | hash_bytes(0, &bytes) & PAYLOAD_MASK
    }
}

/// A date, written out whole (kind 1): each part's presence and value.
fn date_key(d: DateValue) -> u64 {
    let part = |p: Option<u8>| p.map_or(0, |v| 0x100 | u64::from(v));
    let year = d.year.map_or(0, |y| 1 << 32 | u64::from(y as u32));
    let payload = year << 27 | part(d.month) << 18 | part(d.day) << 9 | part(d.season);
    1 << KIND_SHIFT | payload
}

/// An entity (kind 2).
fn entity_key(entity: EntityId) -> u64 {
    2 << KIND_SHIFT | u64::from(entity.0)
}

/// How a version lines up with the source version.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// Paragraph indexes: source paragraphs → version paragraphs.
    pub paragraphs: Vec<Bead>,
    /// Sentence indexes, inside paragraph beads that have both sides.
    pub sentences: Vec<Bead>,
    /// Version length per source length, over the one-to-one pairs.
    pub ratio: f64,
}

/// A version's sentences and paragraphs as the aligner sees them: their lengths and
/// anchor keys. Built once per version: the source's serve every pair of its set.
#[derive(Clone, Debug, Default)]
pub struct AlignUnits {
    sentences: Vec<Unit>,
    paragraphs: Vec<Unit>,
}

impl AlignUnits {
    pub fn of(analysis: &Analysis, facts: &[SentenceFacts]) -> AlignUnits {
        let sentences: Vec<Unit> = facts
            .iter()
            .map(|f| Unit {
                len: f.len as f64,
                anchors: anchor_keys(analysis, f),
            })
            .collect();
        let paragraphs = analysis
            .segments
            .paragraphs
            .iter()
            .map(|p| {
                let group = &sentences[p.sentences.clone()];
                let mut anchors: Vec<u64> = group
                    .iter()
                    .flat_map(|u| u.anchors.iter().copied())
                    .collect();
                anchors.sort_unstable();
                Unit {
                    len: group.iter().map(|u| u.len).sum(),
                    anchors,
                }
            })
            .collect();
        AlignUnits {
            sentences,
            paragraphs,
        }
    }
}

/// Aligns paragraphs first, then the sentences inside each aligned group of paragraphs.
pub fn align_versions(
    source: (&Analysis, &[SentenceFacts]),
    target: (&Analysis, &[SentenceFacts]),
) -> Alignment {
    align_units(
        (source.0, &AlignUnits::of(source.0, source.1)),
        (target.0, &AlignUnits::of(target.0, target.1)),
    )
}

/// `align_versions`, of units already built.
pub fn align_units(
    source: (&Analysis, &AlignUnits),
    target: (&Analysis, &AlignUnits),
) -> Alignment {
    let (source_units, source_paragraphs) = (&source.1.sentences, &source.1.paragraphs);
    let (target_units, target_paragraphs) = (&target.1.sentences, &target.1.paragraphs);
    let paragraphs = align(source_paragraphs, target_paragraphs);
    let total = |u: &[Unit]| u.iter().map(|u| u.len).sum::<f64>();
    let ratio = pair_ratio(source_paragraphs, target_paragraphs, &paragraphs)
        .or_else(|| {
            let (s, t) = (total(source_units), total(target_units));
            (s > 0.0 && t > 0.0).then_some(t / s)
        })
        .unwrap_or(1.0);
    let align_sentences = |ratio: f64| {
        let mut sentences = Vec::new();
        for bead in &paragraphs {
            if bead.source.is_empty() || bead.target.is_empty() {
                continue;
            }
            let s = sentences_of(source.0, &bead.source);
            let t = sentences_of(target.0, &bead.target);
            for inner in align_with(
                &source_units[s.clone()],
                &target_units[t.clone()],
                Some(ratio),
            ) {
                sentences.push(Bead {
                    source: inner.source.start + s.start..inner.source.end + s.start,
                    target: inner.target.start + t.start..inner.target.end + t.start,
                });
            }
        }
        sentences
    };
    // Sentence pairs estimate the language ratio better than whole paragraphs, which an
    // added or dropped sentence skews: refine once and realign if it moved.
    let mut sentences = align_sentences(ratio);
    let mut ratio = ratio;
    if let Some(refined) = pair_ratio(source_units, target_units, &sentences) {
        if (refined / ratio - 1.0).abs() > 0.05 {
            ratio = refined;
            sentences = align_sentences(ratio);
        }
    }
    Alignment {
        paragraphs,
        sentences,
        ratio,
    }
}

impl Alignment {
    /// The paragraph bead that holds a sentence bead: the sentence ranges of both sides'
    /// paragraphs, for "is this fact elsewhere in the same passage?" questions.
    pub fn passage_of<'a>(
        &self,
        bead: &Bead,
        source: &'a Analysis,
        target: &'a Analysis,
    ) -> (Range<usize>, Range<usize>) {
        let paragraph_of =
            |a: &Analysis, sentence: usize| a.segments.sentences.get(sentence).map(|s| s.paragraph);
        let source_paragraph = paragraph_of(source, bead.source.start);
        let target_paragraph = paragraph_of(target, bead.target.start);
        let found = self.paragraphs.iter().find(|p| {
            source_paragraph.is_some_and(|sp| p.source.contains(&sp))
                || target_paragraph.is_some_and(|tp| p.target.contains(&tp))
        });
        match found {
            Some(p) => (
                sentences_of(source, &p.source),
                sentences_of(target, &p.target),
            ),
            None => (bead.source.clone(), bead.target.clone()),
        }
    }
}

/// The sentence indexes of a run of paragraphs.
pub fn sentences_of(analysis: &Analysis, paragraphs: &Range<usize>) -> Range<usize> {
    let list = &analysis.segments.paragraphs;
    match (
        list.get(paragraphs.start),
        paragraphs.end.checked_sub(1).and_then(|e| list.get(e)),
    ) {
        (Some(first), Some(last)) if !paragraphs.is_empty() => {
            first.sentences.start..last.sentences.end
        }
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys are equal exactly when the facts are: across kinds, signs, percentages, the
    /// parts a date names, and numbers too large to write out.
    #[test]
    fn anchor_keys_tell_every_fact_apart() {
        let date = |year, month, day, season| DateValue {
            year,
            month,
            day,
            season,
        };
        let facts = [
            number_key(0, false),
            number_key(0, true),
            number_key(1, false),
            number_key(-1, false),
            number_key(-1, true),
            number_key((1 << 59) - 1, false),
            number_key(-(1 << 59), false),
            number_key(1 << 59, false),
            number_key(i64::MIN, false),
            number_key(i64::MAX, true),
            date_key(date(None, None, None, None)),
            date_key(date(Some(0), None, None, None)),
            date_key(date(Some(-1), None, None, None)),
            date_key(date(Some(2024), None, None, None)),
            date_key(date(Some(2024), Some(0), None, None)),
            date_key(date(Some(2024), Some(6), None, None)),
            date_key(date(Some(2024), Some(6), Some(3), None)),
            date_key(date(None, Some(6), Some(3), None)),
            date_key(date(None, None, Some(6), None)),
            date_key(date(None, None, None, Some(6))),
            date_key(date(Some(i32::MAX), Some(255), Some(255), Some(255))),
            entity_key(EntityId(0)),
            entity_key(EntityId(1)),
            entity_key(EntityId(u32::MAX)),
        ];
        for (i, a) in facts.iter().enumerate() {
            for (j, b) in facts.iter().enumerate() {
                assert_eq!(a == b, i == j, "facts {i} and {j}");
            }
        }
        assert_eq!(number_key(42_000, true), number_key(42_000, true));
        assert_eq!(number_key(i64::MAX, true), number_key(i64::MAX, true));
    }
}
