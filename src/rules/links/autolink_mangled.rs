//! `< https://x.org >` or `<https://x.org` without `>`: an autolink that no longer links.

use crate::rules::link_syntax::{is_markdown, is_skipped};
use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// `<`, optional spaces, a URL, optional spaces, and what follows.
static ANGLE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<([ \t]*)((?i:https?|ftp)://[^\s<>]+)([ \t]*)(>?)").expect("valid regex")
});

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, AutolinkMangled)
}

struct AutolinkMangled;

#[derive(Debug, PartialEq)]
enum Damage {
    /// Spaces inside the brackets: the whole span and the spaces to remove.
    Spaces(Span, Vec<Span>),
    /// No closing `>`: the span of `<` and the URL.
    Unclosed(Span),
}

fn damaged_autolinks(text: &str) -> Vec<Damage> {
    ANGLE_URL
        .captures_iter(text)
        .filter_map(|captures| {
            let (whole, leading, url, trailing, closing) = (
                captures.get(0)?,
                captures.get(1)?,
                captures.get(2)?,
                captures.get(3)?,
                captures.get(4)?,
            );
            if closing.is_empty() {
                // A `>` later on the line means something else is wrong inside (a space in
                // the address, say): not reported, since what was meant is unclear.
                let rest = &text[whole.end()..];
                let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
                let closed_later = rest.find('>').is_some_and(|end| !rest[..end].contains('<'));
                return (!closed_later).then(|| Damage::Unclosed(whole.start()..url.end()));
            }
            let spaces: Vec<Span> = [leading, trailing]
                .iter()
                .filter(|space| !space.is_empty())
                .map(|space| space.range())
                .collect();
            (!spaces.is_empty()).then(|| Damage::Spaces(whole.range(), spaces))
        })
        .collect()
}

impl Rule for AutolinkMangled {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        for damage in damaged_autolinks(context.text) {
            let diagnostic = match damage {
                Damage::Spaces(span, spaces) => {
                    if is_skipped(page.document, &span) {
                        continue;
                    }
                    Diagnostic::new(
                        page.path(),
                        span,
                        "spaces inside `< >` stop this autolink from linking: it shows as text",
                    )
                    .label("spaces inside the brackets")
                    .help("remove the spaces between `<`, the address and `>`")
                    .fix(Fix::safe(
                        "remove the spaces".to_owned(),
                        spaces
                            .into_iter()
                            .map(|span| Edit {
                                span,
                                replacement: String::new(),
                            })
                            .collect(),
                    ))
                }
                Damage::Unclosed(span) => {
                    if is_skipped(page.document, &span) {
                        continue;
                    }
                    Diagnostic::new(
                        page.path(),
                        span,
                        "this autolink has no closing `>`: it does not link",
                    )
                    .label("`>` missing")
                    .help("close the address with `>`")
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
    fn damaged() {
        assert_eq!(
            damaged_autolinks("see < https://x.org > now"),
            [Damage::Spaces(4..21, vec![5..6, 19..20])]
        );
        assert_eq!(
            damaged_autolinks("see <https://x.org/a for"),
            [Damage::Unclosed(4..20)]
        );
    }

    #[test]
    fn intact() {
        for text in [
            "<https://x.org>",
            "<a href=\"https://x.org\">x</a>",
            "a < b and https://x.org",
            "<HTTPS://x.org/a?b=c>",
            "<https://x.org/a b>",
        ] {
            assert!(damaged_autolinks(text).is_empty(), "{text}");
        }
    }
}
