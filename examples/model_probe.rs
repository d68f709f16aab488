//! Measurement helper for the learned recognizer (not part of the library's API).
//!
//! ```text
//! cargo run --release --example model_probe -- FILE.jsonl
//!     prepares every record's text as `Tagger::tag` does (dictionaries and rules run first, for
//!     the dictionary-match features), then times the parts of the PERSON model one by one:
//!     the window gate (`Model::active`), the per-sentence feature tables, and decoding in the
//!     windows; prints the share of chars inside windows and bare jieba `cut`
//!     on the same Traditional text in each pass, for a ratio that other load disturbs less
//!     (minimum times of 5 passes)
//! ```

use std::time::Instant;

use zhtag::convert::convert_mapped;
use zhtag::model::features::{prepare, DictSpan, Scratch};
use zhtag::model::{Buffers, Model};
use zhtag::normalize::fold;
use zhtag::recognize::{pipeline, Candidate, Prepared};
use zhtag::{Source, Tagger};

mod common;

fn texts(path: &str) -> Vec<String> {
    common::texts("model_probe", path)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: model_probe FILE.jsonl");
        std::process::exit(2)
    };
    let tagger = Tagger::new();
    let seg = tagger.segmenter();
    let ctx = tagger.context();
    let Ok(model) = Model::embedded() else {
        eprintln!("model_probe: the embedded model does not load");
        std::process::exit(1)
    };
    let raw = texts(&path);
    let plain = jieba_rs::Jieba::new();
    let conv: Vec<String> = raw
        .iter()
        .map(|d| convert_mapped(tagger.converter(), &fold(d)).text)
        .collect();
    // the recognizers before the model, as the tagger runs them (their dictionary spans are
    // model features)
    let before: Vec<_> = pipeline()
        .into_iter()
        .take_while(|r| r.name() != "person")
        .collect();
    let mut docs = Vec::new();
    for text in &conv {
        let p = Prepared::new(text, seg.tokens(text));
        let mut c: Vec<Candidate> = Vec::new();
        for r in &before {
            r.find(&p, &ctx, &mut c);
        }
        let dict: Vec<DictSpan> = c
            .iter()
            .filter(|c| c.source == Source::Dictionary)
            .map(DictSpan::from)
            .collect();
        docs.push((p, dict));
    }
    let chars: usize = docs.iter().map(|(p, _)| p.chars.len()).sum();
    let mut ranges = Vec::new();
    let mut active = 0;
    for (p, _) in &docs {
        model.active(p, seg, &mut ranges);
        active += ranges.iter().map(|r| r.len()).sum::<usize>();
    }
    let (mut t_active, mut t_prep, mut t_find, mut t_cut) =
        (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    let mut found = 0;
    let mut b = Buffers::default();
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for (p, _) in &docs {
            model.active(p, seg, &mut ranges);
        }
        t_active = t_active.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for (p, dict) in &docs {
            prepare(p, dict, &Default::default(), &mut scratch);
        }
        t_prep = t_prep.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        found = 0;
        for (p, dict) in &docs {
            model.active(p, seg, &mut ranges);
            out.clear();
            model.find_in(p, dict, &ranges, &mut b, &mut out);
            found += out.len();
        }
        t_find = t_find.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for d in &raw {
            std::hint::black_box(plain.cut(std::hint::black_box(d), true));
        }
        t_cut = t_cut.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} docs, {chars} chars, {active} in windows ({:.1} %), {found} spans",
        docs.len(),
        100.0 * active as f64 / chars as f64
    );
    println!("  active            {t_active:.4} s");
    println!("  prepare (no names) {t_prep:.4} s");
    println!("  active + find_in  {t_find:.4} s");
    println!("  bare jieba cut    {t_cut:.4} s (Traditional text, default dictionary)");
    println!("  model / bare cut  {:.2}", t_find / t_cut);
}
