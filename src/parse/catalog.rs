//! YAML string catalogs as used by Jekyll and Rails sites (`_data/lang/de.yml`): a single
//! top-level key naming the locale, then nested mappings of translatable strings.

use crate::model::catalog::Catalog;
use crate::parse::yaml::parse_yaml;

/// Reads a catalog; syntax errors are recorded in [`Catalog::error`], never returned.
pub fn parse_catalog(text: &str) -> Catalog {
    let document = parse_yaml(text);
    Catalog {
        root: document.root,
        error: document.error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalog::ValueKind;

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
        let flat = catalog.flatten();
        let summary: Vec<_> = flat
            .iter()
            .map(|entry| (entry.path.as_str(), entry.kind, entry.value))
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
            .flatten()
            .into_iter()
            .map(|entry| entry.path)
            .collect();
        assert_eq!(paths, ["title", "nav", "nav.home"]);
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_spans() {
        let text = "fr:\n  a: un\n  b:\n    x: 1\n    x: 2\n  a: deux\n";
        let catalog = parse_catalog(text);
        let duplicates = catalog.duplicate_keys();
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
            .flatten()
            .into_iter()
            .map(|entry| entry.path)
            .collect();
        assert_eq!(paths, ["a", "b", "b.x", "b.x", "a"]);
    }

    #[test]
    fn aliases_are_their_own_kind() {
        let text = "en:\n  base: &b Hello\n  copy: *b\n";
        let kinds: Vec<_> = parse_catalog(text)
            .flatten()
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
        let flat = catalog.flatten();
        assert_eq!(&text[flat[0].key_span.clone()], "заголовок");
        assert_eq!(&text[flat[0].value_span.clone()], "«Привет»");
        assert_eq!(&text[flat[1].value_span.clone()], "'да'");
        assert_eq!(flat[1].value, Some("да"));
    }

    #[test]
    fn syntax_error_keeps_earlier_keys() {
        let text = "es:\n  ok: bien\n  bad: [sin cerrar\n  later: nunca\n";
        let catalog = parse_catalog(text);
        let error = catalog.error.as_ref().unwrap();
        assert!(error.span.start > text.find("bad").unwrap());
        assert_eq!(catalog.flatten()[0].path, "ok");
        assert_eq!(catalog.locale_key().unwrap().0, "es");
    }

    #[test]
    fn empty_file_has_nothing() {
        let catalog = parse_catalog("");
        assert_eq!(catalog.root, None);
        assert_eq!(catalog.error, None);
        assert_eq!(catalog.locale_key(), None);
        assert!(catalog.flatten().is_empty());
    }
}
