//! `zhtag search --index DIR QUERY`: ranked hits with highlighted snippets and facet counts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use serde_json::json;
use zhtag_search::{FacetCount, SearchIndex, SearchQuery, SearchResults};

use super::{CliResult, TaggerArgs};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Index directory (made by `zhtag index`).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Query, in either script: words must all match; "quoted phrase", -word, title:word.
    /// Empty ("") with filters lists the documents that pass them.
    pub query: String,
    /// Only documents mentioning this organization (name or alias). Repeatable.
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only documents mentioning this policy. Repeatable.
    #[arg(long, value_name = "NAME")]
    pub policy: Vec<String>,
    /// Only documents with an amount of at least this many CNY (1e9, or 10億元).
    #[arg(long, value_name = "X", value_parser = parse_cny)]
    pub min_cny: Option<f64>,
    /// Only documents with an amount of at most this many CNY.
    #[arg(long, value_name = "Y", value_parser = parse_cny)]
    pub max_cny: Option<f64>,
    /// Number of hits.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// One JSON object (hits, snippets with byte offsets, facet counts) instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

/// A number (`1e9`, `1200000000`) or a Chinese money amount in CNY (`12億元`).
fn parse_cny(s: &str) -> Result<f64, String> {
    if let Ok(v) = s.trim().replace('_', "").parse::<f64>() {
        return Ok(v);
    }
    match zhtag::quantity::parse_quantity(s) {
        Ok(q) if q.unit == "CNY" => Ok(q.value),
        Ok(q) => Err(format!("{s:?} is in {}, not CNY", q.unit)),
        Err(e) => Err(format!("{s:?}: expected a number such as 1e9 ({e})")),
    }
}

const HIGHLIGHT: (&str, &str) = ("\x1b[1;33m", "\x1b[0m");
const DIM: (&str, &str) = ("\x1b[2m", "\x1b[0m");

fn facets(out: &mut dyn Write, what: &str, counts: &[FacetCount]) -> std::io::Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = counts
        .iter()
        .map(|c| format!("{} ({})", c.name, c.count))
        .collect();
    writeln!(out, "{what}: {}", list.join(", "))
}

fn print_text(
    out: &mut dyn Write,
    r: &SearchResults,
    query: &str,
    colour: bool,
) -> std::io::Result<()> {
    let (hl, dim) = if colour {
        (HIGHLIGHT, DIM)
    } else {
        (("[", "]"), ("", ""))
    };
    writeln!(
        out,
        "{} documents match {query:?}{}",
        r.total,
        if r.total > r.hits.len() {
            format!(" (showing {})", r.hits.len())
        } else {
            String::new()
        }
    )?;
    for (i, h) in r.hits.iter().enumerate() {
        writeln!(out)?;
        let title = h
            .title
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>2}. {}{title}  {}score {:.2}{}",
            i + 1,
            h.id,
            dim.0,
            h.score,
            dim.1
        )?;
        let fragment = h.snippet.marked(hl.0, hl.1).replace('\n', " ");
        let lead = if h.snippet.range.start > 0 { "…" } else { "" };
        writeln!(out, "    {lead}{}…", fragment.trim())?;
        if !h.orgs.is_empty() {
            writeln!(out, "    {}orgs: {}{}", dim.0, h.orgs.join("、"), dim.1)?;
        }
    }
    writeln!(out)?;
    facets(out, "Top organizations", &r.orgs)?;
    facets(out, "Top policies", &r.policies)?;
    facets(out, "Top places", &r.locs)?;
    Ok(())
}

/// `colour`: highlight with ANSI colours (see `--color`).
pub fn run(a: SearchArgs, colour: bool) -> CliResult {
    let tagger = Arc::new(a.tagger.build()?);
    let index = SearchIndex::open(&a.index, tagger)?;
    let mut q = SearchQuery::new(a.query.clone()).limit(a.limit);
    q.orgs = a.org.clone();
    q.policies = a.policy.clone();
    q.min_cny = a.min_cny;
    q.max_cny = a.max_cny;
    let r = index.search(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.json {
        writeln!(out, "{}", json!({"query": a.query, "results": r}))?;
    } else {
        print_text(&mut out, &r, &a.query, colour)?;
    }
    out.flush()?;
    Ok(if r.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
