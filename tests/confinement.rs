//! Confinement, end to end with real symbolic links: a repository's content cannot make the
//! binary read, print or rewrite a file outside the site, nor walk a tree behind a link.
//! Each test is an attack of issue 12 (or its benign twin: a link that stays inside).
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The result of one run.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A site with `en/index.md` and `es/index.md`, clean, beside a folder outside it.
struct Site {
    root: TempDir,
    outside: TempDir,
}

impl Site {
    fn new() -> Self {
        let site = Site {
            root: tempfile::tempdir().expect("a temporary folder"),
            outside: tempfile::tempdir().expect("a temporary folder"),
        };
        site.write("en/index.md", "---\ntitle: Home\nlang: en\n---\n\nHome.\n");
        site.write(
            "es/index.md",
            "---\ntitle: Inicio\nlang: es\n---\n\nInicio.\n",
        );
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

    fn link(&self, relative: &str, target: impl AsRef<Path>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        symlink(target, path).expect("symlink");
    }

    /// Runs `l10nlint lint <args>` in the site, without the user's config, with `env` set.
    fn lint_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
            .current_dir(self.root.path())
            .env("XDG_CONFIG_HOME", self.outside.path().join("no-config"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .envs(env.iter().copied())
            .arg("lint")
            .args(args)
            .output()
            .expect("the binary runs");
        let run = Run {
            code: output.status.code().expect("an exit code, not a signal"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
        };
        assert!(
            run.code == 0 || run.code == 1,
            "{}\n{}",
            run.stdout,
            run.stderr
        );
        run
    }

    fn lint(&self, args: &[&str]) -> Run {
        self.lint_with_env(args, &[])
    }
}

/// The concise lines about `path` (the file itself, not files under it).
fn lines_about<'a>(stdout: &'a str, path: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter(|line| line.starts_with(&format!("{path}:")))
        .collect()
}

const ESCAPES: &str = "[symlink-escapes-root] this symbolic link leads outside the site";

#[test]
fn a_link_to_etc_passwd_is_reported_once_and_never_printed() {
    let passwd = std::fs::read_to_string("/etc/passwd").expect("/etc/passwd is readable");
    let first_line = passwd.lines().next().expect("a first line");
    let site = Site::new();
    site.write("en/passwd.md", "Users.\n");
    site.link("es/passwd.md", "/etc/passwd");
    for format in ["human", "concise", "json", "sarif", "github"] {
        let run = site.lint(&["--format", format]);
        assert!(
            !run.stdout.contains(first_line),
            "{format}:\n{}",
            run.stdout
        );
        assert!(
            !run.stderr.contains(first_line),
            "{format}:\n{}",
            run.stderr
        );
        assert_eq!(run.code, 1, "{format}");
    }
    let run = site.lint(&["--format", "concise"]);
    let lines = lines_about(&run.stdout, "es/passwd.md");
    assert_eq!(
        lines,
        [format!(
            "es/passwd.md:1:1: error{ESCAPES} (to `/etc/passwd`); it was not read"
        )],
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with(" of 3 files.\n"), "{}", run.stdout);
}

#[test]
fn links_passed_as_files_like_pre_commit_does_are_reported_not_read() {
    let site = Site::new();
    site.write("en/passwd.md", "Users.\n");
    site.link("es/passwd.md", "/etc/passwd");
    site.link("es/gone.md", "../build/gone.md");
    let run = site.lint(&[
        "--format",
        "concise",
        "es/passwd.md",
        "es/gone.md",
        "es/index.md",
    ]);
    assert_eq!(
        run.stdout,
        format!(
            "es/passwd.md:1:1: error{ESCAPES} (to `/etc/passwd`); it was not read\n\
             Found 1 diagnostic (1 error) in 1 of 3 files.\n"
        )
    );
}

#[test]
fn a_link_to_the_environment_never_shows_it() {
    let secret = "hunter2-0123456789";
    let site = Site::new();
    site.link("es/env.md", "/proc/self/environ");
    site.link("locales/es/env.ftl", "/proc/self/environ");
    for format in ["human", "json"] {
        let run = site.lint_with_env(&["--format", format], &[("L10NLINT_TEST_SECRET", secret)]);
        assert!(!run.stdout.contains(secret), "{format}:\n{}", run.stdout);
        assert!(!run.stderr.contains(secret), "{format}:\n{}", run.stderr);
    }
    let run = site.lint(&["--format", "concise"]);
    assert_eq!(
        lines_about(&run.stdout, "es/env.md").len(),
        1,
        "{}",
        run.stdout
    );
    assert_eq!(
        lines_about(&run.stdout, "locales/es/env.ftl").len(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_outside_is_reported_once_not_walked_and_fix_leaves_it_byte_identical() {
    let site = Site::new();
    // A French translation whose `lang` is wrong: `--fix` would rewrite it, were it inside.
    let victim = site.outside.path().join("index.md");
    let original = "---\ntitle: Accueil\nlang: en\n---\n\nAccueil.\n";
    std::fs::write(&victim, original).expect("write");
    site.link("fr", site.outside.path());
    let run = site.lint(&["--format", "concise", "--fix"]);
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), original);
    assert_eq!(
        lines_about(&run.stdout, "fr"),
        [format!(
            "fr:1:1: error{ESCAPES} (to `{}`); it was not read",
            site.outside.path().display()
        )],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("fr/index.md"), "{}", run.stdout);
    assert!(run.stdout.ends_with(" of 2 files.\n"), "{}", run.stdout);
}

#[test]
fn a_link_to_usr_costs_nothing() {
    let site = Site::new();
    site.link("es/usr", "/usr");
    site.link("docs", "/");
    let run = site.lint(&["--format", "concise"]);
    assert_eq!(
        lines_about(&run.stdout, "es/usr").len(),
        1,
        "{}",
        run.stdout
    );
    assert_eq!(lines_about(&run.stdout, "docs").len(), 1, "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert!(run.stdout.ends_with(" of 2 files.\n"), "{}", run.stdout);
}

#[test]
fn loops_cost_nothing_and_are_not_errors() {
    let site = Site::new();
    site.link("es/loop", "..");
    site.link("es/here", ".");
    site.link("es/self.md", "self.md");
    site.link("es/a.md", "b.md");
    site.link("es/b.md", "a.md");
    site.link("en/up", "../en");
    let run = site.lint(&["--format", "concise", "--verbose"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "No problems found in 2 files.\n");
    for link in [
        "es/loop",
        "es/here",
        "es/self.md",
        "es/a.md",
        "es/b.md",
        "en/up",
    ] {
        assert!(
            run.stderr.contains(&format!("skipped `{link}`")),
            "{link}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn links_to_missing_or_ignored_files_are_skipped_with_a_verbose_note() {
    let site = Site::new();
    site.write(".gitignore", "build/\n");
    site.write("build/es/guide.md", "---\ntitle: Guía\nlang: en\n---\n");
    site.write("en/guide.md", "---\ntitle: Guide\nlang: en\n---\n");
    site.link("es/guide.md", "../build/es/guide.md");
    site.link("es/gone.md", "missing.md");
    site.link("de", "build/de");
    let quiet = site.lint(&["--format", "concise"]);
    assert_eq!(quiet.code, 0, "{}", quiet.stdout);
    assert_eq!(quiet.stderr, "");
    let verbose = site.lint(&["--format", "concise", "--verbose"]);
    for (link, why) in [
        ("es/guide.md", "ignored"),
        ("es/gone.md", "cannot be read"),
        ("de", "cannot be read"),
    ] {
        let note = verbose
            .stderr
            .lines()
            .find(|line| line.starts_with(&format!("skipped `{link}`")))
            .unwrap_or_else(|| panic!("no note for {link}:\n{}", verbose.stderr));
        assert!(note.contains(why), "{note}");
    }
}

#[test]
fn links_inside_are_followed_and_fix_edits_their_target_not_the_link() {
    let site = Site::new();
    site.write(
        "translations/fr/index.md",
        "---\ntitle: Accueil\nlang: en\n---\n\nAccueil.\n",
    );
    site.link("fr", "translations/fr");
    site.write(
        "shared/de-index.md",
        "---\ntitle: Start\nlang: en\n---\n\nStart.\n",
    );
    site.link("de/index.md", "../shared/de-index.md");
    let before = site.lint(&[
        "--format",
        "concise",
        "--select",
        "front-matter-lang-mismatch",
    ]);
    assert_eq!(
        lines_about(&before.stdout, "fr/index.md").len(),
        1,
        "{}",
        before.stdout
    );
    assert_eq!(
        lines_about(&before.stdout, "de/index.md").len(),
        1,
        "{}",
        before.stdout
    );
    let fixed = site.lint(&["--format", "concise", "--fix"]);
    assert_eq!(fixed.code, 0, "{}\n{}", fixed.stdout, fixed.stderr);
    for (link, target, lang) in [
        ("fr", "translations/fr/index.md", "fr"),
        ("de/index.md", "shared/de-index.md", "de"),
    ] {
        let metadata = std::fs::symlink_metadata(site.path(link)).expect("the link is there");
        assert!(metadata.file_type().is_symlink(), "{link} is still a link");
        let text = std::fs::read_to_string(site.path(target)).expect("read");
        assert!(
            text.contains(&format!("lang: {lang}\n")),
            "{target}: {text}"
        );
    }
}

#[test]
fn suggestions_never_name_files_outside() {
    let site = Site::new();
    site.link("es/etcdir", "/etc");
    site.write(
        "es/index.md",
        "---\ntitle: Inicio\nlang: es\n---\n\n![x](/etc/shadow) [y](/etc/passwd) [z](etcdir/hosts)\n",
    );
    // Only the targets as written, never a file found behind the link (`/es/etcdir/shadow`).
    let human = site.lint(&["--format", "human"]);
    for revealing in ["did you mean", "etcdir/shadow", "etcdir/passwd"] {
        assert!(!human.stdout.contains(revealing), "{}", human.stdout);
    }
    let run = site.lint(&["--format", "concise"]);
    assert_eq!(
        lines_about(&run.stdout, "es/etcdir").len(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_named_on_the_command_line_may_be_read_through_a_link() {
    let site = Site::new();
    site.write("l10nlint.toml", "source-locale = \"en\"\n");
    let shared = site.outside.path().join("de");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::write(
        shared.join("index.md"),
        "---\ntitle: Start\nlang: en\n---\n",
    )
    .expect("write");
    site.link("de", &shared);
    let refused = site.lint(&["--format", "concise"]);
    assert_eq!(
        lines_about(&refused.stdout, "de").len(),
        1,
        "{}",
        refused.stdout
    );
    let granted = site.lint(&["--format", "concise", "de"]);
    assert_eq!(
        lines_about(&granted.stdout, "de/index.md"),
        [
            "de/index.md:3:7: error[front-matter-lang-mismatch] `lang: en` does not match the page's locale `de`"
        ],
        "{}",
        granted.stdout
    );
}

#[test]
fn a_config_linked_from_outside_is_not_read() {
    let site = Site::new();
    let outside = site.outside.path().join("secrets.toml");
    std::fs::write(&outside, "token = \"hunter2\"\n").expect("write");
    site.link("l10nlint.toml", &outside);
    let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(site.root.path())
        .env("XDG_CONFIG_HOME", site.outside.path().join("no-config"))
        .args(["lint", "--format", "concise"])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("leads outside its folder"), "{stderr}");
    assert!(!stderr.contains("token"), "{stderr}");
}
