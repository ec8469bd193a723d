//! Alignment speed on a generated 5,000-sentence document pair.
//!
//! `cargo bench --bench align`. The pair is built from the seed article's English and
//! French versions, cycled to 5,000 source sentences, with every 97th target sentence
//! dropped and a sentence inserted every 211 — so the aligner has real work to do. Two
//! measurements: the dynamic programme alone on prepared units, and `align_versions` (both
//! levels: paragraphs, then sentences) on analysed documents.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use glosscheck::align::{align, Unit};
use glosscheck::analysis::analyze;
use glosscheck::document::{Document, Encoding};
use glosscheck::drift::{align_versions, sentence_facts};
use glosscheck::glossary::Glossary;
use glosscheck::lang::LangTag;
use glosscheck::matcher::Matcher;

const SENTENCES: usize = 5_000;

fn sentences(path: &str, lang: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let doc = Document::from_text(
        path,
        LangTag::parse(lang).unwrap(),
        "a".into(),
        text.clone(),
        Encoding::Utf8,
    );
    glosscheck::segment::segment(&doc.text, &doc.lang)
        .sentences
        .iter()
        .map(|s| text[s.span.clone()].to_string())
        .collect()
}

/// Source and target texts: paragraphs of five sentences, one per line.
fn generate() -> (String, String) {
    // Titles have no final full stop: leave them out so every sentence stays one.
    let en = sentences("samples/seed/article.en.txt", "en")[1..].to_vec();
    let fr = sentences("samples/seed/article.fr.txt", "fr")[1..].to_vec();
    assert_eq!(en.len(), fr.len());
    let (mut source, mut target) = (String::new(), String::new());
    for i in 0..SENTENCES {
        let k = i % en.len();
        source.push_str(&en[k]);
        if i % 97 != 50 {
            target.push_str(&fr[k]);
            target.push(' ');
        }
        if i % 211 == 100 {
            target.push_str("Cette phrase n’a pas d’équivalent dans la source. ");
        }
        let end_of_paragraph = i % 5 == 4;
        source.push(if end_of_paragraph { '\n' } else { ' ' });
        if end_of_paragraph {
            target.push('\n');
        }
    }
    (source, target)
}

fn bench_alignment(c: &mut Criterion) {
    let glossary =
        Glossary::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/mideast-news.csv"))
            .unwrap();
    let (source_text, target_text) = generate();
    let en = LangTag::parse("en").unwrap();
    let fr = LangTag::parse("fr").unwrap();
    let source = Document::from_text(
        "a.en.txt",
        en.clone(),
        "a".into(),
        source_text,
        Encoding::Utf8,
    );
    let target = Document::from_text(
        "a.fr.txt",
        fr.clone(),
        "a".into(),
        target_text,
        Encoding::Utf8,
    );
    let source_analysis = analyze(&glossary, &Matcher::compile(&glossary, &en, &en), &source);
    let target_analysis = analyze(&glossary, &Matcher::compile(&glossary, &fr, &en), &target);
    let source_facts = sentence_facts(&source, &source_analysis);
    let target_facts = sentence_facts(&target, &target_analysis);
    assert_eq!(source_facts.len(), SENTENCES);

    let mut group = c.benchmark_group("align");
    group.sample_size(20);
    group.throughput(Throughput::Elements(source_facts.len() as u64));
    group.bench_function(
        BenchmarkId::new("versions (paragraphs then sentences)", SENTENCES),
        |b| {
            b.iter(|| {
                align_versions(
                    (&source_analysis, &source_facts),
                    (&target_analysis, &target_facts),
                )
            })
        },
    );
    // The sentence-level programme alone over the whole document, no paragraph split.
    let units = |facts: &[glosscheck::drift::SentenceFacts]| -> Vec<Unit> {
        facts
            .iter()
            .map(|f| Unit {
                len: f.len as f64,
                anchors: vec![f.numbers.len() as u64, f.entities.len() as u64],
            })
            .collect()
    };
    let (su, tu) = (units(&source_facts), units(&target_facts));
    group.bench_function(BenchmarkId::new("flat sentence DP", SENTENCES), |b| {
        b.iter(|| align(&su, &tu))
    });
    group.finish();
}

criterion_group!(benches, bench_alignment);
criterion_main!(benches);
