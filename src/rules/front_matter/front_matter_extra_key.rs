//! A front matter key in the translation that the source page does not have.

use crate::rules::key_pairing::{is_renamed, renamed_keys};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterExtraKey)
}

struct FrontMatterExtraKey;

impl Rule for FrontMatterExtraKey {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some((source, translation)) = context.front_matters() else {
            return;
        };
        let renamed = renamed_keys(source, translation);
        for entry in &translation.entries {
            let records_source_commit = context
                .site
                .settings
                .translation_only_keys
                .contains(&entry.key);
            if source.get(&entry.key).is_some()
                || is_renamed(&renamed, &entry.key)
                || records_source_commit
            {
                continue;
            }
            let help = format!(
                "remove `{}`, or add it to `{}` first so that every language gets it",
                entry.key,
                context.source.path()
            );
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    entry.key_span.clone(),
                    format!(
                        "front matter has `{}`, which the source page does not",
                        entry.key
                    ),
                )
                .label("not in the source page")
                .help(help)
                .related(
                    context.source.path(),
                    source.opening.clone(),
                    format!(
                        "`{}` front matter has no `{}`",
                        context.source.path(),
                        entry.key
                    ),
                ),
            );
        }
    }
}
