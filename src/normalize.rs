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
/// ```
/// assert_eq!(zhtag::normalize::fold("ＳＫ海力士投資５．１％"), "sk海力士投資5.1%");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(fold_char));
    out
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
    fn han_characters_are_untouched() {
        assert_eq!(fold("專精特新「小巨人」"), "專精特新「小巨人」");
    }
}
