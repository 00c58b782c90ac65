//! Fetching one page: the shared HTTP client, HEAD with a GET fallback, and redirects followed
//! by hand so that hops are counted, loops caught, each target checked by the private-address
//! guard, and permanence known.

use super::OnlineOptions;
use super::limits::Limits;
use super::progress::Progress;
use super::retry::parse_retry_after;
use super::safety::{GuardedResolver, ResolveFailure, private_literal};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION, RETRY_AFTER};
use reqwest::{Client, Method, Response, Url};
use std::collections::HashSet;
use std::error::Error as _;
use std::io;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// Statuses after which a HEAD is repeated as GET: servers that do not implement HEAD, or
/// that treat it as suspicious, answer these although the page exists.
const HEAD_FALLBACK_STATUSES: [u16; 4] = [400, 403, 405, 501];

/// A page body larger than this is cut off: anchors are near enough to the top, and a link
/// to a huge file must not exhaust memory.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Whether a request to `url` carries the GitHub token: only over HTTPS, and only to GitHub's
/// own hosts. Over plain HTTP anyone on the path reads it, and any other host would be handed
/// it. Each redirect hop is a new request asked again, so a redirect to another host (or
/// down to `http:`) never forwards the token.
pub fn sends_github_token(url: &Url) -> bool {
    url.scheme() == "https" && url.host_str().is_some_and(is_github_host)
}

/// Whether `host` is one of GitHub's own hosts.
pub fn is_github_host(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    ["github.com", "api.github.com", "raw.githubusercontent.com"]
        .iter()
        .any(|github| host.eq_ignore_ascii_case(github))
}

/// The answer at the end of the redirect chain.
#[derive(Debug)]
pub(super) struct Fetched {
    pub status: u16,
    pub final_url: Url,
    pub redirects: usize,
    /// Every hop was 301 or 308 (vacuously true without redirects).
    pub all_permanent: bool,
    pub retry_after: Option<Duration>,
    /// The HTML of a successful page, when a body was asked for.
    pub html: Option<String>,
}

/// Why no final answer was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FetchFailure {
    /// The host is, or resolves only to, a private address.
    Private(IpAddr),
    DnsNotFound,
    DnsTemporary(String),
    Timeout,
    Refused,
    /// The connection was reset or closed before a complete answer.
    Reset,
    RedirectLoop,
    TooManyRedirects,
    /// A redirect whose `Location` is invalid or not http(s).
    BadRedirect(String),
    /// Any other transport failure, such as a TLS error.
    Transport(String),
}

/// The one HTTP client of a check, with its limits and request counter.
#[derive(Debug)]
pub(super) struct HttpClient {
    client: Client,
    limits: Arc<Limits>,
    progress: Progress,
    github_token: Option<String>,
    allow_private: bool,
    max_redirects: usize,
    requests_sent: AtomicUsize,
}

impl HttpClient {
    pub(super) fn new(
        options: &OnlineOptions,
        limits: Arc<Limits>,
        progress: Progress,
    ) -> reqwest::Result<Self> {
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        let mut builder = Client::builder().use_rustls_tls();
        for pem in &options.extra_root_certificates {
            builder = builder.add_root_certificate(reqwest::Certificate::from_pem(pem)?);
        }
        let client = builder
            .redirect(reqwest::redirect::Policy::none())
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .user_agent(options.user_agent.as_str())
            .default_headers(headers)
            // A proxy would resolve names itself, bypassing the private-address guard.
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver {
                allow_private: options.allow_private,
                overrides: Arc::new(
                    options
                        .resolve_overrides
                        .iter()
                        .map(|(name, addresses)| (name.to_ascii_lowercase(), addresses.clone()))
                        .collect(),
                ),
            }))
            .build()?;
        Ok(HttpClient {
            client,
            limits,
            progress,
            github_token: options.github_token.clone(),
            allow_private: options.allow_private,
            max_redirects: options.max_redirects,
            requests_sent: AtomicUsize::new(0),
        })
    }

    pub(super) fn limits(&self) -> &Limits {
        &self.limits
    }

    pub(super) fn requests_sent(&self) -> usize {
        self.requests_sent.load(Ordering::Relaxed)
    }

    /// Fetch `page`: HEAD first, GET when HEAD is refused, or GET directly when the body is
    /// needed to look for fragments.
    pub(super) async fn fetch(&self, page: &Url, want_body: bool) -> Result<Fetched, FetchFailure> {
        if !want_body {
            match self.follow(page, Method::HEAD, false).await {
                Ok(fetched) if HEAD_FALLBACK_STATUSES.contains(&fetched.status) => {}
                Err(FetchFailure::Reset) => {}
                done => return done,
            }
        }
        self.follow(page, Method::GET, want_body).await
    }

    /// Send `method` to `start` and follow redirects to the final answer.
    async fn follow(
        &self,
        start: &Url,
        method: Method,
        want_body: bool,
    ) -> Result<Fetched, FetchFailure> {
        let mut current = start.clone();
        let mut visited = HashSet::from([current.as_str().to_owned()]);
        let mut redirects = 0;
        let mut all_permanent = true;
        loop {
            let (response, _permit) = self.send(method.clone(), &current).await?;
            let status = response.status().as_u16();
            if let Some(next) = redirect_target(&response, &current)? {
                redirects += 1;
                all_permanent &= matches!(status, 301 | 308);
                if redirects > self.max_redirects {
                    return Err(FetchFailure::TooManyRedirects);
                }
                if !visited.insert(next.as_str().to_owned()) {
                    return Err(FetchFailure::RedirectLoop);
                }
                current = next;
                continue;
            }
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| parse_retry_after(value, SystemTime::now()));
            let html = if want_body && response.status().is_success() && is_html(&response) {
                Some(read_body(response).await?)
            } else {
                None
            };
            return Ok(Fetched {
                status,
                final_url: current,
                redirects,
                all_permanent,
                retry_after,
                html,
            });
        }
    }

    /// Send one request within the limits. The permit is returned with the response so that
    /// reading the body still counts as in flight.
    async fn send(
        &self,
        method: Method,
        url: &Url,
    ) -> Result<(Response, super::limits::RequestPermit), FetchFailure> {
        if let Some(ip) = private_literal(url).filter(|_| !self.allow_private) {
            return Err(FetchFailure::Private(ip));
        }
        let host = url.host_str().unwrap_or_default();
        let permit = self.limits.acquire(host).await;
        self.progress.show_host(host);
        let mut request = self.client.request(method, url.clone());
        if let Some(token) = self
            .github_token
            .as_ref()
            .filter(|_| sends_github_token(url))
        {
            request = request.bearer_auth(token);
        }
        let sent = request.send().await.map_err(|error| classify(&error));
        // A request stopped by name resolution (or by the guard in the resolver) never left
        // the machine, so it does not count as sent.
        let resolved = !matches!(
            sent,
            Err(FetchFailure::DnsNotFound
                | FetchFailure::DnsTemporary(_)
                | FetchFailure::Private(_))
        );
        if resolved {
            self.requests_sent.fetch_add(1, Ordering::Relaxed);
        }
        Ok((sent?, permit))
    }
}

/// The next URL if `response` is a redirect to follow. 3xx answers without `Location`
/// (300, 304) are final answers, not redirects.
fn redirect_target(response: &Response, current: &Url) -> Result<Option<Url>, FetchFailure> {
    if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = response.headers().get(LOCATION) else {
        return Ok(None);
    };
    let location = location
        .to_str()
        .map_err(|_| FetchFailure::BadRedirect("redirect to a non-ASCII Location".to_owned()))?;
    let mut next = current.join(location).map_err(|error| {
        FetchFailure::BadRedirect(format!("redirect to invalid URL {location:?}: {error}"))
    })?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(FetchFailure::BadRedirect(format!(
            "redirect to non-HTTP URL {next}"
        )));
    }
    next.set_fragment(None);
    Ok(Some(next))
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_none_or(|value| value.to_ascii_lowercase().contains("html"))
}

async fn read_body(mut response: Response) -> Result<String, FetchFailure> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|error| classify(&error))? {
        body.extend_from_slice(&chunk);
        if body.len() >= MAX_BODY_BYTES {
            body.truncate(MAX_BODY_BYTES);
            break;
        }
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// Turn a reqwest error into what the checker needs to decide: final or worth a retry.
fn classify(error: &reqwest::Error) -> FetchFailure {
    if let Some(failure) = find_source::<ResolveFailure>(error) {
        return match failure {
            ResolveFailure::NotFound => FetchFailure::DnsNotFound,
            ResolveFailure::Temporary(message) => FetchFailure::DnsTemporary(message.clone()),
            ResolveFailure::Private(ip) => FetchFailure::Private(*ip),
        };
    }
    if error.is_timeout() {
        return FetchFailure::Timeout;
    }
    if let Some(io_error) = find_source::<io::Error>(error) {
        match io_error.kind() {
            io::ErrorKind::ConnectionRefused => return FetchFailure::Refused,
            io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof => return FetchFailure::Reset,
            io::ErrorKind::TimedOut => return FetchFailure::Timeout,
            _ => {}
        }
    }
    let message = describe(error);
    // hyper reports a connection closed mid-answer only in its message.
    if message.contains("connection closed before message completed") {
        FetchFailure::Reset
    } else {
        FetchFailure::Transport(message)
    }
}

fn find_source<'a, T: std::error::Error + 'static>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(found) = error.downcast_ref::<T>() {
            return Some(found);
        }
        current = error.source();
    }
    None
}

/// The causes of an error without reqwest's "error sending request for url (…)" preamble,
/// which repeats the URL the report already shows.
fn describe(error: &reqwest::Error) -> String {
    let mut causes = Vec::new();
    let mut current = error.source();
    while let Some(cause) = current {
        causes.push(cause.to_string());
        current = cause.source();
    }
    if causes.is_empty() {
        error.to_string()
    } else {
        causes.join(": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_goes_only_over_https_to_github() {
        let url = |text: &str| Url::parse(text).unwrap();
        assert!(sends_github_token(&url("https://github.com/a/b")));
        assert!(sends_github_token(&url(
            "https://raw.githubusercontent.com/a/b/c"
        )));
        assert!(!sends_github_token(&url("http://github.com/a/b")));
        assert!(!sends_github_token(&url(
            "http://raw.githubusercontent.com/a/b/c"
        )));
        assert!(!sends_github_token(&url(
            "https://github.com.evil.example/"
        )));
        assert!(!sends_github_token(&url("https://example.com/github.com")));
    }

    #[test]
    fn github_hosts_get_the_token_and_others_do_not() {
        assert!(is_github_host("github.com"));
        assert!(is_github_host("API.GitHub.com"));
        assert!(is_github_host("raw.githubusercontent.com"));
        assert!(is_github_host("github.com."));
        assert!(!is_github_host("gist.github.com.evil.example"));
        assert!(!is_github_host("notgithub.com"));
        assert!(!is_github_host("github.io"));
        assert!(!is_github_host("127.0.0.1"));
    }
}
