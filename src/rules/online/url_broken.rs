//! An external link or remote image that is dead: 404, 410, a name that does not resolve, a
//! refused connection.

use crate::online::Verdict;
use crate::rules::prelude::*;
use crate::site::online::describe;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, UrlBroken)
}

struct UrlBroken;

impl Rule for UrlBroken {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(online) = context.site.online else {
            return;
        };
        for (occurrence, verdict) in online.verdicts() {
            let Verdict::Broken { status, reason } = verdict else {
                continue;
            };
            let problem = describe(*status, reason);
            let noun = occurrence.kind.noun();
            let path = &context.site.page(occurrence.page).file.path;
            let mut diagnostic = Diagnostic::new(
                path,
                occurrence.span.clone(),
                format!("{noun} `{}` is broken: {problem}", occurrence.url),
            )
            .label(problem);
            diagnostic = match online.working_counterpart(context.site, occurrence) {
                Some(counterpart) => {
                    let source = &context.site.page(counterpart.page).file.path;
                    diagnostic
                        .help(format!(
                            "the source page's {noun} works: use `{}`, or the address of its translation",
                            counterpart.url
                        ))
                        .related(
                            source,
                            counterpart.span.clone(),
                            format!("`{source}` has `{}` here, which works", counterpart.url),
                        )
                }
                None => diagnostic.help(format!(
                    "fix the address or remove the {noun}; if the page moved, use its new address"
                )),
            };
            diagnostics.push(diagnostic);
        }
    }
}
