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

/// A month and day written with a slash (Taiwan and Hong Kong news: 11/28) is a date when the
/// month and day exist and nothing makes it a fraction or a share; a pair shaped like a common
/// fraction (1/3, 3/4) needs a mark of a date around it (a weekday, 起/止, a range, 自/从/于).
#[test]
fn a_month_and_day_with_a_slash_is_a_date_but_a_fraction_is_not() {
    assert_eq!(dates("董事會訂於12/19召開。"), ["12/19"]);
    assert_eq!(dates("特展自10/15至11/30開放。"), ["10/15", "11/30"]);
    assert_eq!(
        dates("報名1/2(四)截止，2/3-2/6暫停受理。"),
        ["1/2", "2/3", "2/6"]
    );
    assert!(dates("約2/3的受訪者表示支持，逾1/4的店家歇業。").is_empty());
    assert!(dates("該隊晉級1/8決賽，比例介於1/5至1/3之間。").is_empty());
    assert!(dates("2/31不存在，13/5也不是日期，網址a/5/6與12/20/2024亦然。").is_empty());
}

/// Quantities next to slash dates keep their reading: a rate per year stays one quantity.
#[test]
fn a_slash_date_leaves_rates_to_quantity() {
    let text = "新產線12/5投產，年產能達80萬噸/年。";
    assert_eq!(dates(text), ["12/5"]);
    assert_eq!(spans(text, Label::Quantity), ["80萬噸/年"]);
}

/// Full dates written with dots (2025.11.28) or with the 民国 year in figures (114/11/28,
/// 114.11.28) are dates; a version or a decimal that runs on is not.
#[test]
fn dotted_and_roc_numeric_full_dates_are_dates() {
    assert_eq!(dates("新制2026.1.15起上路。"), ["2026.1.15"]);
    assert_eq!(
        dates("公告日期114/12/01，生效日期114.12.15。"),
        ["114/12/01", "114.12.15"]
    );
    assert!(dates("版本2026.1.15.3已發布，比值2024.13.1有誤。").is_empty());
}

/// 民国 years in Chinese numerals keep the reading of 113年: digit by digit (一一四年) or in
/// full (一百一十四年), with their month, day or quarter; a length of time is still no date.
#[test]
fn roc_years_in_chinese_numerals_are_dates() {
    assert_eq!(dates("一一五年度預算書已送審。"), ["一一五年度"]);
    assert_eq!(
        dates("一百一十五年三月一日起施行。"),
        ["一百一十五年三月一日"]
    );
    assert_eq!(dates("一一四年第四季交屋。"), ["一一四年第四季"]);
    assert_eq!(dates("民國七十六年解除戒嚴。"), ["民國七十六年"]);
    assert!(dates("這家老店已有一百一十年歷史，一百二十年來屹立不搖。").is_empty());
    assert!(dates("再過一百年，人們仍會記得。").is_empty());
}

/// A quarter in analysts' notation with its year (3Q25, 2025Q3) is a date like 2025年Q3; a
/// model number around the same letters is not.
#[test]
fn analysts_quarters_with_a_year_are_dates() {
    assert_eq!(
        dates("公司預估4Q25毛利率回升，2026Q1淡季。"),
        ["4Q25", "2026Q1"]
    );
    assert!(dates("新機型XR3Q25與3Q25A同步上市。").is_empty());
}
