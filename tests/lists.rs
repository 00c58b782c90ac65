//! Lists of links end to end: the lists rules and the `lists` view on the fixture sites, whole
//! output compared with `tests/snapshots/`. `SNAPSHOTS=overwrite cargo test --test lists`
//! rewrites the snapshots after a deliberate change.

use snapbox::cmd::Command;
use snapbox::file;

fn l10nlint(site: &str) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("l10nlint"))
        .current_dir(format!("{}/fixtures/{site}", env!("CARGO_MANIFEST_DIR")))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
}

#[test]
fn server_lists_concise() {
    l10nlint("server-lists")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/server-lists.concise.txt"]);
}

#[test]
fn server_lists_human() {
    l10nlint("server-lists")
        .args(["lint", "--select", "lists"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/server-lists.human.txt"]);
}

#[test]
fn server_lists_view() {
    l10nlint("server-lists")
        .arg("lists")
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/server-lists.lists.txt"]);
}

#[test]
fn view_of_one_page() {
    l10nlint("server-lists")
        .args(["lists", "fr/community.md"])
        .assert()
        .code(1)
        .stdout_eq(
            "en/community.md:8:1: 3 entries under `#community`, detected, order free\n  \
             missing `matrix.to`: fr\n  \
             in step: de\n\
             \n\
             1 list of links compared with their translations: 1 out of step.\n",
        );
}

#[test]
fn hugo_layout_concise() {
    l10nlint("server-lists-hugo")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/server-lists-hugo.concise.txt"]);
}

#[test]
fn hugo_layout_view() {
    l10nlint("server-lists-hugo")
        .arg("lists")
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/server-lists-hugo.lists.txt"]);
}

#[test]
fn a_site_without_lists_is_in_step() {
    l10nlint("fix-site")
        .arg("lists")
        .assert()
        .code(0)
        .stdout_eq("0 lists of links compared with their translations: 0 out of step.\n");
}
