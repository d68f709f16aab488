//! QUANTITY: the grammar of Chinese amounts and their normalized values.
//!
//! # Contract
//! The recognizer works on *prepared* text: full-width ASCII already folded to half-width, ASCII
//! lower-cased, and Traditional characters converted to Simplified (see [`crate::normalize`] and
//! [`crate::convert`]). All offsets it returns are `char` indexes into that prepared text, end
//! exclusive; because preparation never changes the number of characters in the default
//! configuration, the pipeline maps them back to the original text with [`crate::convert::OffsetMap`].
//!
//! [`find_quantities`] scans running text; [`parse_quantity`] reads one whole expression (it prepares
//! the expression itself, so it accepts either script and full-width forms).
//!
//! # What a span covers
//! A numeral with its unit, measure word or percent sign (`460亿元`, `240项`, `5.1%`, `13 升` with
//! the inner space), currency words on either side (`新台币7千亿元`, `20.9万亿元人民币`),
//! approximate numerals (`数千亿美元`, `十多家`, `5000余家`, `二三十万`), and one span for a range
//! whose ends share the unit (`20-30亿美元`; `60%至70%` is two spans). Hedges (`约`, `近`, `超`,
//! `超过`, `逾`, `多达`, `高达`, `不足`, `至少` … before; `左右`, `以上`, `以下`, `之多` … after) and a
//! minus sign stay outside; the hedge is recorded in [`Quantity::hedge`] (in prepared, Simplified
//! form) and a minus sign right before the span (`-3.5%`, `负40%`) makes the value negative.
//! An amount with a magnitude word needs no unit (`4200亿`, `11兆`, `23.5万亿`: unit `""`).
//!
//! Not quantities: dates and years (`2022年`, `2月25日`, `二〇二七年底`), durations (`连续11年`,
//! `首6个月`, `两个多月`), ordinals (`第七批`), bare numbers, Latin model numbers (`a14`, `18a`, `5g`),
//! stock codes, the indefinite `一` with a measure word (`一批`, `一家`), bare magnitudes used as
//! idioms (`百家`, `千家万户`, `亿万`), `两度`/`一度` (“twice”, “once”).
//!
//! `兆` is 10^12 as a numeral (`11兆元`, `1.3兆元`, `2兆882亿元`) and the mega prefix before a unit
//! of the vocabulary (`18兆瓦` = 18 MW, `兆赫`, `兆字节`); likewise `千` before `瓦`, `克`, `米` …
//!
//! # Values and units
//! `value` is the amount in `unit`, with magnitude words folded in (`160万吨/年` = 1 600 000 `t/yr`).
//! A physical amount keeps the unit it was written in, under its standard symbol; there is no
//! conversion between units of one dimension (`18兆瓦` is 18 `MW`, `1.2吉瓦` is 1.2 `GW`).
//!
//! | written | unit | notes |
//! |---|---|---|
//! | 元, 人民币, 块钱, rmb, ¥ | `CNY` | a bare 元 is CNY here; a currency word elsewhere in the span wins (`新台币7千亿元` = TWD); the tagger decides a bare 元 per document ([`currency`]) |
//! | 美元, 美金, us$, $ | `USD` | |
//! | 港元, 港币, 蚊, hk$ | `HKD` | |
//! | 新台币, 台币, nt$ | `TWD` | |
//! | 澳门元, 澳门币, 葡币 | `MOP` | |
//! | 欧元 / 日元, 日圆 / 英镑 / 韩元 / 瑞士法郎 / 加元 / 澳元 / 新加坡元 … | `EUR` / `JPY` / `GBP` / `KRW` / `CHF` / `CAD` / `AUD` / `SGD` … | ISO 4217 (比特币: `BTC`) |
//! | 角, 毛, 毫 / 分, 仙 | the currency, × 0.1 / × 0.01 | only in compounds in running text (`3元5角`) |
//! | %, 百分之N | `%` | value as written |
//! | ‰, 千分之N, 万分之N | `%` | value ÷ 10, ÷ 100 |
//! | 成 | `%` | tenths: 四成 = 40 `%`, 三成半 = 35 `%` |
//! | 折 | `%` | price as a share of the original: 8折 = 80 `%`, 75折 = 75 `%`, 对折 = 50 `%` |
//! | 个百分点, 百分点 | `pp` | percentage points |
//! | 基点, 个基点, 点子 | `bp` | basis points (点子 in Hong Kong) |
//! | 点 after a market verb or index name | `pt` | index points: 恒指跌320点 = 320 `pt` (not a clock time: 上午10点) |
//! | 倍 | `times` | |
//! | 米, 公尺 / 千米, 公里, km / 厘米, 公分, cm / 毫米, mm / 微米 / 奈米, 纳米, nm | `m` / `km` / `cm` / `mm` / `µm` / `nm` | also `mi`, `ft`, `in`, `nmi` |
//! | 平方米, 平米 / 平方公里 / 公顷 / 亩 / 坪 | `m2` / `km2` / `ha` / `mu` / `ping` | |
//! | 升, 公升 / 毫升, ml, cc / 立方米 / 加仑 / 桶 | `L` / `mL` / `m3` / `gal` / `bbl` | |
//! | 吨, 公吨 / 公斤, 千克, kg / 克 / 毫克 / 微克 / 斤 / 两 | `t` / `kg` / `g` / `mg` / `µg` / `jin` / `liang` | 两 as mass only after 斤 (`六斤八两` = 6.8 `jin`) |
//! | 瓦 / 千瓦, kw / 兆瓦, mw / 吉瓦, gw | `W` / `kW` / `MW` / `GW` | |
//! | 千瓦时, kwh, 度电 / 兆瓦时 / 吉瓦时 | `kWh` / `MWh` / `GWh` | 度 is `kWh` with a magnitude word (`100亿度`) or before 电, else `°` |
//! | 字节 / 兆字节, mb / 吉字节, gb … | `B` / `MB` / `GB` … | also `Hz`, `V`, `Pa` families, `TEU` |
//! | 摄氏度, ℃, 摄氏N度 / 华氏度, ℉ / ° | `°C` / `°F` / `°` | |
//! | unit/年, /月, /日, /小时, /unit | `t/yr`, `CNY/yr`, `CNY/m2`, `µg/m3` … | rates |
//! | 家, 项, 个, 件, 座, 辆, 户, 人, 名, 批, 宗, 张, 片, 人次, 台, 艘, 所, 位, 套, 部, 款, 种, 次, 例, 起 … | the word (`家`) | counts |
//! | 级 after a magnitude | `级` | scale class: 万亿级 = 10^12 `级`, 2千亿级 = 2·10^11 `级` |
//! | (none) with 万/亿/兆 | `""` | amounts: 4200亿 = 4.2·10^11 |
//!
//! Approximate numerals set [`Quantity::approx`]; `数`/`几`/`上` in front count as 1 (`数千亿` =
//! 10^11, `上百家` = 100), `几` inside as 0 (`二十几万` = 200 000), `多`/`余` add nothing (`5000余家` = 5000); a
//! pair of neighbouring digits is a range (`二三十万` = 200 000, `max` 300 000).

use serde::Serialize;

pub mod currency;
pub(crate) mod grammar;
mod numeral;
#[cfg(test)]
mod tests;
mod unit;

use crate::charset::CharSet;
pub use currency::Region;
use numeral::{at, is_numeral_char, Mode};
pub use unit::is_currency_code;

/// The normalized value of a QUANTITY entity.
///
/// ```
/// let q = zhtag::quantity::parse_quantity("460億元").unwrap();
/// assert_eq!(q.value, 4.6e10);
/// assert_eq!(q.unit, "CNY");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The value in `unit` (for a range, the lower end).
    pub value: f64,
    /// Canonical unit: an ISO 4217 code for money, `%`, `MW`, or the measure word itself (`家`).
    pub unit: String,
    /// Lower end of a range (`20-30億美元`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// True for approximate numerals (數千億, 十多家).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approx: bool,
    /// A hedge word next to the span but outside it (約, 近, 超, 逾, 左右, 以上).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    /// For a bare 元 whose currency the tagger decided: `"region"` (given by the caller),
    /// `"variant"` (tw2s, hk2s) or `"document"` (the document's own currency words); see
    /// [`currency`]. `None` when the span names its currency or the grammar's CNY stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_from: Option<String>,
}

/// A quantity found in prepared text: `start..end` are `char` indexes, end exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantitySpan {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
    /// The normalized value.
    pub quantity: Quantity,
}

/// Why an expression is not a quantity.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("not a quantity: {reason}")]
pub struct QuantityError {
    /// What was wrong.
    pub reason: String,
}

/// Finds every quantity in prepared text, in text order, non-overlapping.
///
/// ```
/// let qs = zhtag::quantity::find_quantities("全年完成工业投资460亿元,同比增长约11%");
/// assert_eq!(qs.len(), 2);
/// assert_eq!((qs[0].start, qs[0].end), (8, 13));
/// assert_eq!(qs[0].quantity.unit, "CNY");
/// assert_eq!(qs[1].quantity.hedge.as_deref(), Some("约"));
/// ```
pub fn find_quantities(prepared: &str) -> Vec<QuantitySpan> {
    let s: Vec<char> = prepared.chars().collect();
    find_quantities_in_chars(&s)
}

/// [`find_quantities`] on text already split into chars (the recognizer has them at hand).
///
/// ```
/// let s: Vec<char> = "增长约11%".chars().collect();
/// let qs = zhtag::quantity::find_quantities_in_chars(&s);
/// assert_eq!((qs[0].start, qs[0].end), (3, 6));
/// ```
pub fn find_quantities_in_chars(s: &[char]) -> Vec<QuantitySpan> {
    let n = s.len();
    let starts: &CharSet = &START_CHARS; // once, not at every char
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // jump to the next char that could start a quantity (most chars cannot)
        match s
            .get(i..)
            .and_then(|rest| rest.iter().position(|&c| starts.contains(c)))
        {
            Some(k) => i += k,
            None => break,
        }
        let c = at(s, i);
        let mid_number = i > 0 && is_numeral_char(c) && {
            let p = at(s, i - 1);
            is_numeral_char(p)
                || (matches!(p, '.' | '·') && c.is_ascii_digit())
                || (p == ',' && c.is_ascii_digit() && i >= 2 && at(s, i - 2).is_ascii_digit())
                // the second number of a fraction or a date (1/3, 11/28起): no count starts here
                || (p == '/' && c.is_ascii_digit() && i >= 2 && at(s, i - 2).is_ascii_digit())
        };
        if !mid_number
            && let Some(m) = grammar::match_at(s, i, Mode::Find)
            && m.end > m.start
            && m.value.is_finite()
            && m.min.is_none_or(f64::is_finite)
            && m.max.is_none_or(f64::is_finite)
        {
            out.push(to_span(s, m));
            i = out
                .last()
                .map_or(i + 1, |q: &QuantitySpan| q.end.max(i + 1));
            continue;
        }
        if is_numeral_char(c) {
            // skip the rest of this numeral: nothing starts inside it
            i += 1;
            while i < n && (is_numeral_char(at(s, i)) || matches!(at(s, i), ',' | '.' | '·')) {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    out
}

/// [`could_start`] as a bitmap: the scan asks it for every char.
static START_CHARS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::from_predicate(could_start));

/// Can a quantity start with this char (a numeral, a currency or percent prefix, 摄氏, 对折, 半)?
fn could_start(c: char) -> bool {
    is_numeral_char(c)
        || matches!(
            c,
            '数' | '几'
                | '半'
                | '上'
                | '人'
                | '新'
                | '台'
                | '港'
                | '美'
                | '欧'
                | '日'
                | '英'
                | '澳'
                | '葡'
                | '韩'
                | '摄'
                | '华'
                | '对'
                | '$'
                | '¥'
                | '￥'
                | '€'
                | '£'
                | 'r'
                | 'u'
                | 'h'
                | 'n'
                | 'm'
                | 'c'
                | 'e'
                | 'j'
                | 'g'
                | 't'
        )
}

/// The quantity of a grammar match, negated when a sign stood before it (a negative range flips
/// its ends).
fn signed(m: grammar::Cand, neg: bool, hedge: Option<String>) -> Quantity {
    let sign = if neg { -1.0 } else { 1.0 };
    let (min, max) = match (m.min, m.max) {
        (Some(a), Some(b)) if neg => (Some(-b), Some(-a)),
        other => other,
    };
    Quantity {
        value: sign * m.value,
        unit: m.unit,
        min,
        max,
        approx: m.approx,
        hedge,
        currency_from: None,
    }
}

fn to_span(s: &[char], m: grammar::Cand) -> QuantitySpan {
    let hedge = grammar::hedge_around(s, m.start, m.end).map(str::to_string);
    let neg = grammar::negative_before(s, m.start);
    let (start, end) = (m.start, m.end);
    QuantitySpan {
        start,
        end,
        quantity: signed(m, neg, hedge),
    }
}

/// Parses one whole expression (either script, half- or full-width) as a quantity.
///
/// Beyond what [`find_quantities`] recognizes in running text, a whole expression may be a bare
/// number (unit `""`), a fraction (`二分之一`, `3/5`), a power (`2^5`, `1e3`), an SI suffix
/// (`100k`, `3M`, `.0012G`: upper-case `M`/`G` are mega/giga, lower-case `m`/`g` metre/gram), a
/// colloquial money form (`两毛五`, `三块零四`, `五个半` in Hong Kong usage), a leading sign
/// (`-1.2`, `负三十二`, kept in the value) and hedges on either side (`最多一块二角`, `0.5L左右`).
///
/// ```
/// use zhtag::quantity::parse_quantity;
/// assert_eq!(parse_quantity("新臺幣3千億元").unwrap().unit, "TWD");
/// assert_eq!(parse_quantity("三萬四千五百六十七").unwrap().value, 34567.0);
/// assert_eq!(parse_quantity("四成").unwrap().value, 40.0);
/// assert!(parse_quantity("大連").is_err());
/// ```
pub fn parse_quantity(expr: &str) -> Result<Quantity, QuantityError> {
    let err = |r: &str| QuantityError {
        reason: r.to_string(),
    };
    let expanded = expand_si_suffixes(expr);
    let prepared = crate::convert::to_simplified(&crate::normalize::fold(&expanded));
    // drop spaces, except one between two Arabic digits (1 4/3, 1 059)
    let raw: Vec<char> = prepared.chars().collect();
    let mut s: Vec<char> = Vec::with_capacity(raw.len());
    for (k, &c) in raw.iter().enumerate() {
        if c.is_whitespace() {
            let prev = s.last().copied().unwrap_or('\0');
            let next = raw[k..]
                .iter()
                .copied()
                .find(|c| !c.is_whitespace())
                .unwrap_or('\0');
            if prev.is_ascii_digit() && next.is_ascii_digit() && prev != ' ' {
                s.push(' ');
            }
            continue;
        }
        s.push(c);
    }
    while matches!(s.last(), Some('。' | '.' | ',' | '!' | '?' | ';')) {
        s.pop();
    }
    if s.is_empty() {
        return Err(err("empty expression"));
    }
    // hedges on either side
    let mut hedge: Option<String> = None;
    let mut b = 0usize;
    let mut e = s.len();
    for h in grammar::HEDGES_BEFORE {
        let hl = h.chars().count();
        if hl < e && h.chars().zip(s.iter()).all(|(a, b)| a == *b) {
            hedge = Some(h.to_string());
            b = hl;
            break;
        }
    }
    for h in grammar::HEDGES_AFTER {
        let hl = h.chars().count();
        if e > b + hl && grammar::word_before(&s, e, h) {
            if hedge.is_none() {
                hedge = Some(h.to_string());
            }
            e -= hl;
            break;
        }
    }
    let body = s.get(b..e).unwrap_or(&[]);
    // a sign in front
    let (neg, body) = match body.first() {
        Some('-' | '负' | '負') if body.len() > 1 && !matches!(body.get(1), Some('/')) => {
            (true, &body[1..])
        }
        Some('+' | '正') if body.len() > 1 => (false, &body[1..]),
        Some('零') if body.get(1) == Some(&'下') && body.len() > 2 => (true, &body[2..]),
        _ => (false, body),
    };
    let m = grammar::parse_whole(body)
        .ok_or_else(|| err("no quantity grammar covers the whole expression"))?;
    if !m.value.is_finite()
        || m.min.is_some_and(|v| !v.is_finite())
        || m.max.is_some_and(|v| !v.is_finite())
    {
        return Err(err("the value is out of range"));
    }
    Ok(signed(m, neg, hedge))
}

/// `3M` → `3百万`, `.0012G` → `.0012十亿` (before case folding erases the difference between
/// mega `M` and metre `m`).
fn expand_si_suffixes(expr: &str) -> String {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = String::with_capacity(expr.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        let prev_digit = k > 0
            && chars
                .get(k - 1)
                .is_some_and(|p| p.is_ascii_digit() || matches!(p, '０'..='９'));
        let next_letter = chars
            .get(k + 1)
            .is_some_and(|n| n.is_alphabetic() && n.is_ascii());
        match c {
            'M' | 'Ｍ' if prev_digit && !next_letter => out.push_str("百万"),
            'G' | 'Ｇ' if prev_digit && !next_letter => out.push_str("十亿"),
            _ => out.push(c),
        }
    }
    out
}
