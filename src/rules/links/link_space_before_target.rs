//! `[text] (https://…)`: a space between the brackets and the target breaks the link.

use crate::rules::link_syntax::{is_markdown, is_skipped};
use crate::rules::prelude::*;
use crate::site::url_text::looks_like_target;
use regex::Regex;
use std::sync::LazyLock;

/// `[text]`, spaces or tabs, then `(word)`; the `[` not right after `!` (images), `]` (the label
/// of a reference link) or `\`, the text not a footnote (`[^1]`).
static SPACED_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^!\]\\])(\[[^\[\]\n^][^\[\]\n]*\])([ \t]+)\(([^()\s]+)\)")
        .expect("valid regex")
});

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkSpaceBeforeTarget)
}

struct LinkSpaceBeforeTarget;

/// The spans of the whole `[text] (target)` and of the whitespace, for each break in `text`.
fn spaced_links(text: &str) -> Vec<(Span, Span)> {
    SPACED_LINK
        .captures_iter(text)
        .filter_map(|captures| {
            let (label, space, target) = (captures.get(1)?, captures.get(2)?, captures.get(3)?);
            let label_text = label.as_str().trim_matches(['[', ']']).trim();
            let is_task_box = label_text.is_empty() || label_text.eq_ignore_ascii_case("x");
            (looks_like_target(target.as_str()) && !is_task_box)
                .then(|| (label.start()..target.end() + 1, space.range()))
        })
        .collect()
}

impl Rule for LinkSpaceBeforeTarget {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        if !is_markdown(&context.page) {
            return;
        }
        for (span, space) in spaced_links(context.text) {
            if is_skipped(context.page.document, &span) {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    context.page.path(),
                    span,
                    "a space between `]` and `(` breaks this link: it shows as text with the target in parentheses",
                )
                .label("no space allowed here")
                .help("remove the space so that `(` follows `]` directly")
                .fix(Fix::safe("remove the space before `(`".to_owned(), vec![Edit {
                        span: space,
                        replacement: String::new(),
                    }])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        spaced_links(text)
            .into_iter()
            .map(|(span, _)| &text[span])
            .collect()
    }

    #[test]
    fn broken_links() {
        assert_eq!(
            found("See [the FAQ] (https://x.org/faq)."),
            ["[the FAQ] (https://x.org/faq)"]
        );
        assert_eq!(found("[help]\t(/en/help#a)"), ["[help]\t(/en/help#a)"]);
        assert_eq!(
            found("[a]   (#top) and [b] (page.md)"),
            ["[a]   (#top)", "[b] (page.md)"]
        );
    }

    #[test]
    fn prose_and_valid_links() {
        for text in [
            "[sic] (see below)",
            "[1] (1999)",
            "[text](https://x.org)",
            "![image] (https://x.org/a.png)",
            "[a][b] (https://x.org)",
            "[^1] (https://x.org)",
            "- [x] (https://x.org) done",
            "\\[a] (https://x.org)",
            "[note] (e.g.)",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
