//! A translation's list of links whose entries follow another order than the source's.

use crate::align::link_lists::{Finding, compare, source_lists};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ListOrder)
}

struct ListOrder;

impl Rule for ListOrder {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source, context.translation);
        let lists = source_lists(source, &context.site.settings.lists);
        for comparison in compare(&lists, translation) {
            for finding in &comparison.findings {
                let Finding::Moved {
                    source: expected,
                    translation: written,
                    after,
                } = finding
                else {
                    continue;
                };
                let (message, label) = match after {
                    Some(previous) => (
                        format!(
                            "`{}` is out of order: the source page lists it right after `{}`",
                            written.label, previous.label
                        ),
                        format!("expected after `{}`", previous.label),
                    ),
                    None => (
                        format!(
                            "`{}` is out of order: the source page lists it first",
                            written.label
                        ),
                        "expected first".to_owned(),
                    ),
                };
                diagnostics.push(
                    Diagnostic::new(translation.path(), written.link_span.clone(), message)
                        .label(label)
                        .help("move the item so that the entries follow the source page's order")
                        .related(
                            source.path(),
                            expected.item_span.clone(),
                            format!("`{}` lists `{}` here", source.path(), expected.label),
                        ),
                );
            }
        }
    }
}
