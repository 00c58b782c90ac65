//! A catalog that does not parse (YAML, JSON, TOML, PO), or an ICU message inside one that does
//! not: the loader fails or loses every key after the error.

use crate::model::catalog::{CatalogFormat, Dialect};
use crate::rules::catalog_pairing::scan_entry;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogSyntaxError)
}

struct CatalogSyntaxError;

impl Rule for CatalogSyntaxError {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(catalog) = &context.page.document.catalog else {
            return;
        };
        if let Some(error) = &catalog.error {
            let (language, help) = match catalog.format {
                CatalogFormat::Yaml | CatalogFormat::JekyllData => (
                    "YAML",
                    "fix the syntax (quote values that contain `: ` or start with a special character)",
                ),
                CatalogFormat::Hugo if context.page.path().ends_with(".toml") => {
                    ("TOML", "fix the syntax: Hugo stops building at this file")
                }
                CatalogFormat::Hugo if context.page.path().ends_with(".json") => {
                    ("JSON", "fix the syntax: Hugo stops building at this file")
                }
                CatalogFormat::Hugo => ("YAML", "fix the syntax: Hugo stops building at this file"),
                CatalogFormat::Gettext => ("PO", "fix the syntax: `msgfmt` refuses the file"),
                _ => (
                    "JSON",
                    "fix the syntax: `JSON.parse` allows no comments and no trailing commas",
                ),
            };
            diagnostics.push(
                Diagnostic::new(
                    context.page.path(),
                    error.span.clone(),
                    format!("{language} syntax error: {}", error.message),
                )
                .label("the parser stops here")
                .help(help),
            );
            return;
        }
        if catalog.dialect != Dialect::Icu {
            return;
        }
        for entry in &catalog.entries {
            let Some(error) = scan_entry(entry, Dialect::Icu).error else {
                continue;
            };
            diagnostics.push(
                Diagnostic::new(
                    context.page.path(),
                    entry.span_of(error.span.clone()),
                    format!(
                        "ICU message syntax error in `{}`: {}",
                        entry.path, error.message
                    ),
                )
                .label("the message does not parse")
                .help("fix the braces: the app shows the key or fails where this message is used"),
            );
        }
    }
}
