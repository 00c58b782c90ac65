//! The hooks of `.pre-commit-hooks.yaml`, run for real by `pre-commit try-repo` in a throw-away
//! git repository whose site lives in `docs/`: a broken translation staged fails the commit
//! with the diagnostic, a clean one passes. Skipped when `pre-commit` is not on PATH, unless
//! `L10NLINT_REQUIRE_TOOLS` is set (as `.ci/run` does, after `pip install pre-commit`).
//!
//! `try-repo` clones this repository (uncommitted changes included, through a temporary
//! commit). The `language: rust` hook then builds l10nlint with `cargo install`, in this
//! test's target directory so that repeated runs reuse the release build. Pre-commit caches
//! the built hook per revision: in a clean checkout (CI) it is built once; each run over
//! uncommitted changes makes a new temporary commit and builds again.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit_available() -> bool {
    let available = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !available {
        assert!(
            std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_none(),
            "pre-commit is not on PATH: pip install pre-commit"
        );
        eprintln!("skipped: pre-commit is not on PATH (pip install pre-commit)");
    }
    available
}

/// A git repository with a README and a small site in `docs/`, committed.
struct Repository {
    directory: tempfile::TempDir,
    pre_commit_home: tempfile::TempDir,
}

impl Repository {
    fn new() -> Self {
        let repository = Repository {
            directory: tempfile::tempdir().expect("temporary directory"),
            pre_commit_home: tempfile::tempdir().expect("temporary directory"),
        };
        repository.write("README.md", "# A project with a translated site\n");
        repository.write("docs/l10nlint.toml", "source-locale = \"en\"\n");
        repository.write(
            "docs/en/index.md",
            "---\ntitle: Home\nlang: en\n---\nHello.\n",
        );
        repository.write(
            "docs/de/index.md",
            "---\ntitle: Start\nlang: de\n---\nHallo.\n",
        );
        repository.git(&["init", "--quiet"]);
        repository.git(&["add", "."]);
        repository.git(&["commit", "--quiet", "-m", "site"]);
        repository
    }

    fn path(&self) -> &Path {
        self.directory.path()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("directories");
        std::fs::write(path, text).expect("file written");
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(self.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?} failed");
    }

    /// `pre-commit try-repo <this repository> <hook> [args]`.
    fn try_repo(&self, hook: &str, args: &[&str], environment: &[(&str, &Path)]) -> Output {
        let mut command = Command::new("pre-commit");
        command
            .current_dir(self.path())
            .args([
                "try-repo",
                env!("CARGO_MANIFEST_DIR"),
                hook,
                "--color",
                "never",
            ])
            .args(args)
            .env("PRE_COMMIT_HOME", self.pre_commit_home.path())
            .env_remove("GITHUB_ACTIONS");
        for (name, value) in environment {
            command.env(name, value);
        }
        command.output().expect("pre-commit runs")
    }
}

fn text_of(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Stages a broken translation (must fail with the diagnostic), then its fix (must pass).
fn broken_then_clean(hook: &str, environment: &[(&str, &Path)]) -> Repository {
    let repository = Repository::new();
    repository.write(
        "docs/es/index.md",
        "---\ntitle: Inicio\nlang: en\n---\nHola.\n",
    );
    repository.git(&["add", "docs/es/index.md"]);
    let broken = repository.try_repo(hook, &[], environment);
    let output = text_of(&broken);
    assert!(
        !broken.status.success(),
        "a broken translation passed:\n{output}"
    );
    assert!(
        output.contains("front-matter-lang-mismatch")
            && output.contains("`lang: en` does not match the page's locale `es`")
            && output.contains("docs/es/index.md:3:7"),
        "{output}"
    );

    repository.write(
        "docs/es/index.md",
        "---\ntitle: Inicio\nlang: es\n---\nHola.\n",
    );
    repository.git(&["add", "docs/es/index.md"]);
    let clean = repository.try_repo(hook, &[], environment);
    assert!(
        clean.status.success(),
        "a clean translation failed:\n{}",
        text_of(&clean)
    );
    repository
}

/// Runs on an explicit list of files from several locales and from outside the site.
fn explicit_files(repository: &Repository, hook: &str, environment: &[(&str, &Path)]) {
    repository.write(
        "docs/de/index.md",
        "---\ntitel: Start\nlang: de\n---\nHallo.\n",
    );
    let files = repository.try_repo(
        hook,
        &[
            "--files",
            "README.md",
            "docs/es/index.md",
            "docs/de/index.md",
        ],
        environment,
    );
    let output = text_of(&files);
    assert!(!files.status.success(), "{output}");
    assert!(
        output.contains("front-matter-renamed-key") && output.contains("docs/de/index.md:2:1"),
        "{output}"
    );
}

/// The directory of the binary under test, to put first on PATH for the system hook.
fn binary_directory() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_l10nlint"))
        .parent()
        .expect("binary directory")
        .to_owned()
}

#[test]
fn system_hook_uses_the_installed_binary() {
    if !pre_commit_available() {
        return;
    }
    let path = std::env::join_paths(std::iter::once(binary_directory()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let environment = [("PATH", Path::new(&path))];
    let repository = broken_then_clean("l10nlint-system", &environment);
    explicit_files(&repository, "l10nlint-system", &environment);
}

#[test]
fn rust_hook_builds_from_source() {
    if !pre_commit_available() {
        return;
    }
    // `<target>/debug/l10nlint`: the release build of `cargo install` goes beside it.
    let target = binary_directory()
        .parent()
        .expect("target directory")
        .to_owned();
    broken_then_clean("l10nlint", &[("CARGO_TARGET_DIR", &target)]);
}
