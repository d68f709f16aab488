//! POLICY for terms not in the dictionary.
//!
//! * **Titles**: 《…》 whose content ends like a policy document (方案, 规划, 意见, 办法, 条例,
//!   通知, 报告, 纲要, 法, 协议 …), also before a parenthesized period (《…规划(二〇二四-二〇二八年)》
//!   stays whole), and any title after a verb that puts a document into force (落实, 贯彻, 印发 …):
//!   the content, without the marks, is the span.
//! * **Quoted programs**: “…”/「…」 whose content ends with 计划/计画/行动/工程/战略/政策/路径/专案 ….
//! * **Quoted names in policy use**: a quotation after a policy verb (推动/实施/打造/提出/落实/
//!   秉持/依托 …, a place may stand between: 推进澳门「…」), or before a policy head noun
//!   (「…」的原则, 「…」目标, 「…」定位, 「…」计划), and one coordinated with it (「…」及「…」).
//! * **Numbered slogans and formulas**: quoted 两新, 双碳, 五个赋能 (a numeral, optionally
//!   个/大/项/篇, then a short name), plans of numbered parts (两城六区一园, 一中心、一平台),
//!   template formulas (1+N), four-character principles of a fixed shape (以大带小, 能者多付,
//!   应保尽保); unquoted numbered strategies such as 12项关键战略, 六大核心战略产业.
//! * **Launched programmes**: an unquoted name ending in 计划/计画/方案/专案/清单 as the object
//!   of a launch verb (发布了…计划和…清单).
//! * **Categories before 集群/体系**: a dictionary category stays itself (战略性新兴产业 in
//!   战略性新兴产业集群).
//! * **Target-year plans**: a policy term preceded by its target year and place
//!   (台湾 + 2050 + 净零转型) is one span, and so is a named edition with its year (2025年 +
//!   现金分享计划, 二〇二五年财政年度 + 施政报告).

use super::lexicon::Lexicon;
use super::{is_han, Candidate, CharSet, Prepared};
use crate::entity::{Label, Source};
use std::sync::LazyLock;

/// The embedded file of the POLICY rules' word lists, as errors report it: a header line
/// `list<TAB>word`, then one word a line (the format of [`crate::vocab`]).
pub const VOCAB_FILE: &str = "dictionaries/policy_rules.tsv";

/// The names of the POLICY rules' word lists, each documented where the rule reads it.
pub const VOCAB_LISTS: &[&str] = &[
    "title_endings",
    "not_title_endings",
    "policy_verbs",
    "title_verbs",
    "policy_heads",
    "launch_heads",
    "setup_verbs",
    "investment_fund_ends",
    "generic_openers",
    "program_endings",
    "numbered_endings",
    "not_slogan_endings",
    "edition_heads",
];

/// The embedded file, parsed on first use (the format and its checks: [`crate::vocab`]).
pub(crate) static VOCAB: crate::vocab::Embedded = crate::vocab::Embedded::new(
    VOCAB_FILE,
    include_str!("../../dictionaries/policy_rules.tsv"),
    VOCAB_LISTS,
);

/// The words of one embedded POLICY list.
fn words(list: &str) -> &'static [&'static str] {
    VOCAB.get(list)
}

static TITLE_ENDINGS: LazyLock<&[&str]> = LazyLock::new(|| words("title_endings"));

/// Title endings that end ordinary words too (方法, 看法, 说法 end in 法).
static NOT_TITLE_ENDINGS: LazyLock<&[&str]> = LazyLock::new(|| words("not_title_endings"));

/// Verbs that put a document or a programme into force: a title or a quotation after them
/// names a policy.
static POLICY_VERBS: LazyLock<&[&str]> = LazyLock::new(|| words("policy_verbs"));

/// Verbs that put a document into force: a title after them is a policy document whatever
/// its last word (落实《某某框架协议》; not 推出《某某词典》).
static TITLE_VERBS: LazyLock<&[&str]> = LazyLock::new(|| words("title_verbs"));

/// Nouns that, after a quotation, make it the name of a principle, target or programme.
static POLICY_HEADS: LazyLock<&[&str]> = LazyLock::new(|| words("policy_heads"));

/// Heads of unquoted programme names launched by a verb: plans, and the schemes a government
/// sets up (a fast-track 绿色通道, a funding 基金: GUIDELINES, a fund granted under rules is
/// POLICY).
static LAUNCH_HEADS: LazyLock<&[&str]> = LazyLock::new(|| words("launch_heads"));

/// Verbs that set up a scheme (设立 + 某某绿色通道): with [`POLICY_VERBS`], what launches an
/// unquoted programme name.
static SETUP_VERBS: LazyLock<&[&str]> = LazyLock::new(|| words("setup_verbs"));

/// Words that end the name of an investment fund, which is a body (ORG), not a scheme.
static INVESTMENT_FUND_ENDS: LazyLock<&[&str]> = LazyLock::new(|| words("investment_fund_ends"));

/// Words that open a generic reference, never a name (多项方案, 相关计划, 新的方案).
static GENERIC_OPENERS: LazyLock<&[&str]> = LazyLock::new(|| words("generic_openers"));

static PROGRAM_ENDINGS: LazyLock<&[&str]> = LazyLock::new(|| words("program_endings"));

static NUMBERED_ENDINGS: LazyLock<&[&str]> = LazyLock::new(|| words("numbered_endings"));

/// Historical periods and events that look like numbered slogans (三国时代, 八王之乱).
static NOT_SLOGAN_ENDINGS: LazyLock<&[&str]> = LazyLock::new(|| words("not_slogan_endings"));

/// The numerals of numbered slogans and strategies: 一…十, 两 and ASCII digits.
fn is_numeral(c: char) -> bool {
    super::is_small_numeral(c) || c.is_ascii_digit()
}

/// The numerals of quoted numbered slogans: [`is_numeral`] and 双 (双碳, 双港).
fn is_slogan_numeral(c: char) -> bool {
    is_numeral(c) || c == '双'
}

fn rule(start: usize, end: usize) -> Candidate {
    Candidate::rule(Label::Policy, start, end)
}

/// The chars where the scan has work to do: those that open a quote ([`closing`]) and the
/// numerals ([`is_numeral`]). Every other char (nearly all of them) is passed over with one
/// table test.
static TRIGGERS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::from_predicate(|c| closing(c).is_some() || is_numeral(c)));

fn closing(open: char) -> Option<char> {
    match open {
        '《' => Some('》'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '"' => Some('"'),
        _ => None,
    }
}

/// True for a numbered slogan: numeral(s), an optional 个/大/项/篇, then 1–8 Han characters
/// with no verbal particle (一定踢得好高 is a sentence, not a slogan).
fn is_numbered_slogan(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let digits = chars.iter().take_while(|c| is_slogan_numeral(**c)).count();
    if digits == 0 || digits > 2 || chars.len() < 2 || chars.len() > 10 {
        return false;
    }
    let rest = &chars[digits..];
    let rest = match rest.first() {
        Some('个' | '大' | '项' | '篇') if rest.len() > 1 => &rest[1..],
        _ => rest,
    };
    let rest_text: String = rest.iter().collect();
    !rest.is_empty()
        && rest.len() <= 8
        && !NOT_SLOGAN_ENDINGS.iter().any(|e| rest_text.ends_with(e))
        && rest.iter().all(|&c| is_han(c))
        && !rest.iter().any(|c| "得了着吗呢吧啊很".contains(*c))
        && !matches!(rest.first(), Some('年' | '月' | '日' | '天' | '倍'))
}

/// A plan of numbered parts: 两城六区一园一场六镇双港, 三去一降一补 (each part a numeral and one
/// or two Han chars), or numbered slogans listed with 、 (一中心、一平台).
fn is_numbered_plan(s: &str) -> bool {
    if s.contains('、') {
        let parts: Vec<&str> = s.split('、').collect();
        return parts.len() >= 2 && parts.iter().all(|p| is_numbered_slogan(p));
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.len() > 20 {
        return false;
    }
    let (mut parts, mut i) = (0, 0);
    while i < chars.len() {
        if !is_slogan_numeral(chars[i]) || chars[i].is_ascii_digit() {
            return false;
        }
        let name = chars[i + 1..]
            .iter()
            .take_while(|&&c| is_han(c) && !is_slogan_numeral(c))
            .count();
        if !(1..=2).contains(&name) {
            return false;
        }
        parts += 1;
        i += 1 + name;
    }
    parts >= 2
}

/// A template formula: digits and a letter joined by `+` (1+N, 1+3+N; not A+H, not 2+2+2).
fn is_formula(s: &str) -> bool {
    s.len() <= 12
        && s.contains('+')
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '+')
        && !s.starts_with('+')
        && !s.ends_with('+')
}

/// A formula of digits only (3+3+3, 1+4): a score or a sum as often as a policy's name, so it is
/// one only in policy use (a verb that launches it before, a policy head after).
fn is_digit_formula(s: &str) -> bool {
    s.len() <= 12
        && s.split('+').count() >= 2
        && s.split('+')
            .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}

/// A four-character principle of a fixed shape: 以X带Y (以大带小, 以旧换新, 以工代赈), X者YZ
/// (能者多付, 用者自付), AXBX (应保尽保, 应收尽收).
fn is_four_char_principle(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    if c.len() != 4 || !c.iter().all(|&x| is_han(x)) {
        return false;
    }
    (c[0] == '以' && "带促代换养补保治强引".contains(c[2]))
        || c[1] == '者'
        || (c[1] == c[3] && c[0] != c[2])
}

/// Content that can be a name in policy use: 2–20 Han chars, digits or 、 (no sentence
/// punctuation: 「促进合作,共创商机」 is a motto of an event, not a name).
fn is_name_like(s: &str) -> bool {
    let n = s.chars().count();
    (2..=20).contains(&n)
        && s.chars()
            .all(|c| is_han(c) || c.is_ascii_digit() || c == '、')
        && !s.starts_with('、')
}

/// A policy verb ends right before `i`, possibly followed by 了/的 and with a place between
/// (推进澳门「…」, 提出的「…」).
fn policy_verb_before(p: &Prepared, lex: &Lexicon, i: usize) -> bool {
    verb_before(p, lex, i, *POLICY_VERBS)
}

/// One of `verbs` ends right before `i`, possibly followed by 了/的 and with a place between.
fn verb_before(p: &Prepared, lex: &Lexicon, i: usize, verbs: &[&str]) -> bool {
    let mut k = i;
    if let Some(t) = p.token_ending_at(k) {
        let tok = p.tokens[t];
        let is_place = lex
            .lookup(p.slice(tok.start, tok.end))
            .is_some_and(|e| e.label == Label::Loc);
        if is_place {
            k = tok.start;
        }
    }
    if k > 0 && matches!(p.char_at(k - 1), Some('了' | '的')) {
        k -= 1;
    }
    k >= 2 && super::in_list(p.slice(k - 2, k), verbs)
}

/// A policy head noun starts at `k`, possibly after 的 (「…」的原则, 「…」目标).
fn policy_head_after(p: &Prepared, k: usize) -> bool {
    let k = if p.char_at(k) == Some('的') {
        k + 1
    } else {
        k
    };
    super::in_list(p.slice(k, k + 2), *POLICY_HEADS)
}

/// Title content that ends like a policy document, before an optional parenthesized period:
/// 某某发展规划(二〇二四-二〇二八年).
fn is_policy_title(inner: &str) -> bool {
    let body = match inner.strip_suffix(')') {
        Some(rest) => match rest.rfind('(') {
            Some(k) if rest[k..].chars().any(|c| c == '年' || c.is_ascii_digit()) => &rest[..k],
            _ => inner,
        },
        None => inner,
    };
    TITLE_ENDINGS.iter().any(|t| body.ends_with(t))
        && !NOT_TITLE_ENDINGS.iter().any(|t| body.ends_with(t))
}

/// The POLICY rules.
#[derive(Debug, Default, Clone)]
pub struct PolicyRules;

impl PolicyRules {
    /// Proposes POLICY candidates in `p` (the lexicon tells places and dictionary categories).
    pub fn find(&self, p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
        let n = p.len();
        let mut i = 0;
        let triggers: &CharSet = &TRIGGERS;
        // the end of the last quotation taken as a POLICY (for 「…」及「…」)
        let mut last_quote: Option<usize> = None;
        while i < n {
            // on to the next char where there is work
            match p.chars[i..].iter().position(|&c| triggers.contains(c)) {
                Some(k) => i += k,
                None => break,
            }
            let c = p.chars[i];
            if let Some(close) = closing(c) {
                let limit = (i + 61).min(n);
                if let Some(j) = (i + 1..limit).find(|&j| p.chars[j] == close) {
                    let coordinated = last_quote.is_some_and(|e| coordinated_after(p, e, i));
                    if self.quotation(p, lex, i, j, coordinated) {
                        out.push(rule(i + 1, j));
                        last_quote = Some(j + 1);
                    }
                    i = j + 1;
                    continue;
                }
            }
            if is_numeral(c) {
                numbered_strategy(p, i, out);
            }
            i += 1;
        }
        launched_programmes(p, out);
        categories_before_clusters(p, lex, out);
    }

    /// Is the quotation from `open` to `close` (the marks' indexes) a POLICY?
    fn quotation(
        &self,
        p: &Prepared,
        lex: &Lexicon,
        open: usize,
        close: usize,
        coordinated: bool,
    ) -> bool {
        let (s, e) = (open + 1, close);
        if e < s + 2 {
            return false;
        }
        let inner = p.slice(s, e);
        if p.chars[open] == '《' {
            return is_policy_title(inner) || verb_before(p, lex, open, *TITLE_VERBS);
        }
        (PROGRAM_ENDINGS.iter().any(|t| inner.ends_with(t)) && e - s >= 4)
            || is_numbered_slogan(inner)
            || is_numbered_plan(inner)
            || is_formula(inner)
            || is_four_char_principle(inner)
            || ((is_name_like(inner) || is_digit_formula(inner))
                && (coordinated
                    || policy_head_after(p, close + 1)
                    || policy_verb_before(p, lex, open)))
    }

    /// Extends POLICY candidates to their target year and place ((台湾)2050 + 净零转型) and
    /// named editions to their year (2025年 + 现金分享计划).
    pub fn extend_target_years(&self, p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
        let mut extra = Vec::new();
        for c in out.iter().filter(|c| c.label == Label::Policy) {
            let start = target_year_before(p, lex, c.start)
                .or_else(|| edition_year_before(p, c.start, c.end));
            if let Some(start) = start {
                extra.push(Candidate {
                    start,
                    source: Source::Rule,
                    ..c.clone()
                });
            }
            if let Some(end) = version_after(p, c.end) {
                extra.push(Candidate {
                    end,
                    source: Source::Rule,
                    ..c.clone()
                });
            }
        }
        out.extend(extra);
    }
}

/// The end of a version number written right after a programme's name (数位转型方案3.0, X计划
/// 2.0): digits, a point and digits, after at most one space; no more digits, point or percent
/// after it, and no amount read there by the quantity grammar (方案3.5亿元).
fn version_after(p: &Prepared, end: usize) -> Option<usize> {
    let digit = |i: usize| p.char_at(i).is_some_and(|c| c.is_ascii_digit());
    let i = end + usize::from(p.char_at(end) == Some(' '));
    let mut j = i;
    while digit(j) && j - i < 2 {
        j += 1;
    }
    if j == i || p.char_at(j) != Some('.') || !digit(j + 1) {
        return None;
    }
    let mut k = j + 1;
    while digit(k) && k - j <= 2 {
        k += 1;
    }
    let glued = p
        .char_at(k)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '％'));
    // the quantity grammar reads an amount there when a magnitude or unit follows
    let window = p.chars.get(i..(k + 6).min(p.len()))?;
    let amount = crate::quantity::find_quantities_in_chars(window)
        .iter()
        .any(|q| q.start == 0 && q.end > k - i);
    (!glued && !amount).then_some(k)
}

/// An unquoted numbered strategy starting at `i`: 12项关键战略, 六大核心战略产业.
fn numbered_strategy(p: &Prepared, i: usize, out: &mut Vec<Candidate>) {
    let n = p.len();
    if (i > 0 && is_numeral(p.chars[i - 1])) || !p.starts_token(i) {
        return;
    }
    let digits = p.chars[i..].iter().take_while(|c| is_numeral(**c)).count();
    let k = i + digits;
    // 一大… is "a big …", not a numbered strategy
    if digits > 3 || !matches!(p.char_at(k), Some('项' | '大')) || p.chars[i..k] == ['一'] {
        return;
    }
    for ending in *NUMBERED_ENDINGS {
        let el = ending.chars().count();
        for e in (k + 1 + el)..=(k + 9).min(n) {
            if p.slice(e - el, e) == *ending
                && p.ends_token(e)
                && p.chars[k + 1..e].iter().all(|&c| is_han(c))
            {
                out.push(rule(i, e));
            }
        }
    }
}

/// True when the quotation opening at `open` follows the one that ended at `end` with only a
/// coordinator between (」及「, 」和「, 」、「).
fn coordinated_after(p: &Prepared, end: usize, open: usize) -> bool {
    let between = p.slice(end, open);
    matches!(between, "及" | "和" | "与" | "、" | "以及" | "及其")
}

/// Unquoted programme names as the object of a launch verb: 发布了 + 某某招聘计划, and a name
/// coordinated with it (和 + 某某职业清单). The name runs from the verb (or the coordinator) to
/// the head, has at least four chars before the head, and is not a generic reference.
fn launched_programmes(p: &Prepared, out: &mut Vec<Candidate>) {
    let mut last_end: Option<usize> = None;
    let launches = |w: &str| super::in_list(w, *POLICY_VERBS) || super::in_list(w, *SETUP_VERBS);
    for t in &p.tokens {
        let e = t.end;
        if !matches!(
            p.char_at(e.wrapping_sub(1)),
            Some('划' | '画' | '案' | '单' | '道' | '金')
        ) || e < 6
        {
            continue;
        }
        let Some(head) = LAUNCH_HEADS
            .iter()
            .map(|h| h.chars().count())
            .find(|&n| e >= n + 4 && super::in_list(p.slice(e - n, e), *LAUNCH_HEADS))
        else {
            continue;
        };
        let h = e - head;
        if p.slice(h, e) == "基金"
            && INVESTMENT_FUND_ENDS
                .iter()
                .any(|w| p.slice(0, h).ends_with(w))
        {
            continue;
        }
        // walk back over Han chars to the verb or the coordinator
        let mut s = h;
        while s > 0 && s + 20 + head > e && p.chars[s - 1..s].iter().all(|&c| is_han(c)) {
            let verb = s >= 2 && launches(p.slice(s - 2, s));
            let verb_le =
                s >= 3 && p.char_at(s - 1) == Some('了') && launches(p.slice(s - 3, s - 1));
            let coord = last_end
                .is_some_and(|le| matches!(p.slice(le, s), "和" | "及" | "与" | "、" | "以及"));
            if (verb || verb_le || coord) && name_before_head(p, s, h) {
                out.push(rule(s, e));
                last_end = Some(e);
                break;
            }
            s -= 1;
        }
    }
}

/// The name part `s..h` of a launched programme: four chars or more, starting at a token,
/// without 的, not opening like a generic reference, not a work plan (日常检查工作计划) and not
/// a topic + the adjective 新 (社会住宅新计划 is "a new plan for social housing", a generic
/// reference; 新 inside a word, as in 科技创新计划, is part of the name).
fn name_before_head(p: &Prepared, s: usize, h: usize) -> bool {
    let name = p.slice(s, h);
    let new_adjective = name.ends_with('新') && p.starts_token(h - 1);
    h >= s + 4
        && !new_adjective
        && p.starts_token(s)
        && !name.contains(['的', '等', '、'])
        && !name.contains("系列")
        && !name.ends_with("工作")
        && !name.ends_with("年度")
        && !GENERIC_OPENERS.iter().any(|g| name.starts_with(g))
}

/// A dictionary category right before 集群/体系 when the whole is no entry: 战略性新兴产业 in
/// 战略性新兴产业集群 (the lexicon only matches at token ends, and jieba joins 产业集群).
fn categories_before_clusters(p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
    let n = p.len();
    for i in 2..n.saturating_sub(1) {
        if !matches!(p.chars[i], '集' | '体') || !matches!(p.chars[i + 1], '群' | '系') {
            continue;
        }
        let is_policy = |s: usize, e: usize| {
            lex.lookup(p.slice(s, e))
                .is_some_and(|x| x.label == Label::Policy)
        };
        if is_policy(i.saturating_sub(12), i + 2) {
            continue;
        }
        if let Some(s) =
            (i.saturating_sub(12)..i - 1).find(|&s| p.starts_token(s) && is_policy(s, i))
            && !(s..i + 2).any(|k| is_policy(s, k) && k > i)
        {
            out.push(rule(s, i));
        }
    }
}

/// The start of a target year (and a place before it) right before `s`: (台湾)2050 + 净零转型.
fn target_year_before(p: &Prepared, lex: &Lexicon, s: usize) -> Option<usize> {
    if s < 4 {
        return None;
    }
    let year = p.slice(s - 4, s);
    let is_year = year.starts_with("20") && year.chars().all(|c| c.is_ascii_digit());
    if !is_year || (s > 4 && p.chars[s - 5].is_ascii_digit()) {
        return None;
    }
    let mut start = s - 4;
    if let Some(t) = p.token_ending_at(start) {
        let tok = p.tokens[t];
        if lex
            .lookup(p.slice(tok.start, tok.end))
            .is_some_and(|e| e.label == Label::Loc)
        {
            start = tok.start;
        }
    }
    Some(start)
}

/// Document and programme heads whose editions carry a year (2025年现金分享计划,
/// 2026年拨款条例草案, 二〇二五年财政年度施政报告).
static EDITION_HEADS: LazyLock<&[&str]> = LazyLock::new(|| words("edition_heads"));

/// The start of an edition's year right before `s` when the POLICY `s..e` is a document or a
/// programme: `Y年`, `Y年度`, `Y财政年度` or `Y年财政年度` (`Y`: four Arabic or Chinese digits).
fn edition_year_before(p: &Prepared, s: usize, e: usize) -> Option<usize> {
    let name = p.slice(s, e);
    if !EDITION_HEADS.iter().any(|h| name.ends_with(h)) {
        return None;
    }
    let mut k = s;
    for tail in ["财政年度", "年度", "年"] {
        let tl = tail.chars().count();
        if k >= tl && p.slice(k - tl, k) == tail {
            k -= tl;
            break;
        }
    }
    if k == s && !(k >= 4 && p.slice(k - 4, k) == "财政年度") {
        return None;
    }
    if k >= 1 && p.char_at(k - 1) == Some('年') && k < s {
        k -= 1; // 二〇二五年 + 财政年度
    }
    let year_digit = |c: char| {
        c.is_ascii_digit() || matches!(c, '〇' | '○' | '零') || "一二三四五六七八九".contains(c)
    };
    if k < 4 || !(k - 4..k).all(|j| p.chars.get(j).is_some_and(|&c| year_digit(c))) {
        return None;
    }
    let y = k - 4;
    let glued = y > 0
        && p.chars
            .get(y - 1)
            .is_some_and(|&c| year_digit(c) || c == '.');
    (!glued).then_some(y)
}

impl super::Recognizer for PolicyRules {
    fn name(&self) -> &'static str {
        "policy-rules"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        PolicyRules::find(self, p, ctx.lexicon, cands);
    }
}

/// Extends the POLICYs found so far over a target year before them (see
/// [`PolicyRules::extend_target_years`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct TargetYears;

impl super::Recognizer for TargetYears {
    fn name(&self) -> &'static str {
        "policy-years"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        PolicyRules.extend_target_years(p, ctx.lexicon, cands);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan skips every char outside TRIGGERS: they must be exactly the chars that open a
    /// quote or are numerals.
    #[test]
    fn the_triggers_are_the_openers_and_the_numerals() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let work = closing(c).is_some() || is_numeral(c);
            assert_eq!(TRIGGERS.contains(c), work, "{c:?}");
        }
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn numbered_slogans_plans_and_formulas() {
        for yes in ["两新", "双碳", "五个赋能", "三大攻坚"] {
            assert!(is_numbered_slogan(yes), "{yes}");
        }
        for no in ["九天玄女说", "一定踢得好高", "三国时代", "两年", "十倍"] {
            assert!(!is_numbered_slogan(no), "{no}");
        }
        for yes in ["三去一降一补", "两城六区一园", "一中心、一平台"] {
            assert!(is_numbered_plan(yes), "{yes}");
        }
        for no in ["三去", "一中心、平台", "五湖四海之人"] {
            assert!(!is_numbered_plan(no), "{no}");
        }
        assert!(is_formula("1+n") && is_formula("1+3+n"));
        assert!(!is_formula("a+h") && !is_formula("2+2+2") && !is_formula("+n"));
        assert!(is_digit_formula("3+3+3") && is_digit_formula("1+4"));
        assert!(!is_digit_formula("1+") && !is_digit_formula("1+n") && !is_digit_formula("12"));
    }

    #[test]
    fn four_character_principles_have_a_fixed_shape() {
        for yes in ["以旧换新", "用者自付", "应检尽检"] {
            assert!(is_four_char_principle(yes), "{yes}");
        }
        for no in ["大国重器", "人山人海", "压舱石", "以上内容"] {
            assert!(!is_four_char_principle(no), "{no}");
        }
    }

    #[test]
    fn titles_end_like_documents_before_a_period() {
        assert!(is_policy_title("某市产业发展规划(二〇二四-二〇二八年)"));
        assert!(is_policy_title("外商投资法"));
        assert!(!is_policy_title("学习方法"));
        assert!(!is_policy_title("红楼梦"));
    }
}
