//! `htps://`, `http//x`, `https:/x`, `hhttps://`: a misspelt scheme turns a link to another
//! site into a relative link on this one.

use crate::rules::link_syntax::{is_markdown, scheme_typo};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkSchemeTypo)
}

struct LinkSchemeTypo;

impl Rule for LinkSchemeTypo {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        for link in &page.document.links {
            if link.has_liquid || matches!(link.kind, LinkKind::Bare) {
                continue;
            }
            let Some(written) = context.text.get(link.target_span.clone()) else {
                continue;
            };
            let Some((length, replacement)) = scheme_typo(written) else {
                continue;
            };
            let start = link.target_span.start;
            let wrong = &written[..length];
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    start..start + length,
                    format!(
                        "`{wrong}` is not a valid start of a web address, so the link points into this site"
                    ),
                )
                .label(format!("should be `{replacement}`"))
                .help(format!("write `{replacement}` instead of `{wrong}`"))
                .fix(Fix::safe(format!("replace `{wrong}` with `{replacement}`"), vec![Edit {
                        span: start..start + length,
                        replacement,
                    }])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(target: &str) -> Option<String> {
        scheme_typo(target)
            .map(|(length, replacement)| format!("{replacement}{}", &target[length..]))
    }

    #[test]
    fn typos() {
        for (written, expected) in [
            ("htps://x.org", "https://x.org"),
            ("http//x.org", "http://x.org"),
            ("https:/x.org", "https://x.org"),
            ("https:///x.org", "https://x.org"),
            ("hhttps://x.org", "https://x.org"),
            ("htttp://x.org", "http://x.org"),
            ("httsp://x.org", "https://x.org"),
            ("https;//x.org", "https://x.org"),
            ("HTPS://x.org", "https://x.org"),
        ] {
            assert_eq!(fixed(written).as_deref(), Some(expected), "{written}");
        }
    }

    #[test]
    fn valid_targets() {
        for target in [
            "https://x.org",
            "HTTP://x.org",
            "ftp://x.org",
            "mailto:a@b.org",
            "http.md",
            "http/page",
            "https",
            "hxxp://x.org",
            "sftp://x.org",
            "ws://x.org",
            "help#top",
            "/en/http",
            "tel:123",
        ] {
            assert_eq!(fixed(target), None, "{target}");
        }
    }
}
