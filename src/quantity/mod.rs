//! QUANTITY: the grammar of Chinese amounts and their normalized values.
//!
//! # Contract
//! The recognizer works on *prepared* text: full-width ASCII already folded to half-width, ASCII
//! lower-cased, and Traditional characters converted to Simplified (see [`crate::normalize`] and
//! [`crate::convert`]). All offsets it returns are `char` indexes into that prepared text, end
//! exclusive; because preparation never changes the number of characters in the default
//! configuration, the pipeline maps them back to the original text with [`crate::convert::OffsetMap`].
//!
//! [`find_quantities`] scans running text; [`parse_quantity`] reads one whole expression (it prepares
//! the expression itself, so it accepts either script and full-width forms).

use serde::Serialize;

/// The normalized value of a QUANTITY entity.
///
/// ```
/// let q = zhtag::quantity::parse_quantity("460億元").unwrap();
/// assert_eq!(q.value, 4.6e10);
/// assert_eq!(q.unit, "CNY");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The value in `unit` (for a range, the lower end).
    pub value: f64,
    /// Canonical unit: an ISO 4217 code for money, `%`, `MW`, or the measure word itself (`家`).
    pub unit: String,
    /// Lower end of a range (`20-30億美元`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// True for approximate numerals (數千億, 十多家).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approx: bool,
    /// A hedge word next to the span but outside it (約, 近, 超, 逾, 左右, 以上).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
}

/// A quantity found in prepared text: `start..end` are `char` indexes, end exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantitySpan {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
    /// The normalized value.
    pub quantity: Quantity,
}

/// Why an expression is not a quantity.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("not a quantity: {reason}")]
pub struct QuantityError {
    /// What was wrong.
    pub reason: String,
}

/// Finds every quantity in prepared text, in text order, non-overlapping.
pub fn find_quantities(_prepared: &str) -> Vec<QuantitySpan> {
    Vec::new()
}

/// Parses one whole expression (either script, half- or full-width) as a quantity.
pub fn parse_quantity(_expr: &str) -> Result<Quantity, QuantityError> {
    Err(QuantityError {
        reason: "unimplemented".into(),
    })
}
