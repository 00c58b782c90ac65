//! `lang:` that does not name the locale the file belongs to.

use crate::discover::locale::same_locale;
use crate::rules::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// The front matter key that holds the page's language.
    key: String,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            key: "lang".to_owned(),
        }
    }
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    Ok(Box::new(FrontMatterLangMismatch { key: options.key }))
}

struct FrontMatterLangMismatch {
    key: String,
}

impl Rule for FrontMatterLangMismatch {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let (Some(locale), Some(front_matter)) = (
            page.file.locale.as_deref(),
            page.document.front_matter.parsed(),
        ) else {
            return;
        };
        let Some(entry) = front_matter.get(&self.key) else {
            return;
        };
        let Some(written) = entry.value.as_str() else {
            return;
        };
        if same_locale(written, locale) {
            return;
        }
        // A copy of the source page whose text is not translated yet is in the source's
        // language, and its `lang` may say so: setting the file's locale would be the lie.
        let untranslated_from = context.source().filter(|source| {
            source.document.body_digest.is_some()
                && source.document.body_digest == page.document.body_digest
        });
        let source_locale = untranslated_from.and_then(|source| source.file.locale.as_deref());
        if source_locale.is_some_and(|source_locale| same_locale(written, source_locale)) {
            return;
        }
        let diagnostic = Diagnostic::new(
            page.path(),
            entry.value_span.clone(),
            format!(
                "`{}: {written}` does not match the page's locale `{locale}`",
                self.key
            ),
        )
        .label(format!("expected `{locale}`"));
        diagnostics.push(match untranslated_from {
            // The text is the source's: neither value is right until it is translated.
            Some(source) => diagnostic.help(format!(
                "this page's text is still that of `{}`: translate it and set `{}: {locale}`",
                source.path(),
                self.key
            )),
            None => diagnostic
                .help(format!("set `{}: {locale}`", self.key))
                .fix(Fix::safe(
                    format!("set `{}` to `{locale}`", self.key),
                    vec![Edit {
                        span: entry.value_span.clone(),
                        replacement: locale.to_owned(),
                    }],
                )),
        });
    }
}
