//! The hooks of `.pre-commit-hooks.yaml`, run for real by `pre-commit` in a throw-away git
//! repository whose site lives in `docs/`: a broken translation staged fails the commit with
//! the diagnostic, a clean one passes. Skipped when `pre-commit` is not on PATH, unless
//! `L10NLINT_REQUIRE_TOOLS` is set (as `.ci/run` does, after `pip install pre-commit`).
//!
//! The fast test runs the manifest's `l10nlint-system` hook through `pre-commit try-repo` with
//! the binary under test first on PATH. Two ignored tests take minutes and run once in
//! `.ci/run` (`cargo test --test pre_commit -- --ignored`): the `language: rust` hook, which
//! `cargo install`s a release build, and a `language: python` hook that installs the wheel
//! `maturin` built (`L10NLINT_WHEEL_DIR`), as users get it from PyPI.

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
        self.pre_commit(
            &["try-repo", env!("CARGO_MANIFEST_DIR"), hook],
            args,
            environment,
        )
    }

    /// `pre-commit <command> --color never [args]` in the repository.
    fn pre_commit(
        &self,
        command_args: &[&str],
        args: &[&str],
        environment: &[(&str, &Path)],
    ) -> Output {
        let mut command = Command::new("pre-commit");
        command
            .current_dir(self.path())
            .args(command_args)
            .args(["--color", "never"])
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
    broken_then_clean_with(Repository::new(), |repository| {
        repository.try_repo(hook, &[], environment)
    })
}

fn broken_then_clean_with(
    repository: Repository,
    run: impl Fn(&Repository) -> Output,
) -> Repository {
    repository.write(
        "docs/es/index.md",
        "---\ntitle: Inicio\nlang: en\n---\nHola.\n",
    );
    repository.git(&["add", "docs/es/index.md"]);
    let broken = run(&repository);
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
    let clean = run(&repository);
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
#[ignore = "builds a release binary with cargo install (minutes); .ci/run runs it"]
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

/// The hooks' shared settings (`files`, `require_serial`, …) as written in the manifest.
fn manifest_hook(id: &str) -> String {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect("manifest");
    let start = manifest
        .find(&format!("- id: {id}\n"))
        .unwrap_or_else(|| panic!("no hook `{id}` in .pre-commit-hooks.yaml"));
    let mut lines = manifest[start..].lines();
    let first = lines.next().unwrap_or_default();
    std::iter::once(first)
        .chain(lines.take_while(|line| line.starts_with("  ")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
#[ignore = "needs the wheel that .ci/run builds with maturin (L10NLINT_WHEEL_DIR)"]
fn python_hook_installs_the_wheel() {
    if !pre_commit_available() {
        return;
    }
    let Some(wheels) = std::env::var_os("L10NLINT_WHEEL_DIR") else {
        assert!(
            std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_none(),
            "L10NLINT_WHEEL_DIR names no folder with the l10nlint wheel"
        );
        eprintln!("skipped: L10NLINT_WHEEL_DIR is not set (maturin build --out DIR)");
        return;
    };
    // The hook README shows for `pip install`-speed installs: a local hook of the manifest's
    // settings whose Python environment installs l10nlint, here the wheel under test (pip
    // fetches only the build tools of pre-commit's placeholder package from the index).
    let wheel = std::fs::read_dir(&wheels)
        .expect("the wheel folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|extension| extension == "whl"))
        .expect("a wheel in L10NLINT_WHEEL_DIR");
    let requirement = format!("l10nlint @ file://{}", wheel.display());
    let hook = manifest_hook("l10nlint-system")
        .replace("- id: l10nlint-system", "- id: l10nlint-python")
        .replace(
            "language: system",
            &format!("language: python\n  additional_dependencies: [\"{requirement}\"]"),
        );
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n{}\n",
        hook.lines()
            .map(|line| format!("      {line}\n"))
            .collect::<String>()
    );
    let repository = Repository::new();
    repository.write(".pre-commit-config.yaml", &config);
    repository.git(&["add", ".pre-commit-config.yaml"]);
    let started = std::time::Instant::now();
    broken_then_clean_with(repository, |repository| {
        repository.pre_commit(&["run"], &[], &[])
    });
    eprintln!(
        "the python hook installed and ran twice in {:.1}s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn the_hooks_share_their_settings() {
    let without = |hook: String, lines: &[&str]| -> Vec<String> {
        hook.lines()
            .filter(|line| {
                !lines
                    .iter()
                    .any(|prefix| line.trim_start().starts_with(prefix))
            })
            .map(str::to_owned)
            .collect()
    };
    let differing = ["- id:", "id:", "name:", "description:", "language:"];
    assert_eq!(
        without(manifest_hook("l10nlint"), &differing),
        without(manifest_hook("l10nlint-system"), &differing)
    );
}
