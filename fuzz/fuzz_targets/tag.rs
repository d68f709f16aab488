//! Fuzz target: `Tagger::tag` on arbitrary UTF-8 never panics and keeps its offset invariants.
//!
//! Run from `fuzz/`: `cargo +nightly fuzz run tag` (see README.md beside this file).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhtag::Tagger;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(Tagger::new)
}

fuzz_target!(|data: &[u8]| {
    // invalid UTF-8 is the batch reader's business; the tagger sees `&str`
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let mut prev_byte_end = 0;
    let mut prev_char_end = 0;
    for e in tagger().tag(text) {
        assert!(e.byte_start < e.byte_end && e.byte_end <= text.len(), "{e:?}");
        assert!(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end), "{e:?}");
        assert_eq!(&text[e.byte_start..e.byte_end], e.text, "{e:?}");
        assert_eq!(text[..e.byte_start].chars().count(), e.start, "{e:?}");
        assert_eq!(e.end - e.start, e.text.chars().count(), "{e:?}");
        assert!(e.byte_start >= prev_byte_end && e.start >= prev_char_end, "overlap: {e:?}");
        prev_byte_end = e.byte_end;
        prev_char_end = e.end;
    }
});
