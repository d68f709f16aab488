//! The parallel engine: windows of records tagged on a pool, written in input order.

use std::collections::BTreeMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};

use rayon::prelude::*;

use crate::entity::Label;
use crate::Tagger;

use super::*;

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
        let tag_opts = crate::tagger::TagOptions { region: doc.region };
        match catch_unwind(AssertUnwindSafe(|| tagger.tag_with(text, &tag_opts))) {
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
                OutputFormat::Pretty { .. } => format!(
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
/// See the [module documentation](crate::batch) for an example.
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
    use crate::batch::test_support::*;

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
