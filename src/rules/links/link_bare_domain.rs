//! `[x](www.example.org)`, `[x](example.org/path)`: a host without `https://` is a relative
//! path, so the browser looks for a page of that name on this site.

use crate::rules::link_syntax::is_markdown;
use crate::rules::prelude::*;
use crate::site::url_text::bare_host;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkBareDomain)
}

struct LinkBareDomain;

impl Rule for LinkBareDomain {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        for link in &page.document.links {
            if link.has_liquid || matches!(link.kind, LinkKind::Bare | LinkKind::Autolink) {
                continue;
            }
            let Some(written) = context.text.get(link.target_span.clone()) else {
                continue;
            };
            let Some(host) = bare_host(written) else {
                continue;
            };
            let start = link.target_span.start + (written.len() - written.trim_start().len());
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    link.target_span.clone(),
                    format!(
                        "`{}` has no `https://`, so browsers read it as a page of this site, not the host `{host}`",
                        written.trim()
                    ),
                )
                .label("relative path, not a web address")
                .help(format!("write `https://{}`", written.trim()))
                .fix(// The site may only answer on `http://`.
Fix::unsafe_("add `https://` before the host".to_owned(), vec![Edit {
                        span: start..start,
                        replacement: "https://".to_owned(),
                    }])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_without_scheme() {
        assert_eq!(
            bare_host("www.example.org").as_deref(),
            Some("www.example.org")
        );
        assert_eq!(
            bare_host("example.org/path").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            bare_host("get.example.com").as_deref(),
            Some("get.example.com")
        );
    }

    #[test]
    fn relative_targets() {
        for target in [
            "help",
            "help.md",
            "page.html",
            "../assets/x.png",
            "/en/help#faq",
            "#top",
            "https://example.org",
            "mailto:a@b.org",
            "example.org:8080",
            "v1.2/notes",
            "README.md",
            "setup.py",
            "assets/logo.svg",
        ] {
            assert_eq!(bare_host(target), None, "{target}");
        }
    }
}
