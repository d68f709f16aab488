//! POLICY for terms not in the dictionary.
//!
//! * **Titles**: 《…》 whose content ends like a policy document (方案, 规划, 意见, 办法, 条例,
//!   通知, 报告, 纲要 …): the content, without the marks, is the span.
//! * **Quoted programs**: “…”/「…」 whose content ends with 计划/计画/行动/工程/战略/政策/路径 ….
//! * **Numbered slogans**: quoted 两新, 两重, 五个赋能 (a numeral, optionally 个/大/项/篇, then a
//!   short name), and unquoted numbered strategies such as 12项关键战略, 六大核心战略产业.
//! * **Target-year plans**: a policy term preceded by its target year and place
//!   (台湾 + 2050 + 净零转型) is one span.

use super::lexicon::Lexicon;
use super::{is_han, Candidate, CharSet, Prepared};
use crate::entity::{Label, Source};

const TITLE_ENDINGS: &[&str] = &[
    "方案",
    "规划",
    "意见",
    "办法",
    "条例",
    "通知",
    "计划",
    "计画",
    "报告",
    "纲要",
    "规定",
    "决定",
    "指南",
    "政策",
    "白皮书",
    "战略",
    "行动",
    "工程",
    "措施",
    "细则",
    "指引",
    "目录",
    "清单",
    "路线图",
    "倡议",
    "法案",
    "条例草案",
    "施政纲领",
    "预算案",
];

const PROGRAM_ENDINGS: &[&str] = &[
    "计划",
    "计画",
    "行动",
    "工程",
    "战略",
    "政策",
    "方案",
    "规划",
    "倡议",
    "路径",
    "路径图",
    "专案",
];

const NUMBERED_ENDINGS: &[&str] = &[
    "战略", "产业", "工程", "行动", "任务", "举措", "计划", "政策", "赋能",
];

/// Historical periods and events that look like numbered slogans (三国时代, 八王之乱).
const NOT_SLOGAN_ENDINGS: &[&str] = &[
    "时代", "之乱", "运动", "战争", "事件", "时期", "王朝", "起义",
];

/// The numerals of numbered slogans and strategies: 一…十, 两 and ASCII digits.
fn is_numeral(c: char) -> bool {
    super::is_small_numeral(c) || c.is_ascii_digit()
}

fn rule(start: usize, end: usize) -> Candidate {
    Candidate::rule(Label::Policy, start, end)
}

/// The chars where the scan has work to do: those that open a quote ([`closing`]) and the
/// numerals ([`is_numeral`]). Every other char (nearly all of them) is passed over with one
/// table test.
static TRIGGERS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::from_predicate(|c| closing(c).is_some() || is_numeral(c)));

fn closing(open: char) -> Option<char> {
    match open {
        '《' => Some('》'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '"' => Some('"'),
        _ => None,
    }
}

/// True for a numbered slogan: numeral(s), an optional 个/大/项/篇, then 1–8 Han characters.
fn is_numbered_slogan(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let digits = chars.iter().take_while(|c| is_numeral(**c)).count();
    if digits == 0 || digits > 2 || chars.len() < 2 || chars.len() > 10 {
        return false;
    }
    let rest = &chars[digits..];
    let rest = match rest.first() {
        Some('个' | '大' | '项' | '篇') if rest.len() > 1 => &rest[1..],
        _ => rest,
    };
    let rest_text: String = rest.iter().collect();
    !rest.is_empty()
        && rest.len() <= 8
        && !NOT_SLOGAN_ENDINGS.iter().any(|e| rest_text.ends_with(e))
        && rest.iter().all(|&c| is_han(c))
        && !rest.starts_with(&['年', '月', '日', '天', '倍'])
}

/// The POLICY rules.
#[derive(Debug, Default, Clone)]
pub struct PolicyRules;

impl PolicyRules {
    /// Proposes POLICY candidates in `p`.
    pub fn find(&self, p: &Prepared, out: &mut Vec<Candidate>) {
        let n = p.len();
        let mut i = 0;
        let triggers: &CharSet = &TRIGGERS;
        while i < n {
            // on to the next char where there is work
            match p.chars[i..].iter().position(|&c| triggers.contains(c)) {
                Some(k) => i += k,
                None => break,
            }
            let c = p.chars[i];
            if let Some(close) = closing(c) {
                let limit = (i + 41).min(n);
                if let Some(j) = (i + 1..limit).find(|&j| p.chars[j] == close) {
                    let (s, e) = (i + 1, j);
                    let inner = p.slice(s, e);
                    let len = e - s;
                    if len >= 2 {
                        let title = c == '《' && TITLE_ENDINGS.iter().any(|t| inner.ends_with(t));
                        let program = c != '《'
                            && PROGRAM_ENDINGS.iter().any(|t| inner.ends_with(t))
                            && len >= 4;
                        if title || program || (c != '《' && is_numbered_slogan(inner)) {
                            out.push(rule(s, e));
                        }
                    }
                    i = j + 1;
                    continue;
                }
            }
            // unquoted numbered strategy: 12项关键战略, 六大核心战略产业
            if is_numeral(c) && (i == 0 || !is_numeral(p.chars[i - 1])) && p.starts_token(i) {
                let digits = p.chars[i..].iter().take_while(|c| is_numeral(**c)).count();
                let k = i + digits;
                // 一大… is "a big …", not a numbered strategy
                if digits <= 3
                    && matches!(p.char_at(k), Some('项' | '大'))
                    && p.chars[i..k] != ['一']
                {
                    for ending in NUMBERED_ENDINGS {
                        let el = ending.chars().count();
                        for e in (k + 1 + el)..=(k + 9).min(n) {
                            if p.slice(e - el, e) == *ending
                                && p.ends_token(e)
                                && p.chars[k + 1..e].iter().all(|&c| is_han(c))
                            {
                                out.push(rule(i, e));
                            }
                        }
                    }
                }
            }
            i += 1;
        }
    }

    /// Extends POLICY candidates to their target year and place: (台湾)2050 + 净零转型.
    pub fn extend_target_years(&self, p: &Prepared, lex: &Lexicon, out: &mut Vec<Candidate>) {
        let mut extra = Vec::new();
        for c in out.iter().filter(|c| c.label == Label::Policy) {
            let s = c.start;
            if s < 4 {
                continue;
            }
            let year = p.slice(s - 4, s);
            let is_year = year.starts_with("20") && year.chars().all(|c| c.is_ascii_digit());
            if !is_year || (s > 4 && p.chars[s - 5].is_ascii_digit()) {
                continue;
            }
            let mut start = s - 4;
            if let Some(t) = p.token_ending_at(start) {
                let tok = p.tokens[t];
                if lex
                    .lookup(p.slice(tok.start, tok.end))
                    .is_some_and(|e| e.label == Label::Loc)
                {
                    start = tok.start;
                }
            }
            extra.push(Candidate {
                start,
                source: Source::Rule,
                ..c.clone()
            });
        }
        out.extend(extra);
    }
}

impl super::Recognizer for PolicyRules {
    fn name(&self) -> &'static str {
        "policy-rules"
    }
    fn find(&self, p: &Prepared<'_>, _: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        PolicyRules::find(self, p, cands);
    }
}

/// Extends the POLICYs found so far over a target year before them (see
/// [`PolicyRules::extend_target_years`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct TargetYears;

impl super::Recognizer for TargetYears {
    fn name(&self) -> &'static str {
        "policy-years"
    }
    fn find(&self, p: &Prepared<'_>, ctx: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        PolicyRules.extend_target_years(p, ctx.lexicon, cands);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan skips every char outside TRIGGERS: they must be exactly the chars that open a
    /// quote or are numerals.
    #[test]
    fn the_triggers_are_the_openers_and_the_numerals() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let work = closing(c).is_some() || is_numeral(c);
            assert_eq!(TRIGGERS.contains(c), work, "{c:?}");
        }
    }
}
