//! A plural group that lacks forms its locale needs (Russian `few` and `many`, Arabic `two`).

use crate::rules::catalog_plurals::{PluralCheck, check_keyed, check_self_contained};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogPluralMissing)
}

struct CatalogPluralMissing;

impl Rule for CatalogPluralMissing {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(locale)) = (
            &context.page.document.catalog,
            context.page.file.locale.as_deref(),
        ) else {
            return;
        };
        for check in check_self_contained(catalog, locale) {
            report(context.page.path(), locale, &check, None, diagnostics);
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
            let related = source
                .entries
                .iter()
                .find(|entry| {
                    entry.path == check.group
                        || entry
                            .plural
                            .as_ref()
                            .is_some_and(|form| form.group == check.group)
                })
                .map(|entry| (context.source.path(), entry.key_span.clone()));
            report(
                context.translation.path(),
                locale,
                &check,
                related,
                diagnostics,
            );
        }
    }
}

fn report(
    path: &str,
    locale: &str,
    check: &PluralCheck,
    related: Option<(&str, Span)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if check.missing.is_empty() {
        return;
    }
    let forms = list(&check.missing);
    let noun = if check.missing.len() == 1 {
        "form"
    } else {
        "forms"
    };
    let mut diagnostic = Diagnostic::new(
        path,
        check.span.clone(),
        format!(
            "plural `{}` lacks the {forms} {noun} that `{locale}` needs",
            check.group
        ),
    )
    .label(format!("add {forms}"))
    .help(format!(
        "add {forms}: until then the numbers that select them show {}",
        check.fallback
    ));
    if let Some((source_path, span)) = related {
        diagnostic = diagnostic.related(
            source_path,
            span,
            format!("`{source_path}` has `{}` here", check.group),
        );
    }
    diagnostics.push(diagnostic);
}

/// `few` and `many`, `` `two`, `few` and `many` ``.
pub(super) fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
