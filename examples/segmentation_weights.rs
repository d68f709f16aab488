//! Regenerates `dictionaries/segmentation_weights.tsv`: the frequency jieba suggests for each
//! embedded dictionary form, in the order the tagger adds them (see `zhtag::segment::WordWeights`).
//!
//! ```text
//! cargo run --release --example segmentation_weights
//! ```
//!
//! Run it after editing a file in `dictionaries/` or upgrading jieba-rs; the test
//! `segmentation_weights_are_current` fails until then (the tagger stays correct with a stale
//! file, it only starts slower).

use zhtag::segment::WordWeights;
use zhtag::Tagger;

fn main() {
    let tagger = Tagger::new();
    let weights = WordWeights::compute(tagger.lexicon().words());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/dictionaries/segmentation_weights.tsv"
    );
    if let Err(e) = std::fs::write(path, weights.to_tsv()) {
        eprintln!("segmentation_weights: cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!(
        "{path}: {} words added to jieba out of {} forms",
        weights.entries().len(),
        tagger.lexicon().words().len()
    );
}
