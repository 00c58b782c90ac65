//! An entry of a translation's list of links whose host is a near miss of the source's.

use crate::align::link_lists::{Finding, compare, source_lists};
use crate::rules::prelude::*;
use crate::site::host_typos::HostEdit;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ListEntryTypo)
}

struct ListEntryTypo;

impl Rule for ListEntryTypo {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source, context.translation);
        let lists = source_lists(source, &context.site.settings.lists);
        for comparison in compare(&lists, translation) {
            for finding in &comparison.findings {
                let Finding::Typo {
                    source: expected,
                    translation: written,
                } = finding
                else {
                    continue;
                };
                let edit = HostEdit::new(&written.host, &expected.host);
                diagnostics.push(
                    Diagnostic::new(
                        translation.path(),
                        written.host_span.clone(),
                        format!(
                            "`{}` should be `{}`, as in the source page's list",
                            written.host, expected.host
                        ),
                    )
                    .label(format!("`{}`: {}", edit.written, edit.description))
                    .help(format!(
                        "link to `{}`, the host the source page lists",
                        expected.host
                    ))
                    .related(
                        source.path(),
                        expected.host_span.clone(),
                        format!("`{}` has `{}` here", source.path(), expected.host),
                    ),
                );
            }
        }
    }
}
