//! A message of the source Fluent file that the translation lacks.

use crate::rules::prelude::*;

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
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
        let mut reported = Vec::new();
        for entry in messages {
            let broken = translation
                .junk
                .iter()
                .any(|junk| junk.entry_id == Some((entry.id.clone(), false)));
            // A misspelt id is reported once, by `fluent-message-obsolete`, with this id as
            // its suggestion.
            let misspelt = translation.entries.iter().any(|written| {
                !written.is_term
                    && source.find(&written.id, false).is_none()
                    && crate::rules::suggest::closest(&written.id, [entry.id.as_str()]).is_some()
            });
            if translation.find(&entry.id, false).is_some()
                || broken
                || misspelt
                || reported.contains(&entry.id)
            {
                continue;
            }
            reported.push(entry.id.clone());
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
