//! A placeholder written so that the runtime prints it as text: `%{ name }` or `％{name}` in
//! Rails, `｛｛name｝｝` in i18next, or a source placeholder in another syntax (`{name}` where
//! the source has `%{name}`).

use crate::model::catalog::{CatalogEntry, Dialect, ValueKind};
use crate::rules::catalog_pairing::{CatalogPair, is_broken, scan_entry, written_otherwise};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogPlaceholderMalformed)
}

struct CatalogPlaceholderMalformed;

impl Rule for CatalogPlaceholderMalformed {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(catalog) = &context.page.document.catalog else {
            return;
        };
        if is_broken(catalog) {
            return;
        }
        for entry in &catalog.entries {
            for miss in scan_entry(entry, catalog.dialect).near_misses {
                diagnostics.push(
                    Diagnostic::new(
                        context.page.path(),
                        entry.span_of(miss.span.clone()),
                        format!(
                            "`{}` in `{}` is printed as text: {} reads `{}`",
                            miss.written,
                            entry.path,
                            runtime(catalog.dialect),
                            miss.meant
                        ),
                    )
                    .label("not a placeholder")
                    .help(format!("did you mean `{}`?", miss.meant)),
                );
            }
        }
    }

    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        if is_broken(source) || is_broken(translation) || source.dialect == Dialect::Gettext {
            return;
        }
        let dialect = source.dialect;
        let pair = CatalogPair::new(source, translation);
        for &written in &pair.translation {
            if written.kind != ValueKind::String {
                continue;
            }
            let sources: Vec<&CatalogEntry> = match &written.plural {
                Some(form) if pair.source_has_group(&form.group) => {
                    source.plural_group(&form.group).collect()
                }
                _ => pair.in_source(&written.path).into_iter().collect(),
            };
            let found = scan_entry(written, dialect);
            let value = written.value.as_deref().unwrap_or_default();
            let mut reported = Vec::new();
            for original in sources {
                for placeholder in scan_entry(original, dialect).placeholders {
                    if found
                        .placeholders
                        .iter()
                        .any(|other| other.name == placeholder.name)
                        || reported.contains(&placeholder.name)
                    {
                        continue;
                    }
                    let Some(range) = written_otherwise(value, &placeholder.name, &found) else {
                        continue;
                    };
                    // Near misses of the runtime's own syntax are reported by `check_document`.
                    if found.near_misses.iter().any(|miss| miss.span == range) {
                        continue;
                    }
                    reported.push(placeholder.name.clone());
                    diagnostics.push(
                        Diagnostic::new(
                            context.translation.path(),
                            written.span_of(range.clone()),
                            format!(
                                "`{}` in `{}` is printed as text: {} reads `{}`",
                                &value[range],
                                written.path,
                                runtime(dialect),
                                placeholder.written
                            ),
                        )
                        .label("not a placeholder")
                        .help(format!("did you mean `{}`?", placeholder.written))
                        .related(
                            context.source.path(),
                            original.span_of(placeholder.span.clone()),
                            format!(
                                "`{}` has `{}` here",
                                context.source.path(),
                                placeholder.written
                            ),
                        ),
                    );
                }
            }
        }
    }
}

/// Who reads the placeholders, as said in a message.
fn runtime(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Rails => "Ruby's I18n",
        Dialect::I18next => "i18next",
        Dialect::Icu => "ICU MessageFormat",
        Dialect::GoTemplate => "Hugo",
        Dialect::Chrome => "Chrome",
        Dialect::Brace => "Docusaurus",
        Dialect::Gettext => "gettext",
        Dialect::Liquid => "the template",
    }
}
