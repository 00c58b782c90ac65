//! End to end: the links rules on `fixtures/links-offline`, a small site full of link slips
//! (a retyped host in link text, a misspelt host, and broken Markdown link syntax).
//! `SNAPSHOTS=overwrite cargo test --test links_offline` rewrites the snapshots.

use snapbox::cmd::{Command, cargo_bin};
use snapbox::file;

fn l10nlint() -> Command {
    Command::new(cargo_bin!("l10nlint"))
        .current_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/links-offline"
        ))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
}

#[test]
fn links_rules_concise() {
    l10nlint()
        .args(["lint", "--format", "concise", "--select", "links"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-offline.concise.txt"]);
}

#[test]
fn links_rules_human() {
    l10nlint()
        .args(["lint", "--select", "links"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-offline.human.txt"]);
}
