//! Streaming batch tagging: many documents in, one output line per input record, in input order.
//!
//! The engine behind `zhtag tag`, usable on its own:
//!
//! * **Inputs** ([`Input`], [`expand_inputs`]): plain-text files (one document each, its id the
//!   path as given), JSONL files (one record `{"id": ..., "text": ...}` per line; the id is kept as
//!   given, or is the 1-based line number when absent), standard input, and directories (every
//!   `.txt` / `.jsonl` file under them, recursively, in sorted path order).
//! * **Streaming** ([`run_batch`]): a reader thread cuts the input into windows of at most
//!   [`BatchOptions::window_records`] records or about [`BatchOptions::window_bytes`] bytes; each
//!   window is decoded, tagged and rendered in parallel with rayon, then written in input order.
//!   At most a few windows are in memory at once, whatever the size of the input.
//! * **Nothing lost**: every input record yields exactly one output line (blank JSONL lines are not
//!   records and are skipped). A record that cannot be read — a line that is not JSON, no `text`
//!   string, invalid UTF-8 — yields an error record instead:
//!   `{"id": ..., "line": N, "error": "...", "file": "..."}`, plus `"byte_offset"` for invalid
//!   UTF-8 (see [`BadRecord`]), and the run goes on.
//!
//! # Offsets
//! Entity offsets are into the document text as decoded: for a plain-text file, the file's
//! content **after** a leading UTF-8 byte-order mark (which is stripped), with CRLF and lone CR
//! left as they are; for a JSONL record, the `text` string after JSON unescaping. The
//! `byte_offset` of an invalid-UTF-8 error, by contrast, counts raw bytes from the start of the
//! file (BOM included), so that `dd skip=N` or a hex dump lands on the bad byte.
//!
//! ```
//! use zhtag::batch::{run_batch, BatchOptions, Input, InputKind, NoObserver};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("news.jsonl");
//! std::fs::write(&path, "{\"id\":\"a\",\"text\":\"大船集團擴產\"}\nnot json\n")?;
//! let tagger = zhtag::Tagger::new();
//! let mut out = Vec::new();
//! let stats = run_batch(
//!     &tagger,
//!     &[Input::file(&path, InputKind::Jsonl)],
//!     &BatchOptions::default(),
//!     &mut out,
//!     &mut NoObserver,
//! )?;
//! let lines: Vec<&str> = std::str::from_utf8(&out)?.lines().collect();
//! assert_eq!(lines.len(), 2);
//! assert!(lines[0].starts_with(r#"{"id":"a","entities":[{"label":"ORG""#));
//! assert!(lines[1].starts_with(r#"{"id":2,"line":2,"error":"not JSON"#));
//! assert_eq!((stats.records, stats.errors), (2, 1));
//! # Ok(()) }
//! ```

use std::io;
use std::path::PathBuf;

/// The UTF-8 byte-order mark, stripped from the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An error that stops a batch run (as opposed to a bad record, which does not).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// An input could not be opened, listed or read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The input (`-` for standard input).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// An input argument is neither a file nor a directory, or a directory holds no input.
    #[error("{}: {message}", path.display())]
    Input {
        /// The argument.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The output could not be written.
    #[error("writing output: {0}")]
    Write(#[source] io::Error),
    /// The thread pool for `threads` could not be built.
    #[error("cannot start {threads} threads: {source}")]
    ThreadPool {
        /// The requested number of threads.
        threads: usize,
        /// The underlying error.
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
}

/// Why one input record could not be tagged. The run goes on; the record yields an error record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// A JSONL line that does not parse as JSON.
    #[error("not JSON: {0}")]
    NotJson(String),
    /// A JSONL line that is JSON but not an object.
    #[error("not a JSON object")]
    NotObject,
    /// A JSONL record without a `text` field.
    #[error("no \"text\" field")]
    MissingText,
    /// A JSONL record whose `text` is not a string.
    #[error("\"text\" is {0}, not a string")]
    TextNotString(&'static str),
    /// Invalid UTF-8; `byte_offset` counts raw bytes from the start of the input (BOM included).
    #[error("invalid UTF-8 at byte offset {byte_offset} (use --lossy to decode it with U+FFFD)")]
    InvalidUtf8 {
        /// Offset of the first invalid byte from the start of the file or stream.
        byte_offset: u64,
    },
    /// A JSONL record whose `region` is not one of cn, tw, hk, mo.
    #[error("\"region\" is {0:?}: expected cn, tw, hk or mo")]
    BadRegion(String),
    /// The tagger panicked on this record (a bug: please report the input).
    #[error("internal error: the tagger panicked on this record: {0}")]
    Panic(String),
}

mod engine;
mod inputs;
mod printer;
mod records;

pub use engine::*;
pub use inputs::*;
pub use printer::*;
pub use records::*;

/// Helpers shared by the tests of the batch modules.
#[cfg(test)]
pub(crate) mod test_support {
    pub(crate) use super::*;
    use crate::entity::Source as EntitySource;
    pub(crate) use crate::entity::{Entity, Label, Normalized};
    use crate::quantity::Quantity;
    pub(crate) use crate::Tagger;
    pub(crate) use serde_json::{json, Value};
    pub(crate) use std::path::PathBuf;
    use std::sync::OnceLock;

    pub(crate) fn tagger() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(Tagger::new)
    }

    /// Runs `bytes` as one input of `kind` and returns the output lines and the counts.
    pub(crate) fn run_bytes(
        bytes: &[u8],
        kind: InputKind,
        opts: &BatchOptions,
    ) -> (Vec<Value>, Stats) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("in");
        std::fs::write(&path, bytes).expect("write input");
        let mut out = Vec::new();
        let stats = run_batch(
            tagger(),
            &[Input::file(&path, kind)],
            opts,
            &mut out,
            &mut NoObserver,
        )
        .expect("run");
        let lines = std::str::from_utf8(&out)
            .expect("utf-8 output")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
            .collect();
        (lines, stats)
    }

    pub(crate) fn raw(kind: InputKind, bytes: &[u8]) -> RawRecord {
        RawRecord {
            source: "t".into(),
            kind,
            line: 1,
            offset: 0,
            consumed: bytes.len() as u64,
            bytes: bytes.to_vec(),
        }
    }

    pub(crate) fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("in");
        std::fs::write(&path, bytes).expect("write");
        // the caller keeps the directory alive as long as it needs the file
        (dir, path)
    }

    pub(crate) fn entity(label: Label, text: &str, normalized: Normalized) -> Entity {
        Entity {
            label,
            text: text.into(),
            start: 0,
            end: 0,
            byte_start: 0,
            byte_end: 0,
            normalized,
            source: EntitySource::Dictionary,
            confidence: None,
        }
    }

    pub(crate) fn name(n: &str) -> Normalized {
        Normalized::Name {
            name: n.into(),
            kind: None,
        }
    }

    pub(crate) fn money(value: f64, unit: &str) -> Normalized {
        Normalized::Quantity(Quantity {
            value,
            unit: unit.into(),
            min: None,
            max: None,
            approx: false,
            hedge: None,
            currency_from: None,
        })
    }
}
