//! Keys whose value must be the source's (layout, permalinks, switches), differing.

use crate::rules::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Keys whose value must equal the source page's, up to the locale in paths.
    keys: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        let keys = ["layout", "render_toc", "permalink", "redirect_to"];
        Self {
            keys: keys.map(str::to_owned).to_vec(),
        }
    }
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    Ok(Box::new(FrontMatterValueMismatch { keys: options.keys }))
}

struct FrontMatterValueMismatch {
    keys: Vec<String>,
}

impl Rule for FrontMatterValueMismatch {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some((source, translation)) = context.front_matters() else {
            return;
        };
        let (Some(source_locale), Some(locale)) = (
            context.source.file.locale.as_deref(),
            context.translation.file.locale.as_deref(),
        ) else {
            return;
        };
        for key in &self.keys {
            let (Some(expected), Some(actual)) = (source.get(key), translation.get(key)) else {
                continue;
            };
            let localised = localise(&expected.value.display(), source_locale, locale);
            if actual.value == expected.value || actual.value.display() == localised {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    actual.value_span.clone(),
                    format!(
                        "`{key}` is `{}` here but `{}` in the source page",
                        actual.value.display(),
                        expected.value.display()
                    ),
                )
                .label(format!("expected `{localised}`"))
                .help(format!(
                    "`{key}` must not be translated: set it to `{localised}`"
                ))
                .related(
                    context.source.path(),
                    expected.value_span.clone(),
                    format!(
                        "`{}` has `{key}: {}` here",
                        context.source.path(),
                        expected.value.display()
                    ),
                ),
            );
        }
    }
}

/// `value` with the source locale replaced by `locale` where it is a path segment, so that
/// `permalink: /en/help` in the source expects `/es/help` in the Spanish page.
fn localise(value: &str, source_locale: &str, locale: &str) -> String {
    value
        .split('/')
        .map(|segment| {
            if segment == source_locale {
                locale
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::localise;

    #[test]
    fn locale_segments_are_mapped() {
        assert_eq!(localise("/en/help", "en", "es"), "/es/help");
        assert_eq!(localise("default", "en", "es"), "default");
        assert_eq!(localise("/enterprise/", "en", "es"), "/enterprise/");
    }
}
