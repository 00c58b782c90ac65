//! JSON catalogs, read as strictly as `JSON.parse` reads them (no comments, no trailing commas):
//! i18next (`locales/de/common.json`, nested keys, `_one`/`_other` plural suffixes), Chrome
//! (`_locales/de/messages.json`) and Docusaurus (`i18n/de/code.json`) message objects, Flutter
//! ARB (`app_de.arb`, ICU values, `@key` metadata) and Hugo (`i18n/de.json`).

use super::plural_groups;
use crate::model::catalog::{
    Catalog, CatalogEntry, CatalogError, CatalogFormat, Dialect, DuplicateKey, ValueKind,
    verbatim_offset,
};
use crate::source::Span;
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

/// Reads a JSON catalog.
pub fn parse(text: &str, format: CatalogFormat) -> Catalog {
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let mut catalog = Catalog::new(format, Dialect::I18next);
    let root = match parse_to_ast(text, &collect, &strict) {
        Ok(result) => result.value,
        Err(error) => {
            let range = error.range();
            catalog.error = Some(CatalogError {
                span: character_at(text, range.start),
                message: error.kind().to_string(),
            });
            return catalog;
        }
    };
    let Some(root) = root else {
        return catalog;
    };
    catalog.is_empty = false;
    let Value::Object(object) = &root else {
        catalog.error = Some(CatalogError {
            span: character_at(text, root_start(&root)),
            message: "a catalog must be an object of keys".to_owned(),
        });
        return catalog;
    };
    let messages = format == CatalogFormat::Json
        && !object.properties.is_empty()
        && object
            .properties
            .iter()
            .all(|property| is_message_object(&property.value));
    if messages {
        catalog.format = CatalogFormat::JsonMessages;
        catalog.dialect = Dialect::Brace;
    }
    if format == CatalogFormat::Chrome {
        catalog.dialect = Dialect::Chrome;
    }
    let mut walker = Walker {
        text,
        format: catalog.format,
        entries: Vec::new(),
        duplicates: Vec::new(),
    };
    walker.object(object, "");
    catalog.entries = walker.entries;
    catalog.duplicates = walker.duplicates;
    if catalog.format == CatalogFormat::Arb {
        catalog.dialect = Dialect::Icu;
        catalog.locale_key = object.properties.iter().find_map(|property| {
            let (name, span) = name_of(text, &property.name);
            (name == "@@locale").then(|| {
                let value = match &property.value {
                    Value::StringLit(value) => value.value.to_string(),
                    _ => String::new(),
                };
                (value, span)
            })
        });
    }
    match catalog.format {
        CatalogFormat::Json => {
            catalog.dialect = detect_dialect(&catalog.entries);
            if catalog.dialect == Dialect::I18next {
                plural_groups::suffixed(&mut catalog.entries);
            }
        }
        CatalogFormat::Hugo => {
            catalog.dialect = Dialect::GoTemplate;
            super::hugo_entries(&mut catalog.entries);
        }
        _ => {}
    }
    catalog
}

/// i18next unless the values are ICU messages (`{name}`, `{n, plural, …}`) and none uses
/// i18next's `{{name}}`: react-intl, FormatJS and i18next-icu catalogs.
fn detect_dialect(entries: &[CatalogEntry]) -> Dialect {
    let values = || entries.iter().filter_map(|entry| entry.value.as_deref());
    if values().any(|value| value.contains("{{") || value.contains("$t(")) {
        return Dialect::I18next;
    }
    let icu_like = values().any(|value| {
        crate::parse::icu::parse(value).is_ok_and(|message| !message.arguments.is_empty())
    });
    if icu_like {
        Dialect::Icu
    } else {
        Dialect::I18next
    }
}

/// `{"message": "…", "description": "…"}`: Chrome's and Docusaurus's shape.
fn is_message_object(value: &Value) -> bool {
    match value {
        Value::Object(object) => object.properties.iter().any(|property| {
            matches!(&property.name, ObjectPropName::String(name) if name.value == "message")
                && matches!(property.value, Value::StringLit(_))
        }),
        _ => false,
    }
}

fn root_start(value: &Value) -> usize {
    match value {
        Value::StringLit(value) => value.range.start,
        Value::NumberLit(value) => value.range.start,
        Value::BooleanLit(value) => value.range.start,
        Value::Object(value) => value.range.start,
        Value::Array(value) => value.range.start,
        Value::NullKeyword(value) => value.range.start,
    }
}

fn range_of(value: &Value) -> Span {
    let range = match value {
        Value::StringLit(value) => value.range,
        Value::NumberLit(value) => value.range,
        Value::BooleanLit(value) => value.range,
        Value::Object(value) => value.range,
        Value::Array(value) => value.range,
        Value::NullKeyword(value) => value.range,
    };
    range.start..range.end
}

/// One character at `offset` (or an empty span at the end), for an error.
fn character_at(text: &str, offset: usize) -> Span {
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

/// A property name and its span without the quotes when it has no escapes.
fn name_of(text: &str, name: &ObjectPropName) -> (String, Span) {
    match name {
        ObjectPropName::String(literal) => {
            let span = literal.range.start..literal.range.end;
            let inner = verbatim_offset(text, &span, &literal.value)
                .map_or(span.clone(), |start| start..start + literal.value.len());
            (literal.value.to_string(), inner)
        }
        ObjectPropName::Word(word) => (word.value.to_owned(), word.range.start..word.range.end),
    }
}

struct Walker<'t> {
    text: &'t str,
    format: CatalogFormat,
    entries: Vec<CatalogEntry>,
    duplicates: Vec<DuplicateKey>,
}

impl Walker<'_> {
    fn object(&mut self, object: &jsonc_parser::ast::Object, prefix: &str) {
        let mut seen: Vec<(String, Span)> = Vec::new();
        for property in &object.properties {
            let (name, key_span) = name_of(self.text, &property.name);
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            match seen.iter().find(|(key, _)| *key == name) {
                Some((_, first)) => self.duplicates.push(DuplicateKey {
                    path: path.clone(),
                    first_key_span: first.clone(),
                    duplicate_key_span: key_span.clone(),
                }),
                None => seen.push((name.clone(), key_span.clone())),
            }
            // ARB metadata (`@key`, `@@locale`) describes the strings; it is not translated.
            if self.format == CatalogFormat::Arb && name.starts_with('@') {
                continue;
            }
            if matches!(
                self.format,
                CatalogFormat::JsonMessages | CatalogFormat::Chrome
            ) {
                self.message(&property.value, path, key_span);
            } else {
                self.value(&property.value, path, key_span);
            }
        }
    }

    /// A Chrome or Docusaurus message: only `message` is translated.
    fn message(&mut self, value: &Value, path: String, key_span: Span) {
        let Value::Object(object) = value else {
            return;
        };
        let message = object.properties.iter().find(|property| {
            matches!(&property.name, ObjectPropName::String(name) if name.value == "message")
        });
        match message.map(|property| &property.value) {
            Some(message @ Value::StringLit(_)) => self.value(message, path, key_span),
            _ => self.value(value, path, key_span),
        }
    }

    fn value(&mut self, value: &Value, path: String, key_span: Span) {
        let span = range_of(value);
        let kind = match value {
            Value::Object(_) => ValueKind::Mapping,
            Value::Array(_) => ValueKind::List,
            Value::NullKeyword(_) => ValueKind::Null,
            _ => ValueKind::String,
        };
        let mut entry = CatalogEntry::new(path.clone(), key_span, kind, span.clone());
        match value {
            Value::StringLit(literal) => {
                entry.value_offset = verbatim_offset(self.text, &span, &literal.value);
                entry.value = Some(literal.value.to_string());
            }
            Value::NumberLit(number) => entry.value = Some(number.value.to_owned()),
            Value::BooleanLit(boolean) => entry.value = Some(boolean.value.to_string()),
            _ => {}
        }
        self.entries.push(entry);
        match value {
            Value::Object(object) => self.object(object, &path),
            Value::Array(array) => {
                for (index, element) in array.elements.iter().enumerate() {
                    self.value(element, format!("{path}[{index}]"), range_of(element));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(catalog: &Catalog) -> Vec<(&str, Option<&str>, Option<&str>)> {
        catalog
            .entries
            .iter()
            .map(|entry| {
                (
                    entry.path.as_str(),
                    entry.value.as_deref(),
                    entry.plural.as_ref().map(|form| form.category.as_str()),
                )
            })
            .collect()
    }

    #[test]
    fn i18next_nested_keys_and_plural_suffixes() {
        let text = r#"{"nav": {"home": "Start"}, "files_one": "{{count}} Datei", "files_other": "{{count}} Dateien"}"#;
        let catalog = parse(text, CatalogFormat::Json);
        assert_eq!(catalog.error, None);
        assert_eq!(catalog.dialect, Dialect::I18next);
        assert_eq!(
            summary(&catalog),
            [
                ("nav", None, None),
                ("nav.home", Some("Start"), None),
                ("files_one", Some("{{count}} Datei"), Some("one")),
                ("files_other", Some("{{count}} Dateien"), Some("other")),
            ]
        );
        let home = &catalog.entries[1];
        assert_eq!(&text[home.key_span.clone()], "home");
        assert_eq!(&text[home.value_span.clone()], "\"Start\"");
        assert_eq!(home.value_offset, Some(text.find("Start").unwrap()));
    }

    #[test]
    fn chrome_and_docusaurus_messages() {
        let text = r#"{"greet": {"message": "Hi $USER$", "description": "d", "placeholders": {"user": {"content": "$1"}}}}"#;
        let catalog = parse(text, CatalogFormat::Chrome);
        assert_eq!(catalog.dialect, Dialect::Chrome);
        assert_eq!(summary(&catalog), [("greet", Some("Hi $USER$"), None)]);
        let docusaurus = parse(
            r#"{"theme.x": {"message": "{count} items"}}"#,
            CatalogFormat::Json,
        );
        assert_eq!(docusaurus.format, CatalogFormat::JsonMessages);
        assert_eq!(docusaurus.dialect, Dialect::Brace);
        assert_eq!(
            summary(&docusaurus),
            [("theme.x", Some("{count} items"), None)]
        );
    }

    #[test]
    fn arb_skips_metadata_and_reads_the_locale() {
        let text = r#"{"@@locale": "cy", "hello": "Helo {name}", "@hello": {"placeholders": {"name": {}}}}"#;
        let catalog = parse(text, CatalogFormat::Arb);
        assert_eq!(catalog.dialect, Dialect::Icu);
        assert_eq!(catalog.locale_key().unwrap().0, "cy");
        assert_eq!(summary(&catalog), [("hello", Some("Helo {name}"), None)]);
    }

    #[test]
    fn icu_json_is_detected() {
        let catalog = parse(
            r#"{"a": "Hello {name}", "b": "{n, plural, one {#} other {#}}"}"#,
            CatalogFormat::Json,
        );
        assert_eq!(catalog.dialect, Dialect::Icu);
    }

    #[test]
    fn syntax_errors_point_at_the_character() {
        let text = "{\n  \"a\": \"x\",\n  \"b\": \"y\",\n}";
        let catalog = parse(text, CatalogFormat::Json);
        let error = catalog.error.unwrap();
        // The trailing comma is where `JSON.parse` fails.
        assert_eq!(&text[error.span.clone()], ",");
        let comment = parse("{\"a\": 1 // no\n}", CatalogFormat::Json);
        assert!(comment.error.is_some());
    }

    #[test]
    fn duplicates_and_non_objects() {
        let text = r#"{"a": "1", "a": "2"}"#;
        let catalog = parse(text, CatalogFormat::Json);
        assert_eq!(catalog.duplicates.len(), 1);
        assert!(parse("[1]", CatalogFormat::Json).error.is_some());
        assert!(parse("", CatalogFormat::Json).is_empty);
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&deep, CatalogFormat::Json).error.is_some());
    }
}
