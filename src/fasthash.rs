//! Hashers for the hot path's small keys (words, pattern texts), where SipHash's defence
//! against chosen keys buys nothing: the keys come from the glossary and the articles.

use std::hash::Hasher;

/// FNV-1a.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The FNV-1a hash of a text.
pub fn fnv(text: &str) -> u64 {
    let mut hasher = Fnv::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// A hash of `bytes` read eight at a time, for the hot path's lookups (a pattern text, a
/// cached run), where FNV's multiply per byte was a long dependent chain. Every step is a
/// bijection of the state, so for equal bytes, equal hashes mean equal seeds (the run cache
/// relies on this to tell matchers apart). Finished with MurmurHash3's mixer, so that every
/// bit of the result depends on every input bit.
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h ^ tail_word(rest)).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The last one to seven bytes of a key as a little-endian word padded with zeros, read
/// in at most two overlapping loads: copying them into a padded buffer took a call to
/// `memcpy` (of a length unknown until run time) per key.
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        let low = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let high = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        // Where the loads overlap they hold the same bytes.
        u64::from(low) | (u64::from(high) << (8 * (n - 4)))
    } else {
        u64::from(rest[0])
            | (u64::from(rest[n / 2]) << (8 * (n / 2)))
            | (u64::from(rest[n - 1]) << (8 * (n - 1)))
    }
}

/// The identity, for keys that are hashes already.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_key_tail_reads_as_its_padded_word() {
        let bytes: Vec<u8> = (1..=7).map(|i| 0x10 * i + i).collect();
        for len in 1..8 {
            for start in 0..=(7 - len) {
                let rest = &bytes[start..start + len];
                let mut padded = [0u8; 8];
                padded[..len].copy_from_slice(rest);
                assert_eq!(tail_word(rest), u64::from_le_bytes(padded), "{rest:x?}");
            }
        }
    }

    #[test]
    fn byte_hash_tells_lengths_seeds_and_bytes_apart() {
        let h = |seed, text: &str| hash_bytes(seed, text.as_bytes());
        assert_ne!(h(0, "ab"), h(0, "ab\0"));
        assert_ne!(h(0, "abcdefgh"), h(0, "abcdefghi"));
        assert_ne!(h(1, "haniyeh"), h(2, "haniyeh"));
        assert_ne!(h(0, "haniyeh"), h(0, "haniyah"));
        assert_eq!(h(7, "haniyeh"), h(7, "haniyeh"));
        // The top bits (a direct-mapped table's slot) differ for neighbouring texts.
        let slots: std::collections::HashSet<u64> =
            (0..1000).map(|i| h(0, &format!("word{i}")) >> 48).collect();
        assert!(slots.len() > 990, "{} distinct slots", slots.len());
    }
}
