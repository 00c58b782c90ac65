//! Runs a parsed command line: finds the root and config, lints, reports, decides the exit code.

use crate::cli::{Cli, ColorChoice, Command, LintArgs};
use crate::config::{self, Config, ConfigError};
use crate::discover::locale::is_locale_code;
use crate::lint::{self, LintError, LintRequest};
use crate::output::{self, ReportOptions, Sources, rule_docs};
use crate::rules;
use crate::source::SourceText;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How a run ended, as the exit status says it (like ruff: 0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
    Failure,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Failure => 2,
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Lint(args) => return run_lint(&args, &mut out),
        Command::Rules { format } => rule_docs::write_list(format, &mut out),
        Command::Rule { id } => match rules::find(&id) {
            Some(entry) => rule_docs::write_doc(&entry.meta, &mut out),
            None => {
                eprintln!("error: unknown rule `{id}` (see `l10nlint rules`)");
                return Outcome::Failure;
            }
        },
    };
    match result {
        Ok(()) => Outcome::Clean,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(err) => {
            eprintln!("error: {err}");
            Outcome::Failure
        }
    }
}

fn run_lint(args: &LintArgs, out: &mut dyn Write) -> Outcome {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let request = match build_request(args, &current) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Failure;
        }
    };
    let outcome = match lint::lint(&request) {
        Ok(outcome) => outcome,
        Err(LintError::Config(err)) => {
            eprintln!("error: {}", describe_config_error(&err));
            return Outcome::Failure;
        }
        Err(LintError::Usage(message)) => {
            eprintln!("error: {message}");
            return Outcome::Failure;
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let options = ReportOptions {
        path_prefix: display_prefix(&request.root, &current),
        color,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.parse().ok())
            .unwrap_or(100),
    };
    let mut sources =
        Sources::new(request.root.clone()).with_max_file_size(request.config.max_file_size());
    let written = output::report(
        args.format,
        &outcome.diagnostics,
        &mut sources,
        &options,
        out,
    )
    .and_then(|()| {
        if args.format == output::Format::Json || args.quiet {
            Ok(())
        } else {
            writeln!(
                out,
                "{}",
                output::summary(&outcome.diagnostics, outcome.files_checked)
            )
        }
    });
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the report: {err}");
        return Outcome::Failure;
    }
    let fail_on = args.fail_on.severity();
    let failing = outcome
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity >= fail_on);
    if failing && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// The root, config and file filter of a `lint` invocation.
fn build_request(args: &LintArgs, current: &Path) -> Result<LintRequest, String> {
    let paths: Vec<PathBuf> = args.paths.iter().map(|path| current.join(path)).collect();
    for path in &paths {
        if !path.exists() {
            return Err(format!("`{}` does not exist", path.display()));
        }
    }
    let start = paths.first().cloned().unwrap_or_else(|| current.to_owned());
    let config_path = if args.isolated {
        None
    } else if let Some(path) = &args.config {
        Some(current.join(path))
    } else {
        config::find(&start)
    };
    let config = match &config_path {
        Some(path) => Config::load(path).map_err(|err| describe_config_error(&err))?,
        None => Config::default(),
    };
    let root = match &config_path {
        Some(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => guess_root(&paths, current),
    };
    let root = root.canonicalize().unwrap_or(root);
    let only = if paths.is_empty() {
        None
    } else {
        let mut only = BTreeSet::new();
        for path in &paths {
            let path = path.canonicalize().unwrap_or_else(|_| path.clone());
            let relative = path.strip_prefix(&root).map_err(|_| {
                format!(
                    "`{}` is outside the site root `{}`",
                    path.display(),
                    root.display()
                )
            })?;
            only.insert(slash_path(relative));
        }
        Some(only)
    };
    Ok(LintRequest {
        root,
        config,
        config_path,
        only,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    })
}

/// Without a config: a single folder argument is the root; a file inside a locale folder
/// has the locale folder's parent as root; otherwise the current directory.
fn guess_root(paths: &[PathBuf], current: &Path) -> PathBuf {
    match paths {
        [single] if single.is_dir() => single.clone(),
        [first, ..] => first
            .ancestors()
            .skip(1)
            .find(|ancestor| {
                ancestor
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(is_locale_code)
            })
            .and_then(Path::parent)
            .map_or_else(|| current.to_owned(), Path::to_path_buf),
        [] => current.to_owned(),
    }
}

/// How the root is written relative to the current directory, ending with `/` (or empty).
fn display_prefix(root: &Path, current: &Path) -> String {
    let current = current
        .canonicalize()
        .unwrap_or_else(|_| current.to_owned());
    match root.strip_prefix(&current) {
        Ok(relative) if relative.as_os_str().is_empty() => String::new(),
        Ok(relative) => format!("{}/", slash_path(relative)),
        Err(_) => format!("{}/", root.display()),
    }
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `l10nlint.toml:3:1: unknown field ...`, the path relative to the current directory.
fn describe_config_error(err: &ConfigError) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    let shown = err.path.strip_prefix(&current).unwrap_or(&err.path);
    let position = err.span.as_ref().and_then(|span| {
        let text = std::fs::read_to_string(&err.path).ok()?;
        let position = SourceText::new(text).position(span.start);
        Some(format!(":{}:{}", position.line, position.column))
    });
    format!(
        "{}{}: {}",
        slash_path(shown),
        position.unwrap_or_default(),
        err.message
    )
}
