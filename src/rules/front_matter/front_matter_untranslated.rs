//! A translatable front matter value left as in the source page.

use crate::rules::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Keys whose value is text for readers and should be translated.
    keys: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            keys: ["title", "header", "description"]
                .map(str::to_owned)
                .to_vec(),
        }
    }
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    Ok(Box::new(FrontMatterUntranslated { keys: options.keys }))
}

struct FrontMatterUntranslated {
    keys: Vec<String>,
}

impl Rule for FrontMatterUntranslated {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some((source, translation)) = context.front_matters() else {
            return;
        };
        for key in &self.keys {
            let (Some(expected), Some(actual)) = (source.get(key), translation.get(key)) else {
                continue;
            };
            let Some(text) = actual.value.as_str() else {
                continue;
            };
            // Names and codes (`FAQ`, `v2`) read the same in every language.
            let has_words = text.split_whitespace().count() > 1;
            if actual.value != expected.value || !has_words {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    actual.value_span.clone(),
                    format!("`{key}` is the same as in the source page: it looks untranslated"),
                )
                .label("same text as the source")
                .help(format!("translate `{key}`, or ignore this rule for this file if the text is the same in this language"))
                .related(
                    context.source.path(),
                    expected.value_span.clone(),
                    format!("`{}` has the same `{key}`", context.source.path()),
                ),
            );
        }
    }
}
