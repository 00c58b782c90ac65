//! A message of the source Fluent file that the translation lacks.

use crate::rules::prelude::*;
use crate::suggest::{SuggestionIndex, Tolerance};
use std::collections::HashSet;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentMessageMissing)
}

struct FluentMessageMissing;

impl Rule for FluentMessageMissing {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.fluent,
            &context.translation.document.fluent,
        ) else {
            return;
        };
        // Terms are private to each locale: a translation needs only the terms it uses,
        // which `fluent-reference-unknown` checks.
        let messages = source.entries.iter().filter(|entry| !entry.is_term);
        let mut reported = HashSet::new();
        let broken: HashSet<&str> = translation
            .junk
            .iter()
            .filter_map(|junk| match &junk.entry_id {
                Some((id, false)) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        // The translation's messages the source lacks: a misspelt id among them is reported
        // once, by `fluent-message-obsolete`, with the source's id as its suggestion.
        let obsolete = SuggestionIndex::new(
            translation
                .entries
                .iter()
                .filter(|written| !written.is_term && source.find(&written.id, false).is_none())
                .map(|written| written.id.as_str()),
        );
        for entry in messages {
            if translation.find(&entry.id, false).is_some()
                || broken.contains(entry.id.as_str())
                || reported.contains(entry.id.as_str())
                || obsolete.closest(&entry.id, Tolerance::Name).is_some()
            {
                continue;
            }
            reported.insert(entry.id.as_str());
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    0..0,
                    format!("message `{}` is not translated in this file", entry.id),
                )
                .label(format!("`{}` is missing", entry.id))
                .help("translate the message; until then readers see the source's text (or the id)")
                .related(
                    context.source.path(),
                    entry.id_span.clone(),
                    format!("`{}` defines `{}` here", context.source.path(), entry.id),
                ),
            );
        }
    }
}
