//! The ORG rules' word lists, kept as data in `dictionaries/org_rules.tsv` so a linguist edits
//! words without touching Rust.
//!
//! The file has a header line `list<TAB>word` and one word a line after it; `list` names the
//! rule vocabulary the word belongs to (one of [`LISTS`]). Lines starting with `#` and blank
//! lines are skipped. The file is embedded in the binary and parsed once, on first use.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The embedded file's name, as errors report it.
pub const FILE: &str = "dictionaries/org_rules.tsv";

/// The embedded file.
const TEXT: &str = include_str!("../../../dictionaries/org_rules.tsv");

/// The names of the vocabularies, each documented where the rule that reads it is.
pub const LISTS: &[&str] = &[
    "suffixes",
    "gov_suffixes",
    "stop",
    "category_ends",
    "weak_stop",
    "generic",
    "team_heads",
    "team_kinds",
    "not_teams",
    "list_heads",
    "place_bodies",
    "descriptors",
    "institutions",
    "units",
    "sub_units",
    "outlet_heads",
    "latin_legal",
    "trade_words",
    "company_verbs",
    "role_nouns",
    "zone_bodies",
    "build_verbs",
    "level_committees",
    "place_committees",
    "post_titles",
    "army_words",
    "body_heads",
    "state_names",
    "bureau_fields",
    "secretaries",
    "court_jurisdictions",
    "national_institutes",
];

/// What is wrong with a vocabulary file, with the file and the (1-based) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VocabError {
    /// The first line is not `list<TAB>word`.
    Header {
        /// File name.
        file: String,
    },
    /// A line without exactly two tab-separated fields.
    Columns {
        /// File name.
        file: String,
        /// Line number.
        line: usize,
    },
    /// A list name that no rule reads.
    UnknownList {
        /// File name.
        file: String,
        /// Line number.
        line: usize,
        /// The name found.
        list: String,
    },
    /// An empty word, or one with spaces around it.
    BadWord {
        /// File name.
        file: String,
        /// Line number.
        line: usize,
    },
}

impl std::fmt::Display for VocabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VocabError::Header { file } => write!(f, "{file}:1: header must be `list\\tword`"),
            VocabError::Columns { file, line } => {
                write!(f, "{file}:{line}: expected two tab-separated fields")
            }
            VocabError::UnknownList { file, line, list } => {
                write!(f, "{file}:{line}: unknown list `{list}`")
            }
            VocabError::BadWord { file, line } => {
                write!(
                    f,
                    "{file}:{line}: empty word or word with surrounding spaces"
                )
            }
        }
    }
}

impl std::error::Error for VocabError {}

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
/// use zhtag::recognize::org::vocab::{parse, VocabError};
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

/// The embedded file, parsed once. A broken file (which the tests rule out) leaves every list
/// empty rather than panicking.
static VOCAB: LazyLock<Vocab> = LazyLock::new(|| parse(FILE, TEXT, LISTS).unwrap_or_default());

/// The words of one embedded list.
///
/// ```
/// assert!(zhtag::recognize::org::vocab::list("stop").contains(&"的"));
/// ```
pub fn list(name: &str) -> &'static [&'static str] {
    VOCAB.get(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_parses_and_every_list_has_words() {
        let v = parse(FILE, TEXT, LISTS).unwrap_or_else(|e| panic!("{e}"));
        for l in LISTS {
            assert!(!v.get(l).is_empty(), "list {l} is empty in {FILE}");
        }
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse("a.tsv", "list\tword\nstop\n", LISTS).unwrap_err();
        assert_eq!(e.to_string(), "a.tsv:2: expected two tab-separated fields");
        let e = parse("a.tsv", "word\n", LISTS).unwrap_err();
        assert_eq!(
            e,
            VocabError::Header {
                file: "a.tsv".into()
            }
        );
        let e = parse("a.tsv", "list\tword\n\nstop\t \n", LISTS).unwrap_err();
        assert_eq!(
            e,
            VocabError::BadWord {
                file: "a.tsv".into(),
                line: 3
            }
        );
    }
}
