//! Liquid tags: found, masked byte for byte, and broken delimiters found around them.
#![no_main]

use l10nlint::parse::liquid;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let tags = liquid::find_tags(text, 0);
    let mut end = 0;
    for tag in &tags {
        assert!(
            tag.span.start >= end,
            "tags overlap or are out of order: {tags:?}"
        );
        assert!(text.is_char_boundary(tag.span.start) && text.is_char_boundary(tag.span.end));
        end = tag.span.end;
    }
    let masked = liquid::mask(text, &tags);
    assert_eq!(masked.len(), text.len(), "masking moved offsets");
    let mut end = 0;
    for broken in liquid::find_broken(text, 0, &tags) {
        assert!(broken.span.start >= end && broken.span.end <= text.len());
        assert!(text.is_char_boundary(broken.span.start) && text.is_char_boundary(broken.span.end));
        end = broken.span.end;
    }
});
