//! Inflected variants of multi-word names, for languages where a suffix list is not enough.
//!
//! Russian declines every word of "Саудовская Аравия" together (Саудовской Аравии), and
//! German inflects the adjective of "Vereinte Nationen" (den Vereinten Nationen). The
//! variants are generated once per glossary and found like forms (through their last word,
//! see `compile`), so matching stays one automaton scan per script.

use crate::lang::Declension;

/// Variants of `form` (as written in the glossary), not including `form` itself.
pub fn variants(form: &str, declension: Declension) -> Vec<String> {
    variants_of(form, declension, false)
}

/// Variants of a person's name: its words decline together ("Исмаила Хании"), never one
/// alone as in a phrase ("мечети Аль-Акса"). Fewer patterns for the largest part of a
/// newsroom glossary.
pub fn name_variants(form: &str, declension: Declension) -> Vec<String> {
    variants_of(form, declension, true)
}

fn variants_of(form: &str, declension: Declension, person: bool) -> Vec<String> {
    let mut out = match declension {
        Declension::None => Vec::new(),
        Declension::Russian => russian(form, person),
        Declension::German => german(form),
    };
    out.sort();
    out.dedup();
    out.retain(|v| v != form);
    out
}

/// Cases in a fixed order: nominative, genitive, dative, accusative (inanimate), accusative
/// (animate), instrumental, prepositional, locative. Each paradigm gives one ending per case.
const CASES: usize = 8;

/// How one word declines: its first `keep` bytes stay, then one ending per case.
#[derive(Clone, Copy, Debug)]
struct Paradigm {
    keep: usize,
    endings: [&'static str; CASES],
}

fn russian(form: &str, person: bool) -> Vec<String> {
    // Built straight into each variant's string: a glossary of 20,000 names has 300,000
    // Russian variants, generated at every start.
    let words: Vec<&str> = form.split(' ').collect();
    let paradigms: Vec<Vec<Paradigm>> = words.iter().map(|w| russian_word(w)).collect();
    let mut out = Vec::new();
    // All words declined together, then only the first word (мечети Аль-Акса, Организации
    // Объединённых Наций), then only the last one.
    let choices: [&dyn Fn(usize) -> bool; 3] = [&|_| true, &|i| i == 0, &|i| i + 1 == words.len()];
    let choices = if person { &choices[..1] } else { &choices[..] };
    for declined in choices {
        // Every combination of the declined words' paradigms (two only where a word's
        // gender is ambiguous).
        let counts: Vec<usize> = (0..words.len())
            .map(|i| if declined(i) { paradigms[i].len() } else { 1 })
            .collect();
        let combinations: usize = counts.iter().product();
        for case in 0..CASES {
            for combination in 0..combinations {
                let mut text = String::with_capacity(form.len() + 8);
                let mut rest = combination;
                for (i, word) in words.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    let pick = rest % counts[i];
                    rest /= counts[i];
                    if declined(i) {
                        let paradigm = paradigms[i][pick];
                        text.push_str(&word[..paradigm.keep]);
                        text.push_str(paradigm.endings[case]);
                    } else {
                        text.push_str(word);
                    }
                }
                out.push(text);
            }
        }
    }
    out
}

/// The paradigms a Russian word may follow (several when gender is ambiguous); a word that
/// does not decline (all capitals, not Cyrillic, ending in о/е/и/у/ю) keeps its one form.
fn russian_word(word: &str) -> Vec<Paradigm> {
    // In a hyphenated name only the last part declines (Аль-Акса → Аль-Аксы).
    if let Some((head, tail)) = word.rsplit_once('-') {
        return russian_word(tail)
            .into_iter()
            .map(|p| Paradigm {
                keep: head.len() + 1 + p.keep,
                ..p
            })
            .collect();
    }
    let unchanged = Paradigm {
        keep: word.len(),
        endings: [""; CASES],
    };
    let length = word.chars().count();
    let is_cyrillic = word.chars().all(|c| ('\u{400}'..='\u{4FF}').contains(&c));
    let all_caps = length > 1 && word.chars().all(char::is_uppercase);
    if !is_cyrillic || all_caps || length < 2 {
        return vec![unchanged];
    }
    // The last `cut` letters give way to the endings.
    let paradigm = |cut: usize, endings: [&'static str; CASES]| -> Paradigm {
        let keep = match cut {
            0 => word.len(),
            _ => word
                .char_indices()
                .rev()
                .nth(cut - 1)
                .map_or(0, |(at, _)| at),
        };
        Paradigm { keep, endings }
    };
    let ends = |suffix: &str| word.ends_with(suffix);
    let mut from_end = word.chars().rev();
    let last = from_end.next().unwrap_or(' ');
    let before_last = from_end.next().unwrap_or(' ');
    let hushing = |c: char| "гкхжшщчц".contains(c);
    if ends("ская") || ends("ая") {
        return vec![paradigm(
            2,
            ["ая", "ой", "ой", "ую", "ую", "ой", "ой", "ой"],
        )];
    }
    if ends("ый") {
        return vec![paradigm(
            2,
            ["ый", "ого", "ому", "ый", "ого", "ым", "ом", "ом"],
        )];
    }
    if ends("кий") || ends("гий") || ends("хий") {
        return vec![paradigm(
            2,
            ["ий", "ого", "ому", "ий", "ого", "им", "ом", "ом"],
        )];
    }
    if ends("ой") {
        return vec![paradigm(
            2,
            ["ой", "ого", "ому", "ой", "ого", "ым", "ом", "ом"],
        )];
    }
    if ends("ия") {
        return vec![paradigm(
            2,
            ["ия", "ии", "ии", "ию", "ию", "ией", "ии", "ии"],
        )];
    }
    if ends("ий") {
        return vec![paradigm(
            2,
            ["ий", "ия", "ию", "ий", "ия", "ием", "ии", "ии"],
        )];
    }
    match last {
        'а' => {
            let gen = if hushing(before_last) { "и" } else { "ы" };
            vec![paradigm(1, ["а", gen, "е", "у", "у", "ой", "е", "е"])]
        }
        'я' => vec![paradigm(1, ["я", "и", "е", "ю", "ю", "ей", "е", "е"])],
        'ь' => vec![
            paradigm(1, ["ь", "я", "ю", "ь", "я", "ем", "е", "е"]),
            paradigm(1, ["ь", "и", "и", "ь", "ь", "ью", "и", "и"]),
        ],
        'й' => vec![paradigm(1, ["й", "я", "ю", "й", "я", "ем", "е", "е"])],
        'о' | 'е' | 'ё' | 'и' | 'у' | 'ю' | 'э' | 'ы' => vec![unchanged],
        c if c.is_lowercase() || c.is_uppercase() => {
            let ins = if hushing(last) && last != 'г' && last != 'к' && last != 'х' {
                "ем"
            } else {
                "ом"
            };
            vec![paradigm(0, ["", "а", "у", "", "а", ins, "е", "у"])]
        }
        _ => vec![unchanged],
    }
}

fn german(form: &str) -> Vec<String> {
    let words: Vec<&str> = form.split(' ').collect();
    if words.len() < 2 {
        return Vec::new();
    }
    // Attributive adjectives before the last word: Vereinte → Vereinten, Vereinter.
    let mut out = Vec::new();
    for ending in ["n", "r", "s", "m"] {
        let inflected: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i + 1 < words.len() && w.ends_with('e') {
                    format!("{w}{ending}")
                } else {
                    w.to_string()
                }
            })
            .collect();
        out.push(inflected.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru(form: &str) -> Vec<String> {
        variants(form, Declension::Russian)
    }

    #[test]
    fn russian_nouns_decline() {
        let v = ru("Хезболла");
        for f in ["Хезболлы", "Хезболле", "Хезболлу", "Хезболлой"]
        {
            assert!(v.contains(&f.to_string()), "{f} in {v:?}");
        }
        assert!(!v.contains(&"Хезболлах".to_string()));
        let v = ru("Израиль");
        for f in ["Израиля", "Израилю", "Израилем", "Израиле"] {
            assert!(v.contains(&f.to_string()), "{f} in {v:?}");
        }
        let v = ru("Иран");
        for f in ["Ирана", "Ирану", "Ираном", "Иране"] {
            assert!(v.contains(&f.to_string()), "{f} in {v:?}");
        }
    }

    #[test]
    fn russian_multiword_names_decline_together() {
        let v = ru("Саудовская Аравия");
        assert!(v.contains(&"Саудовской Аравии".to_string()), "{v:?}");
        assert!(v.contains(&"Саудовскую Аравию".to_string()), "{v:?}");
        let v = ru("Исмаил Хания");
        assert!(v.contains(&"Исмаила Хании".to_string()), "{v:?}");
        assert!(v.contains(&"Исмаилом Ханией".to_string()), "{v:?}");
        let names = name_variants("Исмаил Хания", Declension::Russian);
        assert!(names.contains(&"Исмаила Хании".to_string()), "{names:?}");
        assert!(!names.contains(&"Исмаила Хания".to_string()), "{names:?}");
        let v = ru("Западный берег");
        assert!(v.contains(&"Западном берегу".to_string()), "{v:?}");
        assert!(v.contains(&"Западного берега".to_string()), "{v:?}");
        let v = ru("мечеть Аль-Акса");
        assert!(v.contains(&"мечети Аль-Акса".to_string()), "{v:?}");
        assert!(v.contains(&"мечетью Аль-Акса".to_string()), "{v:?}");
    }

    #[test]
    fn indeclinable_russian_words_stay() {
        assert!(ru("ХАМАС").is_empty());
        assert!(ru("Изади").is_empty());
        assert!(ru("CNN").is_empty());
        assert!(ru("The New York Times").is_empty());
    }

    #[test]
    fn german_adjectives_inflect() {
        let v = variants("Vereinte Nationen", Declension::German);
        assert!(v.contains(&"Vereinten Nationen".to_string()));
        assert!(variants("Hisbollah", Declension::German).is_empty());
    }
}
