//! The disk cache: results that do not change from one minute to the next, kept for a while
//! so that a second run does not ask again. Only `Ok`, `Redirected` and `Broken` by 404 or
//! 410 are stored; everything that may be transient (timeouts, 5xx, 429, DNS trouble) is
//! checked again next time.

use super::Verdict;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Changed whenever the file layout changes; a file with another version is started afresh.
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
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
    /// cache must never be the reason a check fails.
    pub fn load(path: &Path, ttl: Duration) -> (Self, Option<String>) {
        let mut cache = Cache {
            path: path.to_owned(),
            ttl,
            entries: HashMap::new(),
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
            Err(problem) => {
                let warning = format!("ignoring the online cache {}: {problem}", path.display());
                (cache, Some(warning))
            }
        }
    }

    /// The cached verdict for a page key, if still fresh.
    pub fn get(&self, key: &str) -> Option<&Verdict> {
        self.entries.get(key).map(|entry| &entry.verdict)
    }

    /// Remember a verdict if it is cacheable; a verdict that is not replaces nothing, so a
    /// passing outage does not erase what was known.
    pub fn record(&mut self, key: &str, verdict: &Verdict) {
        if is_cacheable(verdict) {
            let entry = Entry {
                verdict: verdict.clone(),
                checked_at: now_unix(),
            };
            self.entries.insert(key.to_owned(), entry);
        }
    }

    /// Write the cache atomically: to a temporary file in the same directory, then renamed
    /// over the old one, so a crash or a concurrent reader never sees half a file.
    pub fn save(&self) -> io::Result<()> {
        let directory = match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(directory)?;
        let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
        let file = CacheFile {
            version: FORMAT_VERSION,
            entries: self.entries.clone(),
        };
        serde_json::to_writer(&mut temporary, &file)?;
        temporary.flush()?;
        temporary.persist(&self.path).map_err(|error| error.error)?;
        Ok(())
    }

    fn is_fresh(&self, entry: &Entry, now: u64) -> bool {
        // An entry from the future (the clock went back) is not trusted.
        now.checked_sub(entry.checked_at)
            .is_some_and(|age| age <= self.ttl.as_secs())
    }
}

/// The entries of the cache file; none when there is no file yet.
fn read_entries(path: &Path) -> Result<HashMap<String, Entry>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(error) => return Err(error.to_string()),
    };
    let file: CacheFile = serde_json::from_str(&text).map_err(|error| error.to_string())?;
    if file.version != FORMAT_VERSION {
        return Err(format!("unknown format version {}", file.version));
    }
    Ok(file.entries)
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
    fn corrupt_file_is_a_warning_and_an_empty_cache() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("online.json");
        std::fs::write(&path, "{ not json").expect("file written");
        let (cache, warning) = Cache::load(&path, DAY);
        assert!(cache.entries.is_empty());
        assert!(warning.expect("a warning").contains("online.json"));
    }
}
