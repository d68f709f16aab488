//! Everything this crate uses of the search API, in one place (so that moving the search code
//! into its own crate touches this file only).
//!
//! The index is opened read-only: [`IndexAccess`] never writes, and it reopens the index when its
//! `meta.json` changes (a `zhtag index` run appended and committed, or the index was rebuilt),
//! so the server keeps serving while the index grows.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde_json::{json, Value};
use zhtag::Tagger;
pub use zhtag_search::SearchQuery;
use zhtag_search::{Document, Indexer, SearchIndex};

use super::ServeError;

/// What a `/search` request asks for, already checked: the query (its `limit` is the page size)
/// and the hits to skip before the page.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// The query text, filters, amount bounds and page size.
    pub query: SearchQuery,
    /// Hits to skip (paging).
    pub offset: usize,
}

/// A read-only view of an index directory, reopened when it changes.
pub struct IndexAccess {
    dir: PathBuf,
    tagger: Arc<Tagger>,
    current: Mutex<Opened>,
}

struct Opened {
    stamp: Option<SystemTime>,
    index: Arc<SearchIndex>,
}

impl std::fmt::Debug for IndexAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexAccess")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

fn stamp(dir: &Path) -> Option<SystemTime> {
    std::fs::metadata(dir.join("meta.json"))
        .and_then(|m| m.modified())
        .ok()
}

impl IndexAccess {
    /// Opens the index in `dir` (it must exist: `zhtag index` makes it).
    pub fn open(dir: &Path, tagger: Arc<Tagger>) -> Result<Self, ServeError> {
        let index = SearchIndex::open(dir, tagger.clone())?;
        Ok(Self {
            dir: dir.to_path_buf(),
            tagger,
            current: Mutex::new(Opened {
                stamp: stamp(dir),
                index: Arc::new(index),
            }),
        })
    }

    /// The index as it is now: the same one while `meta.json` is unchanged, else reopened.
    fn index(&self) -> Result<Arc<SearchIndex>, ServeError> {
        let now = stamp(&self.dir);
        let mut cur = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if now != cur.stamp {
            // keep serving the old view if the new one cannot be opened (a write in progress)
            if let Ok(index) = SearchIndex::open(&self.dir, self.tagger.clone()) {
                cur.index = Arc::new(index);
                cur.stamp = now;
            }
        }
        Ok(cur.index.clone())
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> Result<u64, ServeError> {
        Ok(self.index()?.num_docs())
    }

    /// Runs a search; the JSON is that of `zhtag search --json` (`{"query", "results"}`), each
    /// hit also carrying the `entities` of its snippet (byte offsets into the hit's field text,
    /// like the highlights) and the result the `offset` it starts at.
    pub fn search(&self, r: &SearchRequest) -> Result<Value, ServeError> {
        let index = self.index()?;
        let q = r.query.clone().limit(r.offset + r.query.limit);
        let mut results = index.search(&q)?;
        let hits: Vec<_> = results.hits.drain(..).skip(r.offset).collect();
        let mut hit_values = Vec::with_capacity(hits.len());
        for h in &hits {
            let mut v = serde_json::to_value(h).map_err(|e| ServeError::Internal(e.to_string()))?;
            let base = h.snippet.range.start;
            // the document's own entities (whole-document tagging, stored at index time);
            // a title snippet is tagged here
            let entities: Vec<Value> = if h.snippet.field == "text" {
                h.entities.clone()
            } else {
                self.tagger
                    .tag(&h.snippet.fragment)
                    .into_iter()
                    .map(|e| {
                        json!({
                            "label": e.label,
                            "text": e.text,
                            "byte_start": e.byte_start + base,
                            "byte_end": e.byte_end + base,
                            "normalized": e.normalized,
                        })
                    })
                    .collect()
            };
            if let Value::Object(map) = &mut v {
                map.insert("entities".into(), Value::Array(entities));
            }
            hit_values.push(v);
        }
        let mut results =
            serde_json::to_value(&results).map_err(|e| ServeError::Internal(e.to_string()))?;
        if let Value::Object(map) = &mut results {
            map.insert("hits".into(), Value::Array(hit_values));
            map.insert("offset".into(), json!(r.offset));
        }
        Ok(json!({"query": r.query.text, "results": results}))
    }
}

/// Tags `docs` (`(id, title, text)`) and adds them to the index in `dir` (created when missing),
/// as `zhtag index` does; returns the number added. For tests, benchmarks and demos: the server
/// itself never writes.
///
/// ```
/// # fn main() -> Result<(), zhtag_serve::ServeError> {
/// let dir = std::env::temp_dir().join(format!("zhtag-serve-doc-{}", std::process::id()));
/// let tagger = std::sync::Arc::new(zhtag::Tagger::new());
/// let n = zhtag_serve::build_index(&dir, tagger, vec![("a".into(), None, "大船集團擴產".into())])?;
/// assert_eq!(n, 1);
/// # std::fs::remove_dir_all(&dir).ok(); Ok(()) }
/// ```
pub fn build_index(
    dir: &Path,
    tagger: Arc<Tagger>,
    docs: impl IntoIterator<Item = (String, Option<String>, String)>,
) -> Result<usize, ServeError> {
    let mut ix = Indexer::open(dir, tagger)?;
    let docs: Vec<Document> = docs
        .into_iter()
        .map(|(id, title, text)| {
            let d = Document::new(id, text);
            match title {
                Some(t) => d.with_title(t),
                None => d,
            }
        })
        .collect();
    let n = ix.add_batch(&docs)?.len();
    ix.finish()?;
    Ok(n)
}
