//! `amount = numeral [range-tail] [unit]`: the numeral (or range) read at one position, the
//! unit after it, and the context rules of running text that keep ordinals, versions, model
//! numbers and idioms out. What each kind of unit makes of the amount is in [`super::by_kind`].

use super::super::numeral::{at, cn_digit, read_numeral, skip_sp, Mode, Num};
use super::super::unit::{match_unit, Kind, UnitMatch};
use super::tails::money_tail;
use super::{is_range_sep, is_time_char, round_sig, Cand, Ctx};

/// A numeral or a range read at `start`, before its unit: everything the unit rules ask.
pub(super) struct Amount<'a> {
    pub(super) s: &'a [char],
    pub(super) ctx: Ctx,
    /// The first char of the numeral (a currency prefix is added by [`super::match_at`]).
    pub(super) start: usize,
    /// The numeral, or the lower end of a range (scaled by the upper end's magnitude).
    pub(super) lo: Num,
    /// The upper end of a range.
    pub(super) hi: Option<Num>,
    /// A lone `半` standing for 0.5 (`半公升`, `半折`).
    pub(super) half_lead: bool,
    /// One past the last char of the numeral (of the upper end in a range).
    pub(super) num_end: usize,
    /// Either end is approximate.
    pub(super) approx: bool,
    /// The range, from `hi` or from an approximate pair (`二三十`).
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
}

/// `amount` at `i`: a numeral, an optional range tail and an optional unit, under the context
/// rules of `ctx.mode`. The span starts at `i`.
pub(super) fn numeral_path(s: &[char], i: usize, ctx: Ctx) -> Option<Cand> {
    let (n1, half_lead) = lead_numeral(s, i, ctx.mode)?;
    let (lo, hi) = range_tail(s, n1, half_lead, ctx.mode);
    let a = Amount::new(s, ctx, i, lo, hi, half_lead);
    let um = unit_after(s, a.num_end, ctx.mode);
    if a.blocked_by_context(um.is_none()) {
        return None;
    }
    let Some(um) = um else {
        return super::points::index_points(&a).or_else(|| a.no_unit());
    };
    if a.blocked_by_unit(&um) {
        return None;
    }
    a.with_unit(um)
}

/// `numeral | implicit-one | 半`: the numeral at `i`; when none, parse mode reads an implicit
/// `一` before `个半`/`个九`/`米九` (consuming nothing) and `半` alone is 0.5 (one char). Returns
/// the numeral and whether it is that lone `半`.
fn lead_numeral(s: &[char], i: usize, mode: Mode) -> Option<(Num, bool)> {
    let c = at(s, i);
    let n1 = match read_numeral(s, i, mode) {
        Some(n) => n,
        None if mode == Mode::Parse && matches!(c, '个' | '米') => {
            let nx = at(s, i + 1);
            if !(nx == '半' || cn_digit(nx).is_some()) {
                return None;
            }
            virtual_num(i, 1.0, i)
        }
        None if c == '半' => virtual_num(i, 0.5, i + 1),
        None => return None,
    };
    let half_lead = c == '半' && n1.end == i + 1 && n1.value == 0.5;
    Some((n1, half_lead))
}

/// `range-tail = sep numeral` after `lo` (`20-30亿美元`, `1.6~3.9米`, `二至三公升`, one space
/// allowed around `sep`). Taken only when the upper end is at least the lower one — the lower
/// end first scaled by the upper end's trailing magnitude when it has none (`3至5亿` = 3亿 to
/// 5亿) — and a unit or a magnitude follows it (any number when parsing). Returns `lo`
/// (possibly scaled) and the upper end; invariant: `lo.value <= hi.value` when `hi` is `Some`.
fn range_tail(s: &[char], mut lo: Num, half_lead: bool, mode: Mode) -> (Num, Option<Num>) {
    let r = skip_sp(s, lo.end, 1);
    if !is_range_sep(at(s, r)) || half_lead {
        return (lo, None);
    }
    let Some(hi) = read_numeral(s, skip_sp(s, r + 1, 1), mode) else {
        return (lo, None);
    };
    let scale = if lo.trailing_mag == 1.0 && hi.trailing_mag > 1.0 && !lo.has_big {
        hi.trailing_mag
    } else {
        1.0
    };
    let lo_v = lo.value * scale;
    let um = match_unit(s, skip_sp(s, hi.end, 4), mode);
    if !(lo_v <= hi.value && lo_v >= 0.0 && (um.is_some() || hi.has_big || mode == Mode::Parse)) {
        return (lo, None);
    }
    lo.value = lo_v;
    if scale > 1.0 {
        lo.has_big = true;
    }
    (lo, Some(hi))
}

/// `unit`: the unit word after the numeral, up to four spaces on; when parsing, a `个` before a
/// physical unit is a classifier and is skipped (`六个加仑`).
fn unit_after(s: &[char], num_end: usize, mode: Mode) -> Option<UnitMatch> {
    let um = match_unit(s, skip_sp(s, num_end, 4), mode);
    if mode == Mode::Parse
        && let Some(m) = um
        && m.def.word == "个"
        && let Some(m2) = match_unit(s, m.end, mode)
        && matches!(m2.def.kind, Kind::Phys(_))
    {
        return Some(m2);
    }
    um
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

impl<'a> Amount<'a> {
    /// The amount of `lo` and `hi`, with its range and approximation.
    fn new(s: &'a [char], ctx: Ctx, start: usize, lo: Num, hi: Option<Num>, half: bool) -> Self {
        let num_end = hi.as_ref().unwrap_or(&lo).end;
        let approx = lo.approx || hi.as_ref().is_some_and(|h| h.approx);
        let (mut min, mut max) = match &hi {
            Some(h) => (Some(lo.value), Some(h.value)),
            None => (None, None),
        };
        if let (None, Some(h)) = (max, lo.hi) {
            min = Some(lo.value);
            max = Some(h);
        }
        Amount {
            s,
            ctx,
            start,
            lo,
            hi,
            half_lead: half,
            num_end,
            approx,
            min,
            max,
        }
    }

    /// The span from `start` to `end` with this amount's range and approximation.
    pub(super) fn cand(&self, value: f64, unit: String, end: usize) -> Cand {
        self.cand_range(value, unit, end, self.min, self.max)
    }

    /// [`Amount::cand`] with the range ends mapped by `f` (a unit that scales the value).
    pub(super) fn scaled(
        &self,
        value: f64,
        unit: &str,
        end: usize,
        f: impl Fn(f64) -> f64,
    ) -> Cand {
        self.cand_range(value, unit.into(), end, self.min.map(&f), self.max.map(&f))
    }

    /// The span from `start` to `end` with the given range.
    pub(super) fn cand_range(
        &self,
        value: f64,
        unit: String,
        end: usize,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Cand {
        Cand {
            start: self.start,
            end,
            value,
            unit,
            min,
            max,
            approx: self.approx,
        }
    }

    /// Running text, before the unit is looked at: no ordinal (`第七`), nothing glued to Latin
    /// letters (`a14`, and `18a` when no unit follows), no version (`3.5.1`), no lone zero.
    fn blocked_by_context(&self, no_unit: bool) -> bool {
        let (s, i) = (self.s, self.start);
        if self.ctx.mode != Mode::Find {
            return false;
        }
        if self.ctx.prefix_currency.is_none() {
            let prev = if i > 0 { at(s, i - 1) } else { '\0' };
            // 3.5.1, 1.2.3: a version, not a number
            let version = prev == '.' && at(s, i.wrapping_sub(2)).is_ascii_digit();
            if prev == '第' || prev.is_ascii_alphabetic() || version {
                return true;
            }
        }
        (self.lo.lone_zero && self.hi.is_none())
            // a number running into Latin letters that are no unit (18a, 5g, a14)
            || (no_unit && at(s, self.num_end).is_ascii_alphabetic())
    }

    /// The unit does not belong to this numeral: in running text a lone `半` before a count
    /// (`下半场`), a bare magnitude that is an idiom (`百家`, `千家万户`), a date before `日元`, the
    /// indefinite `一` (`一批`); everywhere a currency prefix before a unit that is no money
    /// (except `个` as dollars when parsing, `港币三个一毫四`).
    fn blocked_by_unit(&self, um: &UnitMatch) -> bool {
        let (s, lo, kind, word) = (self.s, &self.lo, um.def.kind, um.def.word);
        if self.ctx.prefix_currency.is_some() && !matches!(kind, Kind::Money(_)) {
            return !(self.ctx.mode == Mode::Parse && word == "个");
        }
        if self.ctx.mode != Mode::Find {
            return false;
        }
        if self.half_lead && !matches!(kind, Kind::Phys(_) | Kind::Zhe) {
            return true; // 下半场, 半成品
        }
        if lo.bare_lead
            && !bare_lead_rises(s, lo.start)
            && !bare_lead_after_hedge(s, lo.start)
            && kind != Kind::Scale
            && !(kind == Kind::Times && lo.value >= 1e4)
        {
            return true; // 百家, 千家万户, 万人, 亿万 (but 万倍 is a multiple)
        }
        // 2月1日元首…: a date before 日元
        if word.starts_with('日') && at(s, self.start.wrapping_sub(1)) == '月' {
            return true;
        }
        let money_block = word == "块" && money_tail(s, um.end, Mode::Find, false).1 > um.end;
        let ge_yi = word == "个" && matches!(at(s, um.end), '亿' | '億' | '万' | '萬');
        // 一批, 一家, 一个: the indefinite article
        lo.lone_one && self.hi.is_none() && kind == Kind::Measure && !money_block && !ge_yi
    }

    /// `amount` without a unit: in running text only an amount with a magnitude word (`4200亿`,
    /// `11兆`) or after a currency prefix (`港币3.14`); when parsing any number (`一半` = 0.5).
    fn no_unit(&self) -> Option<Cand> {
        let (s, lo, end) = (self.s, &self.lo, self.num_end);
        if let Some(code) = self.ctx.prefix_currency {
            if self.ctx.mode == Mode::Find && !(lo.has_big || lo.arabic_only || lo.chinese) {
                return None;
            }
            return Some(self.cand(lo.value, code.into(), end));
        }
        if self.ctx.mode == Mode::Parse {
            // 一半, 1半
            if at(s, end) == '半' && self.hi.is_none() {
                return Some(self.cand(round_sig(lo.value * 0.5), String::new(), end + 1));
            }
            return Some(self.cand(round_sig(lo.value), String::new(), end));
        }
        let last = self.hi.as_ref().unwrap_or(lo);
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
        Some(self.cand(lo.value, String::new(), end))
    }
}

/// A bare leading magnitude must rise (百万, 千亿, 万亿 are amounts; 亿万, 万千 are idioms) or
/// follow an approximating word (近百家, 逾千人, 上万人, 数百家 is read by the numeral itself).
fn bare_lead_rises(s: &[char], start: usize) -> bool {
    let mag = |c: char| {
        super::super::numeral::small_unit(c)
            .or_else(|| super::big_unit(c))
            .unwrap_or(0.0)
    };
    let a = mag(at(s, start));
    let b = mag(at(s, start + 1));
    // 千兆, 百兆, 万兆 are network speeds (gigabit …), not 10^15
    (a > 0.0 && b > a && at(s, start + 1) != '兆')
        // 千余家, 百多人, 万余元
        || (a > 0.0 && matches!(at(s, start + 1), '余' | '餘' | '多'))
}

/// A bare leading magnitude right after an approximating word (`近百家`, `逾千人`).
fn bare_lead_after_hedge(s: &[char], start: usize) -> bool {
    start > 0
        && matches!(
            at(s, start - 1),
            '近' | '逾' | '超' | '约' | '上' | '过' | '破' | '达'
        )
}
