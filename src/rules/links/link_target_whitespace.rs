//! `[text](https://x.org/my page)`: a space inside the target stops the link from linking.

use crate::rules::link_syntax::{is_markdown, is_skipped};
use crate::rules::prelude::*;
use crate::site::url_text::looks_like_target;
use regex::Regex;
use std::sync::LazyLock;

/// `[text](`, a target-like word, spaces, then more words that are not a quoted title, `)`.
static SPACED_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\[[^\[\]\n]*\]\(([^()\s]+)((?:[ \t]+[^()\s"'][^()\s]*)+)[ \t]*\)"#)
        .expect("valid regex")
});

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkTargetWhitespace)
}

struct LinkTargetWhitespace;

/// For each broken link: the span of the whole link and of the target with its spaces.
fn spaced_targets(text: &str) -> Vec<(Span, Span)> {
    SPACED_TARGET
        .captures_iter(text)
        .filter_map(|captures| {
            let (whole, first, rest) = (captures.get(0)?, captures.get(1)?, captures.get(2)?);
            // `https:// x.org`: a space after the scheme is a common break too.
            let is_scheme =
                ["http://", "https://"].contains(&first.as_str().to_ascii_lowercase().as_str());
            (looks_like_target(first.as_str()) || is_scheme)
                .then(|| (whole.range(), first.start()..rest.end()))
        })
        .collect()
}

impl Rule for LinkTargetWhitespace {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        for (span, target) in spaced_targets(context.text) {
            if is_skipped(page.document, &span) {
                continue;
            }
            let written = &context.text[target.clone()];
            let encoded = written.split_whitespace().collect::<Vec<_>>().join("%20");
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    target,
                    "a space inside the link target breaks this link: CommonMark shows it as text, and kramdown renders a link whose href holds the space and leads nowhere",
                )
                .label("space in the target")
                .help(format!(
                    "remove the space, or write it as `%20` if the address contains one: `{encoded}`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        spaced_targets(text)
            .into_iter()
            .map(|(_, target)| &text[target])
            .collect()
    }

    #[test]
    fn spaces_in_targets() {
        assert_eq!(
            found("[a](https://x.org/my page)"),
            ["https://x.org/my page"]
        );
        assert_eq!(found("[a](/en/help #faq)"), ["/en/help #faq"]);
        assert_eq!(found("[a](https:// x.org)"), ["https:// x.org"]);
    }

    #[test]
    fn valid_links_and_prose() {
        for text in [
            "[a](https://x.org \"Title\")",
            "[a](https://x.org 'Title')",
            "[a]( https://x.org )",
            "[a](https://x.org)",
            "[note](see the text above)",
            "[a](<https://x.org/my page>)",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
