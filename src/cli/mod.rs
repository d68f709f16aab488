//! Command-line parsing and dispatch; each subcommand lives in its own module.

mod eval;
#[cfg(feature = "search")]
mod index;
mod quantity;
#[cfg(feature = "search")]
mod search;
mod segment;
#[cfg(feature = "serve")]
mod serve;
mod tag;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use zhtag::{Tagger, Variant};

/// Find organizations, quantities and policy terms in Traditional-Chinese news.
#[derive(Debug, Parser)]
#[command(name = "zhtag", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tag plain-text files or JSONL records; one JSON record per document on stdout.
    Tag(tag::TagArgs),
    /// Score the tagger against a gold JSONL file (strict and lenient P/R/F1 per label).
    Eval(eval::EvalArgs),
    /// Parse quantity expressions (arguments, or stdin lines) into value and unit.
    Quantity(quantity::QuantityArgs),
    /// Show how texts are segmented (tokens separated by " / ").
    Segment(segment::SegmentArgs),
    /// Tag documents and add them to a search index (created, or appended to; same id replaces).
    #[cfg(feature = "search")]
    Index(index::IndexArgs),
    /// Search an index: ranked hits with highlighted snippets, filters and facet counts.
    #[cfg(feature = "search")]
    Search(search::SearchArgs),
    /// Serve the tagging API (POST /tag), the search API (GET /search) and a search page (/).
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// Options shared by the commands that build a tagger.
#[derive(Debug, Clone, Args)]
pub struct TaggerArgs {
    /// Extra dictionary file (TSV with a header; see the README). Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Script conversion: t2s, tw2s, hk2s or tw2sp.
    #[arg(long, default_value = "t2s")]
    pub variant: Variant,
    /// Converter backend: embedded, or system (needs the `system-opencc` build).
    #[arg(long, default_value = "embedded")]
    pub backend: zhtag::convert::Backend,
}

impl TaggerArgs {
    pub fn build(&self) -> Result<Tagger, zhtag::Error> {
        let mut b = Tagger::builder()
            .variant(self.variant)
            .backend(self.backend);
        for d in &self.dicts {
            b = b.dictionary_file(d);
        }
        b.build()
    }
}

pub type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;

pub fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Tag(a) => tag::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Quantity(a) => quantity::run(a),
        Command::Segment(a) => segment::run(a),
        #[cfg(feature = "search")]
        Command::Index(a) => index::run(a),
        #[cfg(feature = "search")]
        Command::Search(a) => search::run(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(a),
    }
}
