//! Stage 5 — one non-overlapping entity list.
//!
//! # Rule
//! The longest candidate wins (the longer named unit: 三篇大文章 over 三篇, 大连市工业和信息化局
//! over 大连市); among equal lengths, a dictionary match beats a rule, a rule beats the grammar,
//! and an earlier start wins. The result is in text order and no two spans share a char.

use crate::entity::Source;
use crate::recognize::Candidate;

fn rank(s: Source) -> u8 {
    match s {
        Source::Dictionary => 3,
        Source::Declared => 2,
        Source::Rule => 1,
        Source::Grammar => 0,
    }
}

/// Chooses non-overlapping candidates (see the module rule); returns them in text order.
pub fn resolve(mut candidates: Vec<Candidate>, len: usize) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end && c.end <= len);
    candidates.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(rank(b.source).cmp(&rank(a.source)))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; len];
    let mut chosen = Vec::new();
    for c in candidates {
        if taken[c.start..c.end].iter().any(|&t| t) {
            continue;
        }
        taken[c.start..c.end].iter_mut().for_each(|t| *t = true);
        chosen.push(c);
    }
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
