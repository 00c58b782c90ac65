//! An entry of a source page's list of links that a translation's list lacks.

use crate::align::link_lists::{Finding, compare, source_lists};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ListEntryMissing)
}

struct ListEntryMissing;

impl Rule for ListEntryMissing {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source, context.translation);
        let lists = source_lists(source, &context.site.settings.lists);
        for comparison in compare(&lists, translation) {
            for finding in &comparison.findings {
                if let Finding::Unlinked { entry, item } = finding {
                    diagnostics.push(
                        Diagnostic::new(
                            translation.path(),
                            item.item_span.start..item.item_span.start,
                            format!(
                                "this item no longer links `{}`, which the source page's item does",
                                entry.label
                            ),
                        )
                        .label(format!("`{}` is missing from this item", entry.label))
                        .help(format!(
                            "link `{}` again, as the source page does",
                            entry.target
                        ))
                        .related(
                            source.path(),
                            entry.item_span.clone(),
                            format!("`{}` links `{}` here", source.path(), entry.label),
                        ),
                    );
                    continue;
                }
                let Finding::Missing {
                    entry,
                    at,
                    merged_into,
                } = finding
                else {
                    continue;
                };
                let host = &entry.label;
                let diagnostic = match merged_into {
                    None => Diagnostic::new(
                        translation.path(),
                        at.clone(),
                        format!("this list lacks `{host}`, which the source page lists"),
                    )
                    .label(format!("`{host}` belongs here"))
                    .help(format!(
                        "add an item linking to `{}`, with the source page's sentence translated",
                        entry.target
                    )),
                    Some((holder, _)) => Diagnostic::new(
                        translation.path(),
                        at.clone(),
                        format!(
                            "`{host}` has no item of its own: it is linked in the item of `{}`",
                            holder.label
                        ),
                    )
                    .label(format!("`{host}` is linked here"))
                    .help(format!(
                        "give `{host}` its own item, as the source page does"
                    )),
                };
                diagnostics.push(diagnostic.related(
                    source.path(),
                    entry.item_span.clone(),
                    format!("`{}` lists `{host}` here", source.path()),
                ));
            }
        }
    }
}
