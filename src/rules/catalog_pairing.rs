//! Matching the keys of a translated YAML catalog with the source catalog's, by full path.

use crate::model::catalog::{Catalog, FlatEntry, ValueKind};
use crate::source::Span;
use crate::suggest::SuggestionIndex;
use std::collections::HashMap;

/// The keys of both catalogs, each path once (the first occurrence; duplicates are
/// `catalog-duplicate-key`'s business).
pub struct CatalogPair<'a> {
    pub source: Vec<FlatEntry<'a>>,
    pub translation: Vec<FlatEntry<'a>>,
    source_by_path: HashMap<String, usize>,
    translation_by_path: HashMap<String, usize>,
}

impl<'a> CatalogPair<'a> {
    pub fn new(source: &'a Catalog, translation: &'a Catalog) -> Self {
        let source = first_occurrences(source.flatten());
        let translation = first_occurrences(translation.flatten());
        let index = |entries: &[FlatEntry]| {
            entries
                .iter()
                .enumerate()
                .map(|(index, entry)| (entry.path.clone(), index))
                .collect()
        };
        Self {
            source_by_path: index(&source),
            translation_by_path: index(&translation),
            source,
            translation,
        }
    }

    pub fn in_source(&self, path: &str) -> Option<&FlatEntry<'a>> {
        self.source_by_path
            .get(path)
            .map(|index| &self.source[*index])
    }

    pub fn in_translation(&self, path: &str) -> Option<&FlatEntry<'a>> {
        self.translation_by_path
            .get(path)
            .map(|index| &self.translation[*index])
    }

    /// Paths present on both sides with values of comparable kinds: neither an alias (whose
    /// value lives elsewhere) nor a source without a value.
    pub fn comparable_kinds(source: ValueKind, translation: ValueKind) -> bool {
        !matches!(source, ValueKind::Alias | ValueKind::Null) && translation != ValueKind::Alias
    }

    /// The last keys of the source's paths the translation lacks, by the path holding them:
    /// what a misspelt translation key was meant to be.
    pub fn source_only_keys(&self) -> HashMap<&str, SuggestionIndex> {
        keys_by_parent(&self.source, |path| self.in_translation(path).is_none())
    }

    /// The last keys of the translation's paths the source lacks, by the path holding them.
    pub fn translation_only_keys(&self) -> HashMap<&str, SuggestionIndex> {
        keys_by_parent(&self.translation, |path| self.in_source(path).is_none())
    }

    /// The span of the deepest key above `path` that the translation has, where a missing
    /// key belongs.
    pub fn translation_parent_span(&self, path: &str) -> Option<Span> {
        ancestors(path)
            .find_map(|ancestor| self.in_translation(ancestor))
            .map(|entry| entry.key_span.clone())
    }
}

fn keys_by_parent<'e>(
    entries: &'e [FlatEntry],
    wanted: impl Fn(&str) -> bool,
) -> HashMap<&'e str, SuggestionIndex> {
    let mut keys: HashMap<&str, Vec<&str>> = HashMap::new();
    for entry in entries.iter().filter(|entry| wanted(&entry.path)) {
        let (parent, key) = split_last(&entry.path);
        keys.entry(parent).or_default().push(key);
    }
    keys.into_iter()
        .map(|(parent, keys)| (parent, SuggestionIndex::new(keys)))
        .collect()
}

fn first_occurrences(entries: Vec<FlatEntry<'_>>) -> Vec<FlatEntry<'_>> {
    let mut seen = std::collections::HashSet::new();
    entries
        .into_iter()
        .filter(|entry| seen.insert(entry.path.clone()))
        .collect()
}

/// Whether `path` lies below `ancestor` (`nav.home` below `nav`, `months[0]` below `months`).
pub fn is_under(path: &str, ancestor: &str) -> bool {
    path.strip_prefix(ancestor)
        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The paths `path` lies below, the deepest first: `nav.items[0]` → `nav.items`, `nav`.
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(path), |path| {
        let (parent, _) = split_last(path);
        (!parent.is_empty()).then_some(parent)
    })
    .skip(1)
}

/// Whether `path` lies below one of `reported` (a key reported with everything under it).
pub fn is_under_any(path: &str, reported: &std::collections::HashSet<&str>) -> bool {
    ancestors(path).any(|ancestor| reported.contains(ancestor))
}

/// The path of the mapping or list holding `path`, and the last key: `nav.home` → (`nav`, `home`).
pub fn split_last(path: &str) -> (&str, &str) {
    match path.rfind(['.', '[']) {
        Some(at) if path[at..].starts_with('.') => (&path[..at], &path[at + 1..]),
        Some(at) => (&path[..at], &path[at..]),
        None => ("", path),
    }
}

/// A kind of value as said in a message: `a list`, `a mapping`, …
pub fn describe(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "a string",
        ValueKind::Mapping => "a mapping",
        ValueKind::List => "a list",
        ValueKind::Null => "empty",
        ValueKind::Alias => "an alias",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_by_dots_and_brackets() {
        assert!(is_under("nav.home", "nav"));
        assert!(is_under("months[0]", "months"));
        assert!(!is_under("navigation", "nav"));
        assert!(!is_under("nav", "nav"));
        assert_eq!(split_last("nav.home"), ("nav", "home"));
        assert_eq!(split_last("home"), ("", "home"));
        assert_eq!(split_last("months[1]"), ("months", "[1]"));
        assert_eq!(
            ancestors("nav.items[0].title").collect::<Vec<_>>(),
            ["nav.items[0]", "nav.items", "nav"]
        );
        assert_eq!(ancestors("home").count(), 0);
    }
}
