//! QUANTITY candidates from the grammar in [`crate::quantity`].

use super::{Candidate, Prepared};
use crate::entity::{Label, Normalized, Source};

/// Proposes every quantity the grammar finds in `p`.
pub fn find(p: &Prepared, out: &mut Vec<Candidate>) {
    for q in crate::quantity::find_quantities_in_chars(&p.chars) {
        if q.start < q.end && q.end <= p.len() {
            out.push(Candidate {
                label: Label::Quantity,
                start: q.start,
                end: q.end,
                normalized: Normalized::Quantity(q.quantity),
                source: Source::Grammar,
                strong: false,
                confidence: None,
            });
        }
    }
}

/// The quantity grammar as a recognizer (see [`find`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Grammar;

impl super::Recognizer for Grammar {
    fn name(&self) -> &'static str {
        "quantity"
    }
    fn find(&self, p: &Prepared<'_>, _: &super::Context<'_>, cands: &mut Vec<Candidate>) {
        find(p, cands);
    }
}
