//! Single-thread throughput of the full pipeline against its stages, side by side in one run.
//!
//! The corpus is about 1 MB of real Traditional-Chinese text: the first paragraphs of
//! `../shared/corpus/drcd-paragraphs.jsonl` (Wikipedia, one record per paragraph), tagged one
//! paragraph at a time as `zhtag tag --jsonl` does. Every benchmark in the group reports
//! throughput in bytes of the *original* Traditional text, so their MB/s compare directly:
//!
//! * `tag` — `Tagger::tag`: fold + t2s conversion + segmentation + recognition + resolution;
//! * `jieba_cut_traditional` — bare `jieba_rs::Jieba::cut(text, true)` on the same Traditional text;
//! * `jieba_cut_converted` — the same on the t2s-converted text (what the tagger segments);
//! * `convert_t2s` — the embedded t2s conversion alone.
//!
//! Issue target: `tag` ≥ 50 % of `jieba_cut_traditional`. Run with
//! `cargo bench --bench tagger` (add `-- --quick` for a rough figure).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhtag::convert::{EmbeddedConverter, ScriptConverter, Variant};
use zhtag::Tagger;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/drcd-paragraphs.jsonl"
);
const TARGET_BYTES: usize = 1 << 20;

/// About [`TARGET_BYTES`] of paragraphs, or `None` when the shared corpus is absent.
fn corpus() -> Option<Vec<String>> {
    let raw = std::fs::read_to_string(Path::new(CORPUS)).ok()?;
    let mut docs = Vec::new();
    let mut total = 0;
    // repeat the file if it is ever shorter than the target
    for line in raw.lines().cycle().take(1_000_000) {
        if total >= TARGET_BYTES {
            break;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            total += t.len();
            docs.push(t.to_string());
        }
    }
    (!docs.is_empty()).then_some(docs)
}

fn bench(c: &mut Criterion) {
    let Some(docs) = corpus() else {
        eprintln!(
            "benches/tagger: {CORPUS} not found; skipping (the bench needs the shared corpus)"
        );
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!(
        "benches/tagger: {} paragraphs, {} bytes of Traditional text per iteration",
        docs.len(),
        bytes
    );

    let tagger = Tagger::new();
    let jieba = jieba_rs::Jieba::new();
    let t2s = EmbeddedConverter::new(Variant::T2s).expect("embedded t2s loads");
    let converted: Vec<String> = docs.iter().map(|d| t2s.convert(d)).collect();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(2));
    g.measurement_time(Duration::from_secs(15));

    g.bench_function("tag", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += tagger.tag(black_box(d)).len();
            }
            n
        })
    });
    g.bench_function("jieba_cut_traditional", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += jieba.cut(black_box(d), true).len();
            }
            n
        })
    });
    g.bench_function("jieba_cut_converted", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &converted {
                n += jieba.cut(black_box(d), true).len();
            }
            n
        })
    });
    g.bench_function("convert_t2s", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += t2s.convert(black_box(d)).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
