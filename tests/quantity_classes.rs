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
