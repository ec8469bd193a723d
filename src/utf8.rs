//! Reading UTF-8 in place, for the loops that visit every character of every version:
//! ASCII and two-byte characters (Latin with diacritics, Greek, Cyrillic, Hebrew, Arabic:
//! most characters of most news) are decoded from their bytes, the rest by the standard
//! decoder.

/// The code point of a two-byte character from its lead byte (0xC2–0xDF) and its
/// continuation byte.
#[inline]
pub(crate) fn two_byte_code(lead: u8, continuation: u8) -> u32 {
    (u32::from(lead & 0x1F) << 6) | u32::from(continuation & 0x3F)
}

/// The character starting at byte `at` of `text` (a char boundary), and its length.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    match bytes[at] {
        b if b < 0x80 => (char::from(b), 1),
        // Valid UTF-8: a continuation byte follows, and the code point is a char.
        b @ 0xC2..=0xDF => (
            char::from_u32(two_byte_code(b, bytes[at + 1])).unwrap_or(char::REPLACEMENT_CHARACTER),
            2,
        ),
        _ => {
            let c = text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, c.len_utf8())
        }
    }
}

/// The first byte of a character's UTF-8.
pub(crate) const fn first_byte(c: char) -> u8 {
    let code = c as u32;
    match code {
        0..=0x7F => code as u8,
        0x80..=0x7FF => (0xC0 | (code >> 6)) as u8,
        0x800..=0xFFFF => (0xE0 | (code >> 12)) as u8,
        _ => (0xF0 | (code >> 18)) as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character reads back as itself with its length, and its first byte is its
    /// encoding's, whatever comes after it.
    #[test]
    fn every_character_reads_back_in_place() {
        let mut buffer = [0u8; 8];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let len = c.encode_utf8(&mut buffer).len();
            buffer[len] = b'x';
            let text = std::str::from_utf8(&buffer[..=len]).unwrap();
            assert_eq!(char_at(text, 0), (c, len), "U+{:04X}", c as u32);
            assert_eq!(first_byte(c), buffer[0], "U+{:04X}", c as u32);
        }
    }
}
