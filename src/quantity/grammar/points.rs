//! `index-points = amount "点"`: the level or the move of a stock index (`加权指数收18,250点`,
//! `恒指跌320点`, `大涨五百点`, `失守四万点`), in running text only.
//!
//! 点 is also the hour of a clock (`上午10点`, `10点30分`, `晚上八点`), which is no quantity, and
//! the word "a little" (`涨一点`). So the rule reads the left context: the amount must follow a
//! market verb or an index name (`index_verbs`, `index_words` of `dictionaries/quantity_rules.tsv`),
//! with at most a hedge (`逾`, `近`, `约`) and a space between. A time-of-day word (上午, 晚上)
//! is neither, so a clock time never qualifies; a clock continuation after 点 (`分`, `半`,
//! `钟`, a digit) and a small Chinese numeral (`一点`, `两点`) are refused as well.

use super::super::numeral::{at, cn_digit, is_space, skip_sp, Mode};
use super::amount::Amount;
use super::{word_before, Cand, HEDGES_BEFORE};

/// The embedded file of the quantity rules' word lists, as errors report it (the format of
/// [`crate::vocab`]).
pub const VOCAB_FILE: &str = "dictionaries/quantity_rules.tsv";

/// The names of the quantity rules' word lists, each documented in the file.
pub const VOCAB_LISTS: &[&str] = &["index_verbs", "index_words"];

/// The embedded file, parsed on first use (the format and its checks: [`crate::vocab`]).
pub(crate) static VOCAB: crate::vocab::Embedded = crate::vocab::Embedded::new(
    VOCAB_FILE,
    include_str!("../../../dictionaries/quantity_rules.tsv"),
    VOCAB_LISTS,
);

/// The words after which a number + 点 counts index points.
fn cues() -> impl Iterator<Item = &'static str> {
    VOCAB_LISTS
        .iter()
        .flat_map(|l| VOCAB.get(l).iter().copied())
}

/// Chars after 点 that make it a clock time (`10点30分`, `八点半`, `十点钟`) or a word of its own
/// (点评, 点名, 点击 …).
fn not_points_after(c: char) -> bool {
    c.is_ascii_digit()
        || cn_digit(c).is_some()
        || matches!(
            c,
            '分' | '半'
                | '钟'
                | '整'
                | '正'
                | '评'
                | '名'
                | '击'
                | '燃'
                | '赞'
                | '缀'
                | '滴'
                | '头'
        )
}

/// Index points after `a` (which has no unit of its own): the span runs to the 点.
pub(super) fn index_points(a: &Amount) -> Option<Cand> {
    let s = a.s;
    if a.ctx.mode != Mode::Find || a.ctx.prefix_currency.is_some() || a.half_lead {
        return None;
    }
    let p = skip_sp(s, a.num_end, 1);
    if !matches!(at(s, p), '点' | '點') || not_points_after(at(s, p + 1)) {
        return None;
    }
    // 涨一点, 跌两点, 快几点: "a little" or an hour, not a level
    if a.lo.chinese && a.lo.value < 10.0 && a.hi.is_none() {
        return None;
    }
    if !after_cue(s, a.start) {
        return None;
    }
    Some(a.cand(a.lo.value, "pt".into(), p + 1))
}

/// Does a market verb or index name end right before `start`, with at most one hedge and one
/// space between?
fn after_cue(s: &[char], start: usize) -> bool {
    let mut b = start;
    if b > 0 && is_space(at(s, b - 1)) {
        b -= 1;
    }
    if let Some(h) = HEDGES_BEFORE.iter().find(|h| word_before(s, b, h)) {
        b -= h.chars().count();
    }
    cues().any(|w| word_before(s, b, w))
}
