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

/// `en-US` is the source without configuration, `locales/core.ftl` is loaded into every
/// locale (its terms are known everywhere), and the plural sets of Arabic, Russian, Japanese
/// and Welsh are each locale's own.
#[test]
fn fluent_shared_concise() {
    l10nlint("fluent-shared")
        .args(["lint", "--format", "concise"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/fluent-shared.concise.txt"]);
}

#[test]
fn fluent_shared_human() {
    l10nlint("fluent-shared")
        .arg("lint")
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/fluent-shared.human.txt"]);
}

/// A site whose brand terms live in `l10n/brand/names.ftl`, not beside the locale folders.
fn site_with_brand_folder(config: Option<&str>) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temp dir");
    let write = |path: &str, text: &str| {
        let path = site.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("created");
        std::fs::write(path, text).expect("written");
    };
    write("l10n/brand/names.ftl", "-brand = Tealeaf\n");
    write(
        "l10n/locales/en-US/app.ftl",
        "hello = Hello from { -brand }\n",
    );
    write("l10n/locales/de/app.ftl", "hello = Hallo von { -brand }\n");
    if let Some(config) = config {
        write("l10nlint.toml", config);
    }
    site
}

fn lint_concise(site: &tempfile::TempDir) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("l10nlint"))
        .current_dir(site.path())
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .args(["lint", "--format", "concise"])
}

#[test]
fn configured_shared_resources_are_known_in_every_locale() {
    let unconfigured = site_with_brand_folder(None);
    lint_concise(&unconfigured).assert().code(1).stdout_eq(
        "l10n/locales/de/app.ftl:1:21: error[fluent-reference-unknown] term `-brand` is not defined in locale `de`\n\
         l10n/locales/en-US/app.ftl:1:22: error[fluent-reference-unknown] term `-brand` is not defined in locale `en-US`\n\
         Found 2 diagnostics (2 errors) in 2 of 2 files.\n",
    );
    let configured = site_with_brand_folder(Some("[fluent]\nshared = [\"l10n/brand/*.ftl\"]\n"));
    lint_concise(&configured)
        .assert()
        .code(0)
        .stdout_eq("No problems found in 3 files.\n");
}

#[test]
fn a_shared_resource_that_matches_nothing_is_a_usage_error() {
    let site = site_with_brand_folder(Some("[fluent]\nshared = [\"l10n/core.ftl\"]\n"));
    lint_concise(&site).assert().code(2).stderr_eq(
        "error: `[fluent] shared`: `l10n/core.ftl` matches no `.ftl` file under `[..]`\n...",
    );
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
             Found 2 diagnostics (2 warnings) in 1 of 3 files.\n",
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
             Found 1 diagnostic (1 error) in 1 of 4 files.\n",
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
             Found 1 diagnostic (1 error) in 1 of 4 files.\n",
        );
}
