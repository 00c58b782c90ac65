//! The front matter block: `---` lines, then YAML read with spans.
#![no_main]

use l10nlint::model::FileKind;
use l10nlint::parse::{self, HeadingIds};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/spans.rs"]
mod spans;

fuzz_target!(|text: &str| {
    // Always a front matter block, whatever the input: the YAML reader is what is fuzzed.
    let page = format!("---\n{text}\n---\nBody\n");
    let document = parse::parse(FileKind::Markdown, &page, &HeadingIds::default());
    spans::assert_spans_valid(&page, &document);
    let (block, body_start) = parse::front_matter::parse(text);
    assert!(body_start <= text.len() && text.is_char_boundary(body_start));
    let _ = block;
});
