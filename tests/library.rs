//! l10nlint used as a library, through the crate's root API only (`l10nlint::{…}`): a lint
//! request in, diagnostics out, rendered as the command line renders them.

use l10nlint::{Config, Format, LintRequest, RULES, ReportOptions, Severity, Sources};
use std::path::Path;

fn parity_site() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/parity"))
}

#[test]
fn a_lint_request_gives_what_the_command_line_reports() {
    let root = parity_site();
    let config_path = l10nlint::find_config(root).expect("the fixture has a config");
    let config = Config::load(&config_path).expect("a valid config");
    let outcome = l10nlint::lint(&LintRequest::new(root, config)).expect("the site lints");

    assert!(
        outcome
            .diagnostics
            .iter()
            .all(|diagnostic| RULES.iter().any(|rule| rule.meta.id == diagnostic.rule)),
        "every diagnostic names a rule of the registry"
    );
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    );

    let mut sources = Sources::new(root.to_owned(), u64::MAX);
    let mut out = Vec::new();
    l10nlint::report(
        Format::Concise,
        &outcome.diagnostics,
        &mut sources,
        &ReportOptions::default(),
        &mut out,
    )
    .expect("report");
    let reported = String::from_utf8(out).expect("UTF-8");
    let command_line = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/parity.concise.txt"
    ))
    .expect("snapshot");
    let findings: Vec<&str> = command_line
        .lines()
        .take_while(|line| !line.starts_with("Found "))
        .collect();
    assert_eq!(reported.lines().collect::<Vec<_>>(), findings);
}

#[test]
fn a_missing_root_is_an_error_not_a_panic() {
    let request = LintRequest::new("/nonexistent/l10nlint-site", Config::default());
    let error = l10nlint::lint(&request).expect_err("no such folder");
    assert!(error.is_usage(), "{error}");
}
