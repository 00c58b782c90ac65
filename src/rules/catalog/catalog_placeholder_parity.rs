//! Placeholders of a source string that its translation drops or renames, read exactly as the
//! catalog's runtime reads them; a plural form is compared with all the source's forms.

use crate::model::catalog::{Catalog, CatalogEntry, Dialect, ValueKind};
use crate::parse::placeholders::{Placeholder, Scan};
use crate::rules::catalog_pairing::{
    CatalogPair, count_variable, form_is_used, is_broken, may_omit_count, scan_entry, scan_text,
    union, written_otherwise,
};
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogPlaceholderParity)
}

struct CatalogPlaceholderParity;

/// A placeholder the translation must have, and where the source writes it.
struct Expected<'a> {
    placeholder: &'a Placeholder,
    path: &'a str,
    span: Span,
}

/// One translated value to compare.
struct Compared<'a> {
    file: &'a str,
    entry: &'a CatalogEntry,
    found: Scan,
    /// The count variable, when this form may say its single number in words.
    omit: Option<&'a str>,
}

impl Rule for CatalogPlaceholderParity {
    /// A gettext entry's `msgstr` against its own `msgid`.
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(catalog) = &context.page.document.catalog else {
            return;
        };
        if catalog.dialect != Dialect::Gettext || is_broken(catalog) {
            return;
        }
        let locale = context.page.file.locale.as_deref().unwrap_or("");
        let path = context.page.path();
        for entry in &catalog.entries {
            let Some(source) = &entry.source_text else {
                continue;
            };
            if entry.kind != ValueKind::String || entry.has_flag("fuzzy") {
                continue;
            }
            let scans: Vec<Scan> = source
                .all
                .iter()
                .map(|text| scan_text(&entry.path, text, Dialect::Gettext, &entry.flags))
                .collect();
            let expected: Vec<Expected> = union(&scans)
                .into_iter()
                .map(|placeholder| Expected {
                    placeholder,
                    path: &entry.path,
                    span: source.span.clone(),
                })
                .collect();
            // The count may be left out of a form the formula uses for one number only.
            let omit = entry
                .plural
                .as_ref()
                .and_then(|form| may_omit_count(catalog, locale, &form.category).then_some(""));
            let compared = Compared {
                file: path,
                entry,
                found: scan_entry(entry, Dialect::Gettext),
                omit,
            };
            compare(&compared, &expected, path, Dialect::Gettext, diagnostics);
        }
    }

    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.catalog,
            &context.translation.document.catalog,
        ) else {
            return;
        };
        // A value cut short by a syntax error is not what the author wrote.
        if is_broken(source) || is_broken(translation) || source.dialect == Dialect::Gettext {
            return;
        }
        let dialect = source.dialect;
        let locale = context.translation.file.locale.as_deref().unwrap_or("");
        let pair = CatalogPair::new(source, translation);
        for &written in &pair.translation {
            if written.kind != ValueKind::String {
                continue;
            }
            let sources = expected_sources(source, &pair, written);
            if sources.is_empty() {
                continue;
            }
            let scans: Vec<(&CatalogEntry, Scan)> = sources
                .iter()
                .map(|entry| (*entry, scan_entry(entry, dialect)))
                .collect();
            if scans.iter().any(|(_, scan)| scan.error.is_some()) {
                continue;
            }
            let mut expected = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for (entry, scan) in &scans {
                for placeholder in &scan.placeholders {
                    if seen.insert(placeholder.name.as_str()) {
                        expected.push(Expected {
                            placeholder,
                            path: &entry.path,
                            span: entry.span_of(placeholder.span.clone()),
                        });
                    }
                }
            }
            // A form the locale has no category for is `catalog-plural-extra`'s.
            if written
                .plural
                .as_ref()
                .is_some_and(|form| !form_is_used(translation, locale, &form.group, &form.category))
            {
                continue;
            }
            let omit = written.plural.as_ref().and_then(|form| {
                may_omit_count(translation, locale, &form.category)
                    .then_some(count_variable(dialect))
                    .flatten()
            });
            let compared = Compared {
                file: context.translation.path(),
                entry: written,
                found: scan_entry(written, dialect),
                omit,
            };
            compare(
                &compared,
                &expected,
                context.source.path(),
                dialect,
                diagnostics,
            );
        }
    }
}

/// The source strings a translated value answers: the same key, or every form of its plural
/// group.
fn expected_sources<'a>(
    source: &'a Catalog,
    pair: &CatalogPair<'a>,
    written: &'a CatalogEntry,
) -> Vec<&'a CatalogEntry> {
    if let Some(form) = &written.plural
        && pair.source_has_group(&form.group)
    {
        return source
            .plural_group(&form.group)
            .filter(|entry| entry.kind == ValueKind::String)
            .collect();
    }
    pair.in_source(&written.path)
        .filter(|entry| entry.kind == ValueKind::String)
        .into_iter()
        .collect()
}

fn compare(
    compared: &Compared,
    expected: &[Expected],
    source_path: &str,
    dialect: Dialect,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entry = compared.entry;
    let found = &compared.found;
    // A message that does not parse is `catalog-syntax-error`'s.
    if found.error.is_some() {
        return;
    }
    let value = entry.value.as_deref().unwrap_or_default();
    let has = |name: &str| found.placeholders.iter().any(|other| other.name == name);
    let missing: Vec<&Expected> = expected
        .iter()
        .filter(|expected| !has(&expected.placeholder.name))
        .filter(|expected| compared.omit != Some(expected.placeholder.name.as_str()))
        // Gettext forms for a single number may leave out the number (`%d`).
        .filter(|expected| {
            !(compared.omit == Some("") && expected.placeholder.name.ends_with(['d', 'u', 'i']))
        })
        // Written in another syntax: `catalog-placeholder-malformed` reports it.
        .filter(|expected| written_otherwise(value, &expected.placeholder.name, found).is_none())
        .collect();
    let mut renamed = Vec::new();
    let path = &entry.path;
    for placeholder in &found.placeholders {
        if expected
            .iter()
            .any(|other| other.placeholder.name == placeholder.name)
        {
            continue;
        }
        let suggestion = closest(
            &placeholder.name,
            missing
                .iter()
                .map(|missing| missing.placeholder.name.as_str()),
            Tolerance::Name,
        )
        .or(match missing.as_slice() {
            [only] if found.placeholders.len() == expected.len() => {
                Some(only.placeholder.name.as_str())
            }
            _ => None,
        });
        let mut diagnostic = Diagnostic::new(
            compared.file,
            entry.span_of(placeholder.span.clone()),
            format!(
                "placeholder `{}` in `{path}` is not in the source string",
                placeholder.written
            ),
        )
        .label("unknown placeholder");
        let meant = suggestion.and_then(|name| {
            missing
                .iter()
                .find(|missing| missing.placeholder.name == name)
        });
        diagnostic = match meant {
            Some(meant) => {
                renamed.push(meant.placeholder.name.as_str());
                diagnostic
                    .help(format!(
                        "did you mean `{}`? Placeholder names are never translated",
                        meant.placeholder.written
                    ))
                    .related(
                        source_path,
                        meant.span.clone(),
                        format!("`{source_path}` has `{}` here", meant.placeholder.written),
                    )
            }
            None => {
                let help = if dialect == Dialect::Gettext {
                    "use only the `msgid`'s placeholders: nothing fills this one"
                } else {
                    "use only the source's placeholders: nothing fills this one"
                };
                match expected.first() {
                    Some(first) => diagnostic.help(help).related(
                        source_path,
                        first.span.clone(),
                        format!("`{source_path}` has `{}` here", first.path),
                    ),
                    None => diagnostic.help(help),
                }
            }
        };
        diagnostics.push(diagnostic);
    }
    for missing in missing {
        if renamed.contains(&missing.placeholder.name.as_str()) {
            continue;
        }
        let written = &missing.placeholder.written;
        diagnostics.push(
            Diagnostic::new(
                compared.file,
                entry.value_span.clone(),
                format!("`{path}` lacks the placeholder `{written}` of the source string"),
            )
            .label(format!("`{written}` is missing"))
            .help(format!("add `{written}` where the sentence needs it"))
            .related(
                source_path,
                missing.span.clone(),
                format!("`{source_path}` has `{written}` here"),
            ),
        );
    }
}
