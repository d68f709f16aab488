//! `zhtag index --index DIR [FILE...]`: tag documents and add them to a search index.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use zhtag_search::{Document, Indexer};

use super::{CliResult, TaggerArgs};

/// Documents tagged together (in parallel) before they are handed to the index writer.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 4 << 20;

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Index directory (created if needed; appended to if it exists).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Inputs: text files (one document each, id = path), JSONL files (with --jsonl, or named
    /// *.jsonl: records {"id", "title"?, "text"}), directories (walked), `-` for stdin. Stdin when none.
    pub files: Vec<PathBuf>,
    /// Read every input as JSONL records.
    #[arg(long)]
    pub jsonl: bool,
    /// Write error records {"id","file","line","error"} here instead of stderr.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Commit every N documents (and at the end).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub commit_every: usize,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

/// An input: a file, or stdin.
enum Input {
    File(PathBuf),
    Stdin,
}

fn collect_inputs(paths: &[PathBuf], out: &mut Vec<Input>) -> std::io::Result<()> {
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| {
                    !e.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
                })
                .collect();
            entries.sort();
            collect_inputs(&entries, out)?;
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    Ok(())
}

struct Run {
    indexer: Indexer,
    batch: Vec<Document>,
    batch_bytes: usize,
    docs: usize,
    bytes: u64,
    errors: usize,
    orgs: usize,
    policies: usize,
    amounts: usize,
    commit_every: usize,
    since_commit: usize,
    error_out: Box<dyn Write>,
}

impl Run {
    fn push(&mut self, doc: Document) -> Result<(), zhtag::Error> {
        self.batch_bytes += doc.text.len();
        self.batch.push(doc);
        if self.batch.len() >= BATCH_DOCS || self.batch_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), zhtag::Error> {
        let batch = std::mem::take(&mut self.batch);
        for s in self.indexer.add_batch(&batch)? {
            self.orgs += s.orgs.len();
            self.policies += s.policies.len();
            self.amounts += s.amounts.len();
        }
        self.docs += batch.len();
        self.since_commit += batch.len();
        self.batch_bytes = 0;
        if self.since_commit >= self.commit_every {
            self.indexer.commit()?;
            self.since_commit = 0;
        }
        Ok(())
    }

    fn error(&mut self, id: serde_json::Value, file: &str, line: usize, msg: &str) {
        self.errors += 1;
        let rec = json!({"id": id, "file": file, "line": line, "error": msg});
        // error records are best effort: a closed stderr must not stop the indexing
        let _ = writeln!(self.error_out, "{rec}");
    }
}

fn read_jsonl(run: &mut Run, name: &str, r: &mut dyn BufRead, bar: &ProgressBar) -> CliResult {
    let mut buf = Vec::new();
    let mut lineno = 0usize;
    loop {
        buf.clear();
        let n = r
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("{name}: {e}"))?;
        if n == 0 {
            break;
        }
        lineno += 1;
        run.bytes += n as u64;
        bar.inc(n as u64);
        let Ok(line) = std::str::from_utf8(&buf) else {
            run.error(serde_json::Value::Null, name, lineno, "not UTF-8");
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        let rec: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                run.error(serde_json::Value::Null, name, lineno, &e.to_string());
                continue;
            }
        };
        let id = match rec.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            None => format!("{name}:{lineno}"),
            Some(other) => {
                run.error(
                    other.clone(),
                    name,
                    lineno,
                    "\"id\" is not a string or number",
                );
                continue;
            }
        };
        let Some(text) = rec.get("text").and_then(|t| t.as_str()) else {
            run.error(json!(id), name, lineno, "no \"text\" string");
            continue;
        };
        let mut doc = Document::new(id, text);
        if let Some(t) = rec.get("title").and_then(|t| t.as_str()) {
            doc = doc.with_title(t);
        }
        run.push(doc)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

pub fn run(a: IndexArgs) -> CliResult {
    let tagger = Arc::new(a.tagger.build()?);
    let indexer = Indexer::open(&a.index, tagger)?;
    let mut inputs = Vec::new();
    collect_inputs(&a.files, &mut inputs)?;
    if a.files.is_empty() {
        inputs.push(Input::Stdin);
    }
    let total: u64 = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Input::Stdin => 0,
        })
        .sum();
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let error_out: Box<dyn Write> = match &a.errors {
        Some(p) => Box::new(std::io::BufWriter::new(
            File::create(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => Box::new(std::io::stderr()),
    };
    let mut run = Run {
        indexer,
        batch: Vec::new(),
        batch_bytes: 0,
        docs: 0,
        bytes: 0,
        errors: 0,
        orgs: 0,
        policies: 0,
        amounts: 0,
        commit_every: a.commit_every.max(1),
        since_commit: 0,
        error_out,
    };
    let started = Instant::now();
    for input in &inputs {
        let (name, mut reader): (String, Box<dyn BufRead>) = match input {
            Input::Stdin => ("-".into(), Box::new(BufReader::new(std::io::stdin()))),
            Input::File(p) => match File::open(p) {
                Ok(f) => (p.display().to_string(), Box::new(BufReader::new(f))),
                Err(e) => {
                    run.error(
                        json!(p.display().to_string()),
                        &p.display().to_string(),
                        0,
                        &e.to_string(),
                    );
                    continue;
                }
            },
        };
        bar.set_message(name.clone());
        let jsonl = a.jsonl || name.ends_with(".jsonl");
        if jsonl {
            read_jsonl(&mut run, &name, &mut reader, &bar)?;
        } else {
            let mut bytes = Vec::new();
            if let Err(e) = reader.read_to_end(&mut bytes) {
                run.error(json!(name), &name, 0, &e.to_string());
                continue;
            }
            run.bytes += bytes.len() as u64;
            bar.inc(bytes.len() as u64);
            match String::from_utf8(bytes) {
                Ok(text) => run.push(Document::new(name.clone(), text))?,
                Err(_) => run.error(json!(name), &name, 0, "not UTF-8"),
            }
        }
    }
    run.flush()?;
    bar.set_message("committing");
    let Run {
        indexer,
        docs,
        bytes,
        errors,
        orgs,
        policies,
        amounts,
        mut error_out,
        ..
    } = run;
    indexer.finish()?;
    error_out.flush()?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "indexed {docs} documents ({:.1} MB) in {secs:.1} s ({:.2} MB/s); {orgs} organization, \
         {policies} policy and {amounts} money amounts; {errors} errors; {} is {:.1} MB on disk",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9),
        a.index.display(),
        dir_size(&a.index) as f64 / 1e6,
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
