//! The `structure` rules.

mod translation_missing;
mod translation_orphan;

super::declare_rules! {
    category: "structure";
    translation_missing => "translation-missing",
    translation_orphan => "translation-orphan",
}
