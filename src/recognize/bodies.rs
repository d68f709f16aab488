//! ORG for bodies named by their structure around a place or a known name — the second half of
//! the ORG rules (the first half, names ending in a suffix, is [`super::org`]):
//!
//! 1. **Committees of a place**: a place (or a county/city name) followed by its party committee,
//!    discipline commission, people's congress or political consultative conference:
//!    洪泽县委, 黑龙江省纪委, 北京市人大, 广东省政协.
//! 2. **A body inside a title word**: jieba keeps 外交部长, 人大代表, 政协委员 as one word; the
//!    known body at its head is an ORG (外交部, 人大, 政协) and the title stays outside.
//! 3. **Armed forces named by their state**: a one-char state or dynasty + 军 (美军, 日军, 清军).
//! 4. **A body glued to its numbered term** by jieba (第九届全国政协 is one word): the body.
//!
//! A legislature's numbered term before it (第十四届 in 第十四届全国政协委员) stays outside the
//! ORG, as the annotation rules decide (CLARIFICATIONS.md 9: 全国政协 in 第十三届全国政协常委);
//! the public MSRA corpus writes it inside, and scores about 0.005 lower for it.
//!
//! All rules work on token boundaries of the prepared (Simplified) text.

use super::lexicon::{self, Lexicon};
use super::{is_han, strip_prefix_quick, strip_suffix_quick, Candidate, CharSet, Prepared};
use crate::entity::Label;
use crate::segment::Segmenter;
use std::sync::LazyLock;

/// Committee words that follow the name of their place. The first four carry the level in
/// their first char, so a bare name (洪泽 + 县委) is enough; the rest need a known place.
static LEVEL_COMMITTEES: LazyLock<&[&str]> =
    LazyLock::new(|| super::org::vocab::list("level_committees"));
static PLACE_COMMITTEES: LazyLock<&[&str]> =
    LazyLock::new(|| super::org::vocab::list("place_committees"));

/// The committee words (in list order, level ones first) by their last char and by their first
/// char: a token is tried only against the words that can end it or begin it.
#[derive(Debug, Default)]
struct CommitteesByChar {
    by_last: rustc_hash::FxHashMap<char, Vec<&'static str>>,
    by_first: rustc_hash::FxHashMap<char, Vec<&'static str>>,
}

static COMMITTEES_BY_CHAR: LazyLock<CommitteesByChar> = LazyLock::new(|| {
    let mut m = CommitteesByChar::default();
    for c in LEVEL_COMMITTEES.iter().chain(*PLACE_COMMITTEES) {
        if let (Some(first), Some(last)) = (c.chars().next(), c.chars().last()) {
            m.by_last.entry(last).or_default().push(c);
            m.by_first.entry(first).or_default().push(c);
        }
    }
    m
});

/// The last chars of the committee words: only a token ending in one can end in a committee.
static COMMITTEE_LAST: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(COMMITTEES_BY_CHAR.by_last.keys().copied()));

/// The first chars of the committee words: only a token beginning with one can begin with a
/// committee.
static COMMITTEE_FIRST: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(COMMITTEES_BY_CHAR.by_first.keys().copied()));

/// Words that name a person holding a post: they may follow a committee inside one jieba word
/// (县委书记) and they follow a known body inside title words (外交部长, 人大代表).
static TITLES: LazyLock<&[&str]> = LazyLock::new(|| super::org::vocab::list("post_titles"));

/// Chars that end a body whose head is called 长 (部长, 局长, 厅长, 署长, and 院长 of a 院 whose
/// title drops one 院: 行政院长).
const HEADED_BY_ZHANG: &[char] = &['部', '局', '厅', '署', '处', '院'];

/// The last chars of title words: those of the [`TITLES`], and the 长 of 部长, 局长 ….
static TITLE_LAST: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(TITLES.iter().filter_map(|t| t.chars().last()).chain(['长'])));

/// The place-like test shared by the rules: a dictionary place, or a word of 3+ chars ending in
/// an administrative level (牡丹江市, 懷柔縣, 高升鎮).
pub fn is_place(lex: &Lexicon, word: &str) -> bool {
    lex.lookup(word).is_some_and(|e| e.label == Label::Loc)
        || (word.chars().count() >= 3
            && word.ends_with(['省', '市', '县', '区', '州', '镇', '乡', '盟', '旗']))
}

/// The token starting at char `i`, if it is a place ([`is_place`]): where a name that begins
/// with its place begins, or the place between an organization and its unit.
pub fn place_token_at(p: &Prepared, lex: &Lexicon, i: usize) -> Option<crate::segment::Token> {
    p.token_starting_at(i)
        .map(|t| p.tokens[t])
        .filter(|t| is_place(lex, p.slice(t.start, t.end)))
}

/// A country other than the ones this news is about (中国, 台湾 and their other names): its name
/// in front of a ministry is part of that ministry's name (印度 + 国防部), while 中国 + 工信部
/// keeps the country outside.
pub fn is_foreign_country(lex: &Lexicon, word: &str) -> bool {
    lex.lookup(word).is_some_and(|e| {
        e.label == Label::Loc && e.kind == "country" && !matches!(e.name.as_str(), "中國" | "臺灣")
    })
}

/// Proposes ORG candidates for bodies named by structure (see the module rules).
pub fn find(p: &Prepared, lex: &Lexicon, seg: &Segmenter, out: &mut Vec<Candidate>) {
    let picked = pick_tokens(p);
    committees(p, lex, seg, &picked.committees, out);
    title_words(p, lex, &picked.titles, out);
    if picked.minister_title {
        foreign_ministers(p, lex, out);
    }
    armies(p, lex, &picked.armies, out);
    glued_terms(p, lex, out);
}

/// Rule 4: a known body after a numbered term that jieba keeps in one word with it
/// (第九届全国政协 → 全国政协; 第十三届 + 全国政协 are two words and need no rule). The term
/// itself stays outside (see the module docs).
fn glued_terms(p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
    for tok in &p.tokens {
        let word = p.slice(tok.start, tok.end);
        let Some((term, body)) = word.split_once('届') else {
            continue;
        };
        let numbered = term == "首"
            || (term
                .strip_prefix('第')
                .is_some_and(|n| !n.is_empty() && n.chars().all(is_numeral)))
            || (!term.is_empty() && term.chars().all(|c| c.is_ascii_digit()));
        if !numbered || body.chars().count() < 2 {
            continue;
        }
        if let Some(e) = lex.lookup(body).filter(|e| e.label == Label::Org) {
            let start = tok.start + term.chars().count() + 1;
            out.push(lexicon::candidate(
                e,
                start,
                tok.end,
                crate::entity::Source::Dictionary,
            ));
        }
    }
}

/// A char of a term's number: 一 … 十, 百, 零, 〇 or an ASCII digit.
fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit()
}

/// The tokens each rule can fire on (indexes into `p.tokens`, in text order).
#[derive(Debug, Default)]
struct PickedTokens {
    /// Two chars or more, and a committee word may end or begin the token (a glued committee
    /// needs a place before it, a committee at the head is two chars).
    committees: Vec<usize>,
    /// A title word of three chars or more.
    titles: Vec<usize>,
    /// The token ends in 军, or is a one-char state before a token beginning with 军.
    armies: Vec<usize>,
    /// Some token ends in 部长 (the foreign-minister rule needs one).
    minister_title: bool,
}

/// The chars that end a token some rule fires on: committees, titles and 军.
static PICK_LAST: LazyLock<CharSet> = LazyLock::new(|| {
    let committees = LEVEL_COMMITTEES.iter().chain(*PLACE_COMMITTEES);
    let titles = TITLES.iter();
    CharSet::new(
        committees
            .chain(titles)
            .filter_map(|w| w.chars().last())
            .chain(['长', '军']),
    )
});

/// The chars that begin a token some rule fires on: committees and the states before 军.
static PICK_FIRST: LazyLock<CharSet> = LazyLock::new(|| {
    let committees = LEVEL_COMMITTEES.iter().chain(*PLACE_COMMITTEES);
    CharSet::new(
        committees
            .filter_map(|w| w.chars().next())
            .chain(ARMY_STATES.iter().copied()),
    )
});

/// Picks the tokens for the rules in one pass, by their first and last chars: the rules fire
/// on a few tokens in a thousand, and testing those two chars against bit tables is all that
/// the other tokens cost (instead of one pass per rule).
fn pick_tokens(p: &Prepared) -> PickedTokens {
    let (committee_last, committee_first): (&CharSet, &CharSet) =
        (&COMMITTEE_LAST, &COMMITTEE_FIRST);
    let (title_last, army_states): (&CharSet, &CharSet) = (&TITLE_LAST, &ARMY_STATE_SET);
    let (any_last, any_first): (&CharSet, &CharSet) = (&PICK_LAST, &PICK_FIRST);
    let mut picked = PickedTokens::default();
    for (t, tok) in p.tokens.iter().enumerate() {
        let len = tok.end.saturating_sub(tok.start);
        let (Some(first), Some(last)) = (p.char_at(tok.start), p.char_at(tok.end.wrapping_sub(1)))
        else {
            continue;
        };
        // one test for the tokens that no rule fires on (nearly all of them)
        if !any_last.contains(last) && !any_first.contains(first) {
            continue;
        }
        if len >= 2 && (committee_last.contains(last) || committee_first.contains(first)) {
            picked.committees.push(t);
        }
        if len >= 3 && title_last.contains(last) {
            picked.titles.push(t);
        }
        if len >= 2 && last == '长' && p.char_at(tok.end - 2) == Some('部') {
            picked.minister_title = true;
        }
        let ends_jun = len >= 1 && last == '军';
        let state_before_jun = len == 1
            && army_states.contains(first)
            && p.tokens
                .get(t + 1)
                .is_some_and(|n| p.char_at(n.start) == Some('军'));
        if ends_jun || state_before_jun {
            picked.armies.push(t);
        }
    }
    picked
}

/// Rule 1: place + committee. The committee may be a token of its own, or the head of a longer
/// token whose rest is a title (县委书记). `picked`: the tokens a committee word may end or
/// begin.
fn committees(
    p: &Prepared,
    lex: &Lexicon,
    seg: &Segmenter,
    picked: &[usize],
    out: &mut Vec<Candidate>,
) {
    for &t in picked {
        let tok = p.tokens[t];
        let (Some(first), Some(last)) = (p.char_at(tok.start), p.char_at(tok.end.wrapping_sub(1)))
        else {
            continue;
        };
        let word = p.slice(tok.start, tok.end);
        // the committee glued to its place in one token: 洪泽县委, 北京市政协
        for c in COMMITTEES_BY_CHAR.by_last.get(&last).into_iter().flatten() {
            if let Some(place) = strip_suffix_quick(word, c)
                && !place.is_empty()
                && is_place(lex, place)
            {
                out.push(Candidate::rule(Label::Org, tok.start, tok.end));
            }
        }
        // a committee at the head of this token, after the place token before it
        let Some(heads) = COMMITTEES_BY_CHAR.by_first.get(&first) else {
            continue;
        };
        let Some(prev) = t.checked_sub(1).map(|i| p.tokens[i]) else {
            continue;
        };
        let place = p.slice(prev.start, prev.end);
        for c in heads {
            let Some(rest) = strip_prefix_quick(word, c) else {
                continue;
            };
            if !(rest.is_empty() || TITLES.contains(&rest)) {
                continue;
            }
            let level = LEVEL_COMMITTEES.contains(c);
            let named = is_place(lex, place)
                || (level
                    && (2..=3).contains(&place.chars().count())
                    && place.chars().all(is_han)
                    && lex.lookup(place).is_none()
                    && !super::org::is_stop(place)
                    && seg
                        .pos(place)
                        .is_none_or(|t| matches!(t.as_str(), "ns" | "nr" | "nz" | "j")));
            if named {
                let end = tok.start + c.chars().count();
                out.push(Candidate::rule(Label::Org, prev.start, end));
            }
        }
    }
}

/// Rule 2: a known body at the head of a title word: 外交部长 → 外交部, 人大代表 → 人大.
/// `picked`: the tokens of three chars or more that end like a title.
fn title_words(p: &Prepared, lex: &Lexicon, picked: &[usize], out: &mut Vec<Candidate>) {
    for &t in picked {
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end);
        if let Some(c) = glued_head_title(p, lex, t) {
            out.push(c);
            continue;
        }
        let mut heads: Vec<&str> = TITLES
            .iter()
            .filter_map(|title| strip_suffix_quick(word, title))
            .collect();
        if let Some(body) = word.strip_suffix('长')
            && body.ends_with(HEADED_BY_ZHANG)
        {
            heads.push(body);
        }
        for body in heads {
            let len = body.chars().count();
            if len < 2 {
                continue;
            }
            let Some(e) = lex.lookup(body).filter(|e| e.label == Label::Org) else {
                continue;
            };
            // the word before may complete a longer known name (全国 + 人大代表 → 全国人大)
            let longer = t.checked_sub(1).map(|i| p.tokens[i]).and_then(|prev| {
                let whole = p.slice(prev.start, tok.start + len);
                lex.lookup(whole)
                    .filter(|e| e.label == Label::Org)
                    .map(|e| (prev.start, e))
            });
            if let Some((start, e)) = longer {
                if let Some((split, country)) = lex.describing_country(p, start, tok.start + len) {
                    let src = crate::entity::Source::Dictionary;
                    out.push(lexicon::candidate(country, start, split, src));
                    out.push(lexicon::candidate(e, split, tok.start + len, src));
                    continue;
                }
                out.push(lexicon::candidate(
                    e,
                    start,
                    tok.start + len,
                    crate::entity::Source::Dictionary,
                ));
                continue;
            }
            // a foreign country in front names its own ministry (爱沙尼亚 + 外交部长)
            let country = t
                .checked_sub(1)
                .map(|i| p.tokens[i])
                .filter(|c| is_foreign_country(lex, p.slice(c.start, c.end)));
            if let Some(c) = country {
                out.push(Candidate::rule(Label::Org, c.start, tok.start + len));
            } else {
                out.push(lexicon::candidate(
                    e,
                    tok.start,
                    tok.start + len,
                    crate::entity::Source::Dictionary,
                ));
            }
        }
    }
}

/// The body before a title word that jieba made of the body's last char and its head's title
/// (房屋 + 局局长, 发展 + 局局长): the word before and that char are a known body, the title
/// (局长) stays outside. `t`: the title word's token.
fn glued_head_title(p: &Prepared, lex: &Lexicon, t: usize) -> Option<Candidate> {
    let tok = p.tokens[t];
    let mut cs = p.chars.get(tok.start..tok.end)?.iter();
    let (Some(&a), Some(&b), Some('长'), None) = (cs.next(), cs.next(), cs.next(), cs.next())
    else {
        return None;
    };
    if a != b || !HEADED_BY_ZHANG.contains(&a) {
        return None;
    }
    let prev = p.tokens[t.checked_sub(1)?];
    let e = lex
        .lookup(p.slice(prev.start, tok.start + 1))
        .filter(|e| e.label == Label::Org)?;
    let src = crate::entity::Source::Dictionary;
    Some(lexicon::candidate(e, prev.start, tok.start + 1, src))
}

/// A foreign country, then the name of its ministry inside a minister's title:
/// 几内亚 + 计划 + 合作 + 部长 → 几内亚计划合作部 (the title's 长 stays outside).
/// Called only when some token ends in 部长.
fn foreign_ministers(p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
    for (t, tok) in p.tokens.iter().enumerate() {
        if !is_foreign_country(lex, p.slice(tok.start, tok.end)) {
            continue;
        }
        for k in t + 1..(t + 5).min(p.tokens.len()) {
            let w = p.slice(p.tokens[k].start, p.tokens[k].end);
            if matches!(w, "助理" | "副" | "前" | "代理" | "原") {
                break;
            }
            if w.ends_with("部长") && (k > t + 1 || w.chars().count() > 2) {
                let end = p.tokens[k].end - 1;
                out.push(Candidate::rule(Label::Org, tok.start, end));
                break;
            }
            if !w.chars().all(is_han) || super::org::is_stop(w) || w.ends_with('长') {
                break;
            }
        }
    }
}

/// One-char names of states and dynasties whose armed forces are called X军. Chars that are
/// also common surnames or words before 军 (吴军, 金军, 周军, 中军, 全军) are left out.
const ARMY_STATES: &[char] = &[
    '美', '日', '英', '法', '德', '俄', '苏', '韩', '朝', '越', '泰', '印', '清', '宋', '魏', '蜀',
    '楚', '秦', '齐', '燕', '元', '明', '唐', '晋', '隋', '辽', '汉', '以', '伊', '叙',
];

/// Words ending in 军 that are titles, ranks or kinds of troops rather than an army's name.
static ARMY_WORDS: LazyLock<&[&str]> = LazyLock::new(|| super::org::vocab::list("army_words"));

/// [`ARMY_STATES`] as a table (every one-char token is tested against it).
static ARMY_STATE_SET: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(ARMY_STATES.iter().copied()));

/// Rule 3: 美军, 日军, 清军 as a token of their own (or the state char as a token before 军).
/// `picked`: the tokens that end in 军, and the one-char tokens of a state.
fn armies(p: &Prepared, lex: &Lexicon, picked: &[usize], out: &mut Vec<Candidate>) {
    for &t in picked {
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end);
        let mut chars = word.chars();
        let glued = matches!(
            (chars.next(), chars.next(), chars.next()),
            (Some(s), Some('军'), None) if ARMY_STATES.contains(&s)
        );
        let split = word.chars().count() == 1
            && word
                .chars()
                .next()
                .is_some_and(|s| ARMY_STATES.contains(&s))
            && p.tokens
                .get(t + 1)
                .is_some_and(|n| p.slice(n.start, n.end) == "军");
        // a state char glued to the word before it (中美军事) is not a state here
        let starts_clean = tok.start == 0 || p.starts_token(tok.start);
        // a branch of the armed forces after its state or command (北京军区 + 空军)
        if matches!(word, "空军" | "海军" | "陆军" | "武警") && t > 0 {
            let prev = p.tokens[t - 1];
            let w = p.slice(prev.start, prev.end);
            if lex
                .lookup(w)
                .is_some_and(|e| matches!(e.label, Label::Loc | Label::Org))
            {
                out.push(Candidate::rule(Label::Org, prev.start, tok.end));
            }
        }
        // a named army of 3+ chars: 国民革命军, 护国军, 叙利亚自由军 (not 世界冠军, 大将军)
        let named_army = word.chars().count() >= 3
            && word.ends_with('军')
            && word.chars().all(is_han)
            && !ARMY_WORDS.iter().any(|w| word.ends_with(w))
            // a surname and a given name ending in 军 is a person (王立军)
            && !(word.chars().count() == 3
                && word.chars().next().is_some_and(|c| lexicon::SURNAMES.contains(c)))
            && p.starts_token(tok.start);
        if named_army {
            out.push(Candidate::rule(Label::Org, tok.start, tok.end));
        }
        if glued && starts_clean {
            out.push(Candidate::rule(Label::Org, tok.start, tok.end));
        } else if split {
            out.push(Candidate::rule(Label::Org, tok.start, tok.end + 1));
        }
    }
}

/// Rules 1–3 of this module: committees, bodies inside title words, armies (see [`find`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Bodies;

impl super::Recognizer for Bodies {
    fn name(&self) -> &'static str {
        "org-bodies"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        find(p, ctx.lexicon, ctx.segmenter, cands);
    }
}

/// Rule 5 of this module: **the administration of a zone** — a development zone, park or
/// cooperation zone found as a place, followed by the committee that runs it, is that body
/// (高新区 + 党工委, 粤港合作区 + 管委会). Runs after the place rules, whose zones it reads.
///
/// ```
/// let t = zhtag::Tagger::new();
/// let orgs: Vec<String> = t
///     .tag("粵港合作區管委會主任昨日出席。")
///     .into_iter()
///     .filter(|e| e.label == zhtag::Label::Org)
///     .map(|e| e.text)
///     .collect();
/// assert_eq!(orgs, ["粵港合作區管委會"]);
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct ZoneBodies;

/// The committees that run a zone (data: `zone_bodies`), longest first.
static ZONE_BODIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v = super::org::vocab::list("zone_bodies").to_vec();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
});

impl super::Recognizer for ZoneBodies {
    fn name(&self) -> &'static str {
        "zone-bodies"
    }
    fn labels(&self) -> &'static [Label] {
        &[Label::Org]
    }
    fn find(&self, p: &Prepared<'_>, _ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        let zones = cands.iter().filter(|c| {
            c.label == Label::Loc
                && matches!(p.char_at(c.end.wrapping_sub(1)), Some('区' | '园' | '城'))
        });
        let mut out = Vec::new();
        for z in zones {
            let rest = p
                .text
                .get(p.byte_of.get(z.end).copied().unwrap_or(p.text.len())..);
            let Some(body) = rest.and_then(|r| ZONE_BODIES.iter().find(|b| r.starts_with(**b)))
            else {
                continue;
            };
            let end = z.end + body.chars().count();
            // the committee ends a word, or a title is glued to it (党工委书记)
            let after = rest.and_then(|r| r.get(body.len()..)).unwrap_or("");
            if p.ends_token(end) || TITLES.iter().any(|t| after.starts_with(t)) {
                out.push(Candidate {
                    strong: true,
                    ..Candidate::rule(Label::Org, z.start, end)
                });
            }
        }
        cands.extend(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Token;

    /// jieba takes a fifth of a second to load: one for all tests.
    static SEG: std::sync::LazyLock<Segmenter> = std::sync::LazyLock::new(Segmenter::new);

    /// Builds a Prepared text from pre-cut words.
    fn prepared<'a>(text: &'a str, words: &[&str]) -> Prepared<'a> {
        let mut tokens = Vec::new();
        let mut at = 0;
        for w in words {
            let n = w.chars().count();
            tokens.push(Token {
                start: at,
                end: at + n,
            });
            at += n;
        }
        assert_eq!(at, text.chars().count(), "words cover the text");
        Prepared::new(text, tokens)
    }

    fn lexicon() -> Lexicon {
        let tsv_org = "name\ttype\taliases\n中华人民共和国外交部\tgovernment\t外交部\n人民代表大会\tgovernment\t人大\n全国人民代表大会\tgovernment\t全国人大\n";
        let tsv_loc = "name\tlevel\taliases\n北京市\tcity\t北京\n黑龙江省\tprovince\t黑龙江\n";
        let dicts = [
            crate::dictionary::Dictionary::parse("org.tsv", tsv_org).expect("org tsv"),
            crate::dictionary::Dictionary::parse("loc.tsv", tsv_loc).expect("loc tsv"),
        ];
        Lexicon::build(&dicts, &|forms| {
            forms.iter().map(|s| s.to_string()).collect()
        })
    }

    fn spans(p: &Prepared, c: &[Candidate]) -> Vec<String> {
        c.iter()
            .map(|c| p.slice(c.start, c.end).to_string())
            .collect()
    }

    /// What [`find`] proposes in `text`, cut into `words`.
    fn found(text: &str, words: &[&str]) -> Vec<String> {
        let p = prepared(text, words);
        let mut out = Vec::new();
        find(&p, &lexicon(), &SEG, &mut out);
        spans(&p, &out)
    }

    /// The picker drops a token after testing PICK_LAST and PICK_FIRST only: they must hold
    /// every char the per-rule tests accept.
    #[test]
    fn the_pick_tables_hold_every_char_a_rule_starts_from() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            if COMMITTEE_LAST.contains(c) || TITLE_LAST.contains(c) || c == '军' {
                assert!(PICK_LAST.contains(c), "{c}");
            }
            if COMMITTEE_FIRST.contains(c) || ARMY_STATE_SET.contains(c) {
                assert!(PICK_FIRST.contains(c), "{c}");
            }
        }
    }

    #[test]
    fn a_county_name_before_its_party_committee_is_one_org() {
        assert_eq!(
            found("任洪泽县委书记", &["任", "洪泽", "县委书记"]),
            ["洪泽县委"]
        );
    }

    #[test]
    fn a_known_place_before_its_discipline_commission_is_one_org() {
        assert_eq!(
            found("经黑龙江省纪委审议", &["经", "黑龙江省", "纪委", "审议"]),
            ["黑龙江省纪委"]
        );
    }

    #[test]
    fn a_verb_before_a_committee_names_nothing() {
        let spans = found("经过市委审议", &["经过", "市委", "审议"]);
        assert!(spans.is_empty(), "{spans:?}");
    }

    #[test]
    fn the_body_at_the_head_of_a_title_word_is_an_org() {
        assert_eq!(
            found("外交部长会见人大代表", &["外交部长", "会见", "人大代表"]),
            ["外交部", "人大"]
        );
    }

    #[test]
    fn a_state_char_before_jun_names_its_armed_forces() {
        assert_eq!(
            found("美军撤出后全军", &["美军", "撤出", "后", "全军"]),
            ["美军"]
        );
    }

    #[test]
    fn a_body_glued_to_its_numbered_term_is_found_without_the_term() {
        let lex = lexicon();
        let p = prepared(
            "曾任第九届全国人大代表",
            &["曾任", "第九届全国人大", "代表"],
        );
        let mut out = Vec::new();
        glued_terms(&p, &lex, &mut out);
        assert_eq!(spans(&p, &out), ["全国人大"]);
        // no number before 届: not a term (本届 is "this term")
        let p = prepared("本届全国人大", &["本届全国人大"]);
        let mut out = Vec::new();
        glued_terms(&p, &lex, &mut out);
        assert!(out.is_empty());
    }
}
