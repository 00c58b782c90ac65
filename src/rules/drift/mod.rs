//! The `drift` rules.

mod translation_outdated;

super::declare_rules! {
    category: "drift";
    translation_outdated => "translation-outdated",
}
