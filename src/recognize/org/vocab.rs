//! The ORG rules' word lists, kept as data in `dictionaries/org_rules.tsv` so a linguist edits
//! words without touching Rust.
//!
//! The file has a header line `list<TAB>word` and one word a line after it; `list` names the
//! rule vocabulary the word belongs to (one of [`LISTS`]); the format and its checks are
//! [`crate::vocab`]'s.

pub use crate::vocab::{parse, Embedded, Vocab, VocabError};

/// The embedded file's name, as errors report it.
pub const FILE: &str = "dictionaries/org_rules.tsv";

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
    "list_conjunctions",
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

/// The embedded file, parsed on first use.
pub static VOCAB: Embedded = Embedded::new(
    FILE,
    include_str!("../../../dictionaries/org_rules.tsv"),
    LISTS,
);

/// The words of one embedded list.
///
/// ```
/// assert!(zhtag::recognize::org::vocab::list("stop").contains(&"的"));
/// ```
pub fn list(name: &str) -> &'static [&'static str] {
    VOCAB.get(name)
}
