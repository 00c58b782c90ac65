//! Parsing: one file's text into its `Document`.

pub mod catalog;
pub mod fluent;
pub mod front_matter;
pub mod html_elements;
pub mod liquid;
pub mod markdown;
pub mod placeholders;
pub mod plurals;
pub mod yaml;

use crate::model::{Document, FileKind};
pub use markdown::HeadingIds;

/// Builds the document model of a file.
pub fn parse(kind: FileKind, text: &str, heading_ids: &HeadingIds) -> Document {
    match kind {
        FileKind::Markdown => parse_markdown(text, heading_ids),
        FileKind::Html => parse_html_page(text),
        FileKind::Fluent | FileKind::YamlCatalog => Document::default(),
    }
}

fn parse_markdown(text: &str, heading_ids: &HeadingIds) -> Document {
    let (front_matter, body_start) = front_matter::parse(text);
    let mut document = Document {
        front_matter,
        liquid: liquid::find_tags(text, body_start),
        ..Document::default()
    };
    let masked = liquid::mask(text, &document.liquid);
    markdown::parse_body(text, &masked, body_start, heading_ids, &mut document);
    document.broken_liquid = liquid::find_broken(text, body_start, &document.liquid)
        .into_iter()
        .filter(|broken| !document.in_code(broken.span.start))
        .collect();
    document
}

fn parse_html_page(text: &str) -> Document {
    let (front_matter, body_start) = front_matter::parse(text);
    let mut document = Document {
        front_matter,
        liquid: liquid::find_tags(text, body_start),
        ..Document::default()
    };
    html_elements::extract(text, body_start..text.len(), &mut document);
    document.broken_liquid = liquid::find_broken(text, body_start, &document.liquid);
    document
}
