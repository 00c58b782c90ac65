//! Link text that names a host (`chatmail.example.org`) other than the one the link goes to.

use crate::rules::link_syntax::{text_host_mismatch, without_www};
use crate::rules::prelude::*;
use crate::site::host_typos::describe_difference;
use crate::site::url_text::host_of;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkTextHostMismatch)
}

struct LinkTextHostMismatch;

/// Where the text's host is written in the file, when it is written there exactly once.
fn host_span_in_text(raw: &str, link: &Link, host: &str) -> Option<Span> {
    let written = raw.get(link.text_span.clone())?.to_ascii_lowercase();
    let mut found = written.match_indices(host);
    let (offset, _) = found.next()?;
    found
        .next()
        .is_none()
        .then(|| link.text_span.start + offset..link.text_span.start + offset + host.len())
}

impl Rule for LinkTextHostMismatch {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let site = context.site;
        let source = context.source();
        // The file is read again only for pages with a finding, to place the fix.
        let mut raw: Option<Option<String>> = None;
        for link in &page.document.links {
            let Some(found) = text_host_mismatch(link) else {
                continue;
            };
            let raw =
                raw.get_or_insert_with(|| site.corpus.confinement.read_text(page.path(), u64::MAX));
            let same_target = source.and_then(|source| {
                source
                    .document
                    .links
                    .iter()
                    .find(|other| {
                        other.target == link.target && text_host_mismatch(other).is_none()
                    })
                    .map(|other| (source, other))
            });
            let same_text = source.and_then(|source| {
                source
                    .document
                    .links
                    .iter()
                    .find(|other| other.text == link.text && other.target != link.target)
                    .map(|other| (source, other))
            });
            let (text_host, target_host) = (&found.text_host, &found.target_host);
            // The source page links this text to its own host: the target is the slip.
            let target_is_wrong = same_target.is_none()
                && same_text.is_some_and(|(_, other)| {
                    host_of(&other.target).as_deref().map(without_www) == Some(text_host.as_str())
                });
            let mut diagnostic = Diagnostic::new(
                page.path(),
                link.text_span.clone(),
                format!(
                    "the link text names `{text_host}` but the link goes to `{target_host}`: {}",
                    describe_difference(text_host, target_host)
                ),
            )
            .label(format!("the target's host is `{target_host}`"));
            diagnostic = match (same_target, same_text) {
                (Some((source, other)), _) => diagnostic
                    .help(format!(
                        "write `{target_host}` in the text, as the source page does"
                    ))
                    .related(
                        source.path(),
                        other.span.clone(),
                        format!("`{}` has the same target here", source.path()),
                    ),
                (None, Some((source, other))) if target_is_wrong => diagnostic
                    .help(format!(
                        "correct the target to `{}`, as in the source page",
                        other.target
                    ))
                    .related(
                        source.path(),
                        other.span.clone(),
                        format!(
                            "`{}` links this text to `{}` here",
                            source.path(),
                            other.target
                        ),
                    ),
                _ => diagnostic.help(format!(
                    "write `{target_host}` in the text, or correct the target if the text is right"
                )),
            };
            let text_fix = raw
                .as_deref()
                .filter(|_| !target_is_wrong)
                .and_then(|raw| host_span_in_text(raw, link, text_host));
            if let Some(span) = text_fix {
                diagnostic = diagnostic.fix(Fix::new(
                    if same_target.is_some() {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    format!("write `{target_host}` in the link text"),
                    vec![Edit {
                        span,
                        replacement: target_host.clone(),
                    }],
                ));
            }
            diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, target: &str) -> Link {
        Link {
            kind: LinkKind::Inline,
            target: target.to_owned(),
            target_span: 0..0,
            text: text.to_owned(),
            text_span: 0..0,
            span: 0..0,
            reference: None,
            has_liquid: false,
        }
    }

    fn reported(text: &str, target: &str) -> bool {
        text_host_mismatch(&link(text, target)).is_some()
    }

    #[test]
    fn different_hosts_are_reported() {
        assert!(reported(
            "chatmail.woodpeckersnet.space",
            "https://chatmail.woodpeckersnest.space/"
        ));
        assert!(reported("https://example.org/a", "https://example.com/a"));
        assert!(reported(
            "chatmial.example.org",
            "https://chatmail.example.org"
        ));
        assert!(reported("docs.example.org", "https://other.org/docs"));
    }

    #[test]
    fn same_site_written_differently_is_clean() {
        assert!(!reported("www.example.org", "https://example.org"));
        assert!(!reported("Example.ORG", "https://www.example.org./"));
        assert!(!reported("example.org", "https://docs.example.org/page"));
        assert!(!reported("example.org/page", "https://example.org/page"));
        assert!(!reported("get.example.org", "https://example.org/download"));
        assert!(!reported("nine.example.org", "https://example.org/"));
        assert!(!reported(
            "example.org/page",
            "https://web.archive.org/web/2020/https://example.org/page"
        ));
    }

    #[test]
    fn texts_that_are_not_hosts_are_clean() {
        assert!(!reported("Download", "https://example.org"));
        assert!(!reported("README.md", "https://example.org/README.md"));
        assert!(!reported("example.org", "/local/page"));
        let mut with_liquid = link("example.org", "https://other.org/{{ x }}");
        with_liquid.has_liquid = true;
        assert!(text_host_mismatch(&with_liquid).is_none());
    }
}
