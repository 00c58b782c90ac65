//! YAML string catalogs (`_data/lang/de.yml`) as `parse::catalog` reads them.

use crate::model::yaml::{YamlError, YamlNode, YamlValue};
use crate::source::Span;
use std::collections::HashMap;

/// A catalog file read as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// The document's root; `None` for an empty file. After a syntax error it holds what parsed
    /// before the error.
    pub root: Option<YamlNode>,
    pub error: Option<YamlError>,
}

/// What kind of value a key holds; a translation must keep the source's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// Any non-null scalar: catalogs hold text, so `5` and `"5"` are the same kind.
    String,
    Mapping,
    List,
    /// `key:` with nothing after it, `~` or `null`.
    Null,
    /// `*anchor`: the value lives elsewhere in the file.
    Alias,
}

/// One key of the catalog (at any depth) or one list item, with its path from the locale key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatEntry<'a> {
    /// Keys joined with `.` below the locale key (`nav.download`); list items add `[index]`
    /// (`months[0]`). Keys that contain `.` themselves are joined the same way.
    pub path: String,
    /// The key's text in the file; for a list item, the item's span.
    pub key_span: Span,
    pub kind: ValueKind,
    /// The text of a `String` value.
    pub value: Option<&'a str>,
    pub value_span: Span,
}

/// A key that appears a second time in the same mapping (YAML loaders keep only one of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Path of the repeated key, as in [`FlatEntry::path`].
    pub path: String,
    pub first_key_span: Span,
    pub duplicate_key_span: Span,
}

impl Catalog {
    /// The top-level key and its span, when the root is a mapping with exactly one key as the
    /// convention wants (`de:` in `de.yml`).
    pub fn locale_key(&self) -> Option<(&str, Span)> {
        match self.root.as_ref()?.as_mapping()? {
            [entry] => Some((entry.key.as_str()?, entry.key.span.clone())),
            _ => None,
        }
    }

    /// Every key below the locale key, depth first in file order; duplicate keys appear once
    /// per occurrence. Without a locale key (see [`Catalog::locale_key`]) paths start at the root.
    pub fn flatten(&self) -> Vec<FlatEntry<'_>> {
        let mut entries = Vec::new();
        if let Some(content) = self.content() {
            flatten_into(content, "", &mut entries);
        }
        entries
    }

    /// Keys repeated within one mapping, paths as in [`Catalog::flatten`].
    pub fn duplicate_keys(&self) -> Vec<DuplicateKey> {
        let mut duplicates = Vec::new();
        if let Some(content) = self.content() {
            collect_duplicates(content, "", &mut duplicates);
        }
        duplicates
    }

    /// The node whose keys are the catalog's keys: the locale key's value, or the root.
    fn content(&self) -> Option<&YamlNode> {
        let root = self.root.as_ref()?;
        match root.as_mapping() {
            Some([entry]) if entry.key.as_str().is_some() => Some(&entry.value),
            _ => Some(root),
        }
    }
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

fn flatten_into<'a>(node: &'a YamlNode, prefix: &str, entries: &mut Vec<FlatEntry<'a>>) {
    match &node.value {
        YamlValue::Mapping(mapping) => {
            for entry in mapping {
                let path = join(prefix, &key_text(&entry.key));
                push_entry(&path, entry.key.span.clone(), &entry.value, entries);
            }
        }
        YamlValue::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                let path = format!("{prefix}[{index}]");
                push_entry(&path, item.span.clone(), item, entries);
            }
        }
        YamlValue::Scalar(_) | YamlValue::Alias => {}
    }
}

fn push_entry<'a>(
    path: &str,
    key_span: Span,
    value: &'a YamlNode,
    entries: &mut Vec<FlatEntry<'a>>,
) {
    entries.push(FlatEntry {
        path: path.to_owned(),
        key_span,
        kind: kind_of(value),
        value: value.as_str(),
        value_span: value.span.clone(),
    });
    flatten_into(value, path, entries);
}

fn collect_duplicates(node: &YamlNode, prefix: &str, duplicates: &mut Vec<DuplicateKey>) {
    match &node.value {
        YamlValue::Mapping(mapping) => {
            let mut first_spans: HashMap<String, Span> = HashMap::new();
            for entry in mapping {
                let key = key_text(&entry.key);
                let path = join(prefix, &key);
                match first_spans.get(&key) {
                    Some(first) => duplicates.push(DuplicateKey {
                        path: path.clone(),
                        first_key_span: first.clone(),
                        duplicate_key_span: entry.key.span.clone(),
                    }),
                    None => {
                        first_spans.insert(key, entry.key.span.clone());
                    }
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
