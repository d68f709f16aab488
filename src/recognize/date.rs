//! DATE: explicit calendar expressions (2月25日, 2023年, 2022年度, 第四季, 2024年底,
//! 二〇二七年, 2025-10-20, 今(15)日). Relative words (目前, 年内, 上半年) and durations
//! (连续11年, 首6个月) are not dates.

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Prepared};
use crate::entity::Label;

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\d{4}|[〇零一二三四五六七八九]{4})年度?(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:[底初末])?",
        r"|\d{4}-\d{1,2}-\d{1,2}",
        r"|\d{4}/\d{1,2}/\d{1,2}",
        r"|\d{1,2}月(?:\d{1,2}[日号]|[底初末]|上旬|中旬|下旬)?",
        r"|(?:[一二三四五六七八九]|十[一二]?)月(?:(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?",
        r"|[今昨明前]\(\d{1,2}\)日",
        r"|\d{1,2}[日号]",
        r"|第[一二三四1-4]季度?",
    ))
    .ok()
});

/// Proposes DATE candidates in `p`.
pub fn find(p: &Prepared, out: &mut Vec<Candidate>) {
    let Some(re) = DATE.as_ref() else { return };
    for m in re.find_iter(p.text) {
        let start = p.char_at_byte(m.start());
        let end = p.char_at_byte(m.end());
        // a number glued to more digits or a decimal point is not a date (12.5日, 20231月)
        let before = start.checked_sub(1).and_then(|i| p.char_at(i));
        if before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '/') {
            continue;
        }
        // durations and counts: 3日内, 5日元 are not calendar dates
        let after = p.char_at(end);
        if m.as_str().ends_with(['日', '号']) && matches!(after, Some('内' | '元' | '圆' | '币'))
        {
            continue;
        }
        out.push(Candidate::rule(Label::Date, start, end));
    }
}
