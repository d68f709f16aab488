//! What `parse_quantity` accepts beyond the running-text grammar:
//!
//! ```text
//! whole    = amount                               (match_at in parse mode, to the end)
//!          | special
//!          | amount sep amount                    (both ends with the same unit: 两升到三升)
//! special  = ["-"] arabic ( "e" int | "^" int | "/" arabic | " " arabic "/" arabic ) [unit]
//!          | signed "的" signed "次方" [unit]
//!          | [signed "又"] signed ("分" ["之"] | "份") signed [unit]
//! signed   = ["负" | "-"] numeral
//! ```

use super::super::numeral::{at, read_arabic, read_numeral, Mode};
use super::super::unit::{match_unit, Kind};
use super::{is_range_sep, match_at, round_sig, word_at, Cand};

/// Expressions `parse_quantity` accepts beyond the running-text grammar: fractions
/// (`二分之一`, `三百五十又3分之1`, `3/5`, `1 4/3`, `二份一`), powers (`2^5`, `-1e1`), and ranges whose
/// ends carry their own unit (`两升到三升`).
pub(crate) fn parse_whole(s: &[char]) -> Option<Cand> {
    if s.is_empty() {
        return None;
    }
    if let Some(c) = match_at(s, 0, Mode::Parse)
        && c.end == s.len()
    {
        return Some(c);
    }
    if let Some(c) = parse_special(s) {
        return Some(c);
    }
    // a range whose ends both carry the unit (short expressions only: this is quadratic)
    if s.len() > 64 {
        return None;
    }
    for p in 1..s.len() {
        if is_range_sep(at(s, p)) {
            let (l, r) = (&s[..p], &s[p + 1..]);
            if r.is_empty() {
                continue;
            }
            let a = match_at(l, 0, Mode::Parse).filter(|c| c.end == l.len());
            let b = match_at(r, 0, Mode::Parse).filter(|c| c.end == r.len());
            if let (Some(a), Some(b)) = (a, b)
                && a.unit == b.unit
                && a.value <= b.value
            {
                return Some(Cand {
                    start: 0,
                    end: s.len(),
                    value: a.value,
                    unit: a.unit,
                    min: Some(a.value),
                    max: Some(b.value),
                    approx: a.approx || b.approx,
                });
            }
        }
    }
    None
}

/// Reads an optionally negative numeral (负 or -).
fn signed_numeral(s: &[char], i: usize) -> Option<(f64, usize)> {
    let (neg, k) = if matches!(at(s, i), '负' | '負' | '-') {
        (true, i + 1)
    } else {
        (false, i)
    };
    let n = read_numeral(s, k, Mode::Parse)?;
    Some((if neg { -n.value } else { n.value }, n.end))
}

/// `special`: the first of the Arabic forms, a power in words and a Chinese fraction that is
/// present decides (a present form whose value is not finite gives `None`).
fn parse_special(s: &[char]) -> Option<Cand> {
    if let Some(r) = arabic_special(s) {
        return r;
    }
    if let Some(r) = power_in_words(s) {
        return r;
    }
    chinese_fraction(s)
}

/// The value `value` read up to `end`, as the whole expression: `end` is the end of `s`, or a
/// unit follows that ends it (`四分之一公升`). `None` for a value that is not finite.
fn whole(s: &[char], value: f64, end: usize) -> Option<Cand> {
    let len = s.len();
    if !value.is_finite() {
        return None;
    }
    let unit = if end == len {
        String::new()
    } else {
        let m = match_unit(s, end, Mode::Parse)?;
        if m.end != len {
            return None;
        }
        match m.def.kind {
            Kind::Phys(sym) => sym.to_string(),
            Kind::Money(code) => code.to_string(),
            Kind::Percent => "%".into(),
            Kind::Measure => m.def.word.to_string(),
            _ => return None,
        }
    };
    Some(Cand {
        start: 0,
        end: len,
        value: round_sig(value),
        unit,
        min: None,
        max: None,
        approx: false,
    })
}

/// Arabic forms: `2^5`, `-1e1`, `3/5`, `1 4/3` (an optional `-` in front). `Some` with the
/// result of [`whole`] when one is present, `None` when none is.
fn arabic_special(s: &[char]) -> Option<Option<Cand>> {
    let (sign, k0) = if at(s, 0) == '-' { (-1.0, 1) } else { (1.0, 0) };
    let (a, e, _) = read_arabic(s, k0, Mode::Parse)?;
    let arabic = |i: usize| read_arabic(s, i, Mode::Parse).map(|(v, e, _)| (v, e));
    let (value, end) = match at(s, e) {
        'e' => signed_int(s, e + 1).map(|(x, e2)| (a * 10f64.powi(x), e2)),
        '^' => signed_int(s, e + 1).map(|(x, e2)| (a.powi(x), e2)),
        '/' => arabic(e + 1)
            .filter(|&(b, _)| b != 0.0)
            .map(|(b, e2)| (a / b, e2)),
        ' ' => arabic(e + 1)
            .filter(|&(_, e2)| at(s, e2) == '/')
            .and_then(|(p, e2)| Some((p, arabic(e2 + 1)?)))
            .filter(|&(_, (q, _))| q != 0.0)
            .map(|(p, (q, e3))| (a + p / q, e3)),
        _ => None,
    }?;
    Some(whole(s, sign * value, end))
}

/// `10的5次方`: a power in words, the exponent a whole number up to 400 in size. `Some` with the
/// result of [`whole`] when present.
fn power_in_words(s: &[char]) -> Option<Option<Cand>> {
    let (a, e) = signed_numeral(s, 0)?;
    if at(s, e) != '的' {
        return None;
    }
    let (x, e2) = signed_numeral(s, e + 1)?;
    if !(word_at(s, e2, "次方") && x.fract() == 0.0 && x.abs() <= 400.0) {
        return None;
    }
    Some(whole(s, a.powi(x as i32), e2 + 2))
}

/// Chinese fractions: `[Z又] X分之Y`, `X份Y`, `X分Y` (Z + Y/X; a negative Z subtracts).
fn chinese_fraction(s: &[char]) -> Option<Cand> {
    let (base, k) = match signed_numeral(s, 0) {
        Some((z, e)) if at(s, e) == '又' => (z, e + 1),
        _ => (0.0, 0),
    };
    let (x, e) = signed_numeral(s, k)?;
    if !matches!(at(s, e), '分' | '份') {
        return None;
    }
    let e2 = if at(s, e + 1) == '之' { e + 2 } else { e + 1 };
    let (y, e3) = signed_numeral(s, e2)?;
    if x == 0.0 {
        return None;
    }
    let v = if base < 0.0 {
        base - y / x
    } else {
        base + y / x
    };
    whole(s, v, e3)
}

/// An optionally signed whole exponent (`-3`, `+2`, `12`), at most 400 in size.
fn signed_int(s: &[char], i: usize) -> Option<(i32, usize)> {
    let (neg, mut j) = match at(s, i) {
        '-' => (true, i + 1),
        '+' => (false, i + 1),
        _ => (false, i),
    };
    let st = j;
    let mut v: i32 = 0;
    while at(s, j).is_ascii_digit() {
        v = v
            .checked_mul(10)?
            .checked_add((at(s, j) as u32 - '0' as u32) as i32)?;
        j += 1;
    }
    if j == st || v > 400 {
        return None;
    }
    Some((if neg { -v } else { v }, j))
}
