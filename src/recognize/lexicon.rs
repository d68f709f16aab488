//! ORG, POLICY and LOC from the dictionaries: every name and alias, matched at token boundaries.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::{Candidate, Prepared};
use crate::dictionary::Dictionary;
use crate::entity::{Label, Normalized, Source};
use crate::segment::Segmenter;

/// A dictionary entry as the matcher keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntry {
    /// ORG, POLICY or LOC.
    pub label: Label,
    /// Canonical name (as written in the dictionary).
    pub name: String,
    /// Type, category or level.
    pub kind: String,
}

/// The compiled dictionaries: prepared surface form → entry.
///
/// Invariant: a surface form maps to one entry; when two dictionaries give the same form, the
/// one loaded later wins (user dictionaries are loaded after the embedded ones).
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: Vec<LexEntry>,
    by_key: HashMap<String, u32>,
    keys: Vec<String>,
    key_entry: Vec<u32>,
    matcher: Option<AhoCorasick>,
}

impl Lexicon {
    /// Compiles dictionaries; `prepare` folds and converts a batch of surface forms to the
    /// prepared script (one output per input, in order).
    pub fn build(dicts: &[Dictionary], prepare: &dyn Fn(&[&str]) -> Vec<String>) -> Self {
        let mut entries = Vec::new();
        let mut forms: Vec<&str> = Vec::new();
        let mut form_entry: Vec<u32> = Vec::new();
        for d in dicts {
            for e in &d.entries {
                let id = entries.len() as u32;
                entries.push(LexEntry {
                    label: e.label,
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                });
                for form in e.surface_forms() {
                    forms.push(form);
                    form_entry.push(id);
                }
            }
        }
        let mut by_key: HashMap<String, u32> = HashMap::with_capacity(forms.len());
        for (key, id) in prepare(&forms).into_iter().zip(form_entry) {
            if key.chars().count() >= 2 {
                by_key.insert(key, id);
            }
        }
        let mut keys: Vec<String> = by_key.keys().cloned().collect();
        keys.sort();
        let key_entry = keys.iter().map(|k| by_key[k]).collect();
        // a contiguous NFA builds in a fraction of a DFA's time and searches nearly as fast
        let matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .ok();
        Lexicon {
            entries,
            by_key,
            keys,
            key_entry,
            matcher,
        }
    }

    /// Every prepared surface form (the words to add to jieba).
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The entry for a prepared surface form.
    pub fn lookup(&self, prepared: &str) -> Option<&LexEntry> {
        self.by_key
            .get(prepared)
            .map(|&i| &self.entries[i as usize])
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no dictionary entry was loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Proposes every dictionary form found in `p` that starts and ends at token boundaries,
    /// does not cut a Latin word (`ice` in `notice`), and — for short forms — does not end on a
    /// character that forms a common word with the next one (工信部 in 大连工信部门).
    pub fn find(&self, p: &Prepared, seg: &Segmenter, out: &mut Vec<Candidate>) {
        let Some(ac) = &self.matcher else { return };
        for m in ac.find_overlapping_iter(p.text) {
            let start = p.char_at_byte(m.start());
            let end = p.char_at_byte(m.end());
            if !(p.starts_token(start) && p.ends_token(end)) {
                continue;
            }
            let alnum = |i: usize| p.char_at(i).is_some_and(|c| c.is_ascii_alphanumeric());
            if (start > 0 && alnum(start) && alnum(start - 1)) || (alnum(end - 1) && alnum(end)) {
                continue;
            }
            if end - start <= 3 && doubtful_end(p, seg, end) {
                continue;
            }
            let e = &self.entries[self.key_entry[m.pattern().as_usize()] as usize];
            if e.label == Label::Org && is_head_title(p, end) {
                continue;
            }
            if e.label != Label::Policy && end - start <= 3 && inside_person_name(p, start, end) {
                continue;
            }
            out.push(candidate(e, start, end, Source::Dictionary));
        }
    }
}

/// Frequency above which a two-char word across a match's end makes the boundary doubtful.
const COMMON_WORD_FREQ: usize = 5_000;

/// True when the last char before `end` and the char at `end` form a common word (部门 in
/// 工信部门): the text more likely means that word than a name ending there.
fn doubtful_end(p: &Prepared, seg: &Segmenter, end: usize) -> bool {
    let (Some(a), Some(b)) = (p.char_at(end.wrapping_sub(1)), p.char_at(end)) else {
        return false;
    };
    if !(super::is_han(a) && super::is_han(b)) {
        return false;
    }
    let mut pair = String::with_capacity(8);
    pair.push(a);
    pair.push(b);
    seg.word_freq(&pair).is_some_and(|f| f >= COMMON_WORD_FREQ)
}

/// True when a 司 ending at `end` is only the first half of a 司长 title: 财政司 in 财政司司长
/// (Hong Kong's secretaries head no body of that name; the title names a person).
pub fn is_head_title(p: &Prepared, end: usize) -> bool {
    end > 0
        && p.char_at(end - 1) == Some('司')
        && p.char_at(end) == Some('司')
        && p.char_at(end + 1) == Some('长')
}

/// Common single-char surnames that are not also function words (向, 于, 和 … are left out).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
    蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛阎段侯史黎贺顾毛郝龚邵钱严覃戴莫孔汤";

/// True when a short name at `start..end` is more likely part of a person's name: a two-char
/// form right after a surname that jieba cut off as a word of its own (杜 + 小鹏, 李 + 长和), or
/// a form touching the middle dot of a transliterated name (阿里·哈恩, 洛马纳·卢阿卢阿).
pub fn inside_person_name(p: &Prepared, start: usize, end: usize) -> bool {
    let surname_before = end - start == 2
        && start > 0
        && p.token_ending_at(start)
            .is_some_and(|t| p.tokens[t].end - p.tokens[t].start == 1)
        && p.char_at(start - 1).is_some_and(|c| SURNAMES.contains(c));
    let is_dot = |c: char| matches!(c, '·' | '•' | '‧' | '・' | '．');
    // up to two more name chars may sit between the form and the dot (洛马 + 纳·)
    let dot_after = (end..end + 3)
        .take_while(|&i| i == end || p.char_at(i - 1).is_some_and(super::is_han))
        .any(|i| p.char_at(i).is_some_and(is_dot));
    let dot_before = start > 0 && p.char_at(start - 1).is_some_and(is_dot);
    surname_before || dot_after || dot_before
}

/// A candidate for a dictionary entry.
pub fn candidate(e: &LexEntry, start: usize, end: usize, source: Source) -> Candidate {
    Candidate {
        label: e.label,
        start,
        end,
        normalized: Normalized::Name {
            name: e.name.clone(),
            kind: Some(e.kind.clone()),
        },
        source,
    }
}
