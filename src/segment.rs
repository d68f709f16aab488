//! Stage 3 — word segmentation with `jieba-rs` on the prepared (Simplified) text.
//!
//! Every dictionary surface form is added to jieba (in its prepared form) so that names such as
//! 大船集团 or 专精特新 come out as single tokens. Recognizers use the token boundaries to avoid
//! matches inside words: 工信部 is not found in 大连工信部门 (segmented 大连/工信/部门).

use jieba_rs::Jieba;

/// A token of the prepared text; `start..end` are `char` offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

/// jieba with the project's words added.
///
/// ```
/// let mut s = zhtag::segment::Segmenter::new();
/// s.add_word("大船集团");
/// let text = "大船集团建造";
/// let toks = s.tokens(text);
/// assert_eq!((toks[0].start, toks[0].end), (0, 4));
/// ```
#[derive(Clone)]
pub struct Segmenter {
    jieba: Jieba,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// jieba with its default dictionary.
    pub fn new() -> Self {
        Self {
            jieba: Jieba::new(),
        }
    }

    /// Adds a word (in prepared, Simplified form) with the frequency jieba suggests for keeping it
    /// whole, unless jieba already knows it.
    pub fn add_word(&mut self, word: &str) {
        if word.chars().count() < 2 || self.jieba.has_word(word) {
            return;
        }
        let freq = self.jieba.suggest_freq(word);
        self.jieba.add_word(word, Some(freq), None);
    }

    /// The frequency jieba's dictionary gives `word`, if it is a dictionary word.
    pub fn word_freq(&self, word: &str) -> Option<usize> {
        if self.jieba.has_word(word) {
            Some(self.jieba.suggest_freq(word))
        } else {
            None
        }
    }

    /// jieba's part-of-speech tag for a word it knows (`n`, `v`, `ns` …), if any.
    pub fn pos(&self, word: &str) -> Option<String> {
        if !self.jieba.has_word(word) {
            return None;
        }
        let tags = self.jieba.tag(word, false);
        match tags.as_slice() {
            [t] if t.word == word => Some(t.tag.to_string()),
            _ => None,
        }
    }

    /// Segments `text` (HMM on, for unseen words) into tokens with char offsets.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
            })
            .collect()
    }

    /// The underlying jieba, for callers that want words (the search tokenizer).
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}
