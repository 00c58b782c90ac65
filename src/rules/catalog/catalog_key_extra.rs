//! A key of a translated catalog that the source catalog does not have.

use crate::rules::catalog_pairing::{CatalogPair, is_under_any, split_last};
use crate::rules::prelude::*;
use std::collections::HashSet;
use crate::suggest::Tolerance;

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogKeyExtra)
}

struct CatalogKeyExtra;

impl Rule for CatalogKeyExtra {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        // Keys after a syntax error are unknown; the syntax error is reported on its own.
        if source.error.is_some() || translation.error.is_some() {
            return;
        }
        let pair = CatalogPair::new(source, translation);
        let source_only = pair.source_only_keys();
        let mut reported: HashSet<&str> = HashSet::new();
        for entry in &pair.translation {
            if is_under_any(&entry.path, &reported) {
                continue;
            }
            match pair.in_source(&entry.path) {
                Some(original) => {
                    if original.kind != entry.kind {
                        reported.insert(&entry.path);
                    }
                    continue;
                }
                None => {
                    reported.insert(&entry.path);
                }
            }
            // A sibling the translation lacks, spelt alike, is what the key was meant to be.
            let (parent, key) = split_last(&entry.path);
            let meant = source_only
                .get(parent)
                .and_then(|siblings| siblings.closest(key, Tolerance::Name));
            let help = match meant {
                Some(meant) => format!("did you mean `{meant}`? Keys are never translated"),
                None => "remove it, or add it to the source catalog first".to_owned(),
            };
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    entry.key_span.clone(),
                    format!("`{}` is not a key of the source catalog", entry.path),
                )
                .label("unknown key")
                .help(help),
            );
        }
    }
}
