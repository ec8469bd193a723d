//! `inexact-form`: a glossary form found with other accents, capitals or letter forms than
//! the house style. Matching folds these away on purpose (a reader sees "Hamas" and
//! "Hamás" as one name), so this check compares what was written with how the glossary
//! writes it: Spanish "Hamas" for "Hamás", French "Ismail" for "Ismaïl", Russian "Хамас"
//! for "ХАМАС", Persian text with Arabic ي, or حزب الله with a space where the house style
//! has a zero-width non-joiner.
//!
//! Not reported: optional Arabic and Hebrew vowel marks, tatweel, hamza on alef, ё for е,
//! typographic apostrophes and hyphens, a text in capitals (a headline), and a capital
//! forced by the start of a sentence.

use unicode_normalization::UnicodeNormalization;

use super::{entity_label, SetContext};
use crate::display::inline;
use crate::finding::{Finding, Rule};
use crate::glossary::Status;
use crate::normalize::normalize_str;
use crate::prefetch::prefetch;

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let glossary = ctx.glossary;
    // The forms' texts lie anywhere in a table far larger than the processor's caches:
    // asked for all at once, they come from memory together instead of one after another.
    for (_, _, form) in ctx.mentions() {
        prefetch(form.text.as_ptr());
    }
    for (doc, mention, form) in ctx.mentions() {
        if mention.via_source || form.status == Status::Deprecated {
            continue;
        }
        let written = mention.written_text(glossary);
        if written.is_empty() {
            continue;
        }
        let found = &*doc.slice(mention.span.clone());
        // Most mentions are written exactly as the house style: equal texts have equal
        // keys, without composing them.
        if found == &*written {
            continue;
        }
        let (have, want) = (spelling_key(found), spelling_key(&written));
        if have == want {
            continue;
        }
        let what = if have.to_lowercase() == want.to_lowercase() {
            let shouting = found.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !found.chars().any(char::is_lowercase);
            if shouting
                || (starts_sentence(&doc.text[..mention.span.start])
                    && differs_only_in_first_letter(&have, &want))
            {
                continue;
            }
            "capitalization"
        } else if normalize_str(found) == normalize_str(&written) {
            "accents or letter forms"
        } else {
            "spelling"
        };
        let label = entity_label(glossary, mention.entity, ctx.source_lang);
        out.push(
            Finding::at(
                Rule::InexactForm,
                doc,
                mention.span.clone(),
                format!(
                    "'{}' differs from the house style '{}' in {what} ({label})",
                    inline(found),
                    written
                ),
            )
            .expected(Some(written.to_string()))
            .entity(&glossary.entity(mention.entity).id),
        );
    }
}

/// The spelling as a house style sees it: NFC, without what is optional or typographic.
pub fn spelling_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{0640}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'..='\u{05C7}' => {}
            '\u{00AD}'
            | '\u{200B}'
            | '\u{200D}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' => {}
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => key.push('\''),
            '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{05BE}' => key.push('-'),
            'ё' => key.push('е'),
            'Ё' => key.push('Е'),
            'أ' | 'إ' | 'آ' | 'ٱ' => key.push('ا'),
            c if c.is_whitespace() => {
                if !key.ends_with(' ') {
                    key.push(' ')
                }
            }
            c => key.push(c),
        }
    }
    key
}

/// Whether the text before a position ends a sentence (or is empty).
fn starts_sentence(before: &str) -> bool {
    let trimmed =
        before.trim_end_matches(|c: char| c.is_whitespace() || "\"'“”«»„‘’([¿¡—–-".contains(c));
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', '؟', '。', ':', '…', '\n'])
}

fn differs_only_in_first_letter(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    match (x.next(), y.next()) {
        (Some(p), Some(q)) => p.to_lowercase().eq(q.to_lowercase()) && x.eq(y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_what_house_styles_do_not_care_about() {
        assert_eq!(
            spelling_key("إِسْمَاعِيل هنيـــة"),
            spelling_key("اسماعيل هنية")
        );
        assert_eq!(spelling_key("Объединённых"), spelling_key("Объединенных"));
        assert_eq!(spelling_key("al‑Aqsa"), spelling_key("al-Aqsa"));
        assert_ne!(spelling_key("Hamas"), spelling_key("Hamás"));
        assert_ne!(spelling_key("ایران"), spelling_key("ايران"));
        assert_ne!(spelling_key("حزب الله"), spelling_key("حزب\u{200C}الله"));
    }

    #[test]
    fn sentence_starts() {
        assert!(starts_sentence(""));
        assert!(starts_sentence("Il a dit. « "));
        assert!(!starts_sentence("dans la "));
    }
}
