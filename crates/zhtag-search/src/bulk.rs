//! Elasticsearch / OpenSearch: the index mapping for zhtag's documents, and the document itself.
//!
//! The mapping ([`MAPPING`], shipped as `crates/zhtag-search/es-mapping.json`, explained in `docs/es-mapping.md`) has `keyword` fields for
//! the facets (`org`, `policy`, `loc`), `text` fields for `title` and `text`, a `double`
//! `amount_cny` (one value per money amount in CNY) and a `nested` `quantities` field
//! (`text`, `value`, `unit`). An amount filter that names its currency, as the tantivy index's
//! `amount` field answers it, is a `nested` query on `quantities` with `unit` the ISO 4217 code
//! and a `range` on `value`: `amount_cny` is kept for CNY-only filters.
//!
//! # Which Chinese analyzer
//! The mapping uses Elasticsearch's built-in `cjk` analyzer (character bigrams), which needs no
//! plugin and works on Traditional text, but does not fold scripts: a Simplified query does not
//! match a Traditional document. For word segmentation, replace it with `smartcn` (the
//! `analysis-smartcn` plugin) or `ik_max_word` / `ik_smart` (the IK plugin) — both segment
//! Simplified best, so put a Traditional → Simplified char filter (e.g. the STConvert plugin's
//! `t2s`) in front of them. The facets need no analyzer: they are zhtag's canonical names.
//!
//! ```
//! let doc = zhtag_search::bulk::document("n1", None, "大船集團推進專精特新", &zhtag::Tagger::new().tag("大船集團推進專精特新"));
//! assert!(zhtag_search::bulk::unmapped_fields(&doc).is_empty());
//! ```

use serde_json::{json, Map, Value};

use crate::DocSummary;
use zhtag::entity::{Entity, Label, Normalized};

/// The index mapping (JSON), for `PUT /<index>` with this body.
pub const MAPPING: &str = include_str!("../es-mapping.json");

/// The top-level document fields, in the mapping's order.
pub const FIELDS: [&str; 8] = [
    "id",
    "title",
    "text",
    "org",
    "policy",
    "loc",
    "quantities",
    "amount_cny",
];

/// The sub-fields of each element of `quantities`.
pub const QUANTITY_FIELDS: [&str; 3] = ["text", "value", "unit"];

/// The mapping as JSON.
///
/// ```
/// let m = zhtag_search::bulk::mapping();
/// assert_eq!(m["mappings"]["properties"]["org"]["type"], "keyword");
/// ```
pub fn mapping() -> Value {
    // MAPPING is a constant checked by the tests; a parse failure would be a build defect
    serde_json::from_str(MAPPING).unwrap_or(Value::Null)
}

/// The bulk action line for a document: `{"index":{"_index":…,"_id":…}}`.
///
/// ```
/// let a = zhtag_search::bulk::action("news", "n1");
/// assert_eq!(a["index"]["_index"], "news");
/// assert_eq!(a["index"]["_id"], "n1");
/// ```
pub fn action(index: &str, id: &str) -> Value {
    json!({"index": {"_index": index, "_id": id}})
}

/// The document for a tagged text, with the mapping's fields.
pub fn document(id: &str, title: Option<&str>, text: &str, entities: &[Entity]) -> Value {
    let s = DocSummary::from_entities(entities);
    let quantities: Vec<Value> = entities
        .iter()
        .filter(|e| e.label == Label::Quantity)
        .filter_map(|e| match &e.normalized {
            Normalized::Quantity(q) => {
                Some(json!({"text": e.text, "value": q.value, "unit": q.unit}))
            }
            _ => None,
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("id".into(), json!(id));
    if let Some(t) = title {
        doc.insert("title".into(), json!(t));
    }
    doc.insert("text".into(), json!(text));
    doc.insert("org".into(), json!(s.orgs));
    doc.insert("policy".into(), json!(s.policies));
    doc.insert("loc".into(), json!(s.locs));
    doc.insert("quantities".into(), Value::Array(quantities));
    doc.insert("amount_cny".into(), json!(s.amounts_cny));
    Value::Object(doc)
}

/// The fields of `doc` (top level, and inside `quantities`) that the mapping does not have: use
/// it to check a document made elsewhere (e.g. `zhtag tag --format es-bulk`).
///
/// ```
/// let doc = serde_json::json!({"id": "1", "text": "…", "orgs": []});
/// assert_eq!(zhtag_search::bulk::unmapped_fields(&doc), ["orgs"]);
/// ```
pub fn unmapped_fields(doc: &Value) -> Vec<String> {
    let props = &mapping()["mappings"]["properties"];
    let mut out = Vec::new();
    let Some(obj) = doc.as_object() else {
        return vec!["<not an object>".into()];
    };
    for (k, v) in obj {
        if props.get(k).is_none() {
            out.push(k.clone());
            continue;
        }
        if k == "quantities" {
            for q in v.as_array().into_iter().flatten() {
                for qk in q.as_object().into_iter().flat_map(|o| o.keys()) {
                    if props[k]["properties"].get(qk).is_none() {
                        let name = format!("quantities.{qk}");
                        if !out.contains(&name) {
                            out.push(name);
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_parses_and_has_exactly_the_fields() {
        let m: Value = serde_json::from_str(MAPPING).expect("mapping is JSON");
        let props = m["mappings"]["properties"].as_object().expect("properties");
        let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut want = FIELDS.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want);
        for f in ["org", "policy", "loc", "id"] {
            assert_eq!(props[f]["type"], "keyword", "{f}");
        }
        assert_eq!(props["amount_cny"]["type"], "double");
        let q = props["quantities"]["properties"]
            .as_object()
            .expect("quantities");
        let mut qk: Vec<&str> = q.keys().map(String::as_str).collect();
        qk.sort_unstable();
        let mut qw = QUANTITY_FIELDS.to_vec();
        qw.sort_unstable();
        assert_eq!(qk, qw);
    }

    #[test]
    fn documents_only_use_mapped_fields() {
        let tagger = zhtag::Tagger::new();
        let text = "大船集團投資8億元推進專精特新";
        let doc = document("d", Some("標題"), text, &tagger.tag(text));
        assert!(unmapped_fields(&doc).is_empty(), "{doc}");
        assert_eq!(doc["title"], "標題");
        assert!(
            doc["org"].as_array().is_some_and(|a| !a.is_empty()),
            "{doc}"
        );
        assert!(
            doc["policy"].as_array().is_some_and(|a| !a.is_empty()),
            "{doc}"
        );
    }

    #[test]
    fn the_es_bulk_records_of_zhtag_tag_match_the_mapping() {
        // `zhtag tag --format es-bulk` renders with zhtag::batch::es_bulk_record: its documents
        // must have exactly the mapping's fields (title when there is one)
        let tagger = zhtag::Tagger::new();
        let text = "大船集團投資8億元推進專精特新，落戶大連市";
        let lines = zhtag::batch::es_bulk_record(
            "news",
            &json!("n1"),
            text,
            Some("標題"),
            &tagger.tag(text),
        );
        let mut it = lines.lines();
        let action: Value = serde_json::from_str(it.next().unwrap_or("")).expect("action line");
        let doc: Value = serde_json::from_str(it.next().unwrap_or("")).expect("document line");
        assert_eq!(action, super::action("news", "n1"));
        assert!(unmapped_fields(&doc).is_empty(), "{doc}");
        let mut keys: Vec<&str> = doc
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = FIELDS.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want);
    }
}
