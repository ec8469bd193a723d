//! Property tests on random input: the normalization offset map, alignment, numbers and
//! dates in every locale convention the anchors claim to read. Case counts are kept
//! moderate so that `cargo test` stays fast; failures found here are kept below as named
//! regression tests.

use glosscheck::align::{align, align_with, Bead, Unit};
use glosscheck::anchors::dates::DateValue;
use glosscheck::anchors::numbers::read_digits;
use glosscheck::anchors::{extract, Anchors};
use glosscheck::document::{Document, Encoding};
use glosscheck::lang::LangTag;
use glosscheck::normalize::{is_word_char, normalize, normalize_str};
use proptest::prelude::*;

/// `PROPTEST_CASES=4096 cargo test --test properties` searches harder than the default.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// Normalization offsets
// ---------------------------------------------------------------------------------------

/// Pieces of text a desk meets: Latin with precomposed and combining diacritics, Arabic with
/// harakat and tatweel, Persian with ZWNJ, Cyrillic, CJK, NBSP, soft hyphens, punctuation.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "Z",
        "é",
        "e\u{301}",
        "Ï",
        "ß",
        "ﬁ",
        "ø",
        "Œ",
        "i\u{308}\u{301}",
        " ",
        "\n",
        "\r\n",
        "\t",
        ",",
        ".",
        "'",
        "’",
        "-",
        "\u{2011}",
        "\u{A0}",
        "\u{202F}",
        "\u{AD}",
        "\u{200C}",
        "\u{200D}",
        "\u{200F}",
        "ب",
        "إ",
        "ِ",
        "ْ",
        "ُ",
        "ّ",
        "ـ",
        "ة",
        "ی",
        "ک",
        "۲",
        "٣",
        "٬",
        "٫",
        "\u{670}",
        "\u{610}",
        "Х",
        "ё",
        "Й",
        "и\u{306}",
        "漢",
        "字",
        "ハ",
        "が",
        "か\u{3099}",
        "ＣＮ",
        "1",
        "0",
        "\u{301}",
        "\u{FEFF}",
    ])
}

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

/// The maximal runs of word characters of a normalized text, as byte ranges.
fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn check_offsets(original: &str) -> Result<(), TestCaseError> {
    let norm = normalize(original);
    for i in 0..=norm.text.len() {
        prop_assert!(
            original.is_char_boundary(norm.origin_of(i)),
            "origin of byte {i} splits a character in {original:?}"
        );
    }
    for word in words(&norm.text) {
        let span = norm.original_range(original, word.clone());
        prop_assert!(span.start <= span.end && span.end <= original.len());
        prop_assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
        let back = normalize(&original[span.clone()]).text;
        prop_assert_eq!(
            back.as_str(),
            &norm.text[word.clone()],
            "word {:?} maps to {:?} in {:?}",
            &norm.text[word],
            &original[span],
            original
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn normalized_words_map_back_to_their_original_text(original in mixed_text()) {
        check_offsets(&original)?;
    }

    #[test]
    fn any_string_maps_to_char_boundaries(original in any::<String>()) {
        let norm = normalize(&original);
        for i in 0..=norm.text.len() {
            prop_assert!(original.is_char_boundary(norm.origin_of(i)));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Alignment
// ---------------------------------------------------------------------------------------

fn unit() -> impl Strategy<Value = Unit> {
    (0.0f64..400.0, prop::collection::vec(0u64..12, 0..4)).prop_map(|(len, mut anchors)| {
        anchors.sort_unstable();
        Unit { len, anchors }
    })
}

/// Beads are in order and cover every segment of both sides exactly once.
fn check_beads(beads: &[Bead], n: usize, m: usize) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for bead in beads {
        prop_assert_eq!(bead.source.start, i, "source gap or overlap in {:?}", beads);
        prop_assert_eq!(bead.target.start, j, "target gap or overlap in {:?}", beads);
        prop_assert!(bead.source.end >= bead.source.start && bead.target.end >= bead.target.start);
        prop_assert!(
            !bead.source.is_empty() || !bead.target.is_empty(),
            "empty bead in {:?}",
            beads
        );
        i = bead.source.end;
        j = bead.target.end;
    }
    prop_assert_eq!((i, j), (n, m));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    #[test]
    fn beads_are_monotone_and_cover_both_sides_once(
        source in prop::collection::vec(unit(), 0..40),
        target in prop::collection::vec(unit(), 0..40),
        ratio in prop::option::of(0.2f64..5.0),
    ) {
        check_beads(&align(&source, &target), source.len(), target.len())?;
        check_beads(
            &align_with(&source, &target, ratio),
            source.len(),
            target.len(),
        )?;
    }

    /// Very uneven sides (one long, one short) still give a complete alignment.
    #[test]
    fn uneven_sides_are_covered(
        source in prop::collection::vec(unit(), 0..3),
        target in prop::collection::vec(unit(), 30..120),
    ) {
        check_beads(&align(&source, &target), source.len(), target.len())?;
        check_beads(&align(&target, &source), target.len(), source.len())?;
    }
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// Groups the digits of `int` by three with `group`.
fn grouped(int: u64, group: &str) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

fn to_script(ascii: &str, zero: char) -> String {
    ascii
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(zero as u32 + d).unwrap(),
            None => c,
        })
        .collect()
}

/// A number written the way `convention` writes it: (language, text).
fn written(int: u64, decimals: Option<(u32, usize)>, convention: usize) -> (&'static str, String) {
    let frac = |point: &str| match decimals {
        Some((d, width)) => format!("{point}{d:0width$}"),
        None => String::new(),
    };
    match convention {
        0 => ("en", format!("{}{}", grouped(int, ","), frac("."))),
        1 => ("de", format!("{}{}", grouped(int, "."), frac(","))),
        2 => ("es", format!("{}{}", grouped(int, "."), frac(","))),
        3 => ("fr", format!("{}{}", grouped(int, "\u{202F}"), frac(","))),
        4 => ("fr", format!("{}{}", grouped(int, " "), frac(","))),
        5 => ("fr", format!("{}{}", grouped(int, "\u{A0}"), frac(","))),
        6 => (
            "ar",
            to_script(&format!("{}{}", grouped(int, "٬"), frac("٫")), '٠'),
        ),
        7 => (
            "fa",
            to_script(&format!("{}{}", grouped(int, "٬"), frac("٫")), '۰'),
        ),
        _ => ("en", format!("{int}{}", frac("."))),
    }
}

fn value_of(int: u64, decimals: Option<(u32, usize)>) -> f64 {
    match decimals {
        Some((d, width)) => format!("{int}.{d:0width$}").parse().unwrap(),
        None => int as f64,
    }
}

fn decimals() -> impl Strategy<Value = Option<(u32, usize)>> {
    prop::option::of((1usize..=2).prop_flat_map(|w| (0..10u32.pow(w as u32), Just(w))))
}

fn document(lang: &str, text: String) -> Document {
    Document::from_text(
        format!("p.{lang}.txt"),
        LangTag::parse(lang).unwrap(),
        "p".into(),
        text,
        Encoding::Utf8,
    )
}

fn anchors(lang: &str, text: String) -> Anchors {
    extract(&document(lang, text), &[])
}

/// A sentence around a value, with no other number or date in it.
fn sentence(lang: &str, value: &str) -> String {
    match lang {
        "en" => format!("The figure was {value} on that count."),
        "de" => format!("Die Zahl lag bei {value} laut Bericht."),
        "es" => format!("La cifra fue {value} según el informe."),
        "fr" => format!("Le chiffre était {value} selon le rapport."),
        "ar" => format!("وقال التقرير إن الرقم {value} بحسب المصادر."),
        "fa" => format!("گزارش گفت که رقم {value} بوده است."),
        "ru" => format!("Как сообщается, {value} по данным доклада."),
        _ => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    /// `read_digits` reads normalized text (NBSP and U+202F are already plain spaces).
    #[test]
    fn digits_in_every_convention_read_back(
        int in 0u64..1_000_000_000,
        decimals in decimals(),
        convention in 0usize..9,
    ) {
        let (lang, text) = written(int, decimals, convention);
        let normalized = normalize_str(&text);
        let read = read_digits(&normalized, lang);
        prop_assert!(read.is_some(), "{text:?} ({lang}) not read");
        let read = read.unwrap();
        prop_assert_eq!(read.value, value_of(int, decimals), "{:?} ({})", text, lang);
        prop_assert_eq!(read.len, normalized.len(), "{:?} ({}) read partly", text, lang);
    }

    #[test]
    fn numbers_in_every_convention_are_extracted(
        int in 0u64..1_000_000_000,
        decimals in decimals(),
        convention in 0usize..9,
    ) {
        let (lang, text) = written(int, decimals, convention);
        let found = anchors(lang, sentence(lang, &text));
        let values: Vec<f64> = found.numbers.iter().map(|n| n.value).collect();
        prop_assert_eq!(values, vec![value_of(int, decimals)], "{:?} ({})", text, lang);
        prop_assert!(found.dates.is_empty(), "{:?} ({}) read as a date", text, lang);
        let span = found.numbers[0].span.clone();
        let doc_text = sentence(lang, &text);
        prop_assert_eq!(&doc_text[span], text.as_str());
    }
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// A full date written as `lang` writes it, inside a sentence.
fn dated(lang: &str, day: u8, month: u8, year: i32) -> String {
    let m = month as usize - 1;
    match lang {
        "en" => format!("It happened on {} {day}, {year}, officials said.", EN[m]),
        "fr" => format!(
            "Cela s'est passé le {day} {} {year}, selon les responsables.",
            FR[m]
        ),
        "de" => format!("Es geschah am {day}. {} {year}, sagten Beamte.", DE[m]),
        "es" => format!("Ocurrió el {day} de {} de {year}, dijeron fuentes.", ES[m]),
        "ru" => format!(
            "Это произошло {day} {} {year} года, сообщили источники.",
            RU[m]
        ),
        "ar" => format!(
            "وقع ذلك في {} {} {}، بحسب المسؤولين.",
            to_script(&day.to_string(), '٠'),
            AR[m],
            to_script(&year.to_string(), '٠')
        ),
        "fa" => format!(
            "این رویداد در {} {} {} رخ داد.",
            to_script(&day.to_string(), '۰'),
            FA[m],
            to_script(&year.to_string(), '۰')
        ),
        _ => unreachable!(),
    }
}

fn check_date(lang: &str, day: u8, month: u8, year: i32) -> Result<(), TestCaseError> {
    let text = dated(lang, day, month, year);
    let found = anchors(lang, text.clone());
    let dates: Vec<DateValue> = found.dates.iter().map(|d| d.value).collect();
    let expected = DateValue {
        year: Some(year),
        month: Some(month),
        day: Some(day),
        season: None,
    };
    prop_assert_eq!(dates, vec![expected], "{:?}", text);
    prop_assert!(
        found.numbers.is_empty(),
        "{:?}: day or year left as a number",
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    #[test]
    fn full_dates_in_seven_languages(
        day in 1u8..=28,
        month in 1u8..=12,
        year in 1900i32..=2100,
        lang in prop::sample::select(vec!["en", "fr", "de", "es", "ru", "ar", "fa"]),
    ) {
        check_date(lang, day, month, year)?;
    }
}

// ---------------------------------------------------------------------------------------
// Structured formats on random markup: never a panic, the view keeps every byte offset
// ---------------------------------------------------------------------------------------

fn markup_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<script>",
        "</script>",
        "<code>",
        "`",
        "```\n",
        "<!--",
        "-->",
        "<!-- glosscheck-ignore next-line -->",
        "<!-- glosscheck-ignore -->",
        "<!-- glosscheck-ignore-end -->",
        "&eacute;",
        "&#1581;",
        "&",
        ";",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "<img alt=\"",
        "[",
        "](",
        ")",
        "*",
        "_",
        "#",
        "> ",
        "- ",
        "|",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "Hamas",
        "Israël",
        "حماس",
        "\u{0}",
        "\u{FEFF}",
        "<source>",
        "</source>",
        "<target>",
        "</target>",
        "<g id=\"1\">",
        "</g>",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn random_markup_never_panics_and_keeps_offsets(
        pieces in prop::collection::vec(markup_piece(), 0..60),
        ext in prop::sample::select(vec!["md", "html", "xlf"]),
    ) {
        let text = pieces.concat();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("r.en.{ext}"));
        std::fs::write(&path, &text).unwrap();
        let lang = Some(LangTag::parse("en").unwrap());
        if let Ok(docs) = glosscheck::formats::load_versions(&path, lang, "r".into()) {
            for doc in docs {
                prop_assert_eq!(doc.text.len(), doc.original().len());
                let decoded = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                prop_assert_eq!(doc.original(), decoded);
            }
        }
    }
}
