//! Politeness: a cap on requests in flight overall and per host, a minimum interval between
//! request starts to one host, and host-wide pauses when a host says `Retry-After`. And
//! patience: a cap on the time spent waiting to retry one host, so that a host that keeps
//! answering 429 or 503 costs a bounded wait, not one per URL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Shared by every request of one check.
#[derive(Debug)]
pub(super) struct Limits {
    global: Arc<Semaphore>,
    per_host: usize,
    min_host_interval: Duration,
    retry_wait_per_host: Duration,
    hosts: Mutex<HashMap<String, Arc<HostGate>>>,
}

/// The state of one host.
#[derive(Debug)]
struct HostGate {
    in_flight: Arc<Semaphore>,
    /// The earliest time the next request to this host may start.
    next_start: Mutex<Instant>,
    /// Time already spent (or promised) waiting to retry this host.
    retry_waited: Mutex<Duration>,
}

/// Held while a request is in flight; dropping it frees both slots.
#[derive(Debug)]
pub(super) struct RequestPermit {
    _host: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
}

impl Limits {
    /// Zero limits would deadlock, so they count as one.
    pub(super) fn new(
        max_concurrency: usize,
        max_per_host: usize,
        min_host_interval: Duration,
    ) -> Self {
        Limits {
            global: Arc::new(Semaphore::new(max_concurrency.max(1))),
            per_host: max_per_host.max(1),
            min_host_interval,
            retry_wait_per_host: Duration::MAX,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Caps the time spent waiting to retry one host over the whole check.
    pub(super) fn with_retry_wait_per_host(mut self, cap: Duration) -> Self {
        self.retry_wait_per_host = cap;
        self
    }

    /// Takes `wait` from `host`'s retry allowance; false (and nothing taken) when the
    /// allowance cannot cover it, in which case the request is not retried.
    pub(super) fn reserve_retry_wait(&self, host: &str, wait: Duration) -> bool {
        let gate = self.gate(host);
        let mut waited = lock(&gate.retry_waited);
        match waited.checked_add(wait) {
            Some(total) if total <= self.retry_wait_per_host => {
                *waited = total;
                true
            }
            _ => false,
        }
    }

    /// Wait until a request to `host` may start. The host slot is taken before the global
    /// one, so requests queued behind a slow or paused host do not hold global slots that
    /// other hosts could use.
    pub(super) async fn acquire(&self, host: &str) -> RequestPermit {
        let gate = self.gate(host);
        let host_permit = Arc::clone(&gate.in_flight)
            .acquire_owned()
            .await
            .expect("the per-host semaphore is never closed");
        let start = {
            let mut next_start = lock(&gate.next_start);
            let start = (*next_start).max(Instant::now());
            *next_start = start + self.min_host_interval;
            start
        };
        tokio::time::sleep_until(start).await;
        let global_permit = Arc::clone(&self.global)
            .acquire_owned()
            .await
            .expect("the global semaphore is never closed");
        RequestPermit {
            _host: host_permit,
            _global: global_permit,
        }
    }

    /// Start no request to `host` before `until` (a server said `Retry-After`).
    pub(super) fn pause_host(&self, host: &str, until: Instant) {
        let gate = self.gate(host);
        let mut next_start = lock(&gate.next_start);
        *next_start = (*next_start).max(until);
    }

    fn gate(&self, host: &str) -> Arc<HostGate> {
        let mut hosts = lock(&self.hosts);
        let gate = hosts.entry(host.to_owned()).or_insert_with(|| {
            Arc::new(HostGate {
                in_flight: Arc::new(Semaphore::new(self.per_host)),
                next_start: Mutex::new(Instant::now()),
                retry_waited: Mutex::new(Duration::ZERO),
            })
        });
        Arc::clone(gate)
    }
}

/// The guarded data stays consistent even if a holder panicked (each critical section is a
/// single assignment), so a poisoned lock is still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP: Duration = Duration::from_millis(40);

    #[tokio::test]
    async fn min_interval_spaces_request_starts_to_one_host() {
        let limits = Limits::new(8, 8, STEP);
        let begin = Instant::now();
        let _first = limits.acquire("a.example").await;
        let _second = limits.acquire("a.example").await;
        let _third = limits.acquire("a.example").await;
        assert!(begin.elapsed() >= 2 * STEP);
        let before_other = Instant::now();
        let _other_host = limits.acquire("b.example").await;
        assert!(before_other.elapsed() < STEP);
    }

    #[tokio::test]
    async fn pause_delays_only_that_host() {
        let limits = Limits::new(8, 8, Duration::ZERO);
        let begin = Instant::now();
        limits.pause_host("a.example", begin + 2 * STEP);
        let _other_host = limits.acquire("b.example").await;
        assert!(begin.elapsed() < STEP);
        let _paused = limits.acquire("a.example").await;
        assert!(begin.elapsed() >= 2 * STEP);
    }

    #[test]
    fn retry_waits_are_capped_per_host() {
        let limits = Limits::new(8, 8, Duration::ZERO).with_retry_wait_per_host(3 * STEP);
        assert!(limits.reserve_retry_wait("a.example", 2 * STEP));
        assert!(!limits.reserve_retry_wait("a.example", 2 * STEP));
        assert!(limits.reserve_retry_wait("a.example", STEP));
        assert!(!limits.reserve_retry_wait("a.example", STEP));
        assert!(limits.reserve_retry_wait("b.example", 3 * STEP));
    }

    #[tokio::test]
    async fn per_host_limit_caps_requests_in_flight() {
        let limits = Limits::new(8, 2, Duration::ZERO);
        let _first = limits.acquire("a.example").await;
        let _second = limits.acquire("a.example").await;
        let third = tokio::time::timeout(STEP, limits.acquire("a.example"));
        assert!(third.await.is_err(), "a third request must wait");
        let _other_host = limits.acquire("b.example").await;
    }
}
