//! What the online check tells while it runs, for whoever shows it: the command line draws a
//! progress bar; the library prints nothing.

use std::sync::Arc;

/// Receives the check's progress. Every method is optional.
pub trait ProgressObserver: Send + Sync + std::fmt::Debug {
    /// `total` pages are about to be fetched (none from the cache).
    fn started(&self, _total: usize) {}
    /// A request to `host` is about to be sent.
    fn contacting(&self, _host: &str) {}
    /// One page is checked.
    fn page_done(&self) {}
    /// Every page is checked, or the deadline passed.
    fn finished(&self) {}
}

/// The observer of one check, or none; cheap to clone and share between tasks.
#[derive(Debug, Clone, Default)]
pub(super) struct Progress(Option<Arc<dyn ProgressObserver>>);

impl Progress {
    pub(super) fn new(observer: Option<Arc<dyn ProgressObserver>>, total: usize) -> Self {
        let progress = Progress(observer.filter(|_| total > 0));
        if let Some(observer) = &progress.0 {
            observer.started(total);
        }
        progress
    }

    pub(super) fn show_host(&self, host: &str) {
        if let Some(observer) = &self.0 {
            observer.contacting(host);
        }
    }

    pub(super) fn page_done(&self) {
        if let Some(observer) = &self.0 {
            observer.page_done();
        }
    }

    pub(super) fn finish(&self) {
        if let Some(observer) = &self.0 {
            observer.finished();
        }
    }
}
