//! LOC by structure, over the dictionary's places (CLARIFICATIONS rules 12–14):
//!
//! * a city or county written together with one of its districts is one place (新北三重, 深圳前海);
//! * a region or district with 區 is one place (港島區, 新界區), also where the segmenter glued
//!   the 區 to it (九龍區 as one word);
//! * a government-designated zone, park or planned district named after a place: a place (or a
//!   pair of one-character abbreviations, 粵澳, 深港) followed, without a break, by a zone word
//!   (橫琴自貿片區, 粵澳合作產業園, 前海深港國際金融城, 深港文創小鎮);
//! * a one-character abbreviation standing for the place itself after a word of motion or
//!   stance (來台, 赴美, 對美, 到澳, 全台, 本澳); in a compound (台商, 港股, 美元) it is none.

use super::{Candidate, Context, Prepared, Recognizer};
use crate::charset::CharSet;
use crate::entity::{Label, Normalized, Source};
use std::sync::LazyLock;

/// The embedded file of the LOC rules' word lists, as errors report it: a header line
/// `list<TAB>word`, then one word a line (the format of [`crate::vocab`]).
pub const VOCAB_FILE: &str = "dictionaries/loc_rules.tsv";

/// The names of the LOC rules' word lists, each documented where the rule reads it.
pub const VOCAB_LISTS: &[&str] = &[
    "zone_heads",
    "generic_zone_heads",
    "break_chars",
    "break_words",
    "facility_heads",
    "not_after_qu",
    "direction_districts",
];

/// The embedded file, parsed on first use (the format and its checks: [`crate::vocab`]).
pub(crate) static VOCAB: crate::vocab::Embedded = crate::vocab::Embedded::new(
    VOCAB_FILE,
    include_str!("../../dictionaries/loc_rules.tsv"),
    VOCAB_LISTS,
);

/// The zone rules' words as char sequences, with bit tables of the chars a search tests at
/// every position (the zone search runs from every place of every sentence, so a test that
/// rejects most positions with one load matters).
struct ZoneWords {
    /// Zone words (prepared text: Simplified): 工业园区, 保税区, 新区; with whether each is
    /// generic (needs a descriptor before it).
    heads: Vec<(Vec<char>, bool)>,
    /// The last chars of the zone words: only a name ending in one of them is compared.
    head_ends: CharSet,
    /// Chars that end a zone name's search: function words, list marks, and the level words
    /// of another place (美國南達科他州小鎮 is a town somewhere, no zone).
    break_chars: CharSet,
    /// Verbs that start a new clause (杭州钱塘新区 | 设立集聚区).
    break_words: Vec<Vec<char>>,
    /// Their first chars.
    break_starts: CharSet,
}

static ZONE_WORDS: LazyLock<ZoneWords> = LazyLock::new(|| {
    let chars = |w: &str| w.chars().collect::<Vec<char>>();
    let generic = VOCAB.get("generic_zone_heads");
    let heads: Vec<(Vec<char>, bool)> = VOCAB
        .get("zone_heads")
        .iter()
        .map(|h| (chars(h), generic.contains(h)))
        .collect();
    let break_words: Vec<Vec<char>> = VOCAB.get("break_words").iter().map(|w| chars(w)).collect();
    ZoneWords {
        head_ends: CharSet::new(heads.iter().filter_map(|(h, _)| h.last().copied())),
        heads,
        break_chars: CharSet::new(
            VOCAB
                .get("break_chars")
                .iter()
                .filter_map(|w| w.chars().next()),
        ),
        break_starts: CharSet::new(break_words.iter().filter_map(|w| w.first().copied())),
        break_words,
    }
});

/// Whether the name's search ends at `j`: a non-Han char, a break char, or a verb that starts
/// a new clause (杭州钱塘新区 | 设立集聚区).
fn breaks_name(p: &Prepared<'_>, j: usize) -> bool {
    let Some(c) = p.char_at(j) else {
        return true;
    };
    let words = &*ZONE_WORDS;
    if !super::is_han(c) || words.break_chars.contains(c) {
        return true;
    }
    words.break_starts.contains(c)
        && words
            .break_words
            .iter()
            .any(|w| p.chars.get(j..j + w.len()) == Some(w.as_slice()))
}

/// The longest zone word ending at or before `j` and after `after`: its end.
fn zone_end(p: &Prepared<'_>, after: usize, j: usize) -> Option<usize> {
    let words = &*ZONE_WORDS;
    (after + 1..=j).rev().find(|&end| {
        p.char_at(end - 1)
            .is_some_and(|c| words.head_ends.contains(c))
            && words.heads.iter().any(|(h, generic)| {
                // a generic head needs a descriptor before it: 深港文創小鎮, not 德州小鎮
                let min = h.len() + usize::from(*generic);
                end >= after + min && p.chars.get(end - h.len()..end) == Some(h.as_slice())
            })
    })
}

/// One-character place abbreviations (Simplified).
const ABBREVIATIONS: [char; 13] = [
    '台', '港', '澳', '美', '陆', '粤', '深', '珠', '沪', '京', '川', '闽', '琼',
];

/// A bit per abbreviation at its code point mod 64: most chars are rejected by one test (this
/// runs on every char of the text).
const ABBREVIATION_BITS: u64 = {
    let mut m = 0u64;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        m |= 1 << (ABBREVIATIONS[i] as u32 % 64);
        i += 1;
    }
    m
};

fn is_abbreviation(c: char) -> bool {
    ABBREVIATION_BITS >> (c as u32 % 64) & 1 == 1 && ABBREVIATIONS.contains(&c)
}

/// The abbreviations that stand alone after `prefix`, and which: 本 is Hong Kong's and Macau's
/// own usage (本港, 本澳; 本台 is a broadcaster), 到港/离港 are also a ship's arrival and
/// departure.
fn stands_alone_after(prefix: char, abbr: char) -> bool {
    match prefix {
        '本' => matches!(abbr, '港' | '澳'),
        '全' => matches!(abbr, '台' | '港' | '澳' | '美'),
        '到' => matches!(abbr, '台' | '澳' | '美'),
        '来' | '赴' | '抵' | '访' | '返' | '回' | '对' | '驻' | '在' | '留' | '旅' => {
            matches!(abbr, '台' | '港' | '澳' | '美' | '陆')
        }
        _ => false,
    }
}

/// The dictionary's place level of a candidate, if it is a place.
fn place_kind(c: &Candidate) -> Option<&str> {
    match (&c.label, &c.source, &c.normalized) {
        // the municipalities (北京市, 上海市) are cities for the district rules
        (
            Label::Loc,
            Source::Dictionary,
            Normalized::Name {
                kind: Some(k),
                name,
            },
        ) if k == "province" && name.ends_with('市') => Some("city"),
        (Label::Loc, Source::Dictionary, Normalized::Name { kind: Some(k), .. }) => Some(k),
        _ => None,
    }
}

/// LOC by structure (see the module doc).
///
/// ```
/// let t = zhtag::Tagger::new();
/// let locs: Vec<String> = t
///     .tag("旅客赴美前,先到新北三重的物流園區")
///     .into_iter()
///     .filter(|e| e.label == zhtag::Label::Loc)
///     .map(|e| e.text)
///     .collect();
/// assert_eq!(locs, ["美", "新北三重"]);
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct LocRules;

impl Recognizer for LocRules {
    fn name(&self) -> &'static str {
        "loc rules"
    }
    fn labels(&self) -> &'static [Label] {
        &[Label::Loc]
    }
    fn find(&self, p: &Prepared<'_>, ctx: &Context<'_>, cands: &mut Vec<Candidate>) {
        let places: Vec<(usize, usize, &str)> = cands
            .iter()
            .filter_map(|c| place_kind(c).map(|k| (c.start, c.end, k)))
            .collect();
        let mut out = Vec::new();
        city_and_district(p, &places, &mut out);
        city_and_bare_district(p, ctx, &places, &mut out);
        glued_region(p, ctx, &mut out);
        glued_place(p, ctx, &mut out);
        glued_facility(p, ctx, &mut out);
        zones(p, &places, &mut out);
        abbreviations(p, ctx, &mut out);
        cands.extend(
            out.into_iter()
                .map(|(s, e)| Candidate::rule(Label::Loc, s, e)),
        );
    }
}

/// 新北三重, 深圳前海 (city or county + district), and 港島區 (region or district + 區).
fn city_and_district(
    p: &Prepared<'_>,
    places: &[(usize, usize, &str)],
    out: &mut Vec<(usize, usize)>,
) {
    for &(s, e, kind) in places {
        // written together without the level word: 新北三重, but 新北市板橋 is two places
        let bare = !matches!(p.char_at(e.wrapping_sub(1)), Some('市' | '县' | '省'));
        if matches!(kind, "city" | "county")
            && let Some(&(_, e2, _)) = places
                .iter()
                .find(|&&(s2, _, k2)| s2 == e && k2 == "district")
        {
            // with the level word the district has its own: 台北市信義區, not 新北市板橋
            let leveled = matches!(p.char_at(e2.wrapping_sub(1)), Some('区' | '镇' | '乡'));
            if bare || leveled {
                out.push((s, e2));
            }
        }
        // 台中市北区, 台南东区: a city's district named by a direction, a word of its own
        // elsewhere (北区 of any town), is one place with the city written before it
        if kind == "city"
            && e + 2 <= p.chars.len()
            && VOCAB
                .get("direction_districts")
                .contains(&p.slice(e, e + 2))
            && !continues_qu(p, e + 2)
        {
            out.push((s, e + 2));
        }
        let last = p.char_at(e.wrapping_sub(1));
        if matches!(kind, "region" | "district")
            && p.char_at(e) == Some('区')
            && !matches!(last, Some('区' | '市' | '县' | '省' | '镇'))
            && !continues_qu(p, e + 1)
        {
            out.push((s, e + 1));
        }
    }
}

/// Whether the char at `i` makes the 区 before it part of another word: 区议会, 区域, 区长.
fn continues_qu(p: &Prepared<'_>, i: usize) -> bool {
    p.char_at(i)
        .is_some_and(|n| VOCAB.get("not_after_qu").iter().any(|w| w.starts_with(n)))
}

/// 桃园观音: a city or county written together with the bare name of a district whose
/// dictionary entry has no bare alias (观音 alone is a deity; 观音区 is the district). After its
/// city the bare name is the district: the word there plus 区 is a district of the dictionary.
fn city_and_bare_district(
    p: &Prepared<'_>,
    ctx: &Context<'_>,
    places: &[(usize, usize, &str)],
    out: &mut Vec<(usize, usize)>,
) {
    for &(s, e, kind) in places {
        let bare = !matches!(p.char_at(e.wrapping_sub(1)), Some('市' | '县' | '省'));
        if !matches!(kind, "city" | "county") || !bare || places.iter().any(|pl| pl.0 == e) {
            continue;
        }
        let Some(t) = p.token_starting_at(e).and_then(|t| p.tokens.get(t)) else {
            continue;
        };
        if t.end - t.start != 2 || !p.slice(t.start, t.end).chars().all(super::is_han) {
            continue;
        }
        let mut district = p.slice(t.start, t.end).to_string();
        district.push('区');
        let known = ctx
            .lexicon
            .lookup(&district)
            .is_some_and(|d| d.label == Label::Loc && d.kind == "district");
        if known {
            out.push((s, t.end));
        }
    }
}

/// 九龙区 read as one word by the segmenter: a region or district of the dictionary with 区
/// glued to it is that place's 区 (the dictionary match needs a token boundary after 九龙).
fn glued_region(p: &Prepared<'_>, ctx: &Context<'_>, out: &mut Vec<(usize, usize)>) {
    for t in &p.tokens {
        if t.end - t.start < 3 || p.char_at(t.end - 1) != Some('区') {
            continue;
        }
        let word = p.slice(t.start, t.end);
        let head = p.slice(t.start, t.end - 1);
        let region = ctx
            .lexicon
            .lookup(head)
            .is_some_and(|e| e.label == Label::Loc && matches!(e.kind, "region" | "district"));
        if region && ctx.lexicon.lookup(word).is_none() {
            out.push((t.start, t.end));
        }
    }
}

/// 上海浦东新区, 苏州工业园区 read as one word by the segmenter that the dictionary does not
/// know: a city, county or province of the dictionary glued to one of its districts or to a
/// zone name (the dictionary match needs a token boundary after 苏州).
fn glued_place(p: &Prepared<'_>, ctx: &Context<'_>, out: &mut Vec<(usize, usize)>) {
    let is_loc = |w: &str, kinds: &[&str]| {
        ctx.lexicon
            .lookup(w)
            .is_some_and(|e| e.label == Label::Loc && kinds.contains(&e.kind))
    };
    for t in &p.tokens {
        if t.end - t.start < 4
            || !p.slice(t.start, t.end).chars().all(super::is_han)
            || ctx.lexicon.lookup(p.slice(t.start, t.end)).is_some()
        {
            continue;
        }
        let glued = (2..=4.min(t.end - t.start - 2)).any(|k| {
            let rest = t.start + k;
            is_loc(p.slice(t.start, rest), &["city", "county", "province"])
                && (is_loc(p.slice(rest, t.end), &["district"])
                    || zone_end(p, rest, t.end) == Some(t.end))
        });
        if glued {
            out.push((t.start, t.end));
        }
    }
}

/// 罗湖口岸, 澳门国际机场, 高雄港 read as one word by the segmenter: a facility named after a
/// place of the dictionary gets no label, the place in it is LOC (CLARIFICATIONS rule 11).
fn glued_facility(p: &Prepared<'_>, ctx: &Context<'_>, out: &mut Vec<(usize, usize)>) {
    let heads = VOCAB.get("facility_heads");
    for t in &p.tokens {
        let len = t.end - t.start;
        if len < 3 {
            continue;
        }
        // the facility word first: it rejects nearly every token without a lexicon lookup
        let place = (2..=4.min(len - 1)).rev().find(|&k| {
            let rest = t.start + k;
            heads.contains(&p.slice(rest, t.end))
                && ctx
                    .lexicon
                    .lookup(p.slice(t.start, rest))
                    .is_some_and(|e| e.label == Label::Loc)
        });
        let word = p.slice(t.start, t.end);
        if let Some(k) = place
            && word.chars().all(super::is_han)
            && ctx.lexicon.lookup(word).is_none()
        {
            out.push((t.start, t.start + k));
        }
    }
}

/// A zone named after a place: from a place, or two abbreviations at a token start, to the
/// longest zone word within 14 chars without a break.
fn zones(p: &Prepared<'_>, places: &[(usize, usize, &str)], out: &mut Vec<(usize, usize)>) {
    let n = p.chars.len();
    let mut starts: Vec<(usize, usize)> = places.iter().map(|&(s, e, _)| (s, e)).collect();
    for i in 0..n.saturating_sub(1) {
        let pair = p.char_at(i).is_some_and(is_abbreviation)
            && p.char_at(i + 1).is_some_and(is_abbreviation);
        if pair && p.starts_token(i) {
            starts.push((i, i + 2));
        }
    }
    for (s, after) in starts {
        let limit = (s + 14).min(n);
        let mut j = after;
        while j < limit && !breaks_name(p, j) {
            j += 1;
        }
        let best = zone_end(p, after, j);
        if let Some(end) = best {
            out.push((s, end));
        }
    }
}

/// 來台, 赴美, 對美, 到澳, 全台, 本澳: only the abbreviation is the place. The prefix starts a
/// token (not 受到美製), the abbreviation is its own token or ends the prefix's, it starts no
/// longer place (台中) and modifies no one-character noun after it (美製; 台商, 港股, 美元 are
/// single tokens anyway).
fn abbreviations(p: &Prepared<'_>, ctx: &Context<'_>, out: &mut Vec<(usize, usize)>) {
    for i in 1..p.chars.len() {
        let (Some(prefix), Some(abbr)) = (p.char_at(i - 1), p.char_at(i)) else {
            continue;
        };
        if !is_abbreviation(abbr)
            || !stands_alone_after(prefix, abbr)
            || !p.starts_token(i - 1)
            || !p.ends_token(i + 1)
        {
            continue;
        }
        let next = p.char_at(i + 1);
        // 美/製 (one-character nouns after it), but 本澳/商人
        if next.is_some_and(modified_noun) && p.ends_token(i + 2) {
            continue;
        }
        let longer = p.chars.get(i..i + 2).map(|w| w.iter().collect::<String>());
        if longer.is_some_and(|w| {
            ctx.lexicon
                .lookup(&w)
                .is_some_and(|e| e.label == Label::Loc)
        }) {
            continue;
        }
        out.push((i, i + 1));
    }
}

/// Nouns a place abbreviation modifies when it stands before them (美製, 台商, 港股, 澳企).
fn modified_noun(c: char) -> bool {
    matches!(
        c,
        '制' | '产'
            | '籍'
            | '系'
            | '方'
            | '军'
            | '股'
            | '企'
            | '商'
            | '资'
            | '元'
            | '币'
            | '债'
            | '汇'
            | '胞'
            | '媒'
            | '厂'
            | '货'
            | '府'
    )
}
