//! The `drift` rules.

super::declare_rules! {
    category: "drift";
    translation_outdated => "translation-outdated",
}
