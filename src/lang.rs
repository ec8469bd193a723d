//! Language tags, and what each language's grammar does to a name.
//!
//! A name is rarely written bare: Arabic glues conjunctions and prepositions to its front
//! (وإيران, بالقدس), Russian declines it (Хании, Хезболлой), German adds a genitive -s
//! (Hisbollahs), Persian a suffix (ایرانی). The matcher must accept those forms as the name
//! itself, and the fuzzy finder must not mistake a derived adjective (israélien, иранский) for
//! a misspelling. Each language's knowledge of that lives here, in one table, so that adding a
//! language is adding a row.

use std::fmt;

use crate::normalize::normalize_str;

/// A validated BCP 47 language tag, kept in canonical case (`pt-BR`, `sr-Latn`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangTag(std::sync::Arc<str>);

impl LangTag {
    /// Parses and validates a tag: the primary subtag must be a known ISO 639 code, the rest
    /// must have the shape of script, region or variant subtags.
    pub fn parse(raw: &str) -> Result<LangTag, String> {
        let raw = raw.trim();
        let mut parts = raw.split(['-', '_']);
        let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
        let known = match primary.len() {
            2 => isolang::Language::from_639_1(&primary).is_some(),
            3 => isolang::Language::from_639_3(&primary).is_some(),
            _ => false,
        };
        if !known || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(format!("unknown language tag '{raw}'"));
        }
        let mut canonical = primary;
        for part in parts {
            let is_alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
            let is_digit = part.bytes().all(|b| b.is_ascii_digit());
            let piece = match part.len() {
                4 if is_alpha => {
                    let mut s = part.to_ascii_lowercase();
                    s[..1].make_ascii_uppercase();
                    s
                }
                2 if is_alpha => part.to_ascii_uppercase(),
                3 if is_digit => part.to_string(),
                5..=8 if part.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    part.to_ascii_lowercase()
                }
                _ => return Err(format!("unknown language tag '{raw}'")),
            };
            canonical.push('-');
            canonical.push_str(&piece);
        }
        Ok(LangTag(canonical.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language without script or region: `pt` for `pt-BR`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether two tags name the same language for comparison purposes (`en` and `en-GB`).
    pub fn same_language(&self, other: &LangTag) -> bool {
        self.primary() == other.primary()
    }

    pub fn profile(&self) -> &'static Profile {
        Profile::for_language(self.primary())
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which letters may be glued to the front of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proclitics {
    None,
    /// و/ف, then ب/ل/ك, then the article ال; ل + ال contracts to لل.
    Arabic,
    /// Up to three of ו ה ב ל מ ש כ.
    Hebrew,
}

/// How a language inflects multi-word names, when a suffix list is not enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declension {
    None,
    /// Every word takes its case ending (Russian): see `inflect::russian`.
    Russian,
    /// Attributive adjectives take -n (die Vereinte → den Vereinten Nationen).
    German,
}

/// What the matcher knows of one language. Suffix lists are written as they look after
/// normalization (lower case, diacritics folded, Persian ی as ي).
#[derive(Debug)]
pub struct Profile {
    pub proclitics: Proclitics,
    /// Endings that leave the word a mention of the name (German genitive -s, Persian -ی).
    pub inflections: &'static [&'static str],
    /// Endings that turn the name into another word (israélien, иранский): not a mention,
    /// but never a misspelling either.
    pub derivations: &'static [&'static str],
    pub declension: Declension,
    /// Scripts written without spaces: a name may start or end anywhere.
    pub unspaced: bool,
    /// Korean particles attach to any noun; accept any short Hangul suffix.
    pub agglutinative: bool,
}

impl Profile {
    pub fn for_language(primary: &str) -> &'static Profile {
        match primary {
            "en" => &ENGLISH,
            "fr" => &FRENCH,
            "de" => &GERMAN,
            "es" | "pt" | "it" | "ca" => &ROMANCE,
            "ru" | "uk" | "be" | "bg" | "sr" => &RUSSIAN,
            "ar" => &ARABIC,
            "fa" | "ur" | "ps" => &PERSIAN,
            "he" | "yi" => &HEBREW,
            "tr" | "az" => &TURKISH,
            "zh" | "ja" | "th" | "lo" | "km" | "my" => &UNSPACED,
            "ko" => &KOREAN,
            _ => &DEFAULT,
        }
    }

    /// Whether `prefix` (the letters between the start of the word and the name) is a legal
    /// run of proclitics.
    pub fn allows_prefix(&self, prefix: &str) -> bool {
        if prefix.is_empty() {
            return true;
        }
        match self.proclitics {
            Proclitics::None => false,
            Proclitics::Arabic => ARABIC_PREFIXES.contains(&prefix),
            Proclitics::Hebrew => {
                let n = prefix.chars().count();
                n <= 3 && prefix.chars().all(|c| HEBREW_PROCLITICS.contains(c))
            }
        }
    }

    /// The ways to read `word` as a name with affixes: `(start, end)` byte ranges of the
    /// name inside the word, the whole word first, then with a proclitic run removed, then
    /// with an inflection ending removed.
    pub fn affix_readings(&self, word: &str) -> Vec<(usize, usize)> {
        let mut readings = Vec::new();
        self.affix_readings_into(word, &mut readings);
        readings
    }

    /// `affix_readings` into a buffer the caller reuses (called for every word).
    pub fn affix_readings_into(&self, word: &str, readings: &mut Vec<(usize, usize)>) {
        readings.clear();
        readings.push((0, word.len()));
        // Where the name may start: the word's start, or after a proclitic run.
        let mut starts = [0usize; 8];
        let mut count = 1;
        match self.proclitics {
            Proclitics::None => {}
            Proclitics::Arabic => {
                for p in ARABIC_PREFIXES.iter().filter(|p| word.starts_with(*p)) {
                    if count < starts.len() {
                        starts[count] = p.len();
                        count += 1;
                    }
                }
            }
            Proclitics::Hebrew => {
                for (at, c) in word.char_indices().take(3) {
                    if !HEBREW_PROCLITICS.contains(c) {
                        break;
                    }
                    starts[count] = at + c.len_utf8();
                    count += 1;
                }
            }
        }
        for &start in &starts[..count] {
            for suffix in self.inflections {
                if word.len() - start > suffix.len() && word.ends_with(suffix) {
                    readings.push((start, word.len() - suffix.len()));
                }
            }
            if start > 0 {
                readings.push((start, word.len()));
            }
        }
        readings.retain(|(s, e)| word[*s..*e].chars().nth(2).is_some());
    }

    /// Classifies what follows a name inside the same word.
    pub fn classify_suffix(&self, suffix: &str) -> SuffixKind {
        if suffix.is_empty() {
            return SuffixKind::None;
        }
        if self.agglutinative && suffix.chars().count() <= 3 {
            return SuffixKind::Inflection;
        }
        if self.inflections.contains(&suffix) {
            SuffixKind::Inflection
        } else if self.derivations.contains(&suffix) {
            SuffixKind::Derivation
        } else {
            SuffixKind::Foreign
        }
    }
}

/// What the letters after a name inside one word make of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuffixKind {
    /// The word ends with the name.
    None,
    /// A grammatical ending: still the name (Hisbollahs).
    Inflection,
    /// A word derived from the name (iranien): not a mention, not a misspelling.
    Derivation,
    /// Some other word that happens to start with the name (Hamasville): no match.
    Foreign,
}

/// The letters a Hebrew word may start with before a name (ו ה ב ל מ ש כ), up to three.
const HEBREW_PROCLITICS: &str = "והבלמשכ";

/// Arabic proclitic runs: (و|ف)? (ب|ل|ك)? (ال)?, and the contraction لل of ل + ال.
const ARABIC_PREFIXES: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "وال", "فال", "بال", "كال",
    "وبال", "ولل", "وكال", "فبال", "فلل", "فكال", "لل",
];

static DEFAULT: Profile = Profile {
    proclitics: Proclitics::None,
    inflections: &[],
    derivations: &[],
    declension: Declension::None,
    unspaced: false,
    agglutinative: false,
};

static ENGLISH: Profile = Profile {
    derivations: &[
        "i", "is", "ian", "ians", "ite", "ites", "n", "ns", "an", "ans", "ese", "ism", "ist",
        "ists",
    ],
    ..DEFAULT
};

static FRENCH: Profile = Profile {
    derivations: &[
        "ien", "ienne", "iens", "iennes", "i", "is", "ite", "ites", "ais", "aise", "aises", "ain",
        "aine", "ains", "aines", "oui", "ouie", "ouis", "ouies", "ite", "iste", "istes",
    ],
    ..DEFAULT
};

static GERMAN: Profile = Profile {
    inflections: &["s", "es"],
    derivations: &[
        "isch", "ische", "ischen", "ischer", "isches", "ischem", "i", "is", "er", "ern", "erin",
        "erinnen", "ner", "nern",
    ],
    declension: Declension::German,
    ..DEFAULT
};

static ROMANCE: Profile = Profile {
    derivations: &[
        "i", "ies", "is", "ita", "itas", "ti", "ties", "o", "a", "os", "as", "ano", "ana", "anos",
        "anas", "ense", "enses", "iano", "iana", "ianos", "ianas", "ese", "esi",
    ],
    ..DEFAULT
};

static RUSSIAN: Profile = Profile {
    derivations: &[
        "скии",
        "ская",
        "ское",
        "ские",
        "ского",
        "скои",
        "скому",
        "ским",
        "ских",
        "ском",
        "скую",
        "скими",
        "ец",
        "цы",
        "цев",
        "цам",
        "ца",
        "цу",
        "цем",
        "це",
        "тянин",
        "тяне",
        "тян",
        "тянам",
        "тянами",
    ],
    declension: Declension::Russian,
    ..DEFAULT
};

static ARABIC: Profile = Profile {
    proclitics: Proclitics::Arabic,
    derivations: &["ي", "ية", "يون", "يين", "يا", "يات"],
    ..DEFAULT
};

static PERSIAN: Profile = Profile {
    inflections: &["ي", "ها", "هاي", "اي"],
    derivations: &["يان", "يها"],
    ..DEFAULT
};

static HEBREW: Profile = Profile {
    proclitics: Proclitics::Hebrew,
    derivations: &["י", "ית", "ים", "יות"],
    ..DEFAULT
};

static TURKISH: Profile = Profile {
    derivations: &["li", "lu", "ca", "ce", "ci"],
    ..DEFAULT
};

static UNSPACED: Profile = Profile {
    unspaced: true,
    ..DEFAULT
};

static KOREAN: Profile = Profile {
    agglutinative: true,
    ..DEFAULT
};

/// Checks at start-up (in tests) that every suffix is written as the normalizer writes it,
/// since a suffix that normalization would change could never match.
pub fn suffix_tables() -> impl Iterator<Item = (&'static str, &'static str)> {
    let profiles: [(&str, &Profile); 11] = [
        ("en", &ENGLISH),
        ("fr", &FRENCH),
        ("de", &GERMAN),
        ("es", &ROMANCE),
        ("ru", &RUSSIAN),
        ("ar", &ARABIC),
        ("fa", &PERSIAN),
        ("he", &HEBREW),
        ("tr", &TURKISH),
        ("zh", &UNSPACED),
        ("ko", &KOREAN),
    ];
    profiles.into_iter().flat_map(|(lang, p)| {
        p.inflections
            .iter()
            .chain(p.derivations)
            .map(move |s| (lang, *s))
    })
}

/// Guesses the language of a text from its script and, for Latin text, from frequent
/// function words. Returns `None` when the evidence is too thin to trust.
pub fn detect(text: &str) -> Option<LangTag> {
    let mut counts = [0usize; 8]; // latin, cyrillic, arabic, persian-only, hebrew, greek, han, kana/hangul
    let mut hangul = 0usize;
    for c in text.chars().take(20_000) {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' => counts[0] += 1,
            '\u{400}'..='\u{4FF}' => counts[1] += 1,
            'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => {
                counts[2] += 1;
                counts[3] += 1
            }
            '\u{600}'..='\u{6FF}' => counts[2] += 1,
            '\u{590}'..='\u{5FF}' => counts[4] += 1,
            '\u{370}'..='\u{3FF}' => counts[5] += 1,
            '\u{4E00}'..='\u{9FFF}' => counts[6] += 1,
            '\u{3040}'..='\u{30FF}' => counts[7] += 1,
            '\u{AC00}'..='\u{D7AF}' => hangul += 1,
            _ => {}
        }
    }
    let best = [
        counts[0], counts[1], counts[2], counts[4], counts[5], counts[6], counts[7], hangul,
    ];
    let (index, &count) = best.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if count < 20 {
        return None;
    }
    let tag = match index {
        0 => detect_latin(text)?,
        1 => "ru",
        2 if counts[3] * 50 > counts[2] => "fa",
        2 => "ar",
        3 => "he",
        4 => "el",
        5 if counts[7] > 0 => "ja",
        5 => "zh",
        6 => "ja",
        _ => "ko",
    };
    LangTag::parse(tag).ok()
}

fn detect_latin(text: &str) -> Option<&'static str> {
    const MARKERS: &[(&str, &[&str])] = &[
        (
            "en",
            &[
                "the", "and", "of", "to", "that", "with", "was", "is", "for", "said", "has", "have",
            ],
        ),
        (
            "fr",
            &[
                "le", "la", "les", "des", "et", "est", "une", "que", "du", "dans", "pour", "qui",
                "a",
            ],
        ),
        (
            "de",
            &[
                "der", "die", "und", "das", "nicht", "mit", "ist", "dass", "den", "dem", "sei",
                "sich", "traf",
            ],
        ),
        (
            "es",
            &[
                "el", "los", "las", "y", "que", "del", "una", "se", "con", "es", "dijo", "por",
            ],
        ),
        (
            "it",
            &[
                "il", "che", "della", "gli", "sono", "una", "e", "di", "per", "ha",
            ],
        ),
        (
            "pt",
            &["os", "que", "não", "uma", "do", "da", "com", "em", "disse"],
        ),
        (
            "tr",
            &[
                "ve", "bir", "bu", "için", "ile", "olarak", "da", "de", "dedi",
            ],
        ),
    ];
    let mut scores = [0usize; 7];
    for word in text.split(|c: char| !c.is_alphabetic()).take(5_000) {
        let lower = word.to_lowercase();
        for (i, (_, words)) in MARKERS.iter().enumerate() {
            if words.contains(&lower.as_str()) {
                scores[i] += 1;
            }
        }
    }
    let (i, &score) = scores.iter().enumerate().max_by_key(|(_, s)| **s)?;
    let second = scores
        .iter()
        .filter(|s| **s != score)
        .max()
        .copied()
        .unwrap_or(0);
    (score >= 3 && score >= second * 2).then_some(MARKERS[i].0)
}

/// Normalizes a suffix the way the text will be normalized (used to check the tables).
pub fn normalized_suffix(s: &str) -> String {
    normalize_str(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_validated_and_canonicalized() {
        assert_eq!(LangTag::parse("pt_br").unwrap().as_str(), "pt-BR");
        assert_eq!(LangTag::parse("sr-latn").unwrap().as_str(), "sr-Latn");
        assert_eq!(LangTag::parse("fa").unwrap().primary(), "fa");
        assert!(LangTag::parse("xx").is_err());
        assert!(LangTag::parse("english").is_err());
        assert!(LangTag::parse("en-toolongsubtag").is_err());
        assert!(LangTag::parse("").is_err());
    }

    #[test]
    fn suffix_tables_are_written_normalized() {
        for (lang, suffix) in suffix_tables() {
            assert_eq!(normalized_suffix(suffix), suffix, "{lang} suffix {suffix}");
        }
    }

    /// An affix reading of a run drops only affixes, and no affix holds a digit: a reading
    /// keeps every digit of its run (`Matcher::forms_have_digits` relies on it).
    #[test]
    fn affixes_hold_no_digits() {
        let affixes = suffix_tables()
            .map(|(_, suffix)| suffix)
            .chain(ARABIC_PREFIXES.iter().copied())
            .chain([HEBREW_PROCLITICS]);
        for affix in affixes {
            assert!(!crate::normalize::has_news_digit(affix), "{affix}");
        }
    }

    #[test]
    fn arabic_proclitics() {
        let ar = Profile::for_language("ar");
        for ok in ["و", "وال", "بال", "لل", "ولل", "فب"] {
            assert!(ar.allows_prefix(ok), "{ok}");
        }
        for bad in ["م", "ت", "والو", "سال"] {
            assert!(!ar.allows_prefix(bad), "{bad}");
        }
        assert!(!Profile::for_language("en").allows_prefix("x"));
    }

    #[test]
    fn hebrew_prefixes() {
        let he = Profile::for_language("he");
        assert!(he.allows_prefix("וה"));
        assert!(he.allows_prefix("ושב"));
        assert!(!he.allows_prefix("ושבלה"));
        assert!(!he.allows_prefix("א"));
    }

    #[test]
    fn detects_scripts_and_common_languages() {
        let fa = "این یک متن فارسی است که برای آزمایش نوشته شده و کلمات گوناگون دارد";
        assert_eq!(detect(fa).unwrap().as_str(), "fa");
        let ar = "هذا نص عربي مكتوب لاختبار الكشف عن اللغة وفيه كلمات كثيرة";
        assert_eq!(detect(ar).unwrap().as_str(), "ar");
        let ru = "Это русский текст, написанный для проверки определения языка";
        assert_eq!(detect(ru).unwrap().as_str(), "ru");
        let fr = "Le chat est sur la table et les enfants sont dans le jardin avec une balle que le chien veut";
        assert_eq!(detect(fr).unwrap().as_str(), "fr");
        assert!(detect("ok").is_none());
        let de = "Der Hamas-Chef Ismail Hanija traf die Hisbollah in Gaza und sagte, dass die Lage ernst sei.";
        assert_eq!(detect(de).unwrap().as_str(), "de");
        let es = "El líder de Hamás, Ismail Haniya, se reunió con Hezbolá en Gaza y dijo que la situación es grave.";
        assert_eq!(detect(es).unwrap().as_str(), "es");
    }
}
