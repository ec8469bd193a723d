//! Segmentation and alignment of two arbitrary texts (split at the first NUL byte; the first
//! byte picks the languages). Invariants: sentences are ordered, char-aligned spans inside
//! their paragraph; beads cover every unit of both sides exactly once, in order.
#![no_main]

#[path = "../shared/two_texts.rs"]
mod two_texts;

use glosscheck::align::{align, Bead, Unit};
use glosscheck::lang::LangTag;
use glosscheck::segment::segment;
use libfuzzer_sys::fuzz_target;

const LANGS: [&str; 8] = ["en", "fr", "de", "ar", "fa", "ru", "es", "zh"];

fn units(text: &str, lang: &str) -> Vec<Unit> {
    let seg = segment(text, &LangTag::parse(lang).unwrap());
    let mut end = 0;
    for (k, p) in seg.paragraphs.iter().enumerate() {
        assert!(
            p.span.start >= end && p.span.end <= text.len(),
            "{:?}",
            p.span
        );
        end = p.span.end;
        for s in &seg.sentences[p.sentences.clone()] {
            assert_eq!(s.paragraph, k);
            assert!(p.span.start <= s.span.start && s.span.end <= p.span.end);
        }
    }
    let mut end = 0;
    seg.sentences
        .iter()
        .map(|s| {
            assert!(
                s.span.start >= end && s.span.start <= s.span.end,
                "{:?}",
                s.span
            );
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            end = s.span.end;
            let sentence = &text[s.span.clone()];
            // Numbers stand in for anchors: equal digits, equal key.
            let mut anchors: Vec<u64> = sentence
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| !w.is_empty() && w.len() < 19)
                .map(|w| w.parse().unwrap())
                .collect();
            anchors.sort_unstable();
            Unit {
                len: sentence.chars().filter(|c| !c.is_whitespace()).count() as f64,
                anchors,
            }
        })
        .collect()
}

fn covers(beads: &[Bead], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        assert_eq!(b.source.start, i, "{beads:?}");
        assert_eq!(b.target.start, j, "{beads:?}");
        assert!(b.source.end >= b.source.start && b.target.end >= b.target.start);
        assert!(!b.source.is_empty() || !b.target.is_empty(), "empty bead");
        i = b.source.end;
        j = b.target.end;
    }
    assert_eq!((i, j), (n, m), "{beads:?}");
}

fuzz_target!(|bytes: &[u8]| {
    let Some((pick, a, b)) = two_texts::two_texts(bytes) else {
        return;
    };
    let source = units(a, LANGS[(pick & 7) as usize]);
    let target = units(b, LANGS[((pick >> 3) & 7) as usize]);
    covers(&align(&source, &target), source.len(), target.len());
    covers(&align(&target, &source), target.len(), source.len());
});
