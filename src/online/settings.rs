//! `[online]` in `l10nlint.toml`: how the online check behaves when it is switched on.
//!
//! Every value is checked while the config is read (durations, status ranges, patterns), so a
//! mistake is a config error that points at the value, not a surprise in the middle of a run.
//! Keys left out are `None` (or empty), so that a repository's `[online]` can be laid over the
//! user's ([`OnlineConfig::over`]); what a repository may set is `config::trust`'s business.

use super::OnlineOptions;
use regex::Regex;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `[online]`. Keys left out keep [`OnlineOptions::default`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OnlineConfig {
    /// Check external links on every run, as `--online` does.
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default, deserialize_with = "duration")]
    pub timeout: Option<Duration>,
    #[serde(default, deserialize_with = "positive")]
    pub max_concurrency: Option<usize>,
    #[serde(default, deserialize_with = "positive")]
    pub max_per_host: Option<usize>,
    #[serde(default, deserialize_with = "duration")]
    pub min_host_interval: Option<Duration>,
    #[serde(default)]
    pub max_redirects: Option<usize>,
    #[serde(default)]
    pub max_retries: Option<u32>,
    /// The most time spent waiting to retry requests to one host, over the whole check.
    #[serde(default, deserialize_with = "duration")]
    pub max_retry_wait: Option<Duration>,
    /// Status codes and ranges that count as working: `["200..=299", "403"]`.
    #[serde(default, deserialize_with = "status_ranges")]
    pub accept: Option<Vec<RangeInclusive<u16>>>,
    #[serde(default, deserialize_with = "patterns")]
    pub exclude: Vec<Regex>,
    #[serde(default, deserialize_with = "patterns")]
    pub include: Vec<Regex>,
    /// `"regex replacement"` pairs applied to each URL before it is requested.
    #[serde(default, deserialize_with = "remaps")]
    pub remap: Vec<(Regex, String)>,
    /// The cache file, relative to the config file's folder.
    #[serde(default)]
    pub cache: Option<PathBuf>,
    #[serde(default, deserialize_with = "duration")]
    pub cache_ttl: Option<Duration>,
    #[serde(default)]
    pub check_fragments: Option<bool>,
    /// `None` when the config does not say, so callers can tell "not set" from `false`.
    #[serde(default)]
    pub allow_private: Option<bool>,
    #[serde(default, deserialize_with = "duration")]
    pub deadline: Option<Duration>,
}

impl OnlineConfig {
    /// This config laid over `under`: each key this one sets wins, lists are joined.
    pub fn over(&self, under: &OnlineConfig) -> OnlineConfig {
        let joined =
            |mine: &[Regex], theirs: &[Regex]| theirs.iter().chain(mine).cloned().collect();
        OnlineConfig {
            enabled: self.enabled.or(under.enabled),
            timeout: self.timeout.or(under.timeout),
            max_concurrency: self.max_concurrency.or(under.max_concurrency),
            max_per_host: self.max_per_host.or(under.max_per_host),
            min_host_interval: self.min_host_interval.or(under.min_host_interval),
            max_redirects: self.max_redirects.or(under.max_redirects),
            max_retries: self.max_retries.or(under.max_retries),
            max_retry_wait: self.max_retry_wait.or(under.max_retry_wait),
            accept: self.accept.clone().or_else(|| under.accept.clone()),
            exclude: joined(&self.exclude, &under.exclude),
            include: joined(&self.include, &under.include),
            remap: under.remap.iter().chain(&self.remap).cloned().collect(),
            cache: self.cache.clone().or_else(|| under.cache.clone()),
            cache_ttl: self.cache_ttl.or(under.cache_ttl),
            check_fragments: self.check_fragments.or(under.check_fragments),
            allow_private: self.allow_private.or(under.allow_private),
            deadline: self.deadline.or(under.deadline),
        }
    }

    /// The checker's options; a relative `cache` is resolved against `config_dir`, and without
    /// one the cache lives in `default_cache`.
    pub fn options(&self, config_dir: &Path, default_cache: Option<PathBuf>) -> OnlineOptions {
        let defaults = OnlineOptions::default();
        OnlineOptions {
            timeout: self.timeout.unwrap_or(defaults.timeout),
            deadline: self.deadline.unwrap_or(defaults.deadline),
            max_concurrency: self.max_concurrency.unwrap_or(defaults.max_concurrency),
            max_per_host: self.max_per_host.unwrap_or(defaults.max_per_host),
            min_host_interval: self.min_host_interval.unwrap_or_default(),
            max_redirects: self.max_redirects.unwrap_or(defaults.max_redirects),
            max_retries: self.max_retries.unwrap_or(defaults.max_retries),
            max_retry_wait_per_host: self
                .max_retry_wait
                .unwrap_or(defaults.max_retry_wait_per_host),
            accept: self.accept.clone().unwrap_or(defaults.accept),
            allow_private: self.allow_private.unwrap_or(false),
            cache: self
                .cache
                .as_ref()
                .map(|path| config_dir.join(path))
                .or(default_cache),
            cache_ttl: self.cache_ttl.unwrap_or(defaults.cache_ttl),
            exclude: self.exclude.clone(),
            include: self.include.clone(),
            remap: self.remap.clone(),
            check_fragments: self.check_fragments.unwrap_or(false),
            ..defaults
        }
    }
}

/// Where the cache lives when the config names no file: `<user cache dir>/l10nlint/online.json`.
pub fn default_cache_path() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("l10nlint").join("online.json"))
}

/// A duration as `"500ms"`, `"20s"`, `"5m"`, `"1h"`, `"7d"`, or a number of seconds.
fn duration<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Duration>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Seconds(u64),
        Text(String),
    }
    match Written::deserialize(deserializer)? {
        Written::Seconds(seconds) => Ok(Some(Duration::from_secs(seconds))),
        Written::Text(text) => parse_duration(&text).map(Some).map_err(de::Error::custom),
    }
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let invalid = || {
        format!(
            "invalid duration `{text}`: write a number with a unit, e.g. `500ms`, `20s`, `5m`, `1h`, `7d`"
        )
    };
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(invalid)?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| invalid())?;
    let seconds = |factor: u64| number.checked_mul(factor).map(Duration::from_secs);
    match unit.trim() {
        "ms" => Some(Duration::from_millis(number)),
        "s" => seconds(1),
        "m" => seconds(60),
        "h" => seconds(60 * 60),
        "d" => seconds(24 * 60 * 60),
        _ => None,
    }
    .ok_or_else(invalid)
}

fn positive<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<usize>, D::Error> {
    match usize::deserialize(deserializer)? {
        0 => Err(de::Error::custom("must be at least 1")),
        value => Ok(Some(value)),
    }
}

/// Statuses as `"200..=299"`, `"403"` or `403`.
fn status_ranges<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<RangeInclusive<u16>>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Status(u16),
        Text(String),
    }
    Vec::<Written>::deserialize(deserializer)?
        .into_iter()
        .map(|written| match written {
            Written::Status(status) => parse_status_range(&status.to_string()),
            Written::Text(text) => parse_status_range(&text),
        })
        .collect::<Result<_, _>>()
        .map(Some)
        .map_err(de::Error::custom)
}

fn parse_status_range(text: &str) -> Result<RangeInclusive<u16>, String> {
    let invalid = || format!("invalid status range `{text}`: write `200..=299` or `403`");
    let status = |part: &str| {
        part.trim()
            .parse::<u16>()
            .ok()
            .filter(|status| (100..=999).contains(status))
            .ok_or_else(invalid)
    };
    let range = match text.split_once("..=") {
        Some((low, high)) => status(low)?..=status(high)?,
        None => status(text)?..=status(text)?,
    };
    if range.is_empty() {
        return Err(invalid());
    }
    Ok(range)
}

fn patterns<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Regex>, D::Error> {
    Vec::<String>::deserialize(deserializer)?
        .iter()
        .map(|pattern| compile(pattern))
        .collect::<Result<_, _>>()
        .map_err(de::Error::custom)
}

fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|error| format!("invalid pattern `{pattern}`: {error}"))
}

/// `"regex replacement"`: the two parts are separated by whitespace, as in lychee's `--remap`.
fn remaps<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(Regex, String)>, D::Error> {
    Vec::<String>::deserialize(deserializer)?
        .iter()
        .map(|remap| match remap.split_whitespace().collect::<Vec<_>>()[..] {
            [pattern, replacement] => Ok((compile(pattern)?, replacement.to_owned())),
            _ => Err(format!(
                "invalid remap `{remap}`: write a pattern and its replacement separated by a space"
            )),
        })
        .collect::<Result<_, _>>()
        .map_err(de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<OnlineConfig, toml::de::Error> {
        toml::from_str(text)
    }

    #[test]
    fn every_key_is_read() {
        let config = parse(
            r#"
enabled = true
timeout = "5s"
max-concurrency = 8
max-per-host = 2
min-host-interval = "250ms"
max-redirects = 3
max-retries = 1
max-retry-wait = "10s"
accept = ["200..=299", "403", 429]
exclude = ["^https://internal\\."]
include = ["^https://internal\\.example\\.com/public"]
remap = ["^https://old\\.example\\.com https://new.example.com"]
cache = ".cache/online.json"
cache-ttl = "7d"
check-fragments = true
allow-private = true
deadline = 120
"#,
        )
        .expect("valid config");
        let options = config.options(Path::new("/site"), None);
        assert_eq!(config.enabled, Some(true));
        assert_eq!(options.max_retry_wait_per_host, Duration::from_secs(10));
        assert_eq!(options.timeout, Duration::from_secs(5));
        assert_eq!(options.max_concurrency, 8);
        assert_eq!(options.max_per_host, 2);
        assert_eq!(options.min_host_interval, Duration::from_millis(250));
        assert_eq!(options.max_redirects, 3);
        assert_eq!(options.max_retries, 1);
        assert_eq!(options.accept, vec![200..=299, 403..=403, 429..=429]);
        assert_eq!(options.exclude.len(), 1);
        assert_eq!(options.include.len(), 1);
        assert_eq!(options.remap[0].1, "https://new.example.com");
        assert_eq!(
            options.cache,
            Some(PathBuf::from("/site/.cache/online.json"))
        );
        assert_eq!(options.cache_ttl, Duration::from_secs(7 * 24 * 60 * 60));
        assert!(options.check_fragments);
        assert!(options.allow_private);
        assert_eq!(options.deadline, Duration::from_secs(120));
    }

    #[test]
    fn a_config_laid_over_another_wins_where_it_says_something() {
        let user = parse("enabled = true\ntimeout = \"5s\"\nexclude = [\"a\"]\n").expect("user");
        let repository = parse("enabled = false\nexclude = [\"b\"]\n").expect("repository");
        let merged = repository.over(&user);
        assert_eq!(merged.enabled, Some(false));
        assert_eq!(merged.timeout, Some(Duration::from_secs(5)));
        let excluded: Vec<&str> = merged.exclude.iter().map(Regex::as_str).collect();
        assert_eq!(excluded, ["a", "b"]);
    }

    #[test]
    fn left_out_keys_keep_the_defaults() {
        let cache = PathBuf::from("/home/me/.cache/l10nlint/online.json");
        let options = parse("")
            .expect("empty config")
            .options(Path::new("/site"), Some(cache.clone()));
        let defaults = OnlineOptions::default();
        assert_eq!(options.timeout, defaults.timeout);
        assert_eq!(options.accept, defaults.accept);
        assert_eq!(options.cache, Some(cache));
        assert!(!options.allow_private);
        assert_eq!(options.deadline, Duration::from_secs(5 * 60));
    }

    #[test]
    fn invalid_values_are_errors_at_the_value() {
        for (text, value, message) in [
            (
                "timeout = \"5 parsecs\"",
                "\"5 parsecs\"",
                "invalid duration",
            ),
            (
                "accept = [\"200..=199\"]",
                "[\"200..=199\"]",
                "invalid status range",
            ),
            ("accept = [\"2xx\"]", "[\"2xx\"]", "invalid status range"),
            ("exclude = [\"(\"]", "[\"(\"]", "invalid pattern `(`"),
            (
                "remap = [\"only-a-pattern\"]",
                "[\"only-a-pattern\"]",
                "invalid remap",
            ),
            ("max-per-host = 0", "0", "must be at least 1"),
        ] {
            let error = parse(text).expect_err(text);
            assert!(
                error.message().contains(message),
                "{text}: {}",
                error.message()
            );
            let span = error.span().expect("errors have a span");
            assert_eq!(&text[span], value, "{text}");
        }
    }

    #[test]
    fn unknown_keys_are_errors() {
        let error = parse("max-conncurrency = 3").expect_err("unknown key");
        assert!(error.message().contains("unknown field `max-conncurrency`"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("s").is_err());
        assert!(parse_duration("10").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
    }
}
