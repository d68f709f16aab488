//! The tantivy tokenizer: fold + script conversion + jieba with the project's dictionaries
//! (and a user dictionary's names kept whole, as the tagger's recognizers see them).

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use zhtag::convert::convert_mapped;
use zhtag::normalize::fold;
use zhtag::Tagger;

/// The name under which [`ChineseTokenizer`] is registered on a zhtag index.
pub const TOKENIZER_NAME: &str = "zhtag";

/// The name of [`ChineseTokenizer`] without sub-words, for the field of organization names (a
/// name matches whole names; their pieces would match words that merely occur in a name).
pub const WORDS_TOKENIZER_NAME: &str = "zhtag_words";

/// A tantivy [`Tokenizer`] for Traditional (and Simplified) Chinese.
///
/// Each token's `text` is the *prepared* form of a jieba word (full-width folded, Latin
/// lower-cased, converted to Simplified), so a query in either script matches a document in
/// either script. `offset_from..offset_to` are **byte** offsets into the *original* text, so
/// highlighting marks the characters that were written. Whitespace and punctuation are skipped.
///
/// With [`ChineseTokenizer::with_subwords`] (used for indexing), a word longer than two characters
/// is also indexed through every shorter dictionary word inside it and jieba's search-mode pieces
/// of it, at the same position (a max-word analyzer): a query for 大連 finds 大連市, and 寧德時代
/// finds 寧德時代新能源科技股份有限公司.
///
/// ```
/// use std::sync::Arc;
/// use tantivy::tokenizer::{TokenStream, Tokenizer};
/// use zhtag_search::ChineseTokenizer;
///
/// let mut tok = ChineseTokenizer::new(Arc::new(zhtag::Tagger::new()));
/// let text = "大船集團推進專精特新";
/// let mut stream = tok.token_stream(text);
/// let mut words = Vec::new();
/// while let Some(t) = stream.next() {
///     words.push((t.text.clone(), &text[t.offset_from..t.offset_to]));
/// }
/// assert!(words.contains(&("大船集团".to_string(), "大船集團")));
/// assert!(words.contains(&("专精特新".to_string(), "專精特新")));
/// ```
#[derive(Clone)]
pub struct ChineseTokenizer {
    tagger: Arc<Tagger>,
    subwords: bool,
    tokens: Vec<Token>,
}

impl std::fmt::Debug for ChineseTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChineseTokenizer")
            .field("subwords", &self.subwords)
            .finish()
    }
}

impl ChineseTokenizer {
    /// A tokenizer that emits jieba's words only (the query-time tokenizer).
    pub fn new(tagger: Arc<Tagger>) -> Self {
        Self {
            tagger,
            subwords: false,
            tokens: Vec::new(),
        }
    }

    /// Also emits the dictionary words inside longer words, at the same position (index time).
    pub fn with_subwords(mut self, yes: bool) -> Self {
        self.subwords = yes;
        self
    }

    /// Tokenizes `text` into a vector (what the token stream yields).
    ///
    /// ```
    /// use std::sync::Arc;
    /// let tok = zhtag_search::ChineseTokenizer::new(Arc::new(zhtag::Tagger::new()));
    /// let words: Vec<String> = tok.tokens("ＡＩ，晶片廠").into_iter().map(|t| t.text).collect();
    /// assert_eq!(words, ["ai", "晶片", "厂"]);
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.tokenize_into(text, &mut out);
        out
    }

    fn tokenize_into(&self, text: &str, out: &mut Vec<Token>) {
        out.clear();
        let mut position = 0usize;
        let mut byte_base = 0usize;
        // line by line: memory stays bounded by the longest line, not by the document
        for line in text.split_inclusive('\n') {
            self.tokenize_line(line, byte_base, &mut position, out);
            byte_base += line.len();
        }
    }

    fn tokenize_line(
        &self,
        line: &str,
        byte_base: usize,
        position: &mut usize,
        out: &mut Vec<Token>,
    ) {
        if !line.chars().any(char::is_alphanumeric) {
            return;
        }
        let folded = fold(line);
        let conv = convert_mapped(self.tagger.converter(), &folded);
        // byte offset of each original char, plus the end
        let mut bytes: Vec<usize> = line.char_indices().map(|(b, _)| b).collect();
        bytes.push(line.len());
        let n = bytes.len() - 1;
        let to_bytes = |s: usize, e: usize| -> Option<(usize, usize)> {
            let (os, oe) = conv.map.to_original(s, e);
            if os >= oe || oe > n {
                return None;
            }
            Some((byte_base + bytes[os], byte_base + bytes[oe]))
        };
        let jieba = self.tagger.segmenter().jieba();
        // the tagger's tokens: jieba's, with the user dictionaries' names kept whole
        let mut conv_bytes: Vec<usize> = conv.text.char_indices().map(|(b, _)| b).collect();
        conv_bytes.push(conv.text.len());
        for t in self.tagger.tokens(&conv.text) {
            let (Some(&bs), Some(&be)) = (conv_bytes.get(t.start), conv_bytes.get(t.end)) else {
                continue;
            };
            let Some(word) = conv.text.get(bs..be) else {
                continue;
            };
            if !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            let Some((from, to)) = to_bytes(t.start, t.end) else {
                continue;
            };
            if self.subwords {
                for (i, j) in sub_words(jieba, word) {
                    let Some((f, e)) = to_bytes(t.start + i, t.start + j) else {
                        continue;
                    };
                    let text: String = word.chars().skip(i).take(j - i).collect();
                    out.push(Token {
                        offset_from: f,
                        offset_to: e,
                        position: *position,
                        text,
                        position_length: 1,
                    });
                }
            }
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position: *position,
                text: word.to_string(),
                position_length: 1,
            });
            *position += 1;
        }
    }
}

/// Longest sub-word [`sub_words`] looks for, in chars (bounds the work per word).
const MAX_SUB_WORD: usize = 12;

/// The pieces of a word longer than two chars that a max-word analyzer also indexes, as char
/// ranges in text order (by start, then end; the word itself excluded): every dictionary word
/// inside it (up to [`MAX_SUB_WORD`] chars), and jieba's search-mode pieces of it, so 宁德时代
/// is found inside 宁德时代新能源科技股份有限公司.
fn sub_words(jieba: &jieba_rs::Jieba, word: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n <= 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut piece = String::new();
    for i in 0..n {
        for j in i + 2..=n.min(i + MAX_SUB_WORD) {
            if j - i == n {
                continue;
            }
            piece.clear();
            piece.extend(&chars[i..j]);
            if jieba.has_word(&piece) {
                out.push((i, j));
            }
        }
    }
    for t in jieba.cut_for_search(word, true) {
        if t.end - t.start < n && t.word.chars().any(char::is_alphanumeric) {
            out.push((t.start, t.end));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The tokens of one text (see [`ChineseTokenizer`]).
#[derive(Debug)]
pub struct ChineseTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
    empty: Token,
}

impl TokenStream for ChineseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.tokens
            .get(self.next.wrapping_sub(1))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self.next.wrapping_sub(1);
        if i < self.tokens.len() {
            &mut self.tokens[i]
        } else {
            &mut self.empty
        }
    }
}

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = ChineseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ChineseTokenStream<'a> {
        let mut tokens = std::mem::take(&mut self.tokens);
        self.tokenize_into(text, &mut tokens);
        self.tokens = tokens;
        ChineseTokenStream {
            tokens: &mut self.tokens,
            next: 0,
            empty: Token::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> Vec<(String, String, usize)> {
        let tok = ChineseTokenizer::new(Arc::new(Tagger::new())).with_subwords(true);
        tok.tokens(text)
            .into_iter()
            .map(|t| {
                let orig = text[t.offset_from..t.offset_to].to_string();
                (t.text, orig, t.position)
            })
            .collect()
    }

    #[test]
    fn a_long_name_is_indexed_through_its_pieces_with_exact_offsets() {
        let text = "據報導，寧德時代新能源科技股份有限公司昨日宣布在威斯康辛州設廠。";
        let toks = indexed(text);
        let has = |simp: &str, orig: &str| toks.iter().any(|(t, o, _)| t == simp && o == orig);
        assert!(has("宁德时代", "寧德時代"), "{toks:?}");
        assert!(has("威斯康辛", "威斯康辛"), "{toks:?}");
        // pieces share the position of the word they are in
        let pos = |simp: &str| toks.iter().find(|(t, _, _)| t == simp).map(|x| x.2);
        assert_eq!(pos("有限公司"), pos("宁德时代"));
        // positions never go backwards, and every token slices the text at char boundaries
        assert!(toks.windows(2).all(|w| w[0].2 <= w[1].2));
    }

    #[test]
    fn short_words_have_no_pieces() {
        let toks = indexed("他說好");
        assert!(toks
            .iter()
            .all(|(t, o, _)| t.chars().count() == o.chars().count()));
        assert_eq!(
            toks.len(),
            ChineseTokenizer::new(Arc::new(Tagger::new()))
                .tokens("他說好")
                .len()
        );
    }

    /// A name of a user dictionary is one token, as the tagger's recognizers see it, so a
    /// search for it matches the name, not its pieces wherever they occur.
    #[test]
    fn a_user_dictionary_name_is_one_token() {
        let tagger = Tagger::builder()
            .dictionary_text("mine.tsv", "name\ttype\taliases\n歧豸科技\tcompany\t\n")
            .build()
            .expect("the dictionary loads");
        let text = "歧豸科技今日宣布擴產。";
        let toks = ChineseTokenizer::new(Arc::new(tagger)).tokens(text);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(words.first(), Some(&"歧豸科技"), "{words:?}");
    }
}
