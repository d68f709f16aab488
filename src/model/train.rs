//! The averaged structured perceptron trainer.
//!
//! Deterministic: the sentences are visited in an order drawn from a fixed-seed generator, the
//! features are numbered in key order, and nothing depends on hash-map iteration or threads,
//! so the same sentences and options give the same weights, byte for byte.
//!
//! ```
//! use zhtag::model::train::{TrainOptions, Trainer};
//! use zhtag::recognize::Prepared;
//! use zhtag::segment::Token;
//! use zhtag::Label;
//! let mut t = Trainer::new(TrainOptions { epochs: 3, ..TrainOptions::default() });
//! let toks = |n| (0..n).map(|i| Token { start: i, end: i + 1 }).collect::<Vec<_>>();
//! for text in ["局长王明表示", "记者李华报道", "主任张强指出"] {
//!     let p = Prepared::new(text, toks(6));
//!     t.add(&p, &[], &[(Label::Person, 2, 4)]);
//! }
//! let model = t.train(|_, _| {});
//! let p = Prepared::new("局长李明表示", toks(6));
//! assert_eq!(model.tags(&p, &[]), [0, 0, 1, 3, 0, 0]);
//! ```

use rustc_hash::FxHashMap;

use super::features::{for_each_feature, key, prepare, DictSpan, NameSet, Scratch, Template};
use super::{viterbi, Model};
use crate::entity::Label;
use crate::recognize::Prepared;

/// A char is a name start for [`Model::active`] when it began this many training names.
const MIN_STARTS: u32 = 20;

/// Trainer options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The entity types to tag (others in the gold are left as O).
    pub types: Vec<Label>,
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the visiting order.
    pub seed: u64,
    /// Features seen fewer times than this in the training data are left out.
    pub min_count: u32,
    /// Averaged weights below this (in absolute value, for every tag) are dropped.
    pub prune: f32,
    /// Independent runs over the data, run `r` visiting the sentences in the order of seed
    /// `seed + r`; the model is the mean of their averaged weights (less dependent on one
    /// visiting order than a single run).
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            types: vec![Label::Person],
            epochs: 10,
            seed: 0x5eed,
            min_count: 1,
            prune: 1e-3,
            runs: 1,
        }
    }
}

/// One training sentence: its features (key, anchor) and gold tags.
struct Example {
    feats: Vec<(u64, u32)>,
    gold: Vec<u8>,
}

/// Collects sentences, then trains.
pub struct Trainer {
    opts: TrainOptions,
    examples: Vec<Example>,
    scratch: Scratch,
    names: NameSet,
    known: super::features::KnownWords,
    /// How many gold names each char began.
    starts: FxHashMap<char, u32>,
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The BIOES tags of `spans` over `n` chars, for the model's `types` (spans of other labels,
/// out of range or overlapping an earlier one are ignored).
pub fn gold_tags(n: usize, types: &[Label], spans: &[(Label, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for &(label, s, e) in spans {
        let Some(k) = types.iter().position(|&t| t == label) else {
            continue;
        };
        if s >= e || e > n || tags[s..e].iter().any(|&t| t != 0) {
            continue;
        }
        let base = 1 + 4 * k as u8;
        if e - s == 1 {
            tags[s] = base + 3;
        } else {
            tags[s] = base;
            tags[s + 1..e - 1].iter_mut().for_each(|t| *t = base + 1);
            tags[e - 1] = base + 2;
        }
    }
    tags
}

/// A sentence with its features numbered: (row, anchor) pairs and gold tags.
type Numbered = (Vec<(u32, u32)>, Vec<u8>);

/// Where a feature's weights are during training.
#[derive(Clone, Copy)]
struct Row {
    off: u32,
    first: i32,
    span: u32,
}

impl Trainer {
    /// A trainer with options `opts`.
    pub fn new(opts: TrainOptions) -> Self {
        Trainer {
            opts,
            examples: Vec::new(),
            scratch: Scratch::default(),
            names: NameSet::default(),
            known: Default::default(),
            starts: FxHashMap::default(),
        }
    }

    /// Sets the name words the features look up (before adding sentences); the model keeps them.
    pub fn set_names(&mut self, names: NameSet) {
        self.names = names;
    }

    /// Sets the filter of jieba's dictionary words the model's gate uses (the model keeps it).
    pub fn set_known(&mut self, known: super::features::KnownWords) {
        self.known = known;
    }

    /// Number of sentences added.
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    /// True before any sentence is added.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// Adds a sentence with its dictionary matches and gold spans (chars of `p`).
    pub fn add(&mut self, p: &Prepared<'_>, dict: &[DictSpan], gold: &[(Label, usize, usize)]) {
        self.add_sentence(p, dict, gold, true);
    }

    /// Adds a copy of a training sentence whose names were replaced by made-up ones: the
    /// jieba name-word feature is left out of it. A made-up name is no word of jieba's, so on
    /// a copy that feature could fire only on the sentence's non-names, and the copies would
    /// teach it that jieba's name words are not names.
    pub fn add_copy(
        &mut self,
        p: &Prepared<'_>,
        dict: &[DictSpan],
        gold: &[(Label, usize, usize)],
    ) {
        self.add_sentence(p, dict, gold, false);
    }

    fn add_sentence(
        &mut self,
        p: &Prepared<'_>,
        dict: &[DictSpan],
        gold: &[(Label, usize, usize)],
        with_names: bool,
    ) {
        let n = p.chars.len();
        if n == 0 {
            return;
        }
        for &(l, s, _) in gold {
            if self.opts.types.contains(&l)
                && let Some(c) = p.char_at(s)
            {
                *self.starts.entry(c).or_insert(0) += 1;
            }
        }
        let mut feats = Vec::with_capacity(n * 8);
        let none = NameSet::default();
        let names = if with_names { &self.names } else { &none };
        prepare(p, dict, names, &mut self.scratch);
        for_each_feature(p, &self.scratch, 0..n, |t, v, a| {
            feats.push((key(t, v), a as u32))
        });
        self.examples.push(Example {
            feats,
            gold: gold_tags(n, &self.opts.types, gold),
        });
    }

    /// Trains; `progress(epoch, sentences with errors)` is called after each pass.
    pub fn train(self, mut progress: impl FnMut(usize, usize)) -> Model {
        let types = self.opts.types.clone();
        let nt = 1 + 4 * types.len();
        // number the features that occur often enough, in key order
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        for ex in &self.examples {
            for &(k, _) in &ex.feats {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        let mut keys: Vec<u64> = counts
            .iter()
            .filter(|&(_, &c)| c >= self.opts.min_count)
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        let mut row_of: FxHashMap<u64, u32> = FxHashMap::default();
        let mut rows = Vec::with_capacity(keys.len());
        let mut size = 0u32;
        for (r, &k) in keys.iter().enumerate() {
            let (first, span) = Template::of_key(k).map_or((0, 1), |t| t.span());
            row_of.insert(k, r as u32);
            rows.push(Row {
                off: size,
                first: first as i32,
                span: span as u32,
            });
            size += (span * nt) as u32;
        }
        drop(counts);
        let examples: Vec<Numbered> = self
            .examples
            .into_iter()
            .map(|ex| {
                let f = ex
                    .feats
                    .iter()
                    .filter_map(|(k, a)| row_of.get(k).map(|&r| (r, *a)))
                    .collect();
                (f, ex.gold)
            })
            .collect();
        drop(row_of);

        let mut w = vec![0f32; size as usize];
        let mut u = vec![0f32; size as usize];
        let mut m = Model {
            types: types.clone(),
            trans: vec![0.0; (nt + 1) * nt],
            end: vec![0.0; nt],
            index: FxHashMap::default(),
            weights: Vec::new(),
            names: self.names,
            known: self.known,
            starters: {
                let mut v: Vec<char> = self
                    .starts
                    .iter()
                    .filter(|&(_, &k)| k >= MIN_STARTS)
                    .map(|(&c, _)| c)
                    .collect();
                v.sort_unstable();
                v
            },
            scale: 1.0,
            tables: Default::default(),
        };
        let full = viterbi::Bounds {
            at_start: true,
            at_end: true,
        };
        let mut emit = Vec::new();
        let mut vb = viterbi::Buffers::default();
        // the sums of the runs' averaged weights
        let runs = self.opts.runs.max(1);
        let mut sum_w = vec![0f32; size as usize];
        let mut sum_t = vec![0f32; (nt + 1) * nt];
        let mut sum_e = vec![0f32; nt];
        for run in 0..runs {
            w.iter_mut().chain(&mut u).for_each(|x| *x = 0.0);
            m.trans.iter_mut().chain(&mut m.end).for_each(|x| *x = 0.0);
            let (mut mt, mut me) = viterbi::mask(nt, &m.trans, &m.end);
            let mut ut = vec![0f32; (nt + 1) * nt];
            let mut ue = vec![0f32; nt];
            let mut rng = Rng(self.opts.seed.wrapping_add(run as u64));
            let mut order: Vec<usize> = (0..examples.len()).collect();
            let mut c = 1f32;
            for epoch in 0..self.opts.epochs {
                // Fisher–Yates with the fixed-seed generator
                for i in (1..order.len()).rev() {
                    let j = (rng.next() % (i as u64 + 1)) as usize;
                    order.swap(i, j);
                }
                let mut wrong = 0;
                for &e in &order {
                    let (feats, gold) = &examples[e];
                    let n = gold.len();
                    emissions(&rows, &w, feats, n, nt, &mut emit);
                    let tv = viterbi::Trans {
                        nt,
                        trans: &mt,
                        end: &me,
                    };
                    let pred = viterbi::decode(tv, &emit, n, full, &mut vb).to_vec();
                    if pred != *gold {
                        wrong += 1;
                        for (j, base) in cells(&rows, feats, n, nt) {
                            let (g, p) = (usize::from(gold[j]), usize::from(pred[j]));
                            if g == p {
                                continue;
                            }
                            w[base + g] += 1.0;
                            u[base + g] += c;
                            w[base + p] -= 1.0;
                            u[base + p] -= c;
                        }
                        let mut bump = |tags: &[u8], d: f32| {
                            let mut prev = nt;
                            for &t in tags {
                                let i = prev * nt + usize::from(t);
                                m.trans[i] += d;
                                ut[i] += d * c;
                                prev = usize::from(t);
                            }
                            m.end[prev] += d;
                            ue[prev] += d * c;
                        };
                        bump(gold, 1.0);
                        bump(&pred, -1.0);
                        (mt, me) = viterbi::mask(nt, &m.trans, &m.end);
                    }
                    c += 1.0;
                }
                progress(epoch + 1, wrong);
            }
            // averaged weights: w - u / c
            for (x, y) in w.iter_mut().zip(&u) {
                *x -= y / c;
            }
            for (x, y) in m.trans.iter_mut().zip(&ut) {
                *x -= y / c;
            }
            for (x, y) in m.end.iter_mut().zip(&ue) {
                *x -= y / c;
            }
            for (sum, x) in [
                (&mut sum_w, &w),
                (&mut sum_t, &m.trans),
                (&mut sum_e, &m.end),
            ] {
                sum.iter_mut().zip(x.iter()).for_each(|(s, x)| *s += x);
            }
        }
        // the mean of the runs
        let k = runs as f32;
        for (x, s) in [
            (&mut w, &sum_w),
            (&mut m.trans, &sum_t),
            (&mut m.end, &sum_e),
        ] {
            x.iter_mut().zip(s.iter()).for_each(|(x, s)| *x = s / k);
        }
        // the confidence scale: the median margin of the spans found right in (up to 3,000 of)
        // the training sentences gives 0.9
        let mut found = Vec::new();
        let (mt, me) = viterbi::mask(nt, &m.trans, &m.end);
        let tv = viterbi::Trans {
            nt,
            trans: &mt,
            end: &me,
        };
        for (feats, gold) in examples.iter().take(3000) {
            let n = gold.len();
            emissions(&rows, &w, feats, n, nt, &mut emit);
            let pred = viterbi::decode(tv, &emit, n, full, &mut vb).to_vec();
            let margins = viterbi::margins(tv, &emit, n, full, &mut vb).to_vec();
            let gold_spans = viterbi::spans(gold);
            for s in viterbi::spans(&pred) {
                if gold_spans.contains(&s) {
                    let mm = margins[s.0..s.1].iter().copied().fold(f32::MAX, f32::min);
                    if mm.is_finite() {
                        found.push(mm);
                    }
                }
            }
        }
        found.sort_by(f32::total_cmp);
        let median = found.get(found.len() / 2).copied().unwrap_or(1.0);
        m.scale = (median / std::f32::consts::LN_10).max(1e-3);
        // keep the features with any weight left
        let mut weights = Vec::new();
        for (k, row) in keys.iter().zip(&rows) {
            let block = &w[row.off as usize..(row.off + row.span * nt as u32) as usize];
            if block.iter().all(|x| x.abs() < self.opts.prune) {
                continue;
            }
            m.index.insert(*k, weights.len() as u32);
            weights.extend_from_slice(block);
        }
        m.weights = weights;
        m.with_tables()
    }
}

fn emissions(
    rows: &[Row],
    w: &[f32],
    feats: &[(u32, u32)],
    n: usize,
    nt: usize,
    emit: &mut Vec<f32>,
) {
    emit.clear();
    emit.resize(n * nt, 0.0);
    for (j, base) in cells(rows, feats, n, nt) {
        let dst = j * nt;
        for t in 0..nt {
            emit[dst + t] += w[base + t];
        }
    }
}

/// The cells a sentence's features touch, in feature order: for each feature `(row, anchor)`
/// and each window position of its row, the char `j` it scores (inside `0..n`) and where its
/// block of `nt` weights begins. Emissions read these cells and the update writes them.
fn cells<'a>(
    rows: &'a [Row],
    feats: &'a [(u32, u32)],
    n: usize,
    nt: usize,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    feats.iter().flat_map(move |&(r, a)| {
        let row = rows[r as usize];
        (0..row.span).filter_map(move |o| {
            let j = a as i64 + i64::from(row.first) + i64::from(o);
            let j = usize::try_from(j).ok().filter(|&j| j < n)?;
            Some((j, (row.off + o * nt as u32) as usize))
        })
    })
}
