//! Command-line parsing and dispatch; each subcommand lives in its own module.

mod eval;
#[cfg(feature = "search")]
mod index;
mod partial;
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
    /// Colours in `tag --format pretty` and `search`: auto (only on a terminal, and not when
    /// NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// When to write ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to a non-empty value.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to stdout.
    pub fn for_stdout(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
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
    /// Where the texts come from (cn, tw, hk or mo): the currency of a bare 元 (CNY, TWD, HKD,
    /// MOP). Without it the variant, then each document's currency words decide.
    #[arg(long, value_name = "REGION")]
    pub region: Option<zhtag::quantity::Region>,
}

impl TaggerArgs {
    pub fn build(&self) -> Result<Tagger, zhtag::Error> {
        let mut b = Tagger::builder()
            .variant(self.variant)
            .backend(self.backend);
        if let Some(r) = self.region {
            b = b.region(r);
        }
        for d in &self.dicts {
            b = b.dictionary_file(d);
        }
        b.build()
    }
}

pub type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;

pub fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Tag(a) => tag::run(a, cli.color.for_stdout()),
        Command::Eval(a) => eval::run(a),
        Command::Quantity(a) => quantity::run(a),
        Command::Segment(a) => segment::run(a),
        #[cfg(feature = "search")]
        Command::Index(a) => index::run(a),
        #[cfg(feature = "search")]
        Command::Search(a) => search::run(a, cli.color.for_stdout()),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(a),
    }
}
