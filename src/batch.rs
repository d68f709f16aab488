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

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::entity::{Entity, Label, Normalized};
use crate::Tagger;

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
    /// The tagger panicked on this record (a bug: please report the input).
    #[error("internal error: the tagger panicked on this record: {0}")]
    Panic(String),
}

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The whole input is one document.
    Text,
    /// One JSON record `{"id": ..., "text": ...}` per line.
    Jsonl,
}

impl InputKind {
    /// The kind a file's extension implies: `.jsonl` is JSONL, anything else plain text.
    ///
    /// ```
    /// use zhtag::batch::InputKind;
    /// assert_eq!(InputKind::from_path("a/b.JSONL".as_ref()), InputKind::Jsonl);
    /// assert_eq!(InputKind::from_path("a/b.txt".as_ref()), InputKind::Text);
    /// ```
    pub fn from_path(path: &Path) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("jsonl") => InputKind::Jsonl,
            _ => InputKind::Text,
        }
    }
}

/// One input: a file, or standard input (`path` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file; `None` for standard input.
    pub path: Option<PathBuf>,
    /// How to read it.
    pub kind: InputKind,
}

impl Input {
    /// A file input.
    pub fn file(path: impl Into<PathBuf>, kind: InputKind) -> Input {
        Input {
            path: Some(path.into()),
            kind,
        }
    }

    /// Standard input.
    pub fn stdin(kind: InputKind) -> Input {
        Input { path: None, kind }
    }

    /// The name used in ids and messages: the path as given, or `-` for standard input.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }

    fn display_path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| PathBuf::from("-"))
    }
}

/// Turns command-line arguments into inputs.
///
/// No arguments (or `-`) is standard input. A directory stands for every `.txt` and `.jsonl` file
/// under it, recursively, sorted by path (symbolic links to directories are not followed), each
/// read by its extension. A file is JSONL if `jsonl` is set or its extension is `.jsonl`, else
/// plain text. Fails, naming the path, on a path that does not exist or a directory that cannot be
/// listed or holds no such file.
///
/// ```
/// use zhtag::batch::{expand_inputs, Input, InputKind};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// for name in ["b.txt", "a.jsonl", "notes.md"] {
///     std::fs::write(dir.path().join(name), "")?;
/// }
/// let inputs = expand_inputs(&[dir.path().to_path_buf()], false)?;
/// assert_eq!(inputs, [
///     Input::file(dir.path().join("a.jsonl"), InputKind::Jsonl),
///     Input::file(dir.path().join("b.txt"), InputKind::Text),
/// ]);
/// assert_eq!(expand_inputs(&[], true)?, [Input::stdin(InputKind::Jsonl)]);
/// # Ok(()) }
/// ```
pub fn expand_inputs(args: &[PathBuf], jsonl: bool) -> Result<Vec<Input>, BatchError> {
    let explicit_kind = |p: &Path| {
        if jsonl {
            InputKind::Jsonl
        } else {
            InputKind::from_path(p)
        }
    };
    if args.is_empty() {
        return Ok(vec![Input::stdin(explicit_kind(Path::new("-")))]);
    }
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::stdin(explicit_kind(arg)));
            continue;
        }
        let meta = std::fs::metadata(arg).map_err(|source| BatchError::Read {
            path: arg.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            if found.is_empty() {
                return Err(BatchError::Input {
                    path: arg.clone(),
                    message: "directory holds no .txt or .jsonl file".into(),
                });
            }
            found.sort();
            inputs.extend(found.into_iter().map(|p| {
                let kind = InputKind::from_path(&p);
                Input::file(p, kind)
            }));
        } else {
            inputs.push(Input::file(arg.clone(), explicit_kind(arg)));
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    let read_err = |source| BatchError::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let path = entry.path();
        let ty = entry.file_type().map_err(read_err)?;
        if ty.is_dir() {
            walk(&path, found)?;
            continue;
        }
        // a symbolic link counts if it leads to a file (links to directories could loop)
        let is_file = ty.is_file() || (ty.is_symlink() && path.is_file());
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("jsonl"));
        if is_file && wanted {
            found.push(path);
        }
    }
    Ok(())
}

/// The total size in bytes of the inputs, if they are all files (for a progress bar's ETA).
pub fn total_size(inputs: &[Input]) -> Option<u64> {
    inputs.iter().try_fold(0u64, |sum, i| {
        let len = std::fs::metadata(i.path.as_ref()?).ok()?.len();
        Some(sum + len)
    })
}

/// One input record as read, before decoding: a JSONL line (without its line end) or a whole
/// plain-text file.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// The input's name ([`Input::name`]).
    pub source: Arc<str>,
    /// How to decode `bytes`.
    pub kind: InputKind,
    /// 1-based line number of the record in its input (1 for a plain-text document).
    pub line: usize,
    /// Offset of `bytes[0]` from the start of the input, in bytes.
    pub offset: u64,
    /// Bytes of the input consumed for this record (line end and skipped blank lines included).
    pub consumed: u64,
    /// The record's bytes (a leading BOM removed, and for JSONL the line end).
    pub bytes: Vec<u8>,
}

/// A record that could not be tagged: rendered as
/// `{"id": ..., "line": N, "error": "...", "file": "...", "byte_offset": B}`.
///
/// `id` is the record's own `id` when the line could be read as a JSON object that has one,
/// else the line number (the same rule as for good records); for a plain-text file it is the file
/// name. `byte_offset` is there for invalid UTF-8 only.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRecord {
    /// The record's id.
    pub id: Value,
    /// 1-based line of the record (for a plain-text file, the line of the bad byte).
    pub line: usize,
    /// The input's name.
    pub source: Arc<str>,
    /// What went wrong.
    pub error: RecordError,
}

impl BadRecord {
    /// The error record as one line of JSON (without the newline).
    ///
    /// ```
    /// use zhtag::batch::{BadRecord, RecordError};
    /// let bad = BadRecord {
    ///     id: 7.into(),
    ///     line: 7,
    ///     source: "in.jsonl".into(),
    ///     error: RecordError::MissingText,
    /// };
    /// assert_eq!(
    ///     bad.to_json(),
    ///     r#"{"id":7,"line":7,"error":"no \"text\" field","file":"in.jsonl"}"#
    /// );
    /// ```
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a Value,
            line: usize,
            error: String,
            file: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            byte_offset: Option<u64>,
        }
        let byte_offset = match self.error {
            RecordError::InvalidUtf8 { byte_offset } => Some(byte_offset),
            _ => None,
        };
        to_json_line(&Out {
            id: &self.id,
            line: self.line,
            error: self.error.to_string(),
            file: &self.source,
            byte_offset,
        })
    }
}

/// A decoded document, ready to tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The record's id (or line number, or file name).
    pub id: Value,
    /// The text to tag.
    pub text: String,
    /// The record's `title`, when it is a string (used by the `es-bulk` output).
    pub title: Option<String>,
    /// True if invalid UTF-8 was replaced with U+FFFD (`lossy` decoding).
    pub lossy: bool,
}

/// Decodes one raw record. With `lossy`, invalid UTF-8 is replaced with U+FFFD and the
/// document flagged; without, it is an [`RecordError::InvalidUtf8`] error.
///
/// ```
/// use zhtag::batch::{decode, InputKind, RawRecord, RecordError};
/// let raw = RawRecord {
///     source: "in.jsonl".into(),
///     kind: InputKind::Jsonl,
///     line: 3,
///     offset: 100,
///     consumed: 12,
///     bytes: br#"{"text":1}"#.to_vec(),
/// };
/// let bad = decode(&raw, false).unwrap_err();
/// assert_eq!((bad.id, bad.line), (3.into(), 3));
/// assert_eq!(bad.error, RecordError::TextNotString("a number"));
/// ```
pub fn decode(raw: &RawRecord, lossy: bool) -> Result<Document, BadRecord> {
    let bad = |id: Value, line: usize, error: RecordError| BadRecord {
        id,
        line,
        source: raw.source.clone(),
        error,
    };
    match raw.kind {
        InputKind::Text => {
            let id = Value::String(raw.source.to_string());
            let (text, was_lossy) = match std::str::from_utf8(&raw.bytes) {
                Ok(s) => (s.to_string(), false),
                Err(_) if lossy => (String::from_utf8_lossy(&raw.bytes).into_owned(), true),
                Err(e) => {
                    let at = e.valid_up_to();
                    let line = raw.line + raw.bytes[..at].iter().filter(|&&b| b == b'\n').count();
                    let byte_offset = raw.offset + at as u64;
                    return Err(bad(id, line, RecordError::InvalidUtf8 { byte_offset }));
                }
            };
            Ok(Document {
                id,
                text,
                title: None,
                lossy: was_lossy,
            })
        }
        InputKind::Jsonl => {
            let line_id = Value::from(raw.line);
            let (json, was_lossy) = match std::str::from_utf8(&raw.bytes) {
                Ok(s) => (std::borrow::Cow::Borrowed(s), false),
                Err(_) if lossy => (String::from_utf8_lossy(&raw.bytes), true),
                Err(e) => {
                    // name the record by its own id if the rest of the line still says it
                    let id = serde_json::from_str::<Value>(&String::from_utf8_lossy(&raw.bytes))
                        .ok()
                        .and_then(|v| v.get("id").cloned())
                        .unwrap_or(line_id);
                    let byte_offset = raw.offset + e.valid_up_to() as u64;
                    return Err(bad(id, raw.line, RecordError::InvalidUtf8 { byte_offset }));
                }
            };
            let value: Value = serde_json::from_str(&json).map_err(|e| {
                bad(
                    line_id.clone(),
                    raw.line,
                    RecordError::NotJson(e.to_string()),
                )
            })?;
            let Value::Object(mut map) = value else {
                return Err(bad(line_id, raw.line, RecordError::NotObject));
            };
            let id = map.remove("id").unwrap_or(line_id);
            let text = match map.remove("text") {
                Some(Value::String(s)) => s,
                Some(other) => {
                    return Err(bad(
                        id,
                        raw.line,
                        RecordError::TextNotString(json_type(&other)),
                    ))
                }
                None => return Err(bad(id, raw.line, RecordError::MissingText)),
            };
            let title = match map.remove("title") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            Ok(Document {
                id,
                text,
                title,
                lossy: was_lossy,
            })
        }
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads records from a list of inputs, one at a time, in order.
///
/// A JSONL input yields one record per non-blank line (lines are split on `\n`; a `\r` before it
/// is dropped; a lone `\r` is part of the line); a plain-text input yields one record holding the
/// whole input. A leading UTF-8 BOM is removed from each input. An input that cannot be opened or
/// read yields an error and ends the iteration.
///
/// ```
/// use zhtag::batch::{Input, InputKind, RecordReader};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("in.jsonl");
/// std::fs::write(&path, "\u{feff}{\"text\":\"a\"}\r\n\n{\"text\":\"b\"}")?;
/// let records: Vec<_> = RecordReader::new(vec![Input::file(&path, InputKind::Jsonl)])
///     .collect::<Result<_, _>>()?;
/// assert_eq!(records.len(), 2);
/// assert_eq!((records[0].line, records[0].offset), (1, 3));
/// assert_eq!(records[0].bytes, br#"{"text":"a"}"#);
/// assert_eq!(records[1].line, 3);
/// # Ok(()) }
/// ```
pub struct RecordReader {
    inputs: std::vec::IntoIter<Input>,
    current: Option<Source>,
    failed: bool,
}

struct Source {
    name: Arc<str>,
    path: PathBuf,
    kind: InputKind,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    offset: u64,
}

impl RecordReader {
    /// A reader over `inputs`, opened lazily one after the other.
    pub fn new(inputs: Vec<Input>) -> RecordReader {
        RecordReader {
            inputs: inputs.into_iter(),
            current: None,
            failed: false,
        }
    }

    fn open(input: Input) -> Result<Source, BatchError> {
        let name: Arc<str> = input.name().into();
        let path = input.display_path();
        let reader: Box<dyn BufRead + Send> = match &input.path {
            None => Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            Some(p) => {
                let f = File::open(p).map_err(|source| BatchError::Read {
                    path: p.clone(),
                    source,
                })?;
                Box::new(BufReader::with_capacity(1 << 16, f))
            }
        };
        Ok(Source {
            name,
            path,
            kind: input.kind,
            reader,
            line: 0,
            offset: 0,
        })
    }
}

impl Source {
    fn read_err(&self, source: io::Error) -> BatchError {
        BatchError::Read {
            path: self.path.clone(),
            source,
        }
    }

    /// The whole input as one record (`None` when it was already read).
    fn next_text(&mut self) -> Result<Option<RawRecord>, BatchError> {
        if self.line > 0 {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        self.reader
            .read_to_end(&mut bytes)
            .map_err(|e| self.read_err(e))?;
        let consumed = bytes.len() as u64;
        let mut offset = 0;
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
            offset = BOM.len() as u64;
        }
        self.line = 1;
        self.offset = consumed;
        Ok(Some(RawRecord {
            source: self.name.clone(),
            kind: InputKind::Text,
            line: 1,
            offset,
            consumed,
            bytes,
        }))
    }

    /// The next non-blank line (`None` at the end of the input).
    fn next_line(&mut self) -> Result<Option<RawRecord>, BatchError> {
        let mut consumed = 0u64;
        loop {
            let mut buf = Vec::new();
            let n = loop {
                match self.reader.read_until(b'\n', &mut buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(self.read_err(e)),
                }
            };
            if n == 0 {
                return Ok(None);
            }
            let start = self.offset;
            self.offset += n as u64;
            self.line += 1;
            consumed += n as u64;
            let mut end = buf.len();
            if buf[..end].ends_with(b"\n") {
                end -= 1;
            }
            if buf[..end].ends_with(b"\r") {
                end -= 1;
            }
            let skip = if self.line == 1 && buf[..end].starts_with(BOM) {
                BOM.len()
            } else {
                0
            };
            if buf[skip..end].iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            buf.truncate(end);
            buf.drain(..skip);
            return Ok(Some(RawRecord {
                source: self.name.clone(),
                kind: InputKind::Jsonl,
                line: self.line,
                offset: start + skip as u64,
                consumed,
                bytes: buf,
            }));
        }
    }
}

impl Iterator for RecordReader {
    type Item = Result<RawRecord, BatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            let src = match &mut self.current {
                Some(s) => s,
                None => match Self::open(self.inputs.next()?) {
                    Ok(s) => self.current.insert(s),
                    Err(e) => {
                        self.failed = true;
                        return Some(Err(e));
                    }
                },
            };
            let next = match src.kind {
                InputKind::Text => src.next_text(),
                InputKind::Jsonl => src.next_line(),
            };
            match next {
                Ok(Some(r)) => return Some(Ok(r)),
                Ok(None) => self.current = None,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// How to render each record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// `{"id": ..., "entities": [...]}` per record (plus `"lossy": true` when decoded lossily).
    #[default]
    Json,
    /// The text with entities marked and coloured, for reading in a terminal.
    Pretty,
    /// Elasticsearch / OpenSearch `_bulk` NDJSON into the named index (see [`es_bulk_record`]);
    /// error records are left out of the output (and counted in [`Stats::skipped`]).
    EsBulk {
        /// The index name.
        index: String,
    },
}

/// Options for [`run_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOptions {
    /// Records per window (default 256).
    pub window_records: usize,
    /// A window is cut once its records hold this many bytes (default 8 MiB); a single larger
    /// record is a window of its own.
    pub window_bytes: usize,
    /// Decode invalid UTF-8 with U+FFFD instead of failing the record.
    pub lossy: bool,
    /// Worker threads: `None` uses rayon's global pool (all cores).
    pub threads: Option<usize>,
    /// Output format.
    pub format: OutputFormat,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            window_records: 256,
            window_bytes: 8 << 20,
            lossy: false,
            threads: None,
            format: OutputFormat::Json,
        }
    }
}

/// Counts of a run, updated after each window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Input records read (good and bad).
    pub records: u64,
    /// Records that yielded an error record.
    pub errors: u64,
    /// Records decoded lossily.
    pub lossy: u64,
    /// Error records left out of the output (the `es-bulk` format).
    pub skipped: u64,
    /// Input bytes consumed.
    pub bytes: u64,
    /// Entities found, per label.
    pub entities: BTreeMap<Label, u64>,
}

/// Hooks into a running batch; every method has a no-op default.
pub trait Observer {
    /// Called after each window is written, with the counts so far.
    fn progress(&mut self, _stats: &Stats) {}
    /// Called for each error record left out of the output (`es-bulk` format).
    fn skipped(&mut self, _record: &BadRecord) {}
}

/// An [`Observer`] that does nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoObserver;

impl Observer for NoObserver {}

/// One record after tagging and rendering.
struct Processed {
    output: String,
    consumed: u64,
    labels: Vec<Label>,
    lossy: bool,
    error: Option<BadRecord>,
}

/// Decodes, tags and renders one record.
fn process(tagger: &Tagger, raw: RawRecord, opts: &BatchOptions) -> Processed {
    let consumed = raw.consumed;
    let tagged = decode(&raw, opts.lossy).and_then(|doc| {
        let text = &doc.text;
        match catch_unwind(AssertUnwindSafe(|| tagger.tag(text))) {
            Ok(entities) => Ok((doc, entities)),
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(BadRecord {
                    id: doc.id,
                    line: raw.line,
                    source: raw.source.clone(),
                    error: RecordError::Panic(message),
                })
            }
        }
    });
    match tagged {
        Ok((doc, entities)) => Processed {
            output: render(&opts.format, &doc, &entities),
            consumed,
            labels: entities.iter().map(|e| e.label).collect(),
            lossy: doc.lossy,
            error: None,
        },
        Err(bad) => Processed {
            output: match &opts.format {
                OutputFormat::Json => bad.to_json() + "\n",
                OutputFormat::Pretty => format!(
                    "── {} ({}:{}) error: {}\n\n",
                    bad.id, bad.source, bad.line, bad.error
                ),
                OutputFormat::EsBulk { .. } => String::new(),
            },
            consumed,
            labels: Vec::new(),
            lossy: false,
            error: Some(bad),
        },
    }
}

/// Renders a tagged document in `format`, newline-terminated.
///
/// ```
/// use zhtag::batch::{render, Document, OutputFormat};
/// let doc = Document { id: "a".into(), text: "無".into(), title: None, lossy: true };
/// assert_eq!(
///     render(&OutputFormat::Json, &doc, &[]),
///     "{\"id\":\"a\",\"entities\":[],\"lossy\":true}\n"
/// );
/// ```
pub fn render(format: &OutputFormat, doc: &Document, entities: &[Entity]) -> String {
    match format {
        OutputFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                id: &'a Value,
                entities: &'a [Entity],
                #[serde(skip_serializing_if = "std::ops::Not::not")]
                lossy: bool,
            }
            to_json_line(&Out {
                id: &doc.id,
                entities,
                lossy: doc.lossy,
            }) + "\n"
        }
        OutputFormat::Pretty => format!("── {}\n{}\n\n", doc.id, pretty(&doc.text, entities)),
        OutputFormat::EsBulk { index } => {
            es_bulk_record(index, &doc.id, &doc.text, doc.title.as_deref(), entities)
        }
    }
}

fn to_json_line<T: Serialize>(value: &T) -> String {
    // serializing plain structs of strings, numbers and `Value`s into a String cannot fail
    serde_json::to_string(value).unwrap_or_else(|e| {
        json!({"error": format!("cannot serialize the record: {e}")}).to_string()
    })
}

fn colour(label: Label) -> &'static str {
    match label {
        Label::Org => "\x1b[1;34m",
        Label::Quantity => "\x1b[1;32m",
        Label::Policy => "\x1b[1;35m",
        Label::Loc => "\x1b[36m",
        Label::Person => "\x1b[33m",
        Label::Date => "\x1b[2m",
    }
}

/// The text with each entity as `[text]LABEL`, coloured with ANSI escapes.
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "大船集團擴產";
/// let shown = zhtag::batch::pretty(text, &tagger.tag(text));
/// assert!(shown.contains("[大船集團]"));
/// ```
pub fn pretty(text: &str, entities: &[Entity]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for e in entities {
        // entities are ordered, non-overlapping and on char boundaries; skip any that is not
        let Some(before) = text.get(pos..e.byte_start) else {
            continue;
        };
        out.push_str(before);
        out.push_str(colour(e.label));
        out.push('[');
        out.push_str(&e.text);
        out.push_str("]\x1b[0m\x1b[2m");
        out.push_str(e.label.as_str());
        out.push_str("\x1b[0m");
        pos = e.byte_end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// One record as the two lines of an Elasticsearch / OpenSearch `_bulk` request, each ending
/// with `\n`: the action `{"index":{"_index":INDEX,"_id":ID}}`, then the document
/// `{"id", "title"?, "text", "org", "policy", "loc", "quantities", "amount_cny"}`.
///
/// `_id` is the id as a string (a string id as is, any other JSON value as its JSON text), since
/// the search engines want string ids; the document's `id` keeps the original value. `org`,
/// `policy` and `loc` are the canonical names, deduplicated in text order; `quantities` are
/// `{text, value, unit}`; `amount_cny` the values of the quantities in `CNY`. Everything is
/// escaped by `serde_json`.
///
/// ```
/// let tagger = zhtag::Tagger::new();
/// let text = "大船集團擴產，大船集團投產";
/// let id = serde_json::json!("a\"1");
/// let lines = zhtag::batch::es_bulk_record("news", &id, text, Some("標題"), &tagger.tag(text));
/// let mut it = lines.lines();
/// let action: serde_json::Value = serde_json::from_str(it.next().unwrap()).unwrap();
/// let doc: serde_json::Value = serde_json::from_str(it.next().unwrap()).unwrap();
/// assert_eq!(action["index"]["_id"], "a\"1");
/// assert_eq!(doc["title"], "標題");
/// assert_eq!(doc["org"], serde_json::json!(["大連船舶重工集團"])); // canonical, once
/// ```
pub fn es_bulk_record(
    index: &str,
    id: &Value,
    text: &str,
    title: Option<&str>,
    entities: &[Entity],
) -> String {
    let string_id = match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut org: Vec<&str> = Vec::new();
    let mut policy: Vec<&str> = Vec::new();
    let mut loc: Vec<&str> = Vec::new();
    let mut quantities = Vec::new();
    let mut amount_cny = Vec::new();
    for e in entities {
        let name = match &e.normalized {
            Normalized::Name { name, .. } if !name.is_empty() => name.as_str(),
            Normalized::Name { .. } => e.text.as_str(),
            Normalized::Quantity(q) => {
                quantities.push(json!({"text": e.text, "value": q.value, "unit": q.unit}));
                if q.unit == "CNY" {
                    amount_cny.push(json!(q.value));
                }
                continue;
            }
        };
        let list = match e.label {
            Label::Org => &mut org,
            Label::Policy => &mut policy,
            Label::Loc => &mut loc,
            _ => continue,
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }
    #[derive(Serialize)]
    struct Action<'a> {
        index: ActionTarget<'a>,
    }
    #[derive(Serialize)]
    struct ActionTarget<'a> {
        _index: &'a str,
        _id: String,
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        id: &'a Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        text: &'a str,
        org: Vec<&'a str>,
        policy: Vec<&'a str>,
        loc: Vec<&'a str>,
        quantities: Vec<Value>,
        amount_cny: Vec<Value>,
    }
    let action = Action {
        index: ActionTarget {
            _index: index,
            _id: string_id,
        },
    };
    let doc = Doc {
        id,
        title,
        text,
        org,
        policy,
        loc,
        quantities,
        amount_cny,
    };
    format!("{}\n{}\n", to_json_line(&action), to_json_line(&doc))
}

/// Windows of raw records, read on a thread of their own so that reading overlaps tagging.
fn spawn_reader(
    inputs: Vec<Input>,
    window_records: usize,
    window_bytes: usize,
) -> Receiver<Result<Vec<RawRecord>, BatchError>> {
    // one window waiting while one is tagged: memory stays within a few windows
    let (tx, rx) = sync_channel(1);
    std::thread::spawn(move || {
        let mut window = Vec::new();
        let mut bytes = 0usize;
        for rec in RecordReader::new(inputs) {
            match rec {
                Ok(r) => {
                    bytes += r.bytes.len();
                    window.push(r);
                    if window.len() >= window_records.max(1) || bytes >= window_bytes {
                        bytes = 0;
                        if tx.send(Ok(std::mem::take(&mut window))).is_err() {
                            return; // the consumer stopped
                        }
                    }
                }
                Err(e) => {
                    // what was read before the error is still tagged and written
                    if !window.is_empty() && tx.send(Ok(std::mem::take(&mut window))).is_err() {
                        return;
                    }
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
        if !window.is_empty() {
            let _ = tx.send(Ok(window));
        }
    });
    rx
}

/// Tags every record of `inputs` and writes one output line (two for `es-bulk`) per record to
/// `out`, in input order; returns the counts.
///
/// Records are read in windows ([`BatchOptions::window_records`], [`BatchOptions::window_bytes`])
/// on a reader thread, and each window is decoded, tagged and rendered in parallel (on a pool of
/// [`BatchOptions::threads`] threads, or rayon's global pool). A bad record yields an error record
/// and the run goes on; an input that cannot be opened or read, or output that cannot be
/// written, stops the run with an error (after writing the records read before it).
///
/// See the [module documentation](self) for an example.
pub fn run_batch(
    tagger: &Tagger,
    inputs: &[Input],
    opts: &BatchOptions,
    out: &mut dyn Write,
    observer: &mut dyn Observer,
) -> Result<Stats, BatchError> {
    let pool = match opts.threads {
        Some(threads) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|source| BatchError::ThreadPool { threads, source })?,
        ),
        None => None,
    };
    let windows = spawn_reader(inputs.to_vec(), opts.window_records, opts.window_bytes);
    let mut stats = Stats::default();
    for window in windows {
        let window = window?;
        let tag_all = || -> Vec<Processed> {
            window
                .into_par_iter()
                .map(|raw| process(tagger, raw, opts))
                .collect()
        };
        let processed = match &pool {
            Some(p) => p.install(tag_all),
            None => tag_all(),
        };
        for p in processed {
            out.write_all(p.output.as_bytes())
                .map_err(BatchError::Write)?;
            stats.records += 1;
            stats.bytes += p.consumed;
            stats.lossy += u64::from(p.lossy);
            for l in p.labels {
                *stats.entities.entry(l).or_default() += 1;
            }
            if let Some(bad) = p.error {
                stats.errors += 1;
                if p.output.is_empty() {
                    stats.skipped += 1;
                    observer.skipped(&bad);
                }
            }
        }
        observer.progress(&stats);
    }
    out.flush().map_err(BatchError::Write)?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source as EntitySource;
    use crate::quantity::Quantity;
    use std::sync::OnceLock;

    fn tagger() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(Tagger::new)
    }

    /// Runs `bytes` as one input of `kind` and returns the output lines and the counts.
    fn run_bytes(bytes: &[u8], kind: InputKind, opts: &BatchOptions) -> (Vec<Value>, Stats) {
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

    fn raw(kind: InputKind, bytes: &[u8]) -> RawRecord {
        RawRecord {
            source: "t".into(),
            kind,
            line: 1,
            offset: 0,
            consumed: bytes.len() as u64,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn blank_jsonl_lines_are_not_records_but_count_in_line_numbers() {
        let input = b"\n  \n{\"text\":\"a\"}\n\r\n{}\n";
        let (lines, stats) = run_bytes(input, InputKind::Jsonl, &BatchOptions::default());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], 3);
        assert_eq!(lines[1]["line"], 5);
        assert_eq!(lines[1]["error"], "no \"text\" field");
        assert_eq!((stats.records, stats.errors), (2, 1));
        assert_eq!(stats.bytes, input.len() as u64); // blank lines and line ends included
    }

    #[test]
    fn jsonl_crlf_and_bom_are_stripped_and_offsets_count_raw_bytes() {
        let input =
            b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n";
        let recs: Vec<RawRecord> =
            RecordReader::new(vec![Input::file(write_temp(input).1, InputKind::Jsonl)])
                .collect::<Result<_, _>>()
                .expect("read");
        assert_eq!(recs[0].bytes, br#"{"id":"a","text":"x"}"#);
        assert_eq!(recs[0].offset, 3);
        assert_eq!(recs[1].offset, 3 + 21 + 2);
        assert_eq!(recs[1].bytes, br#"{"id":"b","text":"y"}"#);
    }

    fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("in");
        std::fs::write(&path, bytes).expect("write");
        // the caller keeps the directory alive as long as it needs the file
        (dir, path)
    }

    #[test]
    fn a_lone_cr_does_not_end_a_jsonl_line() {
        let (lines, _) = run_bytes(
            b"{\"id\":1,\r\"text\":\"a\\rb\"}\n",
            InputKind::Jsonl,
            &BatchOptions::default(),
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["entities"], json!([]));
    }

    #[test]
    fn record_ids_are_kept_as_given_or_are_the_line_number() {
        let input = b"{\"id\":\"s\",\"text\":\"\"}\n{\"id\":{\"k\":[1]},\"text\":\"\"}\n{\"text\":\"\"}\n{\"id\":null,\"text\":\"\"}\n";
        let (lines, _) = run_bytes(input, InputKind::Jsonl, &BatchOptions::default());
        let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
        assert_eq!(
            ids,
            [&json!("s"), &json!({"k": [1]}), &json!(3), &Value::Null]
        );
    }

    #[test]
    fn each_kind_of_bad_jsonl_line_yields_its_error_record() {
        let cases: [(&[u8], &str, Value); 6] = [
            (b"not json", "not JSON", json!(1)),
            (b"[1,2]", "not a JSON object", json!(1)),
            (b"{\"id\":9}", "no \"text\" field", json!(9)),
            (
                b"{\"id\":9,\"text\":null}",
                "\"text\" is null, not a string",
                json!(9),
            ),
            (
                b"{\"id\":9,\"text\":[\"a\"]}",
                "\"text\" is an array, not a string",
                json!(9),
            ),
            (
                b"{\"id\":\"u\",\"text\":\"\xC3\x28\"}",
                "invalid UTF-8 at byte offset 18",
                json!("u"),
            ),
        ];
        for (line, message, id) in cases {
            let bad = decode(&raw(InputKind::Jsonl, line), false).expect_err("bad record");
            assert!(
                bad.error.to_string().starts_with(message),
                "{line:?}: {}",
                bad.error
            );
            assert_eq!(bad.id, id, "{line:?}");
            assert_eq!(bad.line, 1);
        }
    }

    #[test]
    fn deeply_nested_json_is_an_error_record_not_a_stack_overflow() {
        let line = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let bad = decode(&raw(InputKind::Jsonl, line.as_bytes()), false).expect_err("bad");
        assert!(matches!(bad.error, RecordError::NotJson(_)));
    }

    #[test]
    fn invalid_utf8_in_a_text_file_reports_the_file_byte_offset_and_line() {
        // BOM (3 bytes) + "大船\r\n" (8 bytes) + "ab" then a bad byte at 13
        let input = b"\xEF\xBB\xBF\xE5\xA4\xA7\xE8\x88\xB9\r\nab\xFFcd";
        let (lines, stats) = run_bytes(input, InputKind::Text, &BatchOptions::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["byte_offset"], 13);
        assert_eq!(lines[0]["line"], 2);
        assert_eq!(
            lines[0]["id"].as_str().map(|s| s.ends_with("in")),
            Some(true)
        );
        assert_eq!(stats.errors, 1);
    }

    #[test]
    fn lossy_decoding_replaces_bad_bytes_and_flags_the_record() {
        let opts = BatchOptions {
            lossy: true,
            ..BatchOptions::default()
        };
        let (lines, stats) = run_bytes(
            b"\xFF\xE5\xA4\xA7\xE8\x88\xB9\xE9\x9B\x86\xE5\x9C\x98",
            InputKind::Text,
            &opts,
        );
        assert_eq!(lines[0]["lossy"], true);
        assert_eq!((stats.errors, stats.lossy), (0, 1));
        // the entity offsets are into the decoded text: U+FFFD is one char, three bytes
        let e = &lines[0]["entities"][0];
        assert_eq!(
            (
                e["text"].as_str(),
                e["start"].as_u64(),
                e["byte_start"].as_u64()
            ),
            (Some("大船集團"), Some(1), Some(3))
        );
    }

    #[test]
    fn a_text_file_bom_is_stripped_and_offsets_start_after_it() {
        let (lines, _) = run_bytes(
            "\u{feff}大船集團".as_bytes(),
            InputKind::Text,
            &BatchOptions::default(),
        );
        let e = &lines[0]["entities"][0];
        assert_eq!(
            (e["start"].as_u64(), e["byte_start"].as_u64()),
            (Some(0), Some(0))
        );
    }

    #[test]
    fn an_empty_text_file_is_one_record_and_an_empty_jsonl_file_none() {
        let (lines, _) = run_bytes(b"", InputKind::Text, &BatchOptions::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["entities"], json!([]));
        let (lines, stats) = run_bytes(b"", InputKind::Jsonl, &BatchOptions::default());
        assert_eq!((lines.len(), stats.records), (0, 0));
    }

    #[test]
    fn output_keeps_input_order_across_small_windows_on_two_threads() {
        let mut input = String::new();
        for i in 0..200 {
            // uneven lengths, so that workers finish out of order
            let text = "大船集團擴產。".repeat(1 + (i * 7) % 23);
            input += &json!({"id": i, "text": text}).to_string();
            input.push('\n');
        }
        let opts = BatchOptions {
            window_records: 7,
            threads: Some(2),
            ..BatchOptions::default()
        };
        let (lines, stats) = run_bytes(input.as_bytes(), InputKind::Jsonl, &opts);
        let ids: Vec<u64> = lines.iter().filter_map(|l| l["id"].as_u64()).collect();
        assert_eq!(ids, (0..200).collect::<Vec<u64>>());
        assert_eq!(stats.records, 200);
        assert!(stats.entities[&Label::Org] >= 200);
    }

    #[test]
    fn a_missing_input_stops_the_run_after_writing_the_inputs_before_it() {
        let (_dir, good) = write_temp(b"{\"text\":\"a\"}\n");
        let missing = good.with_file_name("missing.jsonl");
        let mut out = Vec::new();
        let err = run_batch(
            tagger(),
            &[
                Input::file(&good, InputKind::Jsonl),
                Input::file(&missing, InputKind::Jsonl),
            ],
            &BatchOptions::default(),
            &mut out,
            &mut NoObserver,
        )
        .expect_err("missing file");
        assert!(err.to_string().contains("missing.jsonl"), "{err}");
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
    }

    #[test]
    fn es_bulk_skips_error_records_and_tells_the_observer() {
        struct Count(usize);
        impl Observer for Count {
            fn skipped(&mut self, _: &BadRecord) {
                self.0 += 1;
            }
        }
        let (_dir, path) =
            write_temp(b"{\"id\":1,\"text\":\"a\"}\nbad\n{\"id\":3,\"text\":\"b\"}\n");
        let opts = BatchOptions {
            format: OutputFormat::EsBulk {
                index: "news".into(),
            },
            ..BatchOptions::default()
        };
        let mut out = Vec::new();
        let mut seen = Count(0);
        let stats = run_batch(
            tagger(),
            &[Input::file(&path, InputKind::Jsonl)],
            &opts,
            &mut out,
            &mut seen,
        )
        .expect("run");
        assert_eq!(String::from_utf8_lossy(&out).lines().count(), 4);
        assert_eq!((stats.errors, stats.skipped, seen.0), (1, 1, 1));
    }

    fn entity(label: Label, text: &str, normalized: Normalized) -> Entity {
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

    fn name(n: &str) -> Normalized {
        Normalized::Name {
            name: n.into(),
            kind: None,
        }
    }

    fn money(value: f64, unit: &str) -> Normalized {
        Normalized::Quantity(Quantity {
            value,
            unit: unit.into(),
            min: None,
            max: None,
            approx: false,
            hedge: None,
        })
    }

    #[test]
    fn es_bulk_record_has_canonical_deduplicated_names_and_cny_amounts() {
        let entities = [
            entity(Label::Org, "大船集團", name("大連船舶重工集團")),
            entity(Label::Quantity, "8億元", money(8e8, "CNY")),
            entity(Label::Org, "大連船舶重工集團", name("大連船舶重工集團")),
            entity(Label::Quantity, "3億美元", money(3e8, "USD")),
            entity(Label::Policy, "專精特新", name("專精特新")),
            entity(Label::Loc, "大連", name("大連")),
        ];
        let out = es_bulk_record("news", &json!(12), "正文\n\"引號\"", None, &entities);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(out.ends_with('\n'));
        assert_eq!(lines[0], r#"{"index":{"_index":"news","_id":"12"}}"#);
        let doc: Value = serde_json::from_str(lines[1]).expect("JSON");
        assert_eq!(
            doc,
            json!({
                "id": 12,
                "text": "正文\n\"引號\"",
                "org": ["大連船舶重工集團"],
                "policy": ["專精特新"],
                "loc": ["大連"],
                "quantities": [
                    {"text": "8億元", "value": 8e8, "unit": "CNY"},
                    {"text": "3億美元", "value": 3e8, "unit": "USD"}
                ],
                "amount_cny": [8e8]
            })
        );
    }

    #[test]
    fn pretty_marks_entities_and_survives_bad_offsets() {
        let text = "大船集團擴產";
        let shown = pretty(text, &tagger().tag(text));
        assert!(shown.contains("[大船集團]"));
        assert!(shown.ends_with("擴產"));
        let mut bogus = entity(Label::Org, "x", name("x"));
        bogus.byte_start = 1; // inside a char
        bogus.byte_end = 2;
        assert_eq!(pretty(text, &[bogus]), text);
    }

    #[test]
    fn directory_inputs_are_sorted_recursive_and_filtered_by_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        for f in ["z.txt", "sub/a.jsonl", "b.md", "a.TXT"] {
            std::fs::write(dir.path().join(f), "").expect("write");
        }
        let got = expand_inputs(&[dir.path().to_path_buf()], true).expect("expand");
        let names: Vec<String> = got
            .iter()
            .map(|i| {
                i.path
                    .as_ref()
                    .and_then(|p| p.strip_prefix(dir.path()).ok())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, ["a.TXT", "sub/a.jsonl", "z.txt"]);
        // extension decides inside a directory, whatever --jsonl says
        assert_eq!(got[0].kind, InputKind::Text);
        let empty = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            expand_inputs(&[empty.path().to_path_buf()], false),
            Err(BatchError::Input { .. })
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_yield_one_output_line_per_nonblank_input_line(
            lines in proptest::collection::vec(proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40), 0..20),
        ) {
            let lines: Vec<Vec<u8>> = lines.into_iter().map(|l| l.into_iter().filter(|&b| b != b'\n').collect()).collect();
            let input = lines.join(&b'\n');
            let records = input
                .split(|&b| b == b'\n')
                .enumerate()
                .filter(|(i, l)| {
                    let l = if *i == 0 && l.starts_with(BOM) { &l[3..] } else { l };
                    !l.iter().all(u8::is_ascii_whitespace)
                })
                .count();
            let (out, stats) = run_bytes(&input, InputKind::Jsonl, &BatchOptions { window_records: 3, ..BatchOptions::default() });
            proptest::prop_assert_eq!(out.len(), records);
            proptest::prop_assert_eq!(stats.records as usize, records);
        }
    }
}
