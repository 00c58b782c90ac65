//! An external link whose page works but has no element with the link's `#fragment`.

use crate::online::Verdict;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, UrlFragmentMissing)
}

struct UrlFragmentMissing;

impl Rule for UrlFragmentMissing {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(online) = context.site.online else {
            return;
        };
        for (occurrence, verdict) in online.verdicts() {
            let Verdict::FragmentMissing { fragment } = verdict else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(
                &context.site.page(occurrence.page).file.path,
                occurrence.span.clone(),
                format!(
                    "the page of `{}` has no anchor `#{fragment}`",
                    occurrence.url
                ),
            )
            .label(format!("no `#{fragment}` there"));
            diagnostic = match online.working_counterpart(context.site, occurrence) {
                Some(counterpart) => {
                    let source = &context.site.page(counterpart.page).file.path;
                    diagnostic
                        .help(format!(
                            "anchors are not translated: use the source page's `{}`",
                            counterpart.url
                        ))
                        .related(
                            source,
                            counterpart.span.clone(),
                            format!("`{source}` has `{}` here, which works", counterpart.url),
                        )
                }
                None => diagnostic.help(format!(
                    "link to an anchor the page has, or drop `#{fragment}`"
                )),
            };
            diagnostics.push(diagnostic);
        }
    }
}
