//! The command line's arguments.

use clap::{Parser, Subcommand, ValueEnum};
use l10nlint::diagnostic::Severity;
use l10nlint::output::status::StatusFormat;
use l10nlint::output::{Format, rule_docs::RulesFormat};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "l10nlint",
    version,
    about = "A linter for translated content",
    max_term_width = 100
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint a site (the current directory by default).
    Lint(LintArgs),
    /// List every rule: id, category, default severity, fix, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormatArg::Text)]
        format: RulesFormatArg,
    },
    /// Show a rule's documentation.
    Rule {
        /// The rule id, e.g. `front-matter-lang-mismatch`.
        id: String,
    },
    /// Show each list of links and which translations are out of step with it.
    Lists(ListsArgs),
    /// Show, per locale and page, which translations are current, outdated, missing or orphaned.
    Status(StatusArgs),
    /// Record today's diagnostics so that `lint --baseline FILE` reports only new ones.
    Baseline(BaselineArgs),
    /// Print a shell completion script, e.g. `l10nlint completions bash > ~/.local/share/bash-completion/completions/l10nlint`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[arg(long, value_enum, default_value_t = StatusFormatArg::Human)]
    pub format: StatusFormatArg,
    /// Exit with 1 when a locale has fewer current pages than this percentage (fewer
    /// translated pages without git history).
    #[arg(long, value_name = "PERCENT")]
    pub fail_under: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFormatArg {
    /// A summary line per locale and a line per page that is not current.
    Human,
    /// Every locale and page, with commits and dates.
    Json,
    /// A table and collapsed lists, sized for a GitHub job summary or pull-request comment.
    Markdown,
    /// One self-contained page with a bar chart per locale.
    Html,
}

impl StatusFormatArg {
    pub(crate) fn format(self) -> StatusFormat {
        match self {
            StatusFormatArg::Human => StatusFormat::Human,
            StatusFormatArg::Json => StatusFormat::Json,
            StatusFormatArg::Markdown => StatusFormat::Markdown,
            StatusFormatArg::Html => StatusFormat::Html,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct ListsArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

/// Which site, and which of its files: shared by the commands that read a site.
#[derive(Debug, clap::Args)]
pub(crate) struct SiteArgs {
    /// Files or folders to report on; cross-language context is still read from the whole site.
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of looking for `l10nlint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file, the user's (`~/.config/l10nlint/config.toml`) too.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct BaselineArgs {
    /// Where to write the baseline.
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "l10nlint-baseline.json"
    )]
    pub output: PathBuf,
    /// Which site and rules, as for `lint`.
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RulesFormatArg {
    Text,
    Json,
}

impl RulesFormatArg {
    pub(crate) fn format(self) -> RulesFormat {
        match self {
            RulesFormatArg::Text => RulesFormat::Text,
            RulesFormatArg::Json => RulesFormat::Json,
        }
    }
}

/// The report formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// Annotated source snippets (default).
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// A Markdown summary: counts per rule and locale, the first findings
    /// (for `$GITHUB_STEP_SUMMARY`).
    Markdown,
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The report format; `github` when `GITHUB_ACTIONS=true`, `human` otherwise.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
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
    /// Let the repository's l10nlint.toml grant what only you may (network access, private
    /// addresses, a cache outside the site); also `L10NLINT_TRUST_CONFIG=1`. Only for your
    /// own repositories, never for content under review.
    #[arg(long)]
    pub trust_config: bool,
    /// Say on stderr which root, config, layouts and files were found.
    #[arg(long, short, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Apply the safe fixes, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes that need a human look (with `--fix` or `--diff`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Do not report diagnostics recorded in this file by `l10nlint baseline`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Only diagnostics on lines added or changed since this git revision can fail the run.
    #[arg(long, value_name = "REF")]
    pub diff_base: Option<String>,
}

impl LintArgs {
    /// The format asked for, or the one that suits where the tool runs.
    pub(crate) fn format(&self) -> Format {
        self.format.map(FormatArg::format).unwrap_or_else(|| {
            if std::env::var_os("GITHUB_ACTIONS").is_some_and(|value| value == "true") {
                Format::Github
            } else {
                Format::Human
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Info,
    Warning,
    Error,
}

impl FailOn {
    pub(crate) fn severity(self) -> Severity {
        match self {
            FailOn::Info => Severity::Info,
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}
