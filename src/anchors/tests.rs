use super::*;
use crate::document::Encoding;
use crate::lang::LangTag;

fn doc(lang: &str, text: &str) -> Document {
    Document::from_text(
        "t.txt",
        LangTag::parse(lang).unwrap(),
        "t".into(),
        text.into(),
        Encoding::Utf8,
    )
}

fn numbers(lang: &str, text: &str) -> Vec<(f64, bool, String)> {
    let d = doc(lang, text);
    extract(&d, &[])
        .numbers
        .into_iter()
        .map(|n| (n.value, n.percent, d.text[n.span].to_string()))
        .collect()
}

fn values(lang: &str, text: &str) -> Vec<f64> {
    numbers(lang, text).into_iter().map(|(v, _, _)| v).collect()
}

fn dates(lang: &str, text: &str) -> Vec<(String, String)> {
    let d = doc(lang, text);
    extract(&d, &[])
        .dates
        .into_iter()
        .map(|a| (a.value.to_string(), d.text[a.span].to_string()))
        .collect()
}

#[test]
fn articles_and_weekdays_are_not_numbers() {
    assert_eq!(
        numbers("en", "a two of clubs"),
        [(2.0, false, "two".to_string())]
    );
    // Compound adjectives, fused in translation (zweitägig, двухдневный), are marked.
    let fused = |lang: &str, text: &str| {
        let d = doc(lang, text);
        extract(&d, &[])
            .numbers
            .iter()
            .map(|n| (n.value, n.fused))
            .collect::<Vec<_>>()
    };
    assert_eq!(fused("en", "a two-day visit"), [(2.0, true)]);
    assert_eq!(fused("en", "a 3-year term"), [(3.0, true)]);
    assert_eq!(
        fused("en", "in 2021-2022, two people"),
        [(2021.0, false), (2022.0, false), (2.0, false)]
    );
    assert_eq!(values("en", "twenty-five people"), [25.0]);
    assert_eq!(values("fr", "quarante-deux personnes"), [42.0]);
    assert_eq!(values("en", "a hundred people"), [100.0]);
    assert_eq!(values("fr", "vingt et un morts"), [21.0]);
    assert!(values("ar", "وصل يوم الاثنين إلى العاصمة").is_empty());
    assert!(values("ar", "يوم الأحد").is_empty());
    assert_eq!(values("ar", "قتل اثنين من الجنود"), [2.0]);
    assert!(values("fa", "روز سه‌شنبه اعلام کرد").is_empty());
    assert!(values("fa", "روز پنج شنبه").is_empty());
    assert_eq!(values("fa", "سه نفر کشته شدند"), [3.0]);
}

#[test]
fn number_words_equal_digits() {
    assert_eq!(values("en", "ten secret meeting records"), [10.0]);
    assert_eq!(values("fr", "dix comptes rendus"), [10.0]);
    assert_eq!(values("de", "zehn geheime Protokolle"), [10.0]);
    assert_eq!(values("es", "diez actas"), [10.0]);
    assert_eq!(values("ru", "десять протоколов, из десяти"), [10.0, 10.0]);
    assert_eq!(values("ar", "عشرة محاضر"), [10.0]);
    assert_eq!(values("fa", "ده صورت‌جلسه"), [10.0]);
    assert_eq!(
        values("en", "twenty-five people and two hundred thousand"),
        [25.0, 200_000.0]
    );
    assert_eq!(values("de", "einundzwanzig"), [21.0]);
    assert_eq!(values("ar", "اثنا عشر"), [12.0]);
}

#[test]
fn digits_after_arabic_proclitics() {
    assert_eq!(values("ar", "و1 سبب"), [1.0]);
    assert_eq!(values("ar", "ب12 صوتا"), [12.0]);
    // Two glued letters at most; after three of them, or after other letters, the digit
    // belongs to the word.
    assert_eq!(values("ar", "وب3 سبب"), [3.0]);
    assert!(values("ar", "ولل4 سبب").is_empty());
    assert!(values("ar", "سب5 سبب").is_empty());
}

#[test]
fn ambiguous_number_words_count_only_in_phrases() {
    assert!(values("fa", "نه حماس و نه حزب‌الله").is_empty());
    assert!(values("fr", "un bâtiment neuf").is_empty());
    assert_eq!(values("fr", "vingt et un"), [21.0]);
}

#[test]
fn masked_entity_names_hold_no_numbers() {
    let d = doc("fa", "به سی‌ان‌ان گفت");
    let at = d.normalized.text.find("سي").unwrap();
    let masked: Vec<Range<usize>> = std::iter::once(at..at + "سي ان ان".len()).collect();
    assert!(extract(&d, &masked).numbers.is_empty());
    assert_eq!(
        extract(&d, &[]).numbers.len(),
        0,
        "سی alone is ambiguous too"
    );
}

#[test]
fn articles_are_not_ones() {
    assert!(values("fr", "un porte-parole et une mission").is_empty());
    assert!(values("de", "ein Sprecher").is_empty());
    assert!(values("es", "un portavoz").is_empty());
    assert!(values("en", "one of the officials").is_empty());
    assert!(values("fa", "یک مقام ارشد").is_empty());
    assert_eq!(values("en", "one million"), [1e6]);
}

#[test]
fn digits_in_each_script_and_locale() {
    assert_eq!(values("en", "1,000.5 and 3.5"), [1000.5, 3.5]);
    assert_eq!(values("de", "1.000,5"), [1000.5]);
    assert_eq!(values("fr", "1\u{202F}000,5"), [1000.5]);
    assert_eq!(values("ar", "١٬٠٠٠٫٥"), [1000.5]);
    assert_eq!(values("fa", "۱۲ نفر"), [12.0]);
    assert_eq!(values("en", "3 million"), [3e6]);
    assert_eq!(values("ru", "2 млн"), [2e6]);
}

#[test]
fn percentages() {
    assert!(numbers("en", "72.5% of them")[0].1);
    assert_eq!(numbers("fr", "72,5 % d'entre eux")[0].0, 72.5);
    assert!(numbers("fr", "72,5 % d'entre eux")[0].1);
    assert!(numbers("de", "72,5 Prozent")[0].1);
    assert!(numbers("ru", "72,5 процента")[0].1);
    assert!(numbers("ar", "٧٢٫٥٪")[0].1);
    assert!(numbers("fa", "۷۲٫۵ درصد")[0].1);
    assert!(!numbers("en", "72 people")[0].1);
}

#[test]
fn ordinals_equal_cardinals() {
    assert_eq!(values("en", "on the 12th"), [12.0]);
    assert_eq!(values("fr", "le 12e jour, le 1er"), [12.0, 1.0]);
    assert_eq!(values("ru", "12-го числа"), [12.0]);
    assert_eq!(values("de", "am 12. gegenüber CNN"), [12.0]);
    assert_eq!(numbers("en", "on the 12th")[0].2, "12th");
}

#[test]
fn ranges_are_two_numbers() {
    assert_eq!(values("en", "in 2021–2023"), [2021.0, 2023.0]);
}

#[test]
fn dates_in_each_language() {
    assert_eq!(
        dates("en", "in July 2023, then October 7"),
        [
            ("2023-07".into(), "July 2023".into()),
            ("--10-07".into(), "October 7".into())
        ]
    );
    assert_eq!(dates("fr", "en juillet 2023")[0].0, "2023-07");
    assert_eq!(dates("fr", "en juin 2023")[0].0, "2023-06");
    assert_eq!(
        dates("de", "am 7. Oktober")[0],
        ("--10-07".into(), "7. Oktober".into())
    );
    assert_eq!(dates("es", "el 7 de octubre de 2023")[0].0, "2023-10-07");
    assert_eq!(dates("ru", "в июле 2023 года")[0].0, "2023-07");
    assert_eq!(dates("ru", "7 октября")[0].0, "--10-07");
    assert_eq!(dates("ar", "في يوليو 2023")[0].0, "2023-07");
    assert_eq!(dates("ar", "في تموز 2023")[0].0, "2023-07");
    // Levantine month names of two words, and the first word alone is no month.
    assert_eq!(
        dates("ar", "في 7 تشرين الأول 2023")[0],
        ("2023-10-07".to_string(), "7 تشرين الأول 2023".to_string())
    );
    assert_eq!(dates("ar", "في كانون الثاني 2024")[0].0, "2024-01");
    assert!(dates("ar", "في تشرين 2023").is_empty());
    assert_eq!(dates("fa", "در ژوئیه ۲۰۲۳")[0].0, "2023-07");
    assert_eq!(dates("fa", "۷ اکتبر")[0].0, "--10-07");
    assert_eq!(dates("en", "in fall 2022")[0].0, "autumn 2022");
    assert_eq!(dates("ru", "осенью 2022 года")[0].0, "autumn 2022");
    assert_eq!(dates("en", "a January discovery")[0].0, "month 1");
}

#[test]
fn dates_take_their_numbers() {
    // The year and day belong to the date, not to the numbers.
    assert!(values("en", "in July 2023").is_empty());
    assert_eq!(values("en", "since 2021"), [2021.0]);
}

#[test]
fn month_words_that_are_common_words() {
    assert!(dates("en", "they may need more time and march on").is_empty());
    assert!(dates("ar", "مارس ضغوطا كبيرة").is_empty());
    assert!(dates("en", "prices fall sharply").is_empty());
    assert_eq!(dates("ar", "في مارس 2023").len(), 1);
}

#[test]
fn quotes_and_negation() {
    let d = doc("en", "He said “we were not aware” and “big project”.");
    let quotes = extract(&d, &[]).quotes;
    assert_eq!(quotes.len(), 2);
    assert!(quotes[0].negated);
    assert!(!quotes[1].negated);
}

/// A word's first digit read byte by byte is where reading it character by character
/// finds it, in any mix of ASCII, Arabic-Indic, Persian and Devanagari digits and letters.
#[test]
fn first_digit_equals_a_character_by_character_search() {
    proptest::proptest!(|(word in "[a-z0-9\u{660}-\u{669}\u{6f0}-\u{6f9}\u{966}-\u{96f}\u{627}\u{628}\u{43f}é]{0,12}")| {
        let reference = word
            .char_indices()
            .find(|&(_, c)| digit_value(c).is_some())
            .map(|(k, _)| k);
        proptest::prop_assert_eq!(first_digit(&word), reference);
    });
}

/// The tokenizer as it was, reading every character: the reference of `tokenize`.
fn tokenize_char_by_char(text: &str, lang: &str) -> Vec<Token> {
    let words = crate::normalize::WordReader::new();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut previous_letter = false;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if digit_value(c).is_some() && !previous_letter {
            if let Some(number) = read_digits(&text[i..], lang) {
                let (end, percent, value) = number_tail(text, i + number.len, lang, number.value);
                tokens.push(Token {
                    kind: TokenKind::Number {
                        value,
                        plain: number.plain_integer,
                        percent,
                    },
                    range: i..end,
                    consumed: false,
                    lexical: false,
                });
                i = end;
                previous_letter = false;
                continue;
            }
        }
        if is_word_char(c) {
            // Where the word ends, read in place.
            let end = word_token_end(text, i, words.word_end(text, i));
            // Every word looked up, as before the filter.
            tokens.push(Token::word(i..end, true));
            i = end;
            previous_letter = !text[end..].starts_with(|ch: char| digit_value(ch).is_some());
            continue;
        }
        previous_letter = false;
        i += c.len_utf8();
    }
    tokens
}

/// Every digit is a word character, so no number starts between words.
#[test]
fn digits_are_word_characters() {
    for c in (0..0x11_0000u32).filter_map(char::from_u32) {
        if digit_value(c).is_some() {
            assert!(is_word_char(c), "U+{:04X}", c as u32);
        }
    }
}

/// Reading tokens from the words finds what reading every character finds.
#[test]
fn tokens_from_words_equal_tokens_char_by_char() {
    let tokens = |tokens: Vec<Token>| -> Vec<(TokenKind, Range<usize>)> {
        tokens.into_iter().map(|t| (t.kind, t.range)).collect()
    };
    proptest::proptest!(proptest::prelude::ProptestConfig::with_cases(2048), |(
        text in "([0-9٠-٩۰-۹०-९]{1,4}|[a-z]{1,3}|[وفبلكمن]{1,3}|(million|mln|th|st|%|٪|percent|Prozent|тыс|الف| |, |,|\\.|-|'|\u{a0}|\u{202f}|\n)){0,14}",
        lang in proptest::sample::select(vec!["en", "de", "fr", "ru", "ar", "fa", "es"]),
    )| {
        let normalized = crate::normalize::normalize(&text).text;
        let words = word_spans(&normalized);
        proptest::prop_assert_eq!(
            tokens(tokenize(&normalized, lang, &words, &digit_starts(&normalized))),
            tokens(tokenize_char_by_char(&normalized, lang)),
            "{:?}", normalized
        );
    });
}

/// The number-word reading as it was before it rewrote the tokens in place: a copy of
/// every token. The tests' reference; the word values and the rules on articles and
/// weekdays are the reading's own.
fn read_number_words_copying(text: &str, lang: &str, tokens: &mut Vec<Token>) {
    let Some(table) = number_words(lang) else {
        return;
    };
    let mut out: Vec<Token> = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let first = (tokens[k].kind == TokenKind::Word)
            .then(|| number_word(table, lang, &text[tokens[k].range.clone()]))
            .flatten()
            .filter(|_| !weekday_follows(text, lang, tokens, k));
        let Some(first) = first else {
            out.push(tokens[k].clone());
            k += 1;
            continue;
        };
        let mut values = vec![first];
        let mut last = k;
        for j in k + 1..tokens.len() {
            let gap = &text[tokens[j - 1].range.end..tokens[j].range.start];
            if tokens[j].kind != TokenKind::Word || !matches!(gap, " " | "-") {
                break;
            }
            let word = &text[tokens[j].range.clone()];
            if is_number_joiner(word, lang) {
                continue;
            }
            let Some(v) = number_word(table, lang, word) else {
                break;
            };
            values.push(v);
            last = j;
        }
        if article_first(&values) || weekday_follows(text, lang, tokens, last) {
            out.push(tokens[k].clone());
            k += 1;
            continue;
        }
        match combine(&values) {
            Some(value) => out.push(number_words_token(
                value,
                tokens[k].range.start..tokens[last].range.end,
            )),
            None => out.extend(tokens[k..=last].iter().cloned()),
        }
        k = last + 1;
    }
    *tokens = out;
}

/// Reading number words into the tokens in place gives the tokens the copying reading gives:
/// runs of number words, articles, joiners, Persian weekdays, digits and other words.
#[test]
fn number_words_read_in_place_equal_the_copying_reading() {
    let tokens = |tokens: Vec<Token>| -> Vec<(TokenKind, Range<usize>, bool)> {
        tokens
            .into_iter()
            .map(|t| (t.kind, t.range, t.consumed))
            .collect()
    };
    proptest::proptest!(proptest::prelude::ProptestConfig::with_cases(2048), |(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "a", "an", "one", "two", "twenty", "five", "hundred", "thousand", "and", "un", "une",
            "deux", "vingt", "cent", "mille", "et", "ein", "zwei", "einundzwanzig", "hundert",
            "dos", "veinte", "y", "два", "двадцать", "сто", "тысяч", "و", "اثنين", "الاثنين",
            "عشرين", "وعشرين", "مئة", "سه", "شنبه", "پنج", "هزار", "12", "٣", "day", "said",
        ]), 0..12),
        gaps in proptest::collection::vec(proptest::sample::select(vec![" ", "-", ", ", " "]), 12),
        lang in proptest::sample::select(vec!["en", "de", "fr", "ru", "ar", "fa", "es"]),
    )| {
        let mut text = String::new();
        for (word, gap) in words.iter().zip(&gaps) {
            text.push_str(word);
            text.push_str(gap);
        }
        let normalized = crate::normalize::normalize(&text).text;
        let words = word_spans(&normalized);
        let mut in_place = tokenize(&normalized, lang, &words, &digit_starts(&normalized));
        let mut copied = in_place.clone();
        read_number_words(&normalized, lang, &mut in_place);
        read_number_words_copying(&normalized, lang, &mut copied);
        proptest::prop_assert_eq!(tokens(in_place), tokens(copied), "{:?}", normalized);
    });
}

/// Tokenizing marks only the words that may be number or calendar words: the readings pass
/// over the others without a lookup (the tests above compare what is read; this one that
/// the filter is used at all).
#[test]
fn only_possible_number_and_calendar_words_are_marked() {
    let text = "the talks lasted two days in march and 12 more";
    let words = word_spans(text);
    let marked: Vec<&str> = tokenize(text, "en", &words, &digit_starts(text))
        .iter()
        .filter(|t| t.lexical)
        .map(|t| &text[t.range.clone()])
        .collect();
    assert!(
        marked.contains(&"two") && marked.contains(&"march"),
        "{marked:?}"
    );
    assert!(!marked.contains(&"12"), "a number is never marked");
    assert!(marked.len() <= 4, "{marked:?}");
}
