//! The progress bar: pages done out of pages to fetch, and the host last contacted. Drawn on
//! stderr and only when asked, so nothing is ever printed when stderr is not a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar, or nothing when progress is off; cheap to clone and share between tasks.
#[derive(Debug, Clone)]
pub(super) struct Progress(Option<ProgressBar>);

impl Progress {
    pub(super) fn new(enabled: bool, total: usize) -> Self {
        if !enabled || total == 0 {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("online {bar:30} {pos}/{len} {wide_msg}")
                .expect("the progress template is valid"),
        );
        Progress(Some(bar))
    }

    pub(super) fn show_host(&self, host: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(host.to_owned());
        }
    }

    pub(super) fn page_done(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Remove the bar, so that the report printed next starts on a clean line.
    pub(super) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
