//! An external link or remote image whose host is, or resolves to, a private address.

use crate::online::Verdict;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, UrlPrivate)
}

struct UrlPrivate;

impl Rule for UrlPrivate {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(online) = context.site.online else {
            return;
        };
        for (occurrence, verdict) in online.verdicts() {
            let Verdict::PrivateAddress { address } = verdict else {
                continue;
            };
            diagnostics.push(
                Diagnostic::new(
                    &context.site.page(occurrence.page).file.path,
                    occurrence.span.clone(),
                    format!(
                        "{} `{}` points to the private address {address}, so it was not checked",
                        occurrence.kind.noun(),
                        occurrence.url
                    ),
                )
                .label("private address")
                .help("readers cannot reach private addresses: use a public one; to check a local server, pass `--allow-private`"),
            );
        }
    }
}
