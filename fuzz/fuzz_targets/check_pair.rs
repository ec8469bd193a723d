//! The whole check on two arbitrary versions (en + fr or en + ar) against the shipped
//! glossary. Invariants: no panic; every finding's span (and every related span) is inside
//! its version's text, on char boundaries.
#![no_main]

#[path = "../shared/two_texts.rs"]
mod two_texts;

use std::sync::OnceLock;

use glosscheck::discover::ArticleSet;
use glosscheck::document::{Document, Encoding};
use glosscheck::engine::check_sets;
use glosscheck::finding::Location;
use glosscheck::glossary::Glossary;
use glosscheck::lang::LangTag;
use libfuzzer_sys::fuzz_target;

fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        Glossary::from_csv_str(
            "mideast-news.csv",
            include_str!("../../glossaries/mideast-news.csv"),
        )
        .unwrap()
    })
}

fn check_location(loc: &Location, texts: &[(&str, String)]) {
    let text = &texts
        .iter()
        .find(|(lang, _)| *lang == loc.lang.as_str())
        .unwrap()
        .1;
    let span = &loc.span;
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
}

fuzz_target!(|bytes: &[u8]| {
    let Some((pick, a, b)) = two_texts::two_texts(bytes) else {
        return;
    };
    let other = if pick & 1 == 0 { "fr" } else { "ar" };
    let texts = [("en", a.to_string()), (other, b.to_string())];
    let documents = texts
        .iter()
        .map(|(lang, text)| {
            Document::from_text(
                format!("a.{lang}.txt"),
                LangTag::parse(lang).unwrap(),
                "a".into(),
                text.clone(),
                Encoding::Utf8,
            )
        })
        .collect();
    let sets = [ArticleSet {
        name: "a".into(),
        documents,
    }];
    let report = check_sets(glossary(), &sets, &LangTag::parse("en").unwrap());
    for finding in &report.findings {
        check_location(&finding.location, &texts);
        for related in &finding.related {
            check_location(&related.location, &texts);
        }
    }
});
