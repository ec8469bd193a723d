//! A deterministic synthetic archive: a glossary of M entities in seven languages (Latin,
//! Cyrillic and Arabic scripts, with admitted short forms and deprecated variants) and N
//! article sets in the same seven languages built from news-like sentences carrying those
//! names, numbers and dates, with a few misspellings injected.

use std::fmt::Write as _;
use std::path::Path;

pub const LANGS: [&str; 7] = ["en", "fr", "de", "es", "ru", "ar", "fa"];

/// xorshift64*: small, fast, the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "sa", "di", "na", "le", "ha", "zu", "fe", "to", "bi", "ra", "ni", "el", "om",
    "ta", "lu", "me", "si", "ku", "da", "ro", "ne", "bu", "fa", "li", "mu", "so", "ze",
];

/// The Latin spelling of entity `i`: two words of two or three syllables (unique per i).
pub fn latin_name(i: usize) -> String {
    let mut words = Vec::new();
    let mut n = i + 1;
    for w in 0..2 {
        let syllables = 2 + (n % 2);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(SYLLABLES[n % SYLLABLES.len()]);
            n /= SYLLABLES.len();
            n += w * 7 + 3;
        }
        let mut chars = word.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
        words.push(format!("{first}{}", chars.as_str()));
    }
    // A last word encoding the entity number in consonants that every script spells
    // differently keeps names unique at any glossary size, in every language.
    format!("{} {} {}", words[0], words[1], code(i))
}

fn code(mut n: usize) -> String {
    const LETTERS: &[u8] = b"bdfhklmnrstz";
    let mut s = String::new();
    loop {
        s.insert(0, LETTERS[n % LETTERS.len()] as char);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
    }
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('B');
    format!("{first}{}a", chars.as_str())
}

fn transliterate(latin: &str, lang: &str) -> String {
    let map = |c: char| -> String {
        let lower = c.to_ascii_lowercase();
        let s = match lang {
            "ru" => match lower {
                'a' => "а",
                'b' => "б",
                'd' => "д",
                'e' => "е",
                'f' => "ф",
                'h' => "х",
                'i' => "и",
                'k' => "к",
                'l' => "л",
                'm' => "м",
                'n' => "н",
                'o' => "о",
                'r' => "р",
                's' => "с",
                't' => "т",
                'u' => "у",
                'z' => "з",
                'c' => "ц",
                'g' => "г",
                'j' => "ж",
                'p' => "п",
                'q' => "к",
                'v' => "в",
                'w' => "в",
                'x' => "кс",
                'y' => "й",
                ' ' => " ",
                _ => "",
            },
            _ => match lower {
                'a' => "ا",
                'b' => "ب",
                'd' => "د",
                'e' => "ي",
                'f' => "ف",
                'h' => "ه",
                'i' => "ي",
                'k' => {
                    if lang == "fa" {
                        "ک"
                    } else {
                        "ك"
                    }
                }
                'l' => "ل",
                'm' => "م",
                'n' => "ن",
                'o' => "و",
                'r' => "ر",
                's' => "س",
                't' => "ت",
                'u' => "و",
                'z' => "ز",
                'c' => "ش",
                'g' => "ج",
                'j' => "ج",
                'p' => "ب",
                'q' => "ق",
                'v' => "ف",
                'w' => "و",
                'x' => "كس",
                'y' => {
                    if lang == "fa" {
                        "ی"
                    } else {
                        "ي"
                    }
                }
                ' ' => " ",
                _ => "",
            },
        };
        let mut out = s.to_string();
        if lang == "ru" && c.is_ascii_uppercase() {
            out = out.to_uppercase();
        }
        out
    };
    latin.chars().map(map).collect()
}

/// The house-style spelling of entity `i` in a language.
pub fn form(i: usize, lang: &str) -> String {
    let latin = latin_name(i);
    match lang {
        "en" | "de" => latin,
        "fr" => latin.replace("u", "ou"),
        "es" => latin.replace("zu", "su"),
        other => transliterate(&latin, other),
    }
}

/// A known wrong spelling: a letter of the middle word doubled.
pub fn deprecated(i: usize, lang: &str) -> String {
    let f = form(i, lang);
    let words: Vec<&str> = f.split(' ').collect();
    let mut middle: Vec<char> = words[1].chars().collect();
    if middle.len() > 2 {
        let c = middle[1];
        middle.insert(1, c);
    }
    format!(
        "{} {} {}",
        words[0],
        middle.into_iter().collect::<String>(),
        words[2]
    )
}

/// The glossary as long-layout CSV.
pub fn glossary_csv(entities: usize) -> String {
    let mut csv = String::from("id,type,lang,form,status,note\n");
    for i in 0..entities {
        for lang in LANGS {
            let full = form(i, lang);
            let surname = full
                .split_once(' ')
                .map(|(_, s)| s.to_string())
                .unwrap_or_default();
            // (the last two words: "Sadi Bka")
            let _ = writeln!(csv, "e{i},person,{lang},{full},preferred,");
            let _ = writeln!(csv, "e{i},person,{lang},{surname},admitted,");
            let _ = writeln!(
                csv,
                "e{i},person,{lang},{},deprecated,",
                deprecated(i, lang)
            );
        }
    }
    csv
}

const MONTHS: [[&str; 7]; 3] = [
    ["July", "juillet", "Juli", "julio", "июле", "يوليو", "ژوئیه"],
    ["March", "mars", "März", "marzo", "марте", "مارس", "مارس"],
    [
        "October",
        "octobre",
        "Oktober",
        "octubre",
        "октябре",
        "أكتوبر",
        "اکتبر",
    ],
];

/// Sentence templates: {A}, {B} names, {N} a number, {M} a month, {Y} a year.
fn templates(lang: &str) -> [&'static str; 3] {
    match lang {
        "en" => [
            "{A} met {B} in {M} {Y}, officials said.",
            "According to {A}, {N} people attended the talks with {B}.",
            "The report cited by {B} was denied by the ministry.",
        ],
        "fr" => [
            "{A} a rencontré {B} en {M} {Y}, selon des responsables.",
            "Selon {A}, {N} personnes ont assisté aux discussions avec {B}.",
            "Le rapport cité par {B} a été démenti par le ministère.",
        ],
        "de" => [
            "{A} traf {B} im {M} {Y}, sagten Beamte.",
            "Laut {A} nahmen {N} Personen an den Gesprächen mit {B} teil.",
            "Der von {B} zitierte Bericht wurde vom Ministerium dementiert.",
        ],
        "es" => [
            "{A} se reunió con {B} en {M} de {Y}, dijeron funcionarios.",
            "Según {A}, {N} personas asistieron a las conversaciones con {B}.",
            "El informe citado por {B} fue desmentido por el ministerio.",
        ],
        "ru" => [
            "{A} встретился с {B} в {M} {Y} года, сообщили чиновники.",
            "По словам {A}, в переговорах с {B} участвовали {N} человек.",
            "Доклад, на который ссылался {B}, был опровергнут министерством.",
        ],
        "ar" => [
            "التقى {A} مع {B} في {M} {Y}، بحسب مسؤولين.",
            "وبحسب {A}، حضر {N} شخصا المحادثات مع {B}.",
            "ونفت الوزارة التقرير الذي استشهد به {B}.",
        ],
        _ => [
            "{A} در {M} {Y} با {B} دیدار کرد، به گفته مقام‌ها.",
            "به گفته {A}، {N} نفر در گفتگو با {B} حضور داشتند.",
            "وزارت گزارشی را که {B} به آن استناد کرده بود رد کرد.",
        ],
    }
}

/// Writes `sets` article sets (12 paragraphs of 3 sentences per version) under `dir`;
/// returns the bytes written. About 1 in 40 names is misspelled.
pub fn write_articles(dir: &Path, sets: usize, entities: usize, seed: u64) -> std::io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0;
    for s in 0..sets {
        let set_dir = dir.join(format!("set{s:06}"));
        std::fs::create_dir_all(&set_dir)?;
        // The same facts for every language of the set.
        let mut facts = Vec::new();
        for _ in 0..36 {
            facts.push((
                rng.below(entities),
                rng.below(entities),
                rng.below(MONTHS.len()),
                2000 + rng.below(25),
                2 + rng.below(500),
                rng.below(3),
            ));
        }
        for (l, lang) in LANGS.iter().enumerate() {
            let mut text = String::with_capacity(32 * 1024);
            for (k, &(a, b, m, y, n, t)) in facts.iter().enumerate() {
                let name = |e: usize, rng: &mut Rng| {
                    if rng.below(40) == 0 {
                        deprecated(e, lang)
                    } else {
                        form(e, lang)
                    }
                };
                let sentence = templates(lang)[t]
                    .replace("{A}", &name(a, &mut rng))
                    .replace("{B}", &name(b, &mut rng))
                    .replace("{M}", MONTHS[m][l])
                    .replace("{Y}", &y.to_string())
                    .replace("{N}", &n.to_string());
                text.push_str(&sentence);
                text.push(if k % 3 == 2 { '\n' } else { ' ' });
            }
            bytes += text.len() as u64;
            std::fs::write(set_dir.join(format!("article.{lang}.txt")), text)?;
        }
    }
    Ok(bytes)
}
