//! Reporting: one emitter per format. Nothing else in the library prints.

mod concise;
mod github;
mod human;
mod json;
pub mod lists;
pub mod rule_docs;
mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Sources;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
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
}

impl Format {
    /// Whether the output is for programs, so nothing else may be written to stdout.
    pub fn is_machine_readable(self) -> bool {
        matches!(self, Format::Json | Format::Sarif)
    }
}

/// How to write paths and whether to colour.
pub struct ReportOptions {
    /// Shown before each root-relative path, e.g. `fixtures/demo-site/` (empty at the root).
    pub path_prefix: String,
    pub color: bool,
    /// Terminal width for the human format.
    pub width: usize,
}

/// Writes `diagnostics` in `format`.
pub fn report(
    format: Format,
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(diagnostics, sources, options, out),
        Format::Concise => concise::write(diagnostics, sources, options, out),
        Format::Json => json::write(diagnostics, sources, options, out),
        Format::Github => github::write(diagnostics, sources, options, out),
        Format::Sarif => sarif::write(diagnostics, sources, options, out),
    }
}

/// `Found 3 diagnostics (1 error, 2 warnings) in 12 files.`
pub fn summary(diagnostics: &[Diagnostic], files_checked: usize) -> String {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let files = plural(files_checked, "file", "files");
    if diagnostics.is_empty() {
        return format!("No problems found in {files}.");
    }
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ]
    .into_iter()
    .filter(|(severity, _, _)| count(*severity) > 0)
    .map(|(severity, one, many)| plural(count(severity), one, many))
    .collect();
    format!(
        "Found {} ({}) in {files}.",
        plural(diagnostics.len(), "diagnostic", "diagnostics"),
        parts.join(", ")
    )
}

pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
