//! Containing tantivy's panics on a corrupted index.
//!
//! tantivy trusts the bytes of its segment files: a damaged `.fast` file makes it `unwrap` in
//! the sstable reader or index out of bounds in the facet collector. Bad bytes on disk are bad
//! input, so every call into tantivy that reads segment data runs inside [`contained`], which
//! turns a panic into [`Error::CorruptIndex`] naming the index and the damaged files (found by
//! their checksums, only after a failure). While a contained call runs, the panic hook of this
//! thread stays quiet (the previous hook still reports every other panic).

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::{Directory, Index};
use zhtag::error::Error;

use crate::fastcheck::check_fast_file;

thread_local! {
    /// True while this thread runs a [`contained`] call.
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Installs (once) a panic hook that defers to the previous one except inside [`contained`].
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// The message a panic payload carries, if it is a string.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("tantivy panicked")
}

/// Runs `f`, turning a panic into [`Error::CorruptIndex`] for the index at `location`.
pub(crate) fn contained<T>(
    location: &Path,
    index: Option<&Index>,
    f: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    install_quiet_hook();
    let was = CONTAINING.with(|c| c.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(was));
    outcome.unwrap_or_else(|payload| {
        Err(corrupt(
            location,
            index,
            &format!("reading it failed ({})", panic_message(payload.as_ref())),
        ))
    })
}

/// An [`Error::CorruptIndex`]: `what` went wrong; the damaged files are named when their
/// checksums tell.
pub(crate) fn corrupt(location: &Path, index: Option<&Index>, what: &str) -> Error {
    let damaged = index
        .and_then(|i| i.validate_checksum().ok())
        .map(|set| {
            let mut names: Vec<String> = set.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            names
        })
        .unwrap_or_default();
    let message = if damaged.is_empty() {
        what.to_string()
    } else {
        format!("{what}; damaged files: {}", damaged.join(", "))
    };
    Error::CorruptIndex {
        dir: location.to_path_buf(),
        message,
    }
}

/// Checks the fast-field files of every searchable segment (small: a few bytes per document)
/// before tantivy reads them: first their checksums, then, since damage can come with a
/// matching checksum, every count and length tantivy would trust ([`check_fast_file`]): a
/// forged count made it allocate without bound, which no panic handler can catch. Segments
/// in `skip` were checked before; the ids of those checked now are added to it. The large
/// files (store, postings) are left to [`contained`].
pub(crate) fn validate_fast_fields(
    location: &Path,
    index: &Index,
    skip: &mut HashSet<SegmentId>,
) -> Result<(), Error> {
    let metas = index
        .searchable_segment_metas()
        .map_err(|e| corrupt(location, None, &format!("cannot read its metadata ({e})")))?;
    for meta in metas {
        if skip.contains(&meta.id()) {
            continue;
        }
        let path = meta.relative_path(SegmentComponent::FastFields);
        let fail = |what: String| corrupt(location, None, &format!("{what} in {}", path.display()));
        match index.directory().validate_checksum(&path) {
            Ok(true) => {}
            Ok(false) => return Err(fail("checksum mismatch".into())),
            Err(e) => return Err(fail(format!("cannot read it ({e})"))),
        }
        let slice = index
            .directory()
            .open_read(&path)
            .map_err(|e| fail(format!("cannot read it ({e})")))?;
        contained(location, None, || {
            check_fast_file(&slice, meta.max_doc())
                .map_err(|p| fail(format!("bad fast fields ({p})")))
        })?;
        skip.insert(meta.id());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_a_corrupt_index_error_naming_the_directory() {
        let r: Result<(), Error> = contained(Path::new("/data/idx"), None, || {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            assert!(v.get(i).is_some(), "index {i} out of bounds");
            Ok(())
        });
        let e = r.unwrap_err();
        assert!(matches!(e, Error::CorruptIndex { .. }), "{e:?}");
        let msg = e.to_string();
        assert!(msg.contains("/data/idx is corrupted"), "{msg}");
        assert!(msg.contains("index 3 out of bounds"), "{msg}");
        // the thread is no longer containing: later panics reach the previous hook
        assert!(!CONTAINING.with(Cell::get));
    }

    #[test]
    fn errors_and_values_pass_through() {
        let ok: Result<u8, Error> = contained(Path::new("x"), None, || Ok(7));
        assert_eq!(ok.unwrap(), 7);
        let err: Result<u8, Error> =
            contained(Path::new("x"), None, || Err(Error::Config("no".into())));
        assert!(matches!(err, Err(Error::Config(_))));
    }
}
