//! Building or appending to an index directory.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use std::collections::BTreeMap;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{Facet, OwnedValue};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::{
    facet_step, index_err, schema, ChineseTokenizer, Fields, TOKENIZER_NAME, WORDS_TOKENIZER_NAME,
};
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
    /// Money amounts in every currency, in text order, without repeats.
    pub amounts: Vec<Amount>,
    /// The values of [`DocSummary::amounts`] in CNY (what `amount_cny` held).
    pub amounts_cny: Vec<f64>,
    /// ORG names to index beside the text: each organization's canonical name and the
    /// dictionary's other forms of it, so a short name finds the long one and back.
    pub org_names: Vec<String>,
}

/// A money amount and its currency.
///
/// ```
/// let a = zhtag_search::Amount { value: 3e8, currency: "TWD".into() };
/// assert_eq!(a.currency, "TWD");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Amount {
    /// The value, in `currency`.
    pub value: f64,
    /// ISO 4217 code (`CNY`, `TWD`, `HKD`, `USD`, …).
    pub currency: String,
}

/// True for a quantity unit that is a currency: one of the codes the tagger's unit vocabulary
/// gives to money ([`zhtag::quantity::is_currency_code`]), so a query for a currency the tagger
/// never writes (`XYZ`) is refused rather than answered with nothing.
///
/// ```
/// assert!(zhtag_search::is_currency("TWD"));
/// assert!(!zhtag_search::is_currency("TEU") && !zhtag_search::is_currency("CNY/yr"));
/// assert!(!zhtag_search::is_currency("XYZ"));
/// ```
pub fn is_currency(unit: &str) -> bool {
    zhtag::quantity::is_currency_code(unit)
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
                (Normalized::Quantity(q), _) if is_currency(&q.unit) => {
                    for value in [Some(q.value), q.max].into_iter().flatten() {
                        let a = Amount {
                            value,
                            currency: q.unit.clone(),
                        };
                        if value.is_finite() && !amounts.contains(&a) {
                            amounts.push(a);
                        }
                    }
                }
                _ => {}
            }
        }
        let amounts_cny = amounts
            .iter()
            .filter(|a| a.currency == "CNY")
            .map(|a| a.value)
            .collect();
        DocSummary {
            org_names: orgs.iter().cloned().collect(),
            orgs: orgs.into_iter().collect(),
            policies: policies.into_iter().collect(),
            locs: locs.into_iter().collect(),
            amounts,
            amounts_cny,
        }
    }
}

/// Canonical ORG name → the dictionary's prepared forms of it (its aliases).
pub(crate) type OrgAliases = HashMap<String, Vec<String>>;

/// The aliases of every ORG of the tagger's dictionaries.
pub(crate) fn org_aliases(tagger: &Tagger) -> OrgAliases {
    let lex = tagger.lexicon();
    let mut out: OrgAliases = HashMap::new();
    for key in lex.keys() {
        if let Some(e) = lex.lookup(&key)
            && e.label == Label::Org
        {
            out.entry(e.name.clone()).or_default().push(key);
        }
    }
    out
}

/// Adds the aliases of each organization to `summary.org_names`, and the text of each ORG.
fn add_org_names(summary: &mut DocSummary, entities: &[Entity], aliases: &OrgAliases) {
    let mut names: BTreeSet<String> = summary.org_names.drain(..).collect();
    for e in entities.iter().filter(|e| e.label == Label::Org) {
        names.insert(e.text.clone());
        if let Normalized::Name { name, .. } = &e.normalized {
            names.extend(aliases.get(name).into_iter().flatten().cloned());
        }
    }
    summary.org_names = names.into_iter().collect();
}

/// The entities of `text` (those whose offsets slice it to their text: a title's are left out)
/// as the JSON array stored in [`super::fields::ENTITIES`].
fn stored_entities(text: &str, entities: &[Entity]) -> serde_json::Value {
    let list = entities
        .iter()
        .filter(|e| text.get(e.byte_start..e.byte_end) == Some(e.text.as_str()))
        .map(|e| {
            serde_json::json!({
                "label": e.label,
                "text": e.text,
                "byte_start": e.byte_start,
                "byte_end": e.byte_end,
                "normalized": e.normalized,
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

/// Registers the zhtag tokenizer (index-time form, with sub-words) on an index.
pub(crate) fn register_tokenizer(index: &Index, tagger: Arc<Tagger>) {
    let words = ChineseTokenizer::new(tagger);
    let tok = words.clone().with_subwords(true);
    index
        .tokenizers()
        .register(TOKENIZER_NAME, TextAnalyzer::builder(tok).build());
    index
        .tokenizers()
        .register(WORDS_TOKENIZER_NAME, TextAnalyzer::builder(words).build());
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
    aliases: OrgAliases,
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
        let aliases = org_aliases(&tagger);
        Ok(Self {
            tagger,
            index,
            writer,
            fields,
            aliases,
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
        let mut summary = DocSummary::from_entities(entities);
        add_org_names(&mut summary, entities, &self.aliases);
        let mut td = TantivyDocument::default();
        td.add_text(f.id, &doc.id);
        if let Some(title) = &doc.title {
            td.add_text(f.title, title);
        }
        td.add_text(f.text, &doc.text);
        td.add_text(f.entities, stored_entities(&doc.text, entities).to_string());
        for (kind, names) in [
            ("org", &summary.orgs),
            ("policy", &summary.policies),
            ("loc", &summary.locs),
        ] {
            for name in names {
                td.add_facet(f.facet, Facet::from_path([kind, name.as_str()]));
            }
        }
        if !summary.org_names.is_empty() {
            td.add_text(f.names, summary.org_names.join("\n"));
        }
        let mut by_currency: BTreeMap<String, Vec<OwnedValue>> = BTreeMap::new();
        for a in &summary.amounts {
            by_currency
                .entry(a.currency.clone())
                .or_default()
                .push(OwnedValue::F64(a.value));
        }
        for c in by_currency.keys() {
            td.add_facet(f.facet, Facet::from_path(["currency", c.as_str()]));
        }
        if !by_currency.is_empty() {
            let obj = by_currency
                .into_iter()
                .map(|(c, v)| (c, OwnedValue::Array(v)))
                .collect();
            td.add_field_value(f.amount, &OwnedValue::Object(obj));
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
