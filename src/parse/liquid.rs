//! Liquid (`{% … %}`, `{{ … }}`): recorded, then masked so Markdown parsing never trips on it.

use crate::model::{BrokenLiquid, LiquidBreak, LiquidKind, LiquidTag};
use std::borrow::Cow;

/// The byte that replaces every byte of a Liquid tag in the masked text. A letter keeps a
/// masked link target a valid target (`[x]({% include url %})` stays a link), and one byte
/// per byte keeps every offset of the masked text valid for the original.
const MASK: u8 = b'x';

/// Finds every Liquid tag in `text`, starting the search at `from`, in order.
pub fn find_tags(text: &str, from: usize) -> Vec<LiquidTag> {
    let mut tags = Vec::new();
    let mut cursor = from;
    let mut tag_delimiters = (NextMatch::new("{%"), NextMatch::new("%}"));
    let mut output_delimiters = (NextMatch::new("{{"), NextMatch::new("}}"));
    let mut blank_lines = NextMatch::new("\n\n");
    while let Some(relative) = text[cursor..].find('{') {
        let start = cursor + relative;
        let rest = &text[start..];
        let (kind, (openings, closings)) = if rest.starts_with("{%") {
            (LiquidKind::Tag, &mut tag_delimiters)
        } else if rest.starts_with("{{") {
            (LiquidKind::Output, &mut output_delimiters)
        } else {
            cursor = start + 1;
            continue;
        };
        // A tag does not span a blank line, nor the next tag's opening: an unclosed `{{` must
        // not swallow the page, nor `{% a % }` join the next tag into one.
        let limit = [
            blank_lines.at_or_after(text, start + 2),
            openings.at_or_after(text, start + 2),
        ]
        .into_iter()
        .flatten()
        .min();
        let closing = closings
            .at_or_after(text, start + 2)
            .filter(|&closing| limit.is_none_or(|limit| closing < limit));
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

/// Finds Liquid whose delimiters are broken, from `from` on, outside the well-formed `tags`:
/// a space inside a delimiter (`{ % include x % }`, `{{ x } }`), which Liquid prints as text,
/// and an opening never closed, which stops the build. Only what reads as Liquid counts: the
/// content starts like a tag name or variable, so `{ {1, 2} }` in prose is left alone.
pub fn find_broken(text: &str, from: usize, tags: &[LiquidTag]) -> Vec<BrokenLiquid> {
    let mut broken = Vec::new();
    let mut cursor = from;
    while let Some(relative) = text[cursor..].find('{') {
        let start = cursor + relative;
        cursor = start + 1;
        // In order and apart (as `find_tags` returns them): only one tag can hold `start`.
        let after = tags.partition_point(|tag| tag.span.end <= start);
        if let Some(tag) = tags.get(after).filter(|tag| tag.span.start <= start) {
            cursor = tag.span.end;
            continue;
        }
        let Some(found) = broken_at(text, start) else {
            continue;
        };
        cursor = found.span.end;
        broken.push(found);
    }
    broken
}

/// How far after its opening a broken tag's end is looked for.
const BROKEN_TAG_REACH: usize = 1024;

/// The broken tag opening at `start` (a `{` that no well-formed tag covers), if any.
fn broken_at(text: &str, start: usize) -> Option<BrokenLiquid> {
    let after_brace = &text[start + 1..];
    let gap = after_brace.len() - after_brace.trim_start_matches([' ', '\t']).len();
    let (kind, closing_first, closing_last) = match after_brace[gap..].chars().next()? {
        '%' => (LiquidKind::Tag, '%', '}'),
        '{' => (LiquidKind::Output, '}', '}'),
        _ => return None,
    };
    let content_start = start + 1 + gap + 1;
    // Broken tags are looked for on their own line, up to the next tag's opening, and within
    // `BROKEN_TAG_REACH` bytes: a 10 MB line of `{` must not be read once per brace.
    let mut reach = (content_start + BROKEN_TAG_REACH).min(text.len());
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let window = &text[content_start..reach];
    let line_end = window
        .match_indices(['\n', '{'])
        .find(|(at, found)| *found == "\n" || window[at + 1..].starts_with(['%', '{']))
        .map_or(reach, |(at, _)| content_start + at);
    let line = &text[content_start..line_end];
    let closer = line.char_indices().find_map(|(at, c)| {
        if c != closing_first {
            return None;
        }
        let after = &line[at + 1..];
        let inner_gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        after[inner_gap..]
            .starts_with(closing_last)
            .then_some((at, inner_gap))
    });
    let (content_end, span_end, problem) = match closer {
        Some((at, inner_gap)) if gap > 0 || inner_gap > 0 => (
            content_start + at,
            content_start + at + inner_gap + 2,
            LiquidBreak::SpacedDelimiter,
        ),
        // Well-formed delimiters around a blank line or another tag: not ours to judge.
        Some(_) => return None,
        None if gap == 0 => (line_end, line_end, LiquidBreak::Unclosed),
        // `{ %` with nothing closing it on the line may be anything.
        None => return None,
    };
    let content = text[content_start..content_end]
        .trim_matches('-')
        .trim()
        .trim_end_matches('-')
        .trim_end();
    let reads_as_liquid = content.chars().next().is_some_and(|c| {
        c.is_ascii_alphabetic()
            || c == '_'
            || (kind == LiquidKind::Output && matches!(c, '"' | '\''))
    });
    reads_as_liquid.then(|| BrokenLiquid {
        kind,
        problem,
        span: start..span_end,
        content: content.to_owned(),
    })
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

    fn broken(text: &str) -> Vec<(LiquidBreak, String, String)> {
        let tags = find_tags(text, 0);
        find_broken(text, 0, &tags)
            .into_iter()
            .map(|b| (b.problem, text[b.span].to_owned(), b.content))
            .collect()
    }

    #[test]
    fn spaced_delimiters_are_broken() {
        let found = broken("A [x]({ % include standards-url % }) and {{ site.url } } ok.");
        assert_eq!(
            found,
            [
                (
                    LiquidBreak::SpacedDelimiter,
                    "{ % include standards-url % }".to_owned(),
                    "include standards-url".to_owned()
                ),
                (
                    LiquidBreak::SpacedDelimiter,
                    "{{ site.url } }".to_owned(),
                    "site.url".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_half_broken_tag_does_not_swallow_the_next_one() {
        let text = "{% include a % } then {% include b %}";
        let tags = find_tags(text, 0);
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].content, "include b");
        let found = broken(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "{% include a % }");
    }

    #[test]
    fn unclosed_openings_run_to_the_end_of_the_line() {
        let found = broken("Use {% include email-link\nnext line {% include b %}");
        assert_eq!(
            found,
            [(
                LiquidBreak::Unclosed,
                "{% include email-link".to_owned(),
                "include email-link".to_owned()
            )]
        );
    }

    #[test]
    fn well_formed_tags_and_prose_braces_are_not_broken() {
        assert!(broken("{% include a %} {{ b }} {{- c -}}").is_empty());
        assert!(broken("sets { {1, 2}, {3} } and { % of } and {x}").is_empty());
        assert!(broken("{ % nothing closes this").is_empty());
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
