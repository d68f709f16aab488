//! DATE error classes of issue #11, each pinned by sentences written for these tests (none is
//! copied from a gold file).

mod common;

use common::spans;
use zhtag::Label;

fn dates(text: &str) -> Vec<String> {
    spans(text, Label::Date)
}

#[test]
fn a_year_and_its_quarter_are_one_date() {
    assert_eq!(dates("新廠預計2026年第3季量產。"), ["2026年第3季"]);
    assert_eq!(
        dates("截至2024年第一季度末,存款回升。"),
        ["2024年第一季度末"]
    );
    assert_eq!(dates("第二季營收創高。"), ["第二季"]);
}

#[test]
fn fiscal_years_are_dates() {
    assert_eq!(dates("政府在2024／25年度推出新措施。"), ["2024／25年度"]);
    assert_eq!(
        dates("2028至29財政年度的開支將增加。"),
        ["2028至29財政年度"]
    );
    assert_eq!(dates("2023-24年度盈餘收窄。"), ["2023-24年度"]);
}

#[test]
fn a_range_of_years_sharing_nian_is_one_date_and_each_end_with_nian_its_own() {
    assert_eq!(
        dates("二〇二六至二〇三〇年將新增產能。"),
        ["二〇二六至二〇三〇年"]
    );
    assert_eq!(dates("2021 年至 2023 年營收倍增。"), ["2021 年", "2023 年"]);
    assert_eq!(dates("二○二四年度預算"), ["二○二四年度"]);
}

#[test]
fn relative_days_with_a_number_are_one_date() {
    for (text, date) in [
        ("股價今(21)日走高。", "今(21)日"),
        ("股價今 (21) 日走高。", "今 (21) 日"),
        ("部長今（21日）表示。", "今（21日）"),
        ("央行昨日(20)日公布數據。", "昨日(20)日"),
    ] {
        assert_eq!(dates(text), [date], "{text}");
    }
    assert!(dates("今天天氣晴。").is_empty());
}

#[test]
fn months_written_with_fen_are_one_date() {
    assert_eq!(dates("7月份出口增加。"), ["7月份"]);
    assert_eq!(dates("十一月份訂單下滑。"), ["十一月份"]);
}

#[test]
fn roc_years_are_dates_where_they_name_a_year() {
    assert_eq!(dates("112年度預算已送立法院。"), ["112年度"]);
    assert_eq!(dates("預計114年底完工。"), ["114年底"]);
    assert_eq!(dates("該校創校逾100年。"), Vec::<String>::new());
    assert_eq!(dates("這座廟已有120年歷史。"), Vec::<String>::new());
}

#[test]
fn days_in_chinese_numerals_need_a_month_or_a_range() {
    assert_eq!(dates("本月五日至十二日舉行展覽。"), ["五日", "十二日"]);
    assert!(dates("旅客一連四日排隊。").is_empty());
}

#[test]
fn numbers_of_berths_and_lines_are_not_days() {
    assert!(dates("貨輪停靠21號碼頭。").is_empty());
    assert!(dates("捷運5號線延伸。").is_empty());
    assert_eq!(dates("5月3號開幕"), ["5月3號"]);
}

#[test]
fn a_dash_before_a_year_is_punctuation() {
    assert_eq!(dates("成效顯著——2021年營收翻倍。"), ["2021年"]);
}

#[test]
fn a_three_digit_year_outside_the_roc_range_leaves_the_month_and_day() {
    assert_eq!(dates("此事發生於476年9月4日。"), ["9月4日"]);
    assert_eq!(dates("民國104年新北市統計"), ["民國104年"]);
    assert!(dates("該大學舉行120年校慶。").is_empty());
}

#[test]
fn a_chinese_numeral_year_keeps_its_chinese_numeral_month_and_day() {
    assert_eq!(
        dates("二〇二六年三月十五日，市政府公布新措施。"),
        ["二〇二六年三月十五日"]
    );
}

#[test]
fn a_roc_year_keeps_its_quarter_and_its_minguo_prefix() {
    assert_eq!(dates("公司113年第3季營收創新高。"), ["113年第3季"]);
    assert_eq!(dates("民國114年1月1日起實施新制。"), ["民國114年1月1日"]);
}

#[test]
fn a_fiscal_year_named_by_one_year_is_a_date() {
    assert_eq!(dates("集團2025財年淨利增長一成。"), ["2025財年"]);
    assert_eq!(dates("二〇二六財政年度的開支"), ["二〇二六財政年度"]);
}

#[test]
fn a_range_of_months_sharing_yue_is_one_date() {
    assert_eq!(dates("1至10月出口額增長5%。"), ["1至10月"]);
    assert_eq!(dates("今年1-9月份新增就業人數上升。"), ["1-9月份"]);
}

/// A year with its quarter in analysts' notation (2025年Q3) or with its first quarters
/// (2026年前三季) is one span (CLARIFICATIONS 27); without an explicit year 前三季 is a relative
/// period like 上半年 and no date, and in 今年前三季 the year is relative too (rule 25).
#[test]
fn a_year_keeps_its_q_quarter_and_its_first_quarters() {
    assert_eq!(
        spans(
            "該公司2025年Q3出貨量創高，2026年前三季營收年增。",
            Label::Date
        ),
        ["2025年Q3", "2026年前三季"]
    );
    assert!(spans("今年前三季出口轉強，前三季累計虧損收窄。", Label::Date).is_empty());
}
