use super::*;
use crate::document::{Document, Encoding};

const SHIPPED: &str = include_str!("../../glossaries/mideast-news.csv");

const EXTRA: &str = "id,type,lang,form,status,note\n\
    hamas,organization,he,חמאס,preferred,\n\
    jerusalem,place,he,ירושלים,preferred,\n\
    ismail-haniyeh,person,tr,İsmail Haniye,preferred,\n\
    ismail-haniyeh,person,tr,Haniye,admitted,\n\
    hamas,organization,zh,哈马斯,preferred,\n";

fn glossary() -> Glossary {
    let extra_rows = EXTRA.lines().skip(1).collect::<Vec<_>>().join("\n");
    Glossary::from_csv_str("g.csv", &format!("{SHIPPED}\n{extra_rows}\n")).unwrap()
}

/// (entity id, text as found) for every mention in `text`.
fn mentions(lang: &str, text: &str) -> Vec<(String, String)> {
    let g = glossary();
    let lang = LangTag::parse(lang).unwrap();
    let matcher = Matcher::compile(&g, &lang, &LangTag::parse("en").unwrap());
    let doc = Document::from_text("t.txt", lang, "t".into(), text.into(), Encoding::Utf8);
    matcher
        .find(&doc)
        .mentions
        .iter()
        .map(|m| {
            (
                g.entity(m.entity).id.clone(),
                doc.text[m.span.clone()].to_string(),
            )
        })
        .collect()
}

fn ids(lang: &str, text: &str) -> Vec<String> {
    mentions(lang, text).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn arabic_proclitics_are_accepted() {
    assert_eq!(ids("ar", "وإيران"), ["iran"]);
    assert_eq!(mentions("ar", "زار بالقدس")[0].1, "القدس");
    assert_eq!(ids("ar", "لحزب الله"), ["hezbollah"]);
    assert_eq!(ids("ar", "والأمم المتحدة"), ["united-nations"]);
    // ل + ال contracts to لل: للقدس is "to Jerusalem".
    assert_eq!(ids("ar", "للقدس"), ["jerusalem"]);
    assert_eq!(ids("ar", "وللقدس"), ["jerusalem"]);
    // A letter that is no proclitic makes another word.
    assert!(ids("ar", "تإيران").is_empty());
}

#[test]
fn persian_suffixes_and_zwnj() {
    assert_eq!(ids("fa", "ایرانی"), ["iran"]);
    assert_eq!(ids("fa", "حزب‌الله"), ["hezbollah"]);
    assert_eq!(ids("fa", "حزب الله"), ["hezbollah"]);
    assert_eq!(ids("fa", "اسرائیل‌ها"), ["israel"]);
}

#[test]
fn hebrew_prefixes() {
    assert_eq!(ids("he", "ולחמאס"), ["hamas"]);
    assert_eq!(ids("he", "בירושלים"), ["jerusalem"]);
    assert!(ids("he", "אחמאס").is_empty());
}

#[test]
fn russian_declension() {
    assert_eq!(mentions("ru", "визит Исмаила Хании")[0].1, "Исмаила Хании");
    assert_eq!(ids("ru", "с Хезболлой"), ["hezbollah"]);
    assert_eq!(
        ids("ru", "между Израилем и Саудовской Аравией"),
        ["israel", "saudi-arabia"]
    );
    assert_eq!(ids("ru", "на Западном берегу"), ["west-bank"]);
    assert_eq!(ids("ru", "у мечети Аль-Акса"), ["al-aqsa-mosque"]);
    assert_eq!(
        ids("ru", "Организации Объединённых Наций"),
        ["united-nations"]
    );
    // Not a case ending: a different word.
    assert!(ids("ru", "Хезболлах").is_empty());
}

/// What the glossary would write for a declined mention is that case's spelling, as the
/// exact-spelling check compares it letter for letter (capitals included).
#[test]
fn declined_mentions_carry_the_glossary_spelling_of_their_case() {
    let g = glossary();
    let ru = LangTag::parse("ru").unwrap();
    let matcher = Matcher::compile(&g, &ru, &LangTag::parse("en").unwrap());
    let written = |text: &str| -> Vec<String> {
        let doc = Document::from_text("t.txt", ru.clone(), "t".into(), text.into(), Encoding::Utf8);
        let found = matcher.find(&doc);
        found
            .mentions
            .iter()
            .map(|m| m.written_text(&g).into_owned())
            .collect()
    };
    assert_eq!(written("визит исмаила Хании"), ["Исмаила Хании"]);
    assert_eq!(written("с Исмаилом Ханией"), ["Исмаилом Ханией"]);
    assert_eq!(written("с ХЕЗБОЛЛОЙ"), ["Хезболлой"]);
    assert_eq!(written("Хезболла"), ["Хезболла"]);
}

#[test]
fn german_english_french_turkish_affixes() {
    assert_eq!(ids("de", "Hisbollahs Kämpfer"), ["hezbollah"]);
    assert_eq!(ids("de", "Irans Mission"), ["iran"]);
    assert_eq!(ids("de", "bei den Vereinten Nationen"), ["united-nations"]);
    assert_eq!(mentions("en", "Hamas's actions")[0].1, "Hamas");
    assert_eq!(mentions("en", "Hamas’s actions")[0].1, "Hamas");
    assert_eq!(ids("en", "Hezbollah-backed"), ["hezbollah"]);
    assert_eq!(mentions("fr", "l’Iran et d'Israël")[1].1, "Israël");
    assert_eq!(ids("fr", "qu’Israël"), ["israel"]);
    assert_eq!(mentions("tr", "Haniye'nin açıklaması")[0].1, "Haniye");
    assert_eq!(ids("tr", "İsmail Haniye’ye"), ["ismail-haniyeh"]);
}

#[test]
fn longer_form_wins_over_the_shorter_inside_it() {
    assert_eq!(
        mentions("en", "Ismail Haniyeh said"),
        [("ismail-haniyeh".into(), "Ismail Haniyeh".into())]
    );
    let found = mentions("en", "the Al-Aqsa Mosque compound");
    assert_eq!(found, [("al-aqsa-mosque".into(), "Al-Aqsa Mosque".into())]);
    let found = mentions("en", "by The New York Times.");
    assert_eq!(
        found,
        [("new-york-times".into(), "The New York Times".into())]
    );
}

#[test]
fn capitalization_separates_names_from_common_words() {
    assert!(ids("en", "three times a day").is_empty());
    assert_eq!(ids("en", "The Times notes"), ["new-york-times"]);
    assert!(ids("es", "Un portavoz").is_empty());
    assert_eq!(ids("en", "the UN said"), ["united-nations"]);
    assert_eq!(ids("en", "the U.N. said"), ["united-nations"]);
    assert!(ids("ru", "запасы природного газа").is_empty());
    assert_eq!(ids("en", "HAMAS"), ["hamas"]);
    assert_eq!(ids("fr", "la mosquée al-Aqsa"), ["al-aqsa-mosque"]);
}

#[test]
fn names_inside_longer_words_are_not_matched() {
    assert!(ids("en", "Hamasville and Iranistan").is_empty());
    assert!(ids("en", "Israeli forces").is_empty());
    assert!(ids("fr", "l'armée israélienne").is_empty());
}

#[test]
fn unspaced_scripts_match_anywhere() {
    assert_eq!(ids("zh", "哈马斯领导人说"), ["hamas"]);
}

#[test]
fn source_language_forms_are_marked() {
    let g = glossary();
    let ru = LangTag::parse("ru").unwrap();
    let matcher = Matcher::compile(&g, &ru, &LangTag::parse("en").unwrap());
    let doc = Document::from_text(
        "t.txt",
        ru,
        "t".into(),
        "лидер Haniyeh и ХАМАС".into(),
        Encoding::Utf8,
    );
    let found = matcher.find(&doc).mentions;
    assert_eq!(found.len(), 2);
    assert!(found[0].via_source);
    assert!(!found[1].via_source);
}

#[test]
fn spans_point_into_the_original_rtl_text() {
    // Harakat and tatweel inside the name, bidi marks around it.
    let text = "قال \u{200F}إِسْمَاعِيل هنيـــةُ\u{200F} اليوم";
    let found = mentions("ar", text);
    assert_eq!(found, [("ismail-haniyeh".into(), "إِسْمَاعِيل هنيـــةُ".into())]);
}

/// The early check of a hit's start (`may_start_at`, before its ending is read) says yes
/// exactly where the anchor starts with whitespace or `find`'s check of the prefix could
/// pass for some pattern: the language's proclitics, or ل before a pattern after lam.
#[test]
fn a_hit_start_is_dropped_early_only_where_no_pattern_takes_its_prefix() {
    let profiles = ["en", "ru", "ar", "fa", "he", "de"].map(Profile::for_language);
    proptest::proptest!(|(
        text in "[a-zяوفبلكالتמבה ,.\u{200c}-]{0,16}",
        profile in proptest::sample::select(profiles.to_vec()),
    )| {
        for start in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            let prefix = &text[scan_back(&text, start)..start];
            let expected = text[start..].starts_with(char::is_whitespace)
                || profile.allows_prefix(prefix)
                || is_lam_prefix(prefix);
            proptest::prop_assert_eq!(
                may_start_at(profile, &text, start),
                expected,
                "{:?} at {}",
                text,
                start
            );
        }
    });
}

#[test]
fn hits_inside_words_are_dropped_and_proclitics_kept() {
    let en = Profile::for_language("en");
    let ar = Profile::for_language("ar");
    // "ran" inside "Tehran", "iran" after "T": no English prefix.
    assert!(!may_start_at(en, "tehran", 3));
    assert!(may_start_at(en, "tehran", 0));
    assert!(may_start_at(en, "in tehran", 3));
    // The whitespace before the last word of a name of several words.
    assert!(may_start_at(en, "ismail haniyeh", 6));
    // و, وال and لل before a name; a letter that is no proclitic.
    assert!(may_start_at(ar, "وإيران", "و".len()));
    assert!(may_start_at(ar, "والقدس", "وال".len()));
    assert!(may_start_at(ar, "للقدس", "ل".len()));
    assert!(!may_start_at(ar, "تإيران", "ت".len()));
    // ل before a pattern after lam, in a language without proclitics of its own.
    assert!(may_start_at(Profile::for_language("fa"), "لقدس", "ل".len()));
}
