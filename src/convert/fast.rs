//! A fast path for the embedded `t2s` conversion that gives exactly ferrous-opencc's output.
//!
//! OpenCC's `t2s` is one step: at every position, the longest key of the group {TSPhrases,
//! TSCharacters} that starts there is replaced by its first value, and the scan continues after
//! it; a position where no key starts copies its char. TSCharacters' keys are single chars, and
//! only 116 chars begin one of TSPhrases' 277 keys. So at a char that begins no phrase the output
//! is that char converted alone, which a per-char table gives without walking the FST; only at
//! the 116 phrase-initial chars are the phrases (longest first) compared with the text.
//!
//! The table is filled lazily from the converter itself (`convert` of the char alone), so a
//! single char is always converted the way ferrous-opencc converts it; phrase values likewise
//! come from converting the key. What the table cannot learn from the converter is *which*
//! phrases exist: their keys are in `ts_phrases.txt`, taken from the TSPhrases.txt that
//! ferrous-opencc 0.4.0 embeds (Cargo.toml pins that version). After an upgrade, regenerate the
//! list from the new version's `assets/dictionaries/TSPhrases.txt` (keep the lines the compiler
//! keeps: `key<TAB>values`, no empty value) and run the `t2s_fast_path` tests, which compare both
//! converters on the shared corpus and the gold texts.

use std::sync::atomic::{AtomicU32, Ordering};

/// The keys of TSPhrases, one per line after a `#` header.
const PHRASE_KEYS: &str = include_str!("ts_phrases.txt");

/// The slot holds a conversion.
const KNOWN: u32 = 1 << 31;
/// The char alone does not convert to exactly one char: ask the converter each time.
const MULTI: u32 = 1 << 30;
/// Bits 21..29: index + 1 of the phrase group starting with this char (0: none).
const GROUP_SHIFT: u32 = 21;
const GROUP_MASK: u32 = 0xFF << GROUP_SHIFT;
const CHAR_MASK: u32 = (1 << GROUP_SHIFT) - 1;
/// Planes covered by the table (the BMP); other chars are converted one by one.
const TABLE_LEN: usize = 0x1_0000;

/// Converts a single string with the reference converter (ferrous-opencc).
pub(super) type Reference<'a> = &'a (dyn Fn(&str) -> String + Sync);

/// The per-char table and the phrase list.
pub(super) struct FastT2s {
    slots: Box<[AtomicU32]>,
    /// Phrase groups by first char: (key, converted value), longest key first.
    groups: Vec<Vec<(Box<str>, Box<str>)>>,
    /// Groups of phrases starting outside the table (none in OpenCC 1.1.x).
    wide_groups: Vec<(char, usize)>,
}

impl FastT2s {
    /// Builds the fast path over `reference` (the converter it must agree with); `None` when the
    /// phrase list does not fit the table's layout (the caller then keeps the reference).
    pub(super) fn new(reference: Reference<'_>) -> Option<Self> {
        let mut slots = Vec::with_capacity(TABLE_LEN);
        slots.resize_with(TABLE_LEN, || AtomicU32::new(0));
        let mut groups: Vec<Vec<(Box<str>, Box<str>)>> = Vec::new();
        let mut wide_groups = Vec::new();
        let mut group_of: std::collections::HashMap<char, usize> = Default::default();
        for key in PHRASE_KEYS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let Some(first) = key.chars().next() else {
                continue;
            };
            let g = *group_of.entry(first).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push((key.into(), reference(key).into()));
        }
        // the group index must fit its bits; ASCII runs are copied unread
        if groups.len() >= 0xFF || group_of.keys().any(char::is_ascii) || !ascii_is_inert(reference)
        {
            return None;
        }
        for (&c, &g) in &group_of {
            match slots.get(c as usize) {
                Some(slot) => slot.store((g as u32 + 1) << GROUP_SHIFT, Ordering::Relaxed),
                None => wide_groups.push((c, g)),
            }
        }
        for g in &mut groups {
            g.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        Some(FastT2s {
            slots: slots.into_boxed_slice(),
            groups,
            wide_groups,
        })
    }

    /// The slot of `c` (in the table), filled on first use.
    #[inline]
    fn slot(&self, slot: &AtomicU32, c: char, reference: Reference<'_>) -> u32 {
        let s = slot.load(Ordering::Relaxed);
        if s & KNOWN != 0 {
            return s;
        }
        // racing threads compute the same value; the group bits were set before sharing
        let mut buf = [0u8; 4];
        let single = reference(c.encode_utf8(&mut buf));
        let mut it = single.chars();
        let conv = match (it.next(), it.next()) {
            (Some(d), None) => d as u32,
            _ => MULTI,
        };
        let s = (s & GROUP_MASK) | KNOWN | conv;
        slot.store(s, Ordering::Relaxed);
        s
    }

    /// Converts `text`; identical to `reference(text)`.
    ///
    /// Chars that convert to themselves (ASCII, and most chars of any text) are copied in runs;
    /// only a changed char or a phrase breaks a run.
    pub(super) fn convert(&self, text: &str, reference: Reference<'_>) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let bytes = text.as_bytes();
        // text[run..i] is copied unchanged when the run ends
        let (mut run, mut i) = (0, 0);
        while i < bytes.len() {
            // no key starts with ASCII and no ASCII char converts (checked in `new`)
            if bytes[i] < 0x80 {
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let (group, conv) = match self.slots.get(c as usize) {
                Some(slot) => {
                    let s = self.slot(slot, c, reference);
                    (((s & GROUP_MASK) >> GROUP_SHIFT) as usize, s)
                }
                None => {
                    let g = self
                        .wide_groups
                        .iter()
                        .find(|(w, _)| *w == c)
                        .map_or(0, |&(_, g)| g + 1);
                    (g, MULTI)
                }
            };
            if group != 0 {
                let rest = text.get(i..).unwrap_or("");
                if let Some((k, v)) = self
                    .groups
                    .get(group - 1)
                    .and_then(|g| g.iter().find(|(k, _)| rest.starts_with(&**k)))
                {
                    out.push_str(text.get(run..i).unwrap_or(""));
                    out.push_str(v);
                    i += k.len();
                    run = i;
                    continue;
                }
            }
            if conv & MULTI != 0 {
                out.push_str(text.get(run..i).unwrap_or(""));
                let mut buf = [0u8; 4];
                out.push_str(&reference(c.encode_utf8(&mut buf)));
                run = i + c.len_utf8();
            } else if conv & CHAR_MASK != c as u32 {
                out.push_str(text.get(run..i).unwrap_or(""));
                out.push(char::from_u32(conv & CHAR_MASK).unwrap_or(c));
                run = i + c.len_utf8();
            }
            i += c.len_utf8();
        }
        out.push_str(text.get(run..).unwrap_or(""));
        out
    }
}

/// True when the reference leaves every ASCII char as it is.
fn ascii_is_inert(reference: Reference<'_>) -> bool {
    let all: String = (0u8..0x80).map(char::from).collect();
    reference(&all) == all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> ferrous_opencc::OpenCC {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .expect("embedded t2s loads")
    }

    #[test]
    fn phrase_list_is_parsed_and_indexed() {
        let r = reference();
        let f = |s: &str| r.convert(s);
        let fast = FastT2s::new(&f).expect("phrase groups fit");
        let keys = PHRASE_KEYS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(keys, 277);
        assert_eq!(fast.groups.iter().map(Vec::len).sum::<usize>(), keys);
        assert!(fast.wide_groups.is_empty());
        assert!(ascii_is_inert(&f));
    }

    #[test]
    fn phrases_win_over_chars_and_longest_phrase_first() {
        let r = reference();
        let f = |s: &str| r.convert(s);
        let fast = FastT2s::new(&f).expect("phrase groups fit");
        for s in [
            "一目瞭然",
            "乾元乾淨乾燥",
            "不瞭解情況",
            "麼麼么麼么麽",
            "張家口發電廠",
            "他於是說",
            "abc 乾 xyz",
            "𠉂㑮𫝈",
            "",
            "瞭",
        ] {
            assert_eq!(fast.convert(s, &f), r.convert(s), "{s}");
        }
    }

    #[test]
    fn every_phrase_in_context_converts_like_the_reference() {
        let r = reference();
        let f = |s: &str| r.convert(s);
        let fast = FastT2s::new(&f).expect("phrase groups fit");
        // each key alone, doubled, between chars that begin phrases, and cut short
        let keys: Vec<&str> = PHRASE_KEYS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        for k in &keys {
            let short: String = k.chars().take(k.chars().count() - 1).collect();
            for s in [
                k.to_string(),
                format!("{k}{k}"),
                format!("乾{k}於"),
                format!("一{short}麼{k}"),
                short,
            ] {
                assert_eq!(fast.convert(&s, &f), r.convert(&s), "{s}");
            }
        }
        let all: String = keys.concat();
        assert_eq!(fast.convert(&all, &f), r.convert(&all));
    }
}
