//! Numbers as values, whatever the script and locale: "1,000.5", "1.000,5", "1 000,5",
//! "١٬٠٠٠٫٥" and "۱۰۰۰٫۵" are the same number; "ten", "dix", "zehn", "десять", "عشرة" and
//! "ده" are 10; "12th", "12.", "12e" and "12-го" are 12.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::lexicon::Lexicon;
use crate::fasthash::Fnv;
pub use crate::normalize::digit_value;
use crate::normalize::normalize_str;

/// Languages that write a decimal comma ("3,5") and group thousands with dots or spaces.
fn decimal_comma(lang: &str) -> bool {
    matches!(
        lang,
        "fr" | "de"
            | "es"
            | "it"
            | "pt"
            | "ru"
            | "uk"
            | "be"
            | "bg"
            | "sr"
            | "hr"
            | "bs"
            | "sl"
            | "cs"
            | "sk"
            | "pl"
            | "hu"
            | "ro"
            | "tr"
            | "az"
            | "nl"
            | "da"
            | "no"
            | "nb"
            | "nn"
            | "sv"
            | "fi"
            | "et"
            | "lv"
            | "lt"
            | "el"
            | "id"
            | "vi"
            | "ca"
            | "gl"
            | "eu"
    )
}

/// A number read from digits: its value and how many characters of the text it used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DigitNumber {
    pub value: f64,
    pub len: usize,
    /// Written as a whole number without separators (a year looks like this).
    pub plain_integer: bool,
}

/// How many characters `read_digits` reads at most.
const MAX_NUMBER_CHARS: usize = 64;

/// Reads the number starting at `text[0]` (which must be a digit). Called for every number
/// of every version, so nothing is allocated: the characters are decoded as far as they
/// are looked at (never past the 64th), the digits kept as ASCII on the stack.
pub fn read_digits(text: &str, lang: &str) -> Option<DigitNumber> {
    let mut chars = Lookahead::new(text);
    // The digits as ASCII, and the length of each group between separators.
    let mut digits = [0u8; MAX_NUMBER_CHARS];
    let mut digit_count = 0;
    let mut group_lens = [0usize; MAX_NUMBER_CHARS + 1];
    let mut separators = ['\0'; MAX_NUMBER_CHARS];
    let mut separator_count = 0;
    let mut end = 0;
    let mut i = 0;
    while let Some((at, c)) = chars.get(i) {
        if let Some(d) = digit_value(c) {
            digits[digit_count] = b'0' + d as u8;
            digit_count += 1;
            group_lens[separator_count] += 1;
            end = at + c.len_utf8();
            i += 1;
            continue;
        }
        let next_is_digit = chars.is_digit(i + 1);
        let is_separator = matches!(c, ',' | '.' | '٬' | '٫' | '\'' | ' ');
        if !is_separator || !next_is_digit {
            break;
        }
        if c == ' ' {
            // A space groups thousands only before exactly three digits.
            let three = (1..=3).all(|k| chars.is_digit(i + k));
            let fourth = chars.is_digit(i + 4);
            if !three || fourth || group_lens[separator_count] > 3 {
                break;
            }
        }
        separators[separator_count] = c;
        separator_count += 1;
        i += 1;
    }
    let group_lens = &group_lens[..=separator_count];
    let separators = &separators[..separator_count];
    let decimal_index = decimal_separator(group_lens, separators, lang);
    // The digits, with a point after the group before the decimal separator.
    let digits = &digits[..digit_count];
    let mut number = [0u8; MAX_NUMBER_CHARS + 1];
    let len = match decimal_index {
        Some(k) => {
            let (whole, fraction) = digits.split_at(group_lens[..=k].iter().sum());
            number[..whole.len()].copy_from_slice(whole);
            number[whole.len()] = b'.';
            number[whole.len() + 1..=digits.len()].copy_from_slice(fraction);
            digits.len() + 1
        }
        None => {
            number[..digits.len()].copy_from_slice(digits);
            digits.len()
        }
    };
    let value: f64 = std::str::from_utf8(&number[..len]).ok()?.parse().ok()?;
    Some(DigitNumber {
        value,
        len: end,
        plain_integer: separators.is_empty(),
    })
}

/// The first characters of a text (at most `MAX_NUMBER_CHARS`), decoded as far as they are
/// asked for.
struct Lookahead<'a> {
    chars: std::iter::Take<std::str::CharIndices<'a>>,
    seen: [(usize, char); MAX_NUMBER_CHARS],
    decoded: usize,
}

impl<'a> Lookahead<'a> {
    fn new(text: &'a str) -> Lookahead<'a> {
        Lookahead {
            chars: text.char_indices().take(MAX_NUMBER_CHARS),
            seen: [(0, '\0'); MAX_NUMBER_CHARS],
            decoded: 0,
        }
    }

    /// The `i`-th character and where it starts.
    fn get(&mut self, i: usize) -> Option<(usize, char)> {
        while self.decoded <= i {
            self.seen[self.decoded] = self.chars.next()?;
            self.decoded += 1;
        }
        Some(self.seen[i])
    }

    fn is_digit(&mut self, i: usize) -> bool {
        self.get(i).is_some_and(|(_, c)| digit_value(c).is_some())
    }
}

/// Which separator (by index) is the decimal one, if any, from the separators and the
/// number of digits in each group around them.
fn decimal_separator(group_lens: &[usize], separators: &[char], lang: &str) -> Option<usize> {
    if let Some(i) = separators.iter().position(|&c| c == '٫') {
        return Some(i);
    }
    let last = separators.len().checked_sub(1)?;
    let sep = separators[last];
    if !matches!(sep, ',' | '.') {
        return None;
    }
    let same = separators.iter().filter(|&&c| c == sep).count();
    let mixed = separators
        .iter()
        .any(|&c| matches!(c, ',' | '.') && c != sep);
    if mixed {
        // 1,000.5 or 1.000,5: the last of the two is the decimal point.
        return (same == 1).then_some(last);
    }
    if same > 1 {
        return None; // 1,000,000 or 1.000.000
    }
    if group_lens[last + 1] != 3 || group_lens[0] == 0 || group_lens[0] > 3 {
        return Some(last); // 3.5, 1,25
    }
    // 1,000 or 1.000: the language decides.
    let comma_is_decimal = decimal_comma(lang);
    match sep {
        ',' if comma_is_decimal => Some(last),
        '.' if !comma_is_decimal => Some(last),
        _ => None,
    }
}

/// What a number word contributes to a phrase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WordValue {
    /// 0–99.
    Unit(f64),
    /// A number word that is also a common word alone — "un"/"a" (articles), Persian نه
    /// ("no"), French "neuf" ("new"): a number only inside a phrase ("vingt et un").
    Ambiguous(f64),
    /// hundred: multiplies what came before.
    Hundred,
    /// thousand, million, billion: closes a group.
    Scale(f64),
}

pub type WordTable = Lexicon<WordValue>;

/// Number words of a language, normalized like the text.
pub fn number_words(lang: &str) -> Option<&'static WordTable> {
    static TABLES: OnceLock<HashMap<&'static str, WordTable, BuildHasherDefault<Fnv>>> =
        OnceLock::new();
    TABLES.get_or_init(build_tables).get(lang)
}

/// The languages with number words.
pub fn number_word_languages() -> impl Iterator<Item = &'static str> {
    RAW_TABLES.iter().map(|table| table.0)
}

fn build_tables() -> HashMap<&'static str, WordTable, BuildHasherDefault<Fnv>> {
    let mut tables = HashMap::default();
    for (lang, units, ambiguous, hundreds, scales) in RAW_TABLES {
        let mut table = WordTable::default();
        for (value, words) in units.iter() {
            for word in words.split(' ') {
                table.insert(normalize_str(word), WordValue::Unit(*value));
            }
        }
        for (value, words) in ambiguous.iter() {
            for word in words.split(' ') {
                table.insert(normalize_str(word), WordValue::Ambiguous(*value));
            }
        }
        for word in hundreds.split(' ').filter(|w| !w.is_empty()) {
            table.insert(normalize_str(word), WordValue::Hundred);
        }
        for (value, words) in scales.iter() {
            for word in words.split(' ') {
                table.insert(normalize_str(word), WordValue::Scale(*value));
            }
        }
        tables.insert(*lang, table);
    }
    tables
}

type RawTable = (
    &'static str,
    &'static [(f64, &'static str)],
    &'static [(f64, &'static str)],
    &'static str,
    &'static [(f64, &'static str)],
);

/// Cardinal number words, with the case and gender forms news text uses. Words for "one"
/// that double as articles are listed separately: alone they are not numbers.
const RAW_TABLES: &[RawTable] = &[
    (
        "en",
        &[
            (0.0, "zero"),
            (2.0, "two"),
            (3.0, "three"),
            (4.0, "four"),
            (5.0, "five"),
            (6.0, "six"),
            (7.0, "seven"),
            (8.0, "eight"),
            (9.0, "nine"),
            (10.0, "ten"),
            (11.0, "eleven"),
            (12.0, "twelve"),
            (13.0, "thirteen"),
            (14.0, "fourteen"),
            (15.0, "fifteen"),
            (16.0, "sixteen"),
            (17.0, "seventeen"),
            (18.0, "eighteen"),
            (19.0, "nineteen"),
            (20.0, "twenty"),
            (30.0, "thirty"),
            (40.0, "forty"),
            (50.0, "fifty"),
            (60.0, "sixty"),
            (70.0, "seventy"),
            (80.0, "eighty"),
            (90.0, "ninety"),
            (12.0, "dozen"),
        ],
        &[(1.0, "one a")],
        "hundred hundreds",
        &[
            (1e3, "thousand thousands"),
            (1e6, "million millions"),
            (1e9, "billion billions"),
        ],
    ),
    (
        "fr",
        &[
            (0.0, "zéro"),
            (2.0, "deux"),
            (3.0, "trois"),
            (4.0, "quatre"),
            (5.0, "cinq"),
            (6.0, "six"),
            (7.0, "sept"),
            (8.0, "huit"),
            (10.0, "dix"),
            (11.0, "onze"),
            (12.0, "douze"),
            (13.0, "treize"),
            (14.0, "quatorze"),
            (15.0, "quinze"),
            (16.0, "seize"),
            (20.0, "vingt vingts"),
            (30.0, "trente"),
            (40.0, "quarante"),
            (50.0, "cinquante"),
            (60.0, "soixante"),
            (12.0, "douzaine"),
        ],
        &[(1.0, "un une"), (9.0, "neuf")],
        "cent cents",
        &[
            (1e3, "mille"),
            (1e6, "million millions"),
            (1e9, "milliard milliards"),
        ],
    ),
    (
        "de",
        &[
            (0.0, "null"),
            (2.0, "zwei zwo"),
            (3.0, "drei"),
            (4.0, "vier"),
            (5.0, "fünf"),
            (6.0, "sechs"),
            (7.0, "sieben"),
            (9.0, "neun"),
            (10.0, "zehn"),
            (11.0, "elf"),
            (12.0, "zwölf"),
            (13.0, "dreizehn"),
            (14.0, "vierzehn"),
            (15.0, "fünfzehn"),
            (16.0, "sechzehn"),
            (17.0, "siebzehn"),
            (18.0, "achtzehn"),
            (19.0, "neunzehn"),
            (20.0, "zwanzig"),
            (30.0, "dreißig"),
            (40.0, "vierzig"),
            (50.0, "fünfzig"),
            (60.0, "sechzig"),
            (70.0, "siebzig"),
            (80.0, "achtzig"),
            (90.0, "neunzig"),
            (12.0, "dutzend"),
        ],
        &[
            (1.0, "ein eine einen einem einer eines eins"),
            (8.0, "acht"),
        ],
        "hundert",
        &[
            (1e3, "tausend"),
            (1e6, "million millionen"),
            (1e9, "milliarde milliarden"),
        ],
    ),
    (
        "es",
        &[
            (0.0, "cero"),
            (2.0, "dos"),
            (3.0, "tres"),
            (4.0, "cuatro"),
            (5.0, "cinco"),
            (6.0, "seis"),
            (7.0, "siete"),
            (8.0, "ocho"),
            (9.0, "nueve"),
            (10.0, "diez"),
            (11.0, "once"),
            (12.0, "doce"),
            (13.0, "trece"),
            (14.0, "catorce"),
            (15.0, "quince"),
            (16.0, "dieciséis"),
            (17.0, "diecisiete"),
            (18.0, "dieciocho"),
            (19.0, "diecinueve"),
            (20.0, "veinte"),
            (30.0, "treinta"),
            (40.0, "cuarenta"),
            (50.0, "cincuenta"),
            (60.0, "sesenta"),
            (70.0, "setenta"),
            (80.0, "ochenta"),
            (90.0, "noventa"),
            (12.0, "docena"),
            (100.0, "cien"),
        ],
        &[(1.0, "un uno una")],
        "ciento cientos",
        &[
            (1e3, "mil"),
            (1e6, "millón millones"),
            (1e9, "millardo millardos"),
        ],
    ),
    (
        "ru",
        &[
            (0.0, "ноль нуль"),
            (2.0, "два две двух двум двумя"),
            (3.0, "три трех трем тремя"),
            (4.0, "четыре четырех четырем четырьмя"),
            (5.0, "пять пяти пятью"),
            (6.0, "шесть шести шестью"),
            (7.0, "семь семи семью"),
            (8.0, "восемь восьми восемью"),
            (9.0, "девять девяти девятью"),
            (10.0, "десять десяти десятью"),
            (11.0, "одиннадцать одиннадцати"),
            (12.0, "двенадцать двенадцати"),
            (13.0, "тринадцать тринадцати"),
            (14.0, "четырнадцать четырнадцати"),
            (15.0, "пятнадцать пятнадцати"),
            (16.0, "шестнадцать шестнадцати"),
            (17.0, "семнадцать семнадцати"),
            (18.0, "восемнадцать восемнадцати"),
            (19.0, "девятнадцать девятнадцати"),
            (20.0, "двадцать двадцати"),
            (30.0, "тридцать тридцати"),
            (40.0, "сорок сорока"),
            (50.0, "пятьдесят пятидесяти"),
            (60.0, "шестьдесят шестидесяти"),
            (70.0, "семьдесят семидесяти"),
            (80.0, "восемьдесят восьмидесяти"),
            (90.0, "девяносто девяноста"),
            (100.0, "сто ста"),
            (200.0, "двести двухсот"),
            (300.0, "триста трехсот"),
            (400.0, "четыреста четырехсот"),
            (500.0, "пятьсот пятисот"),
        ],
        &[(1.0, "один одна одно одного одной одному одним")],
        "",
        &[
            (1e3, "тысяча тысячи тысяч тысячу тысячей тыс"),
            (1e6, "миллион миллиона миллионов млн"),
            (1e9, "миллиард миллиарда миллиардов млрд"),
        ],
    ),
    (
        "ar",
        &[
            (0.0, "صفر"),
            (2.0, "اثنان اثنين اثنتان اثنتين اثنا اثنتا"),
            (3.0, "ثلاثة ثلاث"),
            (4.0, "أربعة أربع"),
            (5.0, "خمسة خمس"),
            (6.0, "ستة ست"),
            (7.0, "سبعة سبع"),
            (8.0, "ثمانية ثماني ثمان"),
            (9.0, "تسعة تسع"),
            (10.0, "عشرة عشر العشرة"),
            (20.0, "عشرون عشرين"),
            (30.0, "ثلاثون ثلاثين"),
            (40.0, "أربعون أربعين"),
            (50.0, "خمسون خمسين"),
            (60.0, "ستون ستين"),
            (70.0, "سبعون سبعين"),
            (80.0, "ثمانون ثمانين"),
            (90.0, "تسعون تسعين"),
            (200.0, "مئتان مئتين مائتان مائتين"),
        ],
        &[(1.0, "واحد واحدة أحد إحدى")],
        "مئة مائة مئات",
        &[
            (1e3, "ألف آلاف ألفا ألفين"),
            (1e6, "مليون ملايين"),
            (1e9, "مليار مليارات"),
        ],
    ),
    (
        "fa",
        &[
            (0.0, "صفر"),
            (2.0, "دو"),
            (3.0, "سه"),
            (4.0, "چهار"),
            (5.0, "پنج"),
            (6.0, "شش"),
            (7.0, "هفت"),
            (8.0, "هشت"),
            (10.0, "ده"),
            (11.0, "یازده"),
            (12.0, "دوازده"),
            (13.0, "سیزده"),
            (14.0, "چهارده"),
            (15.0, "پانزده"),
            (16.0, "شانزده"),
            (17.0, "هفده"),
            (18.0, "هجده"),
            (19.0, "نوزده"),
            (20.0, "بیست"),
            (40.0, "چهل"),
            (50.0, "پنجاه"),
            (60.0, "شصت"),
            (70.0, "هفتاد"),
            (80.0, "هشتاد"),
            (90.0, "نود"),
            (200.0, "دویست"),
            (300.0, "سیصد"),
            (500.0, "پانصد"),
        ],
        &[(1.0, "یک"), (9.0, "نه"), (30.0, "سی")],
        "صد",
        &[(1e3, "هزار"), (1e6, "میلیون"), (1e9, "میلیارد")],
    ),
];

/// Joins allowed between the number words of one phrase ("twenty-five", "vingt et un").
pub fn is_number_joiner(word: &str, lang: &str) -> bool {
    matches!(
        (lang, word),
        ("en", "and")
            | ("fr", "et")
            | ("es", "y")
            | ("de", "und")
            | ("ar", "و")
            | ("fa", "و")
            | ("ru", "и")
    )
}

/// Combines the word values of a phrase: "two hundred thousand" = 200,000.
pub fn combine(values: &[WordValue]) -> Option<f64> {
    if values.iter().all(|v| matches!(v, WordValue::Ambiguous(_))) {
        return None; // "un", "a", "ein", "نه" alone: not a number.
    }
    let (mut total, mut current) = (0.0, 0.0);
    for value in values {
        match *value {
            WordValue::Unit(v) => current += v,
            WordValue::Ambiguous(v) => current += v,
            WordValue::Hundred => current = current.max(1.0) * 100.0,
            WordValue::Scale(s) => {
                total += current.max(1.0) * s;
                current = 0.0;
            }
        }
    }
    Some(total + current)
}

/// A German compound like "einundzwanzig" (21).
pub fn german_compound(word: &str) -> Option<f64> {
    let table = number_words("de")?;
    let (unit, tens) = word.split_once("und")?;
    let unit = match table.get(unit)? {
        WordValue::Unit(v) | WordValue::Ambiguous(v) => *v,
        _ => return None,
    };
    match table.get(tens)? {
        WordValue::Unit(t) if *t >= 20.0 => Some(unit + t),
        _ => None,
    }
}

/// Words after a number that make it a percentage (normalized).
pub fn percent_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &["percent", "per cent"],
        "fr" => &["pour cent", "pourcent"],
        "de" => &["prozent"],
        "es" => &["por ciento"],
        "it" => &["per cento"],
        "pt" => &["por cento"],
        "ru" => &["процент", "процента", "процентов"],
        "ar" => &["بالمئة", "بالمائة", "في المئة", "في المائة"],
        "fa" => &["درصد"],
        _ => &[],
    }
}

/// Endings written right after the digits of an ordinal (normalized): 12th, 12e, 12º.
pub fn ordinal_suffixes(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &["st", "nd", "rd", "th"],
        "fr" => &["e", "er", "re", "eme", "ieme", "eme", "es", "ers", "res"],
        "es" | "pt" | "it" => &["o", "a", "os", "as"],
        "ru" | "uk" => &["-го", "-и", "-ого", "-е", "-я", "-м", "-ми", "-х"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, lang: &str) -> f64 {
        read_digits(text, lang).unwrap().value
    }

    /// `read_digits` as it was, with vectors and strings: the reference of the tests.
    fn read_digits_allocating(text: &str, lang: &str) -> Option<DigitNumber> {
        let chars: Vec<(usize, char)> = text.char_indices().take(64).collect();
        let mut groups: Vec<String> = vec![String::new()];
        let mut separators: Vec<char> = Vec::new();
        let mut end = 0;
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if let Some(d) = digit_value(c) {
                groups.last_mut()?.push(char::from_digit(d, 10)?);
                end = at + c.len_utf8();
                i += 1;
                continue;
            }
            let next_is_digit = chars
                .get(i + 1)
                .is_some_and(|(_, n)| digit_value(*n).is_some());
            let is_separator = matches!(c, ',' | '.' | '٬' | '٫' | '\'' | ' ');
            if !is_separator || !next_is_digit {
                break;
            }
            if c == ' ' {
                // A space groups thousands only before exactly three digits.
                let three = (1..=3).all(|k| {
                    chars
                        .get(i + k)
                        .is_some_and(|(_, n)| digit_value(*n).is_some())
                });
                let fourth = chars
                    .get(i + 4)
                    .is_some_and(|(_, n)| digit_value(*n).is_some());
                if !three || fourth || groups.last()?.len() > 3 {
                    break;
                }
            }
            separators.push(c);
            groups.push(String::new());
            i += 1;
        }
        let lens: Vec<usize> = groups.iter().map(String::len).collect();
        let decimal_index = decimal_separator(&lens, &separators, lang);
        let mut number = String::new();
        for (k, group) in groups.iter().enumerate() {
            if k > 0 && Some(k - 1) == decimal_index {
                number.push('.');
            }
            number.push_str(group);
        }
        let value: f64 = number.parse().ok()?;
        Some(DigitNumber {
            value,
            len: end,
            plain_integer: separators.is_empty(),
        })
    }

    /// Reading a number on the stack reads what reading it into vectors and strings did.
    #[test]
    fn read_digits_equals_the_allocating_reading() {
        proptest::proptest!(proptest::prelude::ProptestConfig::with_cases(4096), |(
            text in "[0-9٠-٩۰-۹]([0-9٠-٩۰-۹]{0,4}[,.٬٫' ]?){0,20}[a ]?",
            lang in proptest::sample::select(vec!["en", "de", "fr", "ar", "fa"]),
        )| {
            proptest::prop_assert_eq!(read_digits(&text, lang), read_digits_allocating(&text, lang));
        });
        let long = "1".repeat(100);
        assert_eq!(
            read_digits(&long, "en"),
            read_digits_allocating(&long, "en")
        );
    }

    #[test]
    fn digits_in_every_script() {
        assert_eq!(digit_value('7'), Some(7));
        assert_eq!(digit_value('٧'), Some(7));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('७'), Some(7));
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('٫'), None);
    }

    #[test]
    fn locale_separators() {
        assert_eq!(value("1,000.5", "en"), 1000.5);
        assert_eq!(value("1.000,5", "de"), 1000.5);
        assert_eq!(value("1 000,5", "fr"), 1000.5);
        assert_eq!(value("١٬٠٠٠٫٥", "ar"), 1000.5);
        assert_eq!(value("۱۰۰۰٫۵", "fa"), 1000.5);
        assert_eq!(value("1,000,000", "en"), 1e6);
        assert_eq!(value("1.000.000", "es"), 1e6);
        assert_eq!(value("3,5", "en"), 3.5);
        assert_eq!(value("3.5", "de"), 3.5);
        assert_eq!(value("1,000", "en"), 1000.0);
        assert_eq!(value("1.000", "de"), 1000.0);
        assert_eq!(value("2023", "fa"), 2023.0);
    }

    #[test]
    fn spaces_group_only_thousands() {
        // "2022 10 records": two numbers, not 202,210.
        assert_eq!(read_digits("2022 10 records", "en").unwrap().value, 2022.0);
        assert_eq!(read_digits("12 500 people", "fr").unwrap().value, 12500.0);
    }

    #[test]
    fn number_words_combine() {
        let en = number_words("en").unwrap();
        let words = |s: &str| s.split(' ').map(|w| en[w]).collect::<Vec<_>>();
        assert_eq!(combine(&words("ten")), Some(10.0));
        assert_eq!(combine(&words("two hundred thousand")), Some(200_000.0));
        assert_eq!(combine(&words("twenty five")), Some(25.0));
        assert_eq!(combine(&words("one")), None);
        assert_eq!(german_compound("einundzwanzig"), Some(21.0));
        let ar = number_words("ar").unwrap();
        assert_eq!(
            combine(&[ar[&normalize_str("اثنا")], ar[&normalize_str("عشر")]]),
            Some(12.0)
        );
        let fa = number_words("fa").unwrap();
        assert_eq!(fa[&normalize_str("ده")], WordValue::Unit(10.0));
        assert_eq!(number_words("ru").unwrap()["десяти"], WordValue::Unit(10.0));
    }
}
