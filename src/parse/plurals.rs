//! CLDR plural categories of a locale, for checking plural variant keys (`[one]`, `[few]`).

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The cardinal plural categories of `locale` in CLDR order (`zero`, `one`, `two`, `few`,
/// `many`, `other`) as the bundled CLDR data defines them, or `None` when the code does not parse or CLDR has no rules for it.
///
/// Accepts the spellings found in file names: `pt_BR`, `zh-Hant`, `sr-Latn`. A regional or
/// script variant without rules of its own falls back to its language (`pt-BR` uses `pt`).
pub fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    let langid: LanguageIdentifier = locale.replace('_', "-").parse().ok()?;
    let language_only = LanguageIdentifier::from_parts(langid.language, None, None, &[]);
    let rules = PluralRules::create(langid, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(language_only, PluralRuleType::CARDINAL))
        .ok()?;
    // intl_pluralrules cannot list a locale's categories, so they are found by selecting
    // numbers that together reach every category CLDR defines.
    let mut found = Vec::new();
    for sample in plural_samples() {
        if let Ok(category) = rules.select(sample.as_str()) {
            let name = category_name(&category);
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found.sort_by_key(|name| CLDR_ORDER.iter().position(|known| known == name));
    Some(found)
}

const CLDR_ORDER: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Integers up to 1000 reach every integer category (Arabic's `many` is 11–99 modulo 100,
/// Welsh's `many` is 6); decimals reach the categories only fractions select (`other` in
/// Russian, `one` for 0.0–1.5 in French); a million reaches the `many` that newer CLDR versions
/// give French, Spanish and Italian.
fn plural_samples() -> impl Iterator<Item = String> {
    let integers = (0..=1000).map(|n: u32| n.to_string());
    let decimals = (0..=30).map(|tenths: u32| format!("{}.{}", tenths / 10, tenths % 10));
    let large = ["1000000", "0.00", "1.00", "10.0"].map(str::to_owned);
    integers.chain(decimals).chain(large)
}

fn category_name(category: &PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_of_common_locales() {
        assert_eq!(plural_categories("en"), Some(vec!["one", "other"]));
        assert_eq!(plural_categories("ja"), Some(vec!["other"]));
        // intl_pluralrules 7 ships CLDR 37, before French gained `many` (CLDR 38).
        assert_eq!(plural_categories("fr"), Some(vec!["one", "other"]));
        assert_eq!(
            plural_categories("ru"),
            Some(vec!["one", "few", "many", "other"])
        );
        assert_eq!(
            plural_categories("ar"),
            Some(vec!["zero", "one", "two", "few", "many", "other"])
        );
        assert_eq!(
            plural_categories("cy"),
            Some(vec!["zero", "one", "two", "few", "many", "other"])
        );
        assert_eq!(
            plural_categories("pl"),
            Some(vec!["one", "few", "many", "other"])
        );
    }

    #[test]
    fn file_name_spellings_and_fallback_to_the_language() {
        assert_eq!(plural_categories("pt_BR"), plural_categories("pt"));
        assert_eq!(plural_categories("zh-Hant"), Some(vec!["other"]));
        assert_eq!(plural_categories("sr-Latn"), plural_categories("sr"));
        assert_eq!(plural_categories("zh_CN"), Some(vec!["other"]));
    }

    #[test]
    fn unknown_or_malformed_codes_have_no_categories() {
        assert_eq!(plural_categories("not a locale"), None);
        assert_eq!(plural_categories("qqq"), None);
    }
}
