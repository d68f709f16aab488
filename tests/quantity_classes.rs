//! QUANTITY error classes of issue #11 that are data of the unit vocabulary, each pinned by
//! sentences written for these tests (none is copied from a gold file).

mod common;

use common::spans;
use zhtag::Label;

/// Hong Kong property news counts flats with 伙 and floor area in 平方呎; 伙 inside a word
/// (伙伴, 伙食) counts nothing.
#[test]
fn flats_counted_in_huo_and_areas_in_square_feet_are_quantities() {
    assert_eq!(
        spans("該屋苑共提供288伙，實用面積280平方呎起。", Label::Quantity),
        ["288伙", "280平方呎"]
    );
    assert!(spans("他們是多年的合作伙伴。", Label::Quantity).is_empty());
}

/// A number after a digit and a slash is the second half of a date or a fraction (11/28起,
/// 1/3), not the start of a count (起 counts incidents: 28起事故). Sentences written for this
/// test.
#[test]
fn no_count_starts_after_a_digit_and_a_slash() {
    assert!(spans("優惠活動自11/28起至12/5止。", Label::Quantity).is_empty());
    assert_eq!(spans("全年共發生28起工安事故。", Label::Quantity), ["28起"]);
    assert_eq!(
        spans("新廠產能為160萬噸/年。", Label::Quantity),
        ["160萬噸/年"]
    );
}

/// Stock-index levels and moves: a number + 點 after a market verb (收, 報, 跌, 大漲, 失守, 跌穿 …)
/// or an index name is QUANTITY, a hedge (逾) staying outside; Taiwan, Hong Kong and mainland
/// market reports.
#[test]
fn index_points_after_a_market_verb_or_an_index_name_are_quantities() {
    assert_eq!(
        spans("加權指數週五收17,980點，全週大漲四百點。", Label::Quantity),
        ["17,980點", "四百點"]
    );
    assert_eq!(
        spans("恒指午後跌穿24000點，國指挫逾百點。", Label::Quantity),
        ["24000點", "百點"]
    );
    assert_eq!(
        spans(
            "滬指收報3,150.8點，失守三萬點的是日經指數。",
            Label::Quantity
        ),
        ["3,150.8點", "三萬點"]
    );
}

/// 點 as the hour of a clock (rule 26) or as "a little" is no quantity, even in a market report;
/// 點子 stays the Hong Kong basis point.
#[test]
fn clock_times_and_a_little_are_not_index_points() {
    assert!(spans("港股下午4點收市，記者會於晚上八點半舉行。", Label::Quantity).is_empty());
    assert!(spans("會議上午9點30分開始，股價再漲一點便回本。", Label::Quantity).is_empty());
    assert_eq!(spans("拆息升25點子。", Label::Quantity), ["25點子"]);
}
