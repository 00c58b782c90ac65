//! End to end: the binary on the fixture sites, whole output compared with `tests/snapshots/`.
//! `SNAPSHOTS=overwrite cargo test --test cli` rewrites the snapshots after a deliberate change.

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
fn demo_site_human() {
    l10nlint("demo-site")
        .arg("lint")
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.human.txt"]);
}

#[test]
fn demo_site_concise() {
    l10nlint("demo-site")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.concise.txt"]);
}

#[test]
fn demo_site_json() {
    l10nlint("demo-site")
        .args(["lint", "--format", "json"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.json"]);
}

#[test]
fn file_arguments_report_only_those_files_with_cross_language_context() {
    l10nlint("demo-site")
        .args(["lint", "--format", "concise", "de/help.md", "es/help.md"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/demo-site.files.txt"]);
}

#[test]
fn run_from_outside_the_site_prefixes_paths() {
    Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--format", "concise", "fixtures/demo-site/es/help.md"])
        .assert()
        .code(1)
        .stdout_eq(
            "fixtures/demo-site/es/help.md:3:7: error[front-matter-lang-mismatch] `lang: en` does not match the page's locale `es`\n\
             Found 1 diagnostic (1 error) in 1 of 24 files.\n\
             1 fixable with `--fix`.\n",
        );
}

#[test]
fn exit_zero_and_fail_on() {
    l10nlint("demo-site")
        .args(["lint", "--quiet", "--format", "concise", "--exit-zero"])
        .assert()
        .code(0);
    l10nlint("demo-site")
        .args([
            "lint",
            "--format",
            "concise",
            "--select",
            "front-matter-extra-key",
        ])
        .assert()
        .code(0);
    l10nlint("demo-site")
        .args([
            "lint",
            "--format",
            "concise",
            "--select",
            "front-matter-extra-key",
            "--fail-on",
            "warning",
        ])
        .assert()
        .code(1);
}

#[test]
fn select_and_ignore_take_categories() {
    l10nlint("demo-site")
        .args(["lint", "--format", "concise", "--select", "structure", "--ignore", "translation-missing"])
        .assert()
        .code(0)
        .stdout_eq(
            "es/contact.md:1:1: warning[translation-orphan] this translation has no source page in `en`\n\
             Found 1 diagnostic (1 warning) in 1 of 24 files.\n",
        );
}

#[test]
fn unknown_selector_is_a_usage_error() {
    l10nlint("demo-site")
        .args(["lint", "--select", "no-such-rule"])
        .assert()
        .code(2)
        .stderr_eq(
            "error: `no-such-rule` is neither a rule nor a category (see `l10nlint rules`)\n",
        );
}

#[test]
fn config_errors_point_at_the_key() {
    l10nlint("bad-config")
        .arg("lint")
        .assert()
        .code(2)
        .stderr_eq(file!["snapshots/bad-config.stderr.txt"]);
}

#[test]
fn rules_lists_every_rule() {
    l10nlint("demo-site")
        .arg("rules")
        .assert()
        .success()
        .stdout_eq(file!["snapshots/rules.txt"]);
}

#[test]
fn rule_shows_its_doc() {
    l10nlint("demo-site")
        .args(["rule", "front-matter-lang-mismatch"])
        .assert()
        .success()
        .stdout_eq(file!["snapshots/rule-front-matter-lang-mismatch.txt"]);
}

#[test]
fn unknown_rule_is_a_usage_error() {
    l10nlint("demo-site")
        .args(["rule", "nope"])
        .assert()
        .code(2)
        .stderr_eq("error: unknown rule `nope` (see `l10nlint rules`)\n");
}

#[test]
fn bom_crlf_empty_and_invalid_utf8_files_keep_positions_and_go_on() {
    l10nlint("encodings")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/encodings.concise.txt"]);
    l10nlint("encodings")
        .args(["lint", "es/settings.md"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/encodings.human.txt"]);
}

#[test]
fn suffix_layout_is_detected_without_config() {
    l10nlint("layout-suffix")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(
            "docs/guide/install.de.md:3:7: error[front-matter-lang-mismatch] `lang: en` does not match the page's locale `de`\n\
             Found 1 diagnostic (1 error) in 1 of 3 files.\n\
             1 fixable with `--fix`.\n",
        );
}

#[test]
fn source_pages_without_a_locale_segment_are_detected() {
    l10nlint("layout-articles")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(
            "_articles/de/privacy.md:3:9: error[front-matter-value-mismatch] `layout` is `artikel` here but `article` in the source page\n\
             Found 1 diagnostic (1 error) in 1 of 3 files.\n",
        );
}

#[test]
fn configured_layout_pairs_pages() {
    l10nlint("layout-configured")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(
            "pages/nl/team.md:3:1: error[front-matter-missing-key] front matter lacks `render_toc`, which the source page has\n\
             Found 1 diagnostic (1 error) in 1 of 2 files.\n",
        );
}
