//! Links, images, ids and redirects found in raw HTML, in Markdown pages and HTML pages alike.

use crate::html::{self, Attribute, Tag};
use crate::model::{Anchor, Document, Image, ImageKind, Link, LinkKind};
use crate::parse::liquid;
use crate::source::Span;

/// Adds what the HTML in `text[span]` holds to `document`. `text` is the whole file.
pub fn extract(text: &str, span: Span, document: &mut Document) {
    let offset = span.start;
    for tag in html::tags(&text[span], offset) {
        if tag.is_closing {
            continue;
        }
        for name in ["id", "name"] {
            // `name` makes an anchor only on `<a>`; on form fields it does not.
            if name == "name" && !tag.name.eq_ignore_ascii_case("a") {
                continue;
            }
            if let Some((id, id_span)) = attribute(&tag, name) {
                document.html_ids.push(Anchor {
                    id: html::decode_entities(id).into_owned(),
                    span: id_span,
                });
            }
        }
        match tag.name.to_ascii_lowercase().as_str() {
            "a" => push_anchor_link(text, &tag, document),
            "img" => {
                push_image(&tag, "src", ImageKind::HtmlSrc, document);
                push_srcset(&tag, document);
            }
            "source" => {
                push_image(&tag, "src", ImageKind::HtmlSource, document);
                push_srcset(&tag, document);
            }
            "video" => push_image(&tag, "poster", ImageKind::HtmlPoster, document),
            "meta" => {
                if let Some(target) = refresh_target(&tag) {
                    document.redirect = Some(target);
                }
            }
            _ => {}
        }
    }
}

/// The value of attribute `name` and its span, when it is written with a value.
fn attribute<'a>(tag: &Tag<'a>, name: &str) -> Option<(&'a str, Span)> {
    tag.attributes
        .iter()
        .find(|attribute: &&Attribute| attribute.name.eq_ignore_ascii_case(name))
        .and_then(|attribute| Some((attribute.value?, attribute.value_span.clone()?)))
}

fn push_anchor_link(text: &str, tag: &Tag, document: &mut Document) {
    let Some((href, href_span)) = attribute(tag, "href") else {
        return;
    };
    let (text_span, end) = anchor_text_span(text, tag.span.end);
    let visible = strip_tags(&text[text_span.clone()]);
    document.links.push(Link {
        kind: LinkKind::Html,
        target: html::decode_entities(href).into_owned(),
        has_liquid: liquid::overlaps(&document.liquid, &href_span),
        target_span: href_span,
        text: visible,
        text_span,
        span: tag.span.start..end,
        reference: None,
    });
}

/// The span of an `<a>` element's content (trimmed) and the end of its `</a>`.
fn anchor_text_span(text: &str, content_start: usize) -> (Span, usize) {
    let rest = &text[content_start..];
    let Some(close) = anchor_close(rest) else {
        return (content_start..content_start, content_start);
    };
    let close_end = rest[close..]
        .find('>')
        .map_or(content_start + close, |i| content_start + close + i + 1);
    let content = &rest[..close];
    let leading = content.len() - content.trim_start().len();
    let trimmed = content.trim();
    let start = content_start + leading;
    (start..start + trimmed.len(), close_end)
}

/// Where the `</a` closing an anchor whose content starts `rest` is; `None` when another
/// `<a` opens first (anchors do not nest): each stretch of text is searched once, so a page
/// of unclosed anchors stays linear.
fn anchor_close(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let starts_with = |at: usize, prefix: &[u8]| {
        bytes
            .get(at..at + prefix.len())
            .is_some_and(|found| found.eq_ignore_ascii_case(prefix))
    };
    for (at, _) in rest.match_indices('<') {
        if starts_with(at, b"</a") {
            return Some(at);
        }
        let opens_anchor = starts_with(at, b"<a")
            && bytes
                .get(at + 2)
                .is_some_and(|&next| next == b'>' || next.is_ascii_whitespace());
        if opens_anchor {
            return None;
        }
    }
    None
}

/// The visible text of an HTML fragment: tags removed, entities decoded, spaces collapsed.
pub fn strip_tags(fragment: &str) -> String {
    let mut visible = String::new();
    let mut inside_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => inside_tag = true,
            '>' if inside_tag => inside_tag = false,
            _ if !inside_tag => visible.push(c),
            _ => {}
        }
    }
    let decoded = html::decode_entities(&visible);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_image(tag: &Tag, source_attribute: &str, kind: ImageKind, document: &mut Document) {
    let Some((src, src_span)) = attribute(tag, source_attribute) else {
        return;
    };
    document.images.push(Image {
        kind,
        src: html::decode_entities(src).into_owned(),
        has_liquid: liquid::overlaps(&document.liquid, &src_span),
        src_span,
        alt: alt_text(tag),
        span: tag.span.clone(),
    });
}

fn push_srcset(tag: &Tag, document: &mut Document) {
    let Some((srcset, srcset_span)) = attribute(tag, "srcset") else {
        return;
    };
    for (candidate, range) in html::srcset_candidates(srcset) {
        let src_span = srcset_span.start + range.start..srcset_span.start + range.end;
        document.images.push(Image {
            kind: ImageKind::HtmlSrcset,
            src: html::decode_entities(candidate).into_owned(),
            has_liquid: liquid::overlaps(&document.liquid, &src_span),
            src_span,
            alt: alt_text(tag),
            span: tag.span.clone(),
        });
    }
}

fn alt_text(tag: &Tag) -> Option<String> {
    tag.attributes
        .iter()
        .find(|attribute| attribute.name.eq_ignore_ascii_case("alt"))
        .map(|attribute| html::decode_entities(attribute.value.unwrap_or("")).into_owned())
}

/// The target of `<meta http-equiv="refresh" content="0; url=…">`.
fn refresh_target(tag: &Tag) -> Option<String> {
    let (equiv, _) = attribute(tag, "http-equiv")?;
    if !equiv.eq_ignore_ascii_case("refresh") {
        return None;
    }
    let (content, _) = attribute(tag, "content")?;
    let (_, target) = content.split_once(';')?;
    let target = target.trim();
    let target = target
        .get(..4)
        .filter(|prefix| prefix.eq_ignore_ascii_case("url="))
        .map_or(target, |_| &target[4..]);
    Some(target.trim_matches(['\'', '"']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract_all(text: &str) -> Document {
        let mut document = Document::default();
        extract(text, 0..text.len(), &mut document);
        document
    }

    #[test]
    fn anchor_links_have_text_and_target_spans() {
        let text = r#"<p>See <a href="https://x.org/a">the <b>docs</b></a>.</p>"#;
        let document = extract_all(text);
        let link = &document.links[0];
        assert_eq!(link.target, "https://x.org/a");
        assert_eq!(&text[link.target_span.clone()], "https://x.org/a");
        assert_eq!(link.text, "the docs");
        assert_eq!(
            &text[link.span.clone()],
            r#"<a href="https://x.org/a">the <b>docs</b></a>"#
        );
    }

    #[test]
    fn images_and_srcset_candidates() {
        let text = r#"<img src="a.png" srcset="b.png 2x, c.png 3x" width="80">"#;
        let document = extract_all(text);
        let sources: Vec<_> = document.images.iter().map(|i| i.src.as_str()).collect();
        assert_eq!(sources, ["a.png", "b.png", "c.png"]);
        assert_eq!(&text[document.images[2].src_span.clone()], "c.png");
        assert_eq!(document.images[0].alt, None);
    }

    #[test]
    fn ids_and_anchor_names_are_anchors() {
        let document = extract_all(r#"<a name="top"></a><div id="faq"></div><input name="q">"#);
        let ids: Vec<_> = document.html_ids.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["top", "faq"]);
    }

    #[test]
    fn meta_refresh_is_a_redirect() {
        let document =
            extract_all(r#"<meta http-equiv="refresh" content="1; url=https://example.org/x">"#);
        assert_eq!(document.redirect.as_deref(), Some("https://example.org/x"));
    }
}
