//! Shared helpers for the integration tests: where the evaluation files are.

#![allow(dead_code)]

use std::path::PathBuf;

/// A file under `../shared/eval`, next to the checkout (CI lays it there).
pub fn eval_file(rel: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval")
        .join(rel);
    assert!(
        p.exists(),
        "{} is missing: the tests read the shared evaluation files from ../shared/eval",
        p.display()
    );
    p
}

/// One tagger for a test binary (building one takes a few hundred milliseconds).
pub fn tagger() -> &'static zhtag::Tagger {
    static T: std::sync::OnceLock<zhtag::Tagger> = std::sync::OnceLock::new();
    T.get_or_init(zhtag::Tagger::new)
}

/// The texts of the `label` entities the shared tagger finds in `text`, in text order.
pub fn spans(text: &str, label: zhtag::Label) -> Vec<String> {
    tagger()
        .tag(text)
        .into_iter()
        .filter(|e| e.label == label)
        .map(|e| e.text)
        .collect()
}
