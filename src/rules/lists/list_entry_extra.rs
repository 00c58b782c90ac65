//! An entry in a translation's list of links that the source page's list does not have.

use crate::align::link_lists::{Finding, compare, source_lists};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ListEntryExtra)
}

struct ListEntryExtra;

impl Rule for ListEntryExtra {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source, context.translation);
        let lists = source_lists(source, &context.site.settings.lists);
        for comparison in compare(&lists, translation) {
            let source_list = &lists[comparison.source].list;
            for finding in &comparison.findings {
                let Finding::Extra { entry } = finding else {
                    continue;
                };
                diagnostics.push(
                    Diagnostic::new(
                        translation.path(),
                        entry.link_span.clone(),
                        format!("`{}` is not in the source page's list", entry.label),
                    )
                    .label(format!("not in `{}`", source.path()))
                    .help(
                        "remove the item, or add it to the source page first so that every \
                         language lists it",
                    )
                    .related(
                        source.path(),
                        source_list.span.clone(),
                        format!(
                            "`{}` has the list here, without `{}`",
                            source.path(),
                            entry.label
                        ),
                    ),
                );
            }
        }
    }
}
