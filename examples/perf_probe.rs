//! Measurement helper for the figures in the README (not part of the library's API).
//!
//! ```text
//! cargo run --release --example perf_probe -- tag FILE.jsonl
//!     tags every record's text once on one thread (a fixed workload for `perf stat`)
//! cargo run --release --example perf_probe -- scaling FILE.jsonl [THREADS...]
//!     tags the records on a rayon pool of each size (default 1 and 2) and prints MB/s and speed-up
//! cargo run --release --example perf_probe -- stages FILE.jsonl
//!     runs the stages of `Tagger::tag` one by one (as `tag_chunk` calls them; the chunking and
//!     the final mapping back are left out) and prints the time of each, next to bare jieba `cut`
//!     on the same Traditional text, and the floor: what `tag` costs with recognizers that cost nothing
//! cargo run --release --example perf_probe -- person FILE.jsonl [PASSES]
//!     the `person` stage alone, over candidates made once by the stages before it: the median
//!     and minimum of PASSES passes (default 15), and how many chars the gate lets the model decode
//! cargo run --release --example perf_probe -- jieba_gap FILE.jsonl
//!     the segmenter timed in a loop and between other stages (where the stage `jieba cut` loses time)
//! cargo run --release --example perf_probe -- batched FILE.jsonl BATCH
//!     the same stages run stage by stage over BATCH documents at a time (an experiment: it did
//!     not make jieba faster)
//! ```

use std::time::Instant;

use rayon::prelude::*;
use zhtag::Tagger;

mod common;

fn texts(path: &str) -> Vec<String> {
    common::texts("perf_probe", path)
}

fn tag_once(path: &str) {
    let docs = texts(path);
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = Tagger::new();
    let t = Instant::now();
    let n: usize = docs.iter().map(|d| tagger.tag(d).len()).sum();
    let s = t.elapsed().as_secs_f64();
    println!(
        "tagged {} docs, {bytes} bytes, {n} entities in {s:.3} s: {:.2} MB/s",
        docs.len(),
        bytes as f64 / 1e6 / s
    );
}

fn scaling(path: &str, threads: &[usize]) {
    let docs = texts(path);
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = Tagger::new();
    let mut base = None;
    for &n in threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("rayon pool");
        let t = Instant::now();
        let found: usize = pool.install(|| docs.par_iter().map(|d| tagger.tag(d).len()).sum());
        let s = t.elapsed().as_secs_f64();
        let mbs = bytes as f64 / 1e6 / s;
        let b = *base.get_or_insert(mbs);
        println!(
            "threads {n}: {s:6.2} s  {mbs:6.2} MB/s  speed-up {:.2}×  ({found} entities)",
            mbs / b
        );
    }
}

fn stages(path: &str) {
    use zhtag::convert::convert_mapped;
    use zhtag::normalize::fold;
    use zhtag::recognize::{pipeline, Candidate, Prepared};

    let docs = texts(path);
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = Tagger::new();
    // the tagger's own recognizer list, so the probe times exactly what `tag` runs
    let recognizers = pipeline();
    let mut names = vec!["fold", "convert", "jieba cut", "Prepared"];
    names.extend(recognizers.iter().map(|r| r.name()));
    names.push("resolve");
    let last = names.len() - 1;
    // each pass is repeated; the minimum of each figure is the least disturbed by other load
    const PASSES: usize = 3;
    let mut best = vec![f64::MAX; names.len()];
    let (mut all, mut tag) = (f64::MAX, f64::MAX);
    let (mut cut_conv, mut plain_conv, mut plain_trad) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut n, mut m) = (0, 0);
    let seg = tagger.segmenter();
    let ctx = tagger.context();
    let plain = jieba_rs::Jieba::new();
    let converted: Vec<String> = docs
        .iter()
        .map(|d| tagger.converter().convert(&fold(d)))
        .collect();
    // warm-up: caches, lazily filled tables
    for d in &docs {
        std::hint::black_box(tagger.tag(d));
    }
    for _ in 0..PASSES {
        let mut t = vec![0f64; names.len()];
        let mut lap = |i: usize, since: &mut Instant| {
            let now = Instant::now();
            t[i] += (now - *since).as_secs_f64();
            *since = now;
        };
        let start = Instant::now();
        for d in &docs {
            let mut s = Instant::now();
            let folded = fold(d);
            lap(0, &mut s);
            let conv = convert_mapped(tagger.converter(), &folded);
            lap(1, &mut s);
            let tokens = seg.tokens(&conv.text);
            lap(2, &mut s);
            let p = Prepared::new(&conv.text, tokens);
            lap(3, &mut s);
            let mut c: Vec<Candidate> = Vec::new();
            for (i, r) in recognizers.iter().enumerate() {
                r.find(&p, &ctx, &mut c);
                lap(4 + i, &mut s);
            }
            std::hint::black_box(zhtag::resolve::resolve(c, p.len()));
            lap(last, &mut s);
        }
        all = all.min(start.elapsed().as_secs_f64());
        for (b, x) in best.iter_mut().zip(t) {
            *b = b.min(x);
        }
        let t0 = Instant::now();
        n = docs.iter().map(|d| tagger.tag(d).len()).sum();
        tag = tag.min(t0.elapsed().as_secs_f64());
        let t0 = Instant::now();
        for d in &converted {
            std::hint::black_box(seg.jieba().cut(d, true));
        }
        cut_conv = cut_conv.min(t0.elapsed().as_secs_f64());
        let t0 = Instant::now();
        for d in &converted {
            std::hint::black_box(plain.cut(d, true));
        }
        plain_conv = plain_conv.min(t0.elapsed().as_secs_f64());
        let t0 = Instant::now();
        m = docs
            .iter()
            .map(|d| plain.cut(std::hint::black_box(d), true).len())
            .sum();
        plain_trad = plain_trad.min(t0.elapsed().as_secs_f64());
    }
    let t = best;
    let mb = bytes as f64 / 1e6;
    println!(
        "cut on the converted text: tagger's jieba {cut_conv:.3} s, default jieba {plain_conv:.3} s"
    );
    println!("{} docs, {mb:.2} MB; stages sum {all:.3} s", docs.len());
    for (name, s) in names.iter().zip(&t) {
        println!("  {name:<13} {s:7.3} s  {:5.1} %", 100.0 * s / all);
    }
    println!(
        "Tagger::tag   {tag:7.3} s  {:6.2} MB/s  ({n} entities)",
        mb / tag
    );
    println!(
        "bare jieba cut (default dictionary) on the Traditional text {plain_trad:7.3} s  {:6.2} MB/s  ({m} tokens)",
        mb / plain_trad
    );
    println!(
        "tag / bare cut speed ratio {:.2} (minimum times of {PASSES} passes)",
        plain_trad / tag
    );
    // fold, convert, jieba, Prepared and resolve: what tag would cost with recognizers that
    // took no time at all
    let floor = t[0] + t[1] + t[2] + t[3] + t[last];
    println!(
        "without the recognizers (fold + convert + jieba + Prepared + resolve) {floor:.3} s: at most {:.2} of bare cut",
        plain_trad / floor
    );
}

/// The `person` stage alone: every document converted, cut and run through the recognizers
/// before it once, then the person recognizer timed over all of them `passes` times (a pass is
/// short, so the median of many is steadier under other load than `stages`' three).
fn person(path: &str, passes: usize) {
    use zhtag::convert::convert_mapped;
    use zhtag::model::Model;
    use zhtag::normalize::fold;
    use zhtag::recognize::{pipeline, Candidate, Prepared};

    let docs = texts(path);
    let tagger = Tagger::new();
    let seg = tagger.segmenter();
    let ctx = tagger.context();
    let recognizers = pipeline();
    let Some(at) = recognizers.iter().position(|r| r.name() == "person") else {
        eprintln!("perf_probe: no person stage in the pipeline");
        std::process::exit(1)
    };
    let texts: Vec<String> = docs
        .iter()
        .map(|d| convert_mapped(tagger.converter(), &fold(d)).text)
        .collect();
    let prepared: Vec<Prepared<'_>> = texts
        .iter()
        .map(|t| Prepared::new(t, seg.tokens(t)))
        .collect();
    let before: Vec<Vec<Candidate>> = prepared
        .iter()
        .map(|p| {
            let mut c = Vec::new();
            for r in &recognizers[..at] {
                r.find(p, &ctx, &mut c);
            }
            c
        })
        .collect();
    let model = Model::embedded().expect("the embedded model loads");
    let (mut chars, mut decoded, mut windows) = (0usize, 0usize, 0usize);
    let mut ranges = Vec::new();
    for p in &prepared {
        model.active(p, seg, &mut ranges);
        chars += p.len();
        decoded += ranges.iter().map(|r| r.len()).sum::<usize>();
        windows += ranges.len();
    }
    println!(
        "{} docs, {chars} chars; the gate decodes {decoded} ({:.1} %) in {windows} windows",
        docs.len(),
        100.0 * decoded as f64 / chars.max(1) as f64
    );
    let stage = &recognizers[at];
    let mut times = Vec::new();
    let mut found = 0;
    let mut work = before.clone();
    for _ in 0..passes.max(1) + 1 {
        let t = Instant::now();
        for (p, c) in prepared.iter().zip(&mut work) {
            stage.find(p, &ctx, c);
        }
        times.push(t.elapsed().as_secs_f64());
        found = 0;
        for (c, b) in work.iter_mut().zip(&before) {
            found += c.len() - b.len();
            c.truncate(b.len());
        }
    }
    // the first pass warms the caches and the thread-local buffers
    times.remove(0);
    times.sort_by(f64::total_cmp);
    println!(
        "person stage: median {:.4} s, min {:.4} s over {} passes ({found} spans)",
        times[times.len() / 2],
        times[0],
        times.len()
    );
}

/// Experiment: the stages of `stages`, but each run over a batch of documents before the next
/// stage starts (jieba's tables stay in cache through a batch).
fn batched(path: &str, batch: usize) {
    use zhtag::convert::convert_mapped;
    use zhtag::normalize::fold;
    use zhtag::recognize::{pipeline, Candidate, Prepared};
    let docs = texts(path);
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = Tagger::new();
    let seg = tagger.segmenter();
    let ctx = tagger.context();
    let recognizers = pipeline();
    let plain = jieba_rs::Jieba::new();
    let mut best = (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..3 {
        let t0 = Instant::now();
        let mut seg_t = 0.0;
        let mut found = 0;
        for group in docs.chunks(batch.max(1)) {
            let conv: Vec<_> = group
                .iter()
                .map(|d| convert_mapped(tagger.converter(), &fold(d)))
                .collect();
            let t = Instant::now();
            let toks: Vec<_> = conv.iter().map(|c| seg.tokens(&c.text)).collect();
            seg_t += t.elapsed().as_secs_f64();
            for (c, tokens) in conv.iter().zip(toks) {
                let p = Prepared::new(&c.text, tokens);
                let mut v: Vec<Candidate> = Vec::new();
                for r in &recognizers {
                    r.find(&p, &ctx, &mut v);
                }
                found += zhtag::resolve::resolve(v, p.len()).len();
            }
        }
        let all = t0.elapsed().as_secs_f64();
        let t = Instant::now();
        let n: usize = docs.iter().map(|d| tagger.tag(d).len()).sum();
        let tag = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let m: usize = docs
            .iter()
            .map(|d| plain.cut(std::hint::black_box(d), true).len())
            .sum();
        let cut = t.elapsed().as_secs_f64();
        std::hint::black_box((n, m, found));
        best = (
            best.0.min(all),
            best.1.min(seg_t),
            best.2.min(tag),
            best.3.min(cut),
        );
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "batch {batch}: staged {:.3} s (jieba {:.3} s) {:.2} MB/s | tag {:.3} s | bare cut {:.3} s | staged/cut ratio {:.2}, tag/cut {:.2}",
        best.0, best.1, mb / best.0, best.2, best.3, best.3 / best.0, best.3 / best.2
    );
}

/// Experiment: why the stage `jieba cut` costs more than cutting the same texts in a loop
/// (answer measured: the same `tokens` calls cost ~+10 % between lexicon lookups and ~+40 %
/// between runs of the person model, in a tight loop they cost what bare `cut` does: the
/// other stages evict jieba's dictionary trie from cache; building the token vector is free).
fn jieba_gap(path: &str) {
    use zhtag::convert::convert_mapped;
    use zhtag::normalize::fold;
    use zhtag::recognize::{person, Candidate, Prepared, Recognizer};
    let docs = texts(path);
    let tagger = Tagger::new();
    let seg = tagger.segmenter();
    let ctx = tagger.context();
    let person = person::PersonRecognizer::default();
    let conv: Vec<_> = docs
        .iter()
        .map(|d| convert_mapped(tagger.converter(), &fold(d)))
        .collect();
    let mut best = [f64::MAX; 5];
    for _ in 0..3 {
        let t = Instant::now();
        for c in &conv {
            std::hint::black_box(seg.jieba().cut(&c.text, true));
        }
        best[0] = best[0].min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for c in &conv {
            std::hint::black_box(seg.tokens(&c.text));
        }
        best[1] = best[1].min(t.elapsed().as_secs_f64());
        let (mut a, mut b) = (0.0, 0.0);
        for c in &conv {
            let t = Instant::now();
            let toks = seg.tokens(&c.text);
            a += t.elapsed().as_secs_f64();
            let p = Prepared::new(&c.text, toks);
            let mut v: Vec<Candidate> = Vec::new();
            tagger.lexicon().find(&p, seg, &mut v);
            std::hint::black_box(v);
        }
        for c in &conv {
            let t = Instant::now();
            let toks = seg.tokens(&c.text);
            b += t.elapsed().as_secs_f64();
            let p = Prepared::new(&c.text, toks);
            let mut v: Vec<Candidate> = Vec::new();
            person.find(&p, &ctx, &mut v);
            std::hint::black_box(v);
        }
        best[2] = best[2].min(a);
        best[3] = best[3].min(b);
    }
    println!("cut loop {:.3} | tokens loop {:.3} | tokens between lexicon {:.3} | tokens between person {:.3}", best[0], best[1], best[2], best[3]);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tag") if args.len() == 2 => tag_once(&args[1]),
        Some("stages") if args.len() == 2 => stages(&args[1]),
        Some("person") if (2..=3).contains(&args.len()) => person(
            &args[1],
            args.get(2).and_then(|a| a.parse().ok()).unwrap_or(15),
        ),
        Some("jieba_gap") if args.len() == 2 => jieba_gap(&args[1]),
        Some("batched") if args.len() == 3 => batched(&args[1], args[2].parse().unwrap_or(64)),
        Some("scaling") if args.len() >= 2 => {
            let mut threads: Vec<usize> = args[2..].iter().filter_map(|a| a.parse().ok()).collect();
            if threads.is_empty() {
                threads = vec![1, 2];
            }
            scaling(&args[1], &threads)
        }
        _ => {
            eprintln!(
                "usage: perf_probe tag FILE.jsonl | stages FILE.jsonl | person FILE.jsonl [PASSES] | jieba_gap FILE.jsonl | batched FILE.jsonl BATCH | scaling FILE.jsonl [THREADS...]  (start-up: the `startup` example)"
            );
            std::process::exit(2)
        }
    }
}
