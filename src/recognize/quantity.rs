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
                confidence: None,
            });
        }
    }
}
