//! Plural variants (`[few]`) that are not CLDR plural categories of the file's locale.

use crate::parse::plurals::plural_categories;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentPluralCategory)
}

struct FluentPluralCategory;

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Languages that gained `many` (for large numbers such as a million) after CLDR 37, the
/// version the bundled plural rules come from: a `[many]` variant is right for them.
const MANY_SINCE_CLDR_38: [&str; 5] = ["fr", "es", "it", "pt", "ca"];

impl Rule for FluentPluralCategory {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(fluent), Some(locale)) = (
            &context.page.document.fluent,
            context.page.file.locale.as_deref(),
        ) else {
            return;
        };
        let Some(mut categories) = plural_categories(locale) else {
            return;
        };
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        if MANY_SINCE_CLDR_38.contains(&language) && !categories.contains(&"many") {
            let other = categories.iter().position(|name| *name == "other");
            categories.insert(other.unwrap_or(categories.len()), "many");
        }
        let patterns = fluent.entries.iter().flat_map(|entry| {
            entry
                .value
                .iter()
                .chain(entry.attributes.iter().map(|attribute| &attribute.value))
        });
        for select in patterns.flat_map(|pattern| &pattern.selects) {
            let named: Vec<_> = select
                .variants
                .iter()
                .filter(|variant| !variant.is_numeric)
                .collect();
            // Only a select whose keys are all plural categories selects on a number; `[male]`
            // or `[masculine]` mean another kind of select.
            let is_plural = named
                .iter()
                .all(|variant| CATEGORIES.contains(&variant.key.as_str()))
                && named.iter().any(|variant| variant.key != "other");
            // Ordinals (`NUMBER($n, type: "ordinal")`) have categories of their own.
            let head = &context.text[select.span.clone()];
            let head = head.split("->").next().unwrap_or(head);
            if !is_plural || head.contains("ordinal") {
                continue;
            }
            for variant in named {
                if categories.contains(&variant.key.as_str()) {
                    continue;
                }
                let known: Vec<String> =
                    categories.iter().map(|name| format!("`{name}`")).collect();
                diagnostics.push(
                    Diagnostic::new(
                        context.page.path(),
                        variant.key_span.clone(),
                        format!(
                            "`[{}]` is not a plural category of `{locale}`, so this variant is never selected",
                            variant.key
                        ),
                    )
                    .label("never selected")
                    .help(format!(
                        "`{locale}` has {}; use an exact number like `[0]` for a specific count",
                        known.join(", ")
                    )),
                );
            }
        }
    }
}
