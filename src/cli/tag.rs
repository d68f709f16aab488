//! `zhtag tag [FILE...]`: one JSON record per document.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;
use zhtag::{Entity, Label, Tagger};

use super::{CliResult, TaggerArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON record per document.
    Json,
    /// The text with entities marked and coloured, for reading in a terminal.
    Pretty,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// Input files (plain text, one document each; with --jsonl, records {"id", "text"}). Stdin when none.
    pub files: Vec<PathBuf>,
    /// Read JSONL records {"id": ..., "text": ...} instead of plain text.
    #[arg(long)]
    pub jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    #[command(flatten)]
    pub tagger: TaggerArgs,
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

/// The text with each entity as `[text]LABEL`, coloured.
pub fn pretty(text: &str, entities: &[Entity]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for e in entities {
        out.push_str(&text[pos..e.byte_start]);
        out.push_str(colour(e.label));
        out.push('[');
        out.push_str(&e.text);
        out.push_str("]\x1b[0m\x1b[2m");
        out.push_str(e.label.as_str());
        out.push_str("\x1b[0m");
        pos = e.byte_end;
    }
    out.push_str(&text[pos..]);
    out
}

fn emit(
    out: &mut dyn Write,
    format: Format,
    tagger: &Tagger,
    id: &serde_json::Value,
    text: &str,
) -> std::io::Result<()> {
    let entities = tagger.tag(text);
    match format {
        Format::Json => writeln!(out, "{}", json!({"id": id, "entities": entities})),
        Format::Pretty => writeln!(out, "── {}\n{}\n", id, pretty(text, &entities)),
    }
}

pub fn run(a: TagArgs) -> CliResult {
    let tagger = a.tagger.build()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut readers: Vec<(String, Box<dyn BufRead>)> = Vec::new();
    if a.files.is_empty() {
        readers.push((
            "-".into(),
            Box::new(std::io::BufReader::new(std::io::stdin())),
        ));
    }
    for f in &a.files {
        let file = std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
        readers.push((
            f.display().to_string(),
            Box::new(std::io::BufReader::new(file)),
        ));
    }
    for (name, mut r) in readers {
        if a.jsonl {
            for (i, line) in r.lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let rec: serde_json::Value =
                    serde_json::from_str(&line).map_err(|e| format!("{name}:{}: {e}", i + 1))?;
                let text = rec
                    .get("text")
                    .and_then(|t| t.as_str())
                    .ok_or_else(|| format!("{name}:{}: no \"text\" string", i + 1))?;
                let id = rec.get("id").cloned().unwrap_or(json!(i + 1));
                emit(&mut out, a.format, &tagger, &id, text)?;
            }
        } else {
            let mut text = String::new();
            r.read_to_string(&mut text)
                .map_err(|e| format!("{name}: {e}"))?;
            emit(&mut out, a.format, &tagger, &json!(name), &text)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
