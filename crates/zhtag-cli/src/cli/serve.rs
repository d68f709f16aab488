//! `zhtag serve --index DIR [--addr 127.0.0.1:8080]`: the tagging API and the search page.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::{CliResult, TaggerArgs};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Index directory (made by `zhtag index`), opened read-only; reopened when it changes.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Address to listen on (this machine only by default).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: SocketAddr,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 4 << 20, value_name = "BYTES")]
    pub max_body: usize,
    /// Longest time a request may take, in seconds.
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub timeout: f64,
    #[command(flatten)]
    pub tagger: TaggerArgs,
}

pub fn run(a: ServeArgs) -> CliResult {
    let timeout = std::time::Duration::try_from_secs_f64(a.timeout)
        .map_err(|e| format!("--timeout {}: {e}", a.timeout))?;
    let config = zhtag_serve::Config::new(a.index)
        .addr(a.addr)
        .max_body_bytes(a.max_body)
        .timeout(timeout)
        .tagger(Arc::new(a.tagger.build()?));
    zhtag_serve::run(config)?;
    Ok(ExitCode::SUCCESS)
}
