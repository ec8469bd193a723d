//! Meaning drift: what each sentence asserts (its anchors) and which source sentences each
//! version's sentences translate (the alignment). The drift checks compare the two.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::align::{align, align_with, pair_ratio, Bead, Unit};
use crate::analysis::Analysis;
use crate::document::Document;
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
    let key = |tag: u8, value: &dyn Fn(&mut DefaultHasher)| {
        let mut h = DefaultHasher::new();
        tag.hash(&mut h);
        value(&mut h);
        h.finish()
    };
    let mut keys: Vec<u64> = Vec::new();
    for &i in &facts.numbers {
        let n = &analysis.anchors.numbers[i];
        keys.push(key(b'n', &|h| {
            ((n.value * 1000.0).round() as i64).hash(h);
            n.percent.hash(h);
        }));
    }
    for &i in &facts.dates {
        let d = analysis.anchors.dates[i].value;
        keys.push(key(b'd', &|h| d.hash(h)));
    }
    for (entity, _) in &facts.entities {
        keys.push(key(b'e', &|h| entity.hash(h)));
    }
    keys.sort_unstable();
    keys
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

/// Aligns paragraphs first, then the sentences inside each aligned group of paragraphs.
pub fn align_versions(
    source: (&Analysis, &[SentenceFacts]),
    target: (&Analysis, &[SentenceFacts]),
) -> Alignment {
    let units = |(analysis, facts): (&Analysis, &[SentenceFacts])| -> Vec<Unit> {
        facts
            .iter()
            .map(|f| Unit {
                len: f.len as f64,
                anchors: anchor_keys(analysis, f),
            })
            .collect()
    };
    let source_units = units(source);
    let target_units = units(target);
    let paragraph_units = |analysis: &Analysis, sentences: &[Unit]| -> Vec<Unit> {
        analysis
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
            .collect()
    };
    let source_paragraphs = paragraph_units(source.0, &source_units);
    let target_paragraphs = paragraph_units(target.0, &target_units);
    let paragraphs = align(&source_paragraphs, &target_paragraphs);
    let total = |u: &[Unit]| u.iter().map(|u| u.len).sum::<f64>();
    let ratio = pair_ratio(&source_paragraphs, &target_paragraphs, &paragraphs)
        .or_else(|| {
            let (s, t) = (total(&source_units), total(&target_units));
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
    if let Some(refined) = pair_ratio(&source_units, &target_units, &sentences) {
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
