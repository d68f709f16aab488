//! DATE: explicit calendar expressions (2月25日, 2023年, 2022年度, 第四季, 2024年底,
//! 二〇二七年, 2025-10-20, 今(15)日, 2028年第3季, 2025/26年度, 二〇二六至二〇三一年, 5月份,
//! 113年 in Taiwan's calendar). Relative words (目前, 年内, 上半年) and durations (连续11年,
//! 首6个月, 一连四日) are not dates.
//!
//! # The grammar
//! Written as a regular expression (the tests keep it as `DATE` and check the matcher against it),
//! alternatives in order of preference (`Y` is four digits, Arabic or Chinese with 〇/○/零):
//!
//! ```text
//! (?:\d{4} ?|Y)年度?(?:\d{1,2}月(?:\d{1,2}[日号]|份)?|M|第[一二三四1-4]季度?|[qQ][1-4]|前[一二三1-3]季度?)?(?:[底初末])?
//! |(?:\d{4}|Y)(?:财政年度|财年)                 a fiscal year named by one year (2026财年)
//! |Y[至到~-]Y年度?                              a range of years sharing 年
//! |\d{4}[/至-]\d{2}(?:财政)?年度                 a fiscal year (2025/26年度, 2027至28财政年度)
//! |\d{4}-\d{1,2}-\d{1,2}
//! |\d{4}/\d{1,2}/\d{1,2}
//! |\d{4}\.\d{1,2}\.\d{1,2}                        a dotted date (2025.11.28)
//! |1[0-3]\d/\d{1,2}/\d{1,2}|1[0-3]\d\.\d{1,2}\.\d{1,2}   a 民国 date in figures (114/11/28, 114.11.28)
//! |\d{4}[qQ][1-4]|[1-4][qQ]\d{2}(?:\d{2})?        a quarter in analysts' notation (2025Q3, 3Q25)
//! |(?:民国(?:\d{2,3}|C)|1[0-3]\d|R)年度?(?:\d{1,2}月(?:\d{1,2}[日号])?|M|第[一二三四1-4]季度?)?(?:[底初末])?
//!                                               Taiwan's 民国 years (113年, 民国89年, 113年第3季,
//!                                               一一四年, 一百一十四年, 民国八十九年)
//! |\d{1,2}(?:[至到-]\d{1,2})? ?月(?:份|\d{1,2}[日号]|[底初末]|上旬|中旬|下旬)?   (1至10月: one range)
//! |M  where M = (?:[一二三四五六七八九]|十[一二]?)月(?:份|(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?
//! |[今昨明前]日? ?\(\d{1,2}(?:\) ?日|日\))        今(16)日, 今 (16) 日, 今(16日), 昨日(3)日
//! |\d{1,2}/\d{1,2}                              a month and day (11/28)
//! |\d{1,2} ?[日号]
//! |(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]
//! |第[一二三四1-4]季度?(?:[底初末])?
//! ```
//!
//! where `R` (100–139 in Chinese numerals) is
//! `一[〇○零一二三][〇○零一二三四五六七八九]|一百(?:[零〇][一二三四五六七八九]|[一二三]?十[一二三四五六七八九]?)`
//! and `C` (a year after 民国) is `R|一百|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]`.
//!
//! Matches are found as a regex engine's `find_iter` finds them: leftmost first, then the first
//! alternative that matches there, each quantifier as greedy as the rest of the alternative
//! allows, and the search resumes after the match. `\d` is any Unicode decimal digit, as in the
//! `regex` crate.
//!
//! The matcher is written out by hand because running the regex over every text cost as much as
//! scanning it with a large automaton, while dates are rare: it only tries the few positions
//! before a char that every date contains (see `is_trigger`).
//!
//! [`find`] then keeps the matches that are dates in context: a three-digit year only where it
//! reads as a 民国 year (not 逾100年, 100年前), a day in Chinese numerals only after a month
//! (本月八日) or in a range of days (八日至十六日), no number glued to more digits, and no 号
//! of a berth or a line (81号码头, 5号线). A date in figures with `/`, `.` or a Q must not run on
//! into more figures or letters and must name a real month and day, and a month/day pair is not
//! a fraction or a share (约1/3, 1/8决赛; see `month_day_fits`).

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Prepared};
use crate::charset::CharSet;
use crate::entity::Label;

/// Chars of which every date contains at least one (年, 月, 日 or 号, 季, a separator, or the Q of
/// a quarter in analysts' notation).
fn is_trigger(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '日' | '号' | '季' | '-' | '/' | '至' | '到' | '~' | '.' | 'q' | 'Q'
    )
}

/// [`is_trigger`] as a bitmap: the scan asks it for every char.
static TRIGGERS: LazyLock<CharSet> = LazyLock::new(|| CharSet::from_predicate(is_trigger));

/// How far a date may start before its first trigger char: `今 (15) 日` starts 7 chars before
/// 日, `2023 年` 5 before 年; every other alternative has at most 4 chars before its first
/// trigger.
const BEFORE: usize = 7;

/// `\d` outside ASCII, for the rare non-ASCII numeric char (Arabic-Indic, Devanagari … digits).
static UNICODE_DIGIT: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\A\d\z").ok());

/// A decimal digit as the regex class `\d` sees it: any Unicode `Nd` char, not only ASCII.
#[inline]
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    // CJK punctuation, kana and the ideographs (most of the text) hold no decimal digit (〇 is a
    // letter number): checked against the regex by a test over all chars, like the rest.
    if matches!(c, '\u{3000}'..='\u{9FFF}') {
        return false;
    }
    is_other_digit(c)
}

/// [`is_digit`] for the rare chars outside ASCII and U+3000–U+9FFF.
#[cold]
fn is_other_digit(c: char) -> bool {
    // every `Nd` char is numeric; the regex tells the digits from the other numbers (Ⅻ, ①, ½)
    c.is_numeric()
        && UNICODE_DIGIT
            .as_ref()
            .is_some_and(|re| re.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The char at `i`, or `'\0'` past the end (which no part of the grammar accepts).
fn at(s: &[char], i: usize) -> char {
    s.get(i).copied().unwrap_or('\0')
}

/// 一 … 九.
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// The digits of a year in Chinese numerals: 一 … 九 and the zeros 〇 (U+3007), ○ (U+25CB), 零.
fn is_year_digit(c: char) -> bool {
    matches!(c, '〇' | '○' | '零') || is_cn_digit(c)
}

fn is_day_word(c: char) -> bool {
    matches!(c, '日' | '号')
}

fn is_period_end(c: char) -> bool {
    matches!(c, '底' | '初' | '末')
}

/// `Y`: four `\d` or four Chinese year digits from `i`.
fn four_digit_year(s: &[char], i: usize) -> bool {
    let all = |f: fn(char) -> bool| (i..i + 4).all(|k| f(at(s, k)));
    all(is_digit) || all(is_year_digit)
}

/// `\d{1,2}` then a char that `ends` accepts (never a digit, so the greedy reading is the only
/// one); returns the index after that char.
fn digits_then(s: &[char], i: usize, ends: impl Fn(char) -> bool) -> Option<usize> {
    digits_sp_then(s, i, false, ends)
}

/// `\d{1,2} ?` (the space only when `space`) then a char that `ends` accepts (never a digit or
/// a space); returns the index after that char.
fn digits_sp_then(s: &[char], i: usize, space: bool, ends: impl Fn(char) -> bool) -> Option<usize> {
    if !is_digit(at(s, i)) {
        return None;
    }
    // two digits leave no one-digit reading: the second digit is never an end
    let k = if is_digit(at(s, i + 1)) { i + 2 } else { i + 1 };
    if ends(at(s, k)) {
        Some(k + 1)
    } else if space && at(s, k) == ' ' && ends(at(s, k + 1)) {
        Some(k + 2)
    } else {
        None
    }
}

/// `\d{1,2}月(?:\d{1,2}[日号]|份)?` after a year; `with_fen` allows the 份.
fn month_after_year(s: &[char], k: usize, with_fen: bool) -> Option<usize> {
    let e = digits_then(s, k, |c| c == '月')?;
    Some(if let Some(d) = digits_then(s, e, is_day_word) {
        d
    } else if with_fen && at(s, e) == '份' {
        e + 1
    } else {
        e
    })
}

/// `(?:\d{4} ?|Y)年度?(?:\d{1,2}月(?:\d{1,2}[日号]|份)?|第[一二三四1-4]季度?|[qQ][1-4]|前[一二三1-3]季度?)?(?:[底初末])?`
fn year(s: &[char], p: usize) -> Option<usize> {
    if !four_digit_year(s, p) {
        return None;
    }
    let mut k = p + 4;
    if at(s, k) == ' ' && is_digit(at(s, p)) && at(s, k + 1) == '年' {
        k += 1;
    }
    if at(s, k) != '年' {
        return None;
    }
    k += 1;
    if at(s, k) == '度' {
        k += 1;
    }
    if let Some(e) = month_after_year(s, k, true)
        .or_else(|| chinese_month(s, k))
        .or_else(|| quarter_word(s, k))
        .or_else(|| year_quarters(s, k))
    {
        k = e;
    }
    if is_period_end(at(s, k)) {
        k += 1;
    }
    Some(k)
}

/// `(?:\d{4}|Y)(?:财政年度|财年)`: a fiscal year named by the year it starts or ends in
/// (2026财年, 2025财政年度); the 年 of [`year`] is not there.
fn fiscal_year_word(s: &[char], p: usize) -> Option<usize> {
    if !four_digit_year(s, p) || at(s, p + 4) != '财' {
        return None;
    }
    match (at(s, p + 5), at(s, p + 6), at(s, p + 7)) {
        ('年', _, _) => Some(p + 6),
        ('政', '年', '度') => Some(p + 8),
        _ => None,
    }
}

/// `Y[至到~-]Y年度?`: 二〇二六至二〇三一年, 2025-2030年.
fn year_range(s: &[char], p: usize) -> Option<usize> {
    if !four_digit_year(s, p) || !matches!(at(s, p + 4), '至' | '到' | '~' | '-') {
        return None;
    }
    if !four_digit_year(s, p + 5) || at(s, p + 9) != '年' {
        return None;
    }
    Some(if at(s, p + 10) == '度' {
        p + 11
    } else {
        p + 10
    })
}

/// `\d{4}[/至-]\d{2}(?:财政)?年度`: 2025/26年度, 2027至28财政年度, 2025-26年度.
fn fiscal_year(s: &[char], p: usize) -> Option<usize> {
    if !(p..p + 4).all(|k| is_digit(at(s, k))) || !matches!(at(s, p + 4), '/' | '至' | '-') {
        return None;
    }
    if !is_digit(at(s, p + 5)) || !is_digit(at(s, p + 6)) {
        return None;
    }
    let mut k = p + 7;
    if at(s, k) == '财' && at(s, k + 1) == '政' {
        k += 2;
    }
    (at(s, k) == '年' && at(s, k + 1) == '度').then_some(k + 2)
}

/// `\d{4}-\d{1,2}-\d{1,2}`, `\d{4}/\d{1,2}/\d{1,2}` and `\d{4}\.\d{1,2}\.\d{1,2}` (`sep` is
/// `-`, `/` or `.`).
fn numeric(s: &[char], p: usize, sep: char) -> Option<usize> {
    if !(p..p + 4).all(|k| is_digit(at(s, k))) || at(s, p + 4) != sep {
        return None;
    }
    month_day_after(s, p + 5, sep)
}

/// `1[0-3]\d/\d{1,2}/\d{1,2}` and `1[0-3]\d\.\d{1,2}\.\d{1,2}`: a 民国 year written the way
/// Taiwan's offices write a full date (114/11/28, 114.11.28).
fn roc_numeric(s: &[char], p: usize, sep: char) -> Option<usize> {
    let lead = at(s, p) == '1' && matches!(at(s, p + 1), '0'..='3') && is_digit(at(s, p + 2));
    if !lead || at(s, p + 3) != sep {
        return None;
    }
    month_day_after(s, p + 4, sep)
}

/// `\d{1,2}<sep>\d{1,2}` from `k`: the month and day of a numeric date.
fn month_day_after(s: &[char], k: usize, sep: char) -> Option<usize> {
    let k = digits_then(s, k, |c| c == sep)?;
    if !is_digit(at(s, k)) {
        return None;
    }
    Some(if is_digit(at(s, k + 1)) { k + 2 } else { k + 1 })
}

/// `(?:民国(?:\d{2,3}|C)|1[0-3]\d|R)年度?(?:\d{1,2}月(?:\d{1,2}[日号])?|M|第[一二三四1-4]季度?)?(?:[底初末])?`:
/// a 民国 year, written with 民国 (民国89年, 民国114年, 民国八十九年) or bare of 100–139
/// (2011–2050; [`find`] checks the context) in digits or in Chinese numerals (一一四年,
/// 一百一十四年), with its month and day or its quarter (113年第3季).
fn roc_year(s: &[char], p: usize) -> Option<usize> {
    let mut k = if at(s, p) == '民' && at(s, p + 1) == '国' {
        let n = (p + 2..p + 5).take_while(|&i| is_digit(at(s, i))).count();
        // \d{2,3} then 年: three digits, or two with no third (a third digit is never 年)
        if n >= 2 && at(s, p + 2 + n) == '年' {
            p + 3 + n
        } else {
            p + 3 + chinese_year_number(s, p + 2, true)?
        }
    } else {
        let lead = at(s, p) == '1' && matches!(at(s, p + 1), '0'..='3');
        if lead && is_digit(at(s, p + 2)) && at(s, p + 3) == '年' {
            p + 4
        } else {
            p + 1 + chinese_year_number(s, p, false)?
        }
    };
    if at(s, k) == '度' {
        k += 1;
    }
    if let Some(e) = month_after_year(s, k, false)
        .or_else(|| chinese_month(s, k))
        .or_else(|| quarter_word(s, k))
    {
        k = e;
    }
    if is_period_end(at(s, k)) {
        k += 1;
    }
    Some(k)
}

/// Chars of the Chinese numerals a 民国 year is written in (一一四, 一百一十四, 八十九).
fn is_roc_numeral(c: char) -> bool {
    is_year_digit(c) || matches!(c, '十' | '百')
}

/// The length of a 民国 year in Chinese numerals at `i`, followed by 年: `R`, or with 民国
/// before it (`after_minguo`) `C` = `R|一百|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]`,
/// where `R` = `一[〇○零一二三][〇○零一二三四五六七八九]|一百(?:[零〇][一二三四五六七八九]|[一二三]?十[一二三四五六七八九]?)`
/// (100–139, digit by digit or in full). A year of these chars is followed by 年 only when
/// it is the whole run of them, so the run is checked as a whole, as the regex would.
fn chinese_year_number(s: &[char], i: usize, after_minguo: bool) -> Option<usize> {
    let n = (i..i + 6).take_while(|&k| is_roc_numeral(at(s, k))).count();
    if at(s, i + n) != '年' {
        return None;
    }
    let run: Vec<char> = (i..i + n).map(|k| at(s, k)).collect();
    let ok = is_roc_hundreds(&run) || (after_minguo && (run == ['一', '百'] || is_one_to_99(&run)));
    ok.then_some(n)
}

/// `R`: 100–139 digit by digit (一〇〇 … 一三九) or in full (一百零一 … 一百三十九, not 一百).
fn is_roc_hundreds(r: &[char]) -> bool {
    let tens = |c: char| matches!(c, '〇' | '○' | '零' | '一' | '二' | '三');
    match r {
        ['一', t, u] if *t != '百' => tens(*t) && is_year_digit(*u),
        ['一', '百', rest @ ..] => match rest {
            ['零' | '〇', u] => is_cn_digit(*u),
            ['十'] => true,
            ['十', u] => is_cn_digit(*u),
            [t, '十'] => matches!(t, '一' | '二' | '三'),
            [t, '十', u] => matches!(t, '一' | '二' | '三') && is_cn_digit(*u),
            _ => false,
        },
        _ => false,
    }
}

/// 1–99 in full Chinese numerals: `[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]`.
fn is_one_to_99(r: &[char]) -> bool {
    let two_to_nine = |c: char| is_cn_digit(c) && c != '一';
    match r {
        ['十'] => true,
        [u] => is_cn_digit(*u),
        ['十', u] => is_cn_digit(*u),
        [t, '十'] => two_to_nine(*t),
        [t, '十', u] => two_to_nine(*t) && is_cn_digit(*u),
        _ => false,
    }
}

/// `\d{4}[qQ][1-4]|[1-4][qQ]\d{2}(?:\d{2})?`: a quarter in analysts' notation, with its year
/// before (2025Q3) or after (3Q25, 3Q2025).
fn analyst_quarter(s: &[char], p: usize) -> Option<usize> {
    let is_q = |c: char| matches!(c, 'q' | 'Q');
    if (p..p + 4).all(|k| is_digit(at(s, k))) && is_q(at(s, p + 4)) {
        return matches!(at(s, p + 5), '1'..='4').then_some(p + 6);
    }
    if !matches!(at(s, p), '1'..='4') || !is_q(at(s, p + 1)) {
        return None;
    }
    if !is_digit(at(s, p + 2)) || !is_digit(at(s, p + 3)) {
        return None;
    }
    let four = is_digit(at(s, p + 4)) && is_digit(at(s, p + 5));
    Some(if four { p + 6 } else { p + 4 })
}

/// `\d{1,2}(?:[至到-]\d{1,2})? ?月(?:份|\d{1,2}[日号]|[底初末]|上旬|中旬|下旬)?`: a month, or a
/// range of months sharing 月 (1至10月, 1-9月).
fn month(s: &[char], p: usize) -> Option<usize> {
    let range = digits_then(s, p, |c| matches!(c, '至' | '到' | '-'))
        .and_then(|e| digits_sp_then(s, e, true, |c| c == '月'));
    // without the range the char after the first number is 至/到/-, not 月: no other reading
    let k = range.or_else(|| digits_sp_then(s, p, true, |c| c == '月'))?;
    let tail = if at(s, k) == '份' {
        k + 1
    } else if let Some(e) = digits_then(s, k, is_day_word) {
        e
    } else if is_period_end(at(s, k)) {
        k + 1
    } else if matches!(at(s, k), '上' | '中' | '下') && at(s, k + 1) == '旬' {
        k + 2
    } else {
        k
    };
    Some(tail)
}

/// `(?:[一二三四五六七八九]|十[一二]?)月(?:份|(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?`
fn chinese_month(s: &[char], p: usize) -> Option<usize> {
    let c = at(s, p);
    let k = if is_cn_digit(c) && at(s, p + 1) == '月' {
        p + 2
    } else if c == '十' && matches!(at(s, p + 1), '一' | '二') && at(s, p + 2) == '月' {
        p + 3
    } else if c == '十' && at(s, p + 1) == '月' {
        p + 2
    } else {
        return None;
    };
    if at(s, k) == '份' {
        return Some(k + 1);
    }
    Some(chinese_day(s, k).unwrap_or(k))
}

/// `(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]` at `k`: the ways to read it, in
/// the order the regex tries them. Returns the index after 日/号.
fn chinese_day(s: &[char], k: usize) -> Option<usize> {
    let c: [char; 4] = std::array::from_fn(|d| at(s, k + d));
    if matches!(c[0], '一' | '二' | '三') && c[1] == '十' {
        if is_cn_digit(c[2]) && is_day_word(c[3]) {
            return Some(k + 4); // 二十五日
        }
        if is_day_word(c[2]) {
            return Some(k + 3); // 二十日
        }
    }
    if c[0] == '十' {
        if is_cn_digit(c[1]) && is_day_word(c[2]) {
            return Some(k + 3); // 十五日
        }
        if is_day_word(c[1]) {
            return Some(k + 2); // 十日
        }
    }
    if is_cn_digit(c[0]) && is_day_word(c[1]) {
        return Some(k + 2); // 五日
    }
    None
}

/// `[今昨明前]日? ?\(\d{1,2}(?:\) ?日|日\))`: 今(16)日, 今 (16) 日, 今(16日), 昨日(3)日.
fn relative_day(s: &[char], p: usize) -> Option<usize> {
    if !matches!(at(s, p), '今' | '昨' | '明' | '前') {
        return None;
    }
    let mut k = p + 1;
    if at(s, k) == '日' {
        k += 1;
    }
    if at(s, k) == ' ' {
        k += 1;
    }
    if at(s, k) != '(' {
        return None;
    }
    let e = digits_then(s, k + 1, |c| c == ')' || c == '日')?;
    match at(s, e - 1) {
        ')' if at(s, e) == '日' => Some(e + 1),
        ')' if at(s, e) == ' ' && at(s, e + 1) == '日' => Some(e + 2),
        '日' if at(s, e) == ')' => Some(e + 1),
        _ => None,
    }
}

/// `[qQ][1-4]|前[一二三1-3]季度?` after a year: a quarter in analysts' notation (2025年Q3) or
/// the first quarters of that year (2025年前三季), one span with the year (CLARIFICATIONS 27:
/// year + quarter or period). Without a year 前三季 is a relative period like 上半年, no date.
fn year_quarters(s: &[char], p: usize) -> Option<usize> {
    let (c, d) = (at(s, p), at(s, p + 1));
    if matches!(c, 'q' | 'Q') && matches!(d, '1'..='4') {
        return Some(p + 2);
    }
    if c != '前' || !matches!(d, '一' | '二' | '三' | '1'..='3') || at(s, p + 2) != '季' {
        return None;
    }
    Some(if at(s, p + 3) == '度' { p + 4 } else { p + 3 })
}

/// `第[一二三四1-4]季度?`
fn quarter_word(s: &[char], p: usize) -> Option<usize> {
    if at(s, p) != '第' || !matches!(at(s, p + 1), '一' | '二' | '三' | '四' | '1'..='4') {
        return None;
    }
    if at(s, p + 2) != '季' {
        return None;
    }
    Some(if at(s, p + 3) == '度' { p + 4 } else { p + 3 })
}

/// `第[一二三四1-4]季度?(?:[底初末])?`
fn quarter(s: &[char], p: usize) -> Option<usize> {
    let k = quarter_word(s, p)?;
    Some(if is_period_end(at(s, k)) { k + 1 } else { k })
}

/// The end of the date that starts at `p`: the first alternative of the grammar that matches.
fn date_at(s: &[char], p: usize) -> Option<usize> {
    year(s, p)
        .or_else(|| fiscal_year_word(s, p))
        .or_else(|| year_range(s, p))
        .or_else(|| fiscal_year(s, p))
        .or_else(|| numeric(s, p, '-'))
        .or_else(|| numeric(s, p, '/'))
        .or_else(|| numeric(s, p, '.'))
        .or_else(|| roc_numeric(s, p, '/'))
        .or_else(|| roc_numeric(s, p, '.'))
        .or_else(|| analyst_quarter(s, p))
        .or_else(|| roc_year(s, p))
        .or_else(|| month(s, p))
        .or_else(|| chinese_month(s, p))
        .or_else(|| relative_day(s, p))
        .or_else(|| month_day_after(s, p, '/')) // \d{1,2}/\d{1,2}
        .or_else(|| digits_sp_then(s, p, true, is_day_word)) // \d{1,2} ?[日号]
        .or_else(|| chinese_day(s, p))
        .or_else(|| quarter(s, p))
}

/// Every date of the grammar in `s`, in order and non-overlapping, as `(start, end)`.
///
/// Only positions up to [`BEFORE`] chars before a trigger char are tried: a date contains a
/// trigger, and starts at most that far before the first one it contains. Positions are tried in
/// increasing order and never inside an earlier date, as `find_iter` would.
fn dates(s: &[char]) -> Vec<(usize, usize)> {
    let triggers: &CharSet = &TRIGGERS;
    let mut found = Vec::new();
    let mut next = 0; // positions before `next` were tried or lie inside a date
    for (t, &c) in s.iter().enumerate() {
        if t < next || !triggers.contains(c) {
            continue;
        }
        let mut p = t.saturating_sub(BEFORE).max(next);
        while p <= t {
            match date_at(s, p) {
                Some(end) => {
                    found.push((p, end));
                    p = end.max(p + 1); // every alternative takes two chars or more
                }
                None => p += 1,
            }
        }
        next = p;
    }
    found
}

/// Proposes DATE candidates in `p`: the matches of the grammar that are dates in context.
pub fn find(p: &Prepared, out: &mut Vec<Candidate>) {
    let s = &p.chars;
    let found = dates(s);
    let mut last_end = None; // the end of the last date kept
    for (k, &(start, end)) in found.iter().enumerate() {
        // the second end of a range of dates (11/28-12/2): the dash before it is no glue
        let after_date = start >= 1
            && matches!(at(s, start - 1), '-' | '~' | '至' | '到')
            && last_end == Some(start - 1);
        if (glued(s, start) && !after_date) || !fits_after(s, start, end) {
            continue;
        }
        if bare_roc_year(s, start).is_some_and(|nian| !roc_year_in_context(s, start, nian)) {
            continue;
        }
        if !numeric_date_fits(s, &found, k, after_date) {
            continue;
        }
        if is_chinese_day(s, start, end) {
            let prev_date_ends = |i: usize| k > 0 && found[k - 1].1 == i;
            let after_month = at(s, start.wrapping_sub(1)) == '月';
            let range_end = matches!(at(s, start.wrapping_sub(1)), '至' | '到')
                && start >= 1
                && prev_date_ends(start - 1);
            let range_start =
                matches!(at(s, end), '至' | '到') && chinese_day(s, end + 1).is_some();
            if !(after_month || range_end || range_start) {
                continue;
            }
        }
        out.push(Candidate::rule(Label::Date, start, end));
        last_end = Some(end);
    }
}

/// A number glued to more digits or a decimal point is not a date (12.5日, 20231月, a-12日);
/// a dash before it is a separator (——2019年).
fn glued(s: &[char], start: usize) -> bool {
    let Some(i) = start.checked_sub(1) else {
        return false;
    };
    match at(s, i) {
        c if c.is_ascii_digit() || c == '.' || c == '/' => true,
        '-' => i > 0 && at(s, i - 1).is_ascii_alphanumeric(),
        _ => false,
    }
}

/// What follows a day rules some readings out: durations and money (3日内, 5日元) and the
/// numbers of berths, lines, buildings (81号码头, 5号线, 3号楼).
fn fits_after(s: &[char], start: usize, end: usize) -> bool {
    let (last, next) = (at(s, end.wrapping_sub(1)), at(s, end));
    if end <= start {
        return false;
    }
    if is_day_word(last) && matches!(next, '内' | '元' | '圆' | '币') {
        return false;
    }
    !(last == '号'
        && matches!(
            next,
            '码' | '楼'
                | '线'
                | '馆'
                | '院'
                | '门'
                | '房'
                | '桥'
                | '台'
                | '库'
                | '仓'
                | '车'
                | '机'
                | '店'
                | '厅'
                | '室'
                | '泊'
                | '井'
                | '站'
                | '厂'
                | '令'
                | '文'
                | '公'
        ))
}

/// Dates written only with digits and a separator or a Q (11/28, 2025.11.28, 114/11/28, 3Q25)
/// are read as dates only where nothing else reads them better; every other match fits.
///
/// Such a date must not run on into more digits or Latin letters (11/28/2025, 2025.11.28.1,
/// a model number 3Q25X), and its month and day must exist. A month/day pair is also a fraction
/// (1/3 的股份), a ratio or a round of a cup (1/8 决赛): see [`month_day_fits`].
fn numeric_date_fits(s: &[char], found: &[(usize, usize)], k: usize, after_date: bool) -> bool {
    let Some(&(start, end)) = found.get(k) else {
        return false;
    };
    let span = s.get(start..end).unwrap_or_default();
    let Some(sep) = span.iter().copied().find(|&c| !is_digit(c)) else {
        return true;
    };
    if !matches!(sep, '/' | '.' | 'q' | 'Q') || span.iter().any(|&c| !is_digit(c) && c != sep) {
        return true; // a date with 年, 月, 日, 季 or a dash: the grammar alone decides
    }
    let (before, after) = (at(s, start.wrapping_sub(1)), at(s, end));
    let runs_on = |c: char| c.is_ascii_alphanumeric() || is_digit(c) || matches!(c, '/' | '.');
    // a full stop right after the date ends the sentence
    let full_stop = after == '.' && !is_digit(at(s, end + 1));
    if runs_on(before) || (runs_on(after) && !full_stop) {
        return false;
    }
    if matches!(sep, 'q' | 'Q') {
        return true;
    }
    let parts: Vec<Option<u32>> = span
        .split(|&c| c == sep)
        .map(|d| d.iter().try_fold(0, |n, c| Some(n * 10 + c.to_digit(10)?)))
        .collect();
    match parts.as_slice() {
        [Some(_), Some(m), Some(d)] => day_exists(*m, *d),
        [Some(m), Some(d)] if sep == '/' => {
            day_exists(*m, *d) && month_day_fits(s, found, k, (*m, *d), after_date)
        }
        _ => false,
    }
}

/// Day `d` of month `m` exists in some year (29 February does).
fn day_exists(m: u32, d: u32) -> bool {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&m) && d >= 1 && d <= DAYS[(m - 1) as usize]
}

/// A month/day pair `m/d` (found `k`) that is a date, not a fraction, a share or a round.
///
/// Words of amount around it make it a share (约1/3, 占1/4, 1/3以上, 1/8决赛, 介于1/3). A pair
/// shaped like a common fraction (the first number smaller, the second at most 10: 1/3, 3/4) is
/// a date only where the text marks a date: a weekday after it (1/3(五)), 起 or 止 after it, a
/// range with another month/day pair (1/3-1/5; `after_date`: it ends a range whose first end
/// was kept), or 自/从/于 before it.
fn month_day_fits(
    s: &[char],
    found: &[(usize, usize)],
    k: usize,
    (m, d): (u32, u32),
    after_date: bool,
) -> bool {
    let Some(&(start, end)) = found.get(k) else {
        return false;
    };
    let prev = at(s, start.wrapping_sub(1));
    let next: [char; 3] = std::array::from_fn(|i| at(s, end + i));
    // 介于, 等于, 高于 …: 于 compares amounts
    let comparison = prev == '于'
        && matches!(
            at(s, start.wrapping_sub(2)),
            '介' | '等' | '大' | '小' | '高' | '低' | '多' | '少' | '当' | '近' | '属'
        );
    let share_before = comparison
        || matches!(
            prev,
            '约' | '近' | '逾' | '超' | '占' | '仅' | '达' | '比' | '的'
        );
    let share_after = matches!(next, ['以', '上' | '下', _] | ['左', '右', _] | ['强', ..])
        || next[0] == '赛'
        || next[..2] == ['决', '赛'];
    if share_before || share_after {
        return false;
    }
    if !(m < d && d <= 10) {
        return true;
    }
    let weekday = next[0] == '('
        && (matches!(next[1], '周' | '星' | '礼')
            || matches!(
                next[1],
                '一' | '二' | '三' | '四' | '五' | '六' | '日' | '天'
            ) && next[2] == ')');
    let range_after = matches!(next[0], '-' | '~' | '至' | '到')
        && found.get(k + 1).is_some_and(|&(s2, e2)| {
            s2 == end + 1
                && s.get(s2..e2)
                    .is_some_and(|t| t.contains(&'/') && t.len() <= 5)
        });
    let date_word_before = matches!(prev, '自' | '从' | '于');
    weekday || matches!(next[0], '起' | '止') || range_after || after_date || date_word_before
}

/// Where a match starts with a bare 民国 year (three digits, or 一一四 / 一百一十四, then 年): the
/// index of its 年.
fn bare_roc_year(s: &[char], start: usize) -> Option<usize> {
    if (start..start + 3).all(|k| is_digit(at(s, k))) && at(s, start + 3) == '年' {
        return Some(start + 3);
    }
    chinese_year_number(s, start, false).map(|n| start + n)
}

/// A 民国 year (100–139, the grammar reads no other) is a date unless the words around it make
/// it a length of time (逾100年, 成立110年, 100年前, 120年来, 120年校庆) or it is the tail of a
/// longer numeral (三一一四年). `nian` is the index of its 年.
fn roc_year_in_context(s: &[char], start: usize, nian: usize) -> bool {
    let prev = at(s, start.wrapping_sub(1));
    let duration_before = matches!(
        prev,
        '近' | '逾'
            | '超'
            | '过'
            | '约'
            | '满'
            | '达'
            | '第'
            | '续'
            | '历'
            | '了'
            | '有'
            | '经'
            | '隔'
            | '立'
            | '每'
            | '首'
            | '后'
            | '前'
    );
    let inside_numeral = is_roc_numeral(prev) || matches!(prev, '千' | '万' | '两');
    let duration_after = matches!(
        at(s, nian + 1),
        '前' | '后'
            | '来'
            | '间'
            | '内'
            | '代'
            | '纪'
            | '历'
            | '之'
            | '多'
            | '余'
            | '半'
            | '的'
            | '校'
            | '周'
            | '华'
    );
    !duration_before && !inside_numeral && !duration_after
}

/// A day in Chinese numerals with no month (八日, 十六日).
fn is_chinese_day(s: &[char], start: usize, end: usize) -> bool {
    let first = at(s, start);
    (is_cn_digit(first) || first == '十')
        && is_day_word(at(s, end.wrapping_sub(1)))
        && !(start..end).any(|k| at(s, k) == '月')
}

/// The DATE rules as a recognizer (see [`find`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Dates;

impl super::Recognizer for Dates {
    fn name(&self) -> &'static str {
        "date"
    }
    fn find(&self, p: &Prepared<'_>, _: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        find(p, cands);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `R` of the grammar: 100–139 in Chinese numerals.
    const ROC_HUNDREDS: &str = "(?:一[〇○零一二三][〇○零一二三四五六七八九]|一百(?:[零〇][一二三四五六七八九]|[一二三]?十[一二三四五六七八九]?))";

    /// The grammar as a regular expression: the reference for the matcher.
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&concat!(
            r"(?:\d{4} ?|[〇○零一二三四五六七八九]{4})年度?(?:\d{1,2}月(?:\d{1,2}[日号]|份)?|(?:[一二三四五六七八九]|十[一二]?)月(?:份|(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?|第[一二三四1-4]季度?|[qQ][1-4]|前[一二三1-3]季度?)?(?:[底初末])?",
            r"|(?:\d{4}|[〇○零一二三四五六七八九]{4})(?:财政年度|财年)",
            r"|(?:\d{4}|[〇○零一二三四五六七八九]{4})[至到~-](?:\d{4}|[〇○零一二三四五六七八九]{4})年度?",
            r"|\d{4}[/至-]\d{2}(?:财政)?年度",
            r"|\d{4}-\d{1,2}-\d{1,2}",
            r"|\d{4}/\d{1,2}/\d{1,2}",
            r"|\d{4}\.\d{1,2}\.\d{1,2}",
            r"|1[0-3]\d/\d{1,2}/\d{1,2}",
            r"|1[0-3]\d\.\d{1,2}\.\d{1,2}",
            r"|\d{4}[qQ][1-4]|[1-4][qQ]\d{2}(?:\d{2})?",
            r"|(?:民国(?:\d{2,3}|R|一百|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])|1[0-3]\d|R)年度?(?:\d{1,2}月(?:\d{1,2}[日号])?|(?:[一二三四五六七八九]|十[一二]?)月(?:份|(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?|第[一二三四1-4]季度?)?(?:[底初末])?",
            r"|\d{1,2}(?:[至到-]\d{1,2})? ?月(?:份|\d{1,2}[日号]|[底初末]|上旬|中旬|下旬)?",
            r"|(?:[一二三四五六七八九]|十[一二]?)月(?:份|(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?",
            r"|[今昨明前]日? ?\(\d{1,2}(?:\) ?日|日\))",
            r"|\d{1,2}/\d{1,2}",
            r"|\d{1,2} ?[日号]",
            r"|(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]",
            r"|第[一二三四1-4]季度?(?:[底初末])?",
        )
        .replace("R", ROC_HUNDREDS))
        .expect("DATE compiles")
    });

    /// The spans `DATE` finds, in chars.
    fn by_regex(text: &str) -> Vec<(usize, usize)> {
        let chars = |b: usize| text[..b].chars().count();
        DATE.find_iter(text)
            .map(|m| (chars(m.start()), chars(m.end())))
            .collect()
    }

    fn by_matcher(text: &str) -> Vec<(usize, usize)> {
        dates(&text.chars().collect::<Vec<_>>())
    }

    #[test]
    fn matcher_agrees_with_the_regex() {
        // every alternative at its longest, next to each other and to noise, and non-ASCII digits
        let fixed = [
            "2023年度12月31日底",
            "二〇二七年度1月2号末与今(15)日及昨(3)日",
            "2025-10-20和2025/1/2,12月上旬,十二月三十一日,十月九号,三月二十日,一月十日",
            "第四季度第1季,5日元3日内,12.5日,20231月,1-2-3-4-5-6,123456年7月",
            "年年年月月日日号号季季--//",
            "一二三四年五六七八年九〇〇〇年度十二月二十一日十一月三十九号",
            "x今(12)日今(1)日前(99)日明(7)日今(123)日y",
            "٢٠٢٣年٣月५日,२०२४-०१-०२,𝟚𝟘𝟚𝟙年,①②③④年,Ⅻ月",
            "2028年第3季末,2025年Q3,2024年q4末,2026年前三季度,2027年前2季,前三季,2031 年至 2034 年,二〇二六至二〇三一年,2025-2030年度,二○二七年度",
            "2025/26年度,2027至28财政年度,2025-26年度,20226/27,113年度1月底,12年",
            "5月份,5 月,六月份,十二月份,今 (16) 日,今(16日),昨日(3)日,今日 (3) 日,今(1 6)日",
            "本月七日至十九日,12 日,1 2日,第四季末,第1季度初,81号码头,2024  年",
            "二〇二六年三月十五日,2026年十二月份,2025财年,二〇二五财政年度,2025 财年,2025财政年",
            "民国113年,民国89年12月,民国1234年,民国2025年,民国113年第4季,113年第3季末,113年度第一季",
            "1至10月,1-9月份,12至3 月底,1到2月上旬,123-4月,1月至9月,1至 10月,3-4-5月",
            "11/28,1/3-1/5,123/4,12/31/2025,2025.11.28,114/11/28,114.1.2,99.1.2,140/1/2",
            "3Q25,4q2025,5Q25,2025Q3,2025q5,1Q2,3Q256,Q3,2025.1",
            "一一四年,一百一十四年度,一百年,一百零五年,一百十年,一百三十九年十一月,一四〇年,一一四年第三季",
            "民国八十九年,民国一百年,民国十年,民国一一四年,民国二十年代,民国一千年,二一一四年,一一一四年",
        ];
        for t in fixed {
            assert_eq!(by_matcher(t), by_regex(t), "{t}");
        }
        // pseudo-random near-dates: each alternative written out slot by slot, where a slot may
        // be dropped or replaced by another piece (a fixed LCG: reproducible)
        let slots: [&[&str]; 10] = [
            &[
                "2023",
                "1999",
                "٢٠٢٣",
                "二〇二七",
                "一二三四",
                "123",
                "12345",
            ],
            &[
                "年", "月", "日", "号", "季", "-", "/", "至", "~", " 年", "年度", ".", "q", "Q",
            ],
            &[
                "度",
                "底",
                "初",
                "末",
                "上旬",
                "下旬",
                "中",
                "份",
                "财政",
                "第4季",
                "第四季度",
                "财年",
                "财政年度",
            ],
            &[
                "12", "1", "31", "0", "٣", "123", "113", "26", " ", "3", "25", "2025",
            ],
            &[
                "一",
                "二",
                "三",
                "九",
                "十",
                "十一",
                "十二",
                "二十",
                "三十一",
                "十五",
                "〇",
                "○",
                "百",
                "一一四",
                "一百一十",
                "一百零",
                "零",
            ],
            &["今", "昨", "明", "前", "第", "民国"],
            &["(", ")", ".", "x", ",", " (", ") ", "日(", "日)"],
            &["日", "号"],
            &["月"],
            &["季"],
        ];
        let templates: [&[usize]; 16] = [
            &[3, 1, 3, 1, 3],
            &[5, 4, 4, 1, 4, 8],
            &[4, 4, 1, 2, 9],
            &[0, 1, 2, 3, 8, 3, 7, 2],
            &[0, 1, 3, 1, 3],
            &[3, 8, 3, 7, 2],
            &[4, 8, 4, 4, 7],
            &[5, 6, 3, 6, 7],
            &[5, 4, 9, 2],
            &[0, 1, 0, 1, 2],
            &[0, 1, 3, 2, 1, 2],
            &[5, 7, 6, 3, 6, 7],
            &[3, 1, 3, 8, 2],
            &[0, 1, 4, 8, 4, 7],
            &[5, 3, 1, 9, 2],
            &[0, 2, 3, 1],
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for _ in 0..100_000 {
            let mut t = String::new();
            for _ in 0..1 + next() % 3 {
                for &slot in templates[next() % templates.len()] {
                    let slot = match next() % 10 {
                        0 => continue,
                        1 => next() % slots.len(),
                        _ => slot,
                    };
                    t.push_str(slots[slot][next() % slots[slot].len()]);
                }
            }
            assert_eq!(by_matcher(&t), by_regex(&t), "{t}");
        }
    }

    #[test]
    fn is_digit_is_the_regex_class() {
        // one search over every char instead of a regex call per char
        let all: String = (0..=0x10_FFFF).filter_map(char::from_u32).collect();
        let re = Regex::new(r"\d").expect("compiles");
        let digits: std::collections::HashSet<char> = re
            .find_iter(&all)
            .flat_map(|m| m.as_str().chars())
            .collect();
        assert!(digits.contains(&'7') && digits.contains(&'٣') && !digits.contains(&'〇'));
        for c in all.chars() {
            assert_eq!(is_digit(c), digits.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn a_date_starts_at_most_before_chars_before_its_first_trigger() {
        for t in [
            "今(15)日",
            "今 (15) 日",
            "今日 (15)日",
            "2023 年",
            "2023年",
            "二〇二六至二〇三一年",
            "2025/26年度",
            "113年",
            "民国一百三十九年",
            "一百三十九年",
            "114.11.28",
            "3q25",
            "11/28",
            "2023-1-2",
            "12月",
            "十二月",
            "12日",
            "第一季",
            "民国113年",
            "2025财政年度",
            "1至10月",
        ] {
            let s: Vec<char> = t.chars().collect();
            assert_eq!(date_at(&s, 0), Some(s.len()), "{t}");
            let first = s.iter().position(|&c| is_trigger(c)).expect("a trigger");
            assert!(first <= BEFORE, "{t}");
        }
    }
}
