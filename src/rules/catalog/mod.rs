//! The `catalog` rules.

mod catalog_duplicate_key;
mod catalog_key_extra;
mod catalog_key_missing;
mod catalog_kind_mismatch;
mod catalog_locale_key;
mod catalog_placeholder_malformed;
mod catalog_placeholder_parity;
mod catalog_plural_extra;
mod catalog_plural_missing;
mod catalog_syntax_error;

super::declare_rules! {
    category: "catalog";
    catalog_duplicate_key => "catalog-duplicate-key",
    catalog_key_extra => "catalog-key-extra",
    catalog_key_missing => "catalog-key-missing",
    catalog_kind_mismatch => "catalog-kind-mismatch",
    catalog_locale_key => "catalog-locale-key",
    catalog_placeholder_malformed => "catalog-placeholder-malformed",
    catalog_placeholder_parity => "catalog-placeholder-parity",
    catalog_plural_extra => "catalog-plural-extra",
    catalog_plural_missing => "catalog-plural-missing",
    catalog_syntax_error => "catalog-syntax-error",
}
