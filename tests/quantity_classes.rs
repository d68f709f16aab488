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
