//! `%{name}`, `{{ name }}` and `{name}` placeholders of a source string that its translation
//! drops or renames.

use crate::model::catalog::{FlatEntry, ValueKind};
use crate::parse::placeholders::{Placeholder, placeholders};
use crate::rules::catalog_pairing::CatalogPair;
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogPlaceholderParity)
}

struct CatalogPlaceholderParity;

impl Rule for CatalogPlaceholderParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        // A value cut short by a syntax error is not what the author wrote.
        if source.error.is_some() || translation.error.is_some() {
            return;
        }
        let pair = CatalogPair::new(source, translation);
        for entry in &pair.source {
            let Some(written) = pair.in_translation(&entry.path) else {
                continue;
            };
            let (Some(expected_text), Some(written_text), ValueKind::String) =
                (entry.value, written.value, written.kind)
            else {
                continue;
            };
            let expected = placeholders(expected_text);
            let found = placeholders(written_text);
            let missing: Vec<&Placeholder> = expected
                .iter()
                .filter(|placeholder| !found.iter().any(|other| other.name == placeholder.name))
                .collect();
            let mut renamed = Vec::new();
            for placeholder in &found {
                if expected.iter().any(|other| other.name == placeholder.name) {
                    continue;
                }
                let suggestion = closest(
                    &placeholder.name,
                    missing.iter().map(|missing| missing.name.as_str()), Tolerance::Name,
                )
                .or(match missing.as_slice() {
                    [only] if found.len() == expected.len() => Some(only.name.as_str()),
                    _ => None,
                });
                let mut diagnostic = Diagnostic::new(
                    context.translation.path(),
                    span_in_file(written, placeholder),
                    format!(
                        "placeholder `{}` in `{}` is not in the source string",
                        placeholder.written, entry.path
                    ),
                )
                .label("unknown placeholder");
                let meant = suggestion
                    .and_then(|name| missing.iter().find(|missing| missing.name == name));
                diagnostic = match meant {
                    Some(meant) => {
                        renamed.push(meant.name.as_str());
                        diagnostic
                            .help(format!(
                                "did you mean `{}`? Placeholder names are never translated",
                                meant.written
                            ))
                            .related(
                                context.source.path(),
                                span_in_file(entry, meant),
                                format!("`{}` has `{}` here", context.source.path(), meant.written),
                            )
                    }
                    None => diagnostic
                        .help("use only the source's placeholders: nothing fills this one")
                        .related(
                            context.source.path(),
                            entry.value_span.clone(),
                            format!("`{}` has `{}` here", context.source.path(), entry.path),
                        ),
                };
                diagnostics.push(diagnostic);
            }
            for placeholder in missing {
                if renamed.contains(&placeholder.name.as_str()) {
                    continue;
                }
                diagnostics.push(
                    Diagnostic::new(
                        context.translation.path(),
                        written.value_span.clone(),
                        format!(
                            "`{}` lacks the placeholder `{}` of the source string",
                            entry.path, placeholder.written
                        ),
                    )
                    .label(format!("`{}` is missing", placeholder.written))
                    .help(format!("add `{}` where the sentence needs it", placeholder.written))
                    .related(
                        context.source.path(),
                        span_in_file(entry, placeholder),
                        format!("`{}` has `{}` here", context.source.path(), placeholder.written),
                    ),
                );
            }
        }
    }
}

/// Where a placeholder of a string value is written in the file. The value is the scalar
/// after unquoting; when it is written as is (plain, or quoted without escapes) the offset
/// carries over, otherwise the whole value is the best span known.
fn span_in_file(entry: &FlatEntry, placeholder: &Placeholder) -> Span {
    let value_length = entry.value.map_or(0, str::len);
    let written_length = entry.value_span.len();
    let start = if written_length == value_length {
        entry.value_span.start
    } else if written_length == value_length + 2 {
        entry.value_span.start + 1
    } else {
        return entry.value_span.clone();
    };
    start + placeholder.span.start..start + placeholder.span.end
}
