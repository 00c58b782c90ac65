//! An external link or remote image whose server would not say whether it works: 401, 403,
//! 429, 999, timeouts, TLS errors, server errors after retries.

use crate::online::Verdict;
use crate::rules::prelude::*;
use crate::site::online::describe;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, UrlUnverifiable)
}

struct UrlUnverifiable;

impl Rule for UrlUnverifiable {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(online) = context.site.online else {
            return;
        };
        for (occurrence, verdict) in online.verdicts() {
            let Verdict::Unverifiable { status, reason } = verdict else {
                continue;
            };
            let problem = describe(*status, reason);
            diagnostics.push(
                Diagnostic::new(
                    &context.site.page(occurrence.page).file.path,
                    occurrence.span.clone(),
                    format!(
                        "cannot verify {} `{}`: {problem}",
                        occurrence.kind.noun(),
                        occurrence.url
                    ),
                )
                .label(problem)
                .help("open it in a browser; if it works, add its status to `accept` or the URL to `exclude` in `[online]`"),
            );
        }
    }
}
