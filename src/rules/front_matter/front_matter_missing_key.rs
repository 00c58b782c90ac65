//! A front matter key of the source page that the translation lacks.

use crate::rules::key_pairing::{is_replaced, renamed_keys};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterMissingKey)
}

struct FrontMatterMissingKey;

impl Rule for FrontMatterMissingKey {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some((source, translation)) = context.front_matters() else {
            return;
        };
        let renamed = renamed_keys(source, translation);
        for entry in &source.entries {
            if translation.get(&entry.key).is_some() || is_replaced(&renamed, &entry.key) {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    translation.closing.clone(),
                    format!(
                        "front matter lacks `{}`, which the source page has",
                        entry.key
                    ),
                )
                .label(format!("`{}` belongs before this line", entry.key))
                .help(format!(
                    "add `{}: {}` (translated if it is text)",
                    entry.key,
                    entry.value.display()
                ))
                .related(
                    context.source.path(),
                    entry.key_span.start..entry.value_span.end.max(entry.key_span.end),
                    format!("`{}` has `{}` here", context.source.path(), entry.key),
                ),
            );
        }
    }
}
