//! Liquid (`{% … %}`, `{{ … }}`): recorded, then masked so Markdown parsing never trips on it.

use crate::model::{LiquidKind, LiquidTag};
use std::borrow::Cow;

/// The byte that replaces every byte of a Liquid tag in the masked text. A letter keeps a
/// masked link target a valid target (`[x]({% include url %})` stays a link), and one byte
/// per byte keeps every offset of the masked text valid for the original.
const MASK: u8 = b'x';

/// Finds every Liquid tag in `text`, starting the search at `from`, in order.
pub fn find_tags(text: &str, from: usize) -> Vec<LiquidTag> {
    let mut tags = Vec::new();
    let mut cursor = from;
    let mut tag_closings = NextMatch::new("%}");
    let mut output_closings = NextMatch::new("}}");
    let mut blank_lines = NextMatch::new("\n\n");
    while let Some(relative) = text[cursor..].find('{') {
        let start = cursor + relative;
        let rest = &text[start..];
        let (kind, closings) = if rest.starts_with("{%") {
            (LiquidKind::Tag, &mut tag_closings)
        } else if rest.starts_with("{{") {
            (LiquidKind::Output, &mut output_closings)
        } else {
            cursor = start + 1;
            continue;
        };
        // A tag does not span a blank line: an unclosed `{{` must not swallow the page.
        let closing = closings.at_or_after(text, start + 2).filter(|&closing| {
            blank_lines
                .at_or_after(text, start + 2)
                .is_none_or(|blank| closing < blank)
        });
        match closing {
            Some(closing) => {
                let end = closing + 2;
                let inner = text[start + 2..closing].trim_matches('-').trim();
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

/// The next occurrence of a needle, remembered: the search positions only move forward, so
/// each part of the text is scanned once however many openers are left unclosed.
struct NextMatch {
    needle: &'static str,
    /// `None` before the first search; then the last answer and where that search started.
    last: Option<(usize, Option<usize>)>,
}

impl NextMatch {
    fn new(needle: &'static str) -> Self {
        Self { needle, last: None }
    }

    /// The first occurrence starting at or after `from` (which never decreases).
    fn at_or_after(&mut self, text: &str, from: usize) -> Option<usize> {
        if let Some((searched_from, found)) = self.last
            && searched_from <= from
            && found.is_none_or(|at| at >= from)
        {
            return found;
        }
        let found = text
            .get(from..)
            .and_then(|rest| rest.find(self.needle))
            .map(|at| from + at);
        self.last = Some((from, found));
        found
    }
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

/// Whether `span` overlaps any Liquid tag. `tags` are in order and do not overlap, as
/// `find_tags` returns them, so a binary search finds the only candidate.
pub fn overlaps(tags: &[LiquidTag], span: &std::ops::Range<usize>) -> bool {
    let first_ending_after = tags.partition_point(|tag| tag.span.end <= span.start);
    tags.get(first_ending_after)
        .is_some_and(|tag| tag.span.start < span.end && span.start < tag.span.end)
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

    #[test]
    fn many_unclosed_openers_are_found_in_one_pass() {
        // Each opener used to rescan the rest of the text: quadratic on a long line.
        let text = "{{ ".repeat(200_000) + "{% x %}";
        let tags = find_tags(&text, 0);
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].content, "x");
    }

    #[test]
    fn overlap_is_found_among_many_tags() {
        let text = "{{ a }} text {% b %} more {{ c }}";
        let tags = find_tags(text, 0);
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            start..start + needle.len()
        };
        assert!(overlaps(&tags, &at("{% b")));
        assert!(overlaps(&tags, &at("}} text")));
        assert!(!overlaps(&tags, &at("text")));
        assert!(!overlaps(&tags, &at("more")));
        assert!(!overlaps(&tags, &(0..0)));
    }
}
