//! Fluent resources: entries, patterns, selects and junk with spans.
#![no_main]

use l10nlint::parse::fluent;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/spans.rs"]
mod spans;

fuzz_target!(|text: &str| {
    spans::assert_fluent_spans_valid(text, &fluent::parse_fluent(text));
});
