//! Hugo's TOML string catalogs (`i18n/de.toml`): `key = "text"` or go-i18n tables
//! `[key]` with `other = "…"` and plural forms beside it.

use crate::model::catalog::{
    Catalog, CatalogEntry, CatalogError, CatalogFormat, Dialect, ValueKind, verbatim_offset,
};
use crate::source::Span;
use toml::de::{DeTable, DeValue};

pub fn parse(text: &str) -> Catalog {
    let mut catalog = Catalog::new(CatalogFormat::Hugo, Dialect::GoTemplate);
    let (root, errors) = DeTable::parse_recoverable(text);
    if let Some(error) = errors.first() {
        let start = error
            .span()
            .map_or(text.len(), |span| span.start.min(text.len()));
        let end = text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(start, |c| start + c.len_utf8());
        catalog.error = Some(CatalogError {
            span: start..end,
            message: error.message().trim().to_owned(),
        });
        return catalog;
    }
    catalog.is_empty = text.trim().is_empty();
    table(text, root.get_ref(), "", &mut catalog.entries);
    // The map is sorted by key; the rules report in file order.
    catalog.entries.sort_by_key(|entry| entry.key_span.start);
    super::hugo_entries(&mut catalog.entries);
    catalog
}

fn table(text: &str, table: &DeTable, prefix: &str, entries: &mut Vec<CatalogEntry>) {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        let key_span: Span = key.span();
        let value_span: Span = value.span();
        let kind = match value.get_ref() {
            DeValue::Table(_) => ValueKind::Mapping,
            DeValue::Array(_) => ValueKind::List,
            _ => ValueKind::String,
        };
        let mut entry = CatalogEntry::new(path.clone(), key_span, kind, value_span.clone());
        match value.get_ref() {
            DeValue::String(string) => {
                entry.value_offset = verbatim_offset(text, &value_span, string);
                entry.value = Some(string.to_string());
            }
            DeValue::Table(_) | DeValue::Array(_) => {}
            // Numbers, booleans and dates are text to a catalog, as written.
            _ => entry.value = text.get(value_span.clone()).map(str::to_owned),
        }
        entries.push(entry);
        if let DeValue::Table(inner) = value.get_ref() {
            self::table(text, inner, &path, entries);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_i18n_tables_and_plain_keys() {
        let text = "plain = \"x\"\n# UI\n[read_more]\nother = \"Weiterlesen\"\n\n[posts]\ndescription = \"n posts\"\none = \"{{ .Count }} Beitrag\"\nother = \"{{ .Count }} Beiträge\"\n";
        let catalog = parse(text);
        assert_eq!(catalog.error, None);
        let summary: Vec<_> = catalog
            .entries
            .iter()
            .map(|entry| {
                (
                    entry.path.as_str(),
                    entry.plural.as_ref().map(|form| form.category.as_str()),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                // A top-level string is go-i18n's `other` form alone.
                ("plain", Some("other")),
                ("read_more", None),
                ("read_more.other", Some("other")),
                ("posts", None),
                ("posts.one", Some("one")),
                ("posts.other", Some("other")),
            ]
        );
        let other = &catalog.entries[2];
        assert_eq!(&text[other.key_span.clone()], "other");
        assert_eq!(&text[other.value_span.clone()], "\"Weiterlesen\"");
        assert_eq!(other.value_offset, Some(text.find("Weiterlesen").unwrap()));
    }

    #[test]
    fn errors_point_at_their_position() {
        let text = "[a]\nother = \"ok\"\n[b]\nother = \"unclosed\n";
        let catalog = parse(text);
        let error = catalog.error.unwrap();
        assert!(error.span.start > text.find("[b]").unwrap(), "{error:?}");
    }
}
