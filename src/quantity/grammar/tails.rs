//! The tails a unit may read after itself: the minor money units of one amount
//! (`三块四分`, `五元六角`, `两毛五`), the 两 of a 斤 (`六斤八两`), and a rate (`万吨/年`,
//! `公里每小时`).

use super::super::numeral::{at, cn_digit, is_space, Mode};
use super::super::unit::{match_unit, Kind};
use super::is_range_sep;

/// A time word after `/` or `每` in a rate, as its symbol, and its end.
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

/// One digit 0–9 written as a Chinese digit or an ASCII digit (for money and 斤两 compounds).
pub(super) fn single_digit(s: &[char], i: usize) -> Option<(f64, usize)> {
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

/// 角, 毛, 毫: a tenth of the major unit.
fn is_jiao(c: char) -> bool {
    matches!(c, '角' | '毛' | '毫')
}
/// 分, 仙: a hundredth of the major unit.
pub(super) fn is_fen(c: char) -> bool {
    matches!(c, '分' | '仙')
}

/// The fractional tail after a major money unit: `三块四分`, `五元六角`, `两毛五`, `三块零四`,
/// `一块二` (elided, parse only), `五个半`. Returns (amount in major units, end).
pub(super) fn money_tail(s: &[char], e: usize, mode: Mode, elide_major: bool) -> (f64, usize) {
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
pub(super) fn elided_ok(s: &[char], k: usize) -> bool {
    let c = at(s, k);
    c == '\0' || is_range_sep(c) || is_space(c)
}

/// Reads `斤` compounds: `六斤八两`, `3斤5两`, `三斤半`. Returns jin added and end.
pub(super) fn jin_tail(s: &[char], e: usize) -> (f64, usize) {
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

/// `万吨/年` → `t/yr`, `亿元/年` → `CNY/yr`, `元/平方米` → `CNY/m2`, `微克/立方米` → `µg/m3`.
pub(super) fn rate(s: &[char], end: usize, unit: &str) -> (String, usize) {
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
