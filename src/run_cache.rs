//! Near-miss lookups of word runs, remembered per thread across versions.
//!
//! News repeats its vocabulary from one article to the next, so most runs of an archive
//! have been looked up before. The table is direct-mapped (a new run takes its slot from
//! whatever was there) and keyed by the matcher (glossary, language, source), the run and
//! its capitalization. A slot keeps the run's bytes and compares them on a hit, so no hash
//! collision is ever trusted.

use std::cell::RefCell;

use crate::analysis::JOINERS;
use crate::fasthash::hash_bytes;
use crate::fuzzy::NearMiss;
use crate::prefetch::prefetch;
use crate::utf8::two_byte_code;

/// What looking a run of words up found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Lookup {
    /// A form (or inflected variant) of the glossary.
    Known,
    /// The closest form, if close enough: (start, end) of the reading inside the run (a
    /// run is at most `MAX_CANDIDATE_BYTES` long).
    Closest(Option<(u8, u8, NearMiss)>),
}

const _: () = assert!(crate::fuzzy::MAX_CANDIDATE_BYTES <= u8::MAX as usize);

/// Slots per thread: 2^16 of 64 bytes, 4 MB, allocated on a thread's first lookup.
const LOOKUP_CACHE_SLOTS: usize = 1 << 16;

/// Bytes of a run a slot holds. A longer run is kept in its compact form (see `compact`)
/// if that fits, else looked up every time.
const CACHED_RUN_BYTES: usize = 39;

/// One cache line: a lookup reads one line of a table too large for the cache.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct CachedLookup {
    /// `hash_bytes(matcher, run)`: for equal runs, equal hashes mean equal matchers.
    key: u64,
    /// The run (or its compact form) padded with NUL bytes, which neither holds, so the
    /// first NUL ends it; then its `tag`. All NUL in an empty slot.
    run: [u8; CACHED_RUN_BYTES + 1],
    lookup: Lookup,
}

const _: () = assert!(std::mem::size_of::<CachedLookup>() == 64);

thread_local! {
    static LOOKUPS: RefCell<Vec<CachedLookup>> = const { RefCell::new(Vec::new()) };
}

/// The last byte of a slot: the run's capitalization (1 or 2) and, from bit 2 up, 0 for
/// a run kept as it is or 1 + the Unicode block of its compact form. Runs kept in
/// different forms never compare equal.
fn slot_tag(capitalized: bool, form: u8) -> u8 {
    (1 + u8::from(capitalized)) | (form << 2)
}

/// A run longer than a slot, one byte per character, when every character but the
/// separators joining its words (`JOINERS`) is a two-byte character of one 256-character
/// block (Arabic, Persian, Cyrillic, Greek, Hebrew): the character's low byte, or 1 + the
/// separator's index (below every letter's byte). Three words of Arabic or Russian take
/// some 30 characters but 60 bytes. Returns the length and the block; `None` when the run
/// has another character, or a letter whose low byte is under 0x10 (which would meet the
/// separators' bytes or NUL), or is too long.
fn compact(run: &str, out: &mut [u8; CACHED_RUN_BYTES]) -> Option<(usize, u8)> {
    let bytes = run.as_bytes();
    let mut block: Option<u8> = None;
    let (mut i, mut len) = (0, 0);
    while i < bytes.len() {
        if len == CACHED_RUN_BYTES {
            return None;
        }
        let b = bytes[i];
        let byte = if b < 0x80 {
            1 + JOINERS.iter().position(|&s| s == b)? as u8
        } else if (0xC2..0xE0).contains(&b) {
            // Valid UTF-8: a continuation byte follows.
            let code = two_byte_code(b, bytes[i + 1]);
            let this = (code >> 8) as u8;
            if *block.get_or_insert(this) != this || code & 0xFF < 0x10 {
                return None;
            }
            i += 1;
            code as u8
        } else {
            return None;
        };
        out[len] = byte;
        len += 1;
        i += 1;
    }
    // A run of separators alone has no block (and is never looked up).
    Some((len, block?))
}

/// Where a run's lookup is kept: `hash_bytes(matcher, run)`. For equal runs, equal keys
/// mean equal matchers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RunKey(u64);

impl RunKey {
    pub(crate) fn new(matcher: u64, run: &str) -> RunKey {
        RunKey(hash_bytes(matcher, run.as_bytes()))
    }

    fn slot(self) -> usize {
        (self.0 >> 32) as usize % LOOKUP_CACHE_SLOTS
    }
}

/// This thread's table, borrowed once for a version's lookups: the thread-local cell is
/// found once per version rather than once per run, and a lookup's work happens inline in
/// the caller (a closure handed into the cell would have its captures copied on every run).
/// `work` must not borrow the table again (the fuzzy index, which it calls, never does).
pub(crate) fn with_thread_lookups<T>(work: impl FnOnce(&mut RunLookups) -> T) -> T {
    LOOKUPS.with(|cache| work(&mut RunLookups(&mut cache.borrow_mut())))
}

/// A thread's table of remembered lookups, while a version uses it.
pub(crate) struct RunLookups<'a>(&'a mut Vec<CachedLookup>);

impl RunLookups<'_> {
    /// Asks the processor for the slot of a run looked up soon, so that several are on
    /// their way from memory at once (nothing before the table's first lookup).
    pub(crate) fn prefetch(&self, key: RunKey) {
        if !self.0.is_empty() {
            prefetch(self.0.as_ptr().wrapping_add(key.slot()));
        }
    }

    /// The lookup of `run` (normalized words and the separators joining them), from the
    /// table or from `compute`. `key` is `RunKey::new(matcher, run)`, made before so that
    /// the slot could be prefetched.
    #[inline]
    pub(crate) fn get_or_compute(
        &mut self,
        key: RunKey,
        run: &str,
        capitalized: bool,
        compute: impl FnOnce() -> Lookup,
    ) -> Lookup {
        debug_assert!(!run.as_bytes().contains(&0), "a run holds no NUL");
        let mut compacted = [0u8; CACHED_RUN_BYTES];
        let (stored, tag) = if run.len() <= CACHED_RUN_BYTES {
            (run.as_bytes(), slot_tag(capitalized, 0))
        } else {
            match compact(run, &mut compacted) {
                Some((len, block)) => (&compacted[..len], slot_tag(capitalized, 1 + block)),
                None => return compute(),
            }
        };
        let slot = key.slot();
        let key = key.0;
        if let Some(entry) = self.0.get(slot) {
            let len = stored.len();
            if entry.key == key
                && entry.run[CACHED_RUN_BYTES] == tag
                && &entry.run[..len] == stored
                && (len == CACHED_RUN_BYTES || entry.run[len] == 0)
            {
                return entry.lookup;
            }
        }
        let lookup = compute();
        self.store(slot, key, stored, tag, lookup);
        lookup
    }

    /// Out of line: a miss is rare, and its copying would crowd the hit's path.
    #[inline(never)]
    fn store(&mut self, slot: usize, key: u64, stored: &[u8], tag: u8, lookup: Lookup) {
        let mut padded = [0u8; CACHED_RUN_BYTES + 1];
        padded[..stored.len()].copy_from_slice(stored);
        padded[CACHED_RUN_BYTES] = tag;
        let slots = &mut *self.0;
        if slots.is_empty() {
            let empty = CachedLookup {
                key: 0,
                run: [0; CACHED_RUN_BYTES + 1],
                lookup: Lookup::Known,
            };
            *slots = vec![empty; LOOKUP_CACHE_SLOTS];
        }
        slots[slot] = CachedLookup {
            key,
            run: padded,
            lookup,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn compacted(run: &str) -> Option<(Vec<u8>, u8)> {
        let mut out = [0u8; CACHED_RUN_BYTES];
        compact(run, &mut out).map(|(len, block)| (out[..len].to_vec(), block))
    }

    #[test]
    fn long_arabic_and_cyrillic_runs_have_a_compact_form() {
        let arabic = "المكتب السياسي لحركة حماس";
        assert!(arabic.len() > CACHED_RUN_BYTES);
        let (bytes, block) = compacted(arabic).expect("Arabic compacts");
        assert_eq!((bytes.len(), block), (arabic.chars().count(), 0x06));
        assert_eq!(compacted("исмаил хания-младший").map(|c| c.1), Some(0x04));
        // Mixed blocks, ASCII letters, three-byte characters and over-long runs do not.
        assert_eq!(compacted("хания هنية"), None);
        assert_eq!(compacted("хания x"), None);
        assert_eq!(compacted("سی\u{200c}ان\u{200c}ان"), None);
        assert_eq!(compacted(&"ж".repeat(CACHED_RUN_BYTES + 1)), None);
        assert!(compacted(&"ж".repeat(CACHED_RUN_BYTES)).is_some());
    }

    /// Compact forms are read one character at a time, so they tell runs apart if each
    /// character of a block has a byte of its own, unlike every separator's and NUL's.
    #[test]
    fn every_character_of_a_block_has_its_own_byte() {
        for block in 0..8u32 {
            let mut owner: std::collections::HashMap<u8, char> = (JOINERS.iter())
                .enumerate()
                .map(|(i, &s)| (1 + i as u8, char::from(s)))
                .collect();
            owner.insert(0, '\0');
            let mut compacted_letters = 0;
            for c in (block << 8..(block + 1) << 8).filter_map(char::from_u32) {
                if c.is_ascii() {
                    continue;
                }
                let Some((bytes, b)) = compacted(&format!("{c}{c} {c}")) else {
                    continue;
                };
                assert_eq!((bytes.len(), u32::from(b)), (4, block));
                assert_eq!(
                    owner.insert(bytes[0], c),
                    None,
                    "{c:?} shares {:#x}",
                    bytes[0]
                );
                compacted_letters += 1;
            }
            // Every character of the block from 0x10 on, whatever it is.
            let expected = if block == 0 { 0x80 } else { 0xF0 };
            assert_eq!(compacted_letters, expected, "block {block:#x}");
        }
    }

    proptest! {
        /// Equal compact forms of one block are equal runs: a slot never answers for
        /// another run.
        #[test]
        fn compact_forms_tell_runs_apart(
            a in "[ابتثجحخدذرسشصضطظعغفقكلمنهوي ЀЁжзийклмнопрстуфхцчшщъыьэюяёαβγ\\-'.]{1,45}",
            b in "[ابتثجحخدذرسشصضطظعغفقكلمنهوي ЀЁжзийклмнопрстуфхцчшщъыьэюяёαβγ\\-'.]{1,45}",
        ) {
            if let (Some(x), Some(y)) = (compacted(&a), compacted(&b)) {
                prop_assert_eq!(x == y, a == b);
                prop_assert!(!x.0.contains(&0));
            }
        }
    }

    #[test]
    fn long_runs_are_cached_apart() {
        // Two runs longer than a slot, equal in their first 39 bytes.
        let first = "исмаил хания и халед машаль";
        let second = "исмаил хания и халед машаль-";
        assert!(first.len() > CACHED_RUN_BYTES);
        let matcher = u64::MAX - 7;
        let key = |run: &str| RunKey::new(matcher, run);
        let found = |cost: f32| {
            Lookup::Closest(Some((
                0,
                1,
                NearMiss {
                    form: crate::glossary::FormId(0),
                    via_source: false,
                    cost,
                },
            )))
        };
        with_thread_lookups(|lookups| {
            assert_eq!(
                lookups.get_or_compute(key(first), first, true, || found(1.0)),
                found(1.0)
            );
            assert_eq!(
                lookups.get_or_compute(key(second), second, true, || found(0.5)),
                found(0.5)
            );
            // Each is answered from its own slot, and its capitalization counts.
            assert_eq!(
                lookups.get_or_compute(key(first), first, true, || Lookup::Known),
                found(1.0)
            );
            assert_eq!(
                lookups.get_or_compute(key(second), second, true, || Lookup::Known),
                found(0.5)
            );
            assert_eq!(
                lookups.get_or_compute(key(first), first, false, || Lookup::Known),
                Lookup::Known
            );
        });
    }
}
