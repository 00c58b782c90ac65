//! A key written twice in the same mapping or object of a catalog: loaders keep only one of them.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogDuplicateKey)
}

struct CatalogDuplicateKey;

impl Rule for CatalogDuplicateKey {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(catalog) = &context.page.document.catalog else {
            return;
        };
        for duplicate in &catalog.duplicates {
            diagnostics.push(
                Diagnostic::new(
                    context.page.path(),
                    duplicate.duplicate_key_span.clone(),
                    format!(
                        "key `{}` appears a second time in the same mapping",
                        duplicate.path
                    ),
                )
                .label("duplicate key")
                .help("keep one of them: loaders silently use only one value")
                .related(
                    context.page.path(),
                    duplicate.first_key_span.clone(),
                    "first written here",
                ),
            );
        }
    }
}
