//! The site's git history, read in one pass: which commits changed each file (renames
//! followed), which commits each commit descends from, and file contents at old versions.
//!
//! One `git log` process reads the whole history; one `git cat-file --batch` process reads
//! every old version asked for. Nothing here knows about pages or locales.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// A commit of the history.
#[derive(Debug, Clone)]
pub struct Commit {
    /// The full hexadecimal id.
    pub id: String,
    /// Committer time, seconds since the Unix epoch (UTC).
    pub time: i64,
    /// Indices of the parents in `History::commits`.
    parents: Vec<usize>,
}

impl Commit {
    /// The id as people write it (`abc1234`).
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(7)]
    }

    /// `2025-10-08`: the committer date in UTC.
    pub fn date(&self) -> String {
        let (year, month, day) = civil_date(self.time.div_euclid(86_400));
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// One commit's change to a file.
#[derive(Debug, Clone)]
pub struct Change {
    /// Index in `History::commits`.
    pub commit: usize,
    /// The file's content after the commit; `None` when the commit deleted it.
    pub blob: Option<String>,
    /// The file's path at that commit (before a later rename).
    pub path: String,
}

/// Why there is no history to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// Not a git work tree, no commit yet, or no `git` program: nothing to say.
    NoRepository,
    /// A shallow clone: the history is cut, so every file looks changed by the first commit.
    Shallow,
    /// `git` ran but failed.
    Failed(String),
}

/// The history of the files under a root.
#[derive(Debug)]
pub struct History {
    root: PathBuf,
    /// Newest first, parents after their children.
    pub commits: Vec<Commit>,
    /// Each file's changes by its current path (relative to the root), newest first.
    changes: HashMap<String, Vec<Change>>,
    /// For each commit asked about, the commits it descends from (itself included).
    ancestors: Mutex<HashMap<usize, Arc<Vec<u64>>>>,
}

impl History {
    /// Reads the history of the files under `root` (paths relative to it) with one `git log`.
    pub fn load(root: &Path) -> Result<Self, Unavailable> {
        let probe = git(root)
            .args(["rev-parse", "--is-shallow-repository", "--verify", "HEAD"])
            .stderr(Stdio::null())
            .output()
            .map_err(|_| Unavailable::NoRepository)?;
        if !probe.status.success() {
            return Err(Unavailable::NoRepository);
        }
        if String::from_utf8_lossy(&probe.stdout).starts_with("true") {
            return Err(Unavailable::Shallow);
        }
        let output = git(root)
            .args([
                "log",
                "-z",
                "--raw",
                "-M",
                "--no-abbrev",
                "--root",
                "--relative",
                "--topo-order",
                "--no-show-signature",
                "--format=%x01%H %P%x00%ct%x00",
                "HEAD",
            ])
            .stderr(Stdio::piped())
            .output()
            .map_err(|err| Unavailable::Failed(err.to_string()))?;
        if !output.status.success() {
            return Err(Unavailable::Failed(
                String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            ));
        }
        let mut history = parse_log(&String::from_utf8_lossy(&output.stdout));
        history.root = root.to_owned();
        Ok(history)
    }

    /// The changes to the file now at `path`, newest first (renames followed).
    pub fn changes(&self, path: &str) -> &[Change] {
        self.changes.get(path).map_or(&[], Vec::as_slice)
    }

    /// The commit whose id starts with `prefix` (at least 7 hex digits), if exactly one does.
    pub fn resolve(&self, prefix: &str) -> Option<usize> {
        let prefix = prefix.trim().to_ascii_lowercase();
        if prefix.len() < 7 || !prefix.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        let mut found = self
            .commits
            .iter()
            .enumerate()
            .filter(|(_, commit)| commit.id.starts_with(&prefix));
        let (index, _) = found.next()?;
        found.next().is_none().then_some(index)
    }

    /// Whether commit `ancestor` is `commit` or one it descends from.
    pub fn is_ancestor(&self, ancestor: usize, commit: usize) -> bool {
        // Parents come after their children, so a later-listed commit is never a descendant.
        if ancestor < commit {
            return false;
        }
        let reachable = self.reachable(commit);
        reachable[ancestor / 64] & (1 << (ancestor % 64)) != 0
    }

    fn reachable(&self, commit: usize) -> Arc<Vec<u64>> {
        let mut cache = self.ancestors.lock().unwrap_or_else(|err| err.into_inner());
        if let Some(found) = cache.get(&commit) {
            return Arc::clone(found);
        }
        let mut bits = vec![0u64; self.commits.len().div_ceil(64)];
        let mut stack = vec![commit];
        while let Some(index) = stack.pop() {
            if bits[index / 64] & (1 << (index % 64)) != 0 {
                continue;
            }
            bits[index / 64] |= 1 << (index % 64);
            stack.extend(&self.commits[index].parents);
        }
        let bits = Arc::new(bits);
        cache.insert(commit, Arc::clone(&bits));
        bits
    }

    /// The contents of these blobs, read by one `git cat-file --batch`; blobs that are
    /// missing or not UTF-8 are left out.
    pub fn read_blobs<'a>(
        &self,
        blobs: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, String>, String> {
        let mut wanted: Vec<&str> = blobs.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut found = HashMap::new();
        if wanted.is_empty() {
            return Ok(found);
        }
        let mut child = git(&self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot run git: {err}"))?;
        let mut stdin = child.stdin.take().ok_or("git cat-file has no input")?;
        let requests: String = wanted.iter().map(|blob| format!("{blob}\n")).collect();
        // Written from another thread: git answers while it reads, and both pipes are bounded.
        let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
        let stdout = child.stdout.take().ok_or("git cat-file has no output")?;
        let mut reader = BufReader::new(stdout);
        for blob in &wanted {
            let mut header = String::new();
            if reader
                .read_line(&mut header)
                .map_err(|err| err.to_string())?
                == 0
            {
                break;
            }
            let mut fields = header.split_whitespace();
            let (Some(_), Some(kind)) = (fields.next(), fields.next()) else {
                continue;
            };
            if kind == "missing" {
                continue;
            }
            let size: usize = fields
                .next()
                .and_then(|size| size.parse().ok())
                .ok_or_else(|| format!("git cat-file: unexpected header `{}`", header.trim()))?;
            let mut content = vec![0; size + 1];
            reader
                .read_exact(&mut content)
                .map_err(|err| err.to_string())?;
            content.pop();
            if kind == "blob"
                && let Ok(text) = String::from_utf8(content)
            {
                found.insert((*blob).to_owned(), text);
            }
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(found)
    }
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false", "-c", "core.fsmonitor=false"]);
    command
}

/// Parses `git log -z --raw --format=%x01%H %P%x00%ct%x00` output.
fn parse_log(output: &str) -> History {
    let mut commits = Vec::new();
    let mut raw_changes: Vec<Vec<RawChange>> = Vec::new();
    let mut parent_ids: Vec<Vec<&str>> = Vec::new();
    for record in output.split('\u{1}').filter(|record| !record.is_empty()) {
        let mut tokens = record
            .split('\0')
            .map(|token| token.trim_start_matches('\n'));
        let ids = tokens.next().unwrap_or("");
        let time = tokens
            .next()
            .and_then(|time| time.parse().ok())
            .unwrap_or(0);
        let mut ids = ids.split(' ');
        let id = ids.next().unwrap_or("").to_owned();
        parent_ids.push(ids.filter(|id| !id.is_empty()).collect());
        let mut changes = Vec::new();
        while let Some(token) = tokens.next() {
            let Some(header) = token.strip_prefix(':') else {
                continue;
            };
            let fields: Vec<&str> = header.split(' ').collect();
            let (Some(new_blob), Some(status)) = (fields.get(3), fields.get(4)) else {
                continue;
            };
            let old_path = tokens.next().unwrap_or("").to_owned();
            let renamed = status.starts_with('R');
            let path = if renamed || status.starts_with('C') {
                tokens.next().unwrap_or("").to_owned()
            } else {
                old_path.clone()
            };
            let deleted = status.starts_with('D');
            changes.push(RawChange {
                path,
                renamed_from: renamed.then_some(old_path),
                blob: (!deleted).then(|| (*new_blob).to_owned()),
            });
        }
        commits.push(Commit {
            id,
            time,
            parents: Vec::new(),
        });
        raw_changes.push(changes);
    }
    let index_of: HashMap<&str, usize> = commits
        .iter()
        .enumerate()
        .map(|(index, commit)| (commit.id.as_str(), index))
        .collect();
    let parents: Vec<Vec<usize>> = parent_ids
        .iter()
        .map(|ids| {
            ids.iter()
                .filter_map(|id| index_of.get(id).copied())
                .collect()
        })
        .collect();
    for (commit, parents) in commits.iter_mut().zip(parents) {
        commit.parents = parents;
    }
    // Walking back in time, a file renamed `old → new` was `old` before that commit.
    let mut current_name: HashMap<String, String> = HashMap::new();
    let mut changes: HashMap<String, Vec<Change>> = HashMap::new();
    for (commit, raw) in raw_changes.into_iter().enumerate() {
        for change in raw {
            let current = current_name
                .get(&change.path)
                .cloned()
                .unwrap_or_else(|| change.path.clone());
            if let Some(old) = change.renamed_from {
                current_name.insert(old, current.clone());
            }
            changes.entry(current).or_default().push(Change {
                commit,
                blob: change.blob,
                path: change.path,
            });
        }
    }
    History {
        root: PathBuf::new(),
        commits,
        changes,
        ancestors: Mutex::new(HashMap::new()),
    }
}

struct RawChange {
    path: String,
    renamed_from: Option<String>,
    blob: Option<String>,
}

/// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A git repository in a temporary folder, for tests that need history.
    pub(crate) struct Repo {
        pub dir: tempfile::TempDir,
        time: i64,
    }

    impl Repo {
        /// `None` when git is not installed.
        pub(crate) fn new() -> Option<Self> {
            let dir = tempfile::tempdir().ok()?;
            let repo = Self {
                dir,
                time: 1_760_000_000,
            };
            repo.git(&["init", "-q", "-b", "main"]).ok()?;
            Some(repo)
        }

        pub(crate) fn path(&self) -> &Path {
            self.dir.path()
        }

        pub(crate) fn git(&self, args: &[&str]) -> Result<String, String> {
            let output = Command::new("git")
                .arg("-C")
                .arg(self.dir.path())
                .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
                .args(args)
                .env("GIT_AUTHOR_DATE", format!("{} +0000", self.time))
                .env("GIT_COMMITTER_DATE", format!("{} +0000", self.time))
                .output()
                .map_err(|err| err.to_string())?;
            if !output.status.success() {
                return Err(String::from_utf8_lossy(&output.stderr).into_owned());
            }
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
        }

        /// Writes the files and commits them, a day after the previous commit.
        pub(crate) fn commit(&mut self, message: &str, files: &[(&str, &str)]) -> String {
            for (path, text) in files {
                let path = self.dir.path().join(path);
                std::fs::create_dir_all(path.parent().expect("a file has a folder"))
                    .expect("folder created");
                std::fs::write(path, text).expect("file written");
            }
            self.time += 86_400;
            self.git(&["add", "-A"]).expect("git add");
            self.git(&["commit", "-q", "-m", message])
                .expect("git commit");
            self.git(&["rev-parse", "HEAD"]).expect("a commit")
        }
    }

    #[test]
    fn changes_follow_renames_and_ancestry_follows_parents() {
        let Some(mut repo) = Repo::new() else { return };
        let first = repo.commit("one", &[("en/a.md", "one\ntwo\nthree\nfour\n")]);
        repo.git(&["mv", "en/a.md", "en/b.md"]).expect("git mv");
        let second = repo.commit("rename", &[]);
        let third = repo.commit("edit", &[("en/b.md", "one\ntwo\nthree\nfour\nfive\n")]);
        let history = History::load(repo.path()).expect("history");
        let changes = history.changes("en/b.md");
        let ids: Vec<&str> = changes
            .iter()
            .map(|change| history.commits[change.commit].id.as_str())
            .collect();
        assert_eq!(ids, [third.as_str(), second.as_str(), first.as_str()]);
        assert_eq!(changes[2].path, "en/a.md");
        assert!(history.changes("en/a.md").is_empty());
        assert!(history.is_ancestor(changes[2].commit, changes[0].commit));
        assert!(!history.is_ancestor(changes[0].commit, changes[2].commit));
        assert_eq!(history.resolve(&first[..9]), Some(changes[2].commit));
        let blob = changes[2].blob.clone().expect("a blob");
        let texts = history.read_blobs([blob.as_str()]).expect("cat-file");
        assert_eq!(texts[&blob], "one\ntwo\nthree\nfour\n");
        assert_eq!(history.commits[changes[0].commit].date(), "2025-10-12");
    }

    #[test]
    fn a_shallow_clone_and_a_folder_without_git_have_no_history() {
        let Some(mut repo) = Repo::new() else { return };
        repo.commit("one", &[("en/a.md", "one\n")]);
        repo.commit("two", &[("en/a.md", "two\n")]);
        let clone = tempfile::tempdir().expect("temp dir");
        let url = format!("file://{}", repo.path().display());
        let cloned = Command::new("git")
            .args(["clone", "-q", "--depth", "1", &url])
            .arg(clone.path().join("c"))
            .status()
            .expect("git clone");
        assert!(cloned.success());
        assert_eq!(
            History::load(&clone.path().join("c")).err(),
            Some(Unavailable::Shallow)
        );
        let plain = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            History::load(plain.path()).err(),
            Some(Unavailable::NoRepository)
        );
    }

    #[test]
    fn dates_are_civil_dates_in_utc() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(20_369), (2025, 10, 8));
        assert_eq!(civil_date(-1), (1969, 12, 31));
    }
}
