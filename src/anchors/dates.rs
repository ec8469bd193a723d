//! Month and season names per language, for dates written in words ("July 2023",
//! "7 октября", "juin 2023", "يوليو 2023", "ژوئیه ۲۰۲۳").

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::lexicon::Lexicon;
use crate::fasthash::Fnv;
use crate::normalize::normalize_str;

/// A calendar reference as precise as the text makes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateValue {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// 1 spring, 2 summer, 3 autumn, 4 winter.
    pub season: Option<u8>,
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SEASONS: [&str; 4] = ["spring", "summer", "autumn", "winter"];
        let mut parts = Vec::new();
        if let Some(season) = self.season {
            parts.push(SEASONS[(season as usize).saturating_sub(1).min(3)].to_string());
        }
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => parts.push(format!("{y:04}-{m:02}-{d:02}")),
            (Some(y), Some(m), None) => parts.push(format!("{y:04}-{m:02}")),
            (None, Some(m), Some(d)) => parts.push(format!("--{m:02}-{d:02}")),
            (None, Some(m), None) => parts.push(format!("month {m}")),
            (Some(y), None, _) => parts.push(format!("{y}")),
            _ => {}
        }
        f.write_str(&parts.join(" "))
    }
}

/// What a calendar word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarWord {
    Month(u8),
    Season(u8),
}

/// Month and season words of a language.
pub type CalendarTable = Lexicon<CalendarWord>;

pub fn calendar_words(lang: &str) -> Option<&'static CalendarTable> {
    static TABLES: OnceLock<HashMap<&'static str, CalendarTable, BuildHasherDefault<Fnv>>> =
        OnceLock::new();
    TABLES
        .get_or_init(|| {
            let mut tables = HashMap::default();
            for (lang, months, seasons) in RAW {
                let mut table = CalendarTable::default();
                for (i, names) in months.iter().enumerate() {
                    for name in names.split(' ') {
                        table.insert(normalize_str(name), CalendarWord::Month(i as u8 + 1));
                    }
                }
                for (i, names) in seasons.iter().enumerate() {
                    for name in names.split(' ').filter(|n| !n.is_empty()) {
                        table.insert(normalize_str(name), CalendarWord::Season(i as u8 + 1));
                    }
                }
                tables.insert(*lang, table);
            }
            tables
        })
        .get(lang)
}

/// The languages with month and season words.
pub fn calendar_languages() -> impl Iterator<Item = &'static str> {
    RAW.iter().map(|calendar| calendar.0)
}

/// Words that may stand between the parts of a date: "7 de octubre de 2023".
pub fn date_fillers(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &["of", "the"],
        "es" | "pt" => &["de", "del"],
        "fr" => &["de"],
        "ar" => &["من", "عام"],
        "fa" => &["ماه", "سال"],
        _ => &[],
    }
}

type RawCalendar = (&'static str, [&'static str; 12], [&'static str; 4]);

const RAW: &[RawCalendar] = &[
    (
        "en",
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ],
        ["spring", "summer", "autumn fall", "winter"],
    ),
    (
        "fr",
        [
            "janvier janv",
            "février févr",
            "mars",
            "avril avr",
            "mai",
            "juin",
            "juillet juil",
            "août",
            "septembre sept",
            "octobre oct",
            "novembre nov",
            "décembre déc",
        ],
        ["printemps", "été", "automne", "hiver"],
    ),
    (
        "de",
        [
            "januar jänner jan",
            "februar feb",
            "märz mär",
            "april apr",
            "mai",
            "juni jun",
            "juli jul",
            "august aug",
            "september sep sept",
            "oktober okt",
            "november nov",
            "dezember dez",
        ],
        ["frühling frühjahr", "sommer", "herbst", "winter"],
    ),
    (
        "es",
        [
            "enero ene",
            "febrero feb",
            "marzo mar",
            "abril abr",
            "mayo",
            "junio jun",
            "julio jul",
            "agosto ago",
            "septiembre setiembre sept sep",
            "octubre oct",
            "noviembre nov",
            "diciembre dic",
        ],
        ["primavera", "verano", "otoño", "invierno"],
    ),
    (
        "it",
        [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        ["primavera", "estate", "autunno", "inverno"],
    ),
    (
        "pt",
        [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        ["primavera", "verão", "outono", "inverno"],
    ),
    (
        "ru",
        [
            "январь января январе янв",
            "февраль февраля феврале фев",
            "март марта марте",
            "апрель апреля апреле апр",
            "май мая мае",
            "июнь июня июне",
            "июль июля июле",
            "август августа августе авг",
            "сентябрь сентября сентябре сент",
            "октябрь октября октябре окт",
            "ноябрь ноября ноябре нояб",
            "декабрь декабря декабре дек",
        ],
        [
            "весна весной весны весне",
            "лето летом лета лете",
            "осень осенью осени",
            "зима зимой зимы зиме",
        ],
    ),
    (
        "ar",
        [
            "يناير كانون_الثاني",
            "فبراير شباط",
            "مارس آذار",
            "أبريل إبريل نيسان",
            "مايو أيار",
            "يونيو يونيه حزيران",
            "يوليو يوليه تموز",
            "أغسطس آب",
            "سبتمبر أيلول",
            "أكتوبر تشرين_الأول",
            "نوفمبر تشرين_الثاني",
            "ديسمبر كانون_الأول",
        ],
        ["ربيع الربيع", "صيف الصيف", "خريف الخريف", "شتاء الشتاء"],
    ),
    (
        "fa",
        [
            "ژانویه",
            "فوریه",
            "مارس",
            "آوریل",
            "مه مه‌",
            "ژوئن",
            "ژوئیه ژوییه جولای",
            "اوت آگوست",
            "سپتامبر",
            "اکتبر",
            "نوامبر",
            "دسامبر",
        ],
        ["بهار", "تابستان", "پاییز", "زمستان"],
    ),
    (
        "tr",
        [
            "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
            "ekim", "kasım", "aralık",
        ],
        ["ilkbahar", "yaz", "sonbahar", "kış"],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_are_normalized() {
        let fr = calendar_words("fr").unwrap();
        assert_eq!(fr.get("fevrier"), Some(&CalendarWord::Month(2)));
        assert_eq!(fr.get("juin"), Some(&CalendarWord::Month(6)));
        let ru = calendar_words("ru").unwrap();
        assert_eq!(ru.get("июле"), Some(&CalendarWord::Month(7)));
        let fa = calendar_words("fa").unwrap();
        assert_eq!(
            fa.get(&normalize_str("ژوئیه")),
            Some(&CalendarWord::Month(7))
        );
        let ar = calendar_words("ar").unwrap();
        assert_eq!(
            ar.get(&normalize_str("أكتوبر")),
            Some(&CalendarWord::Month(10))
        );
        assert_eq!(
            calendar_words("en").unwrap().get("fall"),
            Some(&CalendarWord::Season(3))
        );
    }

    #[test]
    fn dates_display_as_iso_parts() {
        let d = DateValue {
            year: Some(2023),
            month: Some(7),
            day: None,
            season: None,
        };
        assert_eq!(d.to_string(), "2023-07");
        let d = DateValue {
            year: None,
            month: Some(10),
            day: Some(7),
            season: None,
        };
        assert_eq!(d.to_string(), "--10-07");
    }
}
