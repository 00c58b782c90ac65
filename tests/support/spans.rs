//! Checks shared by the property tests and the fuzz targets (`fuzz/`): every span a parser
//! hands to rules and reports lies inside the text, on character boundaries.

// Each user of this module needs only part of it.
#![allow(dead_code)]

use l10nlint::model::catalog::Catalog;
use l10nlint::model::fluent::FluentFile;
use l10nlint::model::{Document, FrontMatterBlock};
use l10nlint::source::Span;

pub fn assert_span(text: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} splits a character"
    );
}

pub fn assert_spans_valid(text: &str, document: &Document) {
    match &document.front_matter {
        FrontMatterBlock::Absent => {}
        FrontMatterBlock::Unclosed { opening } => assert_span(text, opening, "opening"),
        FrontMatterBlock::Invalid { block, error, .. } => {
            assert_span(text, block, "front matter");
            assert_span(text, error, "front matter error");
        }
        FrontMatterBlock::Present(front_matter) => {
            for span in [
                &front_matter.block,
                &front_matter.opening,
                &front_matter.closing,
            ] {
                assert_span(text, span, "front matter");
            }
            for entry in &front_matter.entries {
                assert_span(text, &entry.key_span, "key");
                assert_span(text, &entry.value_span, "value");
            }
        }
    }
    for heading in &document.headings {
        assert_span(text, &heading.span, "heading");
        if let Some(anchor) = &heading.explicit_id {
            assert_span(text, &anchor.span, "heading id");
        }
    }
    for link in &document.links {
        assert_span(text, &link.span, "link");
        assert_span(text, &link.target_span, "link target");
        assert_span(text, &link.text_span, "link text");
    }
    for definition in &document.link_definitions {
        assert_span(text, &definition.span, "definition");
        assert_span(text, &definition.target_span, "definition target");
    }
    for reference in &document.unresolved_references {
        assert_span(text, &reference.span, "unresolved reference");
    }
    for image in &document.images {
        assert_span(text, &image.span, "image");
        assert_span(text, &image.src_span, "image source");
    }
    for list in &document.lists {
        assert_span(text, &list.span, "list");
        for item in &list.items {
            assert_span(text, &item.span, "list item");
            assert!(item.links.iter().all(|&link| link < document.links.len()));
        }
    }
    for tag in &document.liquid {
        assert_span(text, &tag.span, "liquid");
    }
    for anchor in &document.html_ids {
        assert_span(text, &anchor.span, "html id");
    }
    for span in &document.code {
        assert_span(text, span, "code");
    }
}

pub fn assert_fluent_spans_valid(text: &str, file: &FluentFile) {
    for entry in &file.entries {
        assert_span(text, &entry.span, "entry");
        assert_span(text, &entry.id_span, "entry id");
        let patterns = entry
            .value
            .iter()
            .chain(entry.attributes.iter().map(|attribute| &attribute.value));
        for pattern in patterns {
            assert_span(text, &pattern.span, "pattern");
            let _ = pattern.variable_names();
            let _ = pattern.variables_by_variant();
        }
    }
    for junk in &file.junk {
        assert_span(text, &junk.span, "junk");
        assert_span(text, &junk.error_span, "junk error");
    }
}

pub fn assert_catalog_spans_valid(text: &str, catalog: &Catalog) {
    if let Some(error) = &catalog.error {
        assert_span(text, &error.span, "error");
    }
    if let Some((_, span)) = catalog.locale_key() {
        assert_span(text, &span, "locale key");
    }
    for entry in catalog.flatten() {
        assert_span(text, &entry.key_span, "key");
        assert_span(text, &entry.value_span, "value");
    }
    for duplicate in catalog.duplicate_keys() {
        assert_span(text, &duplicate.first_key_span, "first key");
        assert_span(text, &duplicate.duplicate_key_span, "duplicate key");
    }
}
