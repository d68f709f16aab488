//! Reading records from inputs and decoding them into documents.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::*;

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
    /// The record's `region` (`cn`, `tw`, `hk`, `mo`): the currency of a bare 元 in it
    /// ([`crate::quantity::currency`]); `None` for plain text or a record without one.
    pub region: Option<crate::quantity::Region>,
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
                region: None,
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
            let region = match map.remove("region") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => match s.parse() {
                    Ok(r) => Some(r),
                    Err(_) => return Err(bad(id, raw.line, RecordError::BadRegion(s))),
                },
                Some(other) => {
                    let shown = other.to_string();
                    return Err(bad(id, raw.line, RecordError::BadRegion(shown)));
                }
            };
            Ok(Document {
                id,
                text,
                title,
                lossy: was_lossy,
                region,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::test_support::*;

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
    fn a_record_region_decides_the_bare_yuan_and_a_bad_one_is_an_error() {
        let input = "{\"id\":1,\"region\":\"hk\",\"text\":\"撥款8億元\"}\n\
                     {\"id\":2,\"text\":\"撥款8億元\"}\n\
                     {\"id\":3,\"region\":\"xx\",\"text\":\"撥款8億元\"}\n";
        let (lines, stats) =
            run_bytes(input.as_bytes(), InputKind::Jsonl, &BatchOptions::default());
        let q = |l: &Value| l["entities"][0]["normalized"].clone();
        assert_eq!(q(&lines[0])["unit"], "HKD");
        assert_eq!(q(&lines[0])["currency_from"], "region");
        assert_eq!(q(&lines[1])["unit"], "CNY");
        assert!(q(&lines[1]).get("currency_from").is_none());
        assert_eq!(
            lines[2]["error"],
            "\"region\" is \"xx\": expected cn, tw, hk or mo"
        );
        assert_eq!(stats.errors, 1);
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
}
