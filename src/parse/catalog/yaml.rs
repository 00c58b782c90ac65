//! YAML string catalogs: Rails and i18n-js (`config/locales/de.yml`), Jekyll data
//! (`_data/lang/de.yml`), Hugo (`i18n/de.yaml`). A single top-level key names the locale in
//! the first two; nested mappings hold the strings.

use super::plural_groups;
use crate::model::catalog::{
    Catalog, CatalogEntry, CatalogError, CatalogFormat, Dialect, DuplicateKey, ValueKind,
    verbatim_offset,
};
use crate::model::yaml::{YamlNode, YamlValue};
use crate::parse::yaml::parse_yaml;
use crate::source::Span;

/// Reads a catalog; syntax errors are recorded in [`Catalog::error`], never returned.
pub fn parse(text: &str, format: CatalogFormat) -> Catalog {
    let document = parse_yaml(text);
    let dialect = match format {
        CatalogFormat::Hugo => Dialect::GoTemplate,
        CatalogFormat::JekyllData => Dialect::Liquid,
        _ => Dialect::Rails,
    };
    let mut catalog = Catalog::new(format, dialect);
    catalog.error = document.error.map(|error| CatalogError {
        span: error.span,
        message: error.message,
    });
    let Some(root) = document.root else {
        return catalog;
    };
    catalog.is_empty = false;
    let content = match root.as_mapping() {
        Some([entry]) if format != CatalogFormat::Hugo => match entry.key.as_str() {
            Some(key) => {
                catalog.locale_key = Some((key.to_owned(), entry.key.span.clone()));
                &entry.value
            }
            None => &root,
        },
        _ => &root,
    };
    flatten_into(text, content, "", &mut catalog.entries);
    collect_duplicates(content, "", &mut catalog.duplicates);
    if format == CatalogFormat::Hugo {
        super::hugo_entries(&mut catalog.entries);
    } else {
        plural_groups::nested(&mut catalog.entries, false);
    }
    catalog
}

fn kind_of(node: &YamlNode) -> ValueKind {
    match &node.value {
        YamlValue::Scalar(scalar) if scalar.is_null() => ValueKind::Null,
        YamlValue::Scalar(_) => ValueKind::String,
        YamlValue::Mapping(_) => ValueKind::Mapping,
        YamlValue::Sequence(_) => ValueKind::List,
        YamlValue::Alias => ValueKind::Alias,
    }
}

/// The text of a key node. YAML allows lists or mappings as keys; catalogs never use them, so
/// they get a marker segment rather than a readable path.
fn key_text(key: &YamlNode) -> String {
    match &key.value {
        YamlValue::Scalar(scalar) => scalar.text.clone(),
        _ => "<complex key>".to_owned(),
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn flatten_into(text: &str, node: &YamlNode, prefix: &str, entries: &mut Vec<CatalogEntry>) {
    match &node.value {
        YamlValue::Mapping(mapping) => {
            for entry in mapping {
                let path = join(prefix, &key_text(&entry.key));
                push_entry(text, path, entry.key.span.clone(), &entry.value, entries);
            }
        }
        YamlValue::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                let path = format!("{prefix}[{index}]");
                push_entry(text, path, item.span.clone(), item, entries);
            }
        }
        YamlValue::Scalar(_) | YamlValue::Alias => {}
    }
}

fn push_entry(
    text: &str,
    path: String,
    key_span: Span,
    value: &YamlNode,
    entries: &mut Vec<CatalogEntry>,
) {
    let mut entry = CatalogEntry::new(path, key_span, kind_of(value), value.span.clone());
    if let Some(string) = value.as_str() {
        entry.value_offset = verbatim_offset(text, &value.span, string);
        entry.value = Some(string.to_owned());
    }
    let path = entry.path.clone();
    entries.push(entry);
    flatten_into(text, value, &path, entries);
}

fn collect_duplicates(node: &YamlNode, prefix: &str, duplicates: &mut Vec<DuplicateKey>) {
    match &node.value {
        YamlValue::Mapping(mapping) => {
            let mut first_spans: Vec<(String, Span)> = Vec::new();
            for entry in mapping {
                let key = key_text(&entry.key);
                let path = join(prefix, &key);
                match first_spans.iter().find(|(seen, _)| *seen == key) {
                    Some((_, first)) => duplicates.push(DuplicateKey {
                        path: path.clone(),
                        first_key_span: first.clone(),
                        duplicate_key_span: entry.key.span.clone(),
                    }),
                    None => first_spans.push((key, entry.key.span.clone())),
                }
                collect_duplicates(&entry.value, &path, duplicates);
            }
        }
        YamlValue::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_duplicates(item, &format!("{prefix}[{index}]"), duplicates);
            }
        }
        YamlValue::Scalar(_) | YamlValue::Alias => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_catalog(text: &str) -> Catalog {
        parse(text, CatalogFormat::Yaml)
    }

    const GERMAN: &str = "\
de:
  nav:
    home: Startseite
    download: 'Herunterladen'
  greeting: \"Hallo %{name}!\"
  months: [Januar, Februar]
  empty:
  footer:
    - Impressum
    - text: Datenschutz
";

    #[test]
    fn locale_key_is_the_single_top_level_key() {
        let catalog = parse_catalog(GERMAN);
        assert_eq!(catalog.error, None);
        let (locale, span) = catalog.locale_key().unwrap();
        assert_eq!(locale, "de");
        assert_eq!(&GERMAN[span], "de");
    }

    #[test]
    fn flatten_lists_every_key_below_the_locale() {
        let catalog = parse_catalog(GERMAN);
        let flat = &catalog.entries;
        let summary: Vec<_> = flat
            .iter()
            .map(|entry| (entry.path.as_str(), entry.kind, entry.value.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("nav", ValueKind::Mapping, None),
                ("nav.home", ValueKind::String, Some("Startseite")),
                ("nav.download", ValueKind::String, Some("Herunterladen")),
                ("greeting", ValueKind::String, Some("Hallo %{name}!")),
                ("months", ValueKind::List, None),
                ("months[0]", ValueKind::String, Some("Januar")),
                ("months[1]", ValueKind::String, Some("Februar")),
                ("empty", ValueKind::Null, None),
                ("footer", ValueKind::List, None),
                ("footer[0]", ValueKind::String, Some("Impressum")),
                ("footer[1]", ValueKind::Mapping, None),
                ("footer[1].text", ValueKind::String, Some("Datenschutz")),
            ]
        );
        let download = &flat[2];
        assert_eq!(&GERMAN[download.key_span.clone()], "download");
        assert_eq!(&GERMAN[download.value_span.clone()], "'Herunterladen'");
        assert_eq!(&GERMAN[flat[5].key_span.clone()], "Januar");
    }

    #[test]
    fn without_a_single_locale_key_paths_start_at_the_root() {
        let text = "title: Titel\nnav:\n  home: Start\n";
        let catalog = parse_catalog(text);
        assert_eq!(catalog.locale_key(), None);
        let paths: Vec<_> = catalog
            .entries
            .into_iter()
            .map(|entry| entry.path)
            .collect();
        assert_eq!(paths, ["title", "nav", "nav.home"]);
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_spans() {
        let text = "fr:\n  a: un\n  b:\n    x: 1\n    x: 2\n  a: deux\n";
        let catalog = parse_catalog(text);
        let duplicates = catalog.duplicates.clone();
        assert_eq!(duplicates.len(), 2);
        assert_eq!(duplicates[0].path, "b.x");
        assert_eq!(
            duplicates[0].first_key_span.start,
            text.find("x: 1").unwrap()
        );
        assert_eq!(
            duplicates[0].duplicate_key_span.start,
            text.find("x: 2").unwrap()
        );
        assert_eq!(duplicates[1].path, "a");
        assert_eq!(&text[duplicates[1].duplicate_key_span.clone()], "a");
        // Both occurrences stay visible to the other checks.
        let paths: Vec<_> = catalog
            .entries
            .into_iter()
            .map(|entry| entry.path)
            .collect();
        assert_eq!(paths, ["a", "b", "b.x", "b.x", "a"]);
    }

    #[test]
    fn aliases_are_their_own_kind() {
        let text = "en:\n  base: &b Hello\n  copy: *b\n";
        let kinds: Vec<_> = parse_catalog(text)
            .entries
            .into_iter()
            .map(|entry| entry.kind)
            .collect();
        assert_eq!(kinds, [ValueKind::String, ValueKind::Alias]);
    }

    #[test]
    fn non_ascii_and_crlf_spans() {
        let text = "ru:\r\n  заголовок: «Привет»\r\n  ещё: 'да'\r\n";
        let catalog = parse_catalog(text);
        assert_eq!(catalog.error, None);
        let flat = &catalog.entries;
        assert_eq!(&text[flat[0].key_span.clone()], "заголовок");
        assert_eq!(&text[flat[0].value_span.clone()], "«Привет»");
        assert_eq!(&text[flat[1].value_span.clone()], "'да'");
        assert_eq!(flat[1].value.as_deref(), Some("да"));
    }

    #[test]
    fn syntax_error_keeps_earlier_keys() {
        let text = "es:\n  ok: bien\n  bad: [sin cerrar\n  later: nunca\n";
        let catalog = parse_catalog(text);
        let error = catalog.error.as_ref().unwrap();
        assert!(error.span.start > text.find("bad").unwrap());
        assert_eq!(catalog.entries[0].path, "ok");
        assert_eq!(catalog.locale_key().unwrap().0, "es");
    }

    #[test]
    fn empty_file_has_nothing() {
        let catalog = parse_catalog("");
        assert!(catalog.is_empty);
        assert_eq!(catalog.error, None);
        assert_eq!(catalog.locale_key(), None);
        assert!(catalog.entries.is_empty());
    }
}
