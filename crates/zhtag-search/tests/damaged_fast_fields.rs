//! Every byte of every `.fast` file flipped behind a forged checksum (issue 14, item 7): the
//! index opens and searches, or it is reported as corrupted, naming its directory; nothing
//! panics, and nothing aborts the process (an abort fails this whole test binary).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use zhtag::error::Error;
use zhtag::Tagger;
use zhtag_search::{Document, Indexer, SearchIndex, SearchQuery};

/// Indexes a few documents in two commits (two segments) into `dir/idx`.
fn small_index(dir: &Path, tagger: &Arc<Tagger>) -> (PathBuf, Vec<PathBuf>) {
    let index = dir.join("idx");
    let mut ix = Indexer::open(&index, tagger.clone()).unwrap();
    for i in 1..=3 {
        let text = format!("北辰電機集團推進專精特新，投資{i}億元。經濟部公布名單。");
        ix.add(&Document::new(format!("d{i}"), text)).unwrap();
        if i == 2 {
            ix.commit().unwrap();
        }
    }
    ix.finish().unwrap();
    let mut fast: Vec<PathBuf> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "fast"))
        .collect();
    fast.sort();
    assert!(fast.len() >= 2, "{fast:?}");
    (index, fast)
}

/// `bytes` with the byte `at` of its body flipped and the footer's checksum rewritten to match.
fn flip_with_forged_checksum(bytes: &[u8], at: usize) -> Vec<u8> {
    let n = bytes.len();
    let json_len = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().unwrap()) as usize;
    let body_len = n - 8 - json_len;
    let footer = std::str::from_utf8(&bytes[body_len..n - 8]).unwrap();
    let mut out = bytes[..body_len].to_vec();
    out[at] ^= 0x5a;
    let crc = crc32fast::hash(&out);
    let start = footer.find("\"crc\":").unwrap() + 6;
    let end = start + footer[start..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let footer = format!("{}{crc}{}", &footer[..start], &footer[end..]);
    out.extend_from_slice(footer.as_bytes());
    out.extend_from_slice(&(footer.len() as u32).to_le_bytes());
    out.extend_from_slice(&bytes[n - 4..]);
    out
}

/// Opens and searches `index`; `Err` holds what was not clean.
fn outcome(index: &Path, tagger: &Arc<Tagger>) -> Result<bool, String> {
    let q = SearchQuery {
        orgs: vec!["北辰電機集團".into()],
        ..SearchQuery::new("專精特新")
    };
    let run = || SearchIndex::open(index, tagger.clone())?.search(&q);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Err(_) => Err("panicked".into()),
        Ok(Ok(_)) => Ok(false),
        Ok(Err(e @ Error::CorruptIndex { .. })) => {
            let msg = e.to_string();
            let named = msg.contains(&format!("{} is corrupted", index.display()));
            named.then_some(true).ok_or(msg)
        }
        Ok(Err(e)) => Err(format!("not a corruption error: {e}")),
    }
}

#[test]
fn every_forged_fast_field_byte_is_contained() {
    let dir = tempfile::tempdir().unwrap();
    let tagger = Arc::new(Tagger::new());
    let (index, fast) = small_index(dir.path(), &tagger);
    let copy = dir.path().join("damaged");
    std::fs::create_dir(&copy).unwrap();
    let (mut offsets, mut corrupted, mut failures) = (0, 0, Vec::new());
    for f in &fast {
        let original = std::fs::read(f).unwrap();
        let n = original.len();
        let body_len =
            n - 8 - u32::from_le_bytes(original[n - 8..n - 4].try_into().unwrap()) as usize;
        for e in std::fs::read_dir(&index).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
        }
        let target = copy.join(f.file_name().unwrap());
        for at in 0..body_len {
            std::fs::write(&target, flip_with_forged_checksum(&original, at)).unwrap();
            offsets += 1;
            match outcome(&copy, &tagger) {
                Ok(c) => corrupted += usize::from(c),
                Err(why) => failures.push(format!("{} byte {at}: {why}", f.display())),
            }
        }
        std::fs::write(&target, &original).unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} of {offsets}:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        corrupted > offsets / 4,
        "{corrupted} of {offsets} reported as corrupted"
    );
    eprintln!("{offsets} offsets: {corrupted} reported as corrupted, the others searched");
}
