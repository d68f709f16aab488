//! Feature extraction, shared by training and decoding.
//!
//! Every feature is *anchored* at one char position and carries a weight block for a few
//! neighbouring positions: the unigram at char `a` scores positions `a-2 ..= a+2`, the bigram
//! `c[a] c[a+1]` positions `a-1 ..= a+2`, the trigram `c[a-1] c[a] c[a+1]` positions
//! `a-1 ..= a+1`. That is the usual window of n-gram features (`c[i-2]`, `c[i-1] c[i]`, …), but
//! a char's n-grams are looked up once, not once per window slot: about seven table lookups a
//! char in all. The other templates (char classes, jieba token shape, dictionary matches,
//! surname and title/verb cues) score their own position only.
//!
//! A feature is a 64-bit key: the template in the top 4 bits, a hash of its value below.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::charset::CharSet;
use crate::entity::Label;
use crate::recognize::Prepared;

/// The version of the templates below; a model made with another version is refused.
pub const FEATURE_VERSION: u32 = 2;

/// The feature templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Template {
    /// The char.
    Uni = 1,
    /// The char and the next.
    Bi = 2,
    /// The previous char, the char and the next.
    Tri = 3,
    /// Classes of the previous, this and the next char.
    Class = 4,
    /// Position in the jieba token, its length and its neighbours' lengths.
    Token = 5,
    /// Surname cues: this char or the previous is a common surname, or a compound one starts here.
    Surname = 6,
    /// The dictionary match covering the char (its label and position in it).
    Dict = 7,
    /// A title word ends right before the char, or a reporting verb follows within three chars.
    Cue = 8,
    /// The char's jieba token is a person's name in jieba's dictionary (`nr`, `nrt`, `nrfg`).
    Name = 9,
}

impl Template {
    /// The template of a key.
    pub fn of_key(key: u64) -> Option<Template> {
        Some(match key >> 60 {
            1 => Template::Uni,
            2 => Template::Bi,
            3 => Template::Tri,
            4 => Template::Class,
            5 => Template::Token,
            6 => Template::Surname,
            7 => Template::Dict,
            8 => Template::Cue,
            9 => Template::Name,
            _ => return None,
        })
    }

    /// For the templates with few values: how many (values are `0..domain`); `None` for the
    /// n-grams.
    pub fn domain(self) -> Option<u64> {
        match self {
            Template::Uni | Template::Bi | Template::Tri => None,
            Template::Class => Some(11 * 256),
            Template::Token => Some(1 << 14),
            Template::Surname => Some(8),
            Template::Dict => Some(32),
            Template::Cue => Some(16),
            Template::Name => Some(64 * (MAX_NAME_KIND as u64 + 1)),
        }
    }

    /// The templates with few values.
    pub const SMALL: [Template; 6] = [
        Template::Class,
        Template::Token,
        Template::Surname,
        Template::Dict,
        Template::Cue,
        Template::Name,
    ];

    /// `(first offset, number of offsets)`: an anchor at `a` scores positions
    /// `a + first .. a + first + number`.
    #[inline]
    pub fn span(self) -> (isize, usize) {
        match self {
            Template::Uni => (-2, 5),
            Template::Bi => (-1, 4),
            Template::Tri => (-1, 3),
            _ => (0, 1),
        }
    }
}

/// splitmix64's finaliser: a bijection of u64 that spreads every input bit.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The key of template `t` with value `v`.
#[inline]
pub fn key(t: Template, v: u64) -> u64 {
    ((t as u64) << 60) | (mix(v ^ ((t as u64) << 56)) >> 4)
}

/// Whether the trigram template is used (off: it cost a third of the lookups and gained nothing
/// measurable on the dev files).
const TRIGRAMS: bool = false;

/// Stand-ins for the chars before the first and after the last.
const BOS: u32 = 0x2;
const EOS: u32 = 0x3;

/// A coarse class of a char.
#[inline]
fn class(c: Option<char>) -> u64 {
    match c {
        None => 0,
        Some(c) if crate::recognize::is_han(c) => 1,
        Some(c) if c.is_ascii_digit() => 2,
        Some(c) if c.is_ascii_alphabetic() => 3,
        Some('·' | '•' | '‧' | '・') => 4,
        Some(c) if c.is_whitespace() => 5,
        Some('，' | ',' | '、' | '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?') => {
            6
        }
        Some(
            '（' | '(' | '）' | ')' | '「' | '」' | '“' | '”' | '《' | '》' | '【' | '】' | '〔'
            | '〕' | '[' | ']' | '"' | '\'' | '‘' | '’',
        ) => 7,
        Some('/' | '／') => 8,
        Some(c) if c.is_alphabetic() => 9,
        Some(_) => 10,
    }
}

/// Common single-char surnames (Simplified): the hundred of [`crate::recognize::lexicon::SURNAMES`]
/// and more that are also ordinary words.
pub(crate) const SURNAMES_MORE: &str = "向于和高石万文方白江金阮武邢牛施樊洪康左翁温常关易骆佟单詹\
    欧柯章古凌倪卜管简纪伍涂祝包宁柏柴储甘葛缪聂裴阮牟苗滕童窦乔巫邬解鲁廉邝侯练连戚岳车\
    符栾华游胥毕殷蓝冷";

/// Compound surnames (Simplified).
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "夏侯", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "令狐", "轩辕", "端木",
];

fn surnames() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| {
        CharSet::new(
            crate::recognize::lexicon::SURNAMES
                .chars()
                .chain(SURNAMES_MORE.chars()),
        )
    })
}

fn compound_first() -> &'static CharSet {
    static S: OnceLock<CharSet> = OnceLock::new();
    S.get_or_init(|| CharSet::new(COMPOUND_SURNAMES.iter().filter_map(|w| w.chars().next())))
}

/// True for a common Chinese surname (Simplified; single chars).
pub fn is_surname(c: Option<char>) -> bool {
    c.is_some_and(|c| surnames().contains(c))
}

/// Words that often stand right before a person's name (Simplified): office titles, roles,
/// honorifics of reporters and photographers.
const TITLES: [&str; 48] = [
    "局长",
    "部长",
    "司长",
    "处长",
    "厅长",
    "署长",
    "主任",
    "主席",
    "总统",
    "总理",
    "首相",
    "总裁",
    "董事长",
    "总经理",
    "经理",
    "书记",
    "市长",
    "县长",
    "省长",
    "区长",
    "镇长",
    "委员",
    "议员",
    "记者",
    "教授",
    "博士",
    "院长",
    "校长",
    "会长",
    "理事长",
    "秘书长",
    "行政长官",
    "特首",
    "部长",
    "大使",
    "发言人",
    "主持人",
    "创办人",
    "董事",
    "执行长",
    "首席",
    "专员",
    "常委",
    "主委",
    "法官",
    "律师",
    "导演",
    "教练",
];

/// Words that often follow a person's name: reporting verbs and byline words (Simplified).
const VERBS: [&str; 24] = [
    "表示", "指出", "强调", "认为", "介绍", "透露", "提到", "坦言", "说", "称", "指", "报导",
    "报道", "摄", "出席", "宣布", "提出", "回应", "说明", "解释", "称赞", "呼吁", "建议", "坦承",
];

/// 1 for a title word, 2 for a reporting verb (see [`TITLES`], [`VERBS`]).
fn cue_words() -> &'static FxHashMap<&'static str, u8> {
    static S: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    S.get_or_init(|| {
        let mut m = FxHashMap::default();
        for w in TITLES {
            m.insert(w, 1);
        }
        for w in VERBS {
            *m.entry(w).or_insert(0) |= 2;
        }
        m
    })
}

/// Whether `w` (Simplified) is a title word that stands before a name (`1`), a reporting verb
/// that follows one (`2`), or both (`3`); `0` for any other word.
///
/// ```
/// use zhtag::model::features::cue_word;
/// assert_eq!(cue_word("局长"), 1);
/// assert_eq!(cue_word("表示"), 2);
/// assert_eq!(cue_word("森林"), 0);
/// ```
pub fn cue_word(w: &str) -> u8 {
    cue_words().get(w).copied().unwrap_or(0)
}

/// Words that are names in jieba's dictionary: FNV-1a hash of the Simplified word → kind
/// (see [`name_kind`]).
pub type NameSet = rustc_hash::FxHashMap<u64, u8>;

/// The longest name word of a [`NameSet`] (transliterated names run to 5–8 chars).
pub const MAX_NAME_LEN: usize = 8;

/// The largest kind [`name_kind`] gives.
pub const MAX_NAME_KIND: u8 = 24;

/// The hash [`NameSet`] is keyed by.
///
/// ```
/// assert_ne!(zhtag::model::features::word_hash("王丽"), zhtag::model::features::word_hash("丽王"));
/// ```
pub fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A one-hash Bloom filter of the words of jieba's dictionary (2–4 chars): whether a token is a
/// word jieba knows, for [`crate::model::Model::active`], at one memory load instead of a walk
/// down jieba's trie. A word it does not hold is never reported known; about one unknown word
/// in a hundred is (a window the gate then does not open).
///
/// ```
/// use zhtag::model::features::{word_hash, KnownWords};
/// let mut k = KnownWords::with_capacity_bits();
/// k.insert(word_hash("公司"));
/// assert!(k.contains(word_hash("公司")));
/// assert!(!KnownWords::default().contains(word_hash("公司")));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownWords {
    /// `KNOWN_BITS` bits, or none for an empty filter.
    pub(crate) bits: Vec<u64>,
}

/// log2 of the number of bits of a [`KnownWords`] filter (1 MB).
pub(crate) const KNOWN_BITS_LOG2: u32 = 23;

impl KnownWords {
    /// An empty filter of the full size, ready for [`KnownWords::insert`].
    pub fn with_capacity_bits() -> Self {
        KnownWords {
            bits: vec![0; (1usize << KNOWN_BITS_LOG2) / 64],
        }
    }

    /// True for a filter that holds nothing (a model trained without jieba's dictionary).
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The filter word of hash `h` and the two bits set in it (a blocked filter: one memory
    /// load per lookup).
    #[inline]
    fn place(h: u64) -> (usize, u64) {
        let m = mix(h);
        let word = (m >> (64 - KNOWN_BITS_LOG2 + 6)) as usize;
        (word, (1 << (m & 63)) | (1 << ((m >> 6) & 63)))
    }

    /// Adds the word of [`word_hash`] `h` (nothing on an empty filter).
    pub fn insert(&mut self, h: u64) {
        let (word, bits) = Self::place(h);
        if let Some(w) = self.bits.get_mut(word) {
            *w |= bits;
        }
    }

    /// True when the word of hash `h` may be in the filter (false on an empty one).
    #[inline]
    pub fn contains(&self, h: u64) -> bool {
        let (word, bits) = Self::place(h);
        self.bits.get(word).is_some_and(|w| w & bits == bits)
    }
}

/// The kind of a word of jieba's dictionary with part of speech `pos` and frequency `freq`,
/// `None` for a word that is not a name: 1 + the tag (`nr` 0, `nrt` transliterated 1, `nrfg`
/// 2) + 3 when the word has the shape of a Chinese name (a surname and one or two chars) + 6 ×
/// a frequency bucket (< 8, < 64, < 512, more).
///
/// jieba tags many ordinary words `nr` (a sports league, an army, a virtue): most of those have
/// no surname shape or are frequent, and a name of the shape and rare is a name far more often,
/// so one `nr` feature for all of them learnt a weight against names (it fired on three
/// non-names for each name in the training data) while the kinds tell them apart.
///
/// ```
/// use zhtag::model::features::name_kind;
/// assert_eq!(name_kind("王丽", 3, "nr"), Some(4));
/// assert_eq!(name_kind("英超", 3, "nr"), Some(1));
/// assert_eq!(name_kind("英超", 100, "nr"), Some(13));
/// assert_eq!(name_kind("公司", 3, "n"), None);
/// ```
pub fn name_kind(word: &str, freq: u64, pos: &str) -> Option<u8> {
    let tag = match pos {
        "nr" => 0,
        "nrt" => 1,
        "nrfg" => 2,
        _ => return None,
    };
    let len = word.chars().count();
    let first = word.chars().next();
    let compound = COMPOUND_SURNAMES.iter().any(|c| word.starts_with(c));
    let shaped =
        (compound && (3..=4).contains(&len)) || (is_surname(first) && (2..=3).contains(&len));
    let bucket = match freq {
        0..8 => 0,
        8..64 => 1,
        64..512 => 2,
        _ => 3,
    };
    Some(1 + tag + 3 * u8::from(shaped) + 6 * bucket)
}

/// A dictionary match the features see: its label and char span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictSpan {
    /// Its label.
    pub label: Label,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl From<&crate::recognize::Candidate> for DictSpan {
    /// The label and span of a candidate (the recognizer keeps only dictionary matches).
    fn from(c: &crate::recognize::Candidate) -> Self {
        DictSpan {
            label: c.label,
            start: c.start,
            end: c.end,
        }
    }
}

fn label_code(l: Label) -> u64 {
    match l {
        Label::Org => 1,
        Label::Quantity => 2,
        Label::Policy => 3,
        Label::Person => 4,
        Label::Loc => 5,
        Label::Date => 6,
    }
}

/// The value of the bigram feature anchored at char `a` (as [`for_each_feature`] gives it).
#[inline]
pub(crate) fn bigram_value(p: &Prepared<'_>, a: usize) -> u64 {
    let code = |i: usize| p.chars.get(i).map_or(EOS, |&c| c as u32);
    (u64::from(code(a)) << 21) | u64::from(code(a + 1))
}

/// Reusable buffers for [`for_each_feature`] (no allocation per char once they have grown).
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per char: (position in token 0..4 = B/M/E/S, token length, previous length, next length).
    token_shape: Vec<u64>,
    /// Per char: dictionary code (label × 4 + position), 0 for none.
    dict: Vec<u64>,
    /// Per char: cue bits.
    cue: Vec<u64>,
    /// Per char: name kind × 64 + position × 8 + token length (at most 7), 0 for none.
    name: Vec<u64>,
    /// Per char: length of the longest dictionary match covering it.
    best: Vec<usize>,
}

/// Calls `f(template, value, anchor)` for every feature of the sentence anchored in `anchors`
/// (the key of a feature is [`key`]`(template, value)`); [`prepare`] must have run on the same
/// sentence.
///
/// ```
/// use zhtag::model::features::{for_each_feature, prepare, Scratch};
/// use zhtag::recognize::Prepared;
/// use zhtag::segment::Token;
/// let p = Prepared::new("王丽娜摄", vec![Token { start: 0, end: 3 }, Token { start: 3, end: 4 }]);
/// let mut n = 0;
/// let mut scratch = Scratch::default();
/// prepare(&p, &[], &Default::default(), &mut scratch);
/// for_each_feature(&p, &scratch, 0..4, |_, _, _| n += 1);
/// assert!(n > 4 * 5);
/// ```
pub fn for_each_feature(
    p: &Prepared<'_>,
    scratch: &Scratch,
    anchors: Range<usize>,
    mut f: impl FnMut(Template, u64, usize),
) {
    let n = p.chars.len();
    if n == 0 || scratch.token_shape.len() != n {
        return;
    }
    let code = |i: isize| -> u32 {
        if i < 0 {
            BOS
        } else {
            p.chars.get(i as usize).map_or(EOS, |&c| c as u32)
        }
    };
    let mut cls_prev = class(anchors.start.checked_sub(1).and_then(|j| p.char_at(j)));
    let mut cls_cur = class(p.char_at(anchors.start));
    for a in anchors.start..anchors.end.min(n) {
        let i = a as isize;
        let (prev, cur, next) = (code(i - 1), code(i), code(i + 1));
        let cls_next = class(p.char_at(a + 1));
        f(Template::Uni, u64::from(cur), a);
        f(Template::Bi, (u64::from(cur) << 21) | u64::from(next), a);
        if TRIGRAMS {
            f(
                Template::Tri,
                (u64::from(prev) << 42) | (u64::from(cur) << 21) | u64::from(next),
                a,
            );
        }
        f(Template::Class, cls_prev * 256 + cls_cur * 16 + cls_next, a);
        (cls_prev, cls_cur) = (cls_cur, cls_next);
        f(Template::Token, scratch.token_shape[a], a);
        let c = p.char_at(a);
        let compound = c.is_some_and(|c| compound_first().contains(c)) && {
            let two = p.slice(a, a + 2);
            COMPOUND_SURNAMES.contains(&two)
        };
        let sur = u64::from(is_surname(c))
            | (u64::from(is_surname(a.checked_sub(1).and_then(|j| p.char_at(j)))) << 1)
            | (u64::from(compound) << 2);
        if sur != 0 {
            f(Template::Surname, sur, a);
        }
        if scratch.dict[a] != 0 {
            f(Template::Dict, scratch.dict[a], a);
        }
        if scratch.cue[a] != 0 {
            f(Template::Cue, scratch.cue[a], a);
        }
        if scratch.name[a] != 0 {
            f(Template::Name, scratch.name[a], a);
        }
    }
}

/// Fills the per-char tables of `scratch` for sentence `p` (token shapes, dictionary matches,
/// cues, jieba names): once per sentence, before [`for_each_feature`].
///
/// `dict` are the dictionary matches (any order; where two cover a char, the longer counts);
/// `names` the name words of jieba's dictionary.
pub fn prepare(p: &Prepared<'_>, dict: &[DictSpan], names: &NameSet, scratch: &mut Scratch) {
    let n = p.chars.len();
    prepare_in(p, dict, names, std::slice::from_ref(&(0..n)), scratch);
}

/// [`prepare`] for the features anchored in `ranges` only (with the two chars before and the
/// one after each, as decoding a range needs): the tokens far from every range are skipped.
pub fn prepare_in(
    p: &Prepared<'_>,
    dict: &[DictSpan],
    names: &NameSet,
    ranges: &[Range<usize>],
    s: &mut Scratch,
) {
    let n = p.chars.len();
    // chars not covered by a token (jieba covers all) count as single-char tokens
    s.token_shape.clear();
    s.token_shape.resize(n, 3 << 12 | 1 << 8);
    s.cue.clear();
    s.cue.resize(n, 0);
    s.name.clear();
    s.name.resize(n, 0);
    fill_dict(n, dict, s);
    for r in ranges {
        // a reporting verb marks up to three chars before it: look that far past the range
        let (lo, hi) = (r.start.saturating_sub(3), (r.end + 4).min(n));
        let first = p.tokens.partition_point(|t| t.end <= lo);
        for k in first..p.tokens.len() {
            if p.tokens[k].start >= hi {
                break;
            }
            token_shape(p, k, s);
            token_cues(p, k, s);
            token_name(p, k, names, s);
        }
    }
}

fn token_shape(p: &Prepared<'_>, k: usize, s: &mut Scratch) {
    let n = p.chars.len();
    let len = |k: Option<&crate::segment::Token>| k.map_or(0, |t| (t.end - t.start).min(4) as u64);
    let Some(t) = p.tokens.get(k) else {
        return;
    };
    let l = (t.end - t.start).min(4) as u64;
    let before = len(k.checked_sub(1).and_then(|j| p.tokens.get(j)));
    let after = len(p.tokens.get(k + 1));
    for i in t.start..t.end.min(n) {
        let pos = if t.end - t.start == 1 {
            3
        } else if i == t.start {
            0
        } else if i + 1 == t.end {
            2
        } else {
            1
        };
        s.token_shape[i] = (pos << 12) | (l << 8) | (before << 4) | after;
    }
}

fn fill_dict(n: usize, dict: &[DictSpan], s: &mut Scratch) {
    s.dict.clear();
    s.dict.resize(n, 0);
    // the longest match covering a char decides its code
    let best = &mut s.best;
    best.clear();
    best.resize(n, 0);
    for d in dict {
        if d.start >= d.end || d.end > n {
            continue;
        }
        let len = d.end - d.start;
        let cells = best[d.start..d.end]
            .iter_mut()
            .zip(&mut s.dict[d.start..d.end]);
        for (i, (b, code)) in (d.start..).zip(cells) {
            if *b >= len {
                continue;
            }
            *b = len;
            let pos = if len == 1 {
                3
            } else if i == d.start {
                0
            } else if i + 1 == d.end {
                2
            } else {
                1
            };
            *code = label_code(d.label) * 4 + pos + 1;
        }
    }
}

fn token_cues(p: &Prepared<'_>, k: usize, s: &mut Scratch) {
    let n = p.chars.len();
    let Some(t) = p.tokens.get(k) else {
        return;
    };
    if t.end > n || t.end - t.start > 4 {
        return;
    }
    let Some(&kind) = cue_words().get(p.slice(t.start, t.end)) else {
        return;
    };
    if t.end < n && kind & 1 != 0 {
        s.cue[t.end] |= 1;
    }
    if kind & 2 != 0 {
        // the verb is 1, 2 or 3 chars after: bits 2, 3, 4
        for d in 1..=3usize {
            let Some(i) = t.start.checked_sub(d) else {
                break;
            };
            if !p.char_at(i).is_some_and(crate::recognize::is_han) {
                break;
            }
            s.cue[i] |= 1 << d;
        }
    }
}

fn token_name(p: &Prepared<'_>, k: usize, names: &NameSet, s: &mut Scratch) {
    let n = p.chars.len();
    let Some(t) = p.tokens.get(k) else {
        return;
    };
    let len = t.end - t.start;
    if names.is_empty() || !(2..=MAX_NAME_LEN).contains(&len) || t.end > n {
        return;
    }
    let Some(&kind) = names.get(&word_hash(p.slice(t.start, t.end))) else {
        return;
    };
    for i in t.start..t.end {
        let pos = if i == t.start {
            1
        } else if i + 1 == t.end {
            3
        } else {
            2
        };
        s.name[i] = u64::from(kind) * 64 + pos * 8 + len.min(7) as u64;
    }
}
