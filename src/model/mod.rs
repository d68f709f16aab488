//! A learned character-level sequence labeller: an averaged structured perceptron over BIOES
//! tags with first-order Viterbi decoding (see `models/README.md` for why, the data and the
//! figures).
//!
//! * [`features`] — the feature templates (char n-grams anchored at a char, char classes,
//!   jieba token shape, dictionary matches, surname and title/verb cues), hashed to 64-bit keys;
//! * [`viterbi`] — decoding and a per-span margin (how much the score would drop if any one char
//!   of the span were tagged otherwise), the source of the confidence;
//! * [`train`] — the trainer (deterministic: same sentences, same options, same weights);
//! * [`format`] — the model file, read without trusting it (a malformed file is a [`ModelError`]).
//!
//! ```
//! use zhtag::model::Model;
//! let model = Model::embedded().expect("the shipped model loads");
//! assert_eq!(model.types(), [zhtag::Label::Person]);
//! ```

pub mod features;
pub mod format;
pub mod train;
pub mod viterbi;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::entity::Label;
use crate::recognize::Prepared;
use features::{for_each_feature, DictSpan, Scratch, Template};

pub use format::ModelError;

/// The shipped model (`models/person.zhm`, made by `examples/train_model.rs`).
static EMBEDDED: &[u8] = include_bytes!("../../models/person.zhm");

/// A span the model found, in chars of the prepared text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelSpan {
    /// Its label.
    pub label: Label,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The smallest score drop of retagging one char of the span (≥ 0).
    pub margin: f32,
    /// `margin` mapped to `0..1` by the model's scale (monotone; not a probability).
    pub confidence: f32,
}

/// The span without the spaces and punctuation at its edges (the training text has no spaces,
/// so the model has not learnt that a name does not start with one), or `None` when no Han
/// char is left: the training data has too few Latin names for the model to be trusted on them.
///
/// ```
/// use zhtag::recognize::Prepared;
/// let p = Prepared::new(" 邱润青、mif", vec![]);
/// assert_eq!(zhtag::model::clean_span(&p, 0, 5), Some((1, 4)));
/// assert_eq!(zhtag::model::clean_span(&p, 5, 8), None);
/// ```
pub fn clean_span(p: &Prepared<'_>, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    let inner = |c: char| c.is_alphanumeric() || matches!(c, '·' | '•' | '‧' | '・' | '-');
    while start < end && !p.char_at(start).is_some_and(|c| c.is_alphanumeric()) {
        start += 1;
    }
    while end > start && !p.char_at(end - 1).is_some_and(|c| c.is_alphanumeric()) {
        end -= 1;
    }
    let chars = p.chars.get(start..end)?;
    (chars.iter().any(|&c| crate::recognize::is_han(c)) && chars.iter().all(|&c| inner(c)))
        .then_some((start, end))
}

/// A trained model: BIOES tags over its entity types, transition scores and feature weights.
///
/// Tags: 0 is O; type `k` has B = 1 + 4k, I = 2 + 4k, E = 3 + 4k, S = 4 + 4k.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) types: Vec<Label>,
    /// `trans[prev * n_tags + next]`; row `n_tags` holds the start scores.
    pub(crate) trans: Vec<f32>,
    /// Score of ending on each tag.
    pub(crate) end: Vec<f32>,
    /// Feature key → index of its first weight in `weights`.
    pub(crate) index: FxHashMap<u64, u32>,
    /// Weight blocks: per feature, `span` offsets × `n_tags`.
    pub(crate) weights: Vec<f32>,
    /// Name words of jieba's dictionary (a feature).
    pub(crate) names: features::NameSet,
    /// Margin scale of the confidence: `confidence = 1 - exp(-margin / scale)`.
    pub(crate) scale: f32,
}

/// Reusable buffers for [`Model::find_with`].
#[derive(Debug, Default)]
pub struct Buffers {
    scratch: Scratch,
    emit: Vec<f32>,
    viterbi: viterbi::Buffers,
}

impl Model {
    /// The embedded PERSON model, parsed once per process on first use.
    ///
    /// ```
    /// let m = zhtag::model::Model::embedded().expect("loads");
    /// assert!(m.feature_count() > 1000);
    /// ```
    pub fn embedded() -> Result<&'static Model, &'static ModelError> {
        static M: OnceLock<Result<Model, ModelError>> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(EMBEDDED)).as_ref()
    }

    /// The entity types the model tags.
    pub fn types(&self) -> &[Label] {
        &self.types
    }

    /// Number of tags (1 + 4 × types).
    pub fn n_tags(&self) -> usize {
        1 + 4 * self.types.len()
    }

    /// Number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// The weight block of a feature key, if the model has it.
    #[inline]
    fn block(&self, key: u64) -> Option<&[f32]> {
        let &at = self.index.get(&key)?;
        let t = Template::of_key(key)?;
        let len = t.span().1 * self.n_tags();
        self.weights.get(at as usize..at as usize + len)
    }

    /// Adds the feature scores of `p` into `emit` (`len × n_tags`, zeroed here).
    fn emissions(&self, p: &Prepared<'_>, dict: &[DictSpan], b: &mut Buffers) {
        let n = p.chars.len();
        let nt = self.n_tags();
        b.emit.clear();
        b.emit.resize(n * nt, 0.0);
        let emit = &mut b.emit;
        for_each_feature(p, dict, &self.names, &mut b.scratch, |key, anchor| {
            let Some(w) = self.block(key) else {
                return;
            };
            let Some(t) = Template::of_key(key) else {
                return;
            };
            let (first, _) = t.span();
            for (o, row) in w.chunks_exact(nt).enumerate() {
                let j = anchor as isize + first + o as isize;
                if j < 0 || j as usize >= n {
                    continue;
                }
                let at = j as usize * nt;
                if let Some(dst) = emit.get_mut(at..at + nt) {
                    for (d, s) in dst.iter_mut().zip(row) {
                        *d += s;
                    }
                }
            }
        });
    }

    /// The spans of sentence `p`, with `dict` the dictionary matches in it.
    ///
    /// ```
    /// use zhtag::model::Model;
    /// let tagger = zhtag::Tagger::new();
    /// let text = tagger.prepare("局長江濱介紹，大連今年");
    /// let p = zhtag::recognize::Prepared::new(&text, tagger.segmenter().tokens(&text));
    /// let spans = Model::embedded().expect("loads").find(&p, &[]);
    /// assert!(spans.iter().any(|s| (s.start, s.end) == (2, 4)));
    /// ```
    pub fn find(&self, p: &Prepared<'_>, dict: &[DictSpan]) -> Vec<ModelSpan> {
        let mut b = Buffers::default();
        let mut out = Vec::new();
        self.find_with(p, dict, &mut b, &mut out);
        out
    }

    /// [`Model::find`] with caller-owned buffers; appends to `out`.
    pub fn find_with(
        &self,
        p: &Prepared<'_>,
        dict: &[DictSpan],
        b: &mut Buffers,
        out: &mut Vec<ModelSpan>,
    ) {
        if p.chars.is_empty() {
            return;
        }
        self.emissions(p, dict, b);
        let n = p.chars.len();
        viterbi::decode(self, &b.emit, n, &mut b.viterbi);
        viterbi::margins(self, &b.emit, n, &mut b.viterbi);
        let (tags, margins) = b.viterbi.result();
        for (start, end, k) in viterbi::spans(tags) {
            let Some(&label) = self.types.get(k) else {
                continue;
            };
            let Some((start, end)) = clean_span(p, start, end) else {
                continue;
            };
            let margin = margins
                .get(start..end)
                .and_then(|m| m.iter().copied().reduce(f32::min))
                .unwrap_or(0.0);
            out.push(ModelSpan {
                label,
                start,
                end,
                margin,
                confidence: self.confidence(margin),
            });
        }
    }

    /// The tags Viterbi gives `p` (for the trainer and tests).
    pub fn tags(&self, p: &Prepared<'_>, dict: &[DictSpan]) -> Vec<u8> {
        let mut b = Buffers::default();
        self.emissions(p, dict, &mut b);
        viterbi::decode(self, &b.emit, p.chars.len(), &mut b.viterbi).to_vec()
    }

    /// `1 - exp(-margin / scale)`.
    pub fn confidence(&self, margin: f32) -> f32 {
        if self.scale > 0.0 && margin.is_finite() {
            1.0 - (-margin.max(0.0) / self.scale).exp()
        } else {
            0.0
        }
    }
}
