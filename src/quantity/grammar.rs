//! The quantity grammar: numeral (or range) + unit, currency and percent prefixes, compounds
//! (`三块四分`, `六斤八两`, `两米半`), rates (`万吨/年`), and the context rules that keep dates,
//! ordinals, model numbers and idioms out.
//!
//! A sketch of what [`match_at`] reads at one position (spaces: up to one around a range
//! separator and after a prefix, up to four before a unit; the numeral itself, with its
//! magnitudes 十百千万亿兆, approximations 数/几/多/余 and inner spaces such as `3 兆 2,100 亿`, is
//! [`super::numeral`]'s):
//!
//! ```text
//! quantity   = percent-of | temperature | "对折" | [currency] amount
//! percent-of = ("百分之" | "千分之" | "万分之") numeral [sep ["百分之"] numeral]
//! temperature= ("摄氏" | "华氏") numeral ["度" | "°"]
//! currency   = 人民币 | 新台币 | 港币 | 美元 | … | "$" | "us$" | "nt$" | …   (a numeral must follow)
//! amount     = lead [range-tail] [unit]                          (amount.rs)
//! lead       = numeral | "半" | implicit-one                     (implicit-one: parse, 个半 米九)
//! range-tail = sep numeral                                       (hi ≥ lo; 3至5亿 scales lo)
//! sep        = "-" | "~" | "～" | "至" | "到" | "—" | …
//! unit       = money [minor-tail] [rate] | minor-money | "%" | "‰" | "成" [tenth] | "折"
//!            | "倍" | physical [jin-tail | "半" | 米-tenth] [rate] | "度" ["电"]
//!            | measure ["亿" | "万" [unit]] [rate] | "级" | "两" | "打"   (by_kind.rs)
//! minor-tail = "半" | digit ("角"|"毛") [digit ["分"]] | digit "分" | ["零"] digit   (tails.rs)
//! rate       = ("/" | "每") (time-word | unit)
//! points     = amount "点"      after a market verb or index name: 恒指跌320点 (points.rs)
//! ```
//!
//! Without a unit, running text keeps only an amount with a magnitude word (`4200亿`) or a
//! currency prefix; [`parse_whole`] reads one whole expression, with the forms of `special.rs`
//! (fractions, powers, ranges whose ends both carry the unit). Hedges (`约`, `左右`) and a minus
//! sign stay outside the span ([`hedge_around`], [`negative_before`]).

mod amount;
mod by_kind;
pub(crate) mod points;
mod special;
mod tails;

use super::numeral::{at, big_unit, is_numeral_char, is_space, read_numeral, skip_sp, Mode};
use amount::numeral_path;
pub(crate) use special::parse_whole;

/// A recognized quantity before it becomes a public [`super::Quantity`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub approx: bool,
}

/// Words that put a currency in front of the amount (`人民币482亿元`, `新台币7千亿元`, `$20`).
static CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("日圆", "JPY"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("澳门币", "MOP"),
    ("澳门元", "MOP"),
    ("葡币", "MOP"),
    ("澳元", "AUD"),
    ("韩元", "KRW"),
    ("rmb", "CNY"),
    ("us$", "USD"),
    ("hk$", "HKD"),
    ("nt$", "TWD"),
    ("mop$", "MOP"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("usd", "USD"),
    ("hkd", "HKD"),
    ("twd", "TWD"),
    ("ntd", "TWD"),
    ("cny", "CNY"),
    ("eur", "EUR"),
    ("jpy", "JPY"),
    ("gbp", "GBP"),
];

/// First char → (length in chars, word, currency code).
type PrefixIndex = rustc_hash::FxHashMap<char, Vec<(usize, &'static str, &'static str)>>;

/// [`CURRENCY_PREFIXES`] by first char, each word with its length in chars, in table order
/// within a char: `match_at` asks at every char that could start a quantity (人, 新, 美, 日 …,
/// every numeral), and nearly all of them start no currency word.
static CURRENCY_PREFIXES_BY_FIRST: std::sync::LazyLock<PrefixIndex> =
    std::sync::LazyLock::new(|| {
        let mut m = PrefixIndex::default();
        for &(w, code) in CURRENCY_PREFIXES {
            if let Some(first) = w.chars().next() {
                m.entry(first)
                    .or_default()
                    .push((w.chars().count(), w, code));
            }
        }
        m
    });

/// Hedges before a quantity (kept outside the span). Longest first.
pub(crate) static HEDGES_BEFORE: &[&str] = &[
    "差不多",
    "大概",
    "约莫",
    "约合",
    "不少于",
    "不低于",
    "不超过",
    "不多于",
    "大约",
    "约为",
    "将近",
    "接近",
    "超过",
    "多达",
    "高达",
    "不足",
    "不到",
    "至少",
    "最少",
    "最多",
    "起码",
    "少于",
    "低于",
    "高于",
    "多于",
    "约",
    "近",
    "超",
    "逾",
];

/// [`HEDGES_BEFORE`] in the same order, each word with its last char and its length in chars
/// (asked for every quantity found; counting the chars of 29 words each time was a sixth of
/// the scan).
static HEDGE_BEFORE_TAILS: std::sync::LazyLock<Vec<(char, usize, &str)>> =
    std::sync::LazyLock::new(|| {
        HEDGES_BEFORE
            .iter()
            .filter_map(|&w| Some((w.chars().last()?, w.chars().count(), w)))
            .collect()
    });

/// Hedges after a quantity (kept outside the span). Longest first.
pub(crate) static HEDGES_AFTER: &[&str] = &[
    "或以上",
    "或以下",
    "左右",
    "上下",
    "以上",
    "以下",
    "以内",
    "之多",
    "有余",
];

/// Does `word` occur at `i`?
fn word_at(s: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(j, wc)| at(s, j) == wc)
}

/// Does `word` end right before `i`?
pub(crate) fn word_before(s: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && word_at(s, i - n, word)
}

/// A word matched at `i` with inline spaces allowed between its characters.
fn spaced_word_at(s: &[char], i: usize, word: &str) -> Option<usize> {
    let mut j = i;
    let mut first = true;
    for wc in word.chars() {
        if !first {
            j = skip_sp(s, j, 3);
        }
        first = false;
        if at(s, j) != wc {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// `sep`: the chars that join the two ends of a range.
fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '~' | '〜' | '～' | '至' | '到' | '—' | '–')
}

/// Time words after a number: dates and durations, never a quantity.
fn is_time_char(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '天'
            | '周'
            | '时'
            | '分'
            | '秒'
            | '岁'
            | '号'
            | '世'
            | '届'
            | '期'
            | '季'
    )
}

/// Everything a match needs to know about what precedes it.
#[derive(Clone, Copy)]
struct Ctx {
    mode: Mode,
    prefix_currency: Option<&'static str>,
}

/// Tries to match a quantity that starts exactly at `i`.
pub(crate) fn match_at(s: &[char], i: usize, mode: Mode) -> Option<Cand> {
    let c = at(s, i);
    // 百分之十五, 千分之2.4, 万分之肆
    if matches!(c, '百' | '佰' | '千' | '仟' | '万' | '萬')
        && let Some(m) = percent_prefix(s, i, mode)
    {
        return Some(m);
    }
    // 摄氏37度, 华氏70°
    if matches!(c, '摄' | '华')
        && let Some(m) = temperature(s, i, mode)
    {
        return Some(m);
    }
    if c == '对' && at(s, i + 1) == '折' {
        return Some(Cand {
            start: i,
            end: i + 2,
            value: 50.0,
            unit: "%".into(),
            min: None,
            max: None,
            approx: false,
        });
    }
    // currency in front
    if let Some((code, e)) = currency_prefix(s, i) {
        let k = skip_sp(s, e, 1);
        if let Some(mut m) = numeral_path(
            s,
            k,
            Ctx {
                mode,
                prefix_currency: Some(code),
            },
        ) {
            m.start = i;
            return Some(m);
        }
    }
    numeral_path(
        s,
        i,
        Ctx {
            mode,
            prefix_currency: None,
        },
    )
}

/// `temperature = ("摄氏" | "华氏") numeral ["度" | "°"]` at `i` (`摄氏37度`, `华氏70°`), one
/// space allowed between the parts and inside the word.
fn temperature(s: &[char], i: usize, mode: Mode) -> Option<Cand> {
    for (w, unit) in [("摄氏", "°C"), ("华氏", "°F")] {
        if let Some(e) = spaced_word_at(s, i, w) {
            let k = skip_sp(s, e, 1);
            if let Some(n) = read_numeral(s, k, mode) {
                let mut end = n.end;
                let u = skip_sp(s, end, 1);
                if matches!(at(s, u), '度' | '°') {
                    end = u + 1;
                }
                return Some(Cand {
                    start: i,
                    end,
                    value: n.value,
                    unit: unit.into(),
                    min: None,
                    max: None,
                    approx: n.approx,
                });
            }
        }
    }
    None
}

/// `currency` at `i`: the longest currency word of [`CURRENCY_PREFIXES`] there (not inside a
/// Latin word), when a numeral follows it (one space allowed). Returns the code and the word's end.
fn currency_prefix(s: &[char], i: usize) -> Option<(&'static str, usize)> {
    let c = at(s, i);
    if c.is_ascii_alphabetic() && i > 0 && at(s, i - 1).is_ascii_alphabetic() {
        return None;
    }
    let mut best: Option<(&'static str, usize)> = None;
    for &(len, w, code) in CURRENCY_PREFIXES_BY_FIRST.get(&c)? {
        if word_at(s, i, w) {
            let e = i + len;
            if best.is_none_or(|(_, be)| e > be) {
                best = Some((code, e));
            }
        }
    }
    let (code, e) = best?;
    // the amount must follow right away
    let k = skip_sp(s, e, 1);
    let n = at(s, k);
    if n.is_ascii_digit() || is_numeral_char(n) || matches!(n, '数' | '几') {
        Some((code, e))
    } else {
        None
    }
}

/// `percent-of` at `i`: `百分之`, `千分之` or `万分之` (spaces allowed inside) and a numeral, with
/// an optional range tail (`百分之十至十五`, taken when its end is not below the start); the
/// value in `%`.
fn percent_prefix(s: &[char], i: usize, mode: Mode) -> Option<Cand> {
    let (scale, e) = if let Some(e) =
        spaced_word_at(s, i, "百分之").or_else(|| spaced_word_at(s, i, "佰分之"))
    {
        (1.0, e)
    } else if let Some(e) =
        spaced_word_at(s, i, "千分之").or_else(|| spaced_word_at(s, i, "仟分之"))
    {
        (0.1, e)
    } else if let Some(e) =
        spaced_word_at(s, i, "万分之").or_else(|| spaced_word_at(s, i, "萬分之"))
    {
        (0.01, e)
    } else {
        return None;
    };
    let k = skip_sp(s, e, 4);
    let n = read_numeral(s, k, mode)?;
    let mut value = n.value * scale;
    let mut max = None;
    let mut end = n.end;
    // 百分之十至十五
    let r = skip_sp(s, n.end, 1);
    if is_range_sep(at(s, r)) {
        let k2 = skip_sp(s, r + 1, 1);
        let k2 = spaced_word_at(s, k2, "百分之")
            .map(|e| skip_sp(s, e, 1))
            .unwrap_or(k2);
        if let Some(n2) = read_numeral(s, k2, mode)
            && n2.value >= n.value
        {
            max = Some(n2.value * scale);
            end = n2.end;
        }
    }
    value = round_sig(value);
    Some(Cand {
        start: i,
        end,
        value,
        unit: "%".into(),
        min: max.map(|_| value),
        max,
        approx: n.approx,
    })
}

/// Rounds away binary noise from decimal scaling (0.1 × 3 = 0.30000000000000004).
pub(crate) fn round_sig(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = v.abs().log10().floor() as i32;
    let digits = 14 - mag;
    if !(-300..=300).contains(&digits) {
        return v;
    }
    let f = 10f64.powi(digits);
    let r = (v * f).round() / f;
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// The hedge next to a span, if any (the one before wins).
pub(crate) fn hedge_around(s: &[char], start: usize, end: usize) -> Option<&'static str> {
    let b = {
        let mut k = start;
        // skip one space and a minus sign
        if k > 0 && is_space(at(s, k - 1)) {
            k -= 1;
        }
        k
    };
    for &(last, n, h) in HEDGE_BEFORE_TAILS.iter() {
        // word_before(s, b, h), with the cheap test of the last char first
        if b >= n && at(s, b - 1) == last && word_at(s, b - n, h) {
            return Some(h);
        }
    }
    let a = skip_sp(s, end, 1);
    HEDGES_AFTER
        .iter()
        .find(|&h| word_at(s, a, h))
        .map(|v| v as _)
}

/// A minus sign right before the span (`-3.5%`, `负40%`) makes the value negative; the sign
/// stays outside the span.
pub(crate) fn negative_before(s: &[char], start: usize) -> bool {
    if start == 0 {
        return false;
    }
    let p = at(s, start - 1);
    if p == '负' || p == '負' || word_before(s, start, "零下") {
        return true;
    }
    if p == '-' {
        let pp = if start >= 2 { at(s, start - 2) } else { '\0' };
        return !(pp.is_ascii_alphanumeric()
            || is_numeral_char(pp)
            || big_unit(pp).is_some()
            || pp == '%');
    }
    false
}
