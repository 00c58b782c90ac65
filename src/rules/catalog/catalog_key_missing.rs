//! A key of the source catalog that the translated catalog lacks.

use crate::model::catalog::ValueKind;
use crate::rules::catalog_pairing::{CatalogPair, is_under_any, split_last};
use crate::rules::prelude::*;
use std::collections::{HashMap, HashSet};
use crate::suggest::{SuggestionIndex, Tolerance};

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogKeyMissing)
}

struct CatalogKeyMissing;

impl Rule for CatalogKeyMissing {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        // After a syntax error the rest of the file is unknown, not missing.
        if translation.error.is_some() {
            return;
        }
        let pair = CatalogPair::new(source, translation);
        let fallback_span = translation.locale_key().map_or(0..0, |(_, span)| span);
        // Below a missing key (or one of another kind) every key is missing: report the top one.
        let translation_only = pair.translation_only_keys();
        let mut reported: HashSet<&str> = HashSet::new();
        for entry in &pair.source {
            if is_under_any(&entry.path, &reported) {
                continue;
            }
            match pair.in_translation(&entry.path) {
                Some(written) => {
                    if written.kind != entry.kind {
                        reported.insert(&entry.path);
                    }
                    continue;
                }
                None => {
                    reported.insert(&entry.path);
                }
            }
            if is_misspelt(&translation_only, &entry.path) {
                continue;
            }
            let what = match entry.kind {
                ValueKind::Mapping => "section",
                ValueKind::List => "list",
                _ => "key",
            };
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    pair.translation_parent_span(&entry.path)
                        .unwrap_or_else(|| fallback_span.clone()),
                    format!("{what} `{}` of the source catalog is missing", entry.path),
                )
                .label(format!("`{}` belongs here", entry.path))
                .help("translate it; until then the site shows nothing where it is used")
                .related(
                    context.source.path(),
                    entry.key_span.clone(),
                    format!("`{}` has `{}` here", context.source.path(), entry.path),
                ),
            );
        }
    }
}

/// Whether the translation has the key under a misspelt name, which `catalog-key-extra`
/// reports with the right spelling: one mistake, one report.
fn is_misspelt(translation_only: &HashMap<&str, SuggestionIndex>, path: &str) -> bool {
    let (parent, key) = split_last(path);
    translation_only
        .get(parent)
        .is_some_and(|siblings| siblings.closest(key, Tolerance::Name).is_some())
}
