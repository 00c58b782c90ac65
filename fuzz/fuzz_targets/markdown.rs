//! The page model: Markdown (with Liquid, kramdown attributes and HTML) and HTML pages.
#![no_main]

use l10nlint::model::FileKind;
use l10nlint::parse::heading_ids::HeadingIdStyle;
use l10nlint::parse::{self, HeadingIds};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/spans.rs"]
mod spans;

fuzz_target!(|text: &str| {
    for style in [
        HeadingIdStyle::KramdownGfm,
        HeadingIdStyle::Kramdown,
        HeadingIdStyle::GitHub,
    ] {
        let ids = HeadingIds {
            style,
            ..HeadingIds::default()
        };
        let document = parse::parse(FileKind::Markdown, text, &ids);
        spans::assert_spans_valid(text, &document);
    }
    let document = parse::parse(FileKind::Html, text, &HeadingIds::default());
    spans::assert_spans_valid(text, &document);
});
