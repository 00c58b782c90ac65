//! A plural form for a category the locale does not have (`one` in Japanese): never shown.

use crate::rules::catalog_plurals::{PluralCheck, check_keyed, check_self_contained};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogPluralExtra)
}

struct CatalogPluralExtra;

impl Rule for CatalogPluralExtra {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(locale)) = (
            &context.page.document.catalog,
            context.page.file.locale.as_deref(),
        ) else {
            return;
        };
        for check in check_self_contained(catalog, locale) {
            report(context.page.path(), locale, &check, diagnostics);
        }
    }

    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(catalog), Some(locale)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
            context.translation.file.locale.as_deref(),
        ) else {
            return;
        };
        for check in check_keyed(catalog, locale, source) {
            report(context.translation.path(), locale, &check, diagnostics);
        }
    }
}

fn report(path: &str, locale: &str, check: &PluralCheck, diagnostics: &mut Vec<Diagnostic>) {
    for (category, span) in &check.extra {
        let (message, help) = if category.starts_with("msgstr[") {
            (
                format!(
                    "`{}` has {category}, beyond the `nplurals` of the `Plural-Forms` header",
                    check.group
                ),
                "remove it, or fix `nplurals` in the header".to_owned(),
            )
        } else {
            (
                format!(
                    "plural `{}` has a `{category}` form, but `{locale}` has no `{category}` category",
                    check.group
                ),
                "remove it: no number selects it in this language".to_owned(),
            )
        };
        diagnostics.push(
            Diagnostic::new(path, span.clone(), message)
                .label("never shown")
                .help(help),
        );
    }
}
