//! `l10nlint lint --online` end to end: the binary on `fixtures/online-site`, whose pages link
//! to a server started here on 127.0.0.1. The fixture is copied to a temporary folder with
//! `{server}` replaced by the server's address, and the address is written back as `{server}`
//! in the output before it is compared with `tests/snapshots/`.
//! `SNAPSHOTS=overwrite cargo test --test online_cli` rewrites the snapshots.

mod support;

use snapbox::cmd::Command;
use snapbox::{assert_data_eq, file};
use std::path::Path;
use support::TestServer;

/// A copy of the fixture site that links to `server`.
fn site_for(server: &TestServer) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("a temporary folder");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/online-site");
    for file in ["l10nlint.toml", "en/index.md", "es/index.md", "de/index.md"] {
        let text = std::fs::read_to_string(fixture.join(file)).expect("fixture file");
        let target = site.path().join(file);
        std::fs::create_dir_all(target.parent().expect("a parent folder")).expect("mkdir");
        std::fs::write(target, text.replace("{server}", &server.base_url())).expect("write");
    }
    site
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `l10nlint lint <args>` in `site` and writes the server's address back as `{server}`,
/// and the elapsed time of the online summary as `[TIME]`. The user's own config is not read.
fn lint(site: &Path, server: &TestServer, args: &[&str]) -> Run {
    lint_with_user_config(site, server, args, site.join("no-user-config"))
}

/// Like `lint`, with the user's config folder (`$XDG_CONFIG_HOME`) at `user_config_home`.
fn lint_with_user_config(
    site: &Path,
    server: &TestServer,
    args: &[&str],
    user_config_home: impl AsRef<Path>,
) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(site)
        .env("XDG_CONFIG_HOME", user_config_home.as_ref())
        .env_remove("L10NLINT_TRUST_CONFIG")
        .env_remove("GITHUB_TOKEN")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .arg("lint")
        .args(args)
        .output()
        .expect("the binary runs");
    let clean = |bytes: Vec<u8>| {
        let text = String::from_utf8(bytes).expect("UTF-8 output");
        let text = text.replace(&server.base_url(), "{server}");
        regex::Regex::new(r"(?m)in \d+\.\ds$")
            .expect("valid regex")
            .replace_all(&text, "in [TIME]")
            .into_owned()
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: clean(output.stdout),
        stderr: clean(output.stderr),
    }
}

/// Requests per path, sorted, as `path × count`.
fn requests_by_path(server: &TestServer) -> Vec<String> {
    let mut paths: Vec<String> = server
        .requests()
        .into_iter()
        .map(|(_, path)| path)
        .collect();
    paths.sort();
    paths.dedup();
    paths
        .iter()
        .map(|path| format!("{path} × {}", server.count(path)))
        .collect()
}

#[test]
fn every_occurrence_is_reported_and_every_url_requested_once() {
    let server = TestServer::start();
    let site = site_for(&server);
    let run = lint(
        site.path(),
        &server,
        &[
            "--online",
            "--allow-private",
            "--no-cache",
            "--select",
            "online",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_data_eq!(run.stdout, file!["snapshots/online-site.human.txt"]);
    assert_eq!(
        run.stderr,
        "online: 6 URLs (0 from cache), 3 ok, 2 broken, 1 unverifiable, 7 requests in [TIME]\n"
    );
    // Every URL is checked once although most are written in three pages (`/ok` six times,
    // as links and images). `/ok` also serves the hop `/moved` redirects to, and the HEAD to
    // `/forbidden` is repeated as a GET, since some servers refuse only HEAD.
    assert_eq!(
        requests_by_path(&server),
        [
            "/forbidden × 2",
            "/gone × 1",
            "/moved × 1",
            "/ok × 2",
            "/page × 1"
        ]
    );
}

#[test]
fn a_second_run_is_answered_from_the_cache() {
    let server = TestServer::start();
    let site = site_for(&server);
    // A 403 says nothing lasting, so it is never cached: leave it out.
    let config = site.path().join("l10nlint.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, text + "exclude = [\"/forbidden$\"]\n").expect("config written");
    let cache = site.path().join("cache/online.json");
    let cache = cache.to_str().expect("UTF-8 path");
    // Without the fragment rule, every page's verdict can come from the cache.
    let args = [
        "--online",
        "--allow-private",
        "--cache",
        cache,
        "--format",
        "concise",
        "--select",
        "url-broken,url-redirected",
    ];
    let first = lint(site.path(), &server, &args);
    let sent = server.requests().len();
    let second = lint(site.path(), &server, &args);
    assert_eq!(
        server.requests().len(),
        sent,
        "the second run sent requests"
    );
    assert_eq!(first.stdout, second.stdout);
    assert_data_eq!(second.stdout, file!["snapshots/online-site.cached.txt"]);
    assert!(
        second.stderr.contains("(4 from cache)") && second.stderr.contains(" 0 requests "),
        "{}",
        second.stderr
    );
}

#[test]
fn private_addresses_are_refused_without_allow_private() {
    let server = TestServer::start();
    let site = site_for(&server);
    let run = lint(
        site.path(),
        &server,
        &[
            "--online",
            "--no-cache",
            "--format",
            "concise",
            "--select",
            "online",
        ],
    );
    assert_eq!(server.requests(), Vec::new());
    assert_eq!(run.code, 0);
    assert_data_eq!(run.stdout, file!["snapshots/online-site.private.txt"]);
}

#[test]
fn offline_by_default() {
    let server = TestServer::start();
    let site = site_for(&server);
    let run = lint(
        site.path(),
        &server,
        &["--format", "concise", "--select", "online"],
    );
    assert_eq!(server.requests(), Vec::new());
    assert_eq!(run.stdout, "No problems found in 3 files.\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn the_user_config_can_switch_it_on_and_json_stays_valid() {
    let server = TestServer::start();
    let site = site_for(&server);
    let home = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(home.path().join("l10nlint")).expect("mkdir");
    std::fs::write(
        home.path().join("l10nlint/config.toml"),
        "[online]\nenabled = true\nallow-private = true\n",
    )
    .expect("user config written");
    let run = lint_with_user_config(
        site.path(),
        &server,
        &["--no-cache", "--format", "json", "--select", "url-broken"],
        home.path(),
    );
    let diagnostics: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let broken = diagnostics.as_array().expect("an array of diagnostics");
    assert_eq!(broken.len(), 1, "{}", run.stdout);
    assert!(run.stderr.starts_with("online: "), "{}", run.stderr);
}

#[test]
fn config_errors_in_online_point_at_the_value() {
    let server = TestServer::start();
    let site = site_for(&server);
    std::fs::write(
        site.path().join("l10nlint.toml"),
        "[online]\naccept = [\"200..=299\", \"4xx\"]\n",
    )
    .expect("config written");
    let run = lint(site.path(), &server, &["--online"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: l10nlint.toml:2:10: invalid status range `4xx`: write `200..=299` or `403`\n"
    );
}
