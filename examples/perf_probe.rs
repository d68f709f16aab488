//! Measurement helper for the figures in the README (not part of the library's API).
//!
//! ```text
//! cargo run --release --example perf_probe -- tag FILE.jsonl
//!     tags every record's text once on one thread (a fixed workload for `perf stat`)
//! cargo run --release --example perf_probe -- scaling FILE.jsonl [THREADS...]
//!     tags the records on a rayon pool of each size (default 1 and 2) and prints MB/s and speed-up
//! ```

use std::time::Instant;

use rayon::prelude::*;
use zhtag::Tagger;

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
                "usage: perf_probe tag FILE.jsonl | scaling FILE.jsonl [THREADS...]  (start-up: the `startup` example)"
            );
            std::process::exit(2)
        }
    }
}
