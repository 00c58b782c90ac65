//! End to end: Fluent resources and YAML string catalogs on their fixture sites, whole output
//! compared with `tests/snapshots/`. `SNAPSHOTS=overwrite cargo test --test catalogs`
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
fn fluent_app_concise() {
    l10nlint("fluent-app")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/fluent-app.concise.txt"]);
}

#[test]
fn fluent_app_human() {
    l10nlint("fluent-app")
        .arg("lint")
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/fluent-app.human.txt"]);
}

#[test]
fn yaml_catalog_concise() {
    l10nlint("yaml-catalog")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/yaml-catalog.concise.txt"]);
}

#[test]
fn yaml_catalog_human() {
    l10nlint("yaml-catalog")
        .arg("lint")
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/yaml-catalog.human.txt"]);
}

/// Rails YAML, i18next JSON, Chrome, Flutter ARB, Hugo TOML and gettext PO catalogs in English,
/// Arabic, Russian, Japanese and Welsh: plural forms by CLDR, placeholders as each runtime
/// reads them, syntax errors at their position.
#[test]
fn string_catalogs_concise() {
    l10nlint("string-catalogs")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/string-catalogs.concise.txt"]);
}

#[test]
fn string_catalogs_human() {
    l10nlint("string-catalogs")
        .args([
            "lint",
            "--select",
            "catalog-plural-missing,catalog-placeholder-malformed",
        ])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/string-catalogs.human.txt"]);
}

#[test]
fn only_the_fluent_category() {
    l10nlint("fluent-app")
        .args([
            "lint",
            "--format",
            "concise",
            "--select",
            "fluent-message-missing,fluent-plural-category",
        ])
        .assert()
        .code(0)
        .stdout_eq(
            "locales/fr/app.ftl:1:1: warning[fluent-message-missing] message `help` is not translated in this file\n\
             locales/fr/app.ftl:6:6: warning[fluent-plural-category] `[few]` is not a plural category of `fr`, so this variant is never selected\n\
             Found 2 diagnostics (2 warnings) in 3 files.\n",
        );
}

#[test]
fn severities_are_configurable() {
    l10nlint("yaml-catalog")
        .args([
            "lint",
            "--format",
            "concise",
            "--config",
            "strict.toml",
            "--select",
            "catalog-key-missing",
        ])
        .assert()
        .code(1)
        .stdout_eq(
            "_data/lang/de.yml:1:1: error[catalog-key-missing] key `search` of the source catalog is missing\n\
             Found 1 diagnostic (1 error) in 4 files.\n",
        );
}

#[test]
fn yaml_files_outside_a_layout_are_not_catalogs() {
    l10nlint("yaml-catalog")
        .args([
            "lint",
            "--format",
            "concise",
            "--config",
            "include-all.toml",
            "--select",
            "catalog-syntax-error",
        ])
        .assert()
        .code(1)
        .stdout_eq(
            "_data/lang/es.yml:5:11: error[catalog-syntax-error] YAML syntax error: illegal placement of ':' indicator\n\
             Found 1 diagnostic (1 error) in 4 files.\n",
        );
}
