//! The disk cache: results that do not change from one minute to the next, kept for a while
//! so that a second run does not ask again. Only `Ok`, `Redirected` and `Broken` by 404 or
//! 410 are stored; everything that may be transient (timeouts, 5xx, 429, DNS trouble) is
//! checked again next time.
//!
//! The file is written atomically, with the usual permissions of a new file, and only over a
//! file that is an l10nlint cache: a cache path that names some other file (a mistake, or a
//! repository's attempt to have it overwritten) leaves that file as it was.

use super::Verdict;
use crate::atomic_write::write_atomically;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Changed whenever the file layout changes; a file with another version is started afresh.
const FORMAT_VERSION: u32 = 1;

/// The value of `format` in every cache file: what tells an l10nlint cache from another file.
const FORMAT_MARKER: &str = "l10nlint online cache";

/// How every cache file starts (`format` is written first).
const FORMAT_PREFIX: &str = "{\"format\":\"l10nlint online cache\"";

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    /// Absent from the files of the first versions, which had only `version` and `entries`.
    #[serde(default)]
    format: Option<String>,
    version: u32,
    entries: HashMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    verdict: Verdict,
    /// Seconds since the Unix epoch.
    checked_at: u64,
}

/// The cache of one run: loaded at the start, saved at the end.
#[derive(Debug)]
pub(super) struct Cache {
    path: PathBuf,
    ttl: Duration,
    entries: HashMap<String, Entry>,
    /// Why the file at `path` must not be replaced, when it is not an l10nlint cache.
    foreign: Option<String>,
}

/// Whether a verdict is stable enough to reuse without asking again.
pub(super) fn is_cacheable(verdict: &Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Ok
            | Verdict::Redirected { .. }
            | Verdict::Broken {
                status: Some(404 | 410),
                ..
            }
    )
}

impl Cache {
    /// Load the cache at `path`, keeping the entries younger than `ttl`. A missing file is an
    /// empty cache; an unreadable or corrupt one is an empty cache plus a warning, because a
    /// cache must never be the reason a check fails. A file that is not an l10nlint cache is
    /// also never written.
    pub(super) fn load(path: &Path, ttl: Duration) -> (Self, Option<String>) {
        let mut cache = Cache {
            path: path.to_owned(),
            ttl,
            entries: HashMap::new(),
            foreign: None,
        };
        match read_entries(path) {
            Ok(entries) => {
                let now = now_unix();
                cache.entries = entries
                    .into_iter()
                    .filter(|(_, entry)| cache.is_fresh(entry, now))
                    .collect();
                (cache, None)
            }
            Err(ReadFailure::Foreign(problem)) => {
                let warning = format!(
                    "not using {} as the online cache: {problem}; it is left as it is \
                     (remove it, or choose another file with --cache)",
                    path.display()
                );
                cache.foreign = Some(problem);
                (cache, Some(warning))
            }
            Err(ReadFailure::Unusable(problem)) => {
                let warning = format!("ignoring the online cache {}: {problem}", path.display());
                (cache, Some(warning))
            }
        }
    }

    /// The cached verdict for a page key, if still fresh.
    pub(super) fn get(&self, key: &str) -> Option<&Verdict> {
        self.entries.get(key).map(|entry| &entry.verdict)
    }

    /// Remember a verdict if it is cacheable; a verdict that is not replaces nothing, so a
    /// passing outage does not erase what was known.
    pub(super) fn record(&mut self, key: &str, verdict: &Verdict) {
        if is_cacheable(verdict) {
            let entry = Entry {
                verdict: verdict.clone(),
                checked_at: now_unix(),
            };
            self.entries.insert(key.to_owned(), entry);
        }
    }

    /// Write the cache atomically: to a temporary file in the same directory, then renamed
    /// over the old one, so a crash or a concurrent reader never sees half a file. A file that
    /// is not an l10nlint cache is left alone (`load` said so already).
    pub(super) fn save(&self) -> io::Result<()> {
        if self.foreign.is_some() {
            return Ok(());
        }
        if let Some(directory) = self.path.parent()
            && !directory.as_os_str().is_empty()
        {
            std::fs::create_dir_all(directory)?;
        }
        let file = CacheFile {
            format: Some(FORMAT_MARKER.to_owned()),
            version: FORMAT_VERSION,
            entries: self.entries.clone(),
        };
        write_atomically(&self.path, &serde_json::to_vec(&file)?)
    }

    fn is_fresh(&self, entry: &Entry, now: u64) -> bool {
        // An entry from the future (the clock went back) is not trusted.
        now.checked_sub(entry.checked_at)
            .is_some_and(|age| age <= self.ttl.as_secs())
    }
}

/// Why the cache file's entries cannot be used.
enum ReadFailure {
    /// The file is not an l10nlint cache: it must not be overwritten.
    Foreign(String),
    /// An l10nlint cache that cannot be used (another version, or unreadable); it is
    /// replaced by the next save.
    Unusable(String),
}

/// The entries of the cache file; none when there is no file yet.
fn read_entries(path: &Path) -> Result<HashMap<String, Entry>, ReadFailure> {
    let not_a_cache = || ReadFailure::Foreign("it is not an l10nlint online cache".to_owned());
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(error) => return Err(ReadFailure::Unusable(error.to_string())),
    };
    if !metadata.is_file() {
        return Err(not_a_cache());
    }
    let bytes = std::fs::read(path).map_err(|error| ReadFailure::Unusable(error.to_string()))?;
    let json: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(json) => json,
        // A cache of ours cut short (a full disk) still starts as every cache does.
        Err(error) if bytes.starts_with(FORMAT_PREFIX.as_bytes()) => {
            return Err(ReadFailure::Unusable(error.to_string()));
        }
        Err(_) => return Err(not_a_cache()),
    };
    if !is_cache_file(&json) {
        return Err(not_a_cache());
    }
    let file: CacheFile =
        serde_json::from_value(json).map_err(|error| ReadFailure::Unusable(error.to_string()))?;
    if file.version != FORMAT_VERSION {
        return Err(ReadFailure::Unusable(format!(
            "unknown format version {}",
            file.version
        )));
    }
    Ok(file.entries)
}

/// Whether a JSON document is an l10nlint cache: it says so in `format`, or it has exactly
/// the two keys of the first versions' files.
fn is_cache_file(json: &serde_json::Value) -> bool {
    let Some(object) = json.as_object() else {
        return false;
    };
    match object.get("format") {
        Some(format) => format == FORMAT_MARKER,
        None => {
            object.len() == 2
                && object.get("version").is_some_and(serde_json::Value::is_u64)
                && object
                    .get("entries")
                    .is_some_and(serde_json::Value::is_object)
        }
    }
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(86_400);

    #[test]
    fn only_stable_verdicts_are_cacheable() {
        assert!(is_cacheable(&Verdict::Ok));
        assert!(is_cacheable(&Verdict::Redirected {
            final_url: "https://example.com/".to_owned(),
            permanent: true
        }));
        let broken = |status| Verdict::Broken {
            status,
            reason: String::new(),
        };
        assert!(is_cacheable(&broken(Some(404))));
        assert!(is_cacheable(&broken(Some(410))));
        assert!(!is_cacheable(&broken(Some(400))));
        assert!(!is_cacheable(&broken(None)));
        assert!(!is_cacheable(&Verdict::Unverifiable {
            status: Some(503),
            reason: String::new()
        }));
    }

    #[test]
    fn the_file_starts_with_its_marker() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("online.json");
        let (cache, _) = Cache::load(&path, DAY);
        cache.save().expect("cache saved");
        let text = std::fs::read_to_string(&path).expect("cache written");
        assert!(text.starts_with(FORMAT_PREFIX), "{text}");
    }

    #[test]
    fn round_trip_and_expiry() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("nested/online.json");
        let (mut cache, warning) = Cache::load(&path, DAY);
        assert_eq!(warning, None);
        cache.record("https://example.com/", &Verdict::Ok);
        cache.entries.insert(
            "https://old.example/".to_owned(),
            Entry {
                verdict: Verdict::Ok,
                checked_at: now_unix() - 2 * DAY.as_secs(),
            },
        );
        cache.save().expect("cache saved");

        let (reloaded, warning) = Cache::load(&path, DAY);
        assert_eq!(warning, None);
        assert_eq!(reloaded.get("https://example.com/"), Some(&Verdict::Ok));
        assert_eq!(reloaded.get("https://old.example/"), None, "expired");
    }

    #[test]
    fn a_file_that_is_not_a_cache_is_a_warning_and_is_never_overwritten() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("online.json");
        for text in [
            "{ not json",
            "[1, 2]",
            "{\"version\": 1, \"entries\": {}, \"name\": \"package.json\"}",
            "{\"format\": \"something else\", \"version\": 1, \"entries\": {}}",
            "root:x:0:0:root:/root:/bin/bash\n",
        ] {
            std::fs::write(&path, text).expect("file written");
            let (mut cache, warning) = Cache::load(&path, DAY);
            assert!(cache.entries.is_empty());
            assert!(
                warning.expect("a warning").contains("online.json"),
                "{text}"
            );
            cache.record("https://example.com/", &Verdict::Ok);
            cache.save().expect("nothing to save");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }

    #[test]
    fn caches_of_the_first_versions_and_of_other_versions_are_replaced() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("online.json");
        for text in [
            "{\"version\": 1, \"entries\": {}}",
            "{\"format\":\"l10nlint online cache\",\"version\":1,\"entries\":{\"https://",
            "{\"format\": \"l10nlint online cache\", \"version\": 99, \"entries\": {}}",
        ] {
            std::fs::write(&path, text).expect("file written");
            let (mut cache, _) = Cache::load(&path, DAY);
            cache.record("https://example.com/", &Verdict::Ok);
            cache.save().expect("saved over an l10nlint cache");
            let (reloaded, warning) = Cache::load(&path, DAY);
            assert_eq!(warning, None);
            assert_eq!(reloaded.get("https://example.com/"), Some(&Verdict::Ok));
        }
    }
}
