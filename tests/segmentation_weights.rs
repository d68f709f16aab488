//! The precomputed segmentation weights (`dictionaries/segmentation_weights.tsv`) must be the ones
//! jieba gives the embedded dictionaries' forms today; a stale file would only slow start-up, so
//! this test is what notices it.

use zhtag::segment::{Segmenter, WordWeights};
use zhtag::Tagger;

#[test]
fn segmentation_weights_are_current() {
    let tagger = Tagger::new();
    let keys = tagger.lexicon().words();
    let shipped = WordWeights::embedded().expect("dictionaries/segmentation_weights.tsv parses");
    let fresh = WordWeights::compute(keys);
    assert!(
        shipped.fits(keys) && shipped.entries() == fresh.entries(),
        "dictionaries/segmentation_weights.tsv is stale (the dictionaries or jieba-rs changed): \
         run `cargo run --release --example segmentation_weights` and commit the file"
    );
}

#[test]
fn precomputed_weights_segment_like_computed_ones() {
    let tagger = Tagger::new();
    let keys = tagger.lexicon().words();
    let mut computed = Segmenter::new();
    for k in keys {
        computed.add_word(k);
    }
    let text = "大船集团和瓦轴集团入选专精特新小巨人，国务院办公厅印发通知，台积电在高雄设厂。";
    let prepared = tagger.prepare(text);
    assert_eq!(
        tagger.segmenter().tokens(&prepared),
        computed.tokens(&prepared)
    );
    for k in keys.iter().step_by(97) {
        assert_eq!(
            tagger.segmenter().word_freq(k),
            computed.word_freq(k),
            "frequency of {k}"
        );
    }
}
