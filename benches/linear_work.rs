//! The quadratic cases of issue 14 (items 1–3), timed at two sizes each so that a return to
//! quadratic shows as a throughput that halves: an archive declaring a short form per
//! paragraph, one long line of sentences without a newline, and blank lines. Run with
//! `cargo bench --bench linear_work`; `tests/linear_work.rs` checks the same growth counted in
//! work, not time.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhtag::Tagger;

/// `n` paragraphs, each declaring its own short form and using it.
fn archive(n: usize) -> String {
    (0..n)
        .map(|i| {
            let a = char::from_u32(0x5B89 + (i % 300) as u32).unwrap_or('安');
            let b = char::from_u32(0x6C38 + (i / 300) as u32).unwrap_or('永');
            format!(
                "{a}{b}精密工業股份有限公司（簡稱{a}{b}精密）今天表示，{a}{b}精密將擴大投資。\n"
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tagger = Tagger::new();
    let mut g = c.benchmark_group("linear_work");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    let sentence = "今年營收成長三成，獲利創新高。";
    for (name, one) in [
        ("declarations_per_paragraph", archive(4_000)),
        ("no_newline", sentence.repeat(20_000)),
        ("blank_lines", "\n".repeat(1 << 22)),
    ] {
        for copies in [1usize, 2] {
            let text = one.repeat(copies);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{name}/{}KiB", text.len() >> 10), |b| {
                b.iter(|| black_box(tagger.tag(&text)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
