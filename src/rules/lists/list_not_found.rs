//! A list declared in `[[lists]]` that a source page or one of its translations lacks.

use crate::align::link_lists::{compare, source_lists, unmatched_declarations};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ListNotFound)
}

struct ListNotFound;

impl Rule for ListNotFound {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let corpus = context.site.corpus;
        if page.file.key.is_none() || page.file.locale.as_deref() != Some(&corpus.source_locale) {
            return;
        }
        let declared = &context.site.settings.lists;
        let lists = source_lists(page, declared);
        for declaration in unmatched_declarations(page, declared, &lists) {
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    0..0,
                    format!(
                        "no list on this page matches the `[[lists]]` declaration `{}`",
                        declaration.selectors()
                    ),
                )
                .help("correct the declaration in `l10nlint.toml`, or its `page` glob"),
            );
        }
    }

    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source, context.translation);
        let declared = &context.site.settings.lists;
        let lists = source_lists(source, declared);
        for comparison in compare(&lists, translation) {
            let list = &lists[comparison.source];
            let Some(declaration) = list.declared.map(|index| &declared[index]) else {
                continue;
            };
            if comparison.translation.is_some() {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    translation.path(),
                    0..0,
                    format!(
                        "this page lacks the source page's list declared with `{}`",
                        declaration.selectors()
                    ),
                )
                .help(format!(
                    "translate the list of `{}`, keeping every entry's link",
                    source.path()
                ))
                .related(
                    source.path(),
                    list.list.span.clone(),
                    format!("`{}` has the list here", source.path()),
                ),
            );
        }
    }
}
