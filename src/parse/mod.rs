//! Parsing: one file's text into its `Document`.

pub mod catalog;
pub mod fluent;
pub mod front_matter;
pub mod heading_ids;
pub mod html_elements;
pub mod icu;
pub mod liquid;
pub mod lost_markup;
pub mod markdown;
pub mod mdx;
pub mod placeholders;
pub mod plurals;
pub mod yaml;

use crate::model::catalog::CatalogFormat;
use crate::model::{Document, FileKind, Link, LinkKind};
use crate::source::Span;
pub use markdown::HeadingIds;

/// Builds the document model of a file.
pub fn parse(kind: FileKind, text: &str, heading_ids: &HeadingIds) -> Document {
    match kind {
        FileKind::Markdown => parse_markdown(text, heading_ids, false),
        FileKind::Mdx => parse_markdown(text, heading_ids, true),
        FileKind::Html => parse_html_page(text),
        FileKind::Fluent => parse_fluent_resource(text),
        FileKind::Catalog(format) => parse_string_catalog(format, text),
    }
}

/// A Fluent resource; URLs in message values and attributes become bare links, so the link
/// rules check them as they check pages.
fn parse_fluent_resource(text: &str) -> Document {
    let fluent = fluent::parse_fluent(text);
    let links = fluent
        .entries
        .iter()
        .flat_map(|entry| {
            entry
                .value
                .iter()
                .chain(entry.attributes.iter().map(|attribute| &attribute.value))
        })
        .flat_map(|pattern| &pattern.text_runs)
        .flat_map(|run| bare_urls(text, run.span.clone()))
        .collect();
    Document {
        fluent: Some(fluent),
        links,
        ..Document::default()
    }
}

/// A string catalog; URLs in its strings become bare links.
fn parse_string_catalog(format: CatalogFormat, text: &str) -> Document {
    let catalog = catalog::parse_catalog(format, text);
    let links = catalog
        .entries
        .iter()
        .filter_map(|entry| Some((entry.value.as_deref()?, entry.value_span.clone())))
        .flat_map(|(value, span)| {
            // URLs are searched in the text as written, for exact spans; one that quoting or
            // escapes changed is not in the value and is left out rather than misplaced.
            bare_urls(text, span).filter(move |link| value.contains(link.target.as_str()))
        })
        .collect();
    Document {
        catalog: Some(catalog),
        links,
        ..Document::default()
    }
}

/// The URLs written in `text[span]`, as bare links.
fn bare_urls(text: &str, span: Span) -> impl Iterator<Item = Link> + '_ {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let found: Vec<_> = finder
        .links(&text[span.clone()])
        .map(|url| span.start + url.start()..span.start + url.end())
        .collect();
    found.into_iter().map(move |url_span| {
        let url = &text[url_span.clone()];
        Link {
            kind: LinkKind::Bare,
            target: url.to_owned(),
            text: url.to_owned(),
            text_span: url_span.clone(),
            target_span: url_span.clone(),
            has_liquid: url.contains("{{") || url.contains("{%"),
            span: url_span,
            reference: None,
        }
    })
}

/// See `Document::body_digest`.
fn body_digest(body: &str) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let body = body.trim();
    (!body.is_empty()).then(|| {
        let mut hasher = std::hash::DefaultHasher::new();
        body.hash(&mut hasher);
        hasher.finish()
    })
}

/// Markdown, or MDX (`mdx`: its statements and expressions masked first).
fn parse_markdown(text: &str, heading_ids: &HeadingIds, mdx: bool) -> Document {
    let (front_matter, body_start) = front_matter::parse(text);
    let mut document = Document {
        front_matter,
        liquid: liquid::find_tags(text, body_start),
        body_digest: body_digest(&text[body_start..]),
        ..Document::default()
    };
    let masked = liquid::mask(text, &document.liquid);
    let masked = if mdx {
        std::borrow::Cow::Owned(mdx::mask(&masked, body_start))
    } else {
        masked
    };
    markdown::parse_body(text, &masked, body_start, heading_ids, &mut document);
    lost_markup::find(text, &masked, body_start, &mut document);
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
        body_digest: body_digest(&text[body_start..]),
        ..Document::default()
    };
    html_elements::extract(text, body_start..text.len(), &mut document);
    document.broken_liquid = liquid::find_broken(text, body_start, &document.liquid);
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: FileKind = FileKind::Catalog(CatalogFormat::Yaml);

    fn links(kind: FileKind, text: &str) -> Vec<String> {
        parse(kind, text, &HeadingIds::default())
            .links
            .iter()
            .map(|link| {
                assert_eq!(link.kind, LinkKind::Bare);
                assert_eq!(text[link.span.clone()], link.target);
                link.target.clone()
            })
            .collect()
    }

    #[test]
    fn an_untranslated_copy_has_the_digest_of_its_source() {
        let digest = |text| parse(FileKind::Markdown, text, &HeadingIds::default()).body_digest;
        let source = digest("---\nlang: en\n---\nHello.\n");
        assert!(source.is_some());
        assert_eq!(digest("---\nlang: es\ntitle: x\n---\n\nHello.\n"), source);
        assert_ne!(digest("---\nlang: es\n---\nHola.\n"), source);
        assert_eq!(digest("---\nlang: es\n---\n\n"), None);
    }

    #[test]
    fn fluent_urls_in_values_and_attributes_are_bare_links() {
        let text =
            "help = See https://example.org/help { $x }\n    .title = Or http://example.com\n";
        let document = parse(FileKind::Fluent, text, &HeadingIds::default());
        assert_eq!(
            document.fluent.as_ref().map(|file| file.entries.len()),
            Some(1)
        );
        assert_eq!(
            links(FileKind::Fluent, text),
            ["https://example.org/help", "http://example.com"]
        );
    }

    #[test]
    fn catalog_urls_keep_exact_spans_through_quotes() {
        let text = "en:\n  a: 'Visit https://example.org/a now'\n  b: \"https://example.org/b\"\n  c: plain https://example.org/c\n";
        let document = parse(YAML, text, &HeadingIds::default());
        assert!(document.catalog.is_some());
        assert_eq!(
            links(YAML, text),
            [
                "https://example.org/a",
                "https://example.org/b",
                "https://example.org/c"
            ]
        );
    }
}
