//! Reporting: one emitter per format. Nothing else in the library prints.

mod concise;
mod github;
mod human;
mod json;
pub mod lists;
mod markdown;
pub mod rule_docs;
mod sarif;
pub mod status;

pub use crate::diagnostic::plural;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::files::Sources;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::PathBuf;

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
    /// A Markdown summary (counts per rule and locale, the first findings), for CI job
    /// summaries such as `$GITHUB_STEP_SUMMARY`.
    Markdown,
}

impl Format {
    /// Whether the output is for programs or files, so nothing else may be written to stdout.
    pub fn is_machine_readable(self) -> bool {
        matches!(self, Format::Json | Format::Sarif | Format::Markdown)
    }
}

/// How to write paths and whether to colour, and what the report says about the run.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Shown before each root-relative path, e.g. `fixtures/demo-site/` (empty at the root).
    pub path_prefix: String,
    /// The absolute directory that `path_prefix` is relative to (the repository root on
    /// GitHub), for SARIF's `originalUriBaseIds`.
    pub base: Option<PathBuf>,
    pub color: bool,
    /// Terminal width for the human format.
    pub width: usize,
    /// Whether `--fix` would apply unsafe fixes too, for marking what it fixes.
    pub unsafe_fixes: bool,
    /// How many files the run checked.
    pub files_checked: usize,
    /// The locale of each file with a diagnostic (root-relative path → locale).
    pub locales: BTreeMap<String, String>,
    /// Where a file's lines can be viewed: the path and `#L<line>` are appended
    /// (`https://github.com/o/r/blob/<sha>/`), for the Markdown summary.
    pub file_links: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            path_prefix: String::new(),
            base: None,
            color: false,
            width: 100,
            unsafe_fixes: false,
            files_checked: 0,
            locales: BTreeMap::new(),
            file_links: None,
        }
    }
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
        Format::Markdown => markdown::write(diagnostics, sources, options, out),
    }
}

/// Whether `--fix` applies the diagnostic's fix (`--unsafe-fixes` for unsafe ones).
pub fn fixable(diagnostic: &Diagnostic, unsafe_fixes: bool) -> bool {
    diagnostic.fix.as_ref().is_some_and(|fix| {
        !fix.edits.is_empty() && (unsafe_fixes || fix.applicability == Applicability::Safe)
    })
}

/// `Found 3 diagnostics (1 error, 2 warnings) in 2 of 12 files.`, and on a second line how many
/// `--fix` would fix (`2 fixable with `--fix` (1 more with `--unsafe-fixes`).`).
pub fn summary(diagnostics: &[Diagnostic], files_checked: usize, unsafe_fixes: bool) -> String {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    if diagnostics.is_empty() {
        return format!(
            "No problems found in {}.",
            plural(files_checked, "file", "files")
        );
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
    let with_findings: BTreeSet<&str> = diagnostics
        .iter()
        .map(|diagnostic| diagnostic.location.path.as_str())
        .collect();
    let mut summary = format!(
        "Found {} ({}) in {} of {}.",
        plural(diagnostics.len(), "diagnostic", "diagnostics"),
        parts.join(", "),
        with_findings.len(),
        plural(files_checked.max(with_findings.len()), "file", "files")
    );
    let fixable_count = |unsafe_fixes| {
        diagnostics
            .iter()
            .filter(|diagnostic| fixable(diagnostic, unsafe_fixes))
            .count()
    };
    let (applied, all) = (fixable_count(unsafe_fixes), fixable_count(true));
    if all > 0 {
        summary.push('\n');
        summary.push_str(&match (applied, all - applied) {
            (0, more) => format!("{more} fixable with `--fix --unsafe-fixes`."),
            (applied, 0) => format!("{applied} fixable with `--fix`."),
            (applied, more) => {
                format!("{applied} fixable with `--fix` ({more} more with `--unsafe-fixes`).")
            }
        });
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};

    fn finding(path: &str, severity: Severity, fix: Option<Fix>) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(path, 0..1, "m").with_rule("some-rule");
        diagnostic.severity = severity;
        diagnostic.fix = fix;
        diagnostic
    }

    fn edit() -> Vec<Edit> {
        vec![Edit {
            span: 0..1,
            replacement: "y".to_owned(),
        }]
    }

    #[test]
    fn summary_counts_files_with_findings_and_fixable_ones() {
        assert_eq!(summary(&[], 1, false), "No problems found in 1 file.");
        let diagnostics = [
            finding("a.md", Severity::Error, Some(Fix::safe("s", edit()))),
            finding("a.md", Severity::Warning, Some(Fix::unsafe_("u", edit()))),
            finding("b.md", Severity::Warning, None),
        ];
        assert_eq!(
            summary(&diagnostics, 12, false),
            "Found 3 diagnostics (1 error, 2 warnings) in 2 of 12 files.\n\
             1 fixable with `--fix` (1 more with `--unsafe-fixes`)."
        );
        assert_eq!(
            summary(&diagnostics, 12, true),
            "Found 3 diagnostics (1 error, 2 warnings) in 2 of 12 files.\n\
             2 fixable with `--fix`."
        );
        assert_eq!(
            summary(&diagnostics[1..2], 1, false),
            "Found 1 diagnostic (1 warning) in 1 of 1 file.\n\
             1 fixable with `--fix --unsafe-fixes`."
        );
    }
}
