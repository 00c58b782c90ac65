//! Markup that renders as text: what translators and translation tools do to links, images and
//! headings (`[text]（url）`, `[text] words (url)`, `###Title`, `](url)` without its `[`).
//! Each finding keeps its *remains* (the target, path or id still written there), which the
//! cross-language rules match against the source page.

use crate::model::{BrokenMarkup, Document, MarkupBreak};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// `[text](target)` written with at least one full-width `！［］（）`.
static FULL_WIDTH_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([!！]?)([\[［])([^\[\]［］\n]{0,300})([\]］])[ \t]*([\(（])([^()（）\s]{1,2000})([\)）])")
        .expect("valid regex")
});

/// `[text]` then something that is not `(`, `[` or `:` on the same line, then `(target)`.
static WORDS_BEFORE_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]\n]{1,300})\]([ \t]*[^\s\[\]():][^\[\]()\n]{0,120}?|[ \t]+)\((<?)([^()\s<>]{1,2000})(>?)\)")
        .expect("valid regex")
});

/// `[text]` ending a line, `(target)` starting the next.
static TARGET_ON_NEXT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]\n]{1,300})\]([ \t]*\r?\n[ \t]*)\((<?)([^()\s<>]{1,2000})(>?)\)")
        .expect("valid regex")
});

/// `](target)`.
static CLOSING_THEN_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(([^()\s]{1,2000})\)").expect("valid regex"));

/// `{a2}`, `{/a2}`, `%1$s`: placeholders translation tools put where markup was.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{/?[A-Za-z]{1,3}[0-9]{1,3}\}|%[0-9]{1,2}\$[sd@]").expect("valid regex")
});

/// Whether a parenthesised word reads as a link target rather than prose: an absolute URL, a
/// `mailto:`, a site path (`/x`, `./x`, `../x`), an anchor (`#x`), or a page file name.
pub fn looks_like_target(word: &str) -> bool {
    let lowercase = word.to_ascii_lowercase();
    [
        "http://", "https://", "mailto:", "www.", "/", "./", "../", "#",
    ]
    .iter()
    .any(|prefix| lowercase.starts_with(prefix) && lowercase.len() > prefix.len())
        || [".md", ".html", ".htm"]
            .iter()
            .any(|extension| lowercase.ends_with(extension) && !lowercase.contains(' '))
        || is_page_fragment(&lowercase)
}

/// `help#multidevice`: a page and an anchor, one word (prose has no `#` inside a word).
fn is_page_fragment(word: &str) -> bool {
    word.split_once('#').is_some_and(|(page, fragment)| {
        !page.is_empty()
            && !fragment.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '#' | '.'))
    })
}

/// A target as it was meant: looks like one, or is Liquid (masked in the scanned text).
fn target_like(text: &str, span: &Span) -> bool {
    let written = &text[span.clone()];
    looks_like_target(written) || written.contains("{%") || written.contains("{{")
}

/// Finds broken markup in the body of a Markdown page (`masked`: the text with Liquid masked)
/// and adds it to `document.broken_markup` (which may already hold unread heading ids).
pub fn find(text: &str, masked: &str, body_start: usize, document: &mut Document) {
    let mut found = Vec::new();
    let body = &masked[body_start..];
    let at = |span: std::ops::Range<usize>| body_start + span.start..body_start + span.end;
    let link_starts: Vec<usize> = {
        let mut starts: Vec<usize> = document
            .links
            .iter()
            .map(|link| link.span.start)
            .chain(document.images.iter().map(|image| image.span.start))
            .collect();
        starts.sort_unstable();
        starts
    };
    let is_link_at = |offset: usize| link_starts.binary_search(&offset).is_ok();
    let bracket_is_text = |open: usize| {
        let before = masked[..open].chars().next_back();
        !matches!(before, Some('!' | ']' | '\\')) && !is_link_at(open)
    };
    for captures in FULL_WIDTH_LINK.captures_iter(body) {
        let (Some(whole), Some(target)) = (captures.get(0), captures.get(6)) else {
            continue;
        };
        let punctuation = [1, 2, 4, 5, 7].map(|group| captures.get(group));
        let wide: Vec<Span> = punctuation
            .iter()
            .flatten()
            .filter(|found| found.as_str().chars().next().is_some_and(|c| !c.is_ascii()))
            .map(|found| at(found.range()))
            .collect();
        let target_span = at(target.range());
        if wide.is_empty() || !target_like(text, &target_span) {
            continue;
        }
        found.push(BrokenMarkup {
            cause: MarkupBreak::FullWidth,
            span: at(whole.range()),
            remains: Some(text[target_span.clone()].to_owned()),
            remains_span: target_span,
            repair: wide
                .into_iter()
                .map(|span| {
                    let ascii = ascii_of(&text[span.clone()]);
                    (span, ascii.to_owned())
                })
                .collect(),
        });
    }
    for captures in WORDS_BEFORE_TARGET.captures_iter(body) {
        let (Some(whole), Some(between), Some(opening), Some(target)) = (
            captures.get(0),
            captures.get(2),
            captures.get(3),
            captures.get(4),
        ) else {
            continue;
        };
        let spaces_only = between.as_str().trim().is_empty();
        let angle = !opening.as_str().is_empty();
        let (whole_span, target_span) = (at(whole.range()), at(target.range()));
        // `[text] (https://…)` alone is `link-space-before-target`'s.
        if (spaces_only && !angle)
            || !bracket_is_text(whole_span.start)
            || !target_like(text, &target_span)
        {
            continue;
        }
        found.push(BrokenMarkup {
            cause: MarkupBreak::WordsBeforeTarget,
            span: whole_span,
            remains: Some(text[target_span.clone()].to_owned()),
            remains_span: target_span,
            repair: if spaces_only {
                vec![(at(between.range()), String::new())]
            } else {
                Vec::new()
            },
        });
    }
    for captures in TARGET_ON_NEXT_LINE.captures_iter(body) {
        let (Some(whole), Some(between), Some(target)) =
            (captures.get(0), captures.get(2), captures.get(4))
        else {
            continue;
        };
        let (whole_span, target_span) = (at(whole.range()), at(target.range()));
        if !bracket_is_text(whole_span.start) || !target_like(text, &target_span) {
            continue;
        }
        found.push(BrokenMarkup {
            cause: MarkupBreak::TargetOnNextLine,
            span: whole_span,
            remains: Some(text[target_span.clone()].to_owned()),
            remains_span: target_span,
            repair: vec![(at(between.range()), String::new())],
        });
    }
    let inside_link = spans_inside_links(document);
    for captures in CLOSING_THEN_TARGET.captures_iter(body) {
        let (Some(whole), Some(target)) = (captures.get(0), captures.get(1)) else {
            continue;
        };
        let (close, target_span) = (body_start + whole.start(), at(target.range()));
        if inside_link(close) || !target_like(text, &target_span) {
            continue;
        }
        if let Some(broken) = stray_closing(masked, text, close, target_span) {
            found.push(broken);
        }
    }
    for block in &document.blocks {
        if block.kind == crate::model::BlockKind::Paragraph {
            headings_in_paragraph(masked, &block.span, &mut found);
        }
    }
    for placeholder in PLACEHOLDER.find_iter(body) {
        let span = at(placeholder.range());
        found.push(BrokenMarkup {
            cause: MarkupBreak::Placeholder,
            // `/` marks the closing one of a pair (`{/a1}`).
            remains: placeholder
                .as_str()
                .starts_with("{/")
                .then(|| "/".to_owned()),
            remains_span: span.clone(),
            span,
            repair: Vec::new(),
        });
    }
    drop(inside_link);
    found.retain(|broken| !document.in_code(broken.span.start));
    document.broken_markup.extend(found);
    document
        .broken_markup
        .sort_by_key(|broken| broken.span.start);
}

fn ascii_of(wide: &str) -> &'static str {
    match wide {
        "！" => "!",
        "［" => "[",
        "］" => "]",
        "（" => "(",
        _ => ")",
    }
}

/// Whether an offset lies inside a link or image the renderer reads.
fn spans_inside_links(document: &Document) -> impl Fn(usize) -> bool + use<'_> {
    let mut spans: Vec<&Span> = document
        .links
        .iter()
        .map(|link| &link.span)
        .chain(document.images.iter().map(|image| &image.span))
        .collect();
    spans.sort_by_key(|span| span.start);
    // The furthest end among the spans starting at or before each one: nested spans
    // (a link in an image) are covered by their outer span.
    let mut reach = Vec::with_capacity(spans.len());
    let mut furthest = 0;
    for span in &spans {
        furthest = furthest.max(span.end);
        reach.push(furthest);
    }
    move |offset| {
        let before = spans.partition_point(|span| span.start <= offset);
        before > 0 && reach[before - 1] > offset
    }
}

/// A `](target)` the renderer does not read: its `]` doubled (`["text]](url)`), or its `[`
/// missing (`!alt](img.png)`, `text](url)`).
fn stray_closing(masked: &str, text: &str, close: usize, target: Span) -> Option<BrokenMarkup> {
    let line_start = masked[..close].rfind('\n').map_or(0, |at| at + 1);
    let before = &masked[line_start..close];
    let (span_start, repair) = if before.ends_with(']') {
        // `[text]](url)`: the doubled `]` goes.
        let opening = before.rfind('[').map_or(line_start, |at| line_start + at);
        (opening, vec![(close - 1..close, String::new())])
    } else if before
        .rfind('[')
        .is_some_and(|open| !before[open..].contains(']'))
    {
        // A `[` is there: something else keeps this from being a link (a `[` inside the text).
        return None;
    } else {
        let start = before
            .rfind(['(', ')', ']', '.', '。', '，', ','])
            .map_or(line_start, |at| {
                line_start + at + before[at..].chars().next().map_or(1, char::len_utf8)
            });
        let start = start + (masked[start..close].len() - masked[start..close].trim_start().len());
        match masked[start..close].find('!') {
            // `!alt](img.png)`: `[` goes after the `!`.
            Some(bang) => (
                start + bang,
                vec![(start + bang + 1..start + bang + 1, "[".to_owned())],
            ),
            None => (start, Vec::new()),
        }
    };
    Some(BrokenMarkup {
        cause: MarkupBreak::Brackets,
        span: span_start..target.end + 1,
        remains: Some(text[target.clone()].to_owned()),
        remains_span: target,
        repair,
    })
}

/// Lines of a paragraph that were headings: `###Title` (no space after the `#`s) and a
/// paragraph ending with `{#id}` (the `#`s lost).
fn headings_in_paragraph(masked: &str, paragraph: &Span, found: &mut Vec<BrokenMarkup>) {
    let written = &masked[paragraph.clone()];
    let mut line_start = paragraph.start;
    for line in written.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let hashes = content[indent..].len() - content[indent..].trim_start_matches('#').len();
        let after = content[indent + hashes..].chars().next();
        // `#hashtag` is prose: one `#` counts only when the line ends with an id.
        let ends_with_id = content.trim_end().ends_with('}') && content.contains("{#");
        if indent <= 3
            && (1..=6).contains(&hashes)
            && after.is_some_and(|c| !c.is_whitespace() && c != '#')
            && (hashes >= 2 || ends_with_id)
        {
            let at = line_start + indent + hashes;
            // The id the heading carries, which links still name.
            let id = content
                .trim_end()
                .strip_suffix('}')
                .and_then(|rest| rest.rsplit_once("{#"))
                .map(|(_, id)| id.to_owned());
            found.push(BrokenMarkup {
                cause: MarkupBreak::HeadingWithoutSpace,
                span: line_start + indent..line_start + content.trim_end().len(),
                remains: id,
                remains_span: at..at,
                repair: vec![(at..at, " ".to_owned())],
            });
        }
        line_start += line.len();
    }
    // One line ending with `{#id}`: kramdown shows the id as text.
    let single_line = written.trim_end();
    if single_line.contains('\n') || single_line.starts_with('#') {
        return;
    }
    let Some(open) = single_line.rfind("{#") else {
        return;
    };
    let Some(id) = single_line[open + 2..].strip_suffix('}') else {
        return;
    };
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-'))
    {
        return;
    }
    let id_start = paragraph.start + open + 2;
    found.push(BrokenMarkup {
        cause: MarkupBreak::HeadingWithoutMarker,
        span: paragraph.start..paragraph.start + single_line.len(),
        remains: Some(id.to_owned()),
        remains_span: id_start..id_start + id.len(),
        repair: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use crate::model::{FileKind, MarkupBreak};
    use crate::parse::{HeadingIds, parse};

    fn found(text: &str) -> Vec<(MarkupBreak, String, Option<String>)> {
        parse(FileKind::Markdown, text, &HeadingIds::default())
            .broken_markup
            .into_iter()
            .map(|broken| (broken.cause, text[broken.span].to_owned(), broken.remains))
            .collect()
    }

    fn causes(text: &str) -> Vec<MarkupBreak> {
        found(text).into_iter().map(|(cause, _, _)| cause).collect()
    }

    #[test]
    fn full_width_punctuation() {
        assert_eq!(
            found("基于[互联网标准]（#standards）。"),
            [(
                MarkupBreak::FullWidth,
                "[互联网标准]（#standards）".to_owned(),
                Some("#standards".to_owned())
            )]
        );
        assert_eq!(causes("见 ！[图](../img/a.png)"), [MarkupBreak::FullWidth]);
        assert_eq!(
            causes("[文本]（{% include url %}）"),
            [MarkupBreak::FullWidth]
        );
        assert!(causes("[text](https://x.org)（注）").is_empty());
    }

    #[test]
    fn words_or_a_line_break_before_the_target() {
        assert_eq!(
            causes("- 通过 [Liberapay] 捐款(https://liberapay.com/x/)"),
            [MarkupBreak::WordsBeforeTarget]
        );
        assert_eq!(
            causes("[a] (<https://x.org>)"),
            [MarkupBreak::WordsBeforeTarget]
        );
        assert_eq!(
            causes("[a]\n(https://x.org)"),
            [MarkupBreak::TargetOnNextLine]
        );
        for prose in [
            "[a] (https://x.org)",
            "[a]: https://x.org",
            "[a](https://x.org) and (more)",
            "[sic] words (see below)",
        ] {
            assert!(causes(prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn stray_brackets() {
        assert_eq!(
            found("See [\"text]](https://x.org)."),
            [(
                MarkupBreak::Brackets,
                "[\"text]](https://x.org)".to_owned(),
                Some("https://x.org".to_owned())
            )]
        );
        assert_eq!(
            found("Look: !alt](../img/a.png)"),
            [(
                MarkupBreak::Brackets,
                "!alt](../img/a.png)".to_owned(),
                Some("../img/a.png".to_owned())
            )]
        );
        assert!(causes("[a](https://x.org) ![b](c.png) [![d](e.png)](https://x.org)").is_empty());
    }

    #[test]
    fn headings_that_lost_their_markup() {
        assert_eq!(causes("###Title\n"), [MarkupBreak::HeadingWithoutSpace]);
        assert_eq!(causes("#hashtag and more\n"), []);
        assert_eq!(
            causes("Título perdido {#lost}\n"),
            [MarkupBreak::HeadingWithoutMarker]
        );
        assert_eq!(causes("## 标题？{#sig}\n"), [MarkupBreak::UnreadId]);
        assert_eq!(causes("## Title {#1x}\n"), [MarkupBreak::UnreadId]);
        assert!(causes("## Title {#ok}\n\n`###code`\n").is_empty());
    }

    #[test]
    fn placeholders() {
        assert_eq!(causes("Lee {a1}la guía{/a1}, %1$s.").len(), 3);
    }
}
