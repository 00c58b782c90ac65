//! The command line.

use crate::diagnostic::Severity;
use crate::output::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "l10nlint",
    version,
    about = "A linter for translated content",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint a site (the current directory by default).
    Lint(LintArgs),
    /// List every rule: id, category, default severity, fix, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show a rule's documentation.
    Rule {
        /// The rule id, e.g. `front-matter-lang-mismatch`.
        id: String,
    },
    /// Show each list of links and which translations are out of step with it.
    Lists(ListsArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListsArgs {
    /// The site, or pages whose lists to show (the current directory by default).
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of looking for `l10nlint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files or folders to report on; cross-language context is still read from the whole site.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Use this config file instead of looking for `l10nlint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long)]
    pub isolated: bool,
    /// Run only these rules or categories (comma-separated; `ALL` for every rule).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not run these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit with 0 even when diagnostics are found.
    #[arg(long)]
    pub exit_zero: bool,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print diagnostics only, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also check external links and remote images over HTTP (each URL once).
    #[arg(long)]
    pub online: bool,
    /// Do not read or write the online cache.
    #[arg(long, conflicts_with = "cache")]
    pub no_cache: bool,
    /// Keep the online cache in this file.
    #[arg(long, value_name = "PATH")]
    pub cache: Option<PathBuf>,
    /// Check links to loopback and private addresses too (local servers).
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Info => Severity::Info,
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}
