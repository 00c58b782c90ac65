//! A source page with no translation in a locale that translates its neighbours.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, TranslationMissing)
}

struct TranslationMissing;

impl Rule for TranslationMissing {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let corpus = context.site.corpus;
        let file = context.page.file;
        let (Some(locale), Some(key)) = (file.locale.as_deref(), file.key.as_deref()) else {
            return;
        };
        if locale != corpus.source_locale {
            return;
        }
        let Some(index) = corpus.index_of(&file.path) else {
            return;
        };
        let missing: Vec<&str> = corpus
            .locales_of_layout(index)
            .into_iter()
            .filter(|other| *other != locale && corpus.find(other, key).is_none())
            .collect();
        if missing.is_empty() {
            return;
        }
        diagnostics.push(
            Diagnostic::new(
                &file.path,
                0..0,
                format!("this page has no translation in {}", quoted_list(&missing)),
            )
            .label("not translated")
            .help("translate the page, or accept that readers of these locales see it in the source language"),
        );
    }
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
