//! Shared by the link rules: which bytes of a Markdown file raw-text scans may look at, and
//! what a written link target looks like.

use crate::model::{Document, FileKind, FrontMatterBlock};
use crate::rules::Page;
use crate::site::hosts::host_in_text;
use crate::source::Span;

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

/// Whether the page is Markdown, the only kind whose link syntax these rules read.
pub fn is_markdown(page: &Page) -> bool {
    page.file.kind == FileKind::Markdown
}

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

/// The host a relative target starts with, when it starts with one (`www.x.org/a` → `www.x.org`).
pub fn bare_host(target: &str) -> Option<String> {
    let target = target.trim();
    if target.starts_with(['/', '#', '.', '?']) {
        return None;
    }
    let first_segment = &target[..target.find(['/', '?', '#']).unwrap_or(target.len())];
    // A scheme (`mailto:`), or a port that would make this a `host:port` URL with no scheme.
    if first_segment.contains(':') {
        return None;
    }
    host_in_text(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_prose() {
        for target in [
            "https://x.org",
            "HTTP://x.org/a",
            "mailto:a@b.org",
            "/en/help",
            "../assets/x.png",
            "#faq",
            "help.md",
            "www.x.org",
        ] {
            assert!(looks_like_target(target), "{target}");
        }
        for prose in ["see below", "1999", "#", "/", "sic", "e.g.", "https://"] {
            assert!(!looks_like_target(prose), "{prose}");
        }
    }

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
