//! `zhtag`: a thin command line over the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(e.as_ref()) => {
            // the reader of our output (`head`, `less`) went away: normal use, exit quietly
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("zhtag: {e}");
            ExitCode::from(2)
        }
    }
}

/// True if `e` or any error in its chain is a broken pipe.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        next = err.source();
    }
    false
}
