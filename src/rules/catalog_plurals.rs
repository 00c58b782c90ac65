//! The plural forms a catalog entry has, beside the ones its locale needs: the shared part of
//! `catalog-plural-missing` and `catalog-plural-extra`.

use crate::model::catalog::{Catalog, CatalogEntry, CatalogFormat, Dialect, PLURAL_CATEGORIES};
use crate::parse::icu::IcuPlural;
use crate::parse::plurals::{ordinal_categories, plural_categories};
use crate::rules::catalog_pairing::{categories_for, form_is_used, is_broken, scan_entry};
use crate::source::Span;
use std::collections::BTreeMap;

/// One plural group of a file and how its forms stand against its locale's categories.
pub struct PluralCheck {
    /// The group as named in messages (`inbox.messages`, `files`, an ICU argument).
    pub group: String,
    /// Where a missing form is reported: the group's key, or its first form.
    pub span: Span,
    pub missing: Vec<String>,
    /// Forms the locale has no category for, with their spans.
    pub extra: Vec<(String, Span)>,
    /// What the runtime shows in place of a missing form.
    pub fallback: &'static str,
}

/// The plural groups of a translated catalog keyed like its source's (`one:` subkeys,
/// `_one` suffixes): a key is a plural group when the source's is.
pub fn check_keyed(catalog: &Catalog, locale: &str, source: &Catalog) -> Vec<PluralCheck> {
    let mut checks = Vec::new();
    if !is_broken(catalog) && !is_broken(source) {
        keyed(catalog, locale, source, &mut checks);
    }
    checks
}

/// The plural groups a file defines by itself: ICU `{n, plural, …}` values and gettext
/// `msgstr[n]`, in any locale including the source's.
pub fn check_self_contained(catalog: &Catalog, locale: &str) -> Vec<PluralCheck> {
    let mut checks = Vec::new();
    if is_broken(catalog) {
        return checks;
    }
    if catalog.format == CatalogFormat::Gettext {
        gettext(catalog, &mut checks);
    } else if catalog.dialect == Dialect::Icu {
        icu(catalog, locale, &mut checks);
    }
    checks
}

/// `zero one two few many other` keys or `_one` suffixes.
fn keyed(catalog: &Catalog, locale: &str, source: &Catalog, checks: &mut Vec<PluralCheck>) {
    let mut groups: BTreeMap<&str, Vec<&CatalogEntry>> = BTreeMap::new();
    for entry in &catalog.entries {
        if let Some(form) = &entry.plural {
            groups.entry(form.group.as_str()).or_default().push(entry);
        }
    }
    for (group, forms) in groups {
        let source_forms: Vec<&str> = source
            .plural_group(group)
            .filter_map(|entry| entry.plural.as_ref().map(|form| form.category.as_str()))
            .collect();
        // A group of `other` alone is a plain string (go-i18n, a lone `key_other`).
        let source_is_plural = source_forms.iter().any(|category| *category != "other");
        if !source_is_plural {
            continue;
        }
        let Some(needed) = categories_for(locale, group) else {
            continue;
        };
        let present: Vec<&str> = forms
            .iter()
            .filter_map(|entry| entry.plural.as_ref().map(|form| form.category.as_str()))
            .collect();
        let missing = needed
            .iter()
            .filter(|category| !present.contains(category))
            .map(|category| category.to_string())
            .collect();
        let extra = forms
            .iter()
            .filter_map(|entry| {
                let category = entry.plural.as_ref()?.category.as_str();
                (!form_is_used(catalog, locale, group, category))
                    .then(|| (category.to_owned(), entry.key_span.clone()))
            })
            .collect();
        let span = catalog
            .entries
            .iter()
            .find(|entry| entry.path == group)
            .or(forms.first().copied())
            .map_or(0..0, |entry| entry.key_span.clone());
        checks.push(PluralCheck {
            group: group.to_owned(),
            span,
            missing,
            extra,
            fallback: "`other`",
        });
    }
}

/// `{count, plural, one {…} other {…}}` inside ICU values.
fn icu(catalog: &Catalog, locale: &str, checks: &mut Vec<PluralCheck>) {
    for entry in &catalog.entries {
        let scan = scan_entry(entry, Dialect::Icu);
        for plural in &scan.plurals {
            let needed = if plural.ordinal {
                ordinal_categories(locale)
            } else {
                plural_categories(locale)
            };
            let Some(needed) = needed else {
                continue;
            };
            checks.push(icu_check(entry, plural, &needed));
        }
    }
}

fn icu_check(entry: &CatalogEntry, plural: &IcuPlural, needed: &[&str]) -> PluralCheck {
    let keys: Vec<&str> = plural.options.iter().map(|(key, _)| key.as_str()).collect();
    let missing = needed
        .iter()
        .filter(|category| !keys.contains(category))
        .map(|category| category.to_string())
        .collect();
    let extra = plural
        .options
        .iter()
        .filter(|(key, _)| {
            PLURAL_CATEGORIES.contains(&key.as_str()) && !needed.contains(&key.as_str())
        })
        .map(|(key, span)| (key.clone(), entry.span_of(key_span(entry, key, span))))
        .collect();
    PluralCheck {
        group: format!("{} ({})", entry.path, plural.argument),
        span: entry.span_of(plural.span.clone()),
        missing,
        extra,
        fallback: "`other`",
    }
}

/// The option's key just before its message (`one` in `one {…}`), within the value.
fn key_span(
    entry: &CatalogEntry,
    key: &str,
    message: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let value = entry.value.as_deref().unwrap_or_default();
    let before = value.get(..message.start).unwrap_or_default().trim_end();
    if before.ends_with(key) {
        before.len() - key.len()..before.len()
    } else {
        message.clone()
    }
}

/// `msgstr[n]` against the `Plural-Forms` header's `nplurals`.
fn gettext(catalog: &Catalog, checks: &mut Vec<PluralCheck>) {
    let Some(forms) = &catalog.plural_forms else {
        return;
    };
    let mut groups: BTreeMap<&str, Vec<&CatalogEntry>> = BTreeMap::new();
    for entry in &catalog.entries {
        if let Some(form) = &entry.plural {
            groups.entry(form.group.as_str()).or_default().push(entry);
        }
    }
    for (group, entries) in groups {
        let indices: Vec<usize> = entries
            .iter()
            .filter_map(|entry| entry.plural.as_ref()?.category.parse().ok())
            .collect();
        let missing = (0..forms.count)
            .filter(|index| !indices.contains(index))
            .map(|index| format!("msgstr[{index}]"))
            .collect();
        let extra = entries
            .iter()
            .filter_map(|entry| {
                let index: usize = entry.plural.as_ref()?.category.parse().ok()?;
                (index >= forms.count)
                    .then(|| (format!("msgstr[{index}]"), entry.value_span.clone()))
            })
            .collect();
        let span = entries.first().map_or(0..0, |entry| entry.key_span.clone());
        checks.push(PluralCheck {
            group: group.to_owned(),
            span,
            missing,
            extra,
            fallback: "nothing (gettext falls back to the `msgid`)",
        });
    }
}
