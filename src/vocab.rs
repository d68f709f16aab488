//! Rule vocabularies: the word lists the recognizers read, kept as data in `dictionaries/*_rules.tsv`
//! so a linguist edits words without touching Rust.
//!
//! Every file has a header line `list<TAB>word` and one word a line after it; `list` names the
//! rule vocabulary the word belongs to. Lines starting with `#` and blank lines are skipped.
//! Each file is embedded in the binary as an [`Embedded`] and parsed once, on first use; a list
//! name no rule reads, an empty word, a bad header or a list left without words is a
//! [`VocabError`] naming the file and line (the tests check every embedded file).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// What is wrong with a vocabulary file, with the file and the (1-based) line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabError {
    /// The first line is not `list<TAB>word`.
    #[error("{file}:1: header must be `list\\tword`")]
    Header {
        /// File name.
        file: String,
    },
    /// A line without exactly two tab-separated fields.
    #[error("{file}:{line}: expected two tab-separated fields")]
    Columns {
        /// File name.
        file: String,
        /// Line number.
        line: usize,
    },
    /// A list name that no rule reads.
    #[error("{file}:{line}: unknown list `{list}`")]
    UnknownList {
        /// File name.
        file: String,
        /// Line number.
        line: usize,
        /// The name found.
        list: String,
    },
    /// An empty word, or one with spaces around it.
    #[error("{file}:{line}: empty word or word with surrounding spaces")]
    BadWord {
        /// File name.
        file: String,
        /// Line number.
        line: usize,
    },
    /// A list the rules read has no word in the file.
    #[error("{file}: list `{list}` has no words")]
    EmptyList {
        /// File name.
        file: String,
        /// The list.
        list: String,
    },
}

/// Parsed vocabularies: list name → words in file order.
#[derive(Debug, Default)]
pub struct Vocab {
    lists: FxHashMap<&'static str, Vec<&'static str>>,
}

impl Vocab {
    /// The words of one list (empty for a list the file does not have).
    pub fn get(&self, list: &str) -> &[&'static str] {
        self.lists.get(list).map_or(&[], |v| v.as_slice())
    }
}

/// Parses a vocabulary file; `known` are the list names accepted.
///
/// ```
/// use zhtag::vocab::{parse, VocabError};
/// let v = parse("x.tsv", "list\tword\nstop\t的\n", &["stop"]).unwrap();
/// assert_eq!(v.get("stop"), ["的"]);
/// let e = parse("x.tsv", "list\tword\nstpo\t的\n", &["stop"]).unwrap_err();
/// assert!(matches!(e, VocabError::UnknownList { line: 2, .. }));
/// ```
pub fn parse(file: &str, text: &'static str, known: &[&'static str]) -> Result<Vocab, VocabError> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("list\tword") {
        return Err(VocabError::Header { file: file.into() });
    }
    let mut vocab = Vocab::default();
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(list), Some(word), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(VocabError::Columns {
                file: file.into(),
                line: line_no,
            });
        };
        let Some(&name) = known.iter().find(|k| **k == list) else {
            return Err(VocabError::UnknownList {
                file: file.into(),
                line: line_no,
                list: list.into(),
            });
        };
        if word.is_empty() || word.trim() != word {
            return Err(VocabError::BadWord {
                file: file.into(),
                line: line_no,
            });
        }
        vocab.lists.entry(name).or_default().push(word);
    }
    Ok(vocab)
}

/// A vocabulary file embedded in the binary: its name (as errors report it), its text and the
/// names of the lists its rules read. Parsed on first use.
///
/// ```
/// use zhtag::vocab::Embedded;
/// static V: Embedded = Embedded::new("x.tsv", "list\tword\nstop\t的\n", &["stop"]);
/// assert_eq!(V.get("stop"), ["的"]);
/// assert!(V.check().is_ok());
/// static BROKEN: Embedded = Embedded::new("y.tsv", "list\tword\n", &["stop"]);
/// assert_eq!(BROKEN.check().unwrap_err().to_string(), "y.tsv: list `stop` has no words");
/// ```
#[derive(Debug)]
pub struct Embedded {
    file: &'static str,
    text: &'static str,
    lists: &'static [&'static str],
    parsed: OnceLock<Vocab>,
}

impl Embedded {
    /// The file `file` with text `text` (normally `include_str!` of it) and lists `lists`.
    pub const fn new(
        file: &'static str,
        text: &'static str,
        lists: &'static [&'static str],
    ) -> Self {
        Embedded {
            file,
            text,
            lists,
            parsed: OnceLock::new(),
        }
    }

    /// The file's name.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The names of its lists.
    pub fn lists(&self) -> &'static [&'static str] {
        self.lists
    }

    /// The words of one list, in file order. A broken file (which [`Embedded::check`], run by
    /// the tests on every embedded file, rules out) leaves every list empty rather than
    /// panicking.
    pub fn get(&self, list: &str) -> &[&'static str] {
        self.parsed
            .get_or_init(|| parse(self.file, self.text, self.lists).unwrap_or_default())
            .get(list)
    }

    /// Parses the file afresh: the first error, or [`VocabError::EmptyList`] for a list with
    /// no words.
    pub fn check(&self) -> Result<(), VocabError> {
        let v = parse(self.file, self.text, self.lists)?;
        match self.lists.iter().find(|l| v.get(l).is_empty()) {
            Some(l) => Err(VocabError::EmptyList {
                file: self.file.into(),
                list: (*l).into(),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every embedded rule vocabulary of the crate, so that a broken file fails here (the
    /// library would read it as empty lists).
    fn embedded() -> [&'static Embedded; 5] {
        [
            &crate::recognize::org::vocab::VOCAB,
            &crate::recognize::policy::VOCAB,
            &crate::recognize::loc::VOCAB,
            &crate::recognize::surname::VOCAB,
            &crate::quantity::grammar::points::VOCAB,
        ]
    }

    #[test]
    fn every_embedded_file_parses_and_every_list_has_words() {
        for v in embedded() {
            v.check().unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let lists = &["stop"];
        let e = parse("a.tsv", "list\tword\nstop\n", lists).unwrap_err();
        assert_eq!(e.to_string(), "a.tsv:2: expected two tab-separated fields");
        let e = parse("a.tsv", "word\n", lists).unwrap_err();
        assert_eq!(e.to_string(), "a.tsv:1: header must be `list\\tword`");
        let e = parse("a.tsv", "list\tword\n\nstop\t \n", lists).unwrap_err();
        assert_eq!(
            e,
            VocabError::BadWord {
                file: "a.tsv".into(),
                line: 3
            }
        );
        let e = parse("a.tsv", "list\tword\nstpo\t的\n", lists).unwrap_err();
        assert_eq!(e.to_string(), "a.tsv:2: unknown list `stpo`");
    }
}
