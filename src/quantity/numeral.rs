//! Numerals: Arabic (`1,059`, `1 059`, `3.5`, `15k`), Chinese (`三千五百二十`, `廿`, `一点四`,
//! digit-by-digit `一六〇〇`), financial (`壹贰参肆…拾佰仟`), mixed (`3476亿`, `2兆882亿`,
//! `5万4千6百`) and approximate (`数千亿`, `十多`, `二三十`, `二十几万`).
//!
//! The reader works on a `&[char]` of prepared text and never panics: every access goes through
//! [`at`], which returns `'\0'` past the end.

/// Which caller is reading: running text (strict) or one whole expression (lenient).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `find_quantities`: running text, ambiguous readings are refused.
    Find,
    /// `parse_quantity`: the caller says the whole input is one expression.
    Parse,
}

/// The char at `i`, or `'\0'` past the end.
#[inline]
pub(crate) fn at(s: &[char], i: usize) -> char {
    s.get(i).copied().unwrap_or('\0')
}

/// Inline spaces (never line breaks).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// Skips at most `max` inline spaces from `i`.
#[inline]
pub(crate) fn skip_sp(s: &[char], mut i: usize, max: usize) -> usize {
    let mut k = 0;
    while k < max && is_space(at(s, i)) {
        i += 1;
        k += 1;
    }
    i
}

/// Value of a Chinese digit character (either script, financial forms included).
/// `参`/`陆` (also ordinary words) and `两` are checked by the caller's context rules.
#[inline]
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' | '壹' | '弌' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '俩' | '倆' => 2,
        '三' | '叁' | '叄' | '参' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// 十, 百, 千 and their financial forms.
#[inline]
pub(crate) fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// 万, 亿, 兆 (兆 = 10^12 as a numeral; the mega prefix is decided by the caller).
#[inline]
pub(crate) fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

#[inline]
fn is_point(c: char) -> bool {
    matches!(c, '点' | '點')
}

/// [`numeral_char_pred`] as a bitmap.
static NUMERAL_CHARS: std::sync::LazyLock<crate::charset::CharSet> =
    std::sync::LazyLock::new(|| crate::charset::CharSet::from_predicate(numeral_char_pred));

/// Chars that may belong to a numeral (used to find numeral boundaries).
#[inline]
pub(crate) fn is_numeral_char(c: char) -> bool {
    NUMERAL_CHARS.contains(c)
}

/// The definition behind [`is_numeral_char`].
fn numeral_char_pred(c: char) -> bool {
    c.is_ascii_digit()
        || cn_digit(c).is_some()
        || small_unit(c).is_some()
        || big_unit(c).is_some()
        || matches!(c, '廿' | '卅' | '卌')
}

/// `参`/`陆` are digits only next to other financial numeral characters (参加, 大陆 are words).
fn guarded_digit(c: char) -> bool {
    matches!(c, '参' | '參' | '陆' | '陸')
}

/// Financial numeral characters (大写数字).
fn is_financial(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰'
            | '貳'
            | '叁'
            | '叄'
            | '参'
            | '參'
            | '肆'
            | '伍'
            | '陆'
            | '陸'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '佰'
            | '仟'
    )
}

/// After `千` or `兆`: does a unit start here that takes the char as a metric prefix
/// (千瓦, 千克, 千米, 兆瓦, 兆赫, 兆字节 …)? Only units of the vocabulary count, so 5千欧元,
/// 3千位员工 and 2兆日圆 keep 千/兆 as numerals.
pub(crate) fn prefixed_unit_follows(s: &[char], i: usize) -> bool {
    let c = at(s, i);
    let d = at(s, i + 1);
    match c {
        '瓦' | '克' | '米' | '卡' | '焦' | '伏' | '帕' | '赫' => !(c == '克' && d == '拉'),
        '字' => matches!(d, '节' | '節'),
        '位' => matches!(d, '元'),
        _ => false,
    }
}

/// A numeral read from the text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Num {
    pub start: usize,
    /// One past the last char of the numeral (never a trailing space).
    pub end: usize,
    pub value: f64,
    pub approx: bool,
    /// Upper end of an approximate pair (`二三十` → 30).
    pub hi: Option<f64>,
    /// Product of the big magnitude words at the end (`30亿` → 1e8), 1.0 if none.
    pub trailing_mag: f64,
    /// Contains 万/亿/兆 as a magnitude.
    pub has_big: bool,
    /// Number of magnitude characters (百千万亿兆).
    pub mag_chars: u32,
    /// Starts with a magnitude character that has no coefficient (`百家`, `万亿`).
    pub bare_lead: bool,
    /// Exactly one char `一`/`壹`.
    pub lone_one: bool,
    /// Exactly one zero char.
    pub lone_zero: bool,
    /// Only Arabic digits (with separators or a decimal point).
    pub arabic_only: bool,
    /// Read digit by digit (`一六〇〇`).
    pub digit_run: bool,
    /// Contains a Chinese character.
    pub chinese: bool,
    /// The last token was a Chinese digit that could be elided (`一万三`).
    pub ends_with_digit: bool,
}

/// The ASCII text of a number, and its value.
///
/// The scan reads a number at every digit run, and most of them are no quantity, so this avoids
/// the heap and, for the usual short integer, `str::parse`: an integer of at most 15 digits is
/// below 2^53, so the f64 of its exact value is what `parse` would return.
struct NumText {
    short: [u8; NumText::SHORT],
    /// Bytes used in `short`; meaningful while `long` is empty.
    len: usize,
    /// The whole text once it outgrew `short`.
    long: String,
    /// The value while the text is an integer of at most [`NumText::EXACT_DIGITS`] digits.
    int: Option<u64>,
}

impl NumText {
    const SHORT: usize = 40;
    const EXACT_DIGITS: usize = 15;

    fn new() -> Self {
        NumText {
            short: [0; NumText::SHORT],
            len: 0,
            long: String::new(),
            int: Some(0),
        }
    }

    fn push(&mut self, c: char) {
        // while `int` is Some, every char so far was a digit, all of them in `short`
        self.int = match (self.int, c.to_digit(10)) {
            (Some(v), Some(d)) if self.len < Self::EXACT_DIGITS => Some(v * 10 + u64::from(d)),
            _ => None,
        };
        if self.long.is_empty()
            && c.is_ascii()
            && let Some(b) = self.short.get_mut(self.len)
        {
            *b = c as u8;
            self.len += 1;
            return;
        }
        if self.long.is_empty() {
            let head = self.short.get(..self.len).unwrap_or_default();
            self.long
                .push_str(std::str::from_utf8(head).unwrap_or_default());
        }
        self.long.push(c);
    }

    fn as_str(&self) -> &str {
        if self.long.is_empty() {
            let head = self.short.get(..self.len).unwrap_or_default();
            std::str::from_utf8(head).unwrap_or_default()
        } else {
            &self.long
        }
    }

    /// The value, as `self.as_str().parse::<f64>()` gives it.
    fn value(&self) -> Option<f64> {
        match self.int {
            Some(v) if self.len > 0 => Some(v as f64),
            _ => self.as_str().parse().ok(),
        }
    }
}

/// An Arabic number: value, end, whether it had a decimal point.
pub(crate) fn read_arabic(s: &[char], i: usize, mode: Mode) -> Option<(f64, usize, bool)> {
    let mut buf = NumText::new();
    let mut j = i;
    let mut dot = false;
    if at(s, j) == '.' && mode == Mode::Parse && at(s, j + 1).is_ascii_digit() {
        buf.push('0');
    } else if !at(s, j).is_ascii_digit() {
        return None;
    }
    let mut first_group = 0usize;
    while at(s, j).is_ascii_digit() {
        buf.push(at(s, j));
        j += 1;
        first_group += 1;
    }
    // thousands separators: `,ddd` (or ` ddd`) groups of exactly three digits
    if (1..=3).contains(&first_group) {
        loop {
            let sep = at(s, j);
            if (sep == ',' || sep == ' ')
                && at(s, j + 1).is_ascii_digit()
                && at(s, j + 2).is_ascii_digit()
                && at(s, j + 3).is_ascii_digit()
                && !at(s, j + 4).is_ascii_digit()
                && !(sep == ' ' && matches!(at(s, j + 4), '/' | '.' | ','))
            {
                buf.push(at(s, j + 1));
                buf.push(at(s, j + 2));
                buf.push(at(s, j + 3));
                j += 4;
            } else {
                break;
            }
        }
    }
    if matches!(at(s, j), '.' | '·') && at(s, j + 1).is_ascii_digit() {
        dot = true;
        buf.push('.');
        j += 1;
        while at(s, j).is_ascii_digit() {
            buf.push(at(s, j));
            j += 1;
        }
    }
    let v: f64 = buf.value()?;
    if !v.is_finite() {
        return None;
    }
    Some((v, j, dot))
}

#[derive(Clone, Copy, PartialEq)]
enum Pend {
    /// A single Chinese digit: may be elided (`一万三` = 13000).
    Digit,
    /// Anything else (Arabic number, digit run, decimal): taken as is.
    Plain,
}

/// Reads a numeral starting at `start`. `None` if no numeral starts there.
pub(crate) fn read_numeral(s: &[char], start: usize, mode: Mode) -> Option<Num> {
    let maxsp = 4;
    let mut i = start;
    let mut total = 0.0f64;
    let mut section = 0.0f64;
    let mut pending: Option<(f64, Pend)> = None;
    let mut last_small = 0.0f64;
    let mut last_big = 0.0f64;
    let mut zero = false;
    let mut approx = false;
    let mut hi_digit: Option<(f64, f64)> = None;
    let mut trailing_mag = 1.0f64;
    let mut prev_big = false;
    let mut has_big = false;
    let mut mag_chars = 0u32;
    let mut bare_lead = false;
    let mut chinese = false;
    let mut arabic_only = true;
    let mut digit_run = false;
    let mut tokens = 0u32;
    let mut numeric_tokens = 0u32;
    let mut end = start;
    let mut last_was_digit = false;
    let mut first_char_kind: Option<char> = None;

    // ---- leading approximate words and 半
    let c0 = at(s, i);
    if matches!(c0, '数' | '數' | '几' | '幾' | '上') {
        let j = skip_sp(s, i + 1, 1);
        let n = at(s, j);
        let ok = if c0 == '上' {
            // 上百家, 上千人, 上万亿: "a hundred or more", read as an approximate numeral; not the
            // idioms 成千上万 / 成百上千, not the locative 市场上 / 会上
            let p = if i > 0 { at(s, i - 1) } else { '\0' };
            let p2 = if i > 1 { at(s, i - 2) } else { '\0' };
            let locative = matches!(
                p,
                '场' | '会'
                    | '网'
                    | '面'
                    | '线'
                    | '路'
                    | '台'
                    | '桌'
                    | '身'
                    | '史'
                    | '际'
                    | '界'
                    | '书'
                    | '报'
                    | '图'
                    | '表'
                    | '市'
                    | '头'
                    | '山'
                    | '岸'
                    | '边'
                    | '街'
                    | '床'
                    | '车'
                    | '船'
                    | '机'
                    | '地'
                    | '天'
                    | '海'
                    | '平'
                    | '上'
                    | '之'
                    | '架'
                    | '单'
                    | '榜'
                    | '纸'
                    | '屏'
            );
            let idiom = p == '成' || (matches!(p, '千' | '百') && p2 == '成');
            j == i + 1
                && !locative
                && !idiom
                && (small_unit(n).is_some_and(|v| v >= 100.0)
                    || big_unit(n).is_some_and(|v| v < 1e12))
        } else {
            small_unit(n).is_some() || big_unit(n).is_some()
        };
        if ok {
            pending = Some((1.0, Pend::Plain));
            approx = true;
            chinese = true;
            arabic_only = false;
            i += 1;
            end = i;
            tokens += 1;
            numeric_tokens += 1;
        } else {
            return None;
        }
    } else if c0 == '半' {
        let j = skip_sp(s, i + 1, 1);
        let n = at(s, j);
        if small_unit(n).is_some_and(|v| v >= 100.0) || big_unit(n).is_some() {
            pending = Some((0.5, Pend::Plain));
            chinese = true;
            arabic_only = false;
            i += 1;
            end = i;
            tokens += 1;
            numeric_tokens += 1;
        } else {
            return None;
        }
    } else if cn_digit(c0).is_some() {
        // ---- a run of Chinese digits: digit by digit (一六〇〇) or an approximate pair (二三十)
        let mut digits: [u32; 24] = [0; 24];
        let mut n = 0usize;
        let mut j = i;
        let mut last_end = i;
        loop {
            let c = at(s, j);
            let Some(d) = cn_digit(c) else { break };
            if n > 0 && matches!(c, '两' | '兩' | '俩' | '倆') && !(n == 1 && digits[0] == 1) {
                break; // 九两 = nine liang, not 92
            }
            if guarded_digit(c) && mode == Mode::Find && n == 0 {
                let nx = at(s, skip_sp(s, j + 1, 1));
                if !is_financial(nx) {
                    break;
                }
            }
            if n >= digits.len() {
                return None;
            }
            digits[n] = d;
            n += 1;
            j += 1;
            last_end = j;
            j = skip_sp(s, j, if n == 0 { 0 } else { 2 });
        }
        if n >= 2 {
            chinese = true;
            arabic_only = false;
            if n == 2 && digits[0] >= 1 && digits[1] == digits[0] + 1 {
                // 二三十, 三四成, 五六家: an approximate pair
                pending = Some((digits[0] as f64, Pend::Plain));
                hi_digit = Some((digits[0] as f64, digits[1] as f64));
                approx = true;
            } else {
                let mut v = 0.0f64;
                for d in &digits[..n] {
                    v = v * 10.0 + *d as f64;
                }
                pending = Some((v, Pend::Plain));
                digit_run = true;
            }
            i = last_end;
            end = i;
            tokens += n as u32;
            numeric_tokens += 1;
            first_char_kind = Some('1');
        }
    }

    // ---- the main loop over tokens
    loop {
        let j = if tokens == 0 { i } else { skip_sp(s, i, maxsp) };
        let c = at(s, j);
        if c == '\0' {
            break;
        }
        if j > i
            && mode == Mode::Find
            && (c.is_ascii_digit() || at(s, i.wrapping_sub(1)).is_ascii_digit())
            && !spaced_magnitude(s, i, j)
        {
            break; // in running text, spaces join Chinese numeral characters only
        }
        // 二十亿二〇六一万: a section written digit by digit after a magnitude
        if prev_big
            && pending.is_none()
            && section == 0.0
            && let Some((v, e)) = digit_run_section(s, j)
        {
            pending = Some((v, Pend::Plain));
            i = e;
            end = e;
            tokens += 1;
            numeric_tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = false;
            prev_big = false;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && tokens == 0 && mode == Mode::Parse) {
            if pending.is_some() || last_was_digit {
                break;
            }
            // digits right after a Chinese part must follow a unit or zero (2兆882亿, 1千零1)
            let Some((v, e, _dot)) = read_arabic(s, j, mode) else {
                break;
            };
            let mut v = v;
            let mut e = e;
            // `15k`: thousands
            let kj = skip_sp(s, e, 1);
            if at(s, kj) == 'k' && !at(s, kj + 1).is_ascii_alphanumeric() {
                v *= 1000.0;
                e = kj + 1;
            }
            pending = Some((v, Pend::Plain));
            i = e;
            end = e;
            tokens += 1;
            numeric_tokens += 1;
            last_was_digit = true;
            prev_big = false;
            if first_char_kind.is_none() {
                first_char_kind = Some('1');
            }
            continue;
        }
        if let Some(d) = cn_digit(c) {
            if pending.is_some() {
                break;
            }
            if guarded_digit(c) && mode == Mode::Find {
                let nx = at(s, skip_sp(s, j + 1, 1));
                let pv = if j > 0 { at(s, j - 1) } else { '\0' };
                let ppv = if j > 1 { at(s, j - 2) } else { '\0' };
                if !(is_financial(nx)
                    || is_financial(pv)
                    || (matches!(pv, '零' | '万' | '亿') && is_financial(ppv)))
                {
                    break;
                }
            }
            if d == 0 {
                zero = true;
                i = j + 1;
                end = i;
                tokens += 1;
                numeric_tokens += 1;
                chinese = true;
                arabic_only = false;
                last_was_digit = false;
                prev_big = false;
                if first_char_kind.is_none() {
                    first_char_kind = Some('0');
                }
                continue;
            }
            pending = Some((d as f64, Pend::Digit));
            i = j + 1;
            end = i;
            tokens += 1;
            numeric_tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = true;
            prev_big = false;
            if first_char_kind.is_none() {
                first_char_kind = Some(if d == 1 { 'y' } else { '1' });
            }
            continue;
        }
        if let Some(u) = small_unit(c) {
            if u == 1000.0 && prefixed_unit_follows(s, skip_sp(s, j + 1, 1)) {
                break; // 千瓦, 千克, 千米: the unit takes 千
            }
            let coef = match pending.take() {
                Some((v, _)) => v,
                None => {
                    if u > 10.0 && section == 0.0 && total == 0.0 && !zero {
                        bare_lead = true;
                    }
                    1.0
                }
            };
            section += coef * u;
            last_small = u;
            zero = false;
            if u > 10.0 {
                mag_chars += 1;
            }
            i = j + 1;
            end = i;
            tokens += 1;
            numeric_tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = false;
            prev_big = false;
            trailing_mag = 1.0;
            if first_char_kind.is_none() {
                first_char_kind = Some('m');
            }
            continue;
        }
        if matches!(c, '廿' | '卅' | '卌') {
            if pending.is_some() {
                break;
            }
            section += match c {
                '廿' => 20.0,
                '卅' => 30.0,
                _ => 40.0,
            };
            last_small = 10.0;
            zero = false;
            i = j + 1;
            end = i;
            tokens += 1;
            numeric_tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = false;
            prev_big = false;
            trailing_mag = 1.0;
            if first_char_kind.is_none() {
                first_char_kind = Some('1');
            }
            continue;
        }
        if let Some(u) = big_unit(c) {
            if u == 1e12 && prefixed_unit_follows(s, skip_sp(s, j + 1, 1)) {
                break; // 兆瓦, 兆赫, 兆字节: mega
            }
            // 一千二万 = 1200万 (elided within the section), but 四万 after 亿 is just 4
            let p = match pending.take() {
                Some((v, Pend::Digit))
                    if !zero && (10.0..1e4).contains(&last_small) && section > 0.0 =>
                {
                    v * last_small / 10.0
                }
                Some((v, _)) => v,
                None => 0.0,
            };
            let mut sec = section + p;
            if sec == 0.0 && total == 0.0 && !prev_big {
                sec = 1.0;
                if tokens == 0 || first_char_kind.is_none() {
                    bare_lead = true;
                }
            }
            // last_big is the weight of the lowest section written so far: 一万亿 → 10^12, so
            // 一万亿零一亿 adds, while 四万亿 and 一万五千亿 multiply
            if total == 0.0 || u >= last_big {
                total = (total + sec) * u;
                last_big = if sec == 0.0 && last_big > 0.0 {
                    last_big * u
                } else {
                    u
                };
            } else {
                total += sec * u;
                last_big = u;
            }
            section = 0.0;
            last_small = u;
            zero = false;
            trailing_mag = if prev_big { trailing_mag * u } else { u };
            prev_big = true;
            has_big = true;
            mag_chars += 1;
            i = j + 1;
            end = i;
            tokens += 1;
            numeric_tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = false;
            if first_char_kind.is_none() {
                first_char_kind = Some('m');
            }
            continue;
        }
        if (is_point(c) || (c == '.' && !last_was_digit_arabic(s, j))) && tokens > 0 {
            // decimal part after a Chinese integer part (一点四, 三十五.三九, 零点77)
            let k = skip_sp(s, j + 1, 2);
            let mut frac = 0.0f64;
            let mut scale = 0.1f64;
            let mut e = k;
            let mut got = false;
            if at(s, k).is_ascii_digit() {
                while at(s, e).is_ascii_digit() {
                    frac += (at(s, e) as u32 - '0' as u32) as f64 * scale;
                    scale /= 10.0;
                    e += 1;
                    got = true;
                }
            } else {
                loop {
                    let ch = at(s, e);
                    match cn_digit(ch) {
                        Some(d) if !matches!(ch, '两' | '兩' | '俩' | '倆') => {
                            frac += d as f64 * scale;
                            scale /= 10.0;
                            e += 1;
                            got = true;
                            let e2 = skip_sp(s, e, 1);
                            if cn_digit(at(s, e2)).is_some() {
                                e = e2;
                            }
                        }
                        _ => break,
                    }
                }
            }
            if !got {
                break;
            }
            // round the fraction to its written digits to avoid 0.1 + 0.2 noise
            let ndig = (1.0 / scale).log10().round() as i32 - 1;
            let f = 10f64.powi(ndig.clamp(0, 15));
            frac = (frac * f).round() / f;
            let int = match pending.take() {
                Some((v, Pend::Digit)) if !zero && last_small >= 10.0 => v * last_small / 10.0,
                Some((v, _)) => v,
                None => 0.0,
            };
            let int = section + int;
            section = 0.0;
            let nb = at(s, skip_sp(s, e, maxsp));
            let big_next = big_unit(nb).is_some()
                && !(nb == '兆'
                    && prefixed_unit_follows(s, skip_sp(s, skip_sp(s, e, maxsp) + 1, 1)));
            if big_next {
                pending = Some((int + frac, Pend::Plain));
                zero = false;
            } else {
                total += int + frac;
                end = e;
                numeric_tokens += 1;
                chinese = true;
                arabic_only = false;
                trailing_mag = 1.0;
                break;
            }
            i = e;
            end = e;
            tokens += 1;
            numeric_tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = false;
            prev_big = false;
            trailing_mag = 1.0;
            continue;
        }
        if matches!(c, '多' | '余' | '餘' | '来' | '來')
            && tokens > 0
            && !approx_marked(s, start, j)
        {
            if matches!(c, '来' | '來') {
                let nx = at(s, skip_sp(s, j + 1, 1));
                if big_unit(nx).is_none() && small_unit(nx).is_none() {
                    break;
                }
            }
            approx = true;
            // the approximate word closes the current section
            i = j + 1;
            end = i;
            tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = false;
            // 四百多 keeps the elision context off
            if let Some((v, Pend::Digit)) = pending {
                let p = if !zero && last_small >= 10.0 {
                    v * last_small / 10.0
                } else {
                    v
                };
                pending = Some((p, Pend::Plain));
            }
            continue;
        }
        if matches!(c, '几' | '幾') && tokens > 0 && pending.is_none() {
            pending = Some((0.0, Pend::Plain));
            approx = true;
            i = j + 1;
            end = i;
            tokens += 1;
            chinese = true;
            arabic_only = false;
            last_was_digit = true;
            prev_big = false;
            continue;
        }
        break;
    }

    if numeric_tokens == 0 {
        return None;
    }
    let ends_with_digit = matches!(pending, Some((_, Pend::Digit)));
    let p = match pending {
        Some((v, Pend::Digit)) if !zero && last_small >= 10.0 => v * last_small / 10.0,
        Some((v, _)) => v,
        None => 0.0,
    };
    let value = total + section + p;
    if !value.is_finite() {
        return None;
    }
    let hi = hi_digit.map(|(lo, hi)| if lo > 0.0 { value / lo * hi } else { value });
    let nchars = end - start;
    let lone_one = nchars == 1 && matches!(at(s, start), '一' | '壹' | '弌');
    let lone_zero = nchars == 1 && matches!(at(s, start), '〇' | '零');
    Some(Num {
        start,
        end,
        value,
        approx,
        hi,
        trailing_mag,
        has_big,
        mag_chars,
        bare_lead,
        lone_one,
        lone_zero,
        arabic_only: arabic_only && !chinese,
        digit_run,
        chinese,
        ends_with_digit,
    })
}

/// In running text one space may stand between an Arabic number and a magnitude word
/// (`460 亿`, `44.99 兆`), and between a magnitude word and the Arabic number of a lower section
/// (`3 兆 2,100 亿`): Taiwan's financial news writes them so. `i` is the end of the previous
/// token, `j` the next token after the spaces.
fn spaced_magnitude(s: &[char], i: usize, j: usize) -> bool {
    if j != i + 1 {
        return false;
    }
    let prev = at(s, i.wrapping_sub(1));
    let c = at(s, j);
    if prev.is_ascii_digit() {
        return big_unit(c).is_some_and(|u| !(u == 1e12 && prefixed_unit_follows(s, j + 1)));
    }
    let (Some(upper), true) = (big_unit(prev), c.is_ascii_digit()) else {
        return false;
    };
    let Some((_, e, _)) = read_arabic(s, j, Mode::Find) else {
        return false;
    };
    let next = at(s, skip_sp(s, e, 1));
    big_unit(next).is_some_and(|lower| lower < upper)
}

/// A run of three or more Chinese digits (or two with a zero), 〇/○/零 included, read digit by
/// digit as one section: `二〇六一` in `二十亿二〇六一万`. Returns the value and the end; `None`
/// when a small magnitude (十百千) or a decimal point follows, which makes the run something else.
fn digit_run_section(s: &[char], j: usize) -> Option<(f64, usize)> {
    let mut v = 0.0f64;
    let mut k = j;
    let mut zero = false;
    while let Some(d) =
        cn_digit(at(s, k)).filter(|_| !matches!(at(s, k), '两' | '兩' | '俩' | '倆'))
    {
        zero |= d == 0;
        v = v * 10.0 + f64::from(d);
        k += 1;
    }
    let n = k - j;
    let after = at(s, k);
    let long_enough = n >= 3 || (n == 2 && zero);
    (long_enough && n <= 8 && small_unit(after).is_none() && !is_point(after) && after != '.')
        .then_some((v, k))
}

/// True if an approximate word already occurs between `start` and `j`.
fn approx_marked(s: &[char], start: usize, j: usize) -> bool {
    (start..j).any(|k| matches!(at(s, k), '多' | '余' | '餘' | '来' | '來'))
}

/// `.` right after an Arabic digit belongs to the Arabic reader (it already consumed it if it was
/// a decimal point), so here a `.` is a decimal point only after a Chinese char.
fn last_was_digit_arabic(s: &[char], j: usize) -> bool {
    j > 0 && at(s, j - 1).is_ascii_digit()
}
