//! What each kind of unit makes of an [`Amount`]: the value it scales to, the unit it
//! reports, the compound tail it may read after itself (`三块四分`, `六斤八两`, `三成五`,
//! `一米八`), and the amounts it refuses (`十一成`, `两度`, `1级`).

use super::super::numeral::{at, cn_digit, is_numeral_char, Mode};
use super::super::unit::{match_unit, Kind, UnitMatch};
use super::amount::Amount;
use super::tails::{elided_ok, is_fen, jin_tail, money_tail, rate, single_digit};
use super::{is_range_sep, is_time_char, round_sig, word_at, word_before, Cand};

/// `round_sig(x * k)`: a value scaled by a unit.
fn mul(x: f64, k: f64) -> f64 {
    round_sig(x * k)
}

impl Amount<'_> {
    /// The quantity `um` makes of this amount, or `None` when the unit does not fit it. The
    /// span ends at the unit, or after the tail the unit reads.
    pub(super) fn with_unit(&self, um: UnitMatch) -> Option<Cand> {
        let (word, end, v) = (um.def.word, um.end, self.lo.value);
        match um.def.kind {
            Kind::Money(code) => self.money(word, code, end),
            Kind::MoneySub(k, code) => Some(self.money_sub(k, code, end)),
            Kind::Percent => Some(self.cand(v, "%".into(), end)),
            Kind::Permille => Some(self.scaled(mul(v, 0.1), "%", end, |x| mul(x, 0.1))),
            Kind::Pp => Some(self.cand(v, "pp".into(), end)),
            Kind::Cheng => self.cheng(end),
            Kind::Zhe => self.zhe(end),
            Kind::Times => Some(self.cand(v, "times".into(), end)),
            Kind::Phys(sym) => Some(self.phys(sym, word, end)),
            Kind::Du => self.du(end),
            Kind::Measure => self.measure(word, end),
            // 1级 is a grade, not a scale class
            Kind::Scale => self.lo.has_big.then(|| self.cand(v, "级".into(), end)),
            Kind::Liang => self.liang(end),
            Kind::Dozen => Some(self.scaled(v * 12.0, "", end, |x| x * 12.0)),
        }
    }

    /// A money unit: the currency prefix decides a bare `元` (`新台币7千亿元` = TWD) and must
    /// agree with any other; then a trailing `人民币` (`20.9万亿元人民币`), the minor units of a
    /// single amount (`三块四分`, `五元六角`) and a rate (`亿元/年`).
    fn money(&self, word: &str, code: &'static str, mut end: usize) -> Option<Cand> {
        let s = self.s;
        let code = match self.ctx.prefix_currency {
            Some(p) if code == "CNY" && matches!(word, "元" | "圆" | "块钱" | "块") => p,
            Some(p) if p == code => p,
            Some(_) => return None,
            None => code,
        };
        let mut value = self.lo.value;
        if word == "元" && code == "CNY" && word_at(s, end, "人民币") {
            end += 3;
        }
        let elide = matches!(word, "元" | "块" | "蚊" | "圆");
        if self.hi.is_none() && !self.lo.has_big {
            let (add, e) = money_tail(s, end, self.ctx.mode, elide);
            value += add;
            end = e;
        }
        let (unit, end) = rate(s, end, code);
        Some(self.cand(round_sig(value), unit, end))
    }

    /// A minor money unit (`五角`, `3毛`, `20分`) worth `k` of `code`; after 角/毛 one digit
    /// more may follow (`两毛五`, `五角六分`).
    fn money_sub(&self, k: f64, code: &'static str, mut end: usize) -> Cand {
        let s = self.s;
        let code = self.ctx.prefix_currency.unwrap_or(code);
        let mut value = self.lo.value * k;
        if k > 0.05
            && self.hi.is_none()
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
        self.scaled(round_sig(value), code, end, |x| mul(x, k))
    }

    /// `成`: tenths up to ten (四成 = 40 %), with `半` or an elided digit after (`三成半`,
    /// `三成五`); in running text not before a word that makes 成 a verb (成不, 成为, 成立 …).
    fn cheng(&self, mut end: usize) -> Option<Cand> {
        let (s, lo) = (self.s, &self.lo);
        if lo.value > 10.0 || self.max.is_some_and(|m| m > 10.0) || lo.has_big {
            return None;
        }
        if self.ctx.mode == Mode::Find && cheng_is_a_word(at(s, end)) {
            return None;
        }
        let mut v = lo.value;
        if at(s, end) == '半' && self.hi.is_none() {
            v += 0.5;
            end += 1;
        } else if self.hi.is_none()
            && lo.hi.is_none()
            && v.fract() == 0.0
            && let Some((d, k)) = cheng_tenth(s, end, self.ctx.mode)
        {
            v += d / 10.0;
            end = k;
        }
        Some(self.scaled(mul(v, 10.0), "%", end, |x| mul(x, 10.0)))
    }

    /// `折`: a price share (8折 = 80 %, 75折 = 75 %, 半折 = 50 %); in running text not in a
    /// word (折旧, 折合, 折算 …).
    fn zhe(&self, end: usize) -> Option<Cand> {
        if self.ctx.mode == Mode::Find
            && matches!(
                at(self.s, end),
                '旧' | '合' | '算' | '射' | '腾' | '叠' | '返' | '线' | '中' | '损' | '价'
            )
        {
            return None;
        }
        if self.half_lead {
            return Some(self.cand_range(50.0, "%".into(), end, None, None)); // 半折
        }
        let k = |x: f64| if x <= 10.0 { x * 10.0 } else { x };
        let v = self.lo.value;
        if v <= 0.0 || v >= 100.0 || self.lo.has_big {
            return None;
        }
        Some(self.scaled(round_sig(k(v)), "%", end, |x| round_sig(k(x))))
    }

    /// A physical unit: after a single amount a `斤` compound (`六斤八两`), a `半` (`两米半`) or
    /// the elided tenth of `米` (`一米八`); then a rate (`万吨/年`, `公里每小时`).
    fn phys(&self, sym: &str, word: &str, mut end: usize) -> Cand {
        let s = self.s;
        let mut value = self.lo.value;
        if self.hi.is_none() {
            if sym == "jin" {
                let (add, e) = jin_tail(s, end);
                value += add;
                end = e;
            } else if at(s, end) == '半' && !is_time_char(at(s, end + 1)) {
                value += 0.5;
                end += 1;
            } else if sym == "m"
                && word == "米"
                && let Some((d, k)) = mi_tenth(s, end, self.ctx.mode)
            {
                value += d * 0.1;
                end = k;
            }
        }
        let (unit, end) = rate(s, end, sym);
        self.cand(round_sig(value), unit, end)
    }

    /// `度`: kWh before `电` or with a magnitude (`100亿度`), else degrees; in running text a
    /// Chinese numeral before it is "times" (`两度`, `一度`) unless after `零下`.
    fn du(&self, end: usize) -> Option<Cand> {
        let (s, lo) = (self.s, &self.lo);
        if at(s, end) == '电' {
            return Some(self.cand(lo.value, "kWh".into(), end + 1));
        }
        if lo.has_big {
            return Some(self.cand(lo.value, "kWh".into(), end));
        }
        if self.ctx.mode == Mode::Find && lo.chinese && !word_before(s, self.start, "零下") {
            return None; // 两度, 一度: "twice", "once"
        }
        Some(self.cand(lo.value, "°".into(), end))
    }

    /// A measure word: the colloquial `5个亿`, `一块五毛` as money after all, Cantonese dollars
    /// when parsing (`五个半`), else the word itself, then a rate (`人次/年`); in running
    /// text a long digit run before a time word is a duration, not a count.
    fn measure(&self, word: &'static str, end: usize) -> Option<Cand> {
        let (s, lo, mode) = (self.s, &self.lo, self.ctx.mode);
        if word == "个" && matches!(at(s, end), '亿' | '億' | '万' | '萬') {
            return self.ge_magnitude(end);
        }
        if mode == Mode::Find && word == "块" && self.hi.is_none() {
            // 一块五毛, 三块四分: money after all
            let (add, e) = money_tail(s, end, mode, false);
            if e > end && at(s, end) != '半' {
                return Some(self.cand(round_sig(lo.value + add), "CNY".into(), e));
            }
        }
        if mode == Mode::Parse && word == "个" {
            // Cantonese money: 五个半, 个九, 三个一毫四 (dollars)
            if at(s, end) == '半' || single_digit(s, end).is_some() {
                let (add, e) = money_tail(s, end, mode, true);
                if e == s.len() || is_range_sep(at(s, e)) {
                    let code = self.ctx.prefix_currency.unwrap_or("HKD");
                    return Some(self.cand(round_sig(lo.value + add), code.into(), e));
                }
            }
            if self.ctx.prefix_currency.is_some() {
                return None;
            }
        }
        // a measure word before a time word is part of a duration (3个月 is blocked in the
        // vocabulary; 5场年度 …)
        if mode == Mode::Find && lo.digit_run && lo.value >= 1000.0 && is_time_char(at(s, end)) {
            return None;
        }
        let (unit, end) = rate(s, end, word);
        Some(self.cand(lo.value, unit, end))
    }

    /// `5个亿` = 5亿 (colloquial): the magnitude at `end` after `个` scales the amount; a money
    /// unit or another measure word may follow it.
    fn ge_magnitude(&self, end: usize) -> Option<Cand> {
        let s = self.s;
        let m = if matches!(at(s, end), '亿' | '億') {
            1e8
        } else {
            1e4
        };
        let e = end + 1;
        let value = round_sig(self.lo.value * m);
        let scaled = |unit: &str, end: usize| self.scaled(value, unit, end, |v| round_sig(v * m));
        let Some(u2) = match_unit(s, e, self.ctx.mode) else {
            return Some(scaled("", e));
        };
        match u2.def.kind {
            Kind::Money(code) => Some(scaled(self.ctx.prefix_currency.unwrap_or(code), u2.end)),
            Kind::Measure if u2.def.word != "个" => Some(scaled(u2.def.word, u2.end)),
            _ => None,
        }
    }

    /// `两` as a mass (parse only): tenths of a 斤, with `半` after.
    fn liang(&self, mut end: usize) -> Option<Cand> {
        if self.ctx.mode == Mode::Find {
            return None;
        }
        let mut v = self.lo.value;
        if at(self.s, end) == '半' {
            v += 0.5;
            end += 1;
        }
        Some(self.cand(v, "liang".into(), end))
    }
}

/// Chars after `成` that make it part of a word (成不, 成为, 成立, 成功 … 成年, 成分).
fn cheng_is_a_word(c: char) -> bool {
    matches!(
        c,
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
}

/// The elided tenth after `成` (`三成五` = 35 %): one Chinese digit at `end` that ends the
/// expression — no numeral, unit, time word or decimal point after it. Returns the digit and
/// its end.
fn cheng_tenth(s: &[char], end: usize, mode: Mode) -> Option<(f64, usize)> {
    let (d, k) = single_digit(s, end)?;
    let nx = at(s, k);
    let ok = cn_digit(at(s, end)).is_some()
        && !is_numeral_char(nx)
        && match_unit(s, k, mode).is_none()
        && !is_time_char(nx)
        && nx != '点'
        && nx != '.';
    ok.then_some((d, k))
}

/// The elided tenth after `米` (`三米九`, `一米八`): when parsing, a digit that ends the
/// expression; in running text a Chinese digit that nothing else claims. Returns the digit and
/// its end.
fn mi_tenth(s: &[char], end: usize, mode: Mode) -> Option<(f64, usize)> {
    let (d, k) = single_digit(s, end)?;
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
    ok.then_some((d, k))
}
