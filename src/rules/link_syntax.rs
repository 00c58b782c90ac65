//! Shared by the link rules: which bytes of a Markdown file raw-text scans may look at, and
//! what a written link target looks like.

use crate::model::{Document, FileKind, FrontMatterBlock, Link, LinkKind};
use crate::site::Page;
use crate::site::host_typos::{damerau_distance, misspelling_distance};
use crate::site::url_text::{host_in_text, host_of, registrable_domain};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Whether raw-text scans should skip the byte range `span` of a page: it touches code (where
/// link syntax is shown, not used), a Liquid tag (whose rendered value is unknown), or the
/// front matter (YAML, not Markdown).
pub fn is_skipped(document: &Document, span: &Span) -> bool {
    let front_matter_end = match &document.front_matter {
        FrontMatterBlock::Absent => 0,
        FrontMatterBlock::Unclosed { .. } => usize::MAX,
        FrontMatterBlock::Invalid { block, .. } => block.end,
        FrontMatterBlock::Present(front_matter) => front_matter.block.end,
    };
    span.start < front_matter_end
        || document
            .code
            .iter()
            .any(|code| code.start < span.end && span.start < code.end)
        || document
            .liquid
            .iter()
            .any(|tag| tag.span.start < span.end && span.start < tag.span.end)
}

/// The scheme-like start of a target: letters, an optional `:` or `;`, then slashes.
static SCHEME_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z]+)([:;]?)(/*)").expect("valid regex"));

/// The length of the misspelt start of `target` and what it should be (`https://`).
pub fn scheme_typo(target: &str) -> Option<(usize, String)> {
    let captures = SCHEME_START.captures(target)?;
    let (scheme, separator, slashes) = (
        captures.get(1)?.as_str(),
        captures.get(2)?.as_str(),
        captures.get(3)?.as_str(),
    );
    let lowercase = scheme.to_ascii_lowercase();
    let intended = if lowercase == "http" || lowercase == "https" {
        let correct = separator == ":" && slashes == "//";
        // `http/x` or `https.md` may be relative paths; two slashes or a separator may not.
        let scheme_like = !separator.is_empty() || slashes.len() >= 2;
        if correct || !scheme_like {
            return None;
        }
        lowercase
    } else {
        let (to_http, to_https) = (
            damerau_distance(&lowercase, "http"),
            damerau_distance(&lowercase, "https"),
        );
        if separator.is_empty() || slashes.len() < 2 || to_http.min(to_https) != 1 {
            return None;
        }
        if to_https <= to_http { "https" } else { "http" }.to_owned()
    };
    Some((captures.get(0)?.end(), format!("{intended}://")))
}

/// The target with its misspelt scheme corrected (`htps://x.org` → `https://x.org`), when
/// `link-scheme-typo` reports it: what its author meant, for comparing it with other pages.
pub fn with_scheme_corrected(page: &Page, link: &Link) -> Option<String> {
    if !is_markdown(page) || link.has_liquid || link.kind == LinkKind::Bare {
        return None;
    }
    let (length, replacement) = scheme_typo(&link.target)?;
    Some(format!("{replacement}{}", &link.target[length..]))
}

/// Whether the page is Markdown, the only kind whose link syntax these rules read.
pub fn is_markdown(page: &Page) -> bool {
    matches!(page.file.kind, FileKind::Markdown | FileKind::Mdx)
}

/// Labels of reference definitions compare case-insensitively with runs of whitespace as one
/// space (CommonMark's label matching, without its Unicode case folding details).
pub fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The host a link's text names and the host its target goes to, both without `www.`.
pub struct HostMismatch {
    pub text_host: String,
    pub target_host: String,
}

pub fn without_www(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

/// The hosts of a link whose visible text names another host than its target
/// (`link-text-host-mismatch`'s finding; other rules leave such links to it).
/// Decisions, all for precision: `www.`, case and a trailing dot do not count; text naming a
/// parent domain of the target down to its registrable domain (`example.org` for
/// `https://docs.example.org/`) is a shortened display; two different subdomains of one
/// registrable domain are reported only when one is a misspelling of the other
/// ([`misspelling_distance`]).
pub fn text_host_mismatch(link: &Link) -> Option<HostMismatch> {
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
        && misspelling_distance(text_host, target_host).is_none()
    {
        return None;
    }
    Some(HostMismatch {
        text_host: text_host.to_owned(),
        target_host: target_host.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(normalize_label(" Foo \n Bar"), "foo bar");
    }

    #[test]
    fn skipped_regions() {
        let document = Document {
            code: vec![10..20, 40..50],
            ..Document::default()
        };
        assert!(is_skipped(&document, &(15..25)));
        assert!(!is_skipped(&document, &(20..25)));
        assert!(!is_skipped(&document, &(0..10)));
        assert!(is_skipped(&document, &(45..46)));
    }
}
