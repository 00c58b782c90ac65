//! String catalogs in every format l10nlint reads (YAML, JSON, ARB, Hugo TOML, gettext PO), as
//! one model: entries with a key path, a value, spans, plural groups and the placeholder syntax
//! the runtime reads. One parser per format (`parse::catalog::*`) builds it, so the catalog
//! rules are written once for every format.

use crate::source::Span;

/// The file format a catalog was read from; decides key syntax and what a plural group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CatalogFormat {
    /// Rails and i18n-js catalogs (`config/locales/de.yml`).
    Yaml,
    /// Jekyll data (`_data/lang/de.yml`): YAML that templates read without interpolation.
    JekyllData,
    /// i18next and other key/value JSON (`locales/de/common.json`).
    Json,
    /// Values are objects with a `message` (Docusaurus `i18n/de/code.json`).
    JsonMessages,
    /// Chrome extensions' `_locales/de/messages.json`: message objects, `$name$` placeholders.
    Chrome,
    /// Flutter Application Resource Bundles (`app_de.arb`): ICU values, `@key` metadata.
    Arb,
    /// Hugo's `i18n/de.toml|yaml|json` (go-i18n: `[key]` tables with `one`/`other`).
    Hugo,
    /// GNU gettext `.po` / `.pot`.
    Gettext,
}

impl CatalogFormat {
    /// What the format is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            CatalogFormat::Yaml | CatalogFormat::JekyllData | CatalogFormat::Hugo => "YAML",
            CatalogFormat::Json
            | CatalogFormat::JsonMessages
            | CatalogFormat::Chrome
            | CatalogFormat::Arb => "JSON",
            CatalogFormat::Gettext => "PO",
        }
    }
}

/// How the runtime that reads a catalog finds placeholders in its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Ruby's I18n (Rails, i18n-js): `%{name}` and `%<name>s`.
    Rails,
    /// i18next: `{{name}}` and nested `$t(key)`.
    I18next,
    /// ICU MessageFormat: `{name}`, `{count, plural, …}`, `#`.
    Icu,
    /// Go templates (Hugo, go-i18n): `{{ .Count }}`.
    GoTemplate,
    /// Chrome extensions: `$name$` and `$1`.
    Chrome,
    /// Docusaurus `translate()`: `{name}`.
    Brace,
    /// gettext entries: the syntax their flags name (`c-format`, `python-format`, …).
    Gettext,
    /// Jekyll data strings: not interpolated, but Liquid-style `{{ name }}` and `%{name}` are
    /// what templates replace by hand.
    Liquid,
}

/// What kind of value a key holds; a translation must keep the source's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// Any non-null scalar: catalogs hold text, so `5` and `"5"` are the same kind.
    String,
    Mapping,
    List,
    /// `key:` with nothing after it, `~`, `null`, or an empty `msgstr`.
    Null,
    /// `*anchor`: the value lives elsewhere in the file.
    Alias,
}

/// A parsed catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub format: CatalogFormat,
    /// The placeholder syntax of its values.
    pub dialect: Dialect,
    /// Every key at any depth, depth first in file order; a duplicate key appears once per
    /// occurrence. Plural forms are entries too, with [`CatalogEntry::plural`] set.
    pub entries: Vec<CatalogEntry>,
    pub duplicates: Vec<DuplicateKey>,
    /// The first syntax error; entries hold what parsed before it.
    pub error: Option<CatalogError>,
    /// The top-level key naming the locale (`de:` in a YAML catalog, `@@locale` in ARB).
    pub locale_key: Option<(String, Span)>,
    /// Whether the file holds nothing at all (not even an empty mapping).
    pub is_empty: bool,
    /// A gettext file's `Plural-Forms` header.
    pub plural_forms: Option<PluralForms>,
}

/// One key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// Keys joined with `.` from the top (below a YAML locale key): `nav.download`; list items
    /// add `[index]` (`months[0]`); JSON suffixed plural forms keep their key (`files_one`);
    /// gettext entries are their `msgid` (with `msgctxt` and `\u{4}` in front when given),
    /// and `msgstr[n]` adds `[n]`.
    pub path: String,
    /// The key as written; for a list item, the item.
    pub key_span: Span,
    pub kind: ValueKind,
    /// The text of a `String` value, unescaped.
    pub value: Option<String>,
    /// The value as written, quotes included.
    pub value_span: Span,
    /// Where `value` starts in the file when it is written there byte for byte (no escapes,
    /// no line folding), so that a position inside the value is a position in the file.
    pub value_offset: Option<usize>,
    /// The plural group this form belongs to, and its category.
    pub plural: Option<PluralForm>,
    /// A gettext entry's source string (`msgid`; `msgid_plural` for forms after the first).
    pub source_text: Option<SourceText>,
    /// gettext flags (`fuzzy`, `c-format`, `python-format`, …).
    pub flags: Vec<String>,
}

/// The source string inside a gettext entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub text: String,
    /// Every source string of the entry (`msgid` and `msgid_plural`), for plural forms.
    pub all: Vec<String>,
    pub span: Span,
}

/// A form of a plural group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralForm {
    /// The group's path: `inbox.messages` for `inbox.messages.one` or `inbox.messages_one`.
    pub group: String,
    /// A CLDR category (`zero`, `one`, `two`, `few`, `many`, `other`), or for gettext the
    /// index of `msgstr[n]`.
    pub category: String,
}

/// The `Plural-Forms` header of a gettext file: `nplurals=3; plural=(n==1 ? 0 : …);`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralForms {
    pub count: usize,
    /// The `plural=` expression, as written.
    pub expression: String,
    pub span: Span,
}

/// A key that appears a second time in the same mapping (loaders keep only one of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Path of the repeated key, as in [`CatalogEntry::path`].
    pub path: String,
    pub first_key_span: Span,
    pub duplicate_key_span: Span,
}

/// A syntax error at a byte span of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    /// One character where the parser gave up, or an empty span at the end of the text.
    pub span: Span,
    pub message: String,
}

/// The CLDR plural categories, in CLDR order.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl Catalog {
    /// A catalog with nothing in it yet.
    pub fn new(format: CatalogFormat, dialect: Dialect) -> Self {
        Self {
            format,
            dialect,
            entries: Vec::new(),
            duplicates: Vec::new(),
            error: None,
            locale_key: None,
            is_empty: true,
            plural_forms: None,
        }
    }

    /// The top-level key and its span (`de:` in `de.yml`).
    pub fn locale_key(&self) -> Option<(&str, Span)> {
        self.locale_key
            .as_ref()
            .map(|(key, span)| (key.as_str(), span.clone()))
    }

    /// The entries of one plural group, in file order.
    pub fn plural_group<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a CatalogEntry> {
        self.entries.iter().filter(move |entry| {
            entry
                .plural
                .as_ref()
                .is_some_and(|form| form.group == group)
        })
    }
}

impl CatalogEntry {
    /// An entry with a key and nothing else known yet.
    pub fn new(path: String, key_span: Span, kind: ValueKind, value_span: Span) -> Self {
        Self {
            path,
            key_span,
            kind,
            value: None,
            value_span,
            value_offset: None,
            plural: None,
            source_text: None,
            flags: Vec::new(),
        }
    }

    /// Whether the gettext flag `flag` (`fuzzy`, `c-format`, …) is set.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|set| set == flag)
    }

    /// Where bytes `range` of the value are in the file, or the whole value when the value is
    /// not written byte for byte.
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Span {
        match self.value_offset {
            Some(offset) => offset + range.start..offset + range.end,
            None => self.value_span.clone(),
        }
    }
}

/// Where an unescaped `value` starts in `text[span]`: at the start when written as is, one byte
/// in when quoted without escapes.
pub fn verbatim_offset(text: &str, span: &Span, value: &str) -> Option<usize> {
    let written = text.get(span.clone())?;
    if written == value {
        Some(span.start)
    } else if written.len() == value.len() + 2 && written.get(1..written.len() - 1) == Some(value) {
        Some(span.start + 1)
    } else {
        None
    }
}

/// Whether `path` lies below `ancestor` (`nav.home` below `nav`, `months[0]` below `months`).
pub fn is_under(path: &str, ancestor: &str) -> bool {
    path.strip_prefix(ancestor)
        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The path of the mapping or list holding `path`, and the last key: `nav.home` → (`nav`, `home`).
pub fn split_last(path: &str) -> (&str, &str) {
    match path.rfind(['.', '[']) {
        Some(at) if path[at..].starts_with('.') => (&path[..at], &path[at + 1..]),
        Some(at) => (&path[..at], &path[at..]),
        None => ("", path),
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
    }

    #[test]
    fn verbatim_values_map_to_the_file() {
        let text = r#"a: "x %{n}" b: 'it''s' c: plain"#;
        let quoted = 3..11;
        assert_eq!(verbatim_offset(text, &quoted, "x %{n}"), Some(4));
        assert_eq!(verbatim_offset(text, &(15..22), "it's"), None);
        assert_eq!(verbatim_offset(text, &(26..31), "plain"), Some(26));
    }
}
