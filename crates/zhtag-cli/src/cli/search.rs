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
    /// Only documents with an amount of at least this much in --currency (1e9, or 10億元);
    /// `--min-cny` is the same with the currency CNY.
    #[arg(long, value_name = "X", value_parser = parse_amount, alias = "min-cny")]
    pub min_amount: Option<(f64, Option<String>)>,
    /// Only documents with an amount of at most this much in --currency (`--max-cny`: in CNY).
    #[arg(long, value_name = "Y", value_parser = parse_amount, alias = "max-cny")]
    pub max_amount: Option<(f64, Option<String>)>,
    /// The currency of --min-amount/--max-amount, an ISO 4217 code (TWD, HKD, USD, …); default
    /// the amount's own currency word, else CNY.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Number of hits.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// One JSON object (hits, snippets with byte offsets, facet counts) instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

/// A number (`1e9`, `1200000000`), or a Chinese money amount (`12億元`, `5億港元`) with its
/// currency.
fn parse_amount(s: &str) -> Result<(f64, Option<String>), String> {
    if let Ok(v) = s.trim().replace('_', "").parse::<f64>() {
        return Ok((v, None));
    }
    match zhtag::quantity::parse_quantity(s) {
        Ok(q) if zhtag_search::is_currency(&q.unit) => Ok((q.value, Some(q.unit))),
        Ok(q) => Err(format!("{s:?} is in {}, not a currency", q.unit)),
        Err(e) => Err(format!("{s:?}: expected a number such as 1e9 ({e})")),
    }
}

/// The currency of the amount bounds: `--currency`, else the bounds' own currency word, else
/// CNY. A bare 元 reads as CNY, so it goes with any `--currency` (the region's dollar).
fn amount_currency(a: &SearchArgs) -> Result<String, zhtag::Error> {
    let given = a.currency.as_ref().map(|c| c.trim().to_ascii_uppercase());
    let mut named = None;
    for (_, unit) in [&a.min_amount, &a.max_amount].into_iter().flatten() {
        let Some(unit) = unit else { continue };
        match (&given, &named) {
            (Some(g), _) if unit != g && unit != "CNY" => {
                return Err(zhtag::Error::Config(format!(
                    "an amount bound is in {unit}, but --currency is {g}"
                )));
            }
            (None, Some(n)) if n != unit => {
                return Err(zhtag::Error::Config(format!(
                    "the amount bounds are in {n} and {unit}: give one --currency"
                )));
            }
            _ => named = Some(unit.clone()),
        }
    }
    Ok(given.or(named).unwrap_or_else(|| "CNY".into()))
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
    q.currency = amount_currency(&a)?;
    q.min_amount = a.min_amount.as_ref().map(|b| b.0);
    q.max_amount = a.max_amount.as_ref().map(|b| b.0);
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
