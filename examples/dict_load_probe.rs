//! Where a large `--dict` costs (issue 14, item 11): each step of building a tagger with a user
//! dictionary, timed, with the heap it keeps and its peak above the start of the step (a
//! counting allocator).
//!
//! ```sh
//! cargo run --release --example synthetic_dict -- 200000 > /tmp/companies-200k.tsv
//! cargo run --release --example dict_load_probe -- /tmp/companies-200k.tsv
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use zhtag::convert::{EmbeddedConverter, ScriptConverter, Variant};
use zhtag::dictionary::Dictionary;
use zhtag::recognize::lexicon::Lexicon;
use zhtag::segment::{Segmenter, WordWeights};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let live = LIVE.fetch_add(new, Relaxed) + new;
        PEAK.fetch_max(live, Relaxed);
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f`, printing its time, the heap it leaves allocated and its peak above the start.
fn step<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let t = Instant::now();
    let out = f();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let mb = |b: usize| b as f64 / 1e6;
    let kept = LIVE.load(Relaxed) as f64 - before as f64;
    println!(
        "{what:<44} {ms:>8.1} ms  kept {:>7.1} MB  peak +{:>7.1} MB",
        kept / 1e6,
        mb(PEAK.load(Relaxed) - before)
    );
    out
}

fn main() -> Result<(), zhtag::Error> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("/tmp/companies-200k.tsv".into());
    let embedded = step("parse embedded dictionaries", Dictionary::embedded)?;
    let user = step("parse and validate the user file", || {
        Dictionary::load(std::path::Path::new(&path))
    })?;
    let converter = step("converter", || EmbeddedConverter::new(Variant::T2s))?;
    let prepare = |forms: &[&str]| {
        let joined = zhtag::normalize::fold(&forms.join("\n"));
        let converted = converter.convert(&joined);
        converted
            .split('\n')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let user_forms: Vec<&str> = user
        .entries
        .iter()
        .flat_map(|e| e.surface_forms())
        .collect();
    let user_keys = step("  (convert the user forms alone)", || prepare(&user_forms));
    drop(user_forms);
    let lexicon = step("lexicon (convert + sort + trie), as the tagger", || {
        Lexicon::build_with_user(embedded, vec![user], &prepare)
    });
    let mut seg = step(
        "jieba's default dictionary (another thread)",
        Segmenter::new,
    );
    let weights = WordWeights::embedded();
    step("add the embedded forms to jieba", || {
        seg.add_words(lexicon.words(), weights.as_ref())
    });
    step("(not done) add the user forms to jieba too", || {
        seg.add_words(&user_keys, None)
    });
    println!(
        "{} surface forms, {} of them jieba words",
        lexicon.keys().len(),
        lexicon.words().len()
    );
    Ok(())
}
