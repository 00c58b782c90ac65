//! The verdict for one page: fetch it, decide what the answer means, and retry what may be
//! transient with backoff or as long as the server's `Retry-After` asks (within limits).

use super::Verdict;
use super::client::{FetchFailure, Fetched, HttpClient, is_github_host};
use super::fragments::Anchors;
use super::retry::{MAX_RETRY_AFTER, backoff};
use reqwest::{StatusCode, Url};
use std::ops::RangeInclusive;
use std::time::Duration;
use tokio::time::Instant;

/// What was learnt about one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PageCheck {
    pub verdict: Verdict,
    /// The page's anchors, when its body was fetched to check fragments and it is HTML.
    pub anchors: Option<Anchors>,
}

impl PageCheck {
    fn without_anchors(verdict: Verdict) -> Self {
        PageCheck {
            verdict,
            anchors: None,
        }
    }
}

/// Checks pages with one client and one retry policy.
#[derive(Debug)]
pub(super) struct Checker {
    pub client: HttpClient,
    pub accept: Vec<RangeInclusive<u16>>,
    pub max_retries: u32,
    pub retry_base: Duration,
    pub deadline: Option<Instant>,
}

/// How an answer is to be treated.
enum Assessment {
    Final(PageCheck),
    /// Worth another attempt; `verdict` stands if there is none.
    Transient {
        verdict: Verdict,
        retry_after: Option<Duration>,
        host: Option<String>,
    },
}

impl Checker {
    /// Check `page`, fetching its body when `want_body` (to look for fragments).
    pub(super) async fn check_page(&self, page: &Url, want_body: bool) -> PageCheck {
        let mut retry = 0;
        loop {
            let fetched = self.client.fetch(page, want_body).await;
            let (verdict, retry_after, host) = match self.assess(fetched) {
                Assessment::Final(check) => return check,
                Assessment::Transient {
                    verdict,
                    retry_after,
                    host,
                } => (verdict, retry_after, host),
            };
            if retry >= self.max_retries {
                return PageCheck::without_anchors(verdict);
            }
            // A long backoff (many retries configured) is capped like a long `Retry-After`.
            let wait = retry_after
                .unwrap_or_else(|| backoff(self.retry_base, retry))
                .min(MAX_RETRY_AFTER);
            let resume = Instant::now() + wait;
            // Waiting past the deadline would only turn a known answer into "deadline reached".
            if self.deadline.is_some_and(|deadline| resume >= deadline) {
                return PageCheck::without_anchors(verdict);
            }
            let waiting_host = host.as_deref().or(page.host_str()).unwrap_or_default();
            if !self.client.limits().reserve_retry_wait(waiting_host, wait) {
                return PageCheck::without_anchors(verdict);
            }
            if let Some(host) = host.filter(|_| retry_after.is_some()) {
                // The server asked for a pause: other pages on that host wait as well.
                self.client.limits().pause_host(&host, resume);
            }
            tokio::time::sleep_until(resume).await;
            retry += 1;
        }
    }

    fn assess(&self, fetched: Result<Fetched, FetchFailure>) -> Assessment {
        match fetched {
            Ok(fetched) => self.assess_status(fetched),
            Err(failure) => assess_failure(failure),
        }
    }

    fn assess_status(&self, fetched: Fetched) -> Assessment {
        let status = fetched.status;
        if self.accept.iter().any(|range| range.contains(&status)) {
            let verdict = if fetched.redirects == 0 {
                Verdict::Ok
            } else {
                Verdict::Redirected {
                    final_url: fetched.final_url.to_string(),
                    permanent: fetched.all_permanent,
                }
            };
            let github = fetched.final_url.host_str().is_some_and(is_github_host);
            let anchors = fetched.html.map(|html| Anchors::from_html(&html, github));
            return Assessment::Final(PageCheck { verdict, anchors });
        }
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|code| code.canonical_reason())
            .unwrap_or("unexpected status")
            .to_ascii_lowercase();
        let status_verdict = |broken: bool| {
            let (status, reason) = (Some(status), reason.clone());
            if broken {
                Verdict::Broken { status, reason }
            } else {
                Verdict::Unverifiable { status, reason }
            }
        };
        match status {
            408 | 429 | 500..=599 => Assessment::Transient {
                verdict: status_verdict(false),
                retry_after: fetched.retry_after.filter(|_| matches!(status, 429 | 503)),
                host: fetched.final_url.host_str().map(str::to_owned),
            },
            // Sites that hide their pages from bots (LinkedIn's 999) or require a login:
            // the link may well work for a reader.
            401 | 403 | 999 => {
                Assessment::Final(PageCheck::without_anchors(Verdict::Unverifiable {
                    status: Some(status),
                    reason: if status == 999 {
                        "refused to automated clients".to_owned()
                    } else {
                        reason
                    },
                }))
            }
            _ => Assessment::Final(PageCheck::without_anchors(status_verdict(true))),
        }
    }
}

fn assess_failure(failure: FetchFailure) -> Assessment {
    let broken = |reason: &str| Verdict::Broken {
        status: None,
        reason: reason.to_owned(),
    };
    let unverifiable = |reason: String| Verdict::Unverifiable {
        status: None,
        reason,
    };
    let transient = |verdict| Assessment::Transient {
        verdict,
        retry_after: None,
        host: None,
    };
    let final_check = |verdict| Assessment::Final(PageCheck::without_anchors(verdict));
    match failure {
        FetchFailure::Private(ip) => final_check(Verdict::PrivateAddress {
            address: ip.to_string(),
        }),
        FetchFailure::DnsNotFound => final_check(broken("DNS: name not found")),
        FetchFailure::DnsTemporary(message) => transient(unverifiable(format!("DNS: {message}"))),
        FetchFailure::Timeout => transient(unverifiable("timeout".to_owned())),
        FetchFailure::Refused => transient(broken("connection refused")),
        FetchFailure::Reset => transient(unverifiable("connection reset".to_owned())),
        FetchFailure::RedirectLoop => final_check(broken("redirect loop")),
        FetchFailure::TooManyRedirects => final_check(broken("too many redirects")),
        FetchFailure::BadRedirect(reason) => final_check(broken(&reason)),
        FetchFailure::Transport(message) => final_check(unverifiable(message)),
    }
}
