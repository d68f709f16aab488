//! The quantity grammar: numeral (or range) + unit, currency and percent prefixes, compounds
//! (`三块四分`, `六斤八两`, `两米半`), rates (`万吨/年`), and the context rules that keep dates,
//! ordinals, model numbers and idioms out.

mod special;

use super::numeral::{
    at, big_unit, cn_digit, is_numeral_char, is_space, read_numeral, skip_sp, Mode, Num,
};
use super::unit::{match_unit, Kind, UnitMatch};
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

fn time_suffix(s: &[char], i: usize) -> Option<(&'static str, usize)> {
    let c = at(s, i);
    let d = at(s, i + 1);
    Some(match c {
        '年' => ("yr", i + 1),
        '月' => ("mo", i + 1),
        '日' | '天' => ("d", i + 1),
        '周' => ("wk", i + 1),
        '秒' | 's' => ("s", i + 1),
        '小' if d == '时' => ("h", i + 2),
        '时' | 'h' => ("h", i + 1),
        '分' if d == '钟' => ("min", i + 2),
        _ => return None,
    })
}

/// Numerals with a virtual value (implicit `一` in 个半 / 米九, leading 半 in 半公升).
fn virtual_num(i: usize, value: f64, end: usize) -> Num {
    Num {
        start: i,
        end,
        value,
        approx: false,
        hi: None,
        trailing_mag: 1.0,
        has_big: false,
        mag_chars: 0,
        bare_lead: false,
        lone_one: false,
        lone_zero: false,
        arabic_only: false,
        digit_run: false,
        chinese: true,
        ends_with_digit: false,
    }
}

/// One digit 0–9 written as a Chinese digit or an ASCII digit (for money and 斤两 compounds).
fn single_digit(s: &[char], i: usize) -> Option<(f64, usize)> {
    let c = at(s, i);
    if c.is_ascii_digit() && !at(s, i + 1).is_ascii_digit() && at(s, i + 1) != '.' {
        return Some(((c as u32 - '0' as u32) as f64, i + 1));
    }
    if let Some(d) = cn_digit(c)
        && d > 0
    {
        return Some((d as f64, i + 1));
    }
    None
}

fn is_jiao(c: char) -> bool {
    matches!(c, '角' | '毛' | '毫')
}
fn is_fen(c: char) -> bool {
    matches!(c, '分' | '仙')
}

/// The fractional tail after a major money unit: `三块四分`, `五元六角`, `两毛五`, `三块零四`,
/// `一块二` (elided, parse only), `五个半`. Returns (amount in major units, end).
fn money_tail(s: &[char], e: usize, mode: Mode, elide_major: bool) -> (f64, usize) {
    let c = at(s, e);
    if c == '半' {
        return (0.5, e + 1);
    }
    if mode == Mode::Parse
        && matches!(c, '零' | '〇')
        && let Some((d, k)) = single_digit(s, e + 1)
    {
        let k2 = if is_fen(at(s, k)) { k + 1 } else { k };
        return (d * 0.01, k2);
    }
    if let Some((d, k)) = single_digit(s, e) {
        if is_jiao(at(s, k)) {
            let mut add = d * 0.1;
            let mut end = k + 1;
            if let Some((d2, k2)) = single_digit(s, end) {
                if is_fen(at(s, k2)) {
                    add += d2 * 0.01;
                    end = k2 + 1;
                } else if mode == Mode::Parse && elided_ok(s, k2) {
                    add += d2 * 0.01;
                    end = k2;
                }
            }
            return (add, end);
        }
        if is_fen(at(s, k)) {
            return (d * 0.01, k + 1);
        }
        if mode == Mode::Parse && elide_major && elided_ok(s, k) {
            return (d * 0.1, k);
        }
    }
    (0.0, e)
}

/// An elided trailing digit (一块二) must end the expression or a range end.
fn elided_ok(s: &[char], k: usize) -> bool {
    let c = at(s, k);
    c == '\0' || is_range_sep(c) || is_space(c)
}

/// Reads `斤` compounds: `六斤八两`, `3斤5两`, `三斤半`. Returns jin added and end.
fn jin_tail(s: &[char], e: usize) -> (f64, usize) {
    if at(s, e) == '半' {
        return (0.5, e + 1);
    }
    if let Some((d, k)) = single_digit(s, e)
        && matches!(at(s, k), '两' | '兩')
    {
        if at(s, k + 1) == '半' {
            return (d * 0.1 + 0.05, k + 2);
        }
        return (d * 0.1, k + 1);
    }
    (0.0, e)
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
    if matches!(c, '摄' | '华') {
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

/// Numeral (or range) followed by an optional unit.
fn numeral_path(s: &[char], i: usize, ctx: Ctx) -> Option<Cand> {
    let mode = ctx.mode;
    let c = at(s, i);
    let n1 = match read_numeral(s, i, mode) {
        Some(n) => n,
        None => {
            // 个半, 米九 (an implicit one, parse only); 半公升, 半折
            if mode == Mode::Parse && matches!(c, '个' | '米') {
                let nx = at(s, i + 1);
                if nx == '半' || cn_digit(nx).is_some() {
                    virtual_num(i, 1.0, i)
                } else {
                    return None;
                }
            } else if c == '半' {
                virtual_num(i, 0.5, i + 1)
            } else {
                return None;
            }
        }
    };
    let half_lead = c == '半' && n1.end == i + 1 && n1.value == 0.5;

    // ---- a range: 20-30亿美元, 1.6~3.9米, 二至三公升
    let mut lo = n1.clone();
    let mut hi: Option<Num> = None;
    let r = skip_sp(s, n1.end, 1);
    if is_range_sep(at(s, r)) && !half_lead {
        let k = skip_sp(s, r + 1, 1);
        if let Some(n2) = read_numeral(s, k, mode) {
            let scale = if lo.trailing_mag == 1.0 && n2.trailing_mag > 1.0 && !lo.has_big {
                n2.trailing_mag
            } else {
                1.0
            };
            let lo_v = lo.value * scale;
            let um = match_unit(s, skip_sp(s, n2.end, 4), mode);
            if lo_v <= n2.value
                && lo_v >= 0.0
                && (um.is_some() || n2.has_big || mode == Mode::Parse)
            {
                lo.value = lo_v;
                if scale > 1.0 {
                    lo.has_big = true;
                }
                hi = Some(n2);
            }
        }
    }
    let last = hi.as_ref().unwrap_or(&lo);
    let num_end = last.end;
    let approx = lo.approx || hi.as_ref().is_some_and(|h| h.approx);

    // ---- the unit
    let ui = skip_sp(s, num_end, 4);
    let mut um: Option<UnitMatch> = match_unit(s, ui, mode);
    // parse: 六个加仑 (a classifier before a unit)
    let mut skip_ge = false;
    if mode == Mode::Parse
        && let Some(m) = um
        && m.def.word == "个"
        && let Some(m2) = match_unit(s, m.end, mode)
        && matches!(m2.def.kind, Kind::Phys(_))
    {
        um = Some(m2);
        skip_ge = true;
    }
    let _ = skip_ge;
    // a unit that cannot follow a range or this numeral
    let (lo_v, hi_v) = (lo.value, hi.as_ref().map(|h| h.value));
    let mut min = hi_v.map(|_| lo_v);
    let mut max = hi_v;
    if let (None, Some(h)) = (max, lo.hi) {
        min = Some(lo_v);
        max = Some(h);
    }

    // ---- context rules for running text
    if mode == Mode::Find && ctx.prefix_currency.is_none() {
        let prev = if i > 0 { at(s, i - 1) } else { '\0' };
        if prev == '第' || prev.is_ascii_alphabetic() {
            return None;
        }
        // 3.5.1, 1.2.3: a version, not a number
        if prev == '.' && at(s, i.wrapping_sub(2)).is_ascii_digit() {
            return None;
        }
    }
    if mode == Mode::Find {
        if lo.lone_zero && hi.is_none() {
            return None;
        }
        // a number running into Latin letters that are no unit (18a, 5g, a14)
        if um.is_none() && at(s, num_end).is_ascii_alphabetic() {
            return None;
        }
    }

    let Some(um) = um else {
        return no_unit(s, i, &lo, hi.as_ref(), num_end, approx, min, max, ctx);
    };
    let word = um.def.word;
    let mut end = um.end;
    let f = |x: f64, k: f64| round_sig(x * k);
    let mk =
        |value: f64, unit: String, end: usize, min: Option<f64>, max: Option<f64>, approx: bool| {
            Cand {
                start: i,
                end,
                value,
                unit,
                min,
                max,
                approx,
            }
        };

    if mode == Mode::Find {
        if half_lead && !matches!(um.def.kind, Kind::Phys(_) | Kind::Zhe) {
            return None; // 下半场, 半成品
        }
        if lo.bare_lead
            && !bare_lead_rises(s, lo.start)
            && !bare_lead_after_hedge(s, lo.start)
            && um.def.kind != Kind::Scale
            && !(um.def.kind == Kind::Times && lo.value >= 1e4)
        {
            return None; // 百家, 千家万户, 万人, 亿万 (but 万倍 is a multiple)
        }
        // 2月1日元首…: a date before 日元
        if word.starts_with('日') && at(s, i.wrapping_sub(1)) == '月' {
            return None;
        }
        let money_block = word == "块" && money_tail(s, um.end, mode, false).1 > um.end;
        let ge_yi = word == "个" && matches!(at(s, um.end), '亿' | '億' | '万' | '萬');
        if lo.lone_one && hi.is_none() && um.def.kind == Kind::Measure && !money_block && !ge_yi {
            return None; // 一批, 一家, 一个: the indefinite article
        }
    }
    if ctx.prefix_currency.is_some() && !matches!(um.def.kind, Kind::Money(_)) {
        // 港币三个一毫四 (parse): 个 as dollars
        if !(mode == Mode::Parse && word == "个") {
            // 人民币 + number + a non-money unit: the prefix does not belong to this amount
            if mode == Mode::Find {
                return None;
            }
            return None;
        }
    }

    match um.def.kind {
        Kind::Money(code) => {
            let code = match ctx.prefix_currency {
                Some(p) if code == "CNY" && matches!(word, "元" | "圆" | "块钱" | "块") => p,
                Some(p) if p == code => p,
                Some(_) => return None,
                None => code,
            };
            let mut value = lo.value;
            // 20.9万亿元人民币
            if word == "元" && code == "CNY" && word_at(s, end, "人民币") {
                end += 3;
            }
            let elide = matches!(word, "元" | "块" | "蚊" | "圆");
            if hi.is_none() && !lo.has_big {
                let (add, e) = money_tail(s, end, mode, elide);
                value += add;
                end = e;
            }
            let (unit, end) = rate(s, end, code);
            Some(mk(round_sig(value), unit, end, min, max, approx))
        }
        Kind::MoneySub(k, code) => {
            let code = ctx.prefix_currency.unwrap_or(code);
            let mut value = lo.value * k;
            if k > 0.05
                && hi.is_none()
                && let Some((d2, k2)) = single_digit(s, end)
            {
                if is_fen(at(s, k2)) {
                    value += d2 * 0.01;
                    end = k2 + 1;
                } else if elided_ok(s, k2) {
                    value += d2 * 0.01;
                    end = k2;
                }
            }
            Some(mk(
                round_sig(value),
                code.into(),
                end,
                min.map(|x| f(x, k)),
                max.map(|x| f(x, k)),
                approx,
            ))
        }
        Kind::Percent => Some(mk(lo.value, "%".into(), end, min, max, approx)),
        Kind::Permille => Some(mk(
            f(lo.value, 0.1),
            "%".into(),
            end,
            min.map(|x| f(x, 0.1)),
            max.map(|x| f(x, 0.1)),
            approx,
        )),
        Kind::Pp => Some(mk(lo.value, "pp".into(), end, min, max, approx)),
        Kind::Cheng => {
            if lo.value > 10.0 || max.is_some_and(|m| m > 10.0) || lo.has_big {
                return None;
            }
            if mode == Mode::Find
                && matches!(
                    at(s, end),
                    '不' | '为'
                        | '立'
                        | '功'
                        | '本'
                        | '员'
                        | '果'
                        | '交'
                        | '长'
                        | '就'
                        | '绩'
                        | '熟'
                        | '型'
                        | '都'
                        | '品'
                        | '效'
                        | '年'
                        | '份'
                        | '分'
                )
            {
                return None;
            }
            let mut v = lo.value;
            if at(s, end) == '半' && hi.is_none() {
                v += 0.5;
                end += 1;
            } else if hi.is_none() && lo.hi.is_none() && v.fract() == 0.0 {
                // 三成五 = 35 %: an elided digit that ends the expression
                if let Some((d, k)) = single_digit(s, end) {
                    let nx = at(s, k);
                    if cn_digit(at(s, end)).is_some()
                        && !is_numeral_char(nx)
                        && match_unit(s, k, mode).is_none()
                        && !is_time_char(nx)
                        && nx != '点'
                        && nx != '.'
                    {
                        v += d / 10.0;
                        end = k;
                    }
                }
            }
            Some(mk(
                f(v, 10.0),
                "%".into(),
                end,
                min.map(|x| f(x, 10.0)),
                max.map(|x| f(x, 10.0)),
                approx,
            ))
        }
        Kind::Zhe => {
            if mode == Mode::Find
                && matches!(
                    at(s, end),
                    '旧' | '合' | '算' | '射' | '腾' | '叠' | '返' | '线' | '中' | '损' | '价'
                )
            {
                return None;
            }
            if half_lead {
                return Some(mk(50.0, "%".into(), end, None, None, approx)); // 半折
            }
            let k = |x: f64| if x <= 10.0 { x * 10.0 } else { x };
            let v = lo.value;
            if v <= 0.0 || v >= 100.0 || lo.has_big {
                return None;
            }
            Some(mk(
                round_sig(k(v)),
                "%".into(),
                end,
                min.map(|x| round_sig(k(x))),
                max.map(|x| round_sig(k(x))),
                approx,
            ))
        }
        Kind::Times => Some(mk(lo.value, "times".into(), end, min, max, approx)),
        Kind::Phys(sym) => {
            let mut value = lo.value;
            if hi.is_none() {
                if sym == "jin" {
                    let (add, e) = jin_tail(s, end);
                    value += add;
                    end = e;
                } else if at(s, end) == '半' && !is_time_char(at(s, end + 1)) {
                    value += 0.5;
                    end += 1;
                } else if sym == "m" && word == "米" {
                    // 三米九, 一米八 (running text: a Chinese digit that nothing else claims)
                    if let Some((d, k)) = single_digit(s, end) {
                        let nx = at(s, k);
                        let ok = match mode {
                            Mode::Parse => elided_ok(s, k),
                            Mode::Find => {
                                cn_digit(at(s, end)).is_some()
                                    && !is_numeral_char(nx)
                                    && !matches!(nx, '点' | '.' | '多' | '余' | '几' | '半')
                                    && match_unit(s, k, mode).is_none()
                                    && !is_time_char(nx)
                            }
                        };
                        if ok {
                            value += d * 0.1;
                            end = k;
                        }
                    }
                }
            }
            let (unit, end) = rate(s, end, sym);
            Some(mk(round_sig(value), unit, end, min, max, approx))
        }
        Kind::Du => {
            if at(s, end) == '电' {
                return Some(mk(lo.value, "kWh".into(), end + 1, min, max, approx));
            }
            if lo.has_big {
                return Some(mk(lo.value, "kWh".into(), end, min, max, approx));
            }
            if mode == Mode::Find && lo.chinese && !word_before(s, i, "零下") {
                return None; // 两度, 一度: "twice", "once"
            }
            Some(mk(lo.value, "°".into(), end, min, max, approx))
        }
        Kind::Measure => {
            if word == "个" && matches!(at(s, end), '亿' | '億' | '万' | '萬') {
                // 5个亿 = 5亿 (colloquial)
                let m = if matches!(at(s, end), '亿' | '億') {
                    1e8
                } else {
                    1e4
                };
                let e = end + 1;
                let scaled = |x: Option<f64>| x.map(|v| round_sig(v * m));
                return match match_unit(s, e, mode) {
                    Some(u2) => match u2.def.kind {
                        Kind::Money(code) => {
                            let code = ctx.prefix_currency.unwrap_or(code);
                            Some(mk(
                                round_sig(lo.value * m),
                                code.into(),
                                u2.end,
                                scaled(min),
                                scaled(max),
                                approx,
                            ))
                        }
                        Kind::Measure if u2.def.word != "个" => Some(mk(
                            round_sig(lo.value * m),
                            u2.def.word.into(),
                            u2.end,
                            scaled(min),
                            scaled(max),
                            approx,
                        )),
                        _ => None,
                    },
                    None => Some(mk(
                        round_sig(lo.value * m),
                        String::new(),
                        e,
                        scaled(min),
                        scaled(max),
                        approx,
                    )),
                };
            }
            if mode == Mode::Find && word == "块" && hi.is_none() {
                // 一块五毛, 三块四分: money after all
                let (add, e) = money_tail(s, end, mode, false);
                if e > end && at(s, end) != '半' {
                    return Some(mk(
                        round_sig(lo.value + add),
                        "CNY".into(),
                        e,
                        min,
                        max,
                        approx,
                    ));
                }
            }
            if mode == Mode::Parse && word == "个" {
                // Cantonese money: 五个半, 个九, 三个一毫四 (dollars)
                let nx = at(s, end);
                if nx == '半' || single_digit(s, end).is_some() {
                    let (add, e) = money_tail(s, end, mode, true);
                    if e == s.len() || is_range_sep(at(s, e)) {
                        let code = ctx.prefix_currency.unwrap_or("HKD");
                        return Some(mk(
                            round_sig(lo.value + add),
                            code.into(),
                            e,
                            min,
                            max,
                            approx,
                        ));
                    }
                }
                if ctx.prefix_currency.is_some() {
                    return None;
                }
            }
            if mode == Mode::Find {
                // a measure word before a time word is part of a duration (3个月 is blocked in the
                // vocabulary; 5场年度 …)
                if lo.digit_run && lo.value >= 1000.0 && is_time_char(at(s, end)) {
                    return None;
                }
            }
            let (unit, end) = rate(s, end, word);
            Some(mk(lo.value, unit, end, min, max, approx))
        }
        Kind::Scale => {
            if !lo.has_big {
                return None; // 1级 is a grade, not a scale class
            }
            Some(mk(lo.value, "级".into(), end, min, max, approx))
        }
        Kind::Liang => {
            if mode == Mode::Find {
                return None;
            }
            let mut v = lo.value;
            if at(s, end) == '半' {
                v += 0.5;
                end += 1;
            }
            Some(mk(v, "liang".into(), end, min, max, approx))
        }
        Kind::Dozen => Some(mk(
            lo.value * 12.0,
            "".into(),
            end,
            min.map(|x| x * 12.0),
            max.map(|x| x * 12.0),
            approx,
        )),
    }
}

/// A bare leading magnitude must rise (百万, 千亿, 万亿 are amounts; 亿万, 万千 are idioms) or
/// follow an approximating word (近百家, 逾千人, 上万人, 数百家 is read by the numeral itself).
fn bare_lead_rises(s: &[char], start: usize) -> bool {
    let mag = |c: char| {
        super::numeral::small_unit(c)
            .or_else(|| big_unit(c))
            .unwrap_or(0.0)
    };
    let a = mag(at(s, start));
    let b = mag(at(s, start + 1));
    // 千兆, 百兆, 万兆 are network speeds (gigabit …), not 10^15
    (a > 0.0 && b > a && at(s, start + 1) != '兆')
        // 千余家, 百多人, 万余元
        || (a > 0.0 && matches!(at(s, start + 1), '余' | '餘' | '多'))
}

fn bare_lead_after_hedge(s: &[char], start: usize) -> bool {
    start > 0
        && matches!(
            at(s, start - 1),
            '近' | '逾' | '超' | '约' | '上' | '过' | '破' | '达'
        )
}

/// `万吨/年` → `t/yr`, `亿元/年` → `CNY/yr`, `元/平方米` → `CNY/m2`, `微克/立方米` → `µg/m3`.
fn rate(s: &[char], end: usize, unit: &str) -> (String, usize) {
    // 公里每小时, 米每秒
    if at(s, end) == '每'
        && !matches!(unit, "CNY" | "USD" | "%")
        && let Some((t, e)) = time_suffix(s, end + 1)
        && !at(s, e).is_ascii_alphabetic()
        && unit.chars().all(|c| c.is_ascii_alphabetic())
    {
        return (format!("{unit}/{t}"), e);
    }
    if at(s, end) == '/' {
        if let Some((t, e)) = time_suffix(s, end + 1)
            && !at(s, e).is_ascii_alphabetic()
        {
            return (format!("{unit}/{t}"), e);
        }
        if let Some(m) = match_unit(s, end + 1, Mode::Find) {
            let d = match m.def.kind {
                Kind::Phys(sym) => Some(sym),
                Kind::Measure => Some(m.def.word),
                _ => None,
            };
            if let Some(d) = d {
                return (format!("{unit}/{d}"), m.end);
            }
        }
    }
    (unit.to_string(), end)
}

/// A numeral without a unit: in running text only an amount with a magnitude word (4200亿, 11兆);
/// in `parse_quantity` any number.
#[allow(clippy::too_many_arguments)]
fn no_unit(
    s: &[char],
    i: usize,
    lo: &Num,
    hi: Option<&Num>,
    num_end: usize,
    approx: bool,
    min: Option<f64>,
    max: Option<f64>,
    ctx: Ctx,
) -> Option<Cand> {
    let mut value = lo.value;
    let mut end = num_end;
    if let Some(code) = ctx.prefix_currency {
        // 港币3.14, 人民币3.14
        if ctx.mode == Mode::Find && !(lo.has_big || lo.arabic_only || lo.chinese) {
            return None;
        }
        return Some(Cand {
            start: i,
            end,
            value,
            unit: code.into(),
            min,
            max,
            approx,
        });
    }
    match ctx.mode {
        Mode::Find => {
            let last = hi.unwrap_or(lo);
            if !last.has_big
                || (lo.bare_lead && !bare_lead_rises(s, lo.start))
                || at(s, lo.start) == '上'
            {
                return None; // 上万 alone is the idiom "tens of thousands"
            }
            let nx = at(s, skip_sp(s, end, 1));
            if is_time_char(nx) || nx.is_ascii_alphanumeric() {
                return None; // 2万年: a duration
            }
            Some(Cand {
                start: i,
                end,
                value,
                unit: String::new(),
                min,
                max,
                approx,
            })
        }
        Mode::Parse => {
            // 一半, 1半
            if at(s, end) == '半' && hi.is_none() {
                value *= 0.5;
                end += 1;
            }
            Some(Cand {
                start: i,
                end,
                value: round_sig(value),
                unit: String::new(),
                min,
                max,
                approx,
            })
        }
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
