//! The online stage: verify external URLs over HTTP, each once, fast and polite.
//!
//! [`check`] takes every URL the documents link to and returns one [`Verdict`] per URL as
//! written. Behind that call the URLs are normalised and deduplicated (the same page with
//! different fragments is fetched once), requests are spread under a global and a per-host
//! concurrency limit, failures that may be transient are retried with backoff, names are
//! resolved by us so private addresses are refused, and stable results are kept in an optional
//! disk cache. Rules turn the verdicts into diagnostics; this module never reports by itself.

mod cache;
mod checker;
mod client;
mod fragments;
mod limits;
mod normalize;
mod progress;
mod retry;
mod run;
mod safety;
mod selection;
pub mod settings;

use crate::diagnostic::plural;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

pub use client::{is_github_host, sends_github_token};
pub use progress::ProgressObserver;
pub use safety::{is_private, names_private_host};

/// How the online check behaves. [`OnlineOptions::default`] gives polite, lychee-like defaults.
#[derive(Debug, Clone)]
pub struct OnlineOptions {
    /// Time allowed for one request, from connecting to the end of the body.
    pub timeout: Duration,
    /// Time allowed for the whole check (5 minutes by default): a slow or hostile host must
    /// not keep a CI job busy for hours. URLs not done by then are
    /// `Unverifiable("deadline reached")`.
    pub deadline: Duration,
    /// Requests in flight at once, over all hosts.
    pub max_concurrency: usize,
    /// Requests in flight at once to one host.
    pub max_per_host: usize,
    /// Minimum time between the starts of two requests to one host.
    pub min_host_interval: Duration,
    /// Redirect hops followed before a URL is `Broken("too many redirects")`.
    pub max_redirects: usize,
    /// Retries after a timeout, a connection reset, a 5xx, 408 or 429.
    pub max_retries: u32,
    /// The most time spent waiting to retry requests to one host over the whole check
    /// (backoff and `Retry-After` added up); past it, that host's answers stand.
    pub max_retry_wait_per_host: Duration,
    /// The first backoff; each further retry waits twice as long.
    pub retry_base: Duration,
    /// Final statuses (after following redirects) that mean the link works.
    pub accept: Vec<RangeInclusive<u16>>,
    /// Allow loopback, private, link-local, unspecified and CGNAT addresses.
    pub allow_private: bool,
    /// The cache file; `None` disables the cache. The caller picks the default location,
    /// e.g. `dirs::cache_dir()/l10nlint/online.json`.
    pub cache: Option<PathBuf>,
    /// How long a cached result stays valid.
    pub cache_ttl: Duration,
    /// URLs (as written) matching any of these are `Excluded`…
    pub exclude: Vec<Regex>,
    /// …unless they also match one of these: include wins over exclude, as in lychee.
    pub include: Vec<Regex>,
    /// Rewrites applied in order to each URL before it is requested (`Regex::replace_all`
    /// syntax, so `$1` refers to a group). Verdicts stay keyed by the URL as written.
    pub remap: Vec<(Regex, String)>,
    /// Sent as a bearer token, only over HTTPS to the hosts [`is_github_host`] accepts
    /// ([`sends_github_token`]).
    pub github_token: Option<String>,
    /// Certificate authorities (PEM) trusted besides the public ones: a test server's
    /// self-signed certificate, a company's TLS proxy. Set by code, never by a config file.
    pub extra_root_certificates: Vec<Vec<u8>>,
    /// Names answered with these addresses instead of asking DNS (tests send `github.com` to
    /// 127.0.0.1). The private-address guard applies to them as to any other answer. Set by
    /// code, never by a config file.
    pub resolve_overrides: HashMap<String, Vec<std::net::IpAddr>>,
    /// Fetch pages whose URL has a `#fragment` and check that an element has that id or name.
    pub check_fragments: bool,
    /// Told how the check progresses (the command line draws a bar when stderr is a
    /// terminal).
    pub progress: Option<std::sync::Arc<dyn ProgressObserver>>,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Default for OnlineOptions {
    fn default() -> Self {
        OnlineOptions {
            timeout: Duration::from_secs(20),
            deadline: Duration::from_secs(5 * 60),
            max_concurrency: 32,
            max_per_host: 4,
            min_host_interval: Duration::ZERO,
            max_redirects: 10,
            max_retries: 2,
            max_retry_wait_per_host: Duration::from_secs(60),
            retry_base: Duration::from_millis(500),
            accept: vec![200..=299],
            allow_private: false,
            cache: None,
            cache_ttl: Duration::from_secs(24 * 60 * 60),
            exclude: Vec::new(),
            include: Vec::new(),
            remap: Vec::new(),
            github_token: None,
            extra_root_certificates: Vec::new(),
            resolve_overrides: HashMap::new(),
            check_fragments: false,
            progress: None,
            user_agent: concat!("l10nlint/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// What the online check concluded about one URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verdict {
    /// The URL answered with an accepted status without redirecting.
    Ok,
    /// The URL redirected to `final_url`, which answered with an accepted status.
    /// `permanent` is true when every hop was a 301 or 308, i.e. the link should be updated.
    Redirected { final_url: String, permanent: bool },
    /// The link is dead: 404, 410, another client error, a name that does not resolve,
    /// a refused connection, a redirect loop or too many redirects.
    Broken { status: Option<u16>, reason: String },
    /// The link could not be verified, which says nothing about whether it works: 401, 403,
    /// 429, 999, timeouts, TLS errors, 5xx after retries, or the deadline.
    Unverifiable { status: Option<u16>, reason: String },
    /// The page works but has no element whose id or name is `fragment`
    /// (only with [`OnlineOptions::check_fragments`]).
    FragmentMissing { fragment: String },
    /// Not checked: matched an exclude pattern, or its scheme is not http or https.
    Excluded,
    /// Not checked: the host is, or resolves to, a private address and
    /// [`OnlineOptions::allow_private`] is off.
    PrivateAddress { address: String },
}

impl Verdict {
    /// The broad class this verdict counts as in [`Stats`].
    pub fn outcome(&self) -> Outcome {
        match self {
            Verdict::Ok | Verdict::Redirected { .. } => Outcome::Ok,
            Verdict::Broken { .. } | Verdict::FragmentMissing { .. } => Outcome::Broken,
            Verdict::Unverifiable { .. } | Verdict::PrivateAddress { .. } => Outcome::Unverifiable,
            Verdict::Excluded => Outcome::Excluded,
        }
    }
}

/// The broad class of a [`Verdict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Ok,
    Broken,
    Unverifiable,
    Excluded,
}

/// Everything the online check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One verdict per distinct URL, keyed by the URL exactly as given.
    pub results: HashMap<String, Verdict>,
    pub stats: Stats,
    /// Problems that did not stop the check, such as an unreadable cache file.
    pub warnings: Vec<String>,
}

/// Counts and timing of one online check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct URLs as given, excluded ones included.
    pub urls: usize,
    /// Distinct pages after normalisation (fragment removed, case and default port
    /// normalised) among the URLs that were not excluded: each is requested at most once.
    pub unique: usize,
    /// Pages answered from the cache without a request.
    pub from_cache: usize,
    /// HTTP requests sent, counting every HEAD, GET, redirect hop and retry, including those
    /// whose connection failed, but not those stopped before by name resolution or the
    /// private-address guard.
    pub requests_sent: usize,
    /// URLs whose verdict is `Ok` or `Redirected`.
    pub ok: usize,
    /// URLs whose verdict is `Broken` or `FragmentMissing`.
    pub broken: usize,
    /// URLs whose verdict is `Unverifiable` or `PrivateAddress`.
    pub unverifiable: usize,
    /// URLs whose verdict is `Excluded`.
    pub excluded: usize,
    pub elapsed: Duration,
}

impl Stats {
    /// One line for the end of a run, e.g.
    /// `online: 500 URLs (20 from cache), 480 ok, 15 broken, 5 unverifiable, 523 requests in 1.8s`.
    pub fn summary_line(&self) -> String {
        let excluded = if self.excluded > 0 {
            format!(", {} excluded", self.excluded)
        } else {
            String::new()
        };
        format!(
            "online: {} ({} from cache), {} ok, {} broken, {} unverifiable{excluded}, {} in {:.1}s",
            plural(self.urls, "URL", "URLs"),
            self.from_cache,
            self.ok,
            self.broken,
            self.unverifiable,
            plural(self.requests_sent, "request", "requests"),
            self.elapsed.as_secs_f64()
        )
    }
}

/// Why the online check could not run at all. Problems with single URLs are verdicts instead.
#[derive(Debug)]
pub enum OnlineError {
    /// The HTTP client could not be built (e.g. no TLS backend).
    Client(reqwest::Error),
    /// The async runtime could not be started.
    Runtime(std::io::Error),
}

impl fmt::Display for OnlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnlineError::Client(error) => write!(f, "cannot build the HTTP client: {error}"),
            OnlineError::Runtime(error) => write!(f, "cannot start the async runtime: {error}"),
        }
    }
}

impl std::error::Error for OnlineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OnlineError::Client(error) => Some(error),
            OnlineError::Runtime(error) => Some(error),
        }
    }
}

/// Check every URL and return one verdict per distinct URL as given.
///
/// Blocks until done (or until [`OnlineOptions::deadline`]); it runs its own tokio runtime,
/// so it must not be called from inside an async context.
pub fn check(
    urls: impl IntoIterator<Item = String>,
    options: &OnlineOptions,
) -> Result<Report, OnlineError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(OnlineError::Runtime)?;
    let urls: Vec<String> = urls.into_iter().collect();
    runtime.block_on(run::run(urls, options))
}
