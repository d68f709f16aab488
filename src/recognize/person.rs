//! PERSON from the learned sequence labeller ([`crate::model`]).
//!
//! The model runs on each sentence (after the dictionaries and rules, whose dictionary matches
//! are among its features) and proposes its PERSON spans with `source: "model"` and a
//! confidence. Where a dictionary entry or a short form declared in the text covers any char of
//! a span, the dictionary decides and the span is dropped; against rules and the grammar,
//! [`crate::resolve`] decides (longest first, the model last among equals).

use std::cell::RefCell;
use std::ops::Range;

use super::{Candidate, Context, Prepared, Recognizer};
use crate::entity::{Label, Normalized, Source};
use crate::model::features::{cue_word, DictSpan};
use crate::model::{Buffers, Model, ModelSpan};

/// Spans below this confidence are dropped (chosen on the dev files, see models/README.md).
pub const MIN_CONFIDENCE: f32 = 0.0;

/// A dictionary word is common from this jieba frequency on. Rarer entries tagged `n` are often
/// names jieba filed as nouns (刘澜涛 45, 何庆魁 3), common words run higher (石料 209, 森林 5,024).
pub const COMMON_WORD_MIN_FREQ: usize = 100;

/// The PERSON recognizer over the embedded model (loaded on first use).
///
/// ```
/// use zhtag::recognize::person::PersonRecognizer;
/// use zhtag::recognize::{Context, Prepared, Recognizer};
/// let tagger = zhtag::Tagger::new();
/// let text = tagger.prepare("市長王大明表示，明年將擴大投資。");
/// let p = Prepared::new(&text, tagger.segmenter().tokens(&text));
/// let ctx = tagger.context();
/// let mut cands = Vec::new();
/// PersonRecognizer::default().find(&p, &ctx, &mut cands);
/// assert!(cands.iter().any(|c| (c.start, c.end) == (2, 5)));
/// ```
#[derive(Debug, Clone)]
pub struct PersonRecognizer {
    min_confidence: f32,
}

impl Default for PersonRecognizer {
    fn default() -> Self {
        PersonRecognizer {
            min_confidence: MIN_CONFIDENCE,
        }
    }
}

thread_local! {
    #[allow(clippy::type_complexity)]
    static BUFFERS: RefCell<(Buffers, Vec<DictSpan>, Vec<ModelSpan>, Vec<Range<usize>>)> =
        RefCell::default();
}

impl PersonRecognizer {
    /// A recognizer that keeps spans of at least `min_confidence`.
    pub fn with_min_confidence(min_confidence: f32) -> Self {
        PersonRecognizer { min_confidence }
    }
}

/// True when a dictionary match or a declared short form decides these chars.
fn decided(c: &Candidate) -> bool {
    matches!(c.source, Source::Dictionary | Source::Declared)
}

/// True when the model's span `start..end` is a common word of two chars (of at least
/// [`COMMON_WORD_MIN_FREQ`]; longer dictionary words the model calls names are mostly famous
/// names jieba files under other tags, 周恩来 `t`, 拿破仑 `n`) and nothing around it says a
/// person is named: jieba's dictionary knows the chars as one word of a tag that names no
/// person (森林 `n`, 施加 `v`; not the name tags `nr*`, nor the proper nouns `nz`, `ns`, `nt`,
/// under which jieba files many foreign names: 苏格拉底 `ns`), and
/// no title word ends right before it (局长江滨) nor a reporting verb follows it (江滨表示).
fn uncued_common_word(p: &Prepared<'_>, ctx: &Context<'_>, start: usize, end: usize) -> bool {
    if end - start != 2 {
        return false;
    }
    let common = match ctx.segmenter.pos(p.slice(start, end)) {
        Some(tag) => {
            !tag.is_empty() && !tag.starts_with("nr") && !matches!(tag.as_str(), "nz" | "ns" | "nt")
        }
        None => false,
    };
    if !common || ctx.segmenter.word_freq(p.slice(start, end)).unwrap_or(0) < COMMON_WORD_MIN_FREQ {
        return false;
    }
    let cue = |k: Option<usize>| {
        k.and_then(|k| p.tokens.get(k))
            .map_or(0, |t| cue_word(p.slice(t.start, t.end)))
    };
    let title = cue(p.token_ending_at(start)) & 1 != 0;
    let verb = cue(p.token_starting_at(end)) & 2 != 0;
    !title && !verb
}

/// True when the span is a surname and a title or honorific (刘某, 侯老, 王先生): the surname
/// alone is the name, found by [`super::surname`]; or a surname and 姓 (陈姓男子, "a man
/// surnamed Chen"), which names a surname, not a person.
fn surname_and_title(p: &Prepared<'_>, start: usize, end: usize) -> bool {
    end - start >= 2
        && crate::model::features::is_surname(p.char_at(start))
        && (super::surname::is_title(p.slice(start + 1, end)) || p.slice(start + 1, end) == "姓")
}

/// The end of the model's span `start..end` snapped to the end of the jieba token it starts:
/// a span that cuts a token of at most [`WHOLE_NAME_MAX_LEN`] Han chars after its first chars
/// takes the whole token (李政 of 李政道) when the token is a word of jieba's dictionary or
/// each char it adds is rare as a word of its own (禄 of 徐相禄, a token of jieba's HMM); a
/// function char the HMM glued to a name stays outside (是 of 郑咏是, 于 of 潘迪于). Any other
/// span keeps its end.
fn whole_word_end(p: &Prepared<'_>, ctx: &Context<'_>, start: usize, end: usize) -> usize {
    let Some(t) = p.token_starting_at(start).and_then(|k| p.tokens.get(k)) else {
        return end;
    };
    if t.end <= end || t.end - start > WHOLE_NAME_MAX_LEN {
        return end;
    }
    if !(start..t.end).all(|i| p.char_at(i).is_some_and(super::is_han)) {
        return end;
    }
    let rare =
        |i: usize| ctx.segmenter.word_freq(p.slice(i, i + 1)).unwrap_or(0) < ADDED_CHAR_MAX_FREQ;
    if ctx.segmenter.jieba().has_word(p.slice(start, t.end)) || (end..t.end).all(rare) {
        t.end
    } else {
        end
    }
}

/// A char that snapping a model span to its word adds to the name must be rarer than this as
/// a one-char word of jieba's dictionary (name chars: 禄 404, 蔚 163; function chars: 作
/// 28,016, 于 106,176).
pub const ADDED_CHAR_MAX_FREQ: usize = 10_000;

/// The longest jieba word a model's name span grows to when snapped to its word (a surname
/// and a two-char given name).
pub const WHOLE_NAME_MAX_LEN: usize = 3;

impl Recognizer for PersonRecognizer {
    fn name(&self) -> &'static str {
        "person"
    }

    fn labels(&self) -> &'static [Label] {
        &[Label::Person]
    }

    fn find(&self, p: &Prepared<'_>, ctx: &Context<'_>, cands: &mut Vec<Candidate>) {
        // a model that does not load (it is tested, so only a broken build) finds nothing
        let Ok(model) = Model::embedded() else {
            return;
        };
        if p.is_empty() {
            return;
        }
        BUFFERS.with(|b| {
            let Ok(mut b) = b.try_borrow_mut() else {
                return;
            };
            let (buffers, dict, spans, ranges) = &mut *b;
            model.active(p, ctx.segmenter, ranges);
            if ranges.is_empty() {
                return;
            }
            dict.clear();
            dict.extend(
                cands
                    .iter()
                    .filter(|c| c.source == Source::Dictionary)
                    .map(DictSpan::from),
            );
            spans.clear();
            model.find_in(p, dict, ranges, buffers, spans);
            let first_new = cands.len();
            for s in spans.iter() {
                if s.label != Label::Person || s.confidence < self.min_confidence {
                    continue;
                }
                let end = whole_word_end(p, ctx, s.start, s.end);
                if uncued_common_word(p, ctx, s.start, end) || surname_and_title(p, s.start, end) {
                    continue;
                }
                if cands[..first_new]
                    .iter()
                    .any(|c| decided(c) && c.start < end && s.start < c.end)
                {
                    continue;
                }
                cands.push(Candidate {
                    label: Label::Person,
                    start: s.start,
                    end,
                    normalized: Normalized::Name {
                        name: String::new(),
                        kind: None,
                    },
                    source: Source::Model,
                    confidence: Some(s.confidence),
                    strong: false,
                });
            }
        });
    }
}
