//! A key of a translated catalog that the source catalog does not have.

use crate::rules::catalog_pairing::{CatalogPair, is_under, split_last};
use crate::rules::prelude::*;
use crate::rules::suggest::closest;

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
        let mut reported: Vec<&str> = Vec::new();
        for entry in &pair.translation {
            if reported.iter().any(|above| is_under(&entry.path, above)) {
                continue;
            }
            match pair.in_source(&entry.path) {
                Some(original) => {
                    if original.kind != entry.kind {
                        reported.push(&entry.path);
                    }
                    continue;
                }
                None => reported.push(&entry.path),
            }
            // A sibling the translation lacks, spelt alike, is what the key was meant to be.
            let (parent, key) = split_last(&entry.path);
            let siblings = pair
                .source
                .iter()
                .filter(|candidate| pair.in_translation(&candidate.path).is_none())
                .map(|candidate| split_last(&candidate.path))
                .filter(|(candidate_parent, _)| *candidate_parent == parent)
                .map(|(_, candidate)| candidate);
            let help = match closest(key, siblings) {
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
