use clap::Parser;
use l10nlint::app;
use l10nlint::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(app::run(cli).code())
}
