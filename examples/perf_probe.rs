//! Measurement helper for the figures in the README (not part of the library's API).
//!
//! ```text
//! cargo run --release --example perf_probe -- startup
//!     where a tagger's start-up goes: Jieba::new, converter, dictionaries, lexicon, add_word
//! cargo run --release --example perf_probe -- tag FILE.jsonl
//!     tags every record's text once on one thread (a fixed workload for `perf stat`)
//! cargo run --release --example perf_probe -- scaling FILE.jsonl [THREADS...]
//!     tags the records on a rayon pool of each size (default 1 and 2) and prints MB/s and speed-up
//! ```

use std::time::Instant;

use rayon::prelude::*;
use zhtag::convert::{make_converter, Backend, Variant};
use zhtag::dictionary::Dictionary;
use zhtag::normalize::fold;
use zhtag::recognize::lexicon::Lexicon;
use zhtag::segment::Segmenter;
use zhtag::Tagger;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn texts(path: &str) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("perf_probe: {path}: {e}");
        std::process::exit(2)
    });
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect()
}

fn startup() {
    let t = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    println!("Jieba::new                 {:8.1} ms", ms(t));
    drop(jieba);

    let t = Instant::now();
    let conv = make_converter(Variant::T2s, Backend::Embedded).expect("t2s");
    println!("converter (t2s)            {:8.1} ms", ms(t));

    let t = Instant::now();
    let first = conv.convert("臺灣");
    println!("first convert (lazy init)  {:8.1} ms  ({first})", ms(t));

    let t = Instant::now();
    let dicts = Dictionary::embedded().expect("embedded dictionaries");
    println!("dictionaries parse         {:8.1} ms", ms(t));

    let t = Instant::now();
    let forms: usize = dicts
        .iter()
        .flat_map(|d| d.entries.iter())
        .flat_map(|e| e.surface_forms())
        .map(|f| conv.convert(&fold(f)).len())
        .sum();
    println!(
        "convert all surface forms  {:8.1} ms  ({forms} bytes)",
        ms(t)
    );

    let t = Instant::now();
    let prepare = |s: &str| conv.convert(&fold(s));
    let lexicon = Lexicon::build(&dicts, &prepare);
    println!(
        "lexicon build (convert+AC) {:8.1} ms  ({} keys)",
        ms(t),
        lexicon.keys().len()
    );

    let t = Instant::now();
    let mut seg = Segmenter::new();
    println!("Segmenter::new (jieba)     {:8.1} ms", ms(t));
    let t = Instant::now();
    for k in lexicon.keys() {
        seg.add_word(k);
    }
    println!("add_word × keys            {:8.1} ms", ms(t));

    let t = Instant::now();
    let tagger = Tagger::new();
    println!("Tagger::new (all of it)    {:8.1} ms", ms(t));
    let t = Instant::now();
    let n = tagger.tag("大船集團投資8億元推進專精特新").len();
    println!(
        "first tag() call           {:8.1} ms  ({n} entities)",
        ms(t)
    );
}

fn tag_once(path: &str) {
    let docs = texts(path);
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = Tagger::new();
    let t = Instant::now();
    let n: usize = docs.iter().map(|d| tagger.tag(d).len()).sum();
    let s = t.elapsed().as_secs_f64();
    println!(
        "tagged {} docs, {bytes} bytes, {n} entities in {s:.2} s: {:.2} MB/s",
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("startup") => startup(),
        Some("tag") if args.len() == 2 => tag_once(&args[1]),
        Some("scaling") if args.len() >= 2 => {
            let mut threads: Vec<usize> = args[2..].iter().filter_map(|a| a.parse().ok()).collect();
            if threads.is_empty() {
                threads = vec![1, 2];
            }
            scaling(&args[1], &threads)
        }
        _ => {
            eprintln!(
                "usage: perf_probe startup | tag FILE.jsonl | scaling FILE.jsonl [THREADS...]"
            );
            std::process::exit(2)
        }
    }
}
