//! `zhtag eval GOLD.jsonl`: per-label strict and lenient scores.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use zhtag::eval::{evaluate, read_gold};
use zhtag::Label;

use super::{CliResult, TaggerArgs};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file: JSONL records {"id", "text", "entities": [{"start", "end", "label"}]}.
    pub gold: PathBuf,
    /// Labels to score (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "ORG,QUANTITY,POLICY")]
    pub labels: Vec<Label>,
    /// Also list every strict disagreement (missed and spurious spans with context).
    #[arg(long)]
    pub errors: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

pub fn run(a: EvalArgs) -> CliResult {
    let docs = read_gold(&a.gold)?;
    let tagger = a.tagger.build()?;
    let report = evaluate(&tagger, &docs, &a.labels);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    if a.errors {
        for m in &report.misses {
            println!(
                "{:<8} {:<8} {:<10} {}\t{}",
                m.kind,
                m.label.as_str(),
                m.id,
                m.text,
                m.context
            );
        }
        println!();
    }
    println!("{} ({} documents)", a.gold.display(), docs.len());
    print!("{}", report.table());
    if report.offset_errors > 0 {
        eprintln!(
            "zhtag: {} entities whose text is not the original slice",
            report.offset_errors
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
