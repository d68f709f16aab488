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

/// Inline spaces that may stand between two tokens of a numeral.
const MAX_SPACES: usize = 4;

/// Longest run of Chinese digits read digit by digit at the start of a numeral.
const MAX_DIGIT_RUN: usize = 24;

/// Reads a numeral starting at `start`. `None` if no numeral starts there.
///
/// A driver over [`Reader`]: the lead (`数`/`几`/`上`, `半` or a run of Chinese digits), then one
/// token after another until none fits, then the value.
pub(crate) fn read_numeral(s: &[char], start: usize, mode: Mode) -> Option<Num> {
    let mut r = Reader::new(s, start, mode);
    r.lead()?;
    while r.next_token() {}
    r.finish()
}

/// The state of [`read_numeral`] between two tokens.
struct Reader<'a> {
    s: &'a [char],
    mode: Mode,
    start: usize,
    /// Where the next token is looked for: the end of the last one.
    i: usize,
    /// One past the last char of the numeral so far.
    end: usize,
    /// The sections closed by a big magnitude (万, 亿, 兆).
    total: f64,
    /// The current section: its digits times 十/百/千.
    section: f64,
    /// A number not yet multiplied by a magnitude.
    pending: Option<(f64, Pend)>,
    /// The last magnitude (a small one, or the big one that closed a section).
    last_small: f64,
    /// The weight of the lowest big section written so far.
    last_big: f64,
    /// A zero since the last magnitude (`一千零五` elides nothing).
    zero: bool,
    approx: bool,
    /// The two digits of an approximate pair (`二三十`).
    hi_digit: Option<(f64, f64)>,
    trailing_mag: f64,
    /// The last token was a big magnitude.
    prev_big: bool,
    has_big: bool,
    mag_chars: u32,
    bare_lead: bool,
    chinese: bool,
    digit_run: bool,
    /// Tokens read (each digit of a leading digit run counts).
    tokens: u32,
    /// Tokens that carry a value (not `多`/`余`/`来`/`几` inside).
    numeric_tokens: u32,
    /// The last token was a digit: no Arabic number may follow.
    last_was_digit: bool,
    /// The first value token: `'1'` a digit, `'y'` 一, `'0'` a zero, `'m'` a magnitude.
    first_char_kind: Option<char>,
}

impl<'a> Reader<'a> {
    fn new(s: &'a [char], start: usize, mode: Mode) -> Self {
        Reader {
            s,
            mode,
            start,
            i: start,
            end: start,
            total: 0.0,
            section: 0.0,
            pending: None,
            last_small: 0.0,
            last_big: 0.0,
            zero: false,
            approx: false,
            hi_digit: None,
            trailing_mag: 1.0,
            prev_big: false,
            has_big: false,
            mag_chars: 0,
            bare_lead: false,
            chinese: false,
            digit_run: false,
            tokens: 0,
            numeric_tokens: 0,
            last_was_digit: false,
            first_char_kind: None,
        }
    }

    /// The numeral now ends at `to`, one token longer.
    fn advance(&mut self, to: usize, numeric: bool) {
        self.i = to;
        self.end = to;
        self.tokens += 1;
        if numeric {
            self.numeric_tokens += 1;
        }
    }

    /// [`Reader::advance`] past a Chinese value token (digit, magnitude, decimal part).
    fn advance_chinese(&mut self, to: usize, last_was_digit: bool) {
        self.advance(to, true);
        self.chinese = true;
        self.last_was_digit = last_was_digit;
        self.prev_big = false;
    }

    fn first_kind(&mut self, kind: char) {
        if self.first_char_kind.is_none() {
            self.first_char_kind = Some(kind);
        }
    }

    /// A single digit before the last magnitude stands for that magnitude's next lower place
    /// (`一万三` = 13000, `三百五` = 350), unless a zero came between (`一千零五`).
    fn elide(&self, v: f64) -> f64 {
        if !self.zero && self.last_small >= 10.0 {
            v * self.last_small / 10.0
        } else {
            v
        }
    }

    /// The pending number, elided if it is a single digit; 0 if none.
    fn take_pending(&mut self) -> f64 {
        match self.pending.take() {
            Some((v, Pend::Digit)) => self.elide(v),
            Some((v, Pend::Plain)) => v,
            None => 0.0,
        }
    }

    /// The lead: `数`/`几`/`上` or `半` before a magnitude, or a run of Chinese digits. `None`
    /// when no numeral starts here.
    fn lead(&mut self) -> Option<()> {
        let (s, i) = (self.s, self.start);
        let c0 = at(s, i);
        if matches!(c0, '数' | '數' | '几' | '幾' | '上') {
            if !approx_lead_fits(s, i) {
                return None;
            }
            self.approx = true;
            self.lead_word(1.0);
        } else if c0 == '半' {
            let n = at(s, skip_sp(s, i + 1, 1));
            if !(small_unit(n).is_some_and(|v| v >= 100.0) || big_unit(n).is_some()) {
                return None;
            }
            self.lead_word(0.5);
        } else if cn_digit(c0).is_some() {
            self.digit_run_lead()?;
        }
        Some(())
    }

    /// `数`/`几`/`上` (1) or `半` (0.5) as the coefficient of the magnitude after it.
    fn lead_word(&mut self, coef: f64) {
        self.pending = Some((coef, Pend::Plain));
        self.chinese = true;
        self.advance(self.i + 1, true);
    }

    /// A leading run of Chinese digits: digit by digit (`一六〇〇`), or an approximate pair of
    /// neighbouring digits (`二三十`). A single digit is left to the token loop; `None` for a run
    /// longer than [`MAX_DIGIT_RUN`].
    fn digit_run_lead(&mut self) -> Option<()> {
        let s = self.s;
        let (mut n, mut first, mut second, mut v) = (0usize, 0u32, 0u32, 0.0f64);
        let mut j = self.start;
        let mut last_end = j;
        while let Some(d) = cn_digit(at(s, j)) {
            let c = at(s, j);
            if n > 0 && is_liang(c) && !(n == 1 && first == 1) {
                break; // 九两 = nine liang, not 92
            }
            if guarded_digit(c)
                && self.mode == Mode::Find
                && n == 0
                && !is_financial(at(s, skip_sp(s, j + 1, 1)))
            {
                break;
            }
            if n >= MAX_DIGIT_RUN {
                return None;
            }
            match n {
                0 => first = d,
                1 => second = d,
                _ => {}
            }
            v = v * 10.0 + d as f64;
            n += 1;
            j += 1;
            last_end = j;
            j = skip_sp(s, j, 2);
        }
        if n < 2 {
            return Some(());
        }
        self.chinese = true;
        if n == 2 && first >= 1 && second == first + 1 {
            // 二三十, 三四成, 五六家: an approximate pair
            self.pending = Some((first as f64, Pend::Plain));
            self.hi_digit = Some((first as f64, second as f64));
            self.approx = true;
        } else {
            self.pending = Some((v, Pend::Plain));
            self.digit_run = true;
        }
        self.i = last_end;
        self.end = last_end;
        self.tokens += n as u32;
        self.numeric_tokens += 1;
        self.first_char_kind = Some('1');
        Some(())
    }

    /// Reads the token after the numeral so far; `false` when none fits and the numeral ends.
    fn next_token(&mut self) -> bool {
        let (s, i) = (self.s, self.i);
        let j = if self.tokens == 0 {
            i
        } else {
            skip_sp(s, i, MAX_SPACES)
        };
        let c = at(s, j);
        if c == '\0' {
            return false;
        }
        if j > i
            && self.mode == Mode::Find
            && (c.is_ascii_digit() || at(s, i.wrapping_sub(1)).is_ascii_digit())
            && !spaced_magnitude(s, i, j)
        {
            return false; // in running text, spaces join Chinese numeral characters only
        }
        // 二十亿二〇六一万: a section written digit by digit after a magnitude
        if self.prev_big
            && self.pending.is_none()
            && self.section == 0.0
            && let Some((v, e)) = digit_run_section(s, j)
        {
            self.pending = Some((v, Pend::Plain));
            self.advance_chinese(e, false);
            return true;
        }
        if c.is_ascii_digit() || (c == '.' && self.tokens == 0 && self.mode == Mode::Parse) {
            return self.arabic(j);
        }
        if let Some(d) = cn_digit(c) {
            return self.chinese_digit(j, c, d);
        }
        if let Some(u) = small_unit(c) {
            return self.small_magnitude(j, u);
        }
        if let Some(v) = tens_word(c) {
            return self.tens(j, v);
        }
        if let Some(u) = big_unit(c) {
            return self.big_magnitude(j, u);
        }
        if (is_point(c) || (c == '.' && !last_was_digit_arabic(s, j))) && self.tokens > 0 {
            return self.decimal(j);
        }
        if matches!(c, '多' | '余' | '餘' | '来' | '來')
            && self.tokens > 0
            && !approx_marked(s, self.start, j)
        {
            return self.approx_word(j, c);
        }
        if matches!(c, '几' | '幾') && self.tokens > 0 && self.pending.is_none() {
            return self.unknown_digit(j);
        }
        false
    }

    /// An Arabic number at `j` (`15k` is 15000). Digits right after a Chinese part must follow a
    /// magnitude or zero (`2兆882亿`, `1千零1`).
    fn arabic(&mut self, j: usize) -> bool {
        if self.pending.is_some() || self.last_was_digit {
            return false;
        }
        let Some((mut v, mut e, _dot)) = read_arabic(self.s, j, self.mode) else {
            return false;
        };
        let kj = skip_sp(self.s, e, 1);
        if at(self.s, kj) == 'k' && !at(self.s, kj + 1).is_ascii_alphanumeric() {
            v *= 1000.0;
            e = kj + 1;
        }
        self.pending = Some((v, Pend::Plain));
        self.advance(e, true);
        self.last_was_digit = true;
        self.prev_big = false;
        self.first_kind('1');
        true
    }

    /// A Chinese digit `c` of value `d` at `j`; a zero only marks the gap (`一千零五`).
    fn chinese_digit(&mut self, j: usize, c: char, d: u32) -> bool {
        if self.pending.is_some() {
            return false;
        }
        if guarded_digit(c) && self.mode == Mode::Find && !guarded_digit_fits(self.s, j) {
            return false;
        }
        if d == 0 {
            self.zero = true;
            self.advance_chinese(j + 1, false);
            self.first_kind('0');
        } else {
            self.pending = Some((d as f64, Pend::Digit));
            self.advance_chinese(j + 1, true);
            self.first_kind(if d == 1 { 'y' } else { '1' });
        }
        true
    }

    /// 十, 百 or 千 (`u`) at `j`, multiplying the pending number (or 1: `十五`, `百家`).
    fn small_magnitude(&mut self, j: usize, u: f64) -> bool {
        if u == 1000.0 && prefixed_unit_follows(self.s, skip_sp(self.s, j + 1, 1)) {
            return false; // 千瓦, 千克, 千米: the unit takes 千
        }
        let coef = match self.pending.take() {
            Some((v, _)) => v,
            None => {
                if u > 10.0 && self.section == 0.0 && self.total == 0.0 && !self.zero {
                    self.bare_lead = true;
                }
                1.0
            }
        };
        self.section += coef * u;
        if u > 10.0 {
            self.mag_chars += 1;
        }
        self.close_small(j, u, 'm');
        true
    }

    /// 廿, 卅 or 卌 (`v` = 20, 30, 40) at `j`.
    fn tens(&mut self, j: usize, v: f64) -> bool {
        if self.pending.is_some() {
            return false;
        }
        self.section += v;
        self.close_small(j, 10.0, '1');
        true
    }

    /// After a small magnitude at `j` of weight `last_small`.
    fn close_small(&mut self, j: usize, last_small: f64, kind: char) {
        self.last_small = last_small;
        self.zero = false;
        self.advance_chinese(j + 1, false);
        self.trailing_mag = 1.0;
        self.first_kind(kind);
    }

    /// 万, 亿 or 兆 (`u`) at `j`: closes the section (`一千二万` = 1200万, but `四万` after 亿 is
    /// just 4万).
    fn big_magnitude(&mut self, j: usize, u: f64) -> bool {
        if u == 1e12 && prefixed_unit_follows(self.s, skip_sp(self.s, j + 1, 1)) {
            return false; // 兆瓦, 兆赫, 兆字节: mega
        }
        let p = match self.pending.take() {
            Some((v, Pend::Digit))
                if !self.zero && (10.0..1e4).contains(&self.last_small) && self.section > 0.0 =>
            {
                v * self.last_small / 10.0
            }
            Some((v, _)) => v,
            None => 0.0,
        };
        let mut sec = self.section + p;
        if sec == 0.0 && self.total == 0.0 && !self.prev_big {
            sec = 1.0;
            if self.tokens == 0 || self.first_char_kind.is_none() {
                self.bare_lead = true;
            }
        }
        self.fold_section(sec, u);
        self.section = 0.0;
        self.last_small = u;
        self.zero = false;
        self.trailing_mag = if self.prev_big {
            self.trailing_mag * u
        } else {
            u
        };
        self.has_big = true;
        self.mag_chars += 1;
        self.advance_chinese(j + 1, false);
        self.prev_big = true;
        self.first_kind('m');
        true
    }

    /// Adds the section `sec` under the big magnitude `u` to the total. `last_big` is the weight
    /// of the lowest section written so far: 一万亿 → 10^12, so 一万亿零一亿 adds, while 四万亿
    /// and 一万五千亿 multiply.
    fn fold_section(&mut self, sec: f64, u: f64) {
        if self.total == 0.0 || u >= self.last_big {
            self.total = (self.total + sec) * u;
            self.last_big = if sec == 0.0 && self.last_big > 0.0 {
                self.last_big * u
            } else {
                u
            };
        } else {
            self.total += sec * u;
            self.last_big = u;
        }
    }

    /// A decimal point at `j` after a Chinese integer part (`一点四`, `三十五.三九`, `零点77`).
    /// The numeral ends after the decimals unless a big magnitude follows (`一点五亿`).
    fn decimal(&mut self, j: usize) -> bool {
        let s = self.s;
        let Some((frac, e)) = read_fraction(s, skip_sp(s, j + 1, 2)) else {
            return false;
        };
        let p = self.take_pending();
        let int = self.section + p;
        self.section = 0.0;
        let k = skip_sp(s, e, MAX_SPACES);
        let nb = at(s, k);
        let big_next = big_unit(nb).is_some()
            && !(nb == '兆' && prefixed_unit_follows(s, skip_sp(s, k + 1, 1)));
        self.trailing_mag = 1.0;
        if big_next {
            self.pending = Some((int + frac, Pend::Plain));
            self.zero = false;
            self.advance_chinese(e, false);
            true
        } else {
            self.total += int + frac;
            self.end = e;
            self.numeric_tokens += 1;
            self.chinese = true;
            false
        }
    }

    /// `多`/`余`/`来` (`c`) at `j`: approximate, closing the section (`四百多` keeps the elision
    /// off); `来` only before a magnitude (`十来万`).
    fn approx_word(&mut self, j: usize, c: char) -> bool {
        if matches!(c, '来' | '來') {
            let nx = at(self.s, skip_sp(self.s, j + 1, 1));
            if big_unit(nx).is_none() && small_unit(nx).is_none() {
                return false;
            }
        }
        self.approx = true;
        self.advance(j + 1, false);
        self.chinese = true;
        self.last_was_digit = false;
        if let Some((v, Pend::Digit)) = self.pending {
            self.pending = Some((self.elide(v), Pend::Plain));
        }
        true
    }

    /// `几` inside a numeral at `j`: an unknown digit, counted as 0 (`二十几万`).
    fn unknown_digit(&mut self, j: usize) -> bool {
        self.pending = Some((0.0, Pend::Plain));
        self.approx = true;
        self.advance(j + 1, false);
        self.chinese = true;
        self.last_was_digit = true;
        self.prev_big = false;
        true
    }

    /// The numeral read, or `None` if it holds no value token or its value is not finite.
    fn finish(mut self) -> Option<Num> {
        if self.numeric_tokens == 0 {
            return None;
        }
        let ends_with_digit = matches!(self.pending, Some((_, Pend::Digit)));
        let p = self.take_pending();
        let value = self.total + self.section + p;
        if !value.is_finite() {
            return None;
        }
        let hi = self
            .hi_digit
            .map(|(lo, hi)| if lo > 0.0 { value / lo * hi } else { value });
        let (s, start, end) = (self.s, self.start, self.end);
        let one_char = end.saturating_sub(start) == 1;
        Some(Num {
            start,
            end,
            value,
            approx: self.approx,
            hi,
            trailing_mag: self.trailing_mag,
            has_big: self.has_big,
            mag_chars: self.mag_chars,
            bare_lead: self.bare_lead,
            lone_one: one_char && matches!(at(s, start), '一' | '壹' | '弌'),
            lone_zero: one_char && matches!(at(s, start), '〇' | '零'),
            arabic_only: !self.chinese,
            digit_run: self.digit_run,
            chinese: self.chinese,
            ends_with_digit,
        })
    }
}

/// `数`/`几`/`上` at `i` lead a numeral before a magnitude (`数千`, `几万`); `上` only as "a
/// hundred or more" (`上百家`, `上千人`, `上万亿`), not in the idioms 成千上万 / 成百上千 nor as the
/// locative 市场上 / 会上.
fn approx_lead_fits(s: &[char], i: usize) -> bool {
    let j = skip_sp(s, i + 1, 1);
    let n = at(s, j);
    if at(s, i) != '上' {
        return small_unit(n).is_some() || big_unit(n).is_some();
    }
    let p = if i > 0 { at(s, i - 1) } else { '\0' };
    let p2 = if i > 1 { at(s, i - 2) } else { '\0' };
    let idiom = p == '成' || (matches!(p, '千' | '百') && p2 == '成');
    j == i + 1
        && !locative_before_shang(p)
        && !idiom
        && (small_unit(n).is_some_and(|v| v >= 100.0) || big_unit(n).is_some_and(|v| v < 1e12))
}

/// Nouns after which `上` is the locative "on" (市场上, 会上, 网上 …).
fn locative_before_shang(p: char) -> bool {
    matches!(
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
    )
}

/// 两/俩 (either script): 2 as a count, but never a later digit of a run (九两 = nine liang).
fn is_liang(c: char) -> bool {
    matches!(c, '两' | '兩' | '俩' | '倆')
}

/// 廿, 卅, 卌: 20, 30, 40.
fn tens_word(c: char) -> Option<f64> {
    Some(match c {
        '廿' => 20.0,
        '卅' => 30.0,
        '卌' => 40.0,
        _ => return None,
    })
}

/// Inside a numeral in running text, `参`/`陆` at `j` are digits only next to financial numeral
/// characters (`叁仟陆佰`, `壹万零陆`).
fn guarded_digit_fits(s: &[char], j: usize) -> bool {
    let nx = at(s, skip_sp(s, j + 1, 1));
    let pv = if j > 0 { at(s, j - 1) } else { '\0' };
    let ppv = if j > 1 { at(s, j - 2) } else { '\0' };
    is_financial(nx) || is_financial(pv) || (matches!(pv, '零' | '万' | '亿') && is_financial(ppv))
}

/// The decimals after a point, starting at `k`: Arabic (`77`) or Chinese digits (`四`, `三九`,
/// one space allowed between them), as a fraction rounded to its written digits (no
/// `0.1 + 0.2` noise), and the end. `None` if no digit is there.
fn read_fraction(s: &[char], k: usize) -> Option<(f64, usize)> {
    let mut frac = 0.0f64;
    let mut scale = 0.1f64;
    let mut e = k;
    if at(s, k).is_ascii_digit() {
        while let Some(d) = at(s, e).to_digit(10) {
            frac += d as f64 * scale;
            scale /= 10.0;
            e += 1;
        }
    } else {
        while let Some(d) = cn_digit(at(s, e)).filter(|_| !is_liang(at(s, e))) {
            frac += d as f64 * scale;
            scale /= 10.0;
            e += 1;
            // a space inside the run is skipped only before a digit the run reads (not 两,
            // which ends it): a numeral never ends on a space
            let e2 = skip_sp(s, e, 1);
            if cn_digit(at(s, e2)).is_some() && !is_liang(at(s, e2)) {
                e = e2;
            }
        }
    }
    if e == k {
        return None;
    }
    let ndig = (1.0 / scale).log10().round() as i32 - 1;
    let f = 10f64.powi(ndig.clamp(0, 15));
    Some(((frac * f).round() / f, e))
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
    while let Some(d) = cn_digit(at(s, k)).filter(|_| !is_liang(at(s, k))) {
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
