//! `[text](https://x.org` without `)`, or `[text)(https://x.org)`: brackets that no longer
//! pair, so the link shows as text.

use crate::rules::link_syntax::{is_markdown, is_skipped};
use crate::rules::prelude::*;
use crate::site::url_text::looks_like_target;
use regex::Regex;
use std::sync::LazyLock;

/// `[text](target` then the end of the line or a space; whether `)` follows is checked after.
static UNCLOSED_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)\[[^\[\]\n]+\]\(([^()\s]+)(?:[ \t]|$)").expect("valid regex")
});

/// `[text)(target)`: the text closed with `)` instead of `]`.
static WRONG_CLOSING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\[\]()\n]+\)\(([^()\s]+)\)").expect("valid regex"));

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkUnbalancedBrackets)
}

struct LinkUnbalancedBrackets;

#[derive(Debug, PartialEq)]
enum Break {
    /// `)` missing after the target: span of the link up to the target's end.
    Unclosed(Span),
    /// `)` written for `]`: span of the link and of the wrong `)`.
    WrongClosing(Span, usize),
}

fn breaks(text: &str) -> Vec<Break> {
    let mut found = Vec::new();
    for captures in UNCLOSED_TARGET.captures_iter(text) {
        let (Some(whole), Some(target)) = (captures.get(0), captures.get(1)) else {
            continue;
        };
        // The `)` that closes this link would come before the line ends or the next link starts.
        let rest = &text[target.end()..];
        let rest = &rest[..rest.find(['\n', '[']).unwrap_or(rest.len())];
        if looks_like_target(target.as_str()) && !rest.contains(')') {
            found.push(Break::Unclosed(whole.start()..target.end()));
        }
    }
    for captures in WRONG_CLOSING.captures_iter(text) {
        let (Some(whole), Some(target)) = (captures.get(0), captures.get(1)) else {
            continue;
        };
        if looks_like_target(target.as_str()) {
            let wrong = target.start() - 2;
            found.push(Break::WrongClosing(whole.range(), wrong));
        }
    }
    found
}

impl Rule for LinkUnbalancedBrackets {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        for found in breaks(context.text) {
            let diagnostic = match found {
                Break::Unclosed(span) => {
                    if is_skipped(page.document, &span) {
                        continue;
                    }
                    Diagnostic::new(
                        page.path(),
                        span,
                        "this link's target has no closing `)`: the link shows as text",
                    )
                    .label("`)` missing after the target")
                    .help("close the target with `)`")
                }
                Break::WrongClosing(span, wrong) => {
                    if is_skipped(page.document, &span) {
                        continue;
                    }
                    Diagnostic::new(
                        page.path(),
                        span,
                        "this link's text is closed with `)` instead of `]`: the link shows as text",
                    )
                    .label("should be `]`")
                    .help("close the link text with `]`")
                    .fix(Fix::unsafe_("replace `)` with `]`".to_owned(), vec![Edit {
                            span: wrong..wrong + 1,
                            replacement: "]".to_owned(),
                        }]))
                }
            };
            diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken() {
        assert_eq!(
            breaks("See [the FAQ](https://x.org/faq for more"),
            [Break::Unclosed(4..31)]
        );
        assert_eq!(breaks("[a](/en/help\nnext"), [Break::Unclosed(0..12)]);
        assert_eq!(
            breaks("[a](https://x.org and [b](/c)"),
            [Break::Unclosed(0..17)]
        );
        assert_eq!(
            breaks("See [the FAQ)(https://x.org) now"),
            [Break::WrongClosing(4..28, 12)]
        );
    }

    #[test]
    fn balanced() {
        for text in [
            "[a](https://x.org)",
            "[a](https://x.org \"title\")",
            "[a](https://x.org/a_(b))",
            "[a] (see below) and (more)",
            "(see [this](#x)) and (that)",
            "a [b) (c) d",
        ] {
            assert!(breaks(text).is_empty(), "{text}");
        }
    }
}
