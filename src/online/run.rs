//! One online check from start to end: select and deduplicate the URLs, answer what the cache
//! knows, fetch the rest concurrently, then give every URL as written its verdict.

use super::cache::Cache;
use super::checker::{Checker, PageCheck};
use super::client::HttpClient;
use super::limits::Limits;
use super::normalize::PageUrl;
use super::progress::Progress;
use super::selection::{Selection, select};
use super::{OnlineError, OnlineOptions, Outcome, Report, Stats, Verdict};
use reqwest::Url;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// A distinct page to check, shared by every URL that differs from it only in its fragment.
struct PageWork {
    url: Url,
    /// Some URL of this page has a fragment to look for, so its body is needed.
    want_body: bool,
}

pub(super) async fn run(urls: Vec<String>, options: &OnlineOptions) -> Result<Report, OnlineError> {
    let started = Instant::now();
    let mut report = Report::default();

    let mut pages: HashMap<String, PageWork> = HashMap::new();
    let mut checked: Vec<(String, PageUrl)> = Vec::new();
    let mut seen = HashSet::new();
    for url in urls {
        if !seen.insert(url.clone()) {
            continue;
        }
        match select(&url, options) {
            Selection::Excluded => {
                report.results.insert(url, Verdict::Excluded);
            }
            Selection::Invalid { reason } => {
                let verdict = Verdict::Broken {
                    status: None,
                    reason,
                };
                report.results.insert(url, verdict);
            }
            Selection::Check(page) => {
                let work = pages.entry(page.key().to_owned()).or_insert(PageWork {
                    url: page.page.clone(),
                    want_body: false,
                });
                work.want_body |= options.check_fragments && page.fragment.is_some();
                checked.push((url, page));
            }
        }
    }

    let mut cache = options.cache.as_deref().map(|path| {
        let (cache, warning) = Cache::load(path, options.cache_ttl);
        report.warnings.extend(warning);
        cache
    });
    let mut page_checks: HashMap<String, PageCheck> = HashMap::new();
    if let Some(cache) = &cache {
        // A cached verdict says nothing about anchors, so pages with fragments are fetched.
        for (key, _) in pages.iter().filter(|(_, work)| !work.want_body) {
            if let Some(verdict) = cache.get(key) {
                let check = PageCheck {
                    verdict: verdict.clone(),
                    anchors: None,
                };
                page_checks.insert(key.clone(), check);
            }
        }
    }
    let from_cache = page_checks.len();

    let to_fetch: Vec<(String, PageWork)> = pages
        .into_iter()
        .filter(|(key, _)| !page_checks.contains_key(key))
        .collect();
    let unique = from_cache + to_fetch.len();
    let progress = Progress::new(options.progress.clone(), to_fetch.len());
    let limits = Arc::new(
        Limits::new(
            options.max_concurrency,
            options.max_per_host,
            options.min_host_interval,
        )
        .with_retry_wait_per_host(options.max_retry_wait_per_host),
    );
    let client = HttpClient::new(options, limits, progress.clone()).map_err(OnlineError::Client)?;
    let checker = Arc::new(Checker {
        client,
        accept: options.accept.clone(),
        max_retries: options.max_retries,
        retry_base: options.retry_base,
        // A deadline too far to be represented is no deadline.
        deadline: started.checked_add(options.deadline),
    });
    let fetched = fetch_all(&checker, to_fetch, &progress).await;
    progress.finish();

    if let Some(cache) = &mut cache {
        for (key, check) in &fetched {
            cache.record(key, &check.verdict);
        }
        if let Err(error) = cache.save() {
            report
                .warnings
                .push(format!("cannot save the online cache: {error}"));
        }
    }
    page_checks.extend(fetched);

    for (url, page) in checked {
        let verdict = match page_checks.get(page.key()) {
            Some(check) => verdict_for(check, page.fragment.as_deref()),
            None => unreachable!("every selected page was answered from the cache or fetched"),
        };
        report.results.insert(url, verdict);
    }
    report.stats = stats(
        &report,
        unique,
        from_cache,
        checker.client.requests_sent(),
        started,
    );
    Ok(report)
}

/// Check every page concurrently (the limits decide how many are really in flight) and stop
/// waiting at the deadline.
async fn fetch_all(
    checker: &Arc<Checker>,
    pages: Vec<(String, PageWork)>,
    progress: &Progress,
) -> HashMap<String, PageCheck> {
    let mut tasks = JoinSet::new();
    for (key, work) in pages {
        let checker = Arc::clone(checker);
        tasks.spawn(async move {
            let checking = checker.check_page(&work.url, work.want_body);
            let check = match checker.deadline {
                Some(deadline) => tokio::time::timeout_at(deadline, checking)
                    .await
                    .unwrap_or_else(|_| deadline_reached()),
                None => checking.await,
            };
            (key, check)
        });
    }
    let mut checks = HashMap::new();
    while let Some(joined) = tasks.join_next().await {
        // Tasks are never cancelled, so an error is a panic, which belongs to the caller.
        let (key, check) =
            joined.unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
        progress.page_done();
        checks.insert(key, check);
    }
    checks
}

fn deadline_reached() -> PageCheck {
    PageCheck {
        verdict: Verdict::Unverifiable {
            status: None,
            reason: "deadline reached".to_owned(),
        },
        anchors: None,
    }
}

/// The verdict for one URL as written: the page's, unless the page works and its anchors,
/// when known, lack the URL's fragment.
fn verdict_for(check: &PageCheck, fragment: Option<&str>) -> Verdict {
    let page_works = matches!(check.verdict, Verdict::Ok | Verdict::Redirected { .. });
    match (fragment, &check.anchors) {
        (Some(fragment), Some(anchors)) if page_works && !anchors.contains(fragment) => {
            Verdict::FragmentMissing {
                fragment: fragment.to_owned(),
            }
        }
        _ => check.verdict.clone(),
    }
}

fn stats(
    report: &Report,
    unique: usize,
    from_cache: usize,
    requests_sent: usize,
    started: Instant,
) -> Stats {
    let count = |outcome| {
        report
            .results
            .values()
            .filter(|verdict| verdict.outcome() == outcome)
            .count()
    };
    Stats {
        urls: report.results.len(),
        unique,
        from_cache,
        requests_sent,
        ok: count(Outcome::Ok),
        broken: count(Outcome::Broken),
        unverifiable: count(Outcome::Unverifiable),
        excluded: count(Outcome::Excluded),
        elapsed: started.elapsed(),
    }
}
