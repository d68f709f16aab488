//! A learned character-level sequence labeller: an averaged structured perceptron over BIOES
//! tags with first-order Viterbi decoding (see `models/README.md` for why, the data and the
//! figures).
//!
//! * [`features`] — the feature templates (char n-grams anchored at a char, char classes,
//!   jieba token shape, dictionary matches, surname and title/verb cues), hashed to 64-bit keys;
//! * [`viterbi`] — decoding and a per-span margin (how much the score would drop if any one char
//!   of the span were tagged otherwise), the source of the confidence;
//! * [`train`] — the trainer (deterministic: same sentences, same options, same weights);
//! * [`format`](mod@format) — the model file, read without trusting it (a malformed file is a [`ModelError`]).
//!
//! ```
//! use zhtag::model::Model;
//! let model = Model::embedded().expect("the shipped model loads");
//! assert_eq!(model.types(), [zhtag::Label::Person]);
//! ```

pub mod features;
pub mod format;
pub mod table;
pub mod train;
pub mod viterbi;

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::entity::Label;
use crate::recognize::Prepared;
use crate::segment::Segmenter;
use features::{for_each_feature, key, DictSpan, Scratch, Template};

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
/// // a photo credit's 摄 at the end of a caption is not part of the name
/// let p = Prepared::new("（记者林志远摄）", vec![]);
/// assert_eq!(zhtag::model::clean_span(&p, 3, 7), Some((3, 6)));
/// ```
pub fn clean_span(p: &Prepared<'_>, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    let inner = |c: char| c.is_alphanumeric() || matches!(c, '·' | '•' | '‧' | '・' | '-');
    while start < end && !p.char_at(start).is_some_and(|c| c.is_alphanumeric()) {
        start += 1;
    }
    while end > start && !p.char_at(end - 1).is_some_and(|c| c.is_alphanumeric()) {
        end -= 1;
    }
    // a photo credit: 记者某某摄 (）…) — 摄 "photographed by" is the caption's verb, not a char
    // of the name
    if end - start >= 3
        && p.char_at(end - 1) == Some('摄')
        && p.char_at(end).is_none_or(|c| !crate::recognize::is_han(c))
    {
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
    /// All words of jieba's dictionary of 2–4 chars (for the gate; empty: ask jieba).
    pub(crate) known: features::KnownWords,
    /// Chars that began at least two names in the training data, in increasing order (where
    /// [`Model::active`] looks for names).
    pub(crate) starters: Vec<char>,
    /// Margin scale of the confidence: `confidence = 1 - exp(-margin / scale)`.
    pub(crate) scale: f32,
    /// Lookup tables derived from the above by [`Model::build_tables`].
    pub(crate) tables: Tables,
}

/// A surname starts a window when it begins a token of at most this many chars: the surname
/// alone, surname + a given-name char, or a whole Chinese name that jieba's dictionary files as
/// a word of another tag (杨千嬅 `nz`), which no other part of the gate opens.
const GATE_SURNAME_TOKEN_LEN: usize = 3;

/// No weights for this value.
const NONE: u32 = u32::MAX;

/// Direct lookup tables, so that most features cost one array load instead of a hash lookup,
/// and transitions with the BIOES constraints folded in (−∞ where not allowed).
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    /// [`Model::starters`] and the common surnames.
    starters: Option<crate::charset::CharSet>,
    /// Packed offset of the unigram of each BMP char.
    uni: Vec<u32>,
    /// Packed offset of each value of the small templates, indexed by template number.
    small: [Vec<u32>; 10],
    /// Packed offset of the other n-gram keys.
    ngram: table::FlatIndex,
    /// The weights, relative to O and quantized.
    packed: table::Packed,
    /// `(n_tags + 1) × n_tags`: transitions, then the start row (row 0 is also the row after O).
    pub(crate) trans: Vec<f32>,
    /// End scores.
    pub(crate) end: Vec<f32>,
}

/// A feature's weight rows that fall in the decoded window: `len` weights from `src` of the
/// packed weights add to `acc[dst..dst + len]`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    src: u32,
    dst: u32,
    len: u32,
}

/// Reusable buffers for [`Model::find_with`].
#[derive(Debug, Default)]
pub struct Buffers {
    scratch: Scratch,
    acc: Vec<i32>,
    hits: Vec<Hit>,
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

    /// Replaces the filter of jieba's dictionary words that [`Model::active`] asks (an empty
    /// one: ask the segmenter's jieba, slower).
    ///
    /// ```
    /// let mut m = zhtag::model::Model::embedded().expect("loads").clone();
    /// m.set_known(Default::default());
    /// assert!(m.feature_count() > 1000);
    /// ```
    pub fn set_known(&mut self, known: features::KnownWords) {
        self.known = known;
    }

    /// Number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// The masked transitions of the tables.
    fn trans_view(&self) -> viterbi::Trans<'_> {
        viterbi::Trans {
            nt: self.n_tags(),
            trans: &self.tables.trans,
            end: &self.tables.end,
        }
    }

    /// The model with its [`Tables`] built.
    pub(crate) fn with_tables(mut self) -> Self {
        self.build_tables();
        self
    }

    /// Fills [`Tables`] from the weights and the index (after loading or training).
    pub(crate) fn build_tables(&mut self) {
        let nt = self.n_tags();
        let lanes = nt - 1;
        // f32 offsets are multiples of nt (blocks are whole rows)
        let packed_at = |at: u32| (at as usize / nt * lanes) as u32;
        let get = |k: u64| self.index.get(&k).map_or(NONE, |&at| packed_at(at));
        let uni = (0..0x1_0000u64)
            .map(|c| get(key(Template::Uni, c)))
            .collect();
        let mut small: [Vec<u32>; 10] = Default::default();
        for &t in &Template::SMALL {
            small[t as usize] = (0..t.domain().unwrap_or(0))
                .map(|v| get(key(t, v)))
                .collect();
        }
        let mut ngram_keys: Vec<(u64, u32)> = self
            .index
            .iter()
            .filter(|(k, _)| {
                matches!(
                    Template::of_key(**k),
                    Some(Template::Bi | Template::Tri | Template::Uni)
                )
            })
            .map(|(&k, &at)| (k, packed_at(at)))
            .collect();
        ngram_keys.sort_unstable();
        let ngram = table::FlatIndex::new(ngram_keys.into_iter());
        let (trans, end) = viterbi::mask(nt, &self.trans, &self.end);
        let starters = crate::charset::CharSet::new(
            self.starters
                .iter()
                .copied()
                .chain(features::SURNAMES_MORE.chars())
                .chain(crate::recognize::lexicon::SURNAMES.chars()),
        );
        self.tables = Tables {
            starters: Some(starters),
            uni,
            small,
            ngram,
            packed: table::Packed::new(nt, &self.weights),
            trans,
            end,
        };
    }

    /// The packed weight offset of a feature, if the model has it.
    #[inline]
    fn offset(&self, t: Template, v: u64) -> Option<usize> {
        let at = match t {
            Template::Uni if v < 0x1_0000 => self.tables.uni.get(v as usize).copied(),
            Template::Uni | Template::Bi | Template::Tri => self.tables.ngram.get(key(t, v)),
            _ => self.tables.small[t as usize].get(v as usize).copied(),
        }?;
        (at != NONE).then_some(at as usize)
    }

    /// The feature scores of chars `range` of `p` into `emit` (`range.len() × n_tags`, O
    /// scored 0 and the other tags relative to it); `features::prepare` must have run on `p`.
    fn emissions(
        &self,
        p: &Prepared<'_>,
        range: Range<usize>,
        scratch: &Scratch,
        (acc, hits): (&mut Vec<i32>, &mut Vec<Hit>),
        emit: &mut Vec<f32>,
    ) {
        let n = p.chars.len();
        let nt = self.n_tags();
        let (s, e) = (range.start.min(n), range.end.min(n));
        if self.tables.packed.lanes == 4 {
            self.accumulate::<4>(p, s..e, scratch, acc, hits);
        } else {
            self.accumulate_any(p, s..e, scratch, acc);
        }
        let lanes = nt - 1;
        let q = self.tables.packed.quantum;
        emit.clear();
        emit.reserve((e - s) * nt);
        for row in acc.chunks_exact(lanes) {
            emit.push(0.0);
            emit.extend(row.iter().map(|&x| x as f32 * q));
        }
    }

    /// [`Model::emissions`]' sums (in quantum units) for blocks of `L` lanes.
    ///
    /// Two passes: the weight offsets of all the window's features first, then the sums. The
    /// table lookups miss the cache more often than not; apart from the adds they are
    /// independent, so the first pass keeps many in flight (measured: about a third off the
    /// model's time against adding each feature's block as soon as it is found).
    fn accumulate<const L: usize>(
        &self,
        p: &Prepared<'_>,
        range: Range<usize>,
        scratch: &Scratch,
        acc: &mut Vec<i32>,
        hits: &mut Vec<Hit>,
    ) {
        let (s, e) = (range.start, range.end);
        let n = p.chars.len();
        acc.clear();
        acc.resize((e - s) * L, 0);
        hits.clear();
        let anchors = s.saturating_sub(2)..(e + 1).min(n);
        // the bigram slots first: loads that no branch waits on all go out at once, and the
        // lookups below find them in cache
        let touched = anchors.clone().fold(0u64, |x, a| {
            x ^ self
                .tables
                .ngram
                .touch(key(Template::Bi, features::bigram_value(p, a)))
        });
        std::hint::black_box(touched);
        for_each_feature(p, scratch, anchors, |t, v, anchor| {
            let Some(at) = self.offset(t, v) else {
                return;
            };
            let (first, span) = t.span();
            let j0 = anchor as isize + first - s as isize;
            let lo = (-j0).max(0) as usize;
            let hi = ((e - s) as isize - j0).clamp(0, span as isize) as usize;
            if lo < hi {
                // rows lo..hi of the block score positions j0 + lo .. j0 + hi: both contiguous
                hits.push(Hit {
                    src: (at + lo * L) as u32,
                    dst: ((j0 + lo as isize) as usize * L) as u32,
                    len: ((hi - lo) * L) as u32,
                });
            }
        });
        let w = &self.tables.packed.w;
        for h in hits.iter() {
            let (src, dst, len) = (h.src as usize, h.dst as usize, h.len as usize);
            let (Some(src), Some(dst)) = (w.get(src..src + len), acc.get_mut(dst..dst + len))
            else {
                continue;
            };
            for (d, &x) in dst.iter_mut().zip(src) {
                *d += i32::from(x);
            }
        }
    }

    /// [`Model::accumulate`] for any number of lanes.
    fn accumulate_any(
        &self,
        p: &Prepared<'_>,
        range: Range<usize>,
        scratch: &Scratch,
        acc: &mut Vec<i32>,
    ) {
        let (s, e) = (range.start, range.end);
        let n = p.chars.len();
        let lanes = self.tables.packed.lanes;
        acc.clear();
        acc.resize((e - s) * lanes, 0);
        let w = &self.tables.packed.w;
        let anchors = s.saturating_sub(2)..(e + 1).min(n);
        for_each_feature(p, scratch, anchors, |t, v, anchor| {
            let Some(at) = self.offset(t, v) else {
                return;
            };
            let (first, span) = t.span();
            for o in 0..span {
                let j = anchor as isize + first + o as isize;
                if j < s as isize || j >= e as isize {
                    continue;
                }
                let (Some(src), Some(dst)) = (
                    w.get(at + o * lanes..at + (o + 1) * lanes),
                    acc.get_mut((j as usize - s) * lanes..),
                ) else {
                    return;
                };
                for (d, &x) in dst.iter_mut().zip(src) {
                    *d += i32::from(x);
                }
            }
        });
    }

    /// The chars of `p` worth decoding: a window around each place a name may start, everything
    /// else taken to be O. A name may start at a token that jieba's dictionary calls a name, at a
    /// Han word of 2–4 chars jieba does not know (its HMM's guesses, often names; a name word
    /// may have up to [`features::MAX_NAME_LEN`] chars, 内塔尼亚胡), and at a
    /// surname that is a token of its own or begins a two-char token. The window runs from the
    /// token before to five chars on (rounded up to a token end). In running text most chars are
    /// in ordinary words far from any such place, and those are never looked at: that is what
    /// keeps the model within the speed floor.
    pub fn active(&self, p: &Prepared<'_>, seg: &Segmenter, out: &mut Vec<Range<usize>>) {
        out.clear();
        let n = p.chars.len();
        let toks = &p.tokens;
        let starts_name = |k: usize| -> bool {
            let Some(t) = toks.get(k) else {
                return false;
            };
            let len = t.end - t.start;
            let first = p.char_at(t.start);
            if !first.is_some_and(crate::recognize::is_han) || len > features::MAX_NAME_LEN {
                return false;
            }
            let starter = |c: Option<char>| {
                c.zip(self.tables.starters.as_ref())
                    .is_some_and(|(c, s)| s.contains(c))
            };
            if len <= GATE_SURNAME_TOKEN_LEN && starter(first) {
                return true;
            }
            if len == 1 {
                return false;
            }
            let w = p.slice(t.start, t.end);
            let h = features::word_hash(w);
            self.names.contains_key(&h)
                || len <= 4
                    && if self.known.is_empty() {
                        !seg.jieba().has_word(w)
                    } else {
                        !self.known.contains(h)
                    }
        };
        let mut last: Option<Range<usize>> = None;
        let mut k_end = 0;
        for k in 0..toks.len() {
            if !starts_name(k) {
                continue;
            }
            let s = if k > 0 {
                toks[k - 1].start
            } else {
                toks[k].start
            };
            // the window's end: the first token end at or past five chars on
            k_end = k_end.max(k);
            while k_end < toks.len() && toks[k_end].end < toks[k].start + 5 {
                k_end += 1;
            }
            let e = toks.get(k_end).map_or(n, |t| t.end).min(n);
            match &mut last {
                Some(r) if s <= r.end => r.end = r.end.max(e),
                _ => {
                    if let Some(r) = last.take() {
                        out.push(r);
                    }
                    last = Some(s..e);
                }
            }
        }
        out.extend(last);
    }

    /// The spans of sentence `p`, with `dict` the dictionary matches in it.
    ///
    /// ```
    /// use zhtag::model::Model;
    /// let tagger = zhtag::Tagger::new();
    /// let text = tagger.prepare("局長張志強指出，今年的目標已經達成。");
    /// let p = zhtag::recognize::Prepared::new(&text, tagger.segmenter().tokens(&text));
    /// let spans = Model::embedded().expect("loads").find(&p, &[]);
    /// assert!(spans.iter().any(|s| (s.start, s.end) == (2, 5)), "{spans:?}"); // 张志强
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
        let n = p.chars.len();
        self.find_in(p, dict, std::slice::from_ref(&(0..n)), b, out);
    }

    /// [`Model::find_with`] decoding only the char ranges `ranges` (in order, not overlapping;
    /// the chars around them are taken to be O), e.g. those of [`Model::active`].
    pub fn find_in(
        &self,
        p: &Prepared<'_>,
        dict: &[DictSpan],
        ranges: &[Range<usize>],
        b: &mut Buffers,
        out: &mut Vec<ModelSpan>,
    ) {
        let n = p.chars.len();
        if n == 0 || ranges.is_empty() {
            return;
        }
        features::prepare_in(p, dict, &self.names, ranges, &mut b.scratch);
        for r in ranges {
            let (s, e) = (r.start.min(n), r.end.min(n));
            if s >= e {
                continue;
            }
            self.emissions(p, s..e, &b.scratch, (&mut b.acc, &mut b.hits), &mut b.emit);
            let bounds = viterbi::Bounds {
                at_start: s == 0,
                at_end: e == n,
            };
            viterbi::decode(self.trans_view(), &b.emit, e - s, bounds, &mut b.viterbi);
            let spans = viterbi::spans(b.viterbi.result().0);
            if spans.is_empty() {
                continue;
            }
            viterbi::margins(self.trans_view(), &b.emit, e - s, bounds, &mut b.viterbi);
            self.push_spans(p, s, &spans, b.viterbi.result().1, out);
        }
    }

    fn push_spans(
        &self,
        p: &Prepared<'_>,
        base: usize,
        spans: &[(usize, usize, usize)],
        margins: &[f32],
        out: &mut Vec<ModelSpan>,
    ) {
        for &(start, end, k) in spans {
            let Some(&label) = self.types.get(k) else {
                continue;
            };
            let margin = margins
                .get(start..end)
                .and_then(|m| m.iter().copied().reduce(f32::min))
                .unwrap_or(0.0);
            let Some((start, end)) = clean_span(p, base + start, base + end) else {
                continue;
            };
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
        let n = p.chars.len();
        features::prepare(p, dict, &self.names, &mut b.scratch);
        self.emissions(p, 0..n, &b.scratch, (&mut b.acc, &mut b.hits), &mut b.emit);
        let bounds = viterbi::Bounds {
            at_start: true,
            at_end: true,
        };
        viterbi::decode(self.trans_view(), &b.emit, n, bounds, &mut b.viterbi).to_vec()
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
