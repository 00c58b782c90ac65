//! The `l10nlint` command: parses the command line, runs it on the library, prints, and turns
//! the outcome into the exit status.

mod app;
mod args;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    // A bug must still end with the documented status, not Rust's 101.
    let outcome = std::panic::catch_unwind(|| app::run(cli)).unwrap_or_else(|_| {
        eprintln!("error: l10nlint stopped on an internal error; please report it");
        app::Outcome::InternalError
    });
    ExitCode::from(outcome.code())
}
