//! The `front-matter` rules.

mod front_matter_extra_key;
mod front_matter_invalid;
mod front_matter_lang_mismatch;
mod front_matter_missing;
mod front_matter_missing_key;
mod front_matter_renamed_key;
mod front_matter_unexpected;
mod front_matter_untranslated;
mod front_matter_value_mismatch;

super::declare_rules! {
    category: "front-matter";
    front_matter_extra_key => "front-matter-extra-key",
    front_matter_invalid => "front-matter-invalid",
    front_matter_lang_mismatch => "front-matter-lang-mismatch",
    front_matter_missing => "front-matter-missing",
    front_matter_missing_key => "front-matter-missing-key",
    front_matter_renamed_key => "front-matter-renamed-key",
    front_matter_unexpected => "front-matter-unexpected",
    front_matter_untranslated => "front-matter-untranslated",
    front_matter_value_mismatch => "front-matter-value-mismatch",
}
