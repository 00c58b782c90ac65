//! Liquid (`{% … %}`, `{{ … }}`): recorded, then masked so Markdown parsing never trips on it.

use crate::model::{LiquidKind, LiquidTag};
use std::borrow::Cow;

/// The byte that replaces every byte of a Liquid tag in the masked text. A letter keeps a
/// masked link target a valid target (`[x]({% include url %})` stays a link), and one byte
/// per byte keeps every offset of the masked text valid for the original.
const MASK: u8 = b'x';

/// Finds every Liquid tag in `text`, starting the search at `from`.
pub fn find_tags(text: &str, from: usize) -> Vec<LiquidTag> {
    let mut tags = Vec::new();
    let mut cursor = from;
    while let Some(relative) = text[cursor..].find('{') {
        let start = cursor + relative;
        let rest = &text[start..];
        let (kind, closing) = if rest.starts_with("{%") {
            (LiquidKind::Tag, "%}")
        } else if rest.starts_with("{{") {
            (LiquidKind::Output, "}}")
        } else {
            cursor = start + 1;
            continue;
        };
        // A tag does not span a blank line: an unclosed `{{` must not swallow the page.
        let search_limit = rest.find("\n\n").unwrap_or(rest.len());
        match rest[2..search_limit].find(closing) {
            Some(inner_len) => {
                let end = start + 2 + inner_len + 2;
                let inner = &text[start + 2..end - 2];
                let inner = inner.trim_matches('-').trim();
                tags.push(LiquidTag {
                    kind,
                    span: start..end,
                    content: inner.to_owned(),
                });
                cursor = end;
            }
            None => cursor = start + 2,
        }
    }
    tags
}

/// `text` with every byte of every tag replaced by a filler letter (newlines kept).
pub fn mask<'a>(text: &'a str, tags: &[LiquidTag]) -> Cow<'a, str> {
    if tags.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for tag in tags {
        for byte in &mut bytes[tag.span.clone()] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = MASK;
            }
        }
    }
    // Only whole UTF-8 sequences inside tags were replaced, each byte by an ASCII letter.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// Whether `span` overlaps any Liquid tag.
pub fn overlaps(tags: &[LiquidTag], span: &std::ops::Range<usize>) -> bool {
    tags.iter()
        .any(|tag| tag.span.start < span.end && span.start < tag.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_outputs_with_spans() {
        let text = "See [x]({% include standards-url %}) and {{ site.url }}.";
        let tags = find_tags(text, 0);
        assert_eq!(tags.len(), 2);
        assert_eq!(&text[tags[0].span.clone()], "{% include standards-url %}");
        assert_eq!(tags[0].name(), "include");
        assert_eq!(tags[1].kind, LiquidKind::Output);
        assert_eq!(tags[1].content, "site.url");
    }

    #[test]
    fn masking_keeps_offsets_and_link_syntax() {
        let text = "[é]({% include ü %})";
        let tags = find_tags(text, 0);
        let masked = mask(text, &tags);
        assert_eq!(masked.len(), text.len());
        assert!(masked.starts_with("[é](xxxx"));
        assert!(masked.ends_with("x)"));
    }

    #[test]
    fn an_unclosed_tag_does_not_swallow_the_next_paragraph() {
        let text = "{{ broken\n\nnext {{ ok }}";
        let tags = find_tags(text, 0);
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].content, "ok");
    }

    #[test]
    fn whitespace_control_dashes_are_trimmed() {
        let tags = find_tags("{%- if x -%}", 0);
        assert_eq!(tags[0].content, "if x");
    }
}
