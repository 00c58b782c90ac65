//! The top-level key of a catalog (`de:` in `de.yml`) that does not name the file's locale.

use crate::discover::locale::{is_locale_code, same_locale};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogLocaleKey)
}

struct CatalogLocaleKey;

impl Rule for CatalogLocaleKey {
    /// A locale key that names another locale: usually a copy of the source left unchanged.
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(locale)) = (
            &context.page.document.catalog,
            context.page.file.locale.as_deref(),
        ) else {
            return;
        };
        let Some((key, span)) = catalog.locale_key() else {
            return;
        };
        if is_locale_code(key) && !same_locale(key, locale) {
            diagnostics.push(
                Diagnostic::new(
                    context.page.path(),
                    span,
                    format!("top-level key `{key}` does not match the file's locale `{locale}`"),
                )
                .label(format!("expected `{locale}`"))
                .help(format!(
                    "rename the key to `{locale}`: the site looks the strings up under it"
                )),
            );
        }
    }

    /// A translation without the locale key that the source wraps its strings in.
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        let (Some(source_locale), Some(locale)) = (
            context.source.file.locale.as_deref(),
            context.translation.file.locale.as_deref(),
        ) else {
            return;
        };
        let Some((source_key, source_span)) = source.locale_key() else {
            return;
        };
        if source.format != translation.format {
            return;
        }
        let wrapped_by_convention = same_locale(source_key, source_locale);
        let has_locale_key = translation
            .locale_key()
            .is_some_and(|(key, _)| is_locale_code(key));
        if !wrapped_by_convention || has_locale_key || translation.is_empty {
            return;
        }
        let span = translation.locale_key().map_or(0..0, |(_, span)| span);
        diagnostics.push(
            Diagnostic::new(
                context.translation.path(),
                span,
                format!("the strings are not under a top-level `{locale}:` key, as the source's are under `{source_key}:`"),
            )
            .label(format!("expected `{locale}:`"))
            .help(format!("put every key under `{locale}:`, as in the source"))
            .related(
                context.source.path(),
                source_span,
                format!("`{}` has `{source_key}:` here", context.source.path()),
            ),
        );
    }
}
