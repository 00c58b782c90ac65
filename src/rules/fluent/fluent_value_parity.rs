//! A message with a value in the source and none in the translation, or the reverse.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentValueParity)
}

struct FluentValueParity;

impl Rule for FluentValueParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.fluent,
            &context.translation.document.fluent,
        ) else {
            return;
        };
        for entry in translation.entries.iter().filter(|entry| !entry.is_term) {
            let Some(original) = source.find(&entry.id, false) else {
                continue;
            };
            let source_path = context.source.path();
            let finding = match (&original.value, &entry.value) {
                (Some(value), None) => Some((
                    entry.id_span.clone(),
                    format!(
                        "message `{}` has no value, but the source's has one",
                        entry.id
                    ),
                    "add the translated value after `=`: the application shows it",
                    value.span.clone(),
                    format!("`{source_path}` has a value here"),
                )),
                (None, Some(value)) => Some((
                    value.span.clone(),
                    format!(
                        "message `{}` has a value, but the source's has only attributes",
                        entry.id
                    ),
                    "remove the value: the application only reads the attributes",
                    original.id_span.clone(),
                    format!("`{source_path}` has no value here"),
                )),
                _ => None,
            };
            if let Some((span, message, help, related_span, related_label)) = finding {
                diagnostics.push(
                    Diagnostic::new(context.translation.path(), span, message)
                        .help(help)
                        .related(source_path, related_span, related_label),
                );
            }
        }
    }
}
