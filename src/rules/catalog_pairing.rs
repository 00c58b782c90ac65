//! Matching the keys of a translated catalog with the source catalog's, by full path, and
//! the plural groups and placeholders that several catalog rules compare.

use crate::model::catalog::{Catalog, CatalogEntry, CatalogFormat, Dialect, ValueKind};
use crate::parse::placeholders::{Placeholder, Scan, is_date_format, scan};
use crate::parse::plurals::{
    PluralFormula, ordinal_categories, plural_categories, single_number_categories,
};
use crate::source::Span;
use std::collections::{HashMap, HashSet};

pub use crate::model::catalog::{is_under, split_last};

/// The keys of both catalogs, each path once (the first occurrence; duplicates are
/// `catalog-duplicate-key`'s business).
pub struct CatalogPair<'a> {
    pub source: Vec<&'a CatalogEntry>,
    pub translation: Vec<&'a CatalogEntry>,
    source_by_path: HashMap<&'a str, usize>,
    translation_by_path: HashMap<&'a str, usize>,
    source_groups: HashSet<&'a str>,
    translation_groups: HashSet<&'a str>,
}

impl<'a> CatalogPair<'a> {
    pub fn new(source: &'a Catalog, translation: &'a Catalog) -> Self {
        let source = first_occurrences(&source.entries);
        let translation = first_occurrences(&translation.entries);
        let index = |entries: &[&'a CatalogEntry]| {
            entries
                .iter()
                .enumerate()
                .map(|(index, entry)| (entry.path.as_str(), index))
                .collect()
        };
        let groups = |entries: &[&'a CatalogEntry]| {
            entries
                .iter()
                .filter_map(|entry| entry.plural.as_ref().map(|form| form.group.as_str()))
                .collect()
        };
        Self {
            source_by_path: index(&source),
            translation_by_path: index(&translation),
            source_groups: groups(&source),
            translation_groups: groups(&translation),
            source,
            translation,
        }
    }

    pub fn in_source(&self, path: &str) -> Option<&'a CatalogEntry> {
        self.source_by_path
            .get(path)
            .map(|index| self.source[*index])
    }

    pub fn in_translation(&self, path: &str) -> Option<&'a CatalogEntry> {
        self.translation_by_path
            .get(path)
            .map(|index| self.translation[*index])
    }

    /// Whether the source has a plural group `group` (forms, or a mapping holding them).
    pub fn source_has_group(&self, group: &str) -> bool {
        self.source_groups.contains(group)
    }

    /// Whether the translation has the plural group `group`, or a key of that name.
    pub fn translation_has_group(&self, group: &str) -> bool {
        self.translation_groups.contains(group) || self.in_translation(group).is_some()
    }

    /// Whether `path` names a plural group or one of its forms on either side: their shape is
    /// the plural rules' to judge, not the key and kind rules'.
    pub fn is_plural(&self, entry: &CatalogEntry) -> bool {
        entry.plural.is_some()
            || self.source_groups.contains(entry.path.as_str())
            || self.translation_groups.contains(entry.path.as_str())
    }

    /// Paths present on both sides with values of comparable kinds: neither an alias (whose
    /// value lives elsewhere) nor a source without a value.
    pub fn comparable_kinds(source: ValueKind, translation: ValueKind) -> bool {
        !matches!(source, ValueKind::Alias | ValueKind::Null) && translation != ValueKind::Alias
    }

    /// The span of the deepest key above `path` that the translation has, where a missing
    /// key belongs.
    pub fn translation_parent_span(&self, path: &str) -> Option<Span> {
        self.translation
            .iter()
            .filter(|entry| is_under(path, &entry.path))
            .max_by_key(|entry| entry.path.len())
            .map(|entry| entry.key_span.clone())
    }
}

fn first_occurrences(entries: &[CatalogEntry]) -> Vec<&CatalogEntry> {
    let mut seen = HashSet::new();
    entries
        .iter()
        .filter(|entry| seen.insert(entry.path.as_str()))
        .collect()
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

/// Whether a catalog's syntax error leaves its entries unknown.
pub fn is_broken(catalog: &Catalog) -> bool {
    catalog.error.is_some()
}

/// The placeholders of an entry's value as `dialect` reads them; date formats (values under a
/// `formats` key, or that read as `strftime` patterns) have none.
pub fn scan_entry(entry: &CatalogEntry, dialect: Dialect) -> Scan {
    let Some(value) = entry.value.as_deref() else {
        return Scan::default();
    };
    scan_text(&entry.path, value, dialect, &entry.flags)
}

/// [`scan_entry`] for any text of an entry at `path`.
pub fn scan_text(path: &str, value: &str, dialect: Dialect, flags: &[String]) -> Scan {
    let under_formats = path.split(['.', '[']).any(|segment| segment == "formats");
    if (under_formats || is_date_format(value)) && !value.contains("%{") && !value.contains("%<") {
        return Scan::default();
    }
    scan(value, dialect, flags)
}

/// The variable a plural form's count is passed in.
pub fn count_variable(dialect: Dialect) -> Option<&'static str> {
    match dialect {
        Dialect::Rails | Dialect::I18next | Dialect::Liquid => Some("count"),
        Dialect::GoTemplate => Some(".Count"),
        _ => None,
    }
}

/// The plural categories of `locale` for a group (`_ordinal` groups use ordinal rules).
pub fn categories_for(locale: &str, group: &str) -> Option<Vec<&'static str>> {
    if group.ends_with("_ordinal") {
        ordinal_categories(locale)
    } else {
        plural_categories(locale)
    }
}

/// Whether the form `category` of a translation in `locale` may leave out the count: the
/// category selects a single number there (`one` in English is 1 only, but 1, 21, 31 … in
/// Russian), or it is Rails's and i18next's explicit `zero`.
pub fn may_omit_count(catalog: &Catalog, locale: &str, category: &str) -> bool {
    if catalog.format == CatalogFormat::Gettext {
        let formula = catalog
            .plural_forms
            .as_ref()
            .and_then(|forms| PluralFormula::parse(&forms.expression));
        return match (formula, category.parse::<u64>()) {
            (Some(formula), Ok(index)) => formula.single_number_indices().contains(&index),
            _ => false,
        };
    }
    category == "zero" && catalog.format != CatalogFormat::Hugo
        || single_number_categories(locale).contains(&category)
}

/// The placeholder names of a set of scans, each name once, in order of first use.
pub fn union<'s>(scans: impl IntoIterator<Item = &'s Scan>) -> Vec<&'s Placeholder> {
    let mut seen = HashSet::new();
    let mut union = Vec::new();
    for scan in scans {
        for placeholder in &scan.placeholders {
            if seen.insert(placeholder.name.as_str()) {
                union.push(placeholder);
            }
        }
    }
    union
}

/// Where `value` writes the variable `name` in a syntax its runtime does not read (`{name}`,
/// `{{name}}`, `%{ name }`, `％{name}`, `%(name)s`, `$name`), outside its real placeholders.
pub fn written_otherwise(value: &str, name: &str, found: &Scan) -> Option<std::ops::Range<usize>> {
    let bare = name.trim_start_matches(['.', '$']);
    if bare.is_empty()
        || !bare
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return None;
    }
    let name = regex::escape(bare);
    let pattern = format!(
        r"(?:[%％﹪]\s?)?[{{｛]{{1,2}}-?\s*\.?{name}\s*[}}｝]{{1,2}}|%\({name}\)[a-z]|\${name}\b"
    );
    let pattern = regex::Regex::new(&pattern).ok()?;
    pattern
        .find_iter(value)
        .map(|found| found.range())
        .find(|range| {
            !found.placeholders.iter().any(|placeholder| {
                placeholder.span.start < range.end && range.start < placeholder.span.end
            })
        })
}

/// Whether a runtime ever shows the plural form `category` of `group` in `locale`: the locale
/// has the category, or it is the explicit `zero` of Rails and i18next.
pub fn form_is_used(catalog: &Catalog, locale: &str, group: &str, category: &str) -> bool {
    if catalog.format == CatalogFormat::Gettext {
        return true;
    }
    if category == "zero" && catalog.format != CatalogFormat::Hugo {
        return true;
    }
    categories_for(locale, group).is_none_or(|categories| categories.contains(&category))
}
