//! The quadratic cases of issue 14 (items 1–3), as counted work rather than time: doubling the
//! input must double the work (within a few percent), whatever the input repeats.
//! `Tagger::tag_counted` counts chunks, sections, bytes read cutting them, and the names and
//! bytes the document stage's occurrence search reads. (Chunking alone is also tested, at
//! larger sizes, beside `chunks()` in src/tagger.rs; `cargo bench --bench linear_work` times
//! the same inputs.)

use zhtag::tagger::{TagOptions, Work};
use zhtag::Tagger;

fn tagger() -> &'static Tagger {
    static T: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    T.get_or_init(Tagger::new)
}

fn work(text: &str) -> Work {
    tagger().tag_counted(text, &TagOptions::default()).1
}

/// `f(2n) / f(n)` is within 2 ± 5 %.
fn doubles(what: &str, one: usize, two: usize) {
    let ratio = two as f64 / one as f64;
    assert!(
        (1.9..=2.1).contains(&ratio),
        "{what}: {one} -> {two} ({ratio:.3})"
    );
}

/// An archive of `n` articles, each declaring its own short form (`X（簡稱Y）`) once and using
/// it, one paragraph each.
fn archive(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let a = char::from_u32(0x5B89 + (i % 300) as u32).unwrap_or('安');
        let b = char::from_u32(0x6C38 + (i / 300) as u32).unwrap_or('永');
        text.push_str(&format!(
            "{a}{b}精密工業股份有限公司（簡稱{a}{b}精密）今天表示，{a}{b}精密將擴大投資。\n"
        ));
    }
    text
}

#[test]
fn distinct_declarations_cost_work_linear_in_the_archive() {
    let (one, two) = (work(&archive(12_000)), work(&archive(24_000)));
    doubles("sections", one.sections, two.sections);
    doubles("names searched", one.names, two.names);
    doubles(
        "bytes the name search read",
        one.name_scan_bytes,
        two.name_scan_bytes,
    );
    doubles(
        "bytes read chunking",
        one.chunk_bytes_read,
        two.chunk_bytes_read,
    );
    // a section is the scope: its names do not accumulate over the archive
    assert!(one.largest_section_bytes <= zhtag::tagger::SECTION_BYTES + 200);
}

#[test]
fn one_declaration_repeated_is_searched_once_per_section() {
    let article = "華星光電科技股份有限公司（簡稱華星科技）表示，華星科技將擴產。\n";
    let (one, two) = (work(&article.repeat(2_000)), work(&article.repeat(4_000)));
    doubles(
        "bytes the name search read",
        one.name_scan_bytes,
        two.name_scan_bytes,
    );
    // the declared form, the full name and its short forms: a handful per section, not one
    // per declaration
    assert!(two.names <= 6 * two.sections, "{two:?}");
}

#[test]
fn declarations_on_one_line_without_newlines_are_linear_too() {
    let article = "華星光電科技股份有限公司（簡稱華星科技）表示，華星科技將擴產。";
    let (one, two) = (work(&article.repeat(2_000)), work(&article.repeat(4_000)));
    doubles("chunks", one.chunks, two.chunks);
    doubles(
        "bytes read chunking",
        one.chunk_bytes_read,
        two.chunk_bytes_read,
    );
    doubles(
        "bytes the name search read",
        one.name_scan_bytes,
        two.name_scan_bytes,
    );
    assert_eq!(one.largest_section_bytes, two.largest_section_bytes);
}

#[test]
fn blank_lines_are_read_once_and_never_held() {
    let (one, two) = (work(&"\n".repeat(1 << 22)), work(&"\n".repeat(1 << 23)));
    doubles(
        "bytes read chunking",
        one.chunk_bytes_read,
        two.chunk_bytes_read,
    );
    assert_eq!((one.sections, two.sections), (0, 0));
}
