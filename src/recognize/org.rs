//! ORG for names not in any dictionary.
//!
//! Three rules, all on token boundaries of the prepared (Simplified) text:
//! 1. **Suffix**: name tokens followed by an organization suffix (有限公司, 集团, 银行, 大学,
//!    委员会, 管理局, 政府 …): 芜湖楚睿智能科技有限公司, 大橡塑公司. The name must hold at least one
//!    token that is not a generic descriptor (科技公司, 该公司 and 上市公司 are not names).
//! 2. **Government body by structure**: a place or a known organization, then a name, then a
//!    short government suffix (局, 厅, 委, 办, 署, 司 …): 大连市工业和信息化局,
//!    国家发改委资源节约与环保司. A place in front of a body that is itself in the dictionary stays
//!    outside (中国 + 工业和信息化部).
//! 3. **Lists of companies**: the members of `A、B、C等…企业` are organizations
//!    (中触媒、科利德、中科催化等一批…企业), and so is a place-initial name followed by its quoted
//!    product (大连锦尚天华“旋律婚纱”).
//! 4. **Media accounts**: a quoted `…号` next to 平台/自媒体/用户 (“机电号”用户).
//! 5. **Declared short forms**: `全名(以下简称短名)` makes every later 短名 an ORG with the full
//!    name as canonical ([`declarations`]).

pub mod vocab;

use std::sync::LazyLock;

use super::lexicon::Lexicon;
use super::{in_list, is_han, Candidate, CharSet, Prepared};
use crate::entity::{Label, Normalized, Source};
use crate::segment::Segmenter;

/// Suffixes that end an organization name; longest first.
static SUFFIXES: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("suffixes"));

/// Short suffixes of government bodies: only after a place or a known organization.
static GOV_SUFFIXES: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("gov_suffixes"));

/// Tokens that can never be part of a name (function words, reporting verbs, titles).
static STOP: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("stop"));

/// Words ending in these name a class of organizations (龙头企业, 软件基地, 国有银行业): a
/// name never runs over them.
static CATEGORY_ENDS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("category_ends"));

/// Single characters that stop a name in running text but occur inside long registered names,
/// where jieba's HMM may cut them out (睿智/能/科技有限公司).
static WEAK_STOP: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("weak_stop"));

/// Words that describe an organization without naming it.
static GENERIC: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("generic"));

/// [`STOP`] as a hash set: the rules test nearly every token they walk over.
static STOP_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
    std::sync::LazyLock::new(|| STOP.iter().copied().collect());

/// [`GENERIC`] as a hash set ([`is_generic`] tests every split of a word).
static GENERIC_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
    std::sync::LazyLock::new(|| GENERIC.iter().copied().collect());

/// A word that can never be part of a name: a `STOP` word, or a word naming a class of
/// organizations (`CATEGORY_ENDS`).
pub fn is_stop(word: &str) -> bool {
    STOP_SET.contains(word)
        || CATEGORY_ENDS
            .iter()
            .any(|e| word.len() > e.len() && super::strip_suffix_quick(word, e).is_some())
}

/// A generic word, or a compound of two generic words (生物科技, 新能源).
fn is_generic(word: &str) -> bool {
    if GENERIC_SET.contains(word) {
        return true;
    }
    word.char_indices()
        .skip(1)
        .any(|(i, _)| GENERIC_SET.contains(&word[..i]) && GENERIC_SET.contains(&word[i..]))
}

fn is_name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || c == '&'
}

/// The ORG rules. They consult the lexicon for places and known organizations.
#[derive(Debug, Default, Clone)]
pub struct OrgRules;

impl OrgRules {
    /// Proposes ORG candidates for unseen names in `p`.
    pub fn find(&self, p: &Prepared, lex: &Lexicon, seg: &Segmenter, out: &mut Vec<Candidate>) {
        // every position where an org suffix ends at a token boundary
        let last_chars: &CharSet = &SUFFIX_LAST_CHARS;
        for (i, &c) in p.chars.iter().enumerate() {
            // cheap filter first: only chars that end some suffix can end a name (one table
            // test), and only the suffixes ending in that char need to be tried
            let end = i + 1;
            if !last_chars.contains(c) || !p.ends_token(end) {
                continue;
            }
            let Some(ending) = SUFFIXES_BY_LAST_CHAR.get(&c) else {
                continue;
            };
            if super::lexicon::is_head_title(p, end) && ends_known_word(p, lex, end) {
                continue;
            }
            if let Some(c) = known_name_across_tokens(p, lex, end, &ending.org) {
                out.push(c);
            }
            if let Some(suffix_len) = longest_suffix(p, end, &ending.org) {
                if let Some(c) = suffix_rule(p, lex, seg, end - suffix_len, end - suffix_len, end) {
                    out.push(c);
                }
            } else if let Some((name_end, suffix_start)) = suffix_inside_token(p, end, &ending.org)
            {
                if let Some(c) = suffix_rule(p, lex, seg, name_end, suffix_start, end) {
                    out.push(c);
                }
            } else if let Some(suffix_len) = longest_suffix(p, end, &ending.gov) {
                if let Some(c) = gov_rule(p, lex, seg, end - suffix_len, end - suffix_len, end) {
                    out.push(c);
                }
            } else if let Some(t) = p.token_ending_at(end) {
                // a government suffix inside a word (宗教/事务局): the word's first part is a name
                let tok = p.tokens[t];
                let last = p.slice(end - 1, end);
                // (a known body in such a word, 调查局, still takes the place before it:
                // 加拿大地质调查局; gov_rule keeps a country outside a national body)
                // (…常委 is a member's title: 中央政治局常委, 省委常委)
                let title = p.slice(tok.start, end).ends_with("常委");
                if tok.end - tok.start >= 3
                    && GOV_SUFFIXES.contains(&last)
                    && !title
                    && let Some(c) = gov_rule(p, lex, seg, tok.start, end - 1, end)
                {
                    out.push(c);
                }
            }
        }
        latin_legal_rule(p, out);
        company_rule(p, lex, seg, out);
        team_rule(p, lex, seg, out);
        let marks = list_and_quote_marks(p);
        list_rule(p, lex, seg, &marks.deng, out);
        product_rule(p, lex, &marks.quotes, out);
        account_rule(p, &marks.quotes, out);
    }
}

/// True when the token ending at `end` is a dictionary form (财政司 before 司长: Hong Kong's
/// secretaries are titles, while a mainland 环保司司长 heads a department named by the rule).
fn ends_known_word(p: &Prepared, lex: &Lexicon, end: usize) -> bool {
    p.token_ending_at(end)
        .map(|t| p.tokens[t])
        .is_some_and(|t| lex.lookup(p.slice(t.start, t.end)).is_some())
}

/// Heads of team names; longest first.
static TEAM_HEADS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("team_heads"));

/// The last chars of the [`TEAM_HEADS`]: the team rule looks only at tokens ending in one.
static TEAM_HEAD_LAST_CHARS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::new(TEAM_HEADS.iter().filter_map(|h| h.chars().last())));

/// Words before 队 that say what kind of team it is, not whose (球队, 消防队, 篮球队). After a
/// place they are part of the team's name (中国 + 羽毛球女队).
static TEAM_KINDS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("team_kinds"));

/// Words before 队 that make a force or a squad, not a team.
static NOT_TEAMS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("not_teams"));

/// Sports teams and delegations: a place before the head (中国队, 印尼女队, 中国 + 国家 + 女队,
/// 深圳 + 平安队), or a proper name glued to 队 in one word (鲁能泰山队, 天津泰达队).
fn team_rule(p: &Prepared, lex: &Lexicon, seg: &Segmenter, out: &mut Vec<Candidate>) {
    let head_last: &CharSet = &TEAM_HEAD_LAST_CHARS;
    let is_loc = |w: &str| lex.lookup(w).is_some_and(|e| e.label == Label::Loc);
    for (t, tok) in p.tokens.iter().enumerate() {
        // cheap filter: the token ends like a team head
        if !p
            .char_at(tok.end.wrapping_sub(1))
            .is_some_and(|c| head_last.contains(c))
        {
            continue;
        }
        let word = p.slice(tok.start, tok.end);
        let Some(head) = TEAM_HEADS.iter().find(|h| word.ends_with(*h)) else {
            continue;
        };
        let x = &word[..word.len() - head.len()];
        // armies, police and fleets are not teams (军队, 部队, 刑警队, 舰队)
        if NOT_TEAMS.iter().any(|n| x.ends_with(n)) {
            continue;
        }
        // the team's own name: inside the word (鲁能泰山队), or the word before a bare head
        // (四川全兴 + 队)
        let proper = |x: &str| {
            x == "国家"
                || x.chars().count() >= 2
                    && !x.starts_with(|c: char| {
                        super::is_small_numeral(c) || matches!(c, '几' | '多' | '各')
                    })
                    && x.chars().all(is_han)
                    && !TEAM_KINDS.contains(&x)
                    && !is_stop(x)
                    && (lex.lookup(x).is_some_and(|e| e.label == Label::Org)
                        || is_loc(x)
                        || seg.pos(x).is_none_or(|t| {
                            matches!(t.as_str(), "nz" | "nr" | "nrt" | "ns" | "nt" | "j")
                        }))
        };
        if proper(x) {
            out.push(rule_candidate(tok.start, tok.end));
        }
        // a place in front, maybe with 国家 or a sport between: 中国 + 国家 + 女队
        let mut k = t;
        while k > 0 && t - k < 3 {
            let prev = p.tokens[k - 1];
            let w = p.slice(prev.start, prev.end);
            if is_loc(w) {
                out.push(rule_candidate(prev.start, tok.end));
                break;
            }
            let named = k == t && x.is_empty() && *head != "代表团" && proper(w);
            if named {
                out.push(rule_candidate(prev.start, tok.end));
            } else if !TEAM_KINDS.contains(&w) {
                break;
            }
            k -= 1;
        }
    }
}

/// Heads that make a `…等` list a list of organizations.
static LIST_HEADS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("list_heads"));

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，'
            | '。'
            | ';'
            | '；'
            | ':'
            | '：'
            | '!'
            | '?'
            | '！'
            | '？'
            | '\n'
            | '('
            | ')'
            | '（'
            | '）'
    )
}

/// Words that join the last two members of a list (A、B和C等企业; data: `list_conjunctions`).
static LIST_CONJUNCTIONS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("list_conjunctions"));

/// The start of the conjunction token that ends at char `i` (B + 和 + C), if one does.
fn conjunction_before(p: &Prepared, i: usize) -> Option<usize> {
    let t = p.tokens[p.token_ending_at(i)?];
    super::in_list(p.slice(t.start, t.end), &LIST_CONJUNCTIONS).then_some(t.start)
}

/// True for a word no name ends in: an adverb, time or place word, preposition, conjunction,
/// pronoun or particle (by its jieba tag).
fn ends_no_name(seg: &Segmenter, word: &str) -> bool {
    seg.pos(word).is_some_and(|t| {
        matches!(
            t.as_str(),
            "d" | "ad" | "t" | "f" | "p" | "c" | "r" | "y" | "e" | "o"
        ) || t.starts_with('u')
    })
}

/// True when chars `s..e` read as a proper name, not a common phrase: a dictionary ORG, or a
/// token jieba does not know or tags as a proper noun (a place name only beside other words:
/// 台湾 + 航电, not 乌苏里江 alone). Lists joined by a conjunction ask this of every member, as
/// 和/与 also join common nouns (农业合作社和贸易组织等单位, 黑龙江与乌苏里江等流域).
fn proper_member(p: &Prepared, lex: &Lexicon, seg: &Segmenter, s: usize, e: usize) -> bool {
    if lex
        .lookup(p.slice(s, e))
        .is_some_and(|x| x.label == Label::Org)
    {
        return true;
    }
    let mut i = s;
    while let Some(t) = p
        .token_starting_at(i)
        .map(|t| p.tokens[t])
        .filter(|t| t.end <= e)
    {
        let whole = t.start == s && t.end == e;
        let w = p.slice(t.start, t.end);
        // (jieba splits an unseen name into single chars: 升阳 + 微)
        let single = t.end - t.start == 1 && !is_stop(w);
        let proper = single
            || seg.pos(w).is_none_or(|tag| {
                matches!(
                    tag.as_str(),
                    "" | "nz" | "nr" | "nrt" | "nt" | "j" | "x" | "eng"
                ) || (tag == "ns" && !whole)
            });
        if proper {
            return true;
        }
        i = t.end;
    }
    false
}

/// `A、B、C等(一批)…企业`, `A、B和C等企业`, `B与C等厂商`: every member of 2–8 name
/// characters is an organization. `deng`: the positions of 等 ([`Marks`]).
fn list_rule(
    p: &Prepared,
    lex: &Lexicon,
    seg: &Segmenter,
    deng: &[usize],
    out: &mut Vec<Candidate>,
) {
    let n = p.len();
    for &deng in deng {
        if deng == 0 || !is_name_char(p.chars[deng - 1]) {
            continue;
        }
        // the head noun must follow within the clause
        let clause_end = (deng + 1..n.min(deng + 30))
            .find(|&i| is_clause_break(p.chars[i]))
            .unwrap_or(n.min(deng + 30));
        let tail = p.slice(deng + 1, clause_end);
        if !LIST_HEADS.iter().any(|h| tail.contains(h)) {
            continue;
        }
        // members, walking left over 、
        let mut members = Vec::new();
        let mut joined = false;
        let mut end = deng;
        loop {
            let mut start = end;
            // (a conjunction is a name char too: 和 ends the walk when a token of its own)
            while start > 0
                && is_name_char(p.chars[start - 1])
                && end - start < 9
                && conjunction_before(p, start).is_none()
            {
                start -= 1;
            }
            let len = end - start;
            let before = start.checked_sub(1).map(|i| p.chars[i]);
            let conjunction = conjunction_before(p, start);
            let bounded = matches!(before, None | Some('、'))
                || before.is_some_and(is_clause_break)
                || conjunction.is_some();
            if !(2..=8).contains(&len) || !bounded || !p.starts_token(start) {
                break;
            }
            members.push((start, end));
            end = match (before, conjunction) {
                (_, Some(c)) => {
                    joined = true;
                    c
                }
                (Some('、'), None) => start - 1,
                _ => break,
            };
        }
        if members.len() >= 2 {
            for (mut s, e) in members {
                // the first member may carry the words that open the clause (据 + 对 + 沈阳)
                while let Some(t) = p.token_starting_at(s).filter(|&t| p.tokens[t].end < e) {
                    let w = p.slice(p.tokens[t].start, p.tokens[t].end);
                    if !(is_stop(w) || is_function_pos(seg, w)) {
                        break;
                    }
                    s = p.tokens[t].end;
                }
                // places in a list are places (沈阳、鞍山、辽阳等地的企业)
                let place = lex
                    .lookup(p.slice(s, e))
                    .is_some_and(|x| x.label == Label::Loc);
                // a name ends in a noun, never in an adverb or a time word: the words before a
                // preposition read as 和/与 are a clause (台积电近期已 + 与 + 国科会等单位)
                // (a verb may end a name: 中科 + 催化)
                let clause = p.token_ending_at(e).is_some_and(|t| {
                    let w = p.slice(p.tokens[t].start, e);
                    is_stop(w) || ends_no_name(seg, w)
                });
                let common = joined && !proper_member(p, lex, seg, s, e);
                if e - s >= 2 && !place && !clause && !common && has_name_token(p, s, e) {
                    out.push(rule_candidate(s, e));
                }
            }
        }
    }
}

/// A place-initial name right before a quoted product, at the start of a list item:
/// 大连锦尚天华“旋律婚纱”.
/// `quotes`: the chars that may open a quote ([`Marks`]).
fn product_rule(p: &Prepared, lex: &Lexicon, quotes: &[usize], out: &mut Vec<Candidate>) {
    for &q in quotes {
        if q < 4 {
            continue;
        }
        let mut start = q;
        while start > 0 && is_han(p.chars[start - 1]) && q - start < 9 {
            start -= 1;
        }
        let before = start.checked_sub(1).map(|i| p.chars[i]);
        if !(matches!(before, None | Some('、')) || before.is_some_and(is_clause_break)) {
            continue;
        }
        // only inside a list: the item is preceded by 、 or its quote is followed by 、 or 等
        let Some(close) =
            (q + 1..p.len().min(q + 30)).find(|&i| matches!(p.chars[i], '”' | '」' | '"'))
        else {
            continue;
        };
        if before != Some('、') && !matches!(p.char_at(close + 1), Some('、' | '等')) {
            continue;
        }
        let Some(t) = p.token_starting_at(start) else {
            continue;
        };
        let place_end = p.tokens[t].end;
        let is_place = lex
            .lookup(p.slice(start, place_end))
            .is_some_and(|e| e.label == Label::Loc);
        if is_place && q - place_end >= 2 && q - start <= 8 && has_name_token(p, place_end, q) {
            out.push(rule_candidate(start, q));
        }
    }
}

/// A quoted self-media account name, “…号”, next to 平台/自媒体 or followed by 用户/账号.
/// `quotes`: the chars that may open a quote ([`Marks`]).
fn account_rule(p: &Prepared, quotes: &[usize], out: &mut Vec<Candidate>) {
    for &open in quotes {
        let Some(close) =
            (open + 1..p.len().min(open + 8)).find(|&i| matches!(p.chars[i], '”' | '」' | '"'))
        else {
            continue;
        };
        let inner = p.slice(open + 1, close);
        let len = close - open - 1;
        if !(3..=6).contains(&len) || !inner.ends_with('号') || !inner.chars().all(is_han) {
            continue;
        }
        let before = p.slice(open.saturating_sub(3), open);
        let after = p.slice(close + 1, close + 3);
        if before.ends_with("平台")
            || before.ends_with("自媒体")
            || matches!(after, "用户" | "账号")
        {
            out.push(rule_candidate(open + 1, close));
        }
    }
}

/// The suffixes of [`SUFFIXES`] and of [`GOV_SUFFIXES`] that end in a given char, longest first.
#[derive(Debug, Default)]
struct SuffixesEndingIn {
    org: Vec<&'static str>,
    gov: Vec<&'static str>,
}

/// The suffixes grouped by their last char: the suffix scan looks up the char before each token
/// end and tries only the few suffixes that can end there (most chars end none).
static SUFFIXES_BY_LAST_CHAR: std::sync::LazyLock<rustc_hash::FxHashMap<char, SuffixesEndingIn>> =
    std::sync::LazyLock::new(|| {
        let mut map: rustc_hash::FxHashMap<char, SuffixesEndingIn> = Default::default();
        for (list, gov) in [(*SUFFIXES, false), (*GOV_SUFFIXES, true)] {
            for s in list.iter() {
                if let Some(c) = s.chars().last() {
                    let e = map.entry(c).or_default();
                    if gov { &mut e.gov } else { &mut e.org }.push(s);
                }
            }
        }
        // longest first (a stable sort keeps the list order among equals)
        for e in map.values_mut() {
            e.org.sort_by_key(|s| std::cmp::Reverse(suffix_chars(s)));
            e.gov.sort_by_key(|s| std::cmp::Reverse(suffix_chars(s)));
        }
        map
    });

/// The keys of [`SUFFIXES_BY_LAST_CHAR`] as a bit table, for the scan over every char.
static SUFFIX_LAST_CHARS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::new(SUFFIXES_BY_LAST_CHAR.keys().copied()));

/// Where the list, product and account rules start: char indexes of 等 and of the chars that
/// may open a quote (“ 「 "), in text order.
#[derive(Debug, Default)]
struct Marks {
    deng: Vec<usize>,
    quotes: Vec<usize>,
}

/// Finds the [`Marks`] in one pass over the chars (instead of one pass per rule).
fn list_and_quote_marks(p: &Prepared) -> Marks {
    let mut marks = Marks::default();
    for (i, &c) in p.chars.iter().enumerate() {
        match c {
            '等' => marks.deng.push(i),
            '“' | '「' | '"' => marks.quotes.push(i),
            _ => {}
        }
    }
    marks
}

/// Length in chars of a suffix (all are Han, three bytes a char).
fn suffix_chars(s: &str) -> usize {
    s.len() / 3
}

/// Length of the longest suffix in `longest_first` (sorted longest first) that ends at char
/// `end` and starts at a token start.
fn longest_suffix(p: &Prepared, end: usize, longest_first: &[&str]) -> Option<usize> {
    longest_first
        .iter()
        .find(|s| {
            let len = suffix_chars(s);
            len <= end && super::eq_quick(p.slice(end - len, end), s) && p.starts_token(end - len)
        })
        .map(|s| suffix_chars(s))
}

/// A multi-char suffix that ends the token ending at `end` while the token holds more than the
/// suffix (东方出版社, 网景公司 as single jieba words): returns (name start, suffix start).
/// `longest_first`: the suffixes ending in the token's last char, longest first (the longest
/// one that fits wins).
fn suffix_inside_token(p: &Prepared, end: usize, longest_first: &[&str]) -> Option<(usize, usize)> {
    let tok = p.tokens[p.token_ending_at(end)?];
    longest_first
        .iter()
        .map(|s| (s, suffix_chars(s)))
        // one-char suffixes only for factories, which must start with a place (济南污水处理厂)
        // (and not 工厂, 该厂: the word must hold a name of two chars or more)
        .filter(|&(_, len)| {
            (len >= 2 || (p.char_at(end - 1) == Some('厂') && tok.end - tok.start >= 3))
                && tok.end - tok.start > len
        })
        .find(|&(s, len)| super::eq_quick(p.slice(end - len, end), s))
        .map(|(_, len)| (tok.start, end - len))
}

/// A company's short name the dictionary knows, then an organization suffix, where jieba cut
/// the pair elsewhere than between them (中 + 油公司, 兆 + 丰产 + 险): the whole is one ORG
/// (中油公司, 兆丰产险). The suffix ends at `end`, a token end; the name begins at a token
/// start; the suffix does not begin at one (the other rules read those).
/// `longest_first`: the suffixes ending in the char before `end`.
fn known_name_across_tokens(
    p: &Prepared,
    lex: &Lexicon,
    end: usize,
    longest_first: &[&str],
) -> Option<Candidate> {
    for suffix in longest_first {
        let Some(s) = end.checked_sub(suffix_chars(suffix)) else {
            continue;
        };
        if p.slice(s, end) != *suffix || p.token_starting_at(s).is_some() {
            continue;
        }
        for start in
            (s.saturating_sub(4)..s.saturating_sub(1)).filter(|&i| p.token_starting_at(i).is_some())
        {
            let company = lex
                .lookup(p.slice(start, s))
                .is_some_and(|e| e.label == Label::Org && e.kind == "company");
            if company {
                return Some(rule_candidate(start, end));
            }
        }
    }
    None
}

/// True for a word whose jieba part of speech cannot be inside a name: verbs, adverbs,
/// prepositions, conjunctions, pronouns, particles, numerals, measure words, time words.
fn is_function_pos(seg: &Segmenter, word: &str) -> bool {
    match seg.pos(word).as_deref() {
        Some(t) => {
            (t.starts_with('v') && t != "vn")
                || matches!(
                    t,
                    "d" | "p"
                        | "c"
                        | "r"
                        | "m"
                        | "q"
                        | "t"
                        | "f"
                        | "y"
                        | "e"
                        | "o"
                        | "ad"
                        | "l"
                        | "i"
                )
                || t.starts_with('u')
        }
        None => false,
    }
}

/// Tokens of the name in front of `suffix_start`, walking left; returns the name's start.
/// `glued`: part of the name is glued to the suffix in one token (国防 in 国防委员会), so a
/// conjunction right before `suffix_start` joins two fields of the name (外交 + 及 + 国防委员会).
fn extend_left(
    p: &Prepared,
    seg: &Segmenter,
    suffix_start: usize,
    max_chars: usize,
    allow_conj: bool,
    legal: bool,
    glued: bool,
) -> usize {
    let mut start = suffix_start;
    while let Some(t) = p.token_ending_at(start) {
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end);
        if !word.chars().all(is_name_char) {
            break;
        }
        // 和/与 inside a name (资源节约与环保司), unless it joins two whole bodies
        // (教育部和国家轻工局: the word before it ends like a body)
        let joins_bodies = tok.start > 0
            && p.char_at(tok.start - 1)
                .is_some_and(|c| GOV_SUFFIXES.iter().any(|g| g.starts_with(c)) || c == '会');
        let conj = allow_conj
            && matches!(word, "和" | "与" | "及")
            && (start != suffix_start || (glued && field_before(p, seg, t)))
            && !joins_bodies;
        let weak = legal && super::in_list(word, &WEAK_STOP);
        // the trade right before the suffix is part of the name even when it is a verb or a
        // stop word elsewhere (开发 + 公司, 投资 + 有限公司)
        let trade = tok.end == suffix_start && super::in_list(word, &TRADE_WORDS);
        // a whole suffix word ends the name before it (民间银行 + 法国兴业银行), except a trade
        // that is the first of two an association is named by (证券 + 及期货 + 专业总会)
        let other_name = start != suffix_start
            && super::in_list(word, &SUFFIXES)
            && !(allow_conj && first_of_two_trades(p, seg, tok.end, start));
        // a number, or a measure word after a number (24宗, 12家), ends the name
        let counted = word.starts_with(|c: char| c.is_ascii_digit())
            || (tok.start > 0 && p.char_at(tok.start - 1).is_some_and(|c| c.is_ascii_digit()));
        if (is_stop(word) && !conj && !weak && !trade)
            || other_name
            || suffix_start - tok.start > max_chars
            || counted
        {
            break;
        }
        // the part of speech last: it asks jieba
        let function = !conj
            && !weak
            && !trade
            && (word.chars().count() >= 2 || !legal)
            && is_function_pos(seg, word);
        if function {
            break;
        }
        start = tok.start;
    }
    // a conjunction cannot begin a name
    while start < suffix_start {
        let Some(t) = p.token_starting_at(start) else {
            break;
        };
        let word = p.slice(p.tokens[t].start, p.tokens[t].end);
        if matches!(word, "和" | "与") || is_stop(word) {
            start = p.tokens[t].end;
        } else {
            break;
        }
    }
    start
}

/// True when the token before token `t` (a conjunction) is a common word, not a place or a
/// name (外交 in 外交及国防委员会; not 美国, 中国银行): a field of the name that follows.
fn field_before(p: &Prepared, seg: &Segmenter, t: usize) -> bool {
    let Some(prev) = t.checked_sub(1).map(|i| p.tokens[i]) else {
        return false;
    };
    let word = p.slice(prev.start, prev.end);
    word.chars().count() >= 2
        && word.chars().all(is_han)
        && !is_stop(word)
        && !matches!(
            seg.pos(word).as_deref(),
            Some("ns" | "nr" | "nrt" | "nt" | "nz")
        )
}

/// True when the tokens from `at` begin with a conjunction (和, 与, 及) that joins two trades:
/// the word after it, which starts the second trade, is no place and no name of its own
/// (及 + 期货 in 证券及期货专业总会; not 及 + 香港 in 中国银行及香港银行公会). `start` is where
/// the name walked so far begins: the conjunction must be its first token.
fn first_of_two_trades(p: &Prepared, seg: &Segmenter, at: usize, start: usize) -> bool {
    let Some(conj) = p.token_starting_at(at).map(|t| p.tokens[t]) else {
        return false;
    };
    if conj.start != start || !matches!(p.slice(conj.start, conj.end), "和" | "与" | "及") {
        return false;
    }
    let Some(next) = p.token_starting_at(conj.end).map(|t| p.tokens[t]) else {
        return false;
    };
    let word = p.slice(next.start, next.end);
    !matches!(
        seg.pos(word).as_deref(),
        Some("ns" | "nr" | "nrt" | "nt" | "nz")
    ) && !super::in_list(word, &SUFFIXES)
}

/// True when some token of `start..end` is not generic (so the span names something).
/// A numbered class (五大, 十大) names nothing.
fn has_name_token(p: &Prepared, start: usize, end: usize) -> bool {
    let span = p.slice(start, end);
    if span
        .chars()
        .zip(span.chars().skip(1))
        .any(|(a, b)| b == '大' && super::is_small_numeral(a))
    {
        return false;
    }
    let mut i = start;
    while i < end {
        let Some(t) = p.token_starting_at(i) else {
            return true;
        };
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end.min(end));
        if !is_generic(word) && !is_stop(word) {
            return true;
        }
        i = tok.end;
    }
    false
}

fn rule_candidate(start: usize, end: usize) -> Candidate {
    Candidate::rule(Label::Org, start, end)
}

/// Where a name that runs over a place should begin: names start with their place
/// (地点属意 + 台南市政府 → 台南市政府), so the first place token inside the run starts the name.
fn start_at_place(p: &Prepared, lex: &Lexicon, start: usize, suffix_start: usize) -> usize {
    // a name that already starts with a place keeps it (江苏 + 亚太 + 集团)
    if super::bodies::place_token_at(p, lex, start).is_some() {
        return start;
    }
    let mut i = start;
    while i < suffix_start {
        let Some(t) = p.token_starting_at(i) else {
            break;
        };
        let tok = p.tokens[t];
        if i > start
            && lex
                .lookup(p.slice(tok.start, tok.end))
                .is_some_and(|e| e.label == Label::Loc)
        {
            return i;
        }
        i = tok.end;
    }
    start
}

/// Verbs whose object is a building or a plant under construction (data: `build_verbs`).
static BUILD_VERBS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("build_verbs"));

/// True when the name at `start` is the object of a verb of building (扩建 + X厂).
fn built_object(p: &Prepared, start: usize) -> bool {
    p.token_ending_at(start)
        .and_then(|t| p.tokens.get(t))
        .is_some_and(|t| BUILD_VERBS.contains(&p.slice(t.start, t.end)))
}

/// Bodies named only by their place: governments, legislatures, Red Cross societies
/// (台南市政府, 菲律宾国会, 丹麦红十字会).
static PLACE_BODIES: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("place_bodies"));

/// `extend_from`: where walking left over name tokens begins (the suffix start, or the start of
/// the token that holds both the end of the name and the suffix).
fn suffix_rule(
    p: &Prepared,
    lex: &Lexicon,
    seg: &Segmenter,
    extend_from: usize,
    suffix_start: usize,
    end: usize,
) -> Option<Candidate> {
    let suffix = p.slice(suffix_start, end);
    // a suffix word used as a verb: 店主学会了英语
    if matches!(p.char_at(end), Some('了' | '过' | '着')) {
        return None;
    }
    // 等 before the suffix closes a list (A、B等公司), also where the segmenter glued it to the
    // last member (华泰 + 晶等 + 公司): the suffix word is the list's class noun
    // (高等 of 高等法院 is a word of its own: no list)
    let closes_list = p.token_ending_at(suffix_start).is_some_and(|t| {
        let w = p.slice(p.tokens[t].start, suffix_start);
        w.ends_with('等') && (w == "等" || seg.pos(w).is_none())
    });
    if closes_list {
        return None;
    }
    if PLACE_BODIES.contains(&suffix) {
        return government_rule(p, lex, (extend_from, suffix_start), end);
    }
    let legal = suffix.chars().count() >= 4;
    // an association may be named by two trades (证券及期货专业总会)
    let association = suffix.ends_with('会');
    let glued = extend_from < suffix_start;
    let start = extend_left(p, seg, extend_from, 16, association, legal, glued);
    let start = start_at_place(p, lex, start, suffix_start);
    if suffix_start - start < 2
        || !(has_name_token(p, start, suffix_start)
            || national_institute(p, start, suffix_start, suffix))
    {
        return None;
    }
    // a factory is named by its place first (济南 + 污水处理 + 厂); 该厂, 工厂 name nothing
    if suffix == "厂" && super::bodies::place_token_at(p, lex, start).is_none() {
        return None;
    }
    // a plant that is built or extended is a facility, not a body (扩建 + 桃园龙潭钢构厂): one
    // builds a factory, never a company (CLARIFICATIONS 11: facilities get no label)
    if suffix == "厂" && built_object(p, start) {
        return None;
    }
    if home_country_before_known_body(p, lex, start, end) {
        return None;
    }
    let name = p.slice(start, suffix_start);
    let known = lex.lookup(name).filter(|e| e.label == Label::Org);
    if known.is_none()
        && !legal
        && !names_something(p, lex, seg, (start, extend_from), suffix_start, suffix)
    {
        return None;
    }
    // a dictionary name followed by its legal suffix keeps the dictionary's canonical name
    let mut c = rule_candidate(start, end);
    if let Some(e) = known {
        c.normalized = Normalized::Name {
            name: e.name.clone(),
            kind: Some(e.kind.to_string()),
        };
        c.source = Source::Dictionary;
    }
    Some(c)
}

/// True when the name at `start..end` is 中国 or 台湾 (a country the news is about) followed by
/// a body the dictionary knows (中国 + 最高人民法院): the country only describes the body and
/// stays outside (CLARIFICATIONS 3), while a foreign country names its own body (印度 + 国防部).
/// A dictionary form that begins with such a country (中国最高人民法院) counts as well.
fn home_country_before_known_body(p: &Prepared, lex: &Lexicon, start: usize, end: usize) -> bool {
    if lex.describing_country(p, start, end).is_some() {
        return true;
    }
    let Some(t) = super::bodies::place_token_at(p, lex, start) else {
        return false;
    };
    let country = p.slice(t.start, t.end);
    let home = lex
        .lookup(country)
        .is_some_and(|e| e.label == Label::Loc && e.kind == "country")
        && !super::bodies::is_foreign_country(lex, country);
    home && t.end < end
        && lex
            .lookup(p.slice(t.end, end))
            .is_some_and(|e| e.label == Label::Org)
}

/// True when a research or training institute, academy or foundation is named by 国家 and its
/// field (国家 + 教育 + 研究院, 国家 + 卫生 + 研究院): the state in front makes the field a name
/// (data: `national_institutes`), as 国家 does in 国家绿色发展基金.
fn national_institute(p: &Prepared, start: usize, suffix_start: usize, suffix: &str) -> bool {
    let Some(t) = p.token_starting_at(start).map(|t| p.tokens[t]) else {
        return false;
    };
    p.slice(t.start, t.end) == "国家"
        && t.end < suffix_start
        && super::in_list(suffix, &NATIONAL_INSTITUTES)
}

/// Suffixes of institutes that 国家 and a field name (data: `national_institutes`).
static NATIONAL_INSTITUTES: LazyLock<&[&str]> =
    LazyLock::new(|| vocab::list("national_institutes"));

/// A government is named by its place: 台南市政府, 黑龙江省牡丹江市人民政府, 香港特区政府.
/// Everything else before 政府 (两国, 雙方, 克林顿, 中央) describes one without naming it.
/// `(name_end, suffix_start)`: where the words before the suffix end, and where the suffix
/// starts (they differ when jieba glued a place to the suffix: 美国政府).
fn government_rule(
    p: &Prepared,
    lex: &Lexicon,
    (name_end, suffix_start): (usize, usize),
    end: usize,
) -> Option<Candidate> {
    if name_end < suffix_start && !super::bodies::is_place(lex, p.slice(name_end, suffix_start)) {
        return None;
    }
    let mut start = name_end;
    while let Some(t) = p.token_ending_at(start) {
        let tok = p.tokens[t];
        let word = p.slice(tok.start, tok.end);
        let place = super::bodies::is_place(lex, word)
            || (start == name_end && matches!(word, "特区" | "自治区" | "特别行政区"));
        if !place || name_end - tok.start > 14 {
            break;
        }
        start = tok.start;
    }
    // the name begins with a place (特区 alone names nothing)
    let first = p.tokens[p.token_starting_at(start)?];
    let first_end = first.end.min(suffix_start);
    let named =
        start < suffix_start && super::bodies::is_place(lex, p.slice(first.start, first_end));
    named.then(|| rule_candidate(start, end))
}

/// Words that say what kind of company a place's company is, without naming it.
static DESCRIPTORS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("descriptors"));

/// For a name before a short suffix (公司, 集团, 银行, 学会, 学院 …): false when a company or
/// group is named only by a place and descriptors (中国公司, 泰国私人公司), when the name is a
/// single verb or adverb (影响公司), or when an institution is named only by common words
/// (艺术学院) — descriptions, not names.
///
/// `(start, glued)`: the name's start, and where the part of the name that jieba glued to the
/// suffix begins (工程 in 广州/工程公司; equal to `suffix_start` when the suffix is a word).
fn names_something(
    p: &Prepared,
    lex: &Lexicon,
    seg: &Segmenter,
    (start, glued): (usize, usize),
    suffix_start: usize,
    suffix: &str,
) -> bool {
    let mut words: Vec<&str> = Vec::new();
    let mut i = start;
    while i < glued {
        let Some(t) = p.token_starting_at(i) else {
            return true;
        };
        let tok = p.tokens[t];
        words.push(p.slice(tok.start, tok.end.min(glued)));
        i = tok.end;
    }
    if glued < suffix_start {
        words.push(p.slice(glued, suffix_start));
    }
    let places = words
        .iter()
        .filter(|w| super::bodies::is_place(lex, w))
        .count();
    let named = places >= 2
        || words
            .iter()
            .any(|w| !DESCRIPTORS.contains(w) && !super::bodies::is_place(lex, w));
    if !named && matches!(suffix, "公司" | "集团") {
        return false;
    }
    // counted after 家 and named only by places, it is a kind: 12家墨西哥银行
    let counted = start > 0 && p.char_at(start - 1) == Some('家');
    if counted && places == words.len() {
        return false;
    }
    if words.len() == 1 && matches!(suffix, "公司" | "集团" | "银行" | "学会") {
        let word = p.slice(start, suffix_start);
        let verbal = matches!(
            seg.pos(word).as_deref(),
            Some("v" | "vn" | "vd" | "d" | "ad" | "p" | "c" | "r")
        );
        return !verbal;
    }
    // an institution named only by what it teaches, judges or does (艺术学院, 普通法院,
    // 世界著名大学): every word is a common word, none a place or a proper name
    if INSTITUTIONS.contains(&suffix) {
        // a word that begins with a place names whose institution it is (台湾 + 艺术 in jieba's
        // 台湾艺术 + 学院)
        let begins_with_place = |w: &str| {
            w.char_indices()
                .skip(2)
                .any(|(i, _)| super::bodies::is_place(lex, &w[..i]))
        };
        let kind_word = |w: &&str| {
            !super::bodies::is_place(lex, w)
                && !begins_with_place(w)
                && lex.lookup(w).is_none()
                && matches!(
                    seg.pos(w).as_deref(),
                    Some("n" | "vn" | "v" | "a" | "ad" | "an" | "b" | "d" | "f" | "m" | "r")
                )
        };
        if words.iter().all(kind_word) {
            return false;
        }
    }
    true
}

/// Suffixes of institutions that are often named by their field alone in running text
/// (committees are not among them: 宪法委员会 and 纪律委员会 are their names).
static INSTITUTIONS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("institutions"));

/// 西南部, 中西部: a direction before 部 names a region, not a ministry.
fn is_direction_part(p: &Prepared, suffix_start: usize, end: usize) -> bool {
    p.slice(suffix_start, end) == "部"
        && suffix_start > 0
        && p.char_at(suffix_start - 1)
            .is_some_and(|c| matches!(c, '东' | '西' | '南' | '北' | '中'))
}

fn gov_rule(
    p: &Prepared,
    lex: &Lexicon,
    seg: &Segmenter,
    extend_from: usize,
    suffix_start: usize,
    end: usize,
) -> Option<Candidate> {
    if is_direction_part(p, suffix_start, end) {
        return None;
    }
    let start = extend_left(p, seg, extend_from, 14, true, false, false);
    if suffix_start - start < 2 {
        return None;
    }
    // the name must begin with a place (or 国家) or a known organization
    let first = p.token_starting_at(start)?;
    let mut anchor_end = None;
    for t in first..(first + 3).min(p.tokens.len()) {
        let tok_end = p.tokens[t].end;
        if tok_end > suffix_start {
            break;
        }
        let w = p.slice(start, tok_end);
        let known = lex
            .lookup(w)
            .is_some_and(|e| matches!(e.label, Label::Loc | Label::Org));
        let place_like = w.chars().count() >= 3 && w.ends_with(['省', '市', '县', '区']);
        if known || place_like || w == "国家" {
            anchor_end = Some(tok_end);
        }
    }
    let anchor_end = anchor_end?;
    if anchor_end == suffix_start && lex.lookup(p.slice(start, end)).is_none() {
        // place + bare suffix (大连市局) names nothing
        return None;
    }
    // a country + a body that the dictionary already knows: the country stays outside
    // (中国 + 工业和信息化部); a province, city or county before one names its local body
    // (台州市 + 民航局), and the state's full name is part of official names
    // (中华人民共和国国家文物局)
    let anchor = p.slice(start, anchor_end);
    let local = anchor.ends_with(['省', '市', '县', '区', '州'])
        || anchor == "中华人民共和国"
        || super::bodies::is_foreign_country(lex, anchor);
    if !local
        && lex
            .lookup(p.slice(anchor_end, end))
            .is_some_and(|e| e.label == Label::Org)
        && lex.lookup(anchor).is_some_and(|e| e.label == Label::Loc)
    {
        return None;
    }
    if !has_name_token(p, anchor_end, suffix_start) && anchor_end != suffix_start {
        return None;
    }
    Some(rule_candidate(start, end))
}

/// Units that, right after an organization, name a part of it (文化部办公厅, 建行湘潭分行).
static UNITS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("units"));

/// Chains adjacent organizations into one (共青团 + 北京市委, 中石油 + 大连石化) and attaches
/// unit words (文化部 + 办公厅). Adds the longer candidates; the resolver prefers them.
pub fn chain(p: &Prepared, lex: &Lexicon, seg: &Segmenter, cands: &mut Vec<Candidate>) {
    let caucus = caucuses(p, lex, cands);
    cands.extend(caucus);
    let mut by_start: rustc_hash::FxHashMap<usize, Vec<usize>> = Default::default();
    for (i, c) in cands.iter().enumerate() {
        if c.label == Label::Org {
            by_start.entry(c.start).or_default().push(i);
        }
    }
    let mut extra = Vec::new();
    for a in cands.iter().filter(|c| c.label == Label::Org) {
        let place_next = super::bodies::place_token_at(p, lex, a.end);
        if let Some(next) = by_start.get(&a.end) {
            // the second names a branch of the first in a place (共青团 + 北京市委,
            // 中石油 + 大连石化); two bodies side by side (中宣部 + 全总) stay apart
            for &b in next {
                if place_next.is_some() || cands[b].source != Source::Dictionary {
                    extra.push(rule_candidate(a.start, cands[b].end));
                }
            }
        }
        // a unit, maybe after the place it serves (中国银行 + 香港 + 分行)
        for from in std::iter::once(a.end).chain(place_next.map(|t| t.end)) {
            // only the units that start with the char there (most ORG ends have none)
            let Some(first) = p.char_at(from) else {
                continue;
            };
            for u in UNITS.iter().filter(|u| u.starts_with(first)) {
                let ul = u.chars().count();
                if super::eq_quick(p.slice(from, from + ul), u) && p.ends_token(from + ul) {
                    extra.push(rule_candidate(a.start, from + ul));
                }
            }
        }
    }
    // sub-units named after their parent (经济部 + 投资台湾事务所, 国资委 + 企业改革局), and the
    // place in front of an outlet or a government office (香港 + 中通社, 香港 + 政府新闻处); a
    // sub-unit may have its own sub-unit (香港政府新闻处 + 网上采访室), so the longer
    // candidates are extended again, a few rounds at most
    let mut round: Vec<Candidate> = cands
        .iter()
        .chain(extra.iter())
        .filter(|c| c.label == Label::Org)
        .cloned()
        .collect();
    latin_members(p, &round, &mut extra);
    for _ in 0..3 {
        let mut longer = Vec::new();
        for a in &round {
            if let Some(end) = sub_unit_end(p, lex, seg, a, &by_start, cands) {
                longer.push(strong(rule_candidate(a.start, end)));
            }
            if let Some(start) = place_prefix_start(p, lex, a) {
                longer.push(rule_candidate(start, a.end));
            }
        }
        if longer.is_empty() {
            break;
        }
        extra.extend(longer.iter().cloned());
        round = longer;
    }
    cands.extend(extra);
}

/// True for a party the dictionary knows (kind `party`).
fn is_party(c: &Candidate) -> bool {
    c.label == Label::Org
        && matches!(&c.normalized, Normalized::Name { kind: Some(k), .. } if k == "party")
}

/// A party's caucus in a legislature, one ORG with its party (CLARIFICATIONS 2: a sub-unit
/// written with its parent): 民进党 + 团 (the caucus shares the party's 党: 民进党团, 国民党团),
/// 时代力量 + 党团, and 民众 + 党团 where jieba read 党团 across the party's name. 团结 and
/// 团体 after a party are other words (国民党团结一致).
fn caucuses(p: &Prepared, lex: &Lexicon, cands: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for a in cands.iter().filter(|c| is_party(c)) {
        if p.slice(a.end, a.end + 2) == "党团" {
            out.push(rule_candidate(a.start, a.end + 2));
        } else if p.char_at(a.end.wrapping_sub(1)) == Some('党')
            && p.char_at(a.end) == Some('团')
            && !matches!(p.char_at(a.end + 1), Some('结' | '体' | '聚' | '员'))
        {
            out.push(rule_candidate(a.start, a.end + 1));
        }
    }
    for (t, tok) in p.tokens.iter().enumerate().skip(1) {
        if p.slice(tok.start, tok.end) != "党团" {
            continue;
        }
        let prev = p.tokens[t - 1];
        let party = lex
            .lookup(p.slice(prev.start, tok.start + 1))
            .is_some_and(|e| e.label == Label::Org && e.kind == "party");
        if party {
            out.push(rule_candidate(prev.start, tok.end));
        }
    }
    out
}

/// The end of a Latin brand written from char `i` (letters first; digits, `-` and `&` after):
/// at least two chars, not followed by another Latin char.
fn latin_run(p: &Prepared, i: usize) -> Option<usize> {
    if !p.char_at(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut e = i;
    while p
        .char_at(e)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '&'))
    {
        e += 1;
    }
    (e - i >= 2).then_some(e)
}

/// Latin brands beside a known organization: list members joined by +, 、, 和, 及, 与 or /
/// (丰田 + 某品牌, NISSAN+某品牌), a trade word glued to a Latin brand (某BRAND + 汽车), and a
/// Latin abbreviation in parentheses after a name (某某理事会（ABC）).
fn latin_members(p: &Prepared, orgs: &[Candidate], out: &mut Vec<Candidate>) {
    if !p.text.bytes().any(|b| b.is_ascii_lowercase()) {
        return;
    }
    let is_sep = |c: Option<char>| matches!(c, Some('+' | '、' | '和' | '及' | '与' | '/'));
    for a in orgs {
        // members to the right, one after another
        let mut e = a.end;
        while is_sep(p.char_at(e)) {
            let Some(end) = latin_run(p, e + 1) else {
                break;
            };
            // a two-letter member only in a list written with + or 、 (not 和 + AI)
            if end - e - 1 == 2 && !matches!(p.char_at(e), Some('+' | '、')) {
                break;
            }
            out.push(rule_candidate(e + 1, end));
            e = end;
        }
        // members to the left
        let mut s = a.start;
        while s >= 3 && is_sep(p.char_at(s - 1)) {
            let end = s - 1;
            let mut b = end;
            while b > 0
                && p.char_at(b - 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '&'))
            {
                b -= 1;
            }
            if latin_run(p, b) != Some(end)
                || (end - b == 2 && !matches!(p.char_at(end), Some('+' | '、')))
            {
                break;
            }
            out.push(rule_candidate(b, end));
            s = b;
        }
        let name = p.slice(a.start, a.end);
        // a Latin brand and the trade word written after it (某BRAND汽车 like 和泰汽车)
        if name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && let Some(t) = p.token_starting_at(a.end)
        {
            // (jieba may glue the noun after it: 汽车销量)
            let w = p.slice(p.tokens[t].start, p.tokens[t].end);
            if let Some(trade) = TRADE_WORDS.iter().find(|tw| w.starts_with(**tw)) {
                out.push(rule_candidate(a.start, a.end + trade.chars().count()));
            }
        }
        // an abbreviation in parentheses right after the name
        if matches!(p.char_at(a.end), Some('(' | '（'))
            && let Some(end) = latin_run(p, a.end + 1)
        {
            let letters = p.chars[a.end + 1..end]
                .iter()
                .all(|c| c.is_ascii_alphabetic());
            if letters && end - a.end - 1 <= 10 && matches!(p.char_at(end), Some(')' | '）')) {
                out.push(strong(rule_candidate(a.end + 1, end)));
            }
        }
    }
}

/// Marks a candidate as decided by a strong cue (see [`Candidate::strong`]).
fn strong(mut c: Candidate) -> Candidate {
    c.strong = true;
    c
}

/// Last chars of the bodies that have sub-units: ministries, commissions, councils, offices,
/// governments, associations (经济部, 国资委, 贸促会, 国务院, 香港政府, 新闻处).
fn is_parent_body(name: &str) -> bool {
    name.chars().count() >= 2
        && name.ends_with([
            '部', '委', '会', '院', '局', '府', '署', '厅', '办', '处', '司', '社',
        ])
}

/// The sub-unit word that ends `word`, if any ([`SUB_UNITS`], longest first).
fn sub_unit_suffix(word: &str) -> Option<&'static str> {
    SUB_UNITS_LONGEST_FIRST
        .iter()
        .copied()
        .find(|u| super::strip_suffix_quick(word, u).is_some())
}

/// [`SUB_UNITS`] longest first.
static SUB_UNITS_LONGEST_FIRST: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = SUB_UNITS.to_vec();
    v.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    v
});

/// Unit words that end the name of a part of a body: 司, 署, 处, 局, 分会, 事务所, 办公室,
/// 委员会, 研究所 … (data: `sub_units`).
static SUB_UNITS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("sub_units"));

/// Where a sub-unit written right after the parent body `a` ends: a candidate that starts at
/// `a.end` and ends in a unit word (经济部 + 投审会), or up to four name tokens ending in a
/// unit word (国资委 + 企业/改革/局), maybe after the place the unit serves (贸促会 + 江西省 +
/// 分会). The unit ends a token, or a title follows it inside the token (局 + 长).
fn sub_unit_end(
    p: &Prepared,
    lex: &Lexicon,
    seg: &Segmenter,
    a: &Candidate,
    by_start: &rustc_hash::FxHashMap<usize, Vec<usize>>,
    cands: &[Candidate],
) -> Option<usize> {
    if !is_parent_body(p.slice(a.start, a.end)) {
        return None;
    }
    // a known body right after it that is a unit (经济部 + 投审会)
    if let Some(next) = by_start.get(&a.end) {
        let best = next
            .iter()
            .map(|&b| &cands[b])
            .filter(|b| b.len() <= 8 && sub_unit_suffix(p.slice(b.start, b.end)).is_some())
            .map(|b| b.end)
            .max();
        if best.is_some() {
            return best;
        }
    }
    let mut i = a.end;
    for k in 0..5 {
        let t = p.tokens[p.token_starting_at(i)?];
        let word = p.slice(t.start, t.end);
        if !word.chars().all(is_han) {
            return None;
        }
        // the unit word may span tokens (采访/室)
        if let Some(u) = sub_unit_suffix(p.slice(a.end, t.end)) {
            // a verb that ends like a unit (签署) ends the name
            let unit_only = p.slice(a.end, t.end).len() == u.len();
            if !unit_only && is_function_pos(seg, word) {
                return None;
            }
            // Hong Kong's secretaries are titles (财政司 + 司长), not departments
            if super::lexicon::is_head_title(p, t.end) && ends_known_word(p, lex, t.end) {
                return None;
            }
            // the unit must follow a name (a bare 局 after 国资委 is a title's head: 局长)
            if !(unit_only && k == 0) || u.chars().count() >= 2 {
                return Some(t.end);
            }
            return None;
        }
        // a title glued to the unit: 改革/局局长 → the unit ends before the title
        if k > 0 && word.chars().count() >= 2 && word.ends_with('长') {
            let head = p.slice(t.start, t.start + 1);
            if sub_unit_suffix(head).is_some() {
                return Some(t.start + 1);
            }
        }
        // words inside a unit's name may be verbs (投资, 改革); other function words end it
        let function =
            is_function_pos(seg, word) && !seg.pos(word).is_some_and(|t| t.starts_with('v'));
        let place = super::bodies::is_place(lex, word);
        // (long stop words such as 投资 name a unit's field: 投资台湾事务所)
        let stop = is_stop(word) && (word.chars().count() == 1 || in_list(word, &WEAK_STOP));
        if stop || (!place && function) || t.end - a.end > 12 {
            return None;
        }
        i = t.end;
    }
    None
}

/// Where an outlet or a government office begins when its place is written in front of it
/// (香港 + 中通社, 香港 + 文汇网, 香港 + 政府新闻处): the place token ending at `a.start`.
fn place_prefix_start(p: &Prepared, lex: &Lexicon, a: &Candidate) -> Option<usize> {
    let name = p.slice(a.start, a.end);
    let outlet = OUTLET_HEADS
        .iter()
        .any(|h| super::strip_suffix_quick(name, h).is_some());
    if a.start > 0
        && let Some(start) = local_bureau_place(p, lex, a)
    {
        return Some(start);
    }
    if !(outlet || name.starts_with("政府")) || a.start == 0 {
        return None;
    }
    let t = p.tokens[p.token_ending_at(a.start)?];
    let place = p.slice(t.start, t.end);
    // a country in front of an outlet is a descriptor (美国 + 有线电视新闻网 stays apart only
    // when the dictionary does not know the whole): only regions and cities name outlets
    let region =
        super::bodies::is_place(lex, place) && !super::bodies::is_foreign_country(lex, place);
    let before_ok =
        t.start == 0 || !p.char_at(t.start - 1).is_some_and(is_han) || p.ends_token(t.start);
    (region && before_ok && lex.lookup(place).is_some_and(|e| e.name != "中國")).then_some(t.start)
}

/// Where a city, county or province written before a bare bureau the dictionary knows begins:
/// 北京市 + 教育局, 台中市 + 财政局 name that place's bureau, one span with it (G: "a place
/// prefix that is part of the name belongs to the span: 大连市工业和信息化局"). Only bureaus,
/// offices and departments (局, 署, 处, 厅), which every level of government has.
fn local_bureau_place(p: &Prepared, lex: &Lexicon, a: &Candidate) -> Option<usize> {
    let government =
        matches!(&a.normalized, Normalized::Name { kind: Some(k), .. } if k == "government");
    let bureau = matches!(
        p.char_at(a.end.checked_sub(1)?),
        Some('局' | '署' | '处' | '厅')
    );
    if a.source != Source::Dictionary || !government || !bureau {
        return None;
    }
    let t = p.tokens[p.token_ending_at(a.start)?];
    let place = p.slice(t.start, t.end);
    let local = place.chars().count() >= 2
        && lex.lookup(place).map_or(
            place.chars().count() >= 3 && place.ends_with(['市', '县', '省']),
            |e| e.label == Label::Loc && matches!(e.kind, "province" | "city" | "county"),
        );
    local.then_some(t.start)
}

/// Last words of outlets' names: 通讯社, 社, 网, 报, 电视台 … (data: `outlet_heads`).
static OUTLET_HEADS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("outlet_heads"));

/// Short forms declared in the text: `…(以下简称X)` / `（简称X）` right after an ORG candidate.
/// Returns (short form, canonical name) pairs in prepared script.
pub fn declarations(p: &Prepared, orgs: &[Candidate]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for c in orgs.iter().filter(|c| c.label == Label::Org) {
        let mut i = c.end;
        if !matches!(p.char_at(i), Some('(' | '（')) {
            continue;
        }
        i += 1;
        let rest: String = p.chars[i.min(p.len())..(i + 16).min(p.len())]
            .iter()
            .collect();
        let rest = rest.strip_prefix("以下").unwrap_or(&rest);
        let Some(rest) = rest.strip_prefix("简称") else {
            continue;
        };
        let rest = rest.trim_start_matches([':', '：', '为', '"', '“', '「', '『']);
        let short: String = rest.chars().take_while(|&c| is_name_char(c)).collect();
        if short.chars().count() >= 2 {
            let full = match &c.normalized {
                Normalized::Name { name, .. } if !name.is_empty() => name.clone(),
                _ => p.slice(c.start, c.end).to_string(),
            };
            found.push((short, full));
        }
    }
    found
}

impl super::Recognizer for OrgRules {
    fn name(&self) -> &'static str {
        "org-suffixes"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        OrgRules::find(self, p, ctx.lexicon, ctx.segmenter, cands);
    }
}

/// The chaining recognizer: adjacent organizations and unit words after one (see [`chain`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Chains;

impl super::Recognizer for Chains {
    fn name(&self) -> &'static str {
        "org-chains"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        chain(p, ctx.lexicon, ctx.segmenter, cands);
    }
}

/// Latin legal suffixes (co., ltd. / inc. / s.a. de c.v. …), longest first (data: `latin_legal`).
static LATIN_LEGAL: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = vocab::list("latin_legal").to_vec();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v
});

fn is_latin_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '&' | '-' | '\'' | '.')
}

/// Latin-script legal names: up to six Latin words before a legal suffix, suffix and its
/// punctuation inside (acme trading co., ltd.; nordic wind s.a. de c.v.). The text is folded to
/// lower case, so the suffixes are matched in lower case.
fn latin_legal_rule(p: &Prepared, out: &mut Vec<Candidate>) {
    if !p.text.bytes().any(|b| b.is_ascii_lowercase()) {
        return;
    }
    let n = p.len();
    let mut i = 1;
    while i < n {
        // a suffix starts a word after a space
        if !(p.chars[i].is_ascii_alphabetic() && p.chars[i - 1] == ' ') {
            i += 1;
            continue;
        }
        let Some(len) = LATIN_LEGAL
            .iter()
            .map(|s| (s, s.chars().count()))
            .find_map(|(s, len)| {
                (i + len <= n
                    && super::eq_quick(p.slice(i, i + len), s)
                    && !p
                        .char_at(i + len)
                        .is_some_and(|c| c.is_ascii_alphanumeric()))
                .then_some(len)
            })
        else {
            i += 1;
            continue;
        };
        // the words before it, each after one space
        let mut start = i;
        let mut words = 0;
        while words < 6 && start >= 2 && p.chars[start - 1] == ' ' {
            let end = start - 1;
            let mut ws = end;
            while ws > 0 && is_latin_word_char(p.chars[ws - 1]) {
                ws -= 1;
            }
            if ws == end || !p.chars[ws].is_ascii_alphanumeric() {
                break;
            }
            start = ws;
            words += 1;
        }
        if words > 0 {
            out.push(strong(rule_candidate(start, i + len)));
        }
        i += len;
    }
}

/// The trade words (see `TRADE_WORDS`), for the document stage's short forms.
pub fn trade_words() -> &'static [&'static str] {
    &TRADE_WORDS
}

/// Trade words that end short company names (钢铁, 科技, 化工, 实业, 医药 …; data: `trade_words`).
static TRADE_WORDS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("trade_words"));
/// Verbs and office titles whose subject or holder is a company (拟, 宣布, 营收, 董事长 …; data:
/// `company_verbs`).
static COMPANY_VERBS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("company_verbs"));
/// Role nouns a company name follows (子公司, 设备商, 供应商, 旗下 …; data: `role_nouns`).
static ROLE_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| vocab::list("role_nouns"));

/// The last chars of [`ROLE_NOUNS`] and [`TRADE_WORDS`]: [`company_rule`] looks only at tokens
/// ending in one (or followed by a parenthesis).
static COMPANY_CUE_LAST_CHARS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        ROLE_NOUNS
            .iter()
            .chain(TRADE_WORDS.iter())
            .filter_map(|w| w.chars().last()),
    )
});

fn ends_with_any(word: &str, list: &[&str]) -> bool {
    list.iter()
        .any(|s| super::strip_suffix_quick(word, s).is_some())
}

/// A stock code in parentheses at `i`: (2330), （00700）, (2330.tw). Returns its end.
fn stock_code_at(p: &Prepared, i: usize) -> Option<usize> {
    if !matches!(p.char_at(i), Some('(' | '（')) {
        return None;
    }
    let mut j = i + 1;
    while p.char_at(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    if !(4..=6).contains(&(j - i - 1)) {
        return None;
    }
    while p
        .char_at(j)
        .is_some_and(|c| c == '.' || c.is_ascii_alphabetic())
        && j - i < 12
    {
        j += 1;
    }
    matches!(p.char_at(j), Some(')' | '）')).then_some(j + 1)
}

/// True when `a..b` can be a short company name: 2–8 Han chars on token boundaries, holding a
/// name token, and not a place or another dictionary entry.
fn company_like(p: &Prepared, lex: &Lexicon, a: usize, b: usize) -> bool {
    (2..=8).contains(&(b.saturating_sub(a)))
        && p.chars[a..b].iter().all(|&c| is_han(c))
        && (p.starts_token(a) || (a > 0 && p.char_at(a - 1) == Some('商')))
        && p.ends_token(b)
        && has_name_token(p, a, b)
        && lex
            .lookup(p.slice(a, b))
            .is_none_or(|e| e.label == Label::Org)
        && !ends_with_any(p.slice(a, b), &ROLE_NOUNS)
}

/// Where a name ending at `end` begins: the name tokens before it ([`extend_left`]), after any
/// role noun inside the run (设备商 + 大行科工).
fn company_start(p: &Prepared, lex: &Lexicon, seg: &Segmenter, end: usize) -> usize {
    let mut start = extend_left(p, seg, end, 8, false, false, false);
    // jieba glues the 商 of a role noun to an unseen name after it (单车 + 商大行 + 科工)
    if p.char_at(start) == Some('商')
        && start > 0
        && p.char_at(start - 1).is_some_and(is_han)
        && end - start >= 3
    {
        start += 1;
    }
    let mut s = start;
    let mut i = start;
    while i < end {
        let Some(t) = p.token_starting_at(i) else {
            break;
        };
        let tok = p.tokens[t];
        let w = p.slice(tok.start, tok.end);
        // a role noun (设备商, 单车商) or a descriptor (龙头) ends the words before the name
        let role = ends_with_any(w, &ROLE_NOUNS) || (w.chars().count() >= 2 && w.ends_with('商'));
        if tok.end < end && (role || DESCRIPTORS.contains(&w)) {
            s = tok.end;
        }
        // jieba glues the 商 of a role noun to an unseen name after it (单车 + 商大行 + 科工)
        if tok.start > s && w.starts_with('商') && w.chars().count() >= 3 {
            s = tok.start + 1;
        }
        // a known organization inside the run starts the name (车市 + 和泰汽车)
        if i > s
            && lex
                .lookup(p.slice(i, end))
                .is_some_and(|e| e.label == Label::Org)
        {
            s = i;
            break;
        }
        i = tok.end;
    }
    s
}

/// Short company names without a legal suffix, known from their context:
/// * before a stock code in parentheses (某某科工（2543）);
/// * after a role noun (子公司X, 设备商X, 旗下X), up to a clause break or a verb;
/// * a clause-initial name ending in a trade word, before a company verb (某某化工拟…,
///   某某实业以…增资).
///
/// All three are strong cues: the document stage finds the names again.
fn company_rule(p: &Prepared, lex: &Lexicon, seg: &Segmenter, out: &mut Vec<Candidate>) {
    let n = p.len();
    let last: &CharSet = &COMPANY_CUE_LAST_CHARS;
    for (t, tok) in p.tokens.iter().enumerate() {
        // cheap filter: a stock code follows, or the token ends like a role noun or trade word
        let cue_end = p.char_at(tok.end - 1).is_some_and(|c| last.contains(c));
        if !cue_end && !matches!(p.char_at(tok.end), Some('(' | '（')) {
            continue;
        }
        let word = p.slice(tok.start, tok.end);
        // 1. before a stock code
        if let Some(_code_end) = stock_code_at(p, tok.end) {
            let s = company_start(p, lex, seg, tok.end);
            if company_like(p, lex, s, tok.end) {
                out.push(strong(rule_candidate(s, tok.end)));
            }
        }
        // 2. after a role noun
        if ends_with_any(word, &ROLE_NOUNS) && p.char_at(tok.end).is_none_or(is_han) {
            let mut e = tok.end;
            for k in t + 1..(t + 5).min(p.tokens.len()) {
                let nt = p.tokens[k];
                let w = p.slice(nt.start, nt.end);
                if !w.chars().all(is_han)
                    || is_stop(w)
                    || is_function_pos(seg, w)
                    || super::in_list(w, &COMPANY_VERBS)
                    || nt.end - tok.end > 8
                {
                    break;
                }
                e = nt.end;
            }
            let clause_end = e == n
                || p.char_at(e).is_some_and(|c| !is_han(c))
                || p.token_starting_at(e).is_some_and(|k| {
                    let w = p.slice(p.tokens[k].start, p.tokens[k].end);
                    super::in_list(w, &COMPANY_VERBS) || is_stop(w) || is_function_pos(seg, w)
                });
            if clause_end && company_like(p, lex, tok.end, e) {
                out.push(strong(rule_candidate(tok.end, e)));
            }
        }
        // 3. clause-initial trade-word name before a company verb
        if ends_with_any(word, &TRADE_WORDS) {
            let next_verb = p.token_starting_at(tok.end).is_some_and(|k| {
                super::in_list(p.slice(p.tokens[k].start, p.tokens[k].end), &COMPANY_VERBS)
            });
            if !next_verb {
                continue;
            }
            // the whole clause before the verb is the name: walk back to the clause start
            // over Han tokens (verbs included: 乐迦 + 再生 + 科技), at most eight chars
            let mut s = tok.start;
            while s > 0 && tok.end - s < 8 {
                let Some(k) = p.token_ending_at(s) else {
                    break;
                };
                let w = p.slice(p.tokens[k].start, s);
                if !w.chars().all(is_han) || (w.chars().count() == 1 && is_stop(w)) {
                    break;
                }
                s = p.tokens[k].start;
            }
            let clause_start = s == 0 || p.char_at(s - 1).is_some_and(|c| !is_han(c));
            // the name is more than the trade word and not a place + trade word (台湾 + 钢铁)
            let name = p.slice(s, tok.end);
            let bare = TRADE_WORDS.iter().any(|w| super::eq_quick(w, name));
            let place_trade = super::bodies::place_token_at(p, lex, s)
                .is_some_and(|pt| TRADE_WORDS.contains(&p.slice(pt.end, tok.end)));
            // some word is a proper name, not every one a common word (整体 + 公共 + 建设)
            let proper = (s..tok.end).any(|i| {
                p.token_starting_at(i).is_some_and(|k| {
                    let w = p.slice(p.tokens[k].start, p.tokens[k].end.min(tok.end));
                    // (jieba splits unseen names into single chars: 昱/晟)
                    let single = w.chars().count() == 1 && !is_stop(w);
                    let proper_pos = seg.pos(w).is_none_or(|t| {
                        matches!(
                            t.as_str(),
                            "nz" | "nr" | "nrt" | "ns" | "nt" | "j" | "x" | "eng"
                        )
                    });
                    !TRADE_WORDS.contains(&w) && (single || proper_pos)
                })
            });
            if clause_start && proper && !bare && !place_trade && company_like(p, lex, s, tok.end) {
                out.push(strong(rule_candidate(s, tok.end)));
            }
        }
    }
}
