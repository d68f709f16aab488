//! The output record: an [`Entity`] with its label, exact offsets and normalized form.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::quantity::Quantity;

/// What kind of entity a span is.
///
/// ```
/// use zhtag::Label;
/// assert_eq!("ORG".parse::<Label>().unwrap(), Label::Org);
/// assert_eq!(Label::Policy.as_str(), "POLICY");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// A named organization.
    Org,
    /// A number with its unit, measure word or percent sign.
    Quantity,
    /// A named policy, program, designation, plan, indicator or policy document.
    Policy,
    /// A person (from the learned recognizer, [`crate::model`]).
    Person,
    /// A place.
    Loc,
    /// A calendar expression.
    Date,
}

impl Label {
    /// The three labels the tagger produces.
    pub const CORE: [Label; 3] = [Label::Org, Label::Quantity, Label::Policy];
    /// Every label.
    pub const ALL: [Label; 6] = [
        Label::Org,
        Label::Quantity,
        Label::Policy,
        Label::Person,
        Label::Loc,
        Label::Date,
    ];

    /// The label as written in JSON (`ORG`, `QUANTITY`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Org => "ORG",
            Label::Quantity => "QUANTITY",
            Label::Policy => "POLICY",
            Label::Person => "PERSON",
            Label::Loc => "LOC",
            Label::Date => "DATE",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown label {s:?} (expected one of ORG, QUANTITY, POLICY, PERSON, LOC, DATE)"))
    }
}

/// Which recognizer decided an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A dictionary entry (name or alias).
    Dictionary,
    /// A short form declared in the same text (`…(以下簡稱大船集團)`).
    Declared,
    /// A structural rule for unseen names.
    Rule,
    /// The quantity grammar.
    Grammar,
    /// The learned sequence labeller ([`crate::model`]).
    Model,
}

/// The normalized form of an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Normalized {
    /// ORG and POLICY: the canonical name (and the dictionary's type or category, when known).
    Name {
        /// Canonical name.
        name: String,
        /// Dictionary type (`company`, `government`, …) or category (`designation`, …).
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    /// QUANTITY: value and unit.
    Quantity(Quantity),
}

/// One entity found in a text.
///
/// # Invariant
/// `text == original[byte_start..byte_end]`, and `start..end` are the same span in `char`s
/// (Unicode code points), end exclusive.
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "瓦軸集團擬斥資8億元";
/// for e in tagger.tag(text) {
///     assert_eq!(e.text, &text[e.byte_start..e.byte_end]);
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The label.
    pub label: Label,
    /// The original text of the span.
    pub text: String,
    /// First char (code point) of the span.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// First byte of the span in the UTF-8 text.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// Canonical name or value and unit.
    pub normalized: Normalized,
    /// Which recognizer decided it.
    pub source: Source,
    /// For the learned recognizer's entities: its confidence in `0..1` (a monotone function of
    /// the Viterbi margin, not a probability), rounded to 4 decimals so that it reads the same
    /// in JSON and as a Python float; absent for the other sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}
