//! The embedded `t2s` converter's fast path (per-char table + phrase list) gives exactly
//! ferrous-opencc's output on real text: the shared corpus (2,000 Wikipedia paragraphs) and
//! every text of the shared evaluation files. Skips with a message when `../shared` is absent.

use std::path::{Path, PathBuf};

use zhtag::convert::{convert_mapped, EmbeddedConverter, ScriptConverter, Variant};

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// The `text` field of every JSON line of `path` (empty when the file is absent).
fn texts(path: &Path) -> Vec<String> {
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("t2s_fast_path: {} not found; skipped", path.display());
        return Vec::new();
    };
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect()
}

#[test]
fn fast_t2s_equals_ferrous_opencc_on_the_corpus_and_gold_texts() {
    let c = EmbeddedConverter::new(Variant::T2s).expect("embedded t2s loads");
    let mut docs = texts(&shared("corpus/drcd-paragraphs.jsonl"));
    for f in [
        "eval/seed.gold.jsonl",
        "eval/news-dev.gold.jsonl",
        "eval/org/msra-train-sample.tw.gold.jsonl",
        "eval/org/uner-gsd-dev.gold.jsonl",
        "eval/quantity/recognizers-dev.jsonl",
        "eval/quantity/duckling-dev.jsonl",
    ] {
        docs.extend(texts(&shared(f)));
    }
    if docs.is_empty() {
        eprintln!("t2s_fast_path: no shared texts; nothing compared");
        return;
    }
    let mut chars = 0;
    for (i, d) in docs.iter().enumerate() {
        let fast = c.convert(d);
        let reference = c.convert_reference(d);
        assert_eq!(fast, reference, "text {i} converts differently");
        // the tagger's map stays the identity (t2s keeps the char count)
        let conv = convert_mapped(&c, d);
        assert_eq!(conv.text, reference);
        assert_eq!(
            conv.map.to_original(0, d.chars().count()),
            (0, d.chars().count())
        );
        chars += d.chars().count();
    }
    // all of it at once too: the phrase list must not depend on where a text is cut
    let all = docs.join("\n");
    assert_eq!(c.convert(&all), c.convert_reference(&all));
    eprintln!(
        "t2s_fast_path: {} texts, {chars} chars identical",
        docs.len()
    );
}

#[test]
fn every_bmp_char_alone_converts_like_ferrous_opencc() {
    let c = EmbeddedConverter::new(Variant::T2s).expect("embedded t2s loads");
    // one char per line: no OpenCC key contains a newline, so each converts on its own
    let all: String = (0x80u32..0x1_0000)
        .filter_map(char::from_u32)
        .flat_map(|ch| [ch, '\n'])
        .collect();
    assert_eq!(c.convert(&all), c.convert_reference(&all));
    // and a second time, from the filled table
    assert_eq!(c.convert(&all), c.convert_reference(&all));
}

#[test]
fn other_variants_are_untouched() {
    for v in [Variant::Tw2s, Variant::Hk2s, Variant::Tw2sp] {
        let c = EmbeddedConverter::new(v).expect("embedded converter loads");
        let s = "臺灣的軟體產業於二〇二三年一目瞭然";
        assert_eq!(c.convert(s), c.convert_reference(s), "{v}");
    }
}
