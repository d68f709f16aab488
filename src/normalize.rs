//! Stage 1 — width and case folding.
//!
//! News text mixes full-width and half-width forms (`１２３％，` next to `123%,`) and writes Latin
//! names in any case (`sk海力士`, `LNG`). Matching is done on a *folded* copy of the text.
//!
//! # Invariant
//! Folding maps every `char` to exactly one `char`, so char offsets in the folded text are char
//! offsets in the original text. Byte offsets may differ (full-width forms are 3 bytes, their
//! half-width counterparts 1) and are recomputed from the original text at the end of the pipeline.

/// Folds one character: full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their
/// half-width forms, a few other wide symbols to ASCII, and ASCII letters to lower case.
///
/// ```
/// assert_eq!(zhtag::normalize::fold_char('１'), '1');
/// assert_eq!(zhtag::normalize::fold_char('Ｌ'), 'l');
/// assert_eq!(zhtag::normalize::fold_char('億'), '億');
/// ```
#[inline]
pub fn fold_char(c: char) -> char {
    let folded = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{FE6A}' => '%', // small percent sign
        '\u{2212}' | '\u{2013}' | '\u{2014}' | '\u{FE63}' => '-',
        _ => c,
    };
    folded.to_ascii_lowercase()
}

/// Folds a whole text; the result has exactly as many `char`s as the input.
///
/// Only ASCII capitals and chars whose UTF-8 form starts with byte E2, E3 or EF (U+2000–U+2FFF,
/// U+3000–U+3FFF, U+F000–U+FFFF) can fold (a test checks every char), so the text is scanned
/// by byte and copied in runs; only those bytes are decoded.
///
/// ```
/// assert_eq!(zhtag::normalize::fold("ＳＫ海力士投資５．１％"), "sk海力士投資5.1%");
/// ```
pub fn fold(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if !may_fold(bytes[i]) {
            i += 1;
            continue;
        }
        // an ASCII byte or a lead byte: `i` is a char boundary
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let folded = fold_char(c);
        if folded != c {
            out.push_str(text.get(run..i).unwrap_or(""));
            out.push(folded);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(text.get(run..).unwrap_or(""));
    out
}

/// True for the bytes that can begin a char [`fold_char`] changes.
#[inline]
fn may_fold(b: u8) -> bool {
    b.is_ascii_uppercase() || matches!(b, 0xE2 | 0xE3 | 0xEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_punctuation_fold_to_ascii() {
        assert_eq!(fold("１２３％，（ＡＩ）"), "123%,(ai)");
    }

    #[test]
    fn folding_keeps_the_char_count() {
        let s = "大連ＬＮＧ　１３ 升\u{FE6A}😀e\u{301}";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn only_chars_starting_with_a_may_fold_byte_change() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if fold_char(c) != c {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(
                    may_fold(lead),
                    "{c:?} folds but its lead byte {lead:#x} is skipped"
                );
            }
        }
    }

    #[test]
    fn fold_equals_folding_each_char() {
        let s = "ＳＫ海力士　ＬＮＧ\u{2212}5\u{2013}6\u{FE6A}ABC—「引號」😀e\u{301}\u{FEFF}末";
        assert_eq!(fold(s), s.chars().map(fold_char).collect::<String>());
    }

    proptest::proptest! {
        #[test]
        fn fold_equals_folding_each_char_for_any_text(s in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(fold(&s), s.chars().map(fold_char).collect::<String>());
        }
    }

    #[test]
    fn han_characters_are_untouched() {
        assert_eq!(fold("專精特新「小巨人」"), "專精特新「小巨人」");
    }
}
