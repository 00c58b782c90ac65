//! The `fluent` rules.

mod fluent_attribute_parity;
mod fluent_duplicate_id;
mod fluent_message_missing;
mod fluent_message_obsolete;
mod fluent_plural_category;
mod fluent_reference_unknown;
mod fluent_syntax_error;
mod fluent_term_argument;
mod fluent_url_parity;
mod fluent_value_parity;
mod fluent_variable_parity;

super::declare_rules! {
    category: "fluent";
    fluent_attribute_parity => "fluent-attribute-parity",
    fluent_duplicate_id => "fluent-duplicate-id",
    fluent_message_missing => "fluent-message-missing",
    fluent_message_obsolete => "fluent-message-obsolete",
    fluent_plural_category => "fluent-plural-category",
    fluent_reference_unknown => "fluent-reference-unknown",
    fluent_syntax_error => "fluent-syntax-error",
    fluent_term_argument => "fluent-term-argument",
    fluent_url_parity => "fluent-url-parity",
    fluent_value_parity => "fluent-value-parity",
    fluent_variable_parity => "fluent-variable-parity",
}
