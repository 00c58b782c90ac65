//! The GitHub Action's scripts (`.github/action/`), run as the runner runs them: a checkout in
//! `GITHUB_WORKSPACE` whose site lives in `docs/`, the action's `working-directory` set to that
//! sub-directory, and the binary under test on PATH. Annotation, SARIF and summary paths must
//! be relative to the repository root, the SARIF log must land where its input says (relative
//! to the root, where `upload-sarif` looks), and with `diff-base` the problems of untouched
//! lines go to the log, not into annotations.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn action_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".github/action")
        .join(name)
}

/// A checkout: a README at the root and a site in `docs/` whose Spanish page says `lang: en`.
struct Checkout {
    workspace: tempfile::TempDir,
    runner_files: tempfile::TempDir,
}

impl Checkout {
    fn new() -> Self {
        let checkout = Self {
            workspace: tempfile::tempdir().expect("temporary directory"),
            runner_files: tempfile::tempdir().expect("temporary directory"),
        };
        checkout.write("README.md", "# A project with a translated site\n");
        checkout.write("docs/l10nlint.toml", "source-locale = \"en\"\n");
        checkout.write(
            "docs/en/index.md",
            "---\ntitle: Home\nlang: en\n---\nHello.\n",
        );
        checkout.write(
            "docs/es/index.md",
            "---\ntitle: Inicio\nlang: en\n---\nHola.\n",
        );
        checkout.git(&["init", "--quiet"]);
        checkout.git(&["add", "."]);
        checkout.git(&["commit", "--quiet", "-m", "site"]);
        checkout
    }

    fn root(&self) -> &Path {
        self.workspace.path()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("directories");
        std::fs::write(path, text).expect("file written");
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(self.root())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?} failed");
    }

    fn summary_path(&self) -> PathBuf {
        self.runner_files.path().join("step_summary.md")
    }

    /// `run.sh` in `working-directory`, with the action's inputs as the runner passes them.
    fn run(&self, working_directory: &str, inputs: &[(&str, &str)]) -> Output {
        let binary_directory = Path::new(env!("CARGO_BIN_EXE_l10nlint"))
            .parent()
            .expect("binary directory");
        let path = std::env::join_paths(std::iter::once(binary_directory.to_owned()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .expect("PATH");
        let mut command = Command::new("bash");
        command
            .arg(action_script("run.sh"))
            .current_dir(self.root().join(working_directory))
            .env("PATH", path)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", self.root())
            .env("GITHUB_STEP_SUMMARY", self.summary_path())
            .env("GITHUB_SERVER_URL", "https://github.com")
            .env("GITHUB_REPOSITORY", "owner/site")
            .env("GITHUB_SHA", "0123abc")
            .env("NO_COLOR", "1");
        for name in [
            "L10NLINT_ARGS",
            "L10NLINT_DIFF_BASE",
            "L10NLINT_SARIF",
            "L10NLINT_SUMMARY",
        ] {
            command.env_remove(name);
        }
        for (name, value) in inputs {
            command.env(name, value);
        }
        command.output().expect("bash runs")
    }
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn paths_are_relative_to_the_repository_root_from_a_working_directory() {
    let checkout = Checkout::new();
    let output = checkout.run("docs", &[("L10NLINT_SARIF", "reports/l10nlint.sarif")]);
    let stdout = stdout_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        "::error file=docs/es/index.md,line=3,endLine=3,col=7,endColumn=9,\
         title=front-matter-lang-mismatch::`lang: en` does not match the page's locale `es`\
         %0Ahelp: set `lang: es`\n\
         Found 1 diagnostic (1 error) in 1 of 2 files.\n\
         1 fixable with `--fix`.\n"
    );

    // The SARIF log is where `upload-sarif` looks for its input: under the repository root.
    let sarif = std::fs::read_to_string(checkout.root().join("reports/l10nlint.sarif"))
        .expect("the SARIF log is written relative to the repository root");
    assert!(!checkout.root().join("docs/reports").exists());
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let run = &sarif["runs"][0];
    let root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("originalUriBaseIds names the repository root");
    let root = checkout.root().canonicalize().expect("root");
    assert_eq!(root_uri, format!("file://{}/", root.display()));
    let artifact = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(artifact["uri"], "docs/es/index.md");
    assert_eq!(artifact["uriBaseId"], "%SRCROOT%");

    let summary = std::fs::read_to_string(checkout.summary_path()).expect("a job summary");
    assert_eq!(
        summary,
        "## l10nlint\n\n\
         Found 1 diagnostic (1 error) in 1 of 2 files.\n\n\
         1 fixable with `--fix`.\n\n\
         | rule | errors | warnings | info |\n|---|---:|---:|---:|\n\
         | `front-matter-lang-mismatch` | 1 | 0 | 0 |\n\n\
         | locale | errors | warnings | info |\n|---|---:|---:|---:|\n\
         | `es` | 1 | 0 | 0 |\n\n\
         ### First findings\n\n\
         - [docs/es/index.md:3:7](https://github.com/owner/site/blob/0123abc/docs/es/index.md#L3) \
         error `front-matter-lang-mismatch`: `lang: en` does not match the page's locale `es`\n\n"
    );
}

#[test]
fn the_same_paths_from_the_repository_root_with_arguments() {
    let checkout = Checkout::new();
    let output = checkout.run(
        ".",
        &[
            ("L10NLINT_ARGS", "docs --select front-matter"),
            ("L10NLINT_SARIF", "l10nlint.sarif"),
            ("L10NLINT_SUMMARY", "false"),
        ],
    );
    let stdout = stdout_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("::error file=docs/es/index.md,line=3,"),
        "{stdout}"
    );
    assert!(checkout.root().join("l10nlint.sarif").exists());
    assert!(
        !checkout.summary_path().exists(),
        "summary: false writes none"
    );
}

#[test]
fn with_a_diff_base_old_problems_are_logged_not_annotated() {
    let checkout = Checkout::new();
    // The change under review adds a German page with a problem of its own.
    checkout.write(
        "docs/de/index.md",
        "---\ntitle: Start\nlang: fr\n---\nHallo.\n",
    );
    checkout.git(&["add", "."]);
    checkout.git(&["commit", "--quiet", "-m", "German"]);
    let output = checkout.run("docs", &[("L10NLINT_DIFF_BASE", "HEAD~1")]);
    let stdout = stdout_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        "::error file=docs/de/index.md,line=3,endLine=3,col=7,endColumn=9,\
         title=front-matter-lang-mismatch::`lang: fr` does not match the page's locale `de`\
         %0Ahelp: set `lang: de`\n\
         ::group::1 problem on lines not changed since HEAD~1 (not annotated)\n\
         docs/es/index.md:3:7: info[front-matter-lang-mismatch] `lang: en` does not match the page's locale `es`\n\
         ::endgroup::\n\
         1 diagnostic outside the lines changed since HEAD~1 shown as info.\n\
         Found 2 diagnostics (1 error, 1 info) in 2 of 3 files.\n\
         2 fixable with `--fix`.\n"
    );
    assert!(!stdout.contains("::notice"));
}

#[test]
fn a_configuration_error_fails_the_step() {
    let checkout = Checkout::new();
    checkout.write("docs/l10nlint.toml", "source-locle = \"en\"\n");
    let output = checkout.run("docs", &[("L10NLINT_SARIF", "l10nlint.sarif")]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `install.sh key`: what the cache is keyed on.
fn install_key(inputs: &[(&str, &str)]) -> String {
    let mut command = Command::new("bash");
    command
        .arg(action_script("install.sh"))
        .arg("key")
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env_remove("L10NLINT_VERSION")
        .env_remove("L10NLINT_ACTION_REF");
    for (name, value) in inputs {
        command.env(name, value);
    }
    let output = command.output().expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_cache_key_names_the_version_and_for_a_source_build_the_sources() {
    let version = env!("CARGO_PKG_VERSION");
    let release =
        format!("release=true\nversion={version}\ncache-key=l10nlint-Linux-X64-{version}\n");
    assert_eq!(
        install_key(&[("L10NLINT_ACTION_REF", &format!("v{version}"))]),
        release
    );
    assert_eq!(
        install_key(&[("L10NLINT_VERSION", "9.9.9")]),
        "release=true\nversion=9.9.9\ncache-key=l10nlint-Linux-X64-9.9.9\n"
    );
    // A commit or branch: built from the action's source, cached under a hash of it.
    let source = install_key(&[("L10NLINT_ACTION_REF", "main")]);
    let prefix =
        format!("release=false\nversion={version}\ncache-key=l10nlint-Linux-X64-{version}-source-");
    assert!(source.starts_with(&prefix), "{source}");
    let hash = source[prefix.len()..].trim_end();
    assert!(
        hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{source}"
    );
}
