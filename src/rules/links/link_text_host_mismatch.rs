//! Link text that names a host (`chatmail.example.org`) other than the one the link goes to.

use crate::lint::read_source;
use crate::rules::prelude::*;
use crate::site::hosts::{damerau_distance, describe_difference, host_in_text, host_of, registrable_domain};

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkTextHostMismatch)
}

struct LinkTextHostMismatch;

/// The host a link's text names and the host its target goes to, both without `www.`.
struct Mismatch {
    text_host: String,
    target_host: String,
}

/// How far apart two subdomains of one registrable domain may be spelt and still count as a
/// slip rather than a deliberate other name (`get.example.org` for `example.org/download`).
const SUBDOMAIN_TYPO_DISTANCE: usize = 2;

fn without_www(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

/// Decisions, all for precision: `www.`, case and a trailing dot do not count; text naming a
/// parent domain of the target down to its registrable domain (`example.org` for
/// `https://docs.example.org/`) is a shortened display; two different subdomains of one
/// registrable domain are reported only when spelt within two edits of each other.
fn mismatch(link: &Link) -> Option<Mismatch> {
    if link.has_liquid || matches!(link.kind, LinkKind::Bare | LinkKind::Autolink) {
        return None;
    }
    let text_host = host_in_text(&link.text)?;
    let target_host = host_of(&link.target)?;
    let (text_host, target_host) = (without_www(&text_host), without_www(&target_host));
    if text_host == target_host {
        return None;
    }
    // An archived copy or a redirector names the text's address further on in the target
    // (`https://web.archive.org/web/2020/https://example.org/`, `…?url=example.org`).
    let target_after_host = link
        .target
        .to_ascii_lowercase()
        .split_once(target_host)
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_default();
    if target_after_host.contains(text_host) {
        return None;
    }
    let target_domain = registrable_domain(target_host);
    let names_parent = target_host.ends_with(&format!(".{text_host}"))
        && target_domain
            .as_ref()
            .is_some_and(|domain| text_host.len() >= domain.len());
    if names_parent {
        return None;
    }
    if target_domain.is_some()
        && registrable_domain(text_host) == target_domain
        && damerau_distance(text_host, target_host) > SUBDOMAIN_TYPO_DISTANCE
    {
        return None;
    }
    Some(Mismatch {
        text_host: text_host.to_owned(),
        target_host: target_host.to_owned(),
    })
}

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
    fn id(&self) -> &'static str {
        "link-text-host-mismatch"
    }

    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let site = context.site;
        let source = site
            .corpus
            .index_of(page.path())
            .and_then(|index| site.source_of(index));
        // The file is read again only for pages with a finding, to place the fix.
        let mut raw: Option<Option<String>> = None;
        for link in &page.document.links {
            let Some(found) = mismatch(link) else {
                continue;
            };
            let raw = raw.get_or_insert_with(|| {
                read_source(&site.corpus.root.join(page.path()))
                    .ok()
                    .map(|source| source.text().to_owned())
            });
            let same_target = source.and_then(|source| {
                source
                    .document
                    .links
                    .iter()
                    .find(|other| other.target == link.target && mismatch(other).is_none())
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
                self.id(),
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
                    .help(format!("write `{target_host}` in the text, as the source page does"))
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
                        format!("`{}` links this text to `{}` here", source.path(), other.target),
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
                diagnostic = diagnostic.fix(Fix {
                    applicability: if same_target.is_some() {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    description: format!("write `{target_host}` in the link text"),
                    edits: vec![Edit {
                        span,
                        replacement: target_host.clone(),
                    }],
                });
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
        mismatch(&link(text, target)).is_some()
    }

    #[test]
    fn different_hosts_are_reported() {
        assert!(reported(
            "chatmail.woodpeckersnet.space",
            "https://chatmail.woodpeckersnest.space/"
        ));
        assert!(reported("https://example.org/a", "https://example.com/a"));
        assert!(reported("chatmial.example.org", "https://chatmail.example.org"));
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
        assert!(mismatch(&with_liquid).is_none());
    }
}
