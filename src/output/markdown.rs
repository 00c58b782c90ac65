//! A Markdown report for a CI job summary (`$GITHUB_STEP_SUMMARY`): the totals, counts per rule
//! and per locale, and the first findings. Sections are written in the order of `sections`;
//! a report that belongs in the summary (the drift table) is one more section there.

use super::{ReportOptions, plural, summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Sources;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// How many findings the summary lists; the annotations and the log have them all.
const FIRST_FINDINGS: usize = 20;

pub(super) fn write(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let sections = [
        totals(diagnostics, options),
        per_rule(diagnostics),
        per_locale(diagnostics, options),
        first_findings(diagnostics, sources, options),
    ];
    writeln!(out, "## l10nlint\n")?;
    for section in sections.iter().filter(|section| !section.is_empty()) {
        writeln!(out, "{section}")?;
    }
    Ok(())
}

fn totals(diagnostics: &[Diagnostic], options: &ReportOptions) -> String {
    // Markdown joins lines of a paragraph: each line of the summary is its own paragraph.
    let summary = summary(diagnostics, options.files_checked, options.unsafe_fixes);
    format!("{}\n", summary.replace('\n', "\n\n"))
}

/// Errors, warnings and info of each group, most errors first.
fn count_table(title: &str, groups: BTreeMap<String, [usize; 3]>) -> String {
    if groups.is_empty() {
        return String::new();
    }
    let mut rows: Vec<(String, [usize; 3])> = groups.into_iter().collect();
    rows.sort_by(|(a_name, a), (b_name, b)| b.cmp(a).then_with(|| a_name.cmp(b_name)));
    let mut table = format!("| {title} | errors | warnings | info |\n|---|---:|---:|---:|\n");
    for (name, [errors, warnings, info]) in rows {
        table.push_str(&format!("| {name} | {errors} | {warnings} | {info} |\n"));
    }
    table
}

fn add(counts: &mut [usize; 3], severity: Severity) {
    match severity {
        Severity::Error => counts[0] += 1,
        Severity::Warning => counts[1] += 1,
        Severity::Info | Severity::Off => counts[2] += 1,
    }
}

fn per_rule(diagnostics: &[Diagnostic]) -> String {
    let mut groups: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for diagnostic in diagnostics {
        add(
            groups.entry(format!("`{}`", diagnostic.rule)).or_default(),
            diagnostic.severity,
        );
    }
    count_table("rule", groups)
}

fn per_locale(diagnostics: &[Diagnostic], options: &ReportOptions) -> String {
    let mut groups: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for diagnostic in diagnostics {
        let locale = options
            .locales
            .get(&diagnostic.location.path)
            .map_or_else(|| "(no locale)".to_owned(), |locale| format!("`{locale}`"));
        add(groups.entry(locale).or_default(), diagnostic.severity);
    }
    count_table("locale", groups)
}

fn first_findings(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    // The ones that fail the run first.
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort_by_key(|diagnostic| std::cmp::Reverse(diagnostic.severity));
    let mut list = String::from("### First findings\n\n");
    for diagnostic in ordered.iter().take(FIRST_FINDINGS) {
        let (start, _) = sources.range(&diagnostic.location);
        let place = format!(
            "{}{}:{}:{}",
            options.path_prefix, diagnostic.location.path, start.line, start.column
        );
        let place = match &options.file_links {
            Some(base) => format!(
                "[{place}]({base}{}{}#L{})",
                options.path_prefix, diagnostic.location.path, start.line
            ),
            None => format!("`{place}`"),
        };
        list.push_str(&format!(
            "- {place} {} `{}`: {}\n",
            diagnostic.severity.as_str(),
            diagnostic.rule,
            escape(&diagnostic.message)
        ));
    }
    if diagnostics.len() > FIRST_FINDINGS {
        list.push_str(&format!(
            "\nand {} more in the log.\n",
            plural(diagnostics.len() - FIRST_FINDINGS, "other", "others")
        ));
    }
    list
}

/// Messages hold backticks on purpose; what would start HTML or break the list line is escaped.
fn escape(text: &str) -> String {
    text.replace('<', "&lt;").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(path: &str, rule: &'static str, severity: Severity) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(path, 0..1, "`lang: en` is <wrong>").with_rule(rule);
        diagnostic.severity = severity;
        diagnostic
    }

    #[test]
    fn counts_per_rule_and_locale_then_the_first_findings() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("es")).unwrap();
        std::fs::write(root.path().join("es/a.md"), "x\n").unwrap();
        std::fs::write(root.path().join("README.md"), "x\n").unwrap();
        let mut sources = Sources::new(root.path().to_owned(), u64::MAX);
        let options = ReportOptions {
            path_prefix: "docs/".to_owned(),
            locales: BTreeMap::from([("es/a.md".to_owned(), "es".to_owned())]),
            file_links: Some("https://github.com/o/r/blob/abc/".to_owned()),
            files_checked: 4,
            ..ReportOptions::default()
        };
        let diagnostics = [
            finding("es/a.md", "link-parity", Severity::Warning),
            finding("es/a.md", "front-matter-lang-mismatch", Severity::Error),
            finding("README.md", "link-broken", Severity::Error),
        ];
        let mut out = Vec::new();
        write(&diagnostics, &mut sources, &options, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "## l10nlint\n\n\
             Found 3 diagnostics (2 errors, 1 warning) in 2 of 4 files.\n\n\
             | rule | errors | warnings | info |\n|---|---:|---:|---:|\n\
             | `front-matter-lang-mismatch` | 1 | 0 | 0 |\n\
             | `link-broken` | 1 | 0 | 0 |\n\
             | `link-parity` | 0 | 1 | 0 |\n\n\
             | locale | errors | warnings | info |\n|---|---:|---:|---:|\n\
             | `es` | 1 | 1 | 0 |\n\
             | (no locale) | 1 | 0 | 0 |\n\n\
             ### First findings\n\n\
             - [docs/es/a.md:1:1](https://github.com/o/r/blob/abc/docs/es/a.md#L1) error `front-matter-lang-mismatch`: `lang: en` is &lt;wrong>\n\
             - [docs/README.md:1:1](https://github.com/o/r/blob/abc/docs/README.md#L1) error `link-broken`: `lang: en` is &lt;wrong>\n\
             - [docs/es/a.md:1:1](https://github.com/o/r/blob/abc/docs/es/a.md#L1) warning `link-parity`: `lang: en` is &lt;wrong>\n\n"
        );
    }
}
