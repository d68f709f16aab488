//! `Tagger::tag` never panics, and its offsets always hold, on arbitrary text.
//!
//! The strategy mixes what news text and broken input contain: Han characters (BMP and astral),
//! digits and Chinese numerals, units and money words, full-width forms, combining marks, emoji,
//! control characters, CR/LF, BOM and zero-width chars, plus fully arbitrary `char`s.
//! The same invariants are checked by the cargo-fuzz target in `fuzz/`.

use std::sync::OnceLock;

use proptest::prelude::*;
use zhtag::{Entity, Tagger};

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(Tagger::new)
}

/// Checks every invariant the tagger promises for `text`; returns the first violation.
fn check(text: &str, entities: &[Entity]) -> Result<(), String> {
    let mut prev_end = 0usize;
    let mut prev_char_end = 0usize;
    for e in entities {
        let what = format!("{e:?} in {text:?}");
        if !(e.byte_start < e.byte_end && e.byte_end <= text.len()) {
            return Err(format!("byte offsets out of bounds or empty: {what}"));
        }
        if !(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end)) {
            return Err(format!("byte offsets not on char boundaries: {what}"));
        }
        if text[e.byte_start..e.byte_end] != e.text {
            return Err(format!("text is not the original slice: {what}"));
        }
        if text[..e.byte_start].chars().count() != e.start
            || e.end - e.start != e.text.chars().count()
        {
            return Err(format!("char offsets disagree with byte offsets: {what}"));
        }
        if e.byte_start < prev_end || e.start < prev_char_end {
            return Err(format!("entities overlap or are out of order: {what}"));
        }
        prev_end = e.byte_end;
        prev_char_end = e.end;
    }
    Ok(())
}

/// One "piece" of text; a test string is a sequence of pieces.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // words the recognizers look for
        prop::sample::select(vec![
            "大船集團",
            "瓦軸集團",
            "有限公司",
            "股份",
            "銀行",
            "專精特新",
            "十四五",
            "規劃",
            "計劃",
            "億元",
            "萬美元",
            "%",
            "％",
            "個百分點",
            "約",
            "逾",
            "以下簡稱",
            "（",
            "）",
            "(",
            ")",
            "「",
            "」",
            "。",
            "，",
            "；",
            "元",
            "兆瓦",
            "MW",
            "家",
            "第",
            "年",
            "至",
            "-",
            "〜",
            "多",
            "數千億",
            "十多家",
            "零",
            "兩",
            "半",
        ])
        .prop_map(str::to_string),
        // numbers: ASCII, full-width, Chinese
        "[0-9０-９.,]{1,6}",
        "[零〇一二三四五六七八九十百千萬億兆两兩]{1,5}",
        // Han, common and astral (CJK Extension B)
        "[\u{4e00}-\u{9fff}]{1,4}",
        "[\u{20000}-\u{2a6df}]{1,2}",
        // full-width ASCII, Latin, combining marks, emoji
        "[\u{ff01}-\u{ff5e}]{1,4}",
        "[a-zA-Z]{1,4}",
        "[a-z\u{0300}-\u{036f}\u{20d0}-\u{20ff}]{1,4}",
        "[\u{1f300}-\u{1faff}\u{fe0f}\u{200d}]{1,3}",
        // control and separator characters, line ends, BOM, zero-width
        "[\u{0}-\u{1f}\u{7f}-\u{9f}\r\n\u{2028}\u{2029}\u{feff}\u{200b}\u{fffd}]{1,3}",
        // anything at all
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tagging_mixed_news_like_text_keeps_every_offset_invariant(t in text()) {
        let entities = tagger().tag(&t);
        if let Err(e) = check(&t, &entities) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn tagging_arbitrary_unicode_keeps_every_offset_invariant(t in any::<String>()) {
        let entities = tagger().tag(&t);
        if let Err(e) = check(&t, &entities) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Chunking cuts long lines at 16 KiB; entities must stay valid across the cuts, with astral
/// chars and sentence ends near the boundary.
#[test]
fn tagging_long_lines_across_chunk_boundaries_keeps_every_offset_invariant() {
    for pad in 0..4 {
        let mut t = "é".repeat(pad);
        while t.len() < 40_000 {
            t.push_str("𠀀大船集團投資8億元。瓦軸集團e\u{301}");
        }
        let entities = tagger().tag(&t);
        assert!(entities.len() > 100);
        check(&t, &entities).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn the_checker_rejects_a_broken_entity() {
    let text = "大船集團擴產";
    let mut entities = tagger().tag(text);
    assert!(check(text, &entities).is_ok());
    entities[0].byte_end -= 1;
    assert!(check(text, &entities).is_err());
}
