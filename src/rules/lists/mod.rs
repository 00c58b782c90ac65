//! The `lists` rules.

mod list_entry_extra;
mod list_entry_missing;
mod list_entry_typo;
mod list_not_found;
mod list_order;

super::declare_rules! {
    category: "lists";
    list_entry_extra => "list-entry-extra",
    list_entry_missing => "list-entry-missing",
    list_entry_typo => "list-entry-typo",
    list_not_found => "list-not-found",
    list_order => "list-order",
}
