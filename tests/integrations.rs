//! End to end: the binary where users run it — GitHub annotations, SARIF, `--fix`, `--diff`,
//! baselines, `--diff-base`, completions, `--verbose`, and file lists as pre-commit passes them.
//! `SNAPSHOTS=overwrite cargo test --test integrations` rewrites the snapshots.

use snapbox::cmd::Command;
use snapbox::file;
use std::path::{Path, PathBuf};

fn fixture(site: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(site)
}

fn l10nlint(directory: &Path) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("l10nlint"))
        .current_dir(directory)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
}

/// A throw-away copy of a fixture site, so that fixes can be written.
fn copy_of(site: &str) -> tempfile::TempDir {
    let directory = tempfile::tempdir().expect("temporary directory");
    copy_tree(&fixture(site), directory.path());
    directory
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture directory") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("create directory");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn git(directory: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(directory)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

#[test]
fn github_annotations() {
    l10nlint(&fixture("demo-site"))
        .args(["lint", "--format", "github"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.github.txt"]);
}

#[test]
fn github_format_is_the_default_on_github_actions() {
    l10nlint(&fixture("demo-site"))
        .env("GITHUB_ACTIONS", "true")
        .args(["lint", "--quiet", "es/help.md"])
        .assert()
        .code(1)
        .stdout_eq(
            "::error file=es/help.md,line=3,endLine=3,col=7,endColumn=9,title=front-matter-lang-mismatch::`lang: en` does not match the page's locale `es`%0Ahelp: set `lang: es`\n",
        );
}

#[test]
fn annotations_are_relative_to_the_github_workspace() {
    l10nlint(&fixture("demo-site"))
        .env("GITHUB_WORKSPACE", env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--quiet", "--format", "github", "es/help.md"])
        .assert()
        .code(1)
        .stdout_eq(
            "::error file=fixtures/demo-site/es/help.md,line=3,endLine=3,col=7,endColumn=9,title=front-matter-lang-mismatch::`lang: en` does not match the page's locale `es`%0Ahelp: set `lang: es`\n",
        );
}

#[test]
fn sarif_results_point_at_utf16_regions_with_fingerprints_and_related_places() {
    let output = l10nlint(&fixture("demo-site"))
        .args(["lint", "--format", "sarif", "fr/help.md"])
        .output()
        .expect("l10nlint runs");
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|rule| {
        rule["id"] == "front-matter-renamed-key"
            && rule["help"]["markdown"]
                .as_str()
                .is_some_and(|help| help.contains("## Why it matters"))
    }));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "front-matter-renamed-key");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endColumn"]
        ),
        (&2.into(), &1.into(), &6.into())
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "fr/help.md"
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "en/help.md"
    );
    assert_eq!(
        result["partialFingerprints"]["l10nlint/v1"]
            .as_str()
            .map(str::len),
        Some(16)
    );
}

#[test]
fn fix_writes_safe_fixes_keeps_bom_and_crlf_and_reports_what_is_left() {
    let site = copy_of("fix-site");
    l10nlint(site.path())
        .args(["lint", "--fix", "--format", "concise"])
        .assert()
        .code(0)
        .stdout_eq("Fixed 3 problems in 2 files.\nNo problems found in 4 files.\n");
    assert_eq!(
        std::fs::read(site.path().join("de/index.md")).expect("fixed file"),
        b"\xef\xbb\xbf---\r\ntitle: Startseite\r\nlang: de\r\n---\r\nHallo.\r\n"
    );
    assert_eq!(
        std::fs::read(site.path().join("fr/index.md")).expect("untouched file"),
        std::fs::read(fixture("fix-site/fr/index.md")).expect("fixture file")
    );
}

#[test]
fn fix_leaves_problems_without_a_fix_reported() {
    let site = copy_of("demo-site");
    l10nlint(site.path())
        .args(["lint", "--fix", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.fixed.txt"]);
}

#[test]
fn diff_prints_fixes_without_writing() {
    let site = copy_of("fix-site");
    l10nlint(site.path())
        .args(["lint", "--diff"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/fix-site.diff"])
        .stderr_eq("Would fix 3 problems in 2 files.\n");
    assert_eq!(
        std::fs::read(site.path().join("de/index.md")).expect("file"),
        std::fs::read(fixture("fix-site/de/index.md")).expect("fixture file")
    );
}

#[test]
fn baseline_suppresses_recorded_problems_but_not_new_ones() {
    let site = copy_of("demo-site");
    l10nlint(site.path())
        .args(["baseline", "--output", "baseline.json"])
        .assert()
        .code(0)
        .stdout_eq("Recorded 11 diagnostics in baseline.json.\n");
    l10nlint(site.path())
        .args(["lint", "--format", "concise", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout_eq(
            "11 diagnostics were suppressed by the baseline.\nNo problems found in 24 files.\n",
        );
    // A line added above a recorded problem does not revive it; a new problem is reported.
    let help = site.path().join("es/help.md");
    let text = std::fs::read_to_string(&help).expect("page");
    let text = text.replacen("---\n", "---\nlayout: page\n", 1);
    std::fs::write(&help, text).expect("page");
    l10nlint(site.path())
        .args(["lint", "--format", "concise", "--fail-on", "warning"])
        .args(["--baseline", "baseline.json"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.baseline-new.txt"]);
}

#[test]
fn a_missing_baseline_is_a_usage_error() {
    l10nlint(&fixture("demo-site"))
        .args(["lint", "--baseline", "nope.json"])
        .assert()
        .code(2)
        .stderr_eq("error: cannot read the baseline `[..]nope.json`: No such file or directory (os error 2)\n");
}

#[test]
fn diff_base_fails_only_on_changed_lines() {
    let site = copy_of("fix-site");
    git(site.path(), &["init", "--quiet"]);
    git(site.path(), &["add", "."]);
    git(site.path(), &["commit", "--quiet", "-m", "site"]);
    let french = site.path().join("fr/index.md");
    std::fs::write(&french, "---\ntitle: Accueil\nlang: it\n---\nBonjour.\n").expect("page");
    l10nlint(site.path())
        .args(["lint", "--format", "concise", "--diff-base", "HEAD"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/fix-site.diff-base.txt"]);
    git(site.path(), &["commit", "--quiet", "-am", "french"]);
    l10nlint(site.path())
        .args(["lint", "--format", "concise", "--diff-base", "HEAD"])
        .assert()
        .code(0);
    l10nlint(site.path())
        .args(["lint", "--diff-base", "no-such-branch"])
        .assert()
        .code(2)
        .stderr_eq("error: --diff-base: `no-such-branch` is not a commit git knows in `[..]` (in CI, fetch it first, e.g. `git fetch origin no-such-branch`, or check out with `fetch-depth: 0`)\n");
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = l10nlint(&fixture("demo-site"))
            .args(["completions", shell])
            .output()
            .expect("l10nlint runs");
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(script.contains("diff-base"), "{shell}: {script}");
    }
}

#[test]
fn version() {
    l10nlint(&fixture("demo-site"))
        .arg("--version")
        .assert()
        .success()
        .stdout_eq(format!("l10nlint {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn verbose_says_where_it_looked() {
    l10nlint(&fixture("demo-site"))
        .args(["lint", "--verbose", "--format", "concise", "es/help.md"])
        .assert()
        .code(1)
        .stderr_eq(file!["snapshots/demo-site.verbose.txt"]);
}

/// Pre-commit runs from the repository root with paths relative to it, in any order, from
/// several locales, and with files that are not part of the site.
#[test]
fn files_from_a_subfolder_site_as_pre_commit_passes_them() {
    let repository = tempfile::tempdir().expect("temporary directory");
    let site = repository.path().join("docs");
    std::fs::create_dir_all(&site).expect("site folder");
    copy_tree(&fixture("fix-site"), &site);
    std::fs::write(repository.path().join("README.md"), "# Project\n").expect("readme");
    l10nlint(repository.path())
        .args([
            "lint",
            "--format",
            "concise",
            "README.md",
            "docs/fr/index.md",
            "docs/es/index.md",
        ])
        .assert()
        .code(1)
        .stdout_eq(
            "docs/es/index.md:3:7: error[front-matter-lang-mismatch] `lang: pt` does not match the page's locale `es`\n\
             Found 1 diagnostic (1 error) in 1 of 4 files.\n\
             1 fixable with `--fix`.\n",
        );
    // Without a config, the site root is found above the first locale folder.
    std::fs::remove_file(site.join("l10nlint.toml")).expect("config removed");
    l10nlint(repository.path())
        .args(["lint", "--format", "concise", "README.md", "docs/de/index.md"])
        .assert()
        .code(1)
        .stdout_eq(
            "docs/de/index.md:2:1: error[front-matter-renamed-key] front matter key `titel` should be `title`, as in the source page\n\
             docs/de/index.md:3:7: error[front-matter-lang-mismatch] `lang: en` does not match the page's locale `de`\n\
             Found 2 diagnostics (2 errors) in 1 of 4 files.\n\
             2 fixable with `--fix`.\n",
        );
}
