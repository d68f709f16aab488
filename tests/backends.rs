//! The system OpenCC library and the embedded converter give the same entities.
//! Runs only with `--features system-opencc` (CI installs Debian's libopencc-dev and opencc).

#![cfg(feature = "system-opencc")]

mod common;

use common::eval_file;
use zhtag::convert::Backend;
use zhtag::eval::read_gold;
use zhtag::Tagger;

#[test]
fn both_backends_give_the_same_entities_on_the_eval_files() {
    let embedded = Tagger::new();
    let system = Tagger::builder()
        .backend(Backend::System)
        .build()
        .expect("system OpenCC (t2s) opens");
    for file in [
        "seed.gold.jsonl",
        "news-dev.gold.jsonl",
        "org/uner-gsd-dev.gold.jsonl",
    ] {
        for doc in read_gold(&eval_file(file)).expect("gold parses") {
            assert_eq!(
                embedded.prepare(&doc.text),
                system.prepare(&doc.text),
                "{file} {:?}: conversions differ",
                doc.id
            );
            assert_eq!(
                embedded.tag(&doc.text),
                system.tag(&doc.text),
                "{file} {:?}",
                doc.id
            );
        }
    }
}
