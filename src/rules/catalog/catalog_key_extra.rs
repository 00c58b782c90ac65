//! A key of a translated catalog that the source catalog does not have.

use crate::model::catalog::CatalogEntry;
use crate::rules::catalog_pairing::{CatalogPair, is_under, split_last};
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
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
        let mut groups_seen = std::collections::HashSet::new();
        for &entry in &pair.translation {
            if reported.iter().any(|above| is_under(&entry.path, above)) {
                continue;
            }
            // A plural form of a group the source has is the plural rules' to judge.
            let path = match &entry.plural {
                Some(form)
                    if pair.source_has_group(&form.group)
                        || pair.in_source(&form.group).is_some() =>
                {
                    continue;
                }
                Some(form) if pair.in_translation(&form.group).is_some() => continue,
                Some(form) => {
                    if !groups_seen.insert(form.group.as_str()) {
                        continue;
                    }
                    form.group.as_str()
                }
                None => entry.path.as_str(),
            };
            if path != entry.path {
                if pair.in_source(path).is_none() {
                    diagnostics.push(extra(context, &pair, path, entry.key_span.clone()));
                }
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
            diagnostics.push(extra(context, &pair, &entry.path, entry.key_span.clone()));
        }
    }
}

fn extra(context: &TranslationContext, pair: &CatalogPair, path: &str, span: Span) -> Diagnostic {
    // A sibling the translation lacks, spelt alike, is what the key was meant to be.
    let (parent, key) = split_last(path);
    let keys_of = |entry: &&CatalogEntry| {
        entry
            .plural
            .as_ref()
            .map_or(entry.path.clone(), |form| form.group.clone())
    };
    let candidates: Vec<String> = pair
        .source
        .iter()
        .map(keys_of)
        .filter(|candidate| {
            !pair.translation_has_group(candidate) && pair.in_translation(candidate).is_none()
        })
        .collect();
    let siblings = candidates
        .iter()
        .map(|candidate| split_last(candidate))
        .filter(|(candidate_parent, _)| *candidate_parent == parent)
        .map(|(_, candidate)| candidate);
    let help = match closest(key, siblings, Tolerance::Name) {
        Some(meant) => format!("did you mean `{meant}`? Keys are never translated"),
        None => "remove it, or add it to the source catalog first".to_owned(),
    };
    Diagnostic::new(
        context.translation.path(),
        span,
        format!("`{path}` is not a key of the source catalog"),
    )
    .label("unknown key")
    .help(help)
}
