//! Trust, end to end: a repository's `l10nlint.toml` cannot switch on the network, allow
//! private addresses, remap to them, or put the cache outside the site; the command line, the
//! environment and the user's own config can. A real HTTP server on 127.0.0.1 counts what
//! reaches it, and files outside the site must stay byte-identical.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::TestServer;
use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A two-page site linking to the server, a user config folder and a cache folder of its own,
/// and a folder outside the site.
struct Site {
    root: TempDir,
    home: TempDir,
}

impl Site {
    fn new(server: &TestServer, config: &str) -> Self {
        let site = Site {
            root: tempfile::tempdir().expect("a temporary folder"),
            home: tempfile::tempdir().expect("a temporary folder"),
        };
        let url = format!("{}/ok", server.base_url());
        site.write(
            "en/index.md",
            &format!("---\ntitle: Home\nlang: en\n---\n\n[Docs]({url})\n"),
        );
        site.write(
            "es/index.md",
            &format!("---\ntitle: Inicio\nlang: es\n---\n\n[Docs]({url})\n"),
        );
        site.write("l10nlint.toml", config);
        site
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// A file outside the site, which must never change.
    fn victim(&self) -> PathBuf {
        let path = self.home.path().join("victim.txt");
        std::fs::write(&path, "precious\n").expect("write");
        path
    }

    fn user_config(&self, text: &str) {
        let folder = self.home.path().join("config/l10nlint");
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::fs::write(folder.join("config.toml"), text).expect("write");
    }

    fn default_cache(&self) -> PathBuf {
        self.home.path().join("cache/l10nlint/online.json")
    }

    fn lint_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
            .current_dir(self.root.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_CACHE_HOME", self.home.path().join("cache"))
            .env_remove("L10NLINT_TRUST_CONFIG")
            .env_remove("GITHUB_TOKEN")
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .args(["lint", "--format", "concise", "--select", "url-broken"])
            .args(args)
            .output()
            .expect("the binary runs");
        Run {
            code: output.status.code().expect("an exit code"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8"),
        }
    }

    fn lint(&self, args: &[&str]) -> Run {
        self.lint_with_env(args, &[])
    }
}

const ASKS_FOR_EVERYTHING: &str = "[online]\nenabled = true\nallow-private = true\n";

#[test]
fn a_repository_config_alone_never_reaches_the_network() {
    let server = TestServer::start();
    let site = Site::new(&server, ASKS_FOR_EVERYTHING);
    for args in [&[][..], &["es/index.md"][..], &["--quiet"][..]] {
        let run = site.lint(args);
        assert_eq!(run.code, 0, "{args:?}: {}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.starts_with(
                "warning: l10nlint.toml: `online.enabled` is ignored: a repository's config \
                 cannot switch on network access; pass --online, set it in your own config ("
            ),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("or pass --trust-config to trust this file\n"),
            "{}",
            run.stderr
        );
    }
    // `--online` from the command line, yet private addresses stay refused.
    let run = site.lint(&["--online"]);
    assert!(
        run.stderr.contains("`online.allow-private` is ignored: a repository's config cannot allow requests to private addresses; pass --allow-private"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("online.enabled"), "{}", run.stderr);
    assert_eq!(server.requests(), Vec::new());
}

#[test]
fn the_command_line_the_user_config_and_trust_grant_the_network() {
    let server = TestServer::start();
    let site = Site::new(&server, ASKS_FOR_EVERYTHING);
    let mut expected = 0;
    let mut granted = |run: Run, how: &str| {
        expected += 1;
        assert_eq!(run.code, 0, "{how}: {}\n{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("is ignored"), "{how}: {}", run.stderr);
        assert_eq!(server.count("/ok"), expected, "{how}");
    };
    granted(
        site.lint(&["--no-cache", "--online", "--allow-private"]),
        "flags",
    );
    granted(
        site.lint(&["--no-cache", "--trust-config"]),
        "--trust-config",
    );
    granted(
        site.lint_with_env(&["--no-cache"], &[("L10NLINT_TRUST_CONFIG", "1")]),
        "L10NLINT_TRUST_CONFIG=1",
    );
    site.user_config("[online]\nenabled = true\nallow-private = true\n");
    granted(site.lint(&["--no-cache"]), "the user's config");
}

#[test]
fn a_cache_outside_the_site_is_never_written() {
    let server = TestServer::start();
    let site = Site::new(&server, "");
    let victim = site.victim();
    let relative = Path::new("..")
        .join(site.home.path().file_name().expect("a name"))
        .join("victim.txt");
    for cache in [victim.clone(), relative] {
        site.write(
            "l10nlint.toml",
            &format!("[online]\ncache = \"{}\"\n", cache.display()),
        );
        let run = site.lint(&["--online", "--allow-private"]);
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("`online.cache` is ignored:")
                && run.stderr.contains("pass --cache PATH"),
            "{}",
            run.stderr
        );
        assert_eq!(
            std::fs::read_to_string(&victim).expect("read"),
            "precious\n"
        );
    }
    assert!(
        site.default_cache().is_file(),
        "the cache went to the user cache folder"
    );
}

#[cfg(unix)]
#[test]
fn a_cache_link_that_leads_outside_is_never_followed() {
    let server = TestServer::start();
    let site = Site::new(&server, "[online]\ncache = \"cache.json\"\n");
    let victim = site.victim();
    std::os::unix::fs::symlink(&victim, site.path("cache.json")).expect("symlink");
    let run = site.lint(&["--online", "--allow-private"]);
    assert!(
        run.stderr.contains("`online.cache` is ignored"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "precious\n"
    );
    assert!(
        std::fs::symlink_metadata(site.path("cache.json"))
            .expect("link")
            .is_symlink()
    );
}

#[test]
fn a_cache_inside_the_site_never_replaces_a_file_that_is_not_a_cache() {
    let server = TestServer::start();
    let site = Site::new(&server, "[online]\ncache = \"package.json\"\n");
    let package = "{\"name\": \"site\", \"version\": \"1.0.0\"}\n";
    site.write("package.json", package);
    let run = site.lint(&["--online", "--allow-private"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("it is not an l10nlint online cache; it is left as it is"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.path("package.json")).expect("read"),
        package
    );
}

#[cfg(unix)]
#[test]
fn a_cache_inside_the_site_is_written_like_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let server = TestServer::start();
    let site = Site::new(&server, "[online]\ncache = \".cache/online.json\"\n");
    let run = site.lint(&["--online", "--allow-private"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let usual = site.path("usual.txt");
    std::fs::write(&usual, "x").expect("write");
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&site.path(".cache/online.json")), mode(&usual));
    let second = site.lint(&["--online", "--allow-private"]);
    assert!(
        second.stderr.contains("(1 from cache)"),
        "{}",
        second.stderr
    );
}

#[test]
fn a_remap_to_a_private_address_needs_the_user() {
    let server = TestServer::start();
    let site = Site::new(
        &server,
        &format!(
            "[online]\nremap = [\"^https://docs\\\\.invalid/ok {}/page\"]\n",
            server.base_url()
        ),
    );
    site.write(
        "es/index.md",
        "---\ntitle: Inicio\nlang: es\n---\n\n[Docs](https://docs.invalid/ok)\n",
    );
    let run = site.lint(&["--no-cache", "--online", "--allow-private"]);
    assert!(
        run.stderr
            .contains("`online.remap` is ignored: `^https://docs\\.invalid/ok http://127.0.0.1:"),
        "{}",
        run.stderr
    );
    assert_eq!(server.count("/page"), 0);
    let trusted = site.lint(&[
        "--no-cache",
        "--online",
        "--allow-private",
        "--trust-config",
    ]);
    assert!(!trusted.stderr.contains("is ignored"), "{}", trusted.stderr);
    assert_eq!(server.count("/page"), 1, "the remapped link");
}
