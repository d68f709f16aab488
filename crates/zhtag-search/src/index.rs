//! Building or appending to an index directory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tantivy::directory::MmapDirectory;
use tantivy::schema::Facet;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::{facet_step, index_err, schema, ChineseTokenizer, Fields, TOKENIZER_NAME};
use zhtag::entity::{Entity, Label, Normalized};
use zhtag::error::Error;
use zhtag::Tagger;

/// Memory for tantivy's indexing threads, in bytes, shared by them.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// A document to index.
///
/// ```
/// let d = zhtag_search::Document::new("news-1", "大船集團交付新船").with_title("造船");
/// assert_eq!(d.title.as_deref(), Some("造船"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Unique id; indexing the same id again replaces the document.
    pub id: String,
    /// Optional title (searched, stored).
    pub title: Option<String>,
    /// The text (searched, stored, tagged).
    pub text: String,
}

impl Document {
    /// A document without a title.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: None,
            text: text.into(),
        }
    }

    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// What was indexed for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocSummary {
    /// Distinct canonical organization names.
    pub orgs: Vec<String>,
    /// Distinct canonical policy names.
    pub policies: Vec<String>,
    /// Distinct place names.
    pub locs: Vec<String>,
    /// Money amounts in CNY.
    pub amounts_cny: Vec<f64>,
}

impl DocSummary {
    /// The facets and amounts of a tagged text (what [`Indexer`] stores).
    ///
    /// ```
    /// let t = zhtag::Tagger::new();
    /// let s = zhtag_search::DocSummary::from_entities(&t.tag("大船集團推進專精特新"));
    /// assert_eq!(s.policies.len(), 1);
    /// ```
    pub fn from_entities(entities: &[Entity]) -> Self {
        let mut orgs = BTreeSet::new();
        let mut policies = BTreeSet::new();
        let mut locs = BTreeSet::new();
        let mut amounts = Vec::new();
        for e in entities {
            match (&e.normalized, e.label) {
                (Normalized::Name { name, .. }, label) => {
                    let set = match label {
                        Label::Org => &mut orgs,
                        Label::Policy => &mut policies,
                        Label::Loc => &mut locs,
                        _ => continue,
                    };
                    let step = facet_step(name);
                    if !step.is_empty() {
                        set.insert(step);
                    }
                }
                (Normalized::Quantity(q), _) if q.unit == "CNY" => {
                    for v in [Some(q.value), q.max].into_iter().flatten() {
                        if v.is_finite() && !amounts.contains(&v) {
                            amounts.push(v);
                        }
                    }
                }
                _ => {}
            }
        }
        DocSummary {
            orgs: orgs.into_iter().collect(),
            policies: policies.into_iter().collect(),
            locs: locs.into_iter().collect(),
            amounts_cny: amounts,
        }
    }
}

/// Registers the zhtag tokenizer (index-time form, with sub-words) on an index.
pub(crate) fn register_tokenizer(index: &Index, tagger: Arc<Tagger>) {
    let tok = ChineseTokenizer::new(tagger).with_subwords(true);
    index
        .tokenizers()
        .register(TOKENIZER_NAME, TextAnalyzer::builder(tok).build());
}

/// Opens the index in `dir`, or creates it (and the directory) when there is none.
pub(crate) fn open_or_create(dir: &Path, create: bool) -> Result<Index, Error> {
    let meta = dir.join("meta.json");
    if meta.exists() {
        let mmap =
            MmapDirectory::open(dir).map_err(|e| index_err(&dir.display().to_string(), e))?;
        let index = Index::open(mmap).map_err(|e| index_err(&dir.display().to_string(), e))?;
        Fields::of(&index.schema())?;
        Ok(index)
    } else if create {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Index::create_in_dir(dir, schema()).map_err(|e| index_err(&dir.display().to_string(), e))
    } else {
        Err(Error::Index(format!(
            "{}: no index here (create one with `zhtag index --index {}`)",
            dir.display(),
            dir.display()
        )))
    }
}

/// Builds or appends to a zhtag index: tags each document and writes its text, facets and
/// amounts. Documents become searchable at [`Indexer::commit`].
///
/// ```
/// use std::sync::Arc;
/// # fn main() -> Result<(), zhtag::Error> {
/// let dir = tempfile::tempdir().map_err(|e| zhtag::Error::Index(e.to_string()))?;
/// let mut ix = zhtag_search::Indexer::open(dir.path(), Arc::new(zhtag::Tagger::new()))?;
/// let docs = vec![zhtag_search::Document::new("a", "工信部公布專精特新名單")];
/// let summaries = ix.add_batch(&docs)?;
/// assert!(summaries[0].policies.iter().any(|p| p.contains("專精特新")));
/// ix.commit()?;
/// # Ok(()) }
/// ```
pub struct Indexer {
    tagger: Arc<Tagger>,
    index: Index,
    writer: IndexWriter,
    fields: Fields,
    dir: PathBuf,
    uncommitted: usize,
}

impl std::fmt::Debug for Indexer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexer")
            .field("dir", &self.dir)
            .field("uncommitted", &self.uncommitted)
            .finish()
    }
}

impl Indexer {
    /// Opens the index in `dir` for appending, creating it when there is none.
    pub fn open(dir: impl AsRef<Path>, tagger: Arc<Tagger>) -> Result<Self, Error> {
        let dir = dir.as_ref().to_path_buf();
        let index = open_or_create(&dir, true)?;
        register_tokenizer(&index, tagger.clone());
        let fields = Fields::of(&index.schema())?;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let writer = index
            .writer_with_num_threads(threads, WRITER_MEMORY)
            .map_err(|e| {
                index_err(
                    "cannot open a writer (is another `zhtag index` running?)",
                    e,
                )
            })?;
        Ok(Self {
            tagger,
            index,
            writer,
            fields,
            dir,
            uncommitted: 0,
        })
    }

    /// The tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Documents added since the last commit.
    pub fn uncommitted(&self) -> usize {
        self.uncommitted
    }

    fn build(&self, doc: &Document) -> (TantivyDocument, DocSummary) {
        let mut entities = self.tagger.tag(&doc.text);
        if let Some(title) = &doc.title {
            entities.extend(self.tagger.tag(title));
        }
        self.build_tagged(doc, &entities)
    }

    fn build_tagged(&self, doc: &Document, entities: &[Entity]) -> (TantivyDocument, DocSummary) {
        let f = &self.fields;
        let summary = DocSummary::from_entities(entities);
        let mut td = TantivyDocument::default();
        td.add_text(f.id, &doc.id);
        if let Some(title) = &doc.title {
            td.add_text(f.title, title);
        }
        td.add_text(f.text, &doc.text);
        for (kind, names) in [
            ("org", &summary.orgs),
            ("policy", &summary.policies),
            ("loc", &summary.locs),
        ] {
            for name in names {
                td.add_facet(f.facet, Facet::from_path([kind, name.as_str()]));
            }
        }
        for v in &summary.amounts_cny {
            td.add_f64(f.amount_cny, *v);
        }
        (td, summary)
    }

    fn write(&mut self, id: &str, td: TantivyDocument) -> Result<(), Error> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        self.writer
            .add_document(td)
            .map_err(|e| index_err("cannot add a document", e))?;
        self.uncommitted += 1;
        Ok(())
    }

    /// Tags and adds one document, replacing any document with the same id.
    pub fn add(&mut self, doc: &Document) -> Result<DocSummary, Error> {
        let (td, summary) = self.build(doc);
        self.write(&doc.id, td)?;
        Ok(summary)
    }

    /// Adds a document with entities found elsewhere (another tagger, a gold file) instead of
    /// tagging it; replaces any document with the same id.
    ///
    /// ```
    /// use std::sync::Arc;
    /// # fn main() -> Result<(), zhtag::Error> {
    /// let dir = tempfile::tempdir().map_err(|e| zhtag::Error::Index(e.to_string()))?;
    /// let mut ix = zhtag_search::Indexer::open(dir.path(), Arc::new(zhtag::Tagger::new()))?;
    /// let s = ix.add_tagged(&zhtag_search::Document::new("a", "沒有實體"), &[])?;
    /// assert!(s.orgs.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn add_tagged(&mut self, doc: &Document, entities: &[Entity]) -> Result<DocSummary, Error> {
        let (td, summary) = self.build_tagged(doc, entities);
        self.write(&doc.id, td)?;
        Ok(summary)
    }

    /// Tags a batch of documents in parallel (rayon) and adds them in order; a later document
    /// with the same id replaces an earlier one.
    pub fn add_batch(&mut self, docs: &[Document]) -> Result<Vec<DocSummary>, Error> {
        let built: Vec<(TantivyDocument, DocSummary)> =
            docs.par_iter().map(|d| self.build(d)).collect();
        let mut out = Vec::with_capacity(built.len());
        for (doc, (td, summary)) in docs.iter().zip(built) {
            self.write(&doc.id, td)?;
            out.push(summary);
        }
        Ok(out)
    }

    /// Makes the documents added so far durable and searchable.
    pub fn commit(&mut self) -> Result<(), Error> {
        self.writer
            .commit()
            .map_err(|e| index_err("commit failed", e))?;
        self.uncommitted = 0;
        Ok(())
    }

    /// Commits, merges nothing further and waits for tantivy's background threads to finish.
    pub fn finish(mut self) -> Result<(), Error> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| index_err("merging failed", e))
    }
}
