//! The `front-matter` rules.

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
