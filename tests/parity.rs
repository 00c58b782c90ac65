//! End to end: the parity rules on `fixtures/parity`, a site whose translations drift from
//! their source pages in every way these rules look for. `SNAPSHOTS=overwrite cargo test
//! --test parity` rewrites the snapshots after a deliberate change.

use snapbox::cmd::Command;
use snapbox::file;

fn l10nlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(format!("{}/fixtures/parity", env!("CARGO_MANIFEST_DIR")))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
}

#[test]
fn parity_concise() {
    l10nlint()
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/parity.concise.txt"]);
}

#[test]
fn parity_human_shows_the_source_counterparts() {
    l10nlint()
        .args(["lint", "it/help.md", "de/help.md"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/parity.human.txt"]);
}

#[test]
fn french_translation_in_step_is_clean() {
    l10nlint()
        .args(["lint", "--format", "concise", "fr"])
        .assert()
        .code(0)
        .stdout_eq("No problems found in 20 files.\n");
}

/// `fixtures/lost-markup`: translations in Chinese, Russian and Arabic that lost markup in
/// every way the `markup` rules know, one finding each, on its line; the Spanish one follows
/// an older order of the source's sections and is clean.
#[test]
fn lost_markup_is_found_where_it_is() {
    Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(format!(
            "{}/fixtures/lost-markup",
            env!("CARGO_MANIFEST_DIR")
        ))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/lost-markup.concise.txt"]);
}
