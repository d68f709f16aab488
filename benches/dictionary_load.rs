//! Building a tagger with a large user dictionary (issue 14, item 11): the embedded
//! dictionaries alone against the same plus N synthetic company names, side by side in one run.
//! The names come from `examples/synthetic_dict.rs` (fixed seed). Run with
//! `cargo bench --bench dictionary_load` (a few seconds a size); the whole-process figures for
//! 10k/50k/200k rows are measured with `/usr/bin/time` (see the README).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use zhtag::Tagger;

#[allow(dead_code)] // its `main` is the example's
#[path = "../examples/synthetic_dict.rs"]
mod synthetic_dict;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("dictionary_load");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("embedded_only", |b| {
        b.iter(|| black_box(Tagger::builder().build().expect("tagger")))
    });
    for rows in [10_000usize, 50_000, 200_000] {
        let path = dir.path().join(format!("companies-{rows}.tsv"));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        synthetic_dict::write_registry(rows, &mut file).expect("write");
        drop(file);
        g.bench_function(format!("with_{rows}_names"), |b| {
            b.iter(|| {
                let t = Tagger::builder().dictionary_file(&path).build();
                black_box(t.expect("tagger"))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
