//! End to end: links, anchors and images on a Jekyll site and a Hugo site, the binary's
//! whole output compared with `tests/snapshots/links-site-*.txt`.
//! `SNAPSHOTS=overwrite cargo test --test links_site` rewrites the snapshots.

use snapbox::cmd::Command;
use snapbox::file;

fn l10nlint(site: &str) -> Command {
    Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(format!("{}/fixtures/{site}", env!("CARGO_MANIFEST_DIR")))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
}

#[test]
fn jekyll_site_links_anchors_and_images() {
    l10nlint("links-site")
        .args(["lint", "--select", "links,images"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-site-jekyll.txt"]);
}

#[test]
fn jekyll_site_concise() {
    l10nlint("links-site")
        .args(["lint", "--format", "concise", "--select", "links,images"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-site-jekyll.concise.txt"]);
}

#[test]
fn hugo_site_links_and_images() {
    l10nlint("hugo-site")
        .args(["lint", "--select", "links,images"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-site-hugo.txt"]);
}
