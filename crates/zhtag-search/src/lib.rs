//! zhtag-search: full-text and faceted search over news tagged by [`zhtag`] — a tantivy tokenizer,
//! an index with entity facets, queries, and the Elasticsearch/OpenSearch bulk format.
//!
//! The promise: every hit's highlight ranges and every facet come from the same [`zhtag::Tagger`]
//! that tags the text, with byte offsets into the original (Traditional) text.
//!
//! * [`ChineseTokenizer`] — a tantivy tokenizer: folding, Traditional → Simplified conversion and
//!   jieba with the project's dictionaries; token texts are Simplified, offsets are byte offsets
//!   into the original text.
//! * [`Indexer`] — builds or appends to an index directory; every document is tagged, and its
//!   organizations, policies and places become facets (`/org/<name>`, `/policy/<name>`,
//!   `/loc/<name>`), its money amounts the fast JSON field `amount` (currency → values) and the
//!   facets `/currency/<code>`.
//! * [`SearchIndex`] — ranked hits with highlighted snippets, facet filters, an amount range, and
//!   the facet counts of all matching documents.
//! * [`bulk`] — the Elasticsearch/OpenSearch mapping for the same fields, for indexing at scale.
//!
//! ```
//! use std::sync::Arc;
//! use zhtag_search::{Document, Indexer, SearchIndex, SearchQuery};
//! # fn main() -> Result<(), zhtag::Error> {
//! let dir = tempfile::tempdir().map_err(|e| zhtag::Error::Index(e.to_string()))?;
//! let tagger = Arc::new(zhtag::Tagger::new());
//! let mut indexer = Indexer::open(dir.path(), tagger.clone())?;
//! indexer.add(&Document::new("d1", "大船集團投資8億元推進專精特新"))?;
//! indexer.commit()?;
//!
//! let index = SearchIndex::open(dir.path(), tagger)?;
//! let results = index.search(&SearchQuery::new("大船集团"))?; // Simplified query
//! assert_eq!(results.hits[0].id, "d1");
//! let h = &results.hits[0].snippet.highlights[0];
//! assert_eq!(&"大船集團投資8億元推進專精特新"[h.clone()], "大船集團");
//! # Ok(()) }
//! ```

pub mod bulk;
mod fastcheck;
mod guard;
mod index;
mod query;
mod tokenizer;

pub use index::{is_currency, Amount, DocSummary, Document, Indexer};
pub use query::{FacetCount, Hit, SearchIndex, SearchQuery, SearchResults, Snippet};
pub use tokenizer::{ChineseTokenStream, ChineseTokenizer, TOKENIZER_NAME, WORDS_TOKENIZER_NAME};

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, JsonObjectOptions, Schema, TextFieldIndexing,
    TextOptions, STORED, STRING,
};

use zhtag::error::Error;

/// Field names of the tantivy schema.
pub mod fields {
    /// Stored, indexed raw: the document id (re-indexing an id replaces the document).
    pub const ID: &str = "id";
    /// Stored, tokenized: the title, when the input has one.
    pub const TITLE: &str = "title";
    /// Stored, tokenized with positions: the text.
    pub const TEXT: &str = "text";
    /// Stored facets `/org/<name>`, `/policy/<name>`, `/loc/<name>` (canonical names).
    pub const FACET: &str = "facet";
    /// Stored only: the entities of the text as JSON (`label`, `text`, `byte_start`, `byte_end`,
    /// `normalized`; byte offsets into the text), for the snippets' entity highlights.
    pub const ENTITIES: &str = "entities";
    /// Tokenized, not stored: each organization's text, canonical name and dictionary aliases.
    pub const NAMES: &str = "names";
    /// Stored, fast JSON object: currency code → money amounts in it (`{"TWD": [3e8]}`); each
    /// currency is also a facet `/currency/<code>`.
    pub const AMOUNT: &str = "amount";
}

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub title: Field,
    pub text: Field,
    pub facet: Field,
    pub names: Field,
    pub amount: Field,
    pub entities: Field,
}

/// The schema of a zhtag index.
///
/// ```
/// let schema = zhtag_search::schema();
/// assert!(schema.get_field("amount").is_ok());
/// ```
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    let text_options = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    b.add_text_field(fields::ID, STRING | STORED);
    b.add_text_field(fields::TITLE, text_options.clone());
    b.add_text_field(fields::TEXT, text_options);
    b.add_text_field(
        fields::NAMES,
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS_TOKENIZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    b.add_text_field(fields::ENTITIES, STORED);
    b.add_facet_field(fields::FACET, FacetOptions::default().set_stored());
    b.add_json_field(
        fields::AMOUNT,
        JsonObjectOptions::default().set_stored().set_fast("raw"),
    );
    b.build()
}

impl Fields {
    pub(crate) fn of(schema: &Schema) -> Result<Self, Error> {
        let get = |name: &str| {
            schema.get_field(name).map_err(|_| {
                Error::Index(format!(
                    "not a zhtag index of this version: the schema has no field {name:?} \
                     (rebuild it with `zhtag index`)"
                ))
            })
        };
        Ok(Fields {
            id: get(fields::ID)?,
            title: get(fields::TITLE)?,
            text: get(fields::TEXT)?,
            facet: get(fields::FACET)?,
            names: get(fields::NAMES)?,
            amount: get(fields::AMOUNT)?,
            entities: get(fields::ENTITIES)?,
        })
    }
}

pub(crate) fn index_err(context: &str, e: impl std::fmt::Display) -> Error {
    Error::Index(format!("{context}: {e}"))
}

/// A facet path step: no NUL (tantivy's separator), trimmed.
pub(crate) fn facet_step(name: &str) -> String {
    name.replace('\0', "").trim().to_string()
}
