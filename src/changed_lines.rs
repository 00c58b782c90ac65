//! `--diff-base`: which lines of which files were added or changed since a git revision, so
//! that a pull request is judged on what it changes.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the changed lines could not be known.
#[derive(Debug, thiserror::Error)]
pub enum DiffBaseError {
    #[error("--diff-base needs git, which could not be run: {0}")]
    GitMissing(#[source] std::io::Error),
    #[error("--diff-base: `{}` is not inside a git repository", .root.display())]
    NotARepository { root: PathBuf },
    #[error("--diff-base: `{base}` is not a commit git knows in `{}` ({hint})", .root.display())]
    UnknownRevision {
        base: String,
        root: PathBuf,
        hint: String,
    },
    #[error("--diff-base: `git diff {base}` failed: {stderr}")]
    DiffFailed { base: String, stderr: String },
}

/// Added or changed lines (1-based, in the current files) by root-relative path.
#[derive(Debug, Default)]
pub struct ChangedLines {
    by_path: HashMap<String, Vec<RangeInclusive<usize>>>,
}

impl ChangedLines {
    /// Asks git for the changes between `base` and the working tree under `root`.
    pub fn since(root: &Path, base: &str) -> Result<Self, DiffBaseError> {
        let inside = git(root)
            .args(["rev-parse", "--is-inside-work-tree"])
            .output()
            .map_err(DiffBaseError::GitMissing)?;
        if !inside.status.success() {
            return Err(DiffBaseError::NotARepository {
                root: root.to_owned(),
            });
        }
        let verified = git(root)
            .args(["rev-parse", "--verify", "--quiet"])
            .arg(format!("{base}^{{commit}}"))
            .output()
            .map_err(DiffBaseError::GitMissing)?;
        if !verified.status.success() {
            return Err(DiffBaseError::UnknownRevision {
                base: base.to_owned(),
                root: root.to_owned(),
                hint: fetch_hint(base, &remotes(root)),
            });
        }
        let diff = git(root)
            .args([
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                "--relative",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                base,
                "--",
                ".",
            ])
            .output()
            .map_err(DiffBaseError::GitMissing)?;
        if !diff.status.success() {
            return Err(DiffBaseError::DiffFailed {
                base: base.to_owned(),
                stderr: String::from_utf8_lossy(&diff.stderr).trim().to_owned(),
            });
        }
        Ok(Self::parse(&String::from_utf8_lossy(&diff.stdout)))
    }

    /// Reads a `git diff --unified=0` patch.
    fn parse(diff: &str) -> Self {
        let mut by_path: HashMap<String, Vec<RangeInclusive<usize>>> = HashMap::new();
        let mut current: Option<String> = None;
        for line in diff.lines() {
            if let Some(target) = line.strip_prefix("+++ ") {
                current = target
                    .trim_matches('"')
                    .strip_prefix("b/")
                    .map(str::to_owned);
            } else if let (Some(hunk), Some(path)) = (line.strip_prefix("@@ "), &current)
                && let Some(lines) = added_lines(hunk)
            {
                by_path.entry(path.clone()).or_default().push(lines);
            }
        }
        Self { by_path }
    }

    /// Whether any of the lines `first..=last` of `path` was added or changed.
    pub fn touches(&self, path: &str, first: usize, last: usize) -> bool {
        self.by_path.get(path).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|range| *range.start() <= last && first <= *range.end())
        })
    }
}

/// The repository's remotes (`origin`, …), for telling `origin/main` from a branch name.
fn remotes(root: &Path) -> Vec<String> {
    git(root)
        .arg("remote")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// How to get `base` into the clone: a remote-tracking ref `origin/main` comes from fetching
/// `main` from `origin`; anything else is fetched from `origin` under its own name.
fn fetch_hint(base: &str, remotes: &[String]) -> String {
    let fetch = remotes
        .iter()
        .find_map(|remote| {
            let branch = base.strip_prefix(remote.as_str())?.strip_prefix('/')?;
            Some(format!("git fetch {remote} {branch}"))
        })
        .unwrap_or_else(|| format!("git fetch origin {base}"));
    format!("in CI, fetch it first, e.g. `{fetch}`, or check out with `fetch-depth: 0`")
}

/// The new-file lines of a hunk header's `+start,count`; `None` when it only deletes.
fn added_lines(hunk: &str) -> Option<RangeInclusive<usize>> {
    let new = hunk.split(' ').find_map(|part| part.strip_prefix('+'))?;
    let (start, count) = match new.split_once(',') {
        Some((start, count)) => (start.parse::<usize>().ok()?, count.parse::<usize>().ok()?),
        None => (new.parse::<usize>().ok()?, 1),
    };
    (count > 0).then(|| start..=start + count - 1)
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false"]);
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_tracking_base_is_fetched_from_its_remote() {
        let remotes = ["origin".to_owned(), "upstream".to_owned()];
        assert_eq!(
            fetch_hint("origin/main", &remotes),
            "in CI, fetch it first, e.g. `git fetch origin main`, or check out with `fetch-depth: 0`"
        );
        assert_eq!(
            fetch_hint("upstream/release/1.x", &remotes),
            "in CI, fetch it first, e.g. `git fetch upstream release/1.x`, or check out with `fetch-depth: 0`"
        );
        assert_eq!(
            fetch_hint("main", &remotes),
            "in CI, fetch it first, e.g. `git fetch origin main`, or check out with `fetch-depth: 0`"
        );
    }

    const DIFF: &str = "\
diff --git a/es/a.md b/es/a.md
index 1..2 100644
--- a/es/a.md
+++ b/es/a.md
@@ -3 +3 @@ title
-lang: en
+lang: es
@@ -10,2 +9,0 @@
-gone
-gone
@@ -20,0 +21,3 @@
+new
+new
+new
diff --git a/de/b.md b/de/b.md
new file mode 100644
--- /dev/null
+++ b/de/b.md
@@ -0,0 +1,2 @@
+---
+x
diff --git a/fr/c.md b/fr/c.md
deleted file mode 100644
--- a/fr/c.md
+++ /dev/null
@@ -1 +0,0 @@
-x
";

    #[test]
    fn hunks_give_added_and_changed_lines() {
        let changed = ChangedLines::parse(DIFF);
        assert!(changed.touches("es/a.md", 3, 3));
        assert!(!changed.touches("es/a.md", 4, 20));
        assert!(changed.touches("es/a.md", 23, 30));
        assert!(changed.touches("es/a.md", 1, 21));
        assert!(changed.touches("de/b.md", 2, 2));
        assert!(!changed.touches("fr/c.md", 1, 1));
        assert!(!changed.touches("other.md", 1, 1));
    }

    #[test]
    fn hunk_headers() {
        assert_eq!(added_lines("-3 +3 @@"), Some(3..=3));
        assert_eq!(added_lines("-1,2 +5,4 @@ ctx"), Some(5..=8));
        assert_eq!(added_lines("-10,2 +9,0 @@"), None);
    }

    #[test]
    fn a_folder_outside_git_is_a_clear_error() {
        let directory = tempfile::tempdir().unwrap();
        let err = ChangedLines::since(directory.path(), "main").unwrap_err();
        assert!(matches!(err, DiffBaseError::NotARepository { .. }), "{err}");
        assert!(err.to_string().contains("is not inside a git repository"));
    }
}
