//! Anchors: the facts a translation must carry over unchanged — numbers, dates, named
//! entities, quoted statements — normalized so that equal meanings compare equal across
//! languages and scripts.

pub mod dates;
mod lexical;
pub mod lexicon;
pub mod numbers;
pub mod quotes;

use std::ops::Range;

use dates::{calendar_words, date_fillers, CalendarWord, DateValue};
use lexical::{lexical_words, ARABIC_NUMBER_PREFIXES};
use numbers::{
    combine, digit_value, german_compound, is_number_joiner, number_words, ordinal_suffixes,
    percent_words, read_digits, WordTable, WordValue,
};

use crate::document::Document;
use crate::normalize::{digit_starts, is_word_char, word_spans};
use crate::utf8::char_at;

#[derive(Clone, Debug, PartialEq)]
pub struct NumberAnchor {
    pub value: f64,
    pub percent: bool,
    /// Hyphenated to a word, as an adjective ("a two-day visit", "a 3-year term"), which
    /// translations often fuse into one word (zweitägig, двухдневный) or a dual (يومين):
    /// compared where the other side has it, never reported missing or added.
    pub fused: bool,
    /// Span in the original text.
    pub span: Range<usize>,
}

impl NumberAnchor {
    /// Same value (and both or neither a percentage).
    pub fn same_as(&self, other: &NumberAnchor) -> bool {
        self.percent == other.percent
            && (self.value - other.value).abs() <= 1e-9 * self.value.abs().max(1.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateAnchor {
    pub value: DateValue,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteAnchor {
    pub span: Range<usize>,
    pub negated: bool,
}

/// Every anchor of a version except entities (which come from the glossary matcher).
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    pub numbers: Vec<NumberAnchor>,
    pub dates: Vec<DateAnchor>,
    pub quotes: Vec<QuoteAnchor>,
}

#[derive(Clone, Debug, PartialEq)]
enum TokenKind {
    Word,
    Number {
        value: f64,
        plain: bool,
        percent: bool,
    },
}

#[derive(Clone, Debug)]
struct Token {
    kind: TokenKind,
    /// Span in the normalized text.
    range: Range<usize>,
    /// Taken by a date.
    consumed: bool,
    /// A word that may be a number, month or season word (`lexical_words`): only these
    /// are looked up in the tables. Never set on a number.
    lexical: bool,
}

impl Token {
    fn word(range: Range<usize>, lexical: bool) -> Token {
        Token {
            kind: TokenKind::Word,
            range,
            consumed: false,
            lexical,
        }
    }
}

/// Extracts anchors, ignoring what lies inside `masked` (normalized spans of entity names:
/// the "سی" of سی‌ان‌ان is not thirty).
pub fn extract(doc: &Document, masked: &[Range<usize>]) -> Anchors {
    let text = &doc.normalized.text;
    extract_among(doc, masked, &word_spans(text), &digit_starts(text))
}

/// `extract`, given the version's words and digits (`normalize::word_spans` and
/// `normalize::digit_starts` of its normalized text).
pub fn extract_among(
    doc: &Document,
    masked: &[Range<usize>],
    words: &[Range<usize>],
    digits: &[usize],
) -> Anchors {
    let lang = doc.lang.primary();
    let text = doc.normalized.text.as_str();
    let mut tokens = tokenize(text, lang, words, digits);
    // `masked` is sorted by start: walk it alongside the tokens.
    let mut cursor = 0;
    tokens.retain(|t| {
        while cursor < masked.len() && masked[cursor].end <= t.range.start {
            cursor += 1;
        }
        !masked[cursor..]
            .iter()
            .take_while(|m| m.start < t.range.end)
            .any(|m| t.range.start < m.end)
    });
    read_number_words(text, lang, &mut tokens);
    let capitalized = |r: &Range<usize>| {
        let span = doc.normalized.original_range(&doc.text, r.clone());
        doc.text[span]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let dates = read_dates(text, lang, &mut tokens, &capitalized);
    let original = |r: Range<usize>| doc.normalized.original_range(&doc.text, r);
    let numbers = tokens
        .iter()
        .filter(|t| !t.consumed)
        .filter_map(|t| match t.kind {
            TokenKind::Number { value, percent, .. } => Some(NumberAnchor {
                value,
                percent,
                fused: hyphenated_to_word(text, t.range.end),
                span: original(t.range.clone()),
            }),
            TokenKind::Word => None,
        })
        .collect();
    let dates = dates
        .into_iter()
        .map(|(value, range)| DateAnchor {
            value,
            span: original(range),
        })
        .collect();
    let quotes = quotes::quote_spans(&doc.text)
        .into_iter()
        .map(|span| QuoteAnchor {
            negated: quotes::is_negated(&doc.text[span.clone()], lang),
            span,
        })
        .collect();
    Anchors {
        numbers,
        dates,
        quotes,
    }
}

/// The words and numbers of a normalized text, in order, from its words (`word_spans`) and
/// digits (`digit_starts`): the characters between words are never read (no digit is among
/// them: every digit is a word character), nor are the words without a digit, most of
/// them. A number starts where a token would and may run on past its word ("1,000", "3
/// million"); the token after it starts where it ends, inside a word or at the next one.
fn tokenize(text: &str, lang: &str, words: &[Range<usize>], digits: &[usize]) -> Vec<Token> {
    let lexical = lexical_words(lang);
    let word_token = |range: Range<usize>| {
        let lexical = lexical.is_some_and(|filter| filter.may_hold(&text[range.clone()]));
        Token::word(range, lexical)
    };
    let mut tokens = Vec::with_capacity(words.len());
    // Where the last token ended.
    let mut taken = 0;
    // The first digit not before the current token.
    let mut next_digit = 0;
    for word in words {
        let mut at = taken.max(word.start);
        while next_digit < digits.len() && digits[next_digit] < at {
            next_digit += 1;
        }
        if at < word.end && digits.get(next_digit).is_none_or(|&d| d >= word.end) {
            tokens.push(word_token(at..word.end));
            taken = taken.max(word.end);
            continue;
        }
        while at < word.end {
            let (c, _) = char_at(text, at);
            if digit_value(c).is_some() {
                if let Some(number) = read_digits(&text[at..], lang) {
                    let (end, percent, value) =
                        number_tail(text, at + number.len, lang, number.value);
                    tokens.push(Token {
                        kind: TokenKind::Number {
                            value,
                            plain: number.plain_integer,
                            percent,
                        },
                        range: at..end,
                        consumed: false,
                        lexical: false,
                    });
                    at = end;
                    continue;
                }
            }
            let end = word_token_end(text, at, word.end);
            tokens.push(word_token(at..end));
            at = end;
        }
        taken = taken.max(at);
    }
    tokens
}

/// Where the word token from `start` ends, its word ending at `word_end`: there, unless
/// the word is a proclitic glued to a number (Arabic script glues و, ف, ب, ل, ك to a
/// number as to a word: و1 is "and 1"), which ends before the number.
fn word_token_end(text: &str, start: usize, word_end: usize) -> usize {
    if let Some(digit_at) = first_digit(&text[start..word_end]) {
        let head = &text[start..start + digit_at];
        if digit_at > 0 && head.chars().count() <= 2 && head.chars().all(|h| "وفبلك".contains(h))
        {
            return start + digit_at;
        }
    }
    word_end
}

/// Where the first digit of a word is: most words have none, and most of their bytes are
/// ASCII letters, passed over without decoding.
fn first_digit(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if b.is_ascii_digit() {
                return Some(at);
            }
            at += 1;
            continue;
        }
        let (c, len) = char_at(word, at);
        if digit_value(c).is_some() {
            return Some(at);
        }
        at += len;
    }
    None
}

/// What follows the digits of a number: an ordinal ending, a percent sign or word, a scale
/// word ("3 million"). Returns the end of the number and its final value.
fn number_tail(text: &str, mut end: usize, lang: &str, mut value: f64) -> (usize, bool, f64) {
    let rest = &text[end..];
    let word_end = rest
        .find(|c: char| !(is_word_char(c) || c == '-'))
        .unwrap_or(rest.len());
    if word_end > 0 && ordinal_suffixes(lang).contains(&&rest[..word_end]) {
        end += word_end;
    }
    let rest = &text[end..];
    let spaced = rest.strip_prefix(' ').unwrap_or(rest);
    let skipped = rest.len() - spaced.len();
    if spaced.starts_with('%') || spaced.starts_with('٪') {
        let sign = spaced.chars().next().map_or(1, char::len_utf8);
        return (end + skipped + sign, true, value);
    }
    for word in percent_words(lang) {
        if starts_with_word(spaced, word) {
            let len = spaced[word.len()..]
                .find(|c: char| !is_word_char(c))
                .unwrap_or(spaced.len() - word.len());
            return (end + skipped + word.len() + len, true, value);
        }
    }
    if let Some(table) = number_words(lang) {
        let word_len = spaced
            .find(|c: char| !is_word_char(c))
            .unwrap_or(spaced.len());
        if skipped > 0 && word_len > 0 {
            if let Some(WordValue::Scale(scale)) = table.get(&spaced[..word_len]) {
                value *= scale;
                end += skipped + word_len;
            }
        }
    }
    (end, false, value)
}

/// Whether a hyphen and a letter follow `at` ("-day" in "two-day", not "-2022").
fn hyphenated_to_word(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    rest.next() == Some('-') && rest.next().is_some_and(|c| c.is_alphabetic())
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word_char(c))
}

/// What a word means as a number word of `lang` (`table` is the language's), if anything.
fn number_word(table: &WordTable, lang: &str, word: &str) -> Option<WordValue> {
    if let Some(v) = table.get(word) {
        return Some(*v);
    }
    if lang == "de" {
        return german_compound(word).map(WordValue::Unit);
    }
    if lang == "ar" {
        // و and ال attach to number words: وعشرين, العشرة.
        for prefix in ARABIC_NUMBER_PREFIXES {
            let Some(rest) = word.strip_prefix(prefix) else {
                continue;
            };
            // With the article, "the two" and "the one" are the weekdays: الاثنين is
            // Monday, الأحد Sunday.
            if prefix.ends_with("ال") && matches!(rest, "اثنين" | "احد") {
                return None;
            }
            if let Some(v) = table.get(rest) {
                return Some(*v);
            }
        }
    }
    None
}

/// Whether token `j` is a Persian weekday's number: سه‌شنبه (Tuesday), پنج‌شنبه
/// (Thursday) are a number and شنبه.
fn weekday_follows(text: &str, lang: &str, tokens: &[Token], j: usize) -> bool {
    lang == "fa"
        && tokens.get(j + 1).is_some_and(|next| {
            next.kind == TokenKind::Word
                && &text[next.range.clone()] == "شنبه"
                && &text[tokens[j].range.end..next.range.start] == " "
        })
}

/// Whether a run of number words starts with an article before a number word ("a two" is
/// two): the article is no part of the number.
fn article_first(values: &[WordValue]) -> bool {
    matches!(values.first(), Some(WordValue::Ambiguous(_)))
        && matches!(
            values.get(1),
            Some(WordValue::Unit(_) | WordValue::Ambiguous(_))
        )
}

/// The number token of a run of number words.
fn number_words_token(value: f64, range: Range<usize>) -> Token {
    Token {
        kind: TokenKind::Number {
            value,
            plain: false,
            percent: false,
        },
        range,
        consumed: false,
        lexical: false,
    }
}

/// Turns runs of number words ("twenty-five", "ten", "اثنا عشر") into number tokens.
fn read_number_words(text: &str, lang: &str, tokens: &mut Vec<Token>) {
    let Some(table) = number_words(lang) else {
        return;
    };
    let lookup = |word: &str| number_word(table, lang, word);
    let weekday_follows = |tokens: &[Token], j: usize| weekday_follows(text, lang, tokens, j);
    // The tokens are rewritten in place: a run of number words becomes one token, written
    // at `w`, never past the tokens still to read (`w <= k`).
    let mut w = 0;
    let mut values = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let token = &tokens[k];
        let value = token
            .lexical
            .then(|| lookup(&text[token.range.clone()]))
            .flatten();
        let Some(first) = value.filter(|_| !weekday_follows(tokens, k)) else {
            keep(tokens, w, k);
            w += 1;
            k += 1;
            continue;
        };
        values.clear();
        values.push(first);
        let mut last = k;
        let mut j = k + 1;
        while j < tokens.len() && tokens[j].kind == TokenKind::Word {
            let gap = &text[tokens[j - 1].range.end..tokens[j].range.start];
            if !matches!(gap, " " | "-") {
                break;
            }
            let word = &text[tokens[j].range.clone()];
            if is_number_joiner(word, lang) {
                j += 1;
                continue;
            }
            match tokens[j].lexical.then(|| lookup(word)).flatten() {
                Some(v) => {
                    values.push(v);
                    last = j;
                    j += 1;
                }
                None => break,
            }
        }
        if article_first(&values) || weekday_follows(tokens, last) {
            keep(tokens, w, k);
            w += 1;
            k += 1;
            continue;
        }
        match combine(&values) {
            Some(value) => {
                tokens[w] =
                    number_words_token(value, tokens[k].range.start..tokens[last].range.end);
                w += 1;
            }
            None => {
                for i in k..=last {
                    keep(tokens, w, i);
                    w += 1;
                }
            }
        }
        k = last + 1;
    }
    tokens.truncate(w);
}

/// Moves token `k` to `w` (`w <= k`), where the tokens kept so far end: what is left at
/// `k` is never read again. Most tokens stay where they are (`w == k` until the first run
/// of number words), and swapping a token with itself copied it three times, a sixth of
/// reading number words.
fn keep(tokens: &mut [Token], w: usize, k: usize) {
    debug_assert!(w <= k);
    if w != k {
        tokens[w] = tokens[k].clone();
    }
}

/// Finds month and season words and the day and year numbers around them.
/// Month names that are also common words or names: abbreviations ("Jan" is a first name),
/// مارس is also an Arabic verb, مه Persian for fog. Such a word is a date only with a day or
/// a year beside it. (English and German months must also be capitalized: "may", "march".)
fn ambiguous_month(word: &str, lang: &str) -> bool {
    match lang {
        "en" | "de" => {
            word.len() <= 4 && word != "june" && word != "july" && word != "juni" && word != "juli"
        }
        "ar" => word == "مارس",
        "fa" => matches!(word, "مه" | "مارس"),
        "fr" => word == "mars",
        _ => false,
    }
}

fn read_dates(
    text: &str,
    lang: &str,
    tokens: &mut [Token],
    capitalized: &dyn Fn(&Range<usize>) -> bool,
) -> Vec<(DateValue, Range<usize>)> {
    let Some(calendar) = calendar_words(lang) else {
        return Vec::new();
    };
    let fillers = date_fillers(lang);
    let word = |t: &Token| &text[t.range.clone()];
    // Tokens close enough to belong to one date: only spaces, commas, dots, slashes or
    // hyphens between them.
    let close = |a: &Token, b: &Token| {
        let gap = &text[a.range.end..b.range.start];
        gap.len() <= 3
            && gap
                .chars()
                .all(|c| matches!(c, ' ' | ',' | '.' | '-' | '/'))
    };
    let mut dates = Vec::new();
    // Two-word month names ("كانون الثاني") are keyed with an underscore; the key is built
    // here for every word, so in one buffer.
    let mut pair = String::new();
    let mut k = 0;
    while k < tokens.len() {
        if !tokens[k].lexical || tokens[k].consumed {
            k += 1;
            continue;
        }
        let next = tokens
            .get(k + 1)
            .filter(|_| calendar.may_start_two_word_key(word(&tokens[k])));
        let (entry, mut last) = match next.and_then(|next| {
            pair.clear();
            pair.push_str(word(&tokens[k]));
            pair.push('_');
            pair.push_str(word(next));
            calendar.get(pair.as_str()).map(|e| (*e, k + 1))
        }) {
            Some(found) => found,
            None => match calendar.get(word(&tokens[k])) {
                Some(e) => (*e, k),
                None => {
                    k += 1;
                    continue;
                }
            },
        };
        let mut first = k;
        let mut value = DateValue::default();
        match entry {
            CalendarWord::Month(m) => value.month = Some(m),
            CalendarWord::Season(s) => value.season = Some(s),
        }
        let number = |t: &Token| match t.kind {
            TokenKind::Number {
                value,
                plain,
                percent: false,
            } if value.fract() == 0.0 => Some((value as i64, plain)),
            _ => None,
        };
        // A day before the month: "7 октября", "7. Oktober", "7 de octubre".
        if value.month.is_some() {
            let mut p = first;
            if p >= 2
                && fillers.contains(&word(&tokens[p - 1]))
                && close(&tokens[p - 1], &tokens[p])
            {
                p -= 1;
            }
            if p >= 1 && close(&tokens[p - 1], &tokens[p]) {
                if let Some((day, _)) = number(&tokens[p - 1]) {
                    if (1..=31).contains(&day) && !tokens[p - 1].consumed {
                        value.day = Some(day as u8);
                        first = p - 1;
                    }
                }
            }
        }
        // A day after the month ("October 7"), then a year ("July 2023", "July 7, 2023").
        let mut n = last + 1;
        let skip_filler = |n: usize| {
            if n < tokens.len()
                && tokens[n].kind == TokenKind::Word
                && fillers.contains(&word(&tokens[n]))
            {
                n + 1
            } else {
                n
            }
        };
        for _ in 0..2 {
            let m = skip_filler(n);
            if m >= tokens.len()
                || !close(&tokens[m - 1], &tokens[m])
                || (m > n && !close(&tokens[n - 1], &tokens[n]))
            {
                break;
            }
            let Some((number, plain)) = number(&tokens[m]) else {
                break;
            };
            if value.year.is_none() && plain && (1000..=2100).contains(&number) {
                value.year = Some(number as i32);
            } else if value.day.is_none()
                && value.month.is_some()
                && value.year.is_none()
                && (1..=31).contains(&number)
            {
                value.day = Some(number as u8);
            } else {
                break;
            }
            last = m;
            n = m + 1;
        }
        let bare = value.day.is_none() && value.year.is_none();
        let month_word = word(&tokens[k]);
        let case_says_month =
            !matches!(lang, "en" | "de") || value.season.is_some() || capitalized(&tokens[k].range);
        let accepted = case_says_month
            && !(bare && value.season.is_some())
            && !(bare && ambiguous_month(month_word, lang));
        if !accepted {
            k += 1;
            continue;
        }
        for t in &mut tokens[first..=last] {
            t.consumed = true;
        }
        dates.push((value, tokens[first].range.start..tokens[last].range.end));
        k = last + 1;
    }
    dates
}

#[cfg(test)]
mod tests;
