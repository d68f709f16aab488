//! Stage 5 — one non-overlapping entity list.
//!
//! # Rule
//! The longest candidate wins (the longer named unit: 三篇大文章 over 三篇, 大连市工业和信息化局
//! over 大连市); among equal lengths, a dictionary match beats a rule, a rule beats the grammar,
//! the grammar beats the learned model, and an earlier start wins. The result is in text order and no two spans share a char.

use crate::entity::Source;
use crate::recognize::Candidate;

fn rank(s: Source) -> u8 {
    match s {
        Source::Dictionary => 4,
        Source::Declared => 3,
        Source::Rule => 2,
        Source::Grammar => 1,
        Source::Model => 0,
    }
}

/// Chooses non-overlapping candidates (see the module rule); returns them in text order.
pub fn resolve(mut candidates: Vec<Candidate>, len: usize) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end && c.end <= len);
    // rank indexes rather than the candidates themselves (a quantity candidate is large)
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&candidates[a], &candidates[b]);
        b.len()
            .cmp(&a.len())
            .then(rank(b.source).cmp(&rank(a.source)))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; len];
    let mut keep = vec![false; candidates.len()];
    for i in order {
        let c = &candidates[i];
        let Some(span) = taken.get_mut(c.start..c.end) else {
            continue;
        };
        if span.iter().any(|&t| t) {
            continue;
        }
        span.iter_mut().for_each(|t| *t = true);
        keep[i] = true;
    }
    // the chosen spans do not overlap, so their starts differ and text order is total
    let mut chosen: Vec<Candidate> = candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
    chosen.sort_by_key(|c| c.start);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;

    fn cand(label: Label, start: usize, end: usize, source: Source) -> Candidate {
        Candidate {
            source,
            ..Candidate::rule(label, start, end)
        }
    }

    #[test]
    fn longer_span_wins_and_output_is_in_text_order() {
        let out = resolve(
            vec![
                cand(Label::Quantity, 0, 2, Source::Grammar),
                cand(Label::Policy, 0, 5, Source::Dictionary),
                cand(Label::Org, 6, 8, Source::Rule),
            ],
            10,
        );
        assert_eq!(
            out.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(),
            [(0, 5), (6, 8)]
        );
    }

    #[test]
    fn dictionary_beats_rule_at_equal_length() {
        let out = resolve(
            vec![
                cand(Label::Org, 0, 3, Source::Rule),
                cand(Label::Loc, 0, 3, Source::Dictionary),
            ],
            3,
        );
        assert_eq!(out[0].label, Label::Loc);
    }

    #[test]
    fn out_of_range_candidates_are_dropped() {
        assert!(resolve(vec![cand(Label::Org, 2, 9, Source::Rule)], 5).is_empty());
    }
}
