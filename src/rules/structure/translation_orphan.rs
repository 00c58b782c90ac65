//! A translation whose source page no longer exists.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, TranslationOrphan)
}

struct TranslationOrphan;

impl Rule for TranslationOrphan {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let corpus = context.site.corpus;
        let Some(index) = corpus.index_of(context.page.path()) else {
            return;
        };
        if !corpus.is_translation(index) || corpus.source_of(index).is_some() {
            return;
        }
        // A layout whose source locale has no files at all is not a translation layout.
        let locales = corpus.locales_of_layout(index);
        if !locales.contains(corpus.source_locale.as_str()) {
            return;
        }
        diagnostics.push(
            Diagnostic::new(
                context.page.path(),
                0..0,
                format!(
                    "this translation has no source page in `{}`",
                    corpus.source_locale
                ),
            )
            .label("orphaned translation")
            .help("the source page was removed or renamed: delete this file, or move it to match the source's new name"),
        );
    }
}
