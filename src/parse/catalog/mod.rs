//! String catalogs, one reader per format, all into `model::catalog::Catalog`.

pub mod gettext;
pub mod json;
mod plural_groups;
pub mod toml;
pub mod yaml;

use crate::model::catalog::{Catalog, CatalogEntry, CatalogFormat};

/// Reads a catalog of `format`. Syntax errors are recorded in [`Catalog::error`]. Hugo's
/// catalogs may be TOML, YAML or JSON: the text tells which.
pub fn parse_catalog(format: CatalogFormat, text: &str) -> Catalog {
    match format {
        CatalogFormat::Gettext => gettext::parse(text),
        CatalogFormat::Json
        | CatalogFormat::JsonMessages
        | CatalogFormat::Chrome
        | CatalogFormat::Arb => json::parse(text, format),
        CatalogFormat::Hugo => match hugo_syntax(text) {
            HugoSyntax::Toml => toml::parse(text),
            HugoSyntax::Json => json::parse(text, format),
            HugoSyntax::Yaml => yaml::parse(text, format),
        },
        CatalogFormat::Yaml | CatalogFormat::JekyllData => yaml::parse(text, format),
    }
}

enum HugoSyntax {
    Toml,
    Yaml,
    Json,
}

/// Hugo reads `i18n/de.toml`, `.yaml` and `.json`; the extension is gone by now, the first
/// meaningful line tells them apart (`[key]` or `key = ` is TOML, `{` is JSON).
fn hugo_syntax(text: &str) -> HugoSyntax {
    let first = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .unwrap_or_default();
    let toml_key = first.split_once('=').is_some_and(|(key, _)| {
        let key = key.trim();
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\''))
    });
    if first.starts_with('{') {
        HugoSyntax::Json
    } else if first.starts_with('[') || toml_key {
        HugoSyntax::Toml
    } else {
        HugoSyntax::Yaml
    }
}

/// go-i18n's shape, shared by Hugo's TOML, YAML and JSON: `key: text`, or a table of plural
/// forms (`other` alone is the plain string) with `description` and the like beside them.
fn hugo_entries(entries: &mut Vec<CatalogEntry>) {
    plural_groups::nested(entries, true);
}
