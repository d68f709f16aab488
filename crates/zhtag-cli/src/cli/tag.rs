//! `zhtag tag [FILE|DIR...]`: a streaming filter over [`zhtag::batch`], one record per input record.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zhtag::batch::{
    expand_inputs, run_batch, total_size, BadRecord, BatchOptions, Observer, OutputFormat, Stats,
};

use super::{partial, CliResult, TaggerArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON record per document: {"id", "entities"} (or {"id", "line", "error"}).
    Json,
    /// The text with entities marked and coloured, for reading in a terminal.
    Pretty,
    /// Elasticsearch / OpenSearch `_bulk` NDJSON (needs --index-name); error records are skipped.
    EsBulk,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// Inputs: plain-text files (one document each, id = the path), .jsonl files (records
    /// {"id", "text"}), directories (every .txt/.jsonl under them, sorted), or `-` for stdin.
    /// Stdin when none.
    pub files: Vec<PathBuf>,
    /// Read stdin and every file named on the command line as JSONL records {"id": ..., "text": ...}
    /// (files ending in .jsonl always are).
    #[arg(long)]
    pub jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// The index for `--format es-bulk`.
    #[arg(long, value_name = "NAME", required_if_eq("format", "es-bulk"))]
    pub index_name: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Write to FILE (through a temporary file in the same directory, renamed when complete)
    /// instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Decode invalid UTF-8 with U+FFFD (and mark the record "lossy": true) instead of an error record.
    #[arg(long)]
    pub lossy: bool,
    /// No progress bar and no summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

/// An index name Elasticsearch accepts: lowercase, no `\ / * ? " < > | , #` or space, not
/// starting with `-`, `_` or `+`, not `.` or `..`, at most 255 bytes.
fn check_index_name(name: &str) -> Result<(), String> {
    let bad_char = name.chars().find(|c| {
        c.is_uppercase()
            || matches!(
                c,
                '\\' | '/' | '*' | '?' | '"' | '<' | '>' | '|' | ',' | '#' | ':'
            )
            || c.is_whitespace()
    });
    if name.is_empty()
        || name.len() > 255
        || name.starts_with(['-', '_', '+'])
        || name == "."
        || name == ".."
        || bad_char.is_some()
    {
        return Err(format!(
            "invalid --index-name {name:?}: use lowercase letters, digits and - _ . (not first), at most 255 bytes"
        ));
    }
    Ok(())
}

/// Progress bar (only on a terminal) and the es-bulk skip report.
struct Reporter {
    bar: Option<ProgressBar>,
    start: Instant,
    quiet: bool,
}

impl Reporter {
    fn new(total: Option<u64>, quiet: bool) -> Reporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = match total {
                Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template(
                            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    ),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} {msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter {
            bar,
            start: Instant::now(),
            quiet,
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Reporter {
    fn progress(&mut self, stats: &Stats) {
        if let Some(bar) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(stats.bytes);
            bar.set_message(format!(
                "{} records, {:.0} records/s, {} errors",
                stats.records,
                stats.records as f64 / secs,
                stats.errors
            ));
        }
    }

    fn skipped(&mut self, record: &BadRecord) {
        if self.quiet {
            return;
        }
        let line = format!("zhtag: skipped: {}", record.to_json());
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }
}

/// `zhtag: 120 records (ORG 310, QUANTITY 95, POLICY 12, LOC 40), 2 errors, 1.52 s, 3.10 MB/s`
fn summary(stats: &Stats, elapsed: Duration) -> String {
    let labels: Vec<String> = stats
        .entities
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let secs = elapsed.as_secs_f64();
    let mut s = format!(
        "zhtag: {} record{} ({}), {} error{}",
        stats.records,
        if stats.records == 1 { "" } else { "s" },
        if labels.is_empty() {
            "no entities".to_string()
        } else {
            labels.join(", ")
        },
        stats.errors,
        if stats.errors == 1 { "" } else { "s" },
    );
    if stats.skipped > 0 {
        s += &format!(" ({} skipped in the output)", stats.skipped);
    }
    if stats.lossy > 0 {
        s += &format!(", {} decoded lossily", stats.lossy);
    }
    s += &format!(
        ", {:.2} s, {:.2} MB/s",
        secs,
        stats.bytes as f64 / 1e6 / secs.max(1e-9)
    );
    s
}

/// `colour`: mark entities with ANSI colours in `--format pretty` (see `--color`).
pub fn run(a: TagArgs, colour: bool) -> CliResult {
    let format = match a.format {
        Format::Json => OutputFormat::Json,
        Format::Pretty => OutputFormat::Pretty { colour },
        Format::EsBulk => {
            let index = a.index_name.clone().unwrap_or_default();
            check_index_name(&index)?;
            OutputFormat::EsBulk { index }
        }
    };
    if let Some(t) = a.threads {
        check_threads(usize::from(t))?;
    }
    let inputs = expand_inputs(&a.files, a.jsonl)?;
    // never dropped: freeing jieba's ~350,000 records one by one costs a short run ~8 ms more
    // than the process exit that frees them all at once
    let tagger = std::mem::ManuallyDrop::new(a.tagger.build()?);
    let opts = BatchOptions {
        lossy: a.lossy,
        threads: a.threads.map(usize::from),
        format,
        ..BatchOptions::default()
    };
    let mut reporter = Reporter::new(total_size(&inputs), a.quiet);
    let start = Instant::now();

    let stats = match &a.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let r = run_batch(&tagger, &inputs, &opts, &mut out, &mut reporter);
            reporter.finish();
            if let Err(zhtag::batch::BatchError::Write(e)) = &r
                && e.kind() == std::io::ErrorKind::BrokenPipe
            {
                // a filter such as `head` closed the pipe: normal use, exit quietly
                return Ok(ExitCode::SUCCESS);
            }
            r.map_err(|e| match e {
                zhtag::batch::BatchError::Write(e) => format!("<stdout>: {e}").into(),
                e => Box::<dyn std::error::Error>::from(e),
            })?
        }
        Some(given) if is_stream(given) => {
            // a FIFO, a character device (/dev/stdout) or a socket: write straight to it, as a
            // rename over it would replace it with a regular file
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(given)
                .map_err(|e| format!("{}: {e}", given.display()))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            let r = run_batch(&tagger, &inputs, &opts, &mut out, &mut reporter);
            reporter.finish();
            r.map_err(|e| match e {
                zhtag::batch::BatchError::Write(e) => format!("{}: {e}", given.display()).into(),
                e => Box::<dyn std::error::Error>::from(e),
            })?
        }
        Some(given) => {
            // through a symlink to its target: the rename replaces the target, not the link
            let resolved = resolve_links(given)?;
            let path = &resolved;
            for stale in partial::sweep_stale(path) {
                eprintln!(
                    "zhtag: removed {}, left by an interrupted run",
                    stale.display()
                );
            }
            partial::clean_up_on_signals()?;
            let tmp = partial::create(path)?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file());
            let r = run_batch(&tagger, &inputs, &opts, &mut out, &mut reporter);
            reporter.finish();
            let stats = r.map_err(|e| match e {
                zhtag::batch::BatchError::Write(e) => format!("{}: {e}", path.display()).into(),
                e => Box::<dyn std::error::Error>::from(e),
            })?;
            out.flush()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            drop(out);
            tmp.as_file()
                .sync_all()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            partial::commit(tmp, path)?;
            stats
        }
    };
    if !a.quiet {
        eprintln!("{}", summary(&stats, start.elapsed()));
    }
    Ok(if stats.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Threads allowed per core: more only adds scheduling and memory, never speed.
const THREADS_PER_CORE: usize = 8;

/// Refuses a `--threads` far beyond the machine (1000 threads made one record take a minute).
fn check_threads(threads: usize) -> Result<(), String> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let max = cores * THREADS_PER_CORE;
    if threads == 0 || threads > max {
        return Err(format!(
            "--threads {threads}: give 1 to {max} ({THREADS_PER_CORE} per core; this machine has {cores})"
        ));
    }
    Ok(())
}

/// True if `path` exists and is neither a regular file nor a directory (following links).
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Follows `path` through symlinks (also a dangling one) to the file a write should replace.
fn resolve_links(path: &Path) -> Result<std::path::PathBuf, String> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(format!(
        "{}: too many levels of symbolic links",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names_elasticsearch_rejects_are_refused() {
        assert!(check_index_name("news-2026.11").is_ok());
        for bad in ["", "News", "a b", "_x", "-x", "a/b", "a\"b", "..", "a,b"] {
            assert!(check_index_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn summary_names_records_labels_errors_and_speed() {
        let mut stats = Stats {
            records: 3,
            errors: 1,
            bytes: 2_000_000,
            ..Stats::default()
        };
        stats.entities.insert(zhtag::Label::Org, 4);
        let s = summary(&stats, Duration::from_secs(2));
        assert_eq!(s, "zhtag: 3 records (ORG 4), 1 error, 2.00 s, 1.00 MB/s");
    }
}
