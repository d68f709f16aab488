//! Rendering tagged documents: JSON lines, pretty text and Elasticsearch bulk.

use serde::Serialize;
use serde_json::{json, Value};

use crate::entity::{Entity, Label, Normalized};

use super::*;

/// How to render each record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// `{"id": ..., "entities": [...]}` per record (plus `"lossy": true` when decoded lossily).
    #[default]
    Json,
    /// The text with entities marked as `[text]LABEL`, for reading; `colour` adds ANSI colours
    /// (for a terminal).
    Pretty {
        /// Colour each entity by label.
        colour: bool,
    },
    /// Elasticsearch / OpenSearch `_bulk` NDJSON into the named index (see [`es_bulk_record`]);
    /// error records are left out of the output (and counted in [`Stats::skipped`]).
    EsBulk {
        /// The index name.
        index: String,
    },
}

/// Renders a tagged document in `format`, newline-terminated.
///
/// ```
/// use zhtag::batch::{render, Document, OutputFormat};
/// let doc = Document { id: "a".into(), text: "無".into(), title: None, lossy: true, region: None };
/// assert_eq!(
///     render(&OutputFormat::Json, &doc, &[]),
///     "{\"id\":\"a\",\"entities\":[],\"lossy\":true}\n"
/// );
/// ```
pub fn render(format: &OutputFormat, doc: &Document, entities: &[Entity]) -> String {
    match format {
        OutputFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                id: &'a Value,
                entities: &'a [Entity],
                #[serde(skip_serializing_if = "std::ops::Not::not")]
                lossy: bool,
            }
            to_json_line(&Out {
                id: &doc.id,
                entities,
                lossy: doc.lossy,
            }) + "\n"
        }
        OutputFormat::Pretty { colour } => {
            format!(
                "── {}\n{}\n\n",
                doc.id,
                pretty(&doc.text, entities, *colour)
            )
        }
        OutputFormat::EsBulk { index } => {
            es_bulk_record(index, &doc.id, &doc.text, doc.title.as_deref(), entities)
        }
    }
}

pub(super) fn to_json_line<T: Serialize>(value: &T) -> String {
    // serializing plain structs of strings, numbers and `Value`s into a String cannot fail
    serde_json::to_string(value).unwrap_or_else(|e| {
        json!({"error": format!("cannot serialize the record: {e}")}).to_string()
    })
}

fn label_colour(label: Label) -> &'static str {
    match label {
        Label::Org => "\x1b[1;34m",
        Label::Quantity => "\x1b[1;32m",
        Label::Policy => "\x1b[1;35m",
        Label::Loc => "\x1b[36m",
        Label::Person => "\x1b[33m",
        Label::Date => "\x1b[2m",
    }
}

/// The text with each entity as `[text]LABEL`, coloured with ANSI escapes when `colour`.
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "大船集團擴產";
/// assert_eq!(zhtag::batch::pretty(text, &tagger.tag(text), false), "[大船集團]ORG擴產");
/// assert!(zhtag::batch::pretty(text, &tagger.tag(text), true).contains("\x1b["));
/// ```
pub fn pretty(text: &str, entities: &[Entity], colour: bool) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for e in entities {
        // entities are ordered, non-overlapping and on char boundaries; skip any that is not
        let Some(before) = text.get(pos..e.byte_start) else {
            continue;
        };
        out.push_str(before);
        if colour {
            out.push_str(label_colour(e.label));
        }
        out.push('[');
        out.push_str(&e.text);
        out.push(']');
        if colour {
            out.push_str("\x1b[0m\x1b[2m");
        }
        out.push_str(e.label.as_str());
        if colour {
            out.push_str("\x1b[0m");
        }
        pos = e.byte_end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// One record as the two lines of an Elasticsearch / OpenSearch `_bulk` request, each ending
/// with `\n`: the action `{"index":{"_index":INDEX,"_id":ID}}`, then the document
/// `{"id", "title"?, "text", "org", "policy", "loc", "quantities", "amount_cny"}`.
///
/// `_id` is the id as a string (a string id as is, any other JSON value as its JSON text), since
/// the search engines want string ids; the document's `id` keeps the original value. `org`,
/// `policy` and `loc` are the canonical names, deduplicated in text order; `quantities` are
/// `{text, value, unit}`; `amount_cny` the values of the quantities in `CNY`. Everything is
/// escaped by `serde_json`.
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "大船集團擴產，大船集團投產";
/// let id = serde_json::json!("a\"1");
/// let lines = zhtag::batch::es_bulk_record("news", &id, text, Some("標題"), &tagger.tag(text));
/// let mut it = lines.lines();
/// let action: serde_json::Value = serde_json::from_str(it.next().unwrap()).unwrap();
/// let doc: serde_json::Value = serde_json::from_str(it.next().unwrap()).unwrap();
/// assert_eq!(action["index"]["_id"], "a\"1");
/// assert_eq!(doc["title"], "標題");
/// assert_eq!(doc["org"], serde_json::json!(["大連船舶重工集團"])); // canonical, once
/// ```
pub fn es_bulk_record(
    index: &str,
    id: &Value,
    text: &str,
    title: Option<&str>,
    entities: &[Entity],
) -> String {
    let string_id = match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut org: Vec<&str> = Vec::new();
    let mut policy: Vec<&str> = Vec::new();
    let mut loc: Vec<&str> = Vec::new();
    let mut quantities = Vec::new();
    let mut amount_cny = Vec::new();
    for e in entities {
        let name = match &e.normalized {
            Normalized::Name { name, .. } if !name.is_empty() => name.as_str(),
            Normalized::Name { .. } => e.text.as_str(),
            Normalized::Quantity(q) => {
                quantities.push(json!({"text": e.text, "value": q.value, "unit": q.unit}));
                if q.unit == "CNY" {
                    amount_cny.push(json!(q.value));
                }
                continue;
            }
        };
        let list = match e.label {
            Label::Org => &mut org,
            Label::Policy => &mut policy,
            Label::Loc => &mut loc,
            _ => continue,
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }
    #[derive(Serialize)]
    struct Action<'a> {
        index: ActionTarget<'a>,
    }
    #[derive(Serialize)]
    struct ActionTarget<'a> {
        _index: &'a str,
        _id: String,
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        id: &'a Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        text: &'a str,
        org: Vec<&'a str>,
        policy: Vec<&'a str>,
        loc: Vec<&'a str>,
        quantities: Vec<Value>,
        amount_cny: Vec<Value>,
    }
    let action = Action {
        index: ActionTarget {
            _index: index,
            _id: string_id,
        },
    };
    let doc = Doc {
        id,
        title,
        text,
        org,
        policy,
        loc,
        quantities,
        amount_cny,
    };
    format!("{}\n{}\n", to_json_line(&action), to_json_line(&doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::test_support::*;

    #[test]
    fn es_bulk_record_has_canonical_deduplicated_names_and_cny_amounts() {
        let entities = [
            entity(Label::Org, "大船集團", name("大連船舶重工集團")),
            entity(Label::Quantity, "8億元", money(8e8, "CNY")),
            entity(Label::Org, "大連船舶重工集團", name("大連船舶重工集團")),
            entity(Label::Quantity, "3億美元", money(3e8, "USD")),
            entity(Label::Policy, "專精特新", name("專精特新")),
            entity(Label::Loc, "大連", name("大連")),
        ];
        let out = es_bulk_record("news", &json!(12), "正文\n\"引號\"", None, &entities);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(out.ends_with('\n'));
        assert_eq!(lines[0], r#"{"index":{"_index":"news","_id":"12"}}"#);
        let doc: Value = serde_json::from_str(lines[1]).expect("JSON");
        assert_eq!(
            doc,
            json!({
                "id": 12,
                "text": "正文\n\"引號\"",
                "org": ["大連船舶重工集團"],
                "policy": ["專精特新"],
                "loc": ["大連"],
                "quantities": [
                    {"text": "8億元", "value": 8e8, "unit": "CNY"},
                    {"text": "3億美元", "value": 3e8, "unit": "USD"}
                ],
                "amount_cny": [8e8]
            })
        );
    }

    #[test]
    fn pretty_marks_entities_and_survives_bad_offsets() {
        let text = "大船集團擴產";
        let shown = pretty(text, &tagger().tag(text), true);
        assert!(shown.contains("[大船集團]"));
        assert!(shown.ends_with("擴產"));
        let mut bogus = entity(Label::Org, "x", name("x"));
        bogus.byte_start = 1; // inside a char
        bogus.byte_end = 2;
        assert_eq!(pretty(text, &[bogus], true), text);
    }
}
