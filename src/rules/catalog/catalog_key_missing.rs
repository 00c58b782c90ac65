//! A key of the source catalog that the translated catalog lacks.

use crate::model::catalog::{Catalog, CatalogEntry, CatalogFormat, ValueKind};
use crate::rules::catalog_pairing::{CatalogPair, is_under, split_last};
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
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
        let mut reported: Vec<&str> = Vec::new();
        let mut groups_seen = std::collections::HashSet::new();
        for &entry in &pair.source {
            if reported.iter().any(|above| is_under(&entry.path, above)) {
                continue;
            }
            // A plural form is judged with its group: the forms a locale needs are the
            // plural rules' business; a group the translation lacks entirely is missing once.
            if let Some(form) = &entry.plural {
                let has_container =
                    form.group != entry.path && pair.in_source(&form.group).is_some();
                if has_container || !groups_seen.insert(&form.group) {
                    continue;
                }
                if pair.translation_has_group(&form.group) || is_misspelt(&pair, &form.group) {
                    continue;
                }
                let what = if is_plural_group(source, &form.group) {
                    "plural"
                } else {
                    "key"
                };
                diagnostics.push(missing(
                    context,
                    &pair,
                    &form.group,
                    what,
                    entry,
                    &fallback_span,
                ));
                continue;
            }
            match pair.in_translation(&entry.path) {
                Some(written) => {
                    if written.kind != entry.kind {
                        reported.push(&entry.path);
                    }
                    continue;
                }
                None => reported.push(&entry.path),
            }
            if is_misspelt(&pair, &entry.path) {
                continue;
            }
            let what = match entry.kind {
                _ if is_plural_group(source, &entry.path) => "plural",
                _ if pair.source_has_group(&entry.path) => "key",
                ValueKind::Mapping => "section",
                ValueKind::List => "list",
                _ => "key",
            };
            diagnostics.push(missing(
                context,
                &pair,
                &entry.path,
                what,
                entry,
                &fallback_span,
            ));
        }
    }
}

fn missing(
    context: &TranslationContext,
    pair: &CatalogPair,
    path: &str,
    what: &str,
    entry: &CatalogEntry,
    fallback_span: &Span,
) -> Diagnostic {
    let help = match context
        .source
        .document
        .catalog
        .as_ref()
        .map(|catalog| catalog.format)
    {
        Some(CatalogFormat::JekyllData) => {
            "translate it; until then the site shows nothing where it is used"
        }
        Some(CatalogFormat::Gettext) => "translate it",
        _ => {
            "translate it; until then the source language's text is shown, if the app falls back to it"
        }
    };
    Diagnostic::new(
        context.translation.path(),
        pair.translation_parent_span(path)
            .unwrap_or_else(|| fallback_span.clone()),
        format!("{what} `{path}` of the source catalog is missing"),
    )
    .label(format!("`{path}` belongs here"))
    .help(help)
    .related(
        context.source.path(),
        entry.key_span.clone(),
        format!("`{}` has `{path}` here", context.source.path()),
    )
}

/// Whether the translation has the key under a misspelt name, which `catalog-key-extra`
/// reports with the right spelling: one mistake, one report.
fn is_misspelt(pair: &CatalogPair, path: &str) -> bool {
    let (parent, key) = split_last(path);
    pair.translation
        .iter()
        .filter(|candidate| candidate.plural.is_none() && pair.in_source(&candidate.path).is_none())
        .map(|candidate| split_last(&candidate.path))
        .filter(|(candidate_parent, _)| *candidate_parent == parent)
        .any(|(_, sibling)| closest(sibling, [key], Tolerance::Name).is_some())
}

/// Whether the source's group has a form other than `other` (go-i18n's `other` alone is a
/// plain string).
fn is_plural_group(source: &Catalog, group: &str) -> bool {
    source.plural_group(group).any(|entry| {
        entry
            .plural
            .as_ref()
            .is_some_and(|form| form.category != "other")
    })
}
