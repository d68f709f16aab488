//! Searching an index: ranked hits, snippets, filters and facet counts.

use std::collections::{HashMap, HashSet};
use std::ops::{Bound, Range};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::guard::{contained, corrupt, validate_fast_fields};
use super::index::{open_or_create, register_tokenizer};
use super::{
    facet_step, index_err, is_currency, Amount, ChineseTokenizer, Fields, TOKENIZER_NAME,
    WORDS_TOKENIZER_NAME,
};
use zhtag::entity::{Label, Normalized};
use zhtag::error::Error;
use zhtag::Tagger;

/// Snippet length, in bytes of the original text (about 100 Chinese characters).
const SNIPPET_BYTES: usize = 300;

/// What to search for.
///
/// ```
/// let q = zhtag_search::SearchQuery::new("專精特新").org("大船集團").loc("大連").min_cny(1e8).limit(5);
/// assert_eq!(q.currency, "CNY");
/// assert_eq!((q.limit, q.locs.len()), (5, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// Query text in tantivy's query syntax (words, "phrases", `-exclude`, `title:word`); terms
    /// must all match. Empty: every document (filters only).
    pub text: String,
    /// Only documents mentioning each of these organizations (names or aliases, either script).
    pub orgs: Vec<String>,
    /// Only documents mentioning each of these policies.
    pub policies: Vec<String>,
    /// Only documents mentioning each of these places.
    pub locs: Vec<String>,
    /// Only documents with an amount in [`SearchQuery::currency`] ≥ this.
    pub min_amount: Option<f64>,
    /// Only documents with an amount in [`SearchQuery::currency`] ≤ this.
    pub max_amount: Option<f64>,
    /// The ISO 4217 code the amount bounds are in (default `CNY`).
    pub currency: String,
    /// Number of hits to return (default 10).
    pub limit: usize,
    /// Number of facet values to count per kind (default 10).
    pub facet_limit: usize,
}

impl SearchQuery {
    /// A query with no filters.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            orgs: Vec::new(),
            policies: Vec::new(),
            locs: Vec::new(),
            min_amount: None,
            max_amount: None,
            currency: "CNY".into(),
            limit: 10,
            facet_limit: 10,
        }
    }
    /// Adds an organization filter.
    pub fn org(mut self, name: impl Into<String>) -> Self {
        self.orgs.push(name.into());
        self
    }
    /// Adds a policy filter.
    pub fn policy(mut self, name: impl Into<String>) -> Self {
        self.policies.push(name.into());
        self
    }
    /// Adds a place filter.
    pub fn loc(mut self, name: impl Into<String>) -> Self {
        self.locs.push(name.into());
        self
    }
    /// Lower bound on an amount in CNY (inclusive): `.currency("CNY").min_amount(v)`.
    pub fn min_cny(self, v: f64) -> Self {
        self.currency("CNY").min_amount(v)
    }
    /// Upper bound on an amount in CNY (inclusive): `.currency("CNY").max_amount(v)`.
    pub fn max_cny(self, v: f64) -> Self {
        self.currency("CNY").max_amount(v)
    }
    /// Lower bound on an amount in [`SearchQuery::currency`] (inclusive).
    ///
    /// ```
    /// let q = zhtag_search::SearchQuery::new("").currency("twd").min_amount(1e8);
    /// assert_eq!((q.currency.as_str(), q.min_amount), ("TWD", Some(1e8)));
    /// ```
    pub fn min_amount(mut self, v: f64) -> Self {
        self.min_amount = Some(v);
        self
    }
    /// Upper bound on an amount in [`SearchQuery::currency`] (inclusive).
    pub fn max_amount(mut self, v: f64) -> Self {
        self.max_amount = Some(v);
        self
    }
    /// The currency of the amount bounds (an ISO 4217 code, any case).
    pub fn currency(mut self, code: &str) -> Self {
        self.currency = code.trim().to_ascii_uppercase();
        self
    }
    /// Number of hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }
}

/// A highlighted fragment of a hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// `"text"` or `"title"`: which field the fragment is from.
    pub field: &'static str,
    /// The fragment (a slice of the original field text).
    pub fragment: String,
    /// Byte range of the fragment in the original field text.
    pub range: Range<usize>,
    /// Highlighted byte ranges in the original field text (not in the fragment), sorted,
    /// non-overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The fragment with each highlight wrapped in `open` … `close`.
    ///
    /// ```
    /// let s = zhtag_search::Snippet { field: "text", fragment: "甲乙丙".into(), range: 3..12,
    ///     highlights: vec![6..9] };
    /// assert_eq!(s.marked("[", "]"), "甲[乙]丙");
    /// ```
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.fragment.len() + 16);
        let mut pos = 0;
        for h in &self.highlights {
            let (s, e) = (
                h.start.saturating_sub(self.range.start),
                h.end.saturating_sub(self.range.start),
            );
            let (Some(before), Some(mark)) = (self.fragment.get(pos..s), self.fragment.get(s..e))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(open);
            out.push_str(mark);
            out.push_str(close);
            pos = e;
        }
        out.push_str(self.fragment.get(pos..).unwrap_or(""));
        out
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// BM25 score.
    pub score: f32,
    /// Document id.
    pub id: String,
    /// Title, when the document has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The best fragment with the query's words highlighted.
    pub snippet: Snippet,
    /// Organizations of the document.
    pub orgs: Vec<String>,
    /// Policies of the document.
    pub policies: Vec<String>,
    /// Money amounts of the document, with their currencies.
    pub amounts: Vec<Amount>,
    /// The CNY values of [`Hit::amounts`].
    pub amounts_cny: Vec<f64>,
    /// The document's entities inside the snippet (from tagging the whole document at index
    /// time; byte offsets into the snippet's field text, like the highlights). Empty for a
    /// title snippet.
    pub entities: Vec<serde_json::Value>,
}

/// A facet value and the number of matching documents that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// Canonical name.
    pub name: String,
    /// Number of matching documents.
    pub count: u64,
}

/// Hits and facet counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Number of matching documents (all, not only those returned).
    pub total: usize,
    /// The best `limit` hits, best first.
    pub hits: Vec<Hit>,
    /// Top organizations over all matching documents.
    pub orgs: Vec<FacetCount>,
    /// Top policies over all matching documents.
    pub policies: Vec<FacetCount>,
    /// Top places over all matching documents.
    pub locs: Vec<FacetCount>,
    /// Currencies of the amounts of the matching documents.
    pub currencies: Vec<FacetCount>,
}

/// An index opened for searching.
///
/// Open it with the same tagger options (conversion variant, dictionaries) it was built with, so
/// that queries are segmented as the documents were.
pub struct SearchIndex {
    tagger: Arc<Tagger>,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    query_tokenizers: TokenizerManager,
    /// Where the index lives, for error messages.
    location: PathBuf,
    /// The segments whose fast fields were checked (a reload may bring new ones).
    validated: Mutex<HashSet<SegmentId>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir` (it must exist). A damaged index gives
    /// [`Error::CorruptIndex`] naming `dir`, here or at [`SearchIndex::search`], never a panic.
    pub fn open(dir: impl AsRef<Path>, tagger: Arc<Tagger>) -> Result<Self, Error> {
        let index = open_or_create(dir.as_ref(), false)?;
        Self::open_at(index, tagger, dir.as_ref().to_path_buf())
    }

    /// Wraps an opened tantivy index of zhtag's schema.
    pub fn from_index(index: Index, tagger: Arc<Tagger>) -> Result<Self, Error> {
        Self::open_at(index, tagger, PathBuf::from("(opened index)"))
    }

    fn open_at(index: Index, tagger: Arc<Tagger>, location: PathBuf) -> Result<Self, Error> {
        let mut validated = HashSet::new();
        validate_fast_fields(&location, &index, &mut validated)?;
        contained(&location, Some(&index), || {
            Self::open_unguarded(index.clone(), tagger, location.clone(), validated)
        })
    }

    fn open_unguarded(
        index: Index,
        tagger: Arc<Tagger>,
        location: PathBuf,
        validated: HashSet<SegmentId>,
    ) -> Result<Self, Error> {
        let fields = Fields::of(&index.schema())?;
        register_tokenizer(&index, tagger.clone());
        let query_tokenizers = TokenizerManager::default();
        for name in [TOKENIZER_NAME, WORDS_TOKENIZER_NAME] {
            query_tokenizers.register(
                name,
                TextAnalyzer::builder(ChineseTokenizer::new(tagger.clone())).build(),
            );
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            // meta.json and the schema were read: a segment file that cannot be opened is damaged
            .map_err(|e| {
                corrupt(
                    &location,
                    Some(&index),
                    &format!("cannot open a reader ({e})"),
                )
            })?;
        Ok(Self {
            tagger,
            index,
            reader,
            fields,
            query_tokenizers,
            location,
            validated: Mutex::new(validated),
        })
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The canonical facet names a filter `name` may stand for: what the tagger makes of it (an
    /// alias or the other script resolves to the canonical name), and the name as given.
    fn filter_names(&self, label: Label, name: &str) -> Vec<String> {
        let name = name.trim();
        let mut out = vec![facet_step(name)];
        for e in self.tagger.tag(name) {
            if e.label == label
                && e.byte_start == 0
                && e.byte_end == name.len()
                && let Normalized::Name {
                    name: canonical, ..
                } = &e.normalized
            {
                let c = facet_step(canonical);
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out.retain(|s| !s.is_empty());
        out
    }

    fn facet_filter(&self, kind: &str, label: Label, name: &str) -> Box<dyn Query> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = self
            .filter_names(label, name)
            .into_iter()
            .map(|n| {
                let term =
                    Term::from_facet(self.fields.facet, &Facet::from_path([kind, n.as_str()]));
                let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// The reader reloaded to the last commit, once the fast fields of any segment it brings
    /// are checked like at [`SearchIndex::open`] (a damaged one must not reach the collectors).
    fn reloaded(&self) -> Result<Searcher, Error> {
        let mut validated = self.validated.lock().unwrap_or_else(|p| p.into_inner());
        validate_fast_fields(&self.location, &self.index, &mut validated)?;
        self.reader
            .reload()
            .map_err(|e| index_err("cannot reload the reader", e))?;
        let searcher = self.reader.searcher();
        // a commit between the check and the reload: check the segments it brought
        if searcher
            .segment_readers()
            .iter()
            .any(|s| !validated.contains(&s.segment_id()))
        {
            validate_fast_fields(&self.location, &self.index, &mut validated)?;
            if let Some(s) = searcher
                .segment_readers()
                .iter()
                .find(|s| !validated.contains(&s.segment_id()))
            {
                return Err(Error::Index(format!(
                    "segment {} changed while it was being checked; search again",
                    s.segment_id().uuid_string()
                )));
            }
        }
        Ok(searcher)
    }

    /// Runs a query. A damaged index gives [`Error::CorruptIndex`], not a panic.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, Error> {
        contained(&self.location, Some(&self.index), || {
            self.search_unguarded(q)
        })
    }

    fn search_unguarded(&self, q: &SearchQuery) -> Result<SearchResults, Error> {
        let f = &self.fields;
        let text_query: Option<Box<dyn Query>> = if q.text.trim().is_empty() {
            None
        } else {
            let mut parser = QueryParser::new(
                self.index.schema(),
                vec![f.title, f.text, f.names],
                self.query_tokenizers.clone(),
            );
            parser.set_conjunction_by_default();
            Some(parser.parse_query(&q.text).map_err(|e| Error::Query {
                query: q.text.clone(),
                message: e.to_string(),
            })?)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match &text_query {
            Some(tq) => clauses.push((Occur::Must, tq.box_clone())),
            None => clauses.push((Occur::Must, Box::new(AllQuery))),
        }
        for o in &q.orgs {
            clauses.push((Occur::Must, self.facet_filter("org", Label::Org, o)));
        }
        for p in &q.policies {
            clauses.push((Occur::Must, self.facet_filter("policy", Label::Policy, p)));
        }
        for l in &q.locs {
            clauses.push((Occur::Must, self.facet_filter("loc", Label::Loc, l)));
        }
        if let Some(range) = amount_range(f, q)? {
            clauses.push((Occur::Must, range));
        }
        let query = BooleanQuery::new(clauses);

        let searcher = self.reloaded()?;
        let mut facets = FacetCollector::for_field(super::fields::FACET);
        facets.add_facet("/org");
        facets.add_facet("/policy");
        facets.add_facet("/loc");
        facets.add_facet("/currency");
        // never ask tantivy for more slots than there are documents (it reserves them)
        let limit = q.limit.clamp(1, (searcher.num_docs() as usize).max(1));
        let top = TopDocs::with_limit(limit).order_by_score();
        let (top, total, facet_counts) = searcher
            .search(&query, &(top, Count, facets))
            // the fast fields were checked: a reader failing now reads damaged bytes
            .map_err(|e| {
                corrupt(
                    &self.location,
                    Some(&self.index),
                    &format!("search failed ({e})"),
                )
            })?;

        // the query's words per field, weighted like tantivy's snippets: rarer words count more
        let mut weights: [HashMap<String, f32>; 2] = [HashMap::new(), HashMap::new()];
        if let Some(tq) = &text_query {
            let mut terms: Vec<Term> = Vec::new();
            tq.query_terms(&mut |term, _| terms.push(term.clone()));
            for term in terms {
                let slot = if term.field() == f.text {
                    0
                } else if term.field() == f.title {
                    1
                } else {
                    continue;
                };
                let Some(word) = term.value().as_str().map(str::to_string) else {
                    continue;
                };
                let df = searcher
                    .doc_freq(&term)
                    .map_err(|e| index_err("snippet", e))?;
                if df > 0 {
                    weights[slot].insert(word, 1.0 / (1.0 + df as f32));
                }
            }
        }
        let snippet_tokenizer = ChineseTokenizer::new(self.tagger.clone()).with_subwords(true);

        let mut hits = Vec::new();
        for (score, addr) in top.into_iter().take(q.limit) {
            let doc: TantivyDocument = searcher
                .doc(addr)
                .map_err(|e| index_err("cannot read a stored document", e))?;
            let first_str = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let id = first_str(f.id).unwrap_or_default();
            let title = first_str(f.title);
            let text = first_str(f.text).unwrap_or_default();
            let mut orgs = Vec::new();
            let mut policies = Vec::new();
            for v in doc.get_all(f.facet) {
                if let Some(encoded) = v.as_facet() {
                    // tantivy's encoded facet: steps separated by NUL
                    let path: Vec<&str> = encoded.split('\0').collect();
                    match path.split_first() {
                        Some((&"org", rest)) => orgs.push(rest.join("/")),
                        Some((&"policy", rest)) => policies.push(rest.join("/")),
                        _ => {}
                    }
                }
            }
            let amounts = stored_amounts(&doc, f);
            let amounts_cny = amounts
                .iter()
                .filter(|a| a.currency == "CNY")
                .map(|a| a.value)
                .collect();
            let snippet = best_fragment(&snippet_tokenizer, &weights[0], "text", &text)
                .or_else(|| {
                    let t = title.as_deref()?;
                    best_fragment(&snippet_tokenizer, &weights[1], "title", t)
                })
                .unwrap_or_else(|| plain_fragment(&text));
            let entities = if snippet.field == "text" {
                entities_in(&doc, f, &snippet.range)
            } else {
                Vec::new()
            };
            hits.push(Hit {
                score,
                id,
                title,
                snippet,
                orgs,
                policies,
                amounts,
                amounts_cny,
                entities,
            });
        }
        let count = |kind: &str| -> Vec<FacetCount> {
            facet_counts
                .top_k(format!("/{kind}").as_str(), q.facet_limit)
                .into_iter()
                .map(|(facet, count)| FacetCount {
                    name: facet
                        .to_path()
                        .get(1..)
                        .map(|p| p.join("/"))
                        .unwrap_or_default(),
                    count,
                })
                .collect()
        };
        Ok(SearchResults {
            total,
            hits,
            orgs: count("org"),
            policies: count("policy"),
            locs: count("loc"),
            currencies: count("currency"),
        })
    }
}

/// The range filter of `q`'s amount bounds, on the JSON path of its currency.
fn amount_range(f: &Fields, q: &SearchQuery) -> Result<Option<Box<dyn Query>>, Error> {
    if q.min_amount.is_none() && q.max_amount.is_none() {
        return Ok(None);
    }
    let bad = |message: String| Error::Query {
        query: q.text.clone(),
        message,
    };
    for v in [q.min_amount, q.max_amount].into_iter().flatten() {
        if !v.is_finite() {
            return Err(bad(format!("amount bound {v} is not a finite number")));
        }
    }
    if !is_currency(&q.currency) {
        return Err(bad(format!(
            "{:?} is not a currency (an ISO 4217 code such as CNY, TWD, HKD, USD)",
            q.currency
        )));
    }
    let bound = |v: Option<f64>| match v {
        Some(x) => {
            let mut t = Term::from_field_json_path(f.amount, &q.currency, false);
            t.append_type_and_fast_value(x);
            Bound::Included(t)
        }
        None => Bound::Unbounded,
    };
    let (lo, hi) = (bound(q.min_amount), bound(q.max_amount));
    // an open end still names the currency's path
    let (lo, hi) = match (lo, hi) {
        (Bound::Unbounded, hi) => (bound(Some(f64::MIN)), hi),
        (lo, Bound::Unbounded) => (lo, bound(Some(f64::MAX))),
        both => both,
    };
    Ok(Some(Box::new(RangeQuery::new(lo, hi))))
}

/// The stored entities of a document that lie inside `range` of its text.
fn entities_in(doc: &TantivyDocument, f: &Fields, range: &Range<usize>) -> Vec<serde_json::Value> {
    let stored = doc
        .get_first(f.entities)
        .and_then(|v| v.as_str())
        .unwrap_or("[]");
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str(stored) else {
        return Vec::new();
    };
    list.into_iter()
        .filter(|e| {
            let at = |k: &str| e[k].as_u64().map(|v| v as usize);
            matches!((at("byte_start"), at("byte_end")), (Some(s), Some(t))
                if range.start <= s && t <= range.end)
        })
        .collect()
}

/// The amounts stored in a document's JSON field `amount`.
fn stored_amounts(doc: &TantivyDocument, f: &Fields) -> Vec<Amount> {
    let mut out = Vec::new();
    for v in doc.get_all(f.amount) {
        for (currency, values) in v.as_object().into_iter().flatten() {
            let mut push = |x: Option<f64>| {
                if let Some(value) = x {
                    out.push(Amount {
                        value,
                        currency: currency.to_string(),
                    });
                }
            };
            match values.as_array() {
                Some(items) => items.for_each(|x| push(x.as_f64())),
                None => push(values.as_f64()),
            }
        }
    }
    out
}

/// The window of at most [`SNIPPET_BYTES`] bytes of `text` with the highest total weight of
/// query words; `None` when no query word occurs.
fn best_fragment(
    tokenizer: &ChineseTokenizer,
    weights: &HashMap<String, f32>,
    field: &'static str,
    text: &str,
) -> Option<Snippet> {
    if weights.is_empty() {
        return None;
    }
    let mut matches: Vec<(Range<usize>, f32)> = tokenizer
        .tokens(text)
        .into_iter()
        .filter_map(|t| {
            let w = weights.get(&t.text)?;
            Some((t.offset_from..t.offset_to, *w))
        })
        .collect();
    if matches.is_empty() {
        return None;
    }
    matches.sort_by_key(|(r, _)| (r.start, r.end));
    matches.dedup_by(|a, b| a.0 == b.0);
    // best window starting at a match
    let mut best = (0usize, 0usize, f32::MIN); // first match, one past last match, score
    for i in 0..matches.len() {
        let start = matches[i].0.start;
        let mut score = 0.0;
        let mut j = i;
        while j < matches.len() && matches[j].0.end <= start + SNIPPET_BYTES {
            score += matches[j].1;
            j += 1;
        }
        let j = j.max(i + 1);
        if score > best.2 {
            best = (i, j, score);
        }
    }
    let (i, j, _) = best;
    let first = matches[i].0.start;
    let last = matches[j - 1].0.end;
    // some context before the first match, the rest of the window after it
    let mut start = floor_boundary(text, first.saturating_sub(SNIPPET_BYTES / 5));
    if let Some(nl) = text.get(start..first).and_then(|s| s.rfind('\n')) {
        start += nl + 1;
    }
    let end = floor_boundary(text, (start + SNIPPET_BYTES).max(last)).max(last);
    let mut highlights: Vec<Range<usize>> = Vec::new();
    for (r, _) in &matches[i..j] {
        match highlights.last_mut() {
            Some(h) if r.start <= h.end => h.end = h.end.max(r.end),
            _ => highlights.push(r.clone()),
        }
    }
    Some(Snippet {
        field,
        fragment: text.get(start..end)?.to_string(),
        range: start..end,
        highlights,
    })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The start of the text, without highlights.
fn plain_fragment(text: &str) -> Snippet {
    let end = floor_boundary(text, SNIPPET_BYTES);
    Snippet {
        field: "text",
        fragment: text[..end].to_string(),
        range: 0..end,
        highlights: Vec::new(),
    }
}
