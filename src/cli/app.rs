//! Runs a parsed command line: finds the root and config, lints, reports, decides the exit code.

use crate::args::{
    BaselineArgs, Cli, ColorChoice, Command, LintArgs, ListsArgs, SiteArgs, StatusArgs,
};
use crate::progress::ProgressBar;
use clap::CommandFactory;
use l10nlint::align::link_lists;
use l10nlint::baseline::{self, Baseline, BaselineError};
use l10nlint::changed_lines::{ChangedLines, DiffBaseError};
use l10nlint::config::{self, CacheChoice, Config, ConfigError, Grants, UserConfig};
use l10nlint::diagnostic::Severity;
use l10nlint::discover::locale::is_locale_code;
use l10nlint::drift::{self, Evidence};
use l10nlint::files::Sources;
use l10nlint::fix::{FixError, FixPlan};
use l10nlint::lint::{self, LintError, LintOutcome, LintRequest};
use l10nlint::output::{self, ReportOptions, rule_docs};
use l10nlint::rules;
use l10nlint::source::SourceText;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How a run ended, as the exit status says it (README's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Clean,
    Findings,
    /// A usage or configuration error the user can fix.
    UsageError,
    /// Something failed that the user did not ask for: writing the report or fixes, a bug.
    InternalError,
}

impl Outcome {
    pub(crate) fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::UsageError => 2,
            Outcome::InternalError => 3,
        }
    }
}

/// Why a command failed: what to print, and which exit status it ends with.
#[derive(Debug)]
enum Failure {
    Usage(String),
    Internal(String),
}

impl Failure {
    /// Prints the error and gives the outcome it ends the run with.
    fn report(self) -> Outcome {
        match self {
            Failure::Usage(message) => {
                eprintln!("error: {message}");
                Outcome::UsageError
            }
            Failure::Internal(message) => {
                eprintln!("error: {message}");
                Outcome::InternalError
            }
        }
    }
}

impl From<LintError> for Failure {
    fn from(err: LintError) -> Self {
        match err {
            LintError::Config(err) => Failure::Usage(describe_config_error(&err)),
            err if err.is_usage() => Failure::Usage(err.to_string()),
            err => Failure::Internal(err.to_string()),
        }
    }
}

impl From<ConfigError> for Failure {
    fn from(err: ConfigError) -> Self {
        Failure::Usage(describe_config_error(&err))
    }
}

impl From<BaselineError> for Failure {
    fn from(err: BaselineError) -> Self {
        match err {
            BaselineError::Write { .. } => Failure::Internal(err.to_string()),
            _ => Failure::Usage(err.to_string()),
        }
    }
}

impl From<DiffBaseError> for Failure {
    fn from(err: DiffBaseError) -> Self {
        Failure::Usage(err.to_string())
    }
}

impl From<FixError> for Failure {
    fn from(err: FixError) -> Self {
        Failure::Internal(err.to_string())
    }
}

pub(crate) fn run(cli: Cli) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Lint(args) => return run_lint(&args, &mut out),
        Command::Lists(args) => return run_lists(&args, &mut out),
        Command::Status(args) => return run_status(&args, &mut out),
        Command::Baseline(args) => return run_baseline(&args, &mut out),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "l10nlint", &mut out);
            Ok(())
        }
        Command::Rules { format } => rule_docs::write_list(format.format(), &mut out),
        Command::Rule { id } => match rules::find(&id) {
            Some(entry) => rule_docs::write_doc(&entry.meta, &mut out),
            None => {
                return Failure::Usage(format!("unknown rule `{id}` (see `l10nlint rules`)"))
                    .report();
            }
        },
    };
    match result {
        Ok(()) => Outcome::Clean,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(err) => Failure::Internal(format!("cannot write the output: {err}")).report(),
    }
}

fn run_lint(args: &LintArgs, out: &mut dyn Write) -> Outcome {
    lint_and_report(args, out).unwrap_or_else(Failure::report)
}

/// What `lint` found after the baseline and `--diff-base` had their say.
struct Checked {
    outcome: LintOutcome,
    /// Diagnostics the baseline accepted, not reported.
    suppressed: usize,
    /// Indices of the diagnostics outside the changed lines, reported as info.
    downgraded: Vec<usize>,
}

/// What narrows a lint run's findings: the baseline and the changed lines.
struct Filters {
    baseline: Option<Baseline>,
    changed_lines: Option<ChangedLines>,
}

impl Filters {
    fn new(args: &LintArgs, root: &Path, current: &Path) -> Result<Self, Failure> {
        let baseline = args
            .baseline
            .as_ref()
            .map(|path| Baseline::load(&current.join(path)))
            .transpose()?;
        let changed_lines = args
            .diff_base
            .as_deref()
            .map(|base| ChangedLines::since(root, base))
            .transpose()?;
        Ok(Self {
            baseline,
            changed_lines,
        })
    }

    fn check(&self, request: &LintRequest) -> Result<Checked, Failure> {
        let mut outcome = lint::lint(request)?;
        let mut sources = Sources::confined(request.confinement(), request.config.max_file_size());
        let mut suppressed = 0;
        if let Some(baseline) = &self.baseline {
            let diagnostics = std::mem::take(&mut outcome.diagnostics);
            (outcome.diagnostics, suppressed) = baseline.filter(diagnostics, &mut sources);
        }
        let mut downgraded = Vec::new();
        if let Some(changed_lines) = &self.changed_lines {
            for (index, diagnostic) in outcome.diagnostics.iter_mut().enumerate() {
                let (start, end) = sources.range(&diagnostic.location);
                if diagnostic.severity > Severity::Info
                    && !changed_lines.touches(&diagnostic.location.path, start.line, end.line)
                {
                    diagnostic.severity = Severity::Info;
                    downgraded.push(index);
                }
            }
        }
        Ok(Checked {
            outcome,
            suppressed,
            downgraded,
        })
    }
}

fn lint_and_report(args: &LintArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let request = lint_request(args, &current)?;
    let filters = Filters::new(args, &request.root, &current)?;
    let mut checked = filters.check(&request)?;
    if args.verbose {
        describe_run(&request, &checked.outcome);
    }
    let format = args.format();
    let mut options = report_options(args, format, &request.root, &current);
    // Lines that are not diagnostics: on stdout for people, on stderr beside machine output.
    let mut notes = Vec::new();
    if args.fix || args.diff {
        let plan = FixPlan::new(
            &request.confinement(),
            &checked.outcome.diagnostics,
            args.unsafe_fixes,
        );
        for skipped in &plan.skipped {
            eprintln!(
                "warning: {}{}:{}:{}: the fix of `{}` was not applied: {}",
                options.path_prefix,
                skipped.path,
                skipped.position.line,
                skipped.position.column,
                skipped.rule,
                skipped.reason
            );
        }
        let counts = format!(
            "{} in {}",
            output::plural(plan.fix_count(), "problem", "problems"),
            output::plural(plan.files.len(), "file", "files")
        );
        if args.diff {
            write_or_broken_pipe(out, plan.unified_diff(&options.path_prefix).as_bytes())?;
            eprintln!("Would fix {counts}.");
            return Ok(if plan.files.is_empty() {
                Outcome::Clean
            } else {
                Outcome::Findings
            });
        }
        plan.write()?;
        notes.push(format!("Fixed {counts}."));
        checked = filters.check(&request)?;
    }
    // On stderr, so that machine-readable output stays valid.
    for warning in &checked.outcome.online_warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(note) = &checked.outcome.drift_note {
        eprintln!("note: {note}");
    }
    if let Some(stats) = &checked.outcome.online_stats
        && !args.quiet
    {
        eprintln!("{}", stats.summary_line());
    }
    if checked.suppressed > 0 {
        notes.push(format!(
            "{} suppressed by the baseline.",
            output::plural(checked.suppressed, "diagnostic was", "diagnostics were")
        ));
    }
    let diff_base = args.diff_base.as_deref().unwrap_or_default();
    if !checked.downgraded.is_empty() {
        notes.push(format!(
            "{} outside the lines changed since {diff_base} shown as info.",
            output::plural(checked.downgraded.len(), "diagnostic", "diagnostics"),
        ));
    }
    let diagnostics = &checked.outcome.diagnostics;
    options.files_checked = checked.outcome.files_checked;
    options.locales = std::mem::take(&mut checked.outcome.locales);
    let mut sources = Sources::confined(request.confinement(), request.config.max_file_size());
    let mut report = Vec::new();
    let written = if format == output::Format::Github && !checked.downgraded.is_empty() {
        write_github_beside_old_problems(&checked, diff_base, &mut sources, &options, &mut report)
    } else {
        output::report(format, diagnostics, &mut sources, &options, &mut report)
    };
    written.map_err(|err| Failure::Internal(format!("cannot write the report: {err}")))?;
    if !args.quiet {
        let summary = output::summary(
            diagnostics,
            checked.outcome.files_checked,
            args.unsafe_fixes,
        );
        let notes = notes.iter().chain(std::iter::once(&summary));
        if format.is_machine_readable() {
            notes.for_each(|note| eprintln!("{note}"));
        } else {
            notes.for_each(|note| report.extend_from_slice(format!("{note}\n").as_bytes()));
        }
    }
    write_or_broken_pipe(out, &report)?;
    let fail_on = args.fail_on.severity();
    let failing = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity >= fail_on);
    Ok(if failing && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// With `--diff-base` on GitHub: annotations only for the problems on changed lines; the
/// others are listed in a collapsed group of the log, so that a pull request is not covered in
/// notices about lines it did not touch.
fn write_github_beside_old_problems(
    checked: &Checked,
    diff_base: &str,
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    let (old, new): (Vec<_>, Vec<_>) = checked
        .outcome
        .diagnostics
        .iter()
        .enumerate()
        .partition(|(index, _)| checked.downgraded.binary_search(index).is_ok());
    let [old, new] = [old, new].map(|diagnostics| {
        diagnostics
            .into_iter()
            .map(|(_, diagnostic)| diagnostic.clone())
            .collect::<Vec<_>>()
    });
    output::report(output::Format::Github, &new, sources, options, out)?;
    writeln!(
        out,
        "::group::{} on lines not changed since {diff_base} (not annotated)",
        output::plural(old.len(), "problem", "problems")
    )?;
    output::report(output::Format::Concise, &old, sources, options, out)?;
    writeln!(out, "::endgroup::")
}

/// `l10nlint baseline`: lints like `lint` and records every diagnostic.
fn run_baseline(args: &BaselineArgs, out: &mut dyn Write) -> Outcome {
    let recorded = (|| {
        let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let request = lint_request(&args.lint, &current)?;
        let outcome = lint::lint(&request)?;
        if args.lint.verbose {
            describe_run(&request, &outcome);
        }
        let mut sources = Sources::confined(request.confinement(), request.config.max_file_size());
        baseline::record(
            &current.join(&args.output),
            &outcome.diagnostics,
            &mut sources,
        )?;
        let line = format!(
            "Recorded {} in {}.\n",
            output::plural(outcome.diagnostics.len(), "diagnostic", "diagnostics"),
            args.output.display()
        );
        write_or_broken_pipe(out, line.as_bytes())
    })();
    match recorded {
        Ok(()) => Outcome::Clean,
        Err(failure) => failure.report(),
    }
}

fn write_or_broken_pipe(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Failure> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Internal(format!("cannot write the report: {err}")))
        }
        _ => Ok(()),
    }
}

fn report_options(
    args: &LintArgs,
    format: output::Format,
    root: &Path,
    current: &Path,
) -> ReportOptions {
    // GitHub places annotations and SARIF results by paths relative to the checkout, wherever
    // in it the tool runs.
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .map(PathBuf::from)
        .filter(|_| {
            matches!(
                format,
                output::Format::Github | output::Format::Sarif | output::Format::Markdown
            )
        });
    let base = workspace.as_deref().unwrap_or(current);
    // The job summary links each finding to its line at the commit being checked.
    let file_links = match (
        std::env::var("GITHUB_SERVER_URL"),
        std::env::var("GITHUB_REPOSITORY"),
        std::env::var("GITHUB_SHA"),
    ) {
        (Ok(server), Ok(repository), Ok(sha)) if workspace.is_some() => {
            Some(format!("{server}/{repository}/blob/{sha}/"))
        }
        _ => None,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    ReportOptions {
        path_prefix: display_prefix(root, base),
        base: base.canonicalize().ok(),
        color,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.parse().ok())
            .unwrap_or(100),
        unsafe_fixes: args.unsafe_fixes,
        file_links,
        ..ReportOptions::default()
    }
}

/// `--verbose`: where the run looked and what it found, on stderr.
fn describe_run(request: &LintRequest, outcome: &LintOutcome) {
    eprintln!("root: {}", request.root.display());
    match &request.config_path {
        Some(path) => eprintln!("config: {}", path.display()),
        None => eprintln!("config: none, using the defaults"),
    }
    let site = &outcome.site;
    match &site.config_file {
        Some(file) => eprintln!("generator: {} (from {file})", site.generator),
        None => eprintln!("generator: {} (no generator config found)", site.generator),
    }
    eprintln!("source locale: {}", site.source_locale);
    eprintln!("heading ids: {}", site.heading_ids);
    let origin = if request.config.layouts.is_empty() {
        "detected"
    } else {
        "configured"
    };
    if outcome.layouts.is_empty() {
        eprintln!("layouts: none {origin}");
    }
    for layout in &outcome.layouts {
        eprintln!("layout ({origin}): {layout}");
    }
    let per_locale: Vec<String> = outcome
        .files_per_locale
        .iter()
        .map(|(locale, count)| format!("{locale} {count}"))
        .collect();
    eprintln!(
        "files: {} checked ({})",
        outcome.files_checked,
        per_locale.join(", ")
    );
    if let Some(only) = &request.only {
        let only: Vec<&str> = only.iter().map(String::as_str).collect();
        eprintln!("reporting on: {}", only.join(", "));
    }
    for note in &outcome.notes {
        eprintln!("{note}");
    }
}

/// The root, config and file filter of a `lint` invocation.
/// `l10nlint lists`: each list of links of the site and how its translations differ.
fn run_lists(args: &ListsArgs, out: &mut dyn Write) -> Outcome {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let request = match site_request(&args.site, false, &current) {
        Ok(request) => request,
        Err(failure) => return failure.report(),
    };
    let parsed = match lint::parse_site(&request) {
        Ok(parsed) => parsed,
        Err(err) => return Failure::from(err).report(),
    };
    let site = parsed.site();
    let (mut reports, mut unmatched) = link_lists::site_lists(&site);
    if let Some(only) = &request.only {
        let selected = |path: &str| {
            only.iter().any(|wanted| {
                wanted.is_empty() || path == wanted || path.starts_with(&format!("{wanted}/"))
            })
        };
        reports.retain(|report| {
            selected(report.source.path())
                || report
                    .translations
                    .iter()
                    .any(|(page, _)| selected(page.path()))
        });
        unmatched.retain(|(page, _)| selected(page.path()));
    }
    let mut sources = Sources::confined(request.confinement(), request.config.max_file_size());
    let prefix = display_prefix(&request.root, &current);
    match output::lists::write(&reports, &unmatched, &mut sources, &prefix, out) {
        Ok(true) => Outcome::Findings,
        Ok(false) => Outcome::Clean,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(err) => Failure::Internal(format!("cannot write the report: {err}")).report(),
    }
}

/// `l10nlint status`: per locale and page, current, outdated, missing or orphaned.
fn run_status(args: &StatusArgs, out: &mut dyn Write) -> Outcome {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let request = match site_request(&args.site, false, &current) {
        Ok(request) => request,
        Err(failure) => return failure.report(),
    };
    let confinement = request.confinement();
    let corpus = match lint::discover_site(&request) {
        Ok((_, corpus)) => corpus,
        Err(err) => return Failure::from(err).report(),
    };
    let evidence = Evidence::gather(&request.root, &request.config.drift);
    let mut status = drift::status::status(
        &corpus,
        &evidence,
        &confinement,
        request.config.max_file_size(),
    );
    if let Some(only) = &request.only {
        let selected = |path: &str| {
            only.iter().any(|wanted| {
                wanted.is_empty() || path == wanted || path.starts_with(&format!("{wanted}/"))
            })
        };
        status.retain_pages(|page| {
            page.source.as_deref().is_some_and(selected)
                || page.translation.as_deref().is_some_and(selected)
        });
    }
    if let Some(note) = &status.note {
        eprintln!("note: {note}");
    }
    if let Err(err) = output::status::write(&status, args.format.format(), out) {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Outcome::Clean;
        }
        return Failure::Internal(format!("cannot write the report: {err}")).report();
    }
    let Some(threshold) = args.fail_under else {
        return Outcome::Clean;
    };
    let below: Vec<String> = status
        .locales
        .iter()
        .filter(|locale| locale.totals.score() < threshold)
        .map(|locale| format!("`{}` ({}%)", locale.locale, locale.totals.score()))
        .collect();
    if below.is_empty() {
        return Outcome::Clean;
    }
    let share = if status.history {
        "current"
    } else {
        "translated"
    };
    eprintln!(
        "error: fewer than {threshold}% of the pages are {share} in {}",
        below.join(", ")
    );
    Outcome::Findings
}

/// The request of a `lint` or `baseline` run: the site, the rules, the online options.
fn lint_request(args: &LintArgs, current: &Path) -> Result<LintRequest, Failure> {
    let mut request = site_request(&args.site, args.verbose, current)?;
    request.select = args.select.clone();
    request.ignore = args.ignore.clone();
    let user = if args.site.isolated {
        None
    } else {
        UserConfig::path()
            .map(|path| UserConfig::load(&path))
            .transpose()?
            .flatten()
    };
    let grants = Grants {
        online: args.online,
        allow_private: args.allow_private,
        cache: match (&args.cache, args.no_cache) {
            (_, true) => CacheChoice::Off,
            (Some(path), false) => CacheChoice::At(current.join(path)),
            (None, false) => CacheChoice::Configured,
        },
        trust_repository_config: args.trust_config
            || std::env::var_os("L10NLINT_TRUST_CONFIG").is_some_and(|value| value == "1"),
    };
    let decision = config::trust::online_options(
        &request.config.online,
        &user.unwrap_or_default().online,
        &grants,
        &request.confinement(),
    );
    let config_name = request
        .config_path
        .as_deref()
        .map_or_else(|| config::FILE_NAME.to_owned(), display_path);
    for ungranted in &decision.ungranted {
        eprintln!("warning: {config_name}: {ungranted}");
    }
    request.online = decision.options.map(|mut options| {
        options.github_token = std::env::var("GITHUB_TOKEN")
            .ok()
            .filter(|token| !token.is_empty());
        if std::io::stderr().is_terminal() {
            options.progress = Some(std::sync::Arc::new(ProgressBar::default()));
        }
        options
    });
    Ok(request)
}

/// The site's root and config, and the files to report on.
fn site_request(args: &SiteArgs, verbose: bool, current: &Path) -> Result<LintRequest, Failure> {
    let paths: Vec<PathBuf> = args.paths.iter().map(|path| current.join(path)).collect();
    for path in &paths {
        // A dangling link exists: pre-commit passes the links of a fresh checkout.
        if std::fs::symlink_metadata(path).is_err() {
            return Err(Failure::Usage(format!(
                "`{}` does not exist",
                path.display()
            )));
        }
    }
    // Pre-commit passes files from anywhere in the repository: the first one inside a site
    // with a config decides.
    let config_path = if args.isolated {
        None
    } else if let Some(path) = &args.config {
        Some(current.join(path))
    } else if paths.is_empty() {
        config::find(current)
    } else {
        paths.iter().find_map(|path| config::find(path))
    };
    let config = match &config_path {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    let root = match &config_path {
        Some(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => guess_root(&paths, current),
    };
    let root = root.canonicalize().unwrap_or(root);
    // A folder named on the command line is the user's choice: files there may be read
    // through links. A file is not: pre-commit passes the repository's own file names.
    let granted: Vec<PathBuf> = paths
        .iter()
        .filter(|path| path.is_dir())
        .filter_map(|path| path.canonicalize().ok())
        .filter(|path| !path.starts_with(&root))
        .collect();
    let only = if paths.is_empty() {
        None
    } else {
        let mut only = BTreeSet::new();
        let mut outside = Vec::new();
        for path in &paths {
            // As written first: a path through a link inside the site is reported under the
            // link's name, as the walk names it.
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            let written = lexically_normal(path);
            match written
                .strip_prefix(&root)
                .or_else(|_| canonical.strip_prefix(&root))
            {
                Ok(relative) => {
                    only.insert(slash_path(relative));
                }
                Err(_) => outside.push(canonical),
            }
        }
        // A file outside the site (a README passed by pre-commit) is not an error unless
        // nothing is left to report on.
        if only.is_empty()
            && let Some(path) = outside.first()
        {
            return Err(Failure::Usage(format!(
                "`{}` is outside the site root `{}`",
                path.display(),
                root.display()
            )));
        }
        if verbose {
            for path in &outside {
                eprintln!("skipping `{}`: outside the site root", path.display());
            }
        }
        Some(only)
    };
    Ok(LintRequest {
        root,
        granted,
        config,
        config_path,
        only,
        ..LintRequest::default()
    })
}

/// Without a config: a single folder argument is the root; otherwise the parent of the first
/// locale folder (`en/`, `docs/es/`) found above a file argument; otherwise the current directory.
fn guess_root(paths: &[PathBuf], current: &Path) -> PathBuf {
    if let [single] = paths
        && single.is_dir()
    {
        return single.clone();
    }
    paths
        .iter()
        .find_map(|path| {
            path.ancestors()
                .skip(1)
                .find(|ancestor| {
                    ancestor
                        .file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(is_locale_code)
                })
                .and_then(Path::parent)
        })
        .map_or_else(|| current.to_owned(), Path::to_path_buf)
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

/// `path` with `.` and `..` removed without looking at the file system (links not followed).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// A path as shown to the user: relative to the current directory when it is below it.
fn display_path(path: &Path) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    slash_path(path.strip_prefix(&current).unwrap_or(path))
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
