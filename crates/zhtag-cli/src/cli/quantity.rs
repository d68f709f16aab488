//! `zhtag quantity [EXPR...]`: one JSON line per expression.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use zhtag::quantity::parse_quantity;

use super::CliResult;

#[derive(Debug, Args)]
pub struct QuantityArgs {
    /// Expressions to parse; stdin lines when none.
    pub exprs: Vec<String>,
}

fn line_for(expr: &str) -> (serde_json::Value, bool) {
    match parse_quantity(expr) {
        Ok(q) => {
            let mut v = serde_json::to_value(&q).unwrap_or_else(|_| json!({}));
            if let Some(o) = v.as_object_mut() {
                o.insert("text".into(), json!(expr));
            }
            (v, true)
        }
        Err(e) => (json!({"text": expr, "error": e.to_string()}), false),
    }
}

pub fn run(a: QuantityArgs) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let mut emit = |expr: &str, out: &mut dyn Write| -> std::io::Result<()> {
        let (v, ok) = line_for(expr);
        all_ok &= ok;
        writeln!(out, "{v}")
    };
    if a.exprs.is_empty() {
        for line in std::io::stdin().lock().lines() {
            emit(line?.trim_end_matches('\r'), &mut out)?;
        }
    } else {
        for e in &a.exprs {
            emit(e, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
