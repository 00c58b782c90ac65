//! YAML string catalogs: keys, values, duplicates and errors with spans.
#![no_main]

use l10nlint::parse::catalog;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/spans.rs"]
mod spans;

fuzz_target!(|text: &str| {
    spans::assert_catalog_spans_valid(text, &catalog::parse_catalog(text));
});
