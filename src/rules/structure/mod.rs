//! The `structure` rules.

super::declare_rules! {
    category: "structure";
    translation_missing => "translation-missing",
    translation_orphan => "translation-orphan",
}
