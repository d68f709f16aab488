//! Scoring against gold files, as defined in the annotation guidelines: **strict** (exact span
//! and label) and **lenient** (overlapping span, same label) precision, recall and F1 per label.
//!
//! ```
//! use zhtag::eval::Counts;
//! let mut strict = Counts::default();
//! strict.add_spans(&[(0, 3), (5, 7)], &[(0, 3), (5, 6)], true);
//! assert_eq!(strict.f1(), 0.5);
//! let mut lenient = Counts::default();
//! lenient.add_spans(&[(0, 3), (5, 7)], &[(0, 3), (5, 6)], false);
//! assert_eq!(lenient.f1(), 1.0);
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Label};
use crate::error::Error;
use crate::Tagger;

/// A gold entity (offsets in chars, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Label.
    pub label: Label,
    /// The text at the offsets.
    #[serde(default)]
    pub text: String,
}

/// A gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Document id.
    #[serde(default)]
    pub id: serde_json::Value,
    /// The text.
    pub text: String,
    /// The annotated entities.
    pub entities: Vec<GoldEntity>,
}

/// Reads a gold JSONL file; a malformed line is an error naming file and line.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::Gold {
            file: path.display().to_string(),
            line: i + 1,
            message,
        };
        let doc: GoldDoc =
            serde_json::from_str(line).map_err(|e| bad(format!("not a gold record: {e}")))?;
        let chars = doc.text.chars().count();
        for (n, g) in doc.entities.iter().enumerate() {
            if g.start > g.end || g.end > chars {
                return Err(bad(format!(
                    "entity {n} ({}) has span {}..{}, not within the text's {chars} chars",
                    g.label.as_str(),
                    g.start,
                    g.end
                )));
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Predicted spans that match a gold span.
    pub tp_pred: usize,
    /// Gold spans matched by a prediction.
    pub tp_gold: usize,
    /// Number of predictions.
    pub predicted: usize,
    /// Number of gold spans.
    pub gold: usize,
}

impl Counts {
    /// Adds the gold and predicted spans of one label in one document; `strict` compares spans
    /// exactly, otherwise any overlap counts.
    pub fn add_spans(&mut self, gold: &[(usize, usize)], pred: &[(usize, usize)], strict: bool) {
        let hit = |a: (usize, usize), b: (usize, usize)| {
            if strict {
                a == b
            } else {
                a.0 < b.1 && b.0 < a.1
            }
        };
        self.predicted += pred.len();
        self.gold += gold.len();
        self.tp_pred += pred
            .iter()
            .filter(|p| gold.iter().any(|g| hit(**p, *g)))
            .count();
        self.tp_gold += gold
            .iter()
            .filter(|g| pred.iter().any(|p| hit(*p, **g)))
            .count();
    }

    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.tp_pred as f64 / self.predicted as f64
        }
    }

    /// Recall (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores of one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LabelScores {
    /// Exact span and label.
    pub strict: Counts,
    /// Overlapping span, same label.
    pub lenient: Counts,
}

/// One disagreement with the gold, for error analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Document id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// `"missed"` (gold not predicted) or `"spurious"` (predicted, not gold).
    pub kind: &'static str,
    /// The span's text.
    pub text: String,
    /// A little context.
    pub context: String,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Scores per label.
    pub labels: BTreeMap<Label, LabelScores>,
    /// Strict disagreements.
    pub misses: Vec<Miss>,
    /// Predicted entities whose text is not the original slice (must stay empty).
    pub offset_errors: usize,
}

impl Report {
    /// Scores of one label (zeros if absent).
    pub fn get(&self, label: Label) -> LabelScores {
        self.labels.get(&label).copied().unwrap_or_default()
    }

    /// A table for people.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<9} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}",
            "label", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
        );
        for (l, sc) in &self.labels {
            let (st, le) = (sc.strict, sc.lenient);
            let _ = writeln!(
                s,
                "{:<9} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}",
                l.as_str(),
                st.gold,
                st.predicted,
                st.precision(),
                st.recall(),
                st.f1(),
                le.precision(),
                le.recall(),
                le.f1()
            );
        }
        let _ = writeln!(
            s,
            "strict: exact span and label; ~ lenient: overlapping span, same label"
        );
        s
    }
}

fn context(text: &str, start: usize, end: usize) -> String {
    // any span (even start > end or past the text) gives a context: the bounds are clamped
    let chars: Vec<char> = text.chars().collect();
    let s = start.min(chars.len());
    let e = end.min(chars.len()).max(s);
    let a = s.saturating_sub(8);
    let b = e.saturating_add(8).min(chars.len());
    format!(
        "{}[{}]{}",
        chars[a..s].iter().collect::<String>(),
        chars[s..e].iter().collect::<String>(),
        chars[e..b].iter().collect::<String>()
    )
}

/// Tags every gold text and scores the labels in `labels`.
pub fn evaluate(tagger: &Tagger, docs: &[GoldDoc], labels: &[Label]) -> Report {
    let mut report = Report::default();
    for doc in docs {
        let predicted: Vec<Entity> = tagger.tag(&doc.text);
        report.offset_errors += predicted
            .iter()
            .filter(|e| doc.text.get(e.byte_start..e.byte_end) != Some(e.text.as_str()))
            .count();
        let id = match &doc.id {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        for &label in labels {
            let gold: Vec<(usize, usize)> = doc
                .entities
                .iter()
                .filter(|g| g.label == label)
                .map(|g| (g.start, g.end))
                .collect();
            let pred: Vec<(usize, usize)> = predicted
                .iter()
                .filter(|e| e.label == label)
                .map(|e| (e.start, e.end))
                .collect();
            let sc = report.labels.entry(label).or_default();
            sc.strict.add_spans(&gold, &pred, true);
            sc.lenient.add_spans(&gold, &pred, false);
            let missed = gold
                .iter()
                .filter(|g| !pred.contains(g))
                .map(|g| ("missed", g));
            let spurious = pred
                .iter()
                .filter(|p| !gold.contains(p))
                .map(|p| ("spurious", p));
            for (kind, &(start, end)) in missed.chain(spurious) {
                report.misses.push(Miss {
                    id: id.clone(),
                    label,
                    kind,
                    text: slice(&doc.text, start, end),
                    context: context(&doc.text, start, end),
                });
            }
        }
    }
    report
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str, spans: &[(usize, usize, Label)]) -> GoldDoc {
        GoldDoc {
            id: serde_json::Value::from("d1"),
            text: text.into(),
            entities: spans
                .iter()
                .map(|&(start, end, label)| GoldEntity {
                    start,
                    end,
                    label,
                    text: slice(text, start, end),
                })
                .collect(),
        }
    }

    #[test]
    fn misses_list_the_missed_gold_spans_then_the_spurious_predictions() {
        // the tagger finds 瓦軸集團 (0..4) and 8億元 (7..10); the gold here claims 瓦軸 (0..2)
        // as the ORG and 8億元 as the QUANTITY
        let doc = gold(
            "瓦軸集團擬斥資8億元新建軸承工廠",
            &[(0, 2, Label::Org), (7, 10, Label::Quantity)],
        );
        let r = evaluate(&Tagger::new(), &[doc], &[Label::Org, Label::Quantity]);
        let misses: Vec<(&str, &str, &str)> = r
            .misses
            .iter()
            .map(|m| (m.id.as_str(), m.kind, m.text.as_str()))
            .collect();
        assert_eq!(
            misses,
            [("d1", "missed", "瓦軸"), ("d1", "spurious", "瓦軸集團")]
        );
        assert_eq!(r.labels[&Label::Quantity].strict.f1(), 1.0);
        assert_eq!(r.labels[&Label::Org].strict.f1(), 0.0);
    }
}
