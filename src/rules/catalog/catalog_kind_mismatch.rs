//! A key whose translated value is of another kind than the source's (a mapping for a string).

use crate::model::catalog::ValueKind;
use crate::rules::catalog_pairing::{CatalogPair, describe, is_under};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogKindMismatch)
}

struct CatalogKindMismatch;

impl Rule for CatalogKindMismatch {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        // A value cut short by a syntax error is not what the author wrote.
        if source.error.is_some() || translation.error.is_some() {
            return;
        }
        let pair = CatalogPair::new(source, translation);
        let mut reported: Vec<&str> = Vec::new();
        for &entry in &pair.source {
            if reported.iter().any(|above| is_under(&entry.path, above)) {
                continue;
            }
            let Some(written) = pair.in_translation(&entry.path) else {
                continue;
            };
            if written.kind == entry.kind
                || !CatalogPair::comparable_kinds(entry.kind, written.kind)
                || pair.is_plural(entry)
                || pair.is_plural(written)
            {
                continue;
            }
            reported.push(&entry.path);
            let (span, message, help) = if written.kind == ValueKind::Null {
                (
                    written.key_span.clone(),
                    format!(
                        "`{}` has no value, but the source's is {}",
                        entry.path,
                        describe(entry.kind)
                    ),
                    "write the translation after the colon, or remove the key to show nothing"
                        .to_owned(),
                )
            } else {
                (
                    written.value_span.clone(),
                    format!(
                        "`{}` is {} here, but {} in the source",
                        entry.path,
                        describe(written.kind),
                        describe(entry.kind)
                    ),
                    format!("write {} as in the source", describe(entry.kind)),
                )
            };
            diagnostics.push(
                Diagnostic::new(context.translation.path(), span, message)
                    .label(format!("expected {}", describe(entry.kind)))
                    .help(help)
                    .related(
                        context.source.path(),
                        entry.key_span.clone(),
                        format!("`{}` has `{}` here", context.source.path(), entry.path),
                    ),
            );
        }
    }
}
