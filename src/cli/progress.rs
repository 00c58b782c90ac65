//! The online check's progress bar: pages done out of pages to fetch, and the host last
//! contacted, drawn on stderr (only when it is a terminal).

use l10nlint::online::ProgressObserver;
use std::sync::OnceLock;

#[derive(Debug, Default)]
pub(crate) struct ProgressBar(OnceLock<indicatif::ProgressBar>);

impl ProgressObserver for ProgressBar {
    fn started(&self, total: usize) {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template("online {bar:30} {pos}/{len} {wide_msg}")
                .expect("the progress template is valid"),
        );
        // One check per run: a second start would keep the first bar.
        let _ = self.0.set(bar);
    }

    fn contacting(&self, host: &str) {
        if let Some(bar) = self.0.get() {
            bar.set_message(host.to_owned());
        }
    }

    fn page_done(&self) {
        if let Some(bar) = self.0.get() {
            bar.inc(1);
        }
    }

    /// Removes the bar, so that the report printed next starts on a clean line.
    fn finished(&self) {
        if let Some(bar) = self.0.get() {
            bar.finish_and_clear();
        }
    }
}
