//! Where start-up time goes: `cargo run --release --example startup`.
//!
//! Prints the time of each step of building a `Tagger` (medians of five runs), so that the
//! dictionary load can be compared with jieba's own start-up.

use std::time::{Duration, Instant};

use zhtag::convert::{EmbeddedConverter, ScriptConverter, Variant};
use zhtag::dictionary::Dictionary;
use zhtag::recognize::lexicon::Lexicon;
use zhtag::segment::{Segmenter, WordWeights};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() -> Result<(), zhtag::Error> {
    let dicts = Dictionary::embedded()?;
    let converter = EmbeddedConverter::new(Variant::T2s)?;
    let prepare = |forms: &[&str]| {
        let joined = zhtag::normalize::fold(&forms.join("\n"));
        converter
            .convert(&joined)
            .split('\n')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let lexicon = Lexicon::build(&dicts, &prepare);
    let entries: usize = dicts.iter().map(|d| d.entries.len()).sum();
    println!(
        "dictionaries: {entries} entries, {} surface forms",
        lexicon.words().len()
    );
    println!(
        "parse and validate TSV   {:?}",
        time(5, Dictionary::embedded)
    );
    println!(
        "compile (convert+index)  {:?}",
        time(5, || Lexicon::build(&dicts, &prepare))
    );
    let forms: Vec<&str> = dicts
        .iter()
        .flat_map(|d| d.entries.iter().flat_map(|e| e.surface_forms()))
        .collect();
    println!("  of which convert       {:?}", time(5, || prepare(&forms)));
    println!("jieba default dictionary {:?}", time(5, Segmenter::new));
    let mut seg = Segmenter::new();
    let t = Instant::now();
    for k in lexicon.words() {
        seg.add_word(k);
    }
    println!(
        "add words to jieba, asking jieba for each frequency  {:?}",
        t.elapsed()
    );
    let weights = WordWeights::embedded();
    let mut seg = Segmenter::new();
    let t = Instant::now();
    seg.add_words(lexicon.words(), weights.as_ref());
    println!(
        "add words to jieba, precomputed frequencies ({}) {:?}",
        if weights.as_ref().is_some_and(|w| w.fits(lexicon.words())) {
            "current"
        } else {
            "STALE: regenerate them"
        },
        t.elapsed()
    );
    println!("Tagger::new() in all     {:?}", time(5, zhtag::Tagger::new));
    Ok(())
}
