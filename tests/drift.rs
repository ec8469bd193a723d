//! Meaning drift between a source and a version: what must be reported, and the legitimate
//! translation choices that must not be.

use glosscheck::discover::ArticleSet;
use glosscheck::document::{Document, Encoding};
use glosscheck::engine::check_sets;
use glosscheck::glossary::Glossary;
use glosscheck::lang::LangTag;

fn findings(source: &str, lang: &str, target: &str) -> Vec<(String, String)> {
    let glossary = Glossary::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/glossaries/mideast-news.csv"
    )))
    .unwrap();
    let doc = |l: &str, text: &str| {
        Document::from_text(
            format!("a.{l}.txt"),
            LangTag::parse(l).unwrap(),
            "a".into(),
            text.into(),
            Encoding::Utf8,
        )
    };
    let set = ArticleSet {
        name: "a".into(),
        documents: vec![doc("en", source), doc(lang, target)],
    };
    check_sets(&glossary, &[set], &LangTag::parse("en").unwrap())
        .findings
        .into_iter()
        .map(|f| (f.rule.id().to_string(), f.found))
        .collect()
}

fn rules(source: &str, lang: &str, target: &str) -> Vec<String> {
    findings(source, lang, target)
        .into_iter()
        .map(|(rule, _)| rule)
        .collect()
}

const SOURCE: &str = "Israel found ten secret records in Gaza in July 2023. \
    Hamas had planned the attack for October 7. \
    A Hezbollah spokesman told CNN on the 12th that 62.5% of its members “were not aware” of it.";

#[test]
fn faithful_translations_are_clean() {
    let fr = "Israël a trouvé dix documents secrets à Gaza en juillet 2023. \
        Le Hamas avait prévu l’attaque pour le 7 octobre. \
        Un porte-parole du Hezbollah a déclaré le 12 à CNN que 62,5 % de ses membres « n’étaient pas au courant ».";
    assert_eq!(findings(SOURCE, "fr", fr), []);
    let de = "Israel fand im Juli 2023 in Gaza zehn geheime Protokolle. \
        Die Hamas hatte den Angriff für den 7. Oktober geplant. \
        Ein Sprecher der Hisbollah sagte am 12. gegenüber CNN, 62,5 Prozent ihrer Mitglieder seien „nicht informiert“ gewesen.";
    assert_eq!(findings(SOURCE, "de", de), []);
}

#[test]
fn rewording_splitting_and_moving_facts_are_not_drift() {
    // Digits for a number word, the sentence split in two, the date moved to the next
    // sentence of the same paragraph.
    let fr = "Israël a trouvé 10 documents secrets à Gaza. C’était en juillet 2023. \
        Le Hamas avait prévu l’attaque pour le 7 octobre. \
        Un porte-parole du Hezbollah a déclaré le 12 à CNN que 62,5 % de ses membres « n’étaient pas au courant ».";
    assert_eq!(findings(SOURCE, "fr", fr), []);
    // Two source sentences merged into one.
    let es = "Israel halló diez actas secretas en Gaza en julio de 2023, y Hamás había previsto el ataque para el 7 de octubre. \
        Un portavoz de Hezbolá dijo a CNN el día 12 que el 62,5 % de sus miembros «no estaban al tanto».";
    assert_eq!(findings(SOURCE, "es", es), []);
}

#[test]
fn changed_numbers_dates_and_percentages() {
    let fr = "Israël a trouvé douze documents secrets à Gaza en juin 2023. \
        Le Hamas avait prévu l’attaque pour le 8 octobre. \
        Un porte-parole du Hezbollah a déclaré le 12 à CNN que 65 % de ses membres « n’étaient pas au courant ».";
    let got = findings(SOURCE, "fr", fr);
    assert_eq!(
        got,
        [
            ("number-mismatch".to_string(), "douze".to_string()),
            ("date-mismatch".to_string(), "juin 2023".to_string()),
            ("date-mismatch".to_string(), "8 octobre".to_string()),
            ("number-mismatch".to_string(), "65 %".to_string()),
        ]
    );
}

#[test]
fn dropped_and_added_sentences() {
    let fr = "Israël a trouvé dix documents secrets à Gaza en juillet 2023. \
        Un porte-parole du Hezbollah a déclaré le 12 à CNN que 62,5 % de ses membres « n’étaient pas au courant ».";
    // Hamas was only in the dropped sentence: the version lacks it altogether too.
    assert_eq!(
        rules(SOURCE, "fr", fr),
        ["missing-entity", "omitted-segment"]
    );
    let fr = "Israël a trouvé dix documents secrets à Gaza en juillet 2023. \
        Le Hamas avait prévu l’attaque pour le 7 octobre. \
        Selon plusieurs analystes, cette information reste difficile à vérifier de manière indépendante. \
        Un porte-parole du Hezbollah a déclaré le 12 à CNN que 62,5 % de ses membres « n’étaient pas au courant ».";
    assert_eq!(rules(SOURCE, "fr", fr), ["added-segment"]);
}

#[test]
fn replaced_entities_and_quotes() {
    let fr = "Israël a trouvé dix documents secrets à Gaza en juillet 2023. \
        L’Iran avait prévu l’attaque pour le 7 octobre. \
        Un porte-parole du Hezbollah a déclaré le 12 à CNN que 62,5 % de ses membres « étaient au courant ».";
    let got = findings(SOURCE, "fr", fr);
    assert!(
        got.contains(&("entity-mismatch".to_string(), "Iran".to_string())),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(r, f)| r == "quote-mismatch" && f.contains("étaient au courant")),
        "{got:?}"
    );
}

#[test]
fn a_quote_attributed_to_someone_else() {
    let source = "Hamas said. The spokesman told CNN: “We were not aware of the plan.”";
    let fr = "Le Hamas a parlé. Le porte-parole a déclaré : « Nous n’étions pas au courant du plan. » à la presse de CNN.";
    let got = rules(source, "fr", fr);
    assert!(got.contains(&"quote-mismatch".to_string()), "{got:?}");
}

/// Most files end with a newline. It must not turn a text of one paragraph per line into
/// one paragraph of wrapped lines, which the aligner would then align as a whole: the
/// seed-meaning sample finds the same with a final newline on every version as without
/// (merged into one paragraph, two of its entity mismatches went unreported).
#[test]
fn a_final_newline_changes_no_finding() {
    let glossary = Glossary::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/glossaries/mideast-news.csv"
    )))
    .unwrap();
    let set = |ending: &str| {
        let documents = ["en", "ar", "de", "es", "fa", "fr", "ru"]
            .iter()
            .map(|l| {
                let path = format!(
                    "{}/samples/seed-meaning/article.{l}.txt",
                    env!("CARGO_MANIFEST_DIR")
                );
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(!text.ends_with('\n'), "{path} already ends with a newline");
                Document::from_text(
                    path,
                    LangTag::parse(l).unwrap(),
                    "article".into(),
                    text + ending,
                    Encoding::Utf8,
                )
            })
            .collect();
        ArticleSet {
            name: "seed-meaning".into(),
            documents,
        }
    };
    let found = |ending: &str| -> Vec<(String, String, std::ops::Range<usize>)> {
        check_sets(&glossary, &[set(ending)], &LangTag::parse("en").unwrap())
            .findings
            .into_iter()
            .map(|f| (f.rule.id().to_string(), f.found, f.location.span))
            .collect()
    };
    let without = found("");
    let count = |rule: &str| without.iter().filter(|(r, ..)| r == rule).count();
    assert_eq!((count("entity-mismatch"), count("omitted-segment")), (2, 2));
    assert_eq!(found("\n"), without);
    assert_eq!(found("\r\n"), without);
}
