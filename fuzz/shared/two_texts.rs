//! The input shape of the targets that take two texts: the first byte picks languages, the
//! rest is UTF-8 split at the first NUL.

/// (language byte, first text, second text); `None` for input that is not UTF-8.
pub fn two_texts(bytes: &[u8]) -> Option<(u8, &str, &str)> {
    let (&pick, rest) = bytes.split_first()?;
    let all = std::str::from_utf8(rest).ok()?;
    let (a, b) = all.split_once('\0').unwrap_or((all, ""));
    Some((pick, a, b))
}
