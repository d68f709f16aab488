//! Stage 5 — the document: what one sentence decided is found again in the others.
//!
//! The recognizers see one sentence at a time. Some knowledge belongs to the document: a short
//! form declared once (`大连船舶重工集团有限公司（以下简称大船集团）`) names the same body
//! wherever it recurs, before or after the declaration. The document stage runs after every
//! sentence of a [section](crate::tagger) has been recognized and before [`crate::resolve`]:
//! it collects such names and proposes their other occurrences as candidates.
//!
//! # Invariants
//! * The scope is the section (a run of whole lines of at most a fixed size), so a declaration
//!   in one article of an archive does not leak into articles far after it, and the work and
//!   memory are bounded by the section, not the document.
//! * Each short form is kept once (the first declaration wins) and all occurrences are found in
//!   one pass over the section's text: the cost is O(text + names).

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::entity::{Label, Normalized, Source};
use crate::recognize::{org, Candidate, Prepared};

/// The names a section declares: short form (prepared script) → canonical name (original
/// script).
#[derive(Debug, Default)]
pub struct Names {
    canonical: FxHashMap<String, String>,
    /// Short forms in the order first declared.
    order: Vec<String>,
}

impl Names {
    /// Records a name; a short form already known keeps its first canonical name.
    ///
    /// ```
    /// let mut names = zhtag::document::Names::default();
    /// names.insert("大船集团".into(), "大連船舶重工集團".into());
    /// names.insert("大船集团".into(), "別的".into());
    /// assert_eq!(names.len(), 1);
    /// ```
    pub fn insert(&mut self, short: String, canonical: String) {
        if !self.canonical.contains_key(&short) {
            self.order.push(short.clone());
            self.canonical.insert(short, canonical);
        }
    }

    /// Number of distinct short forms.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when nothing was declared.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// Runs the document stage over one section: `sentences[i]`'s candidates are `cands[i]`.
/// `original(i, start, end)` gives the original text of chars `start..end` of sentence `i`
/// (declared names are normalized to the original script of the full name).
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "大連船舶重工集團有限公司（以下簡稱大船集團）開工。\n大船集團表示";
/// let orgs: Vec<_> = tagger.tag(text).into_iter().filter(|e| e.text == "大船集團").collect();
/// assert_eq!(orgs.len(), 2);
/// ```
pub fn run(
    sentences: &[Prepared<'_>],
    cands: &mut [Vec<Candidate>],
    original: &dyn Fn(usize, usize, usize) -> String,
) {
    let names = declared_names(sentences, cands, original);
    if names.is_empty() {
        return;
    }
    mark_occurrences(&names, sentences, cands);
}

/// The short forms declared in the section (`…（简称X）` after an ORG candidate).
fn declared_names(
    sentences: &[Prepared<'_>],
    cands: &[Vec<Candidate>],
    original: &dyn Fn(usize, usize, usize) -> String,
) -> Names {
    let mut names = Names::default();
    for (i, (p, cs)) in sentences.iter().zip(cands).enumerate() {
        if !p.text.contains("简称") {
            continue;
        }
        for (short, full) in org::declarations(p, cs) {
            let canonical = p.text.find(&full).map_or(full.clone(), |b| {
                let s = p.char_at_byte(b);
                original(i, s, s + full.chars().count())
            });
            names.insert(short, canonical);
        }
    }
    names
}

/// Proposes every occurrence of a declared short form as a `declared` ORG candidate.
fn mark_occurrences(names: &Names, sentences: &[Prepared<'_>], cands: &mut [Vec<Candidate>]) {
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names.order)
    else {
        return;
    };
    for (p, cs) in sentences.iter().zip(cands.iter_mut()) {
        for m in automaton.find_iter(p.text) {
            let short = &names.order[m.pattern().as_usize()];
            let start = p.char_at_byte(m.start());
            let end = p.char_at_byte(m.end());
            cs.push(Candidate {
                label: Label::Org,
                start,
                end,
                normalized: Normalized::Name {
                    name: names.canonical.get(short).cloned().unwrap_or_default(),
                    kind: None,
                },
                source: Source::Declared,
                strong: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Tagger;

    #[test]
    fn a_short_form_is_found_before_its_declaration_too() {
        let tagger = Tagger::new();
        let text = "華星科技宣布擴產。\n華星光電科技股份有限公司（簡稱華星科技）表示";
        let found: Vec<_> = tagger
            .tag(text)
            .into_iter()
            .filter(|e| e.text == "華星科技")
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|e| matches!(&e.normalized,
            crate::Normalized::Name { name, .. } if name == "華星光電科技股份有限公司")));
    }

    #[test]
    fn repeated_declarations_are_kept_once() {
        let tagger = Tagger::new();
        let article = "華星光電科技股份有限公司（簡稱華星科技）表示，華星科技將擴產。\n";
        let text = article.repeat(50);
        let n = tagger
            .tag(&text)
            .iter()
            .filter(|e| e.text == "華星科技")
            .count();
        assert_eq!(n, 100);
    }
}
