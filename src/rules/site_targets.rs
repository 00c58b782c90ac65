//! What link and image rules share: resolving a written target on a page (Liquid included)
//! and writing a suggested path the way the page writes its links.

use crate::model::{Document, Image, Link, LinkKind};
use crate::rules::link_syntax::with_scheme_corrected;
use crate::site::urls::{Resolution, Target};
use crate::site::{Page, Site};
use crate::source::Span;

/// A target written on a page, where it is written.
pub struct Written<'a> {
    pub target: &'a str,
    pub span: Span,
    pub has_liquid: bool,
}

impl<'a> Written<'a> {
    /// Links whose target is a URL the reader follows (not bare URLs in running text, which
    /// are external by construction).
    pub fn links(document: &'a Document) -> impl Iterator<Item = Written<'a>> {
        document
            .links
            .iter()
            .filter(|link| link.kind != LinkKind::Bare)
            .map(Written::link)
    }

    pub fn link(link: &'a Link) -> Self {
        Written {
            target: &link.target,
            span: link.target_span.clone(),
            has_liquid: link.has_liquid,
        }
    }

    pub fn image(image: &'a Image) -> Self {
        Written {
            target: &image.src,
            span: image.src_span.clone(),
            has_liquid: image.has_liquid,
        }
    }

    /// What the target points at, or `None` when Liquid makes it unknowable.
    pub fn classify(&self, site: &Site, page: &str) -> Option<Target> {
        if self.has_liquid || self.target.contains("{{") || self.target.contains("{%") {
            let expanded = site.urls.expand_on_page(page, self.target)?;
            return Some(site.urls.classify(page, &expanded));
        }
        Some(site.urls.classify(page, self.target))
    }

    /// Whether the target is written relative to the page (not `/…`).
    pub fn is_relative(&self) -> bool {
        !self.target.trim_start().starts_with('/')
    }
}

/// Fragments every browser understands without an element of that id.
const BROWSER_FRAGMENTS: &[&str] = &["", "top"];

/// The linted page a target names and the fragment that page has no id for.
pub fn missing_fragment(written: &Written, site: &Site, page: &str) -> Option<(usize, String)> {
    let (target_path, fragment) = match written.classify(site, page)? {
        Target::SamePage { fragment } => (page.to_owned(), fragment),
        Target::Local {
            resolution: Resolution::File(file),
            fragment: Some(fragment),
        } => (file, fragment),
        _ => return None,
    };
    if BROWSER_FRAGMENTS.contains(&fragment.as_str()) {
        return None;
    }
    // A page that is not linted has ids nobody here knows.
    let index = site.corpus.index_of(&target_path)?;
    let known = site.urls.ids_are_known(index) && !site.anchors(index).contains(&fragment);
    known.then_some((index, fragment))
}

/// Whether a target leads nowhere: no page or file is served at its path, it climbs above
/// the root, or it names an id its page lacks. `link-broken`, `path-escapes-root` and
/// `anchor-broken` report these; rules that compare pages leave such links to them.
pub fn leads_nowhere(written: &Written, site: &Site, page: &str) -> bool {
    matches!(
        written.classify(site, page),
        Some(Target::Local {
            resolution: Resolution::Missing(_) | Resolution::EscapesRoot,
            ..
        })
    ) || missing_fragment(written, site, page).is_some()
}

/// Whether a link is already another rule's finding on `page`, so rules that compare pages
/// (`link-parity`, the lists) leave it alone: it leads nowhere (`link-broken`,
/// `path-escapes-root`, `anchor-broken`) or its scheme is misspelt (`link-scheme-typo`).
/// One defect, one report: this is the one place that says which links are claimed.
pub fn reported_elsewhere(link: &Link, site: &Site, page: &Page) -> bool {
    with_scheme_corrected(page, link).is_some()
        || (link.kind != LinkKind::Bare && leads_nowhere(&Written::link(link), site, page.path()))
}

/// `to` (a site-relative URL path) written from the URL directory `from`: `es/` → `en/help`
/// is `../en/help`.
pub fn relative_path(from: &str, to: &str) -> String {
    let from_parts: Vec<&str> = from.split('/').filter(|part| !part.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut written = "../".repeat(from_parts.len() - common);
    written.push_str(&to_parts[common..].join("/"));
    if written.is_empty() {
        written.push_str("./");
    }
    written
}

/// How a suggested URL path is best written on the page: the way the author wrote theirs.
pub fn written_like(written: &Written, site: &Site, page: &str, url_path: &str) -> String {
    if written.is_relative() {
        relative_path(&site.urls.base_directory(page), url_path)
    } else {
        format!("{}/{url_path}", site.urls.baseurl())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("es/", "en/help"), "../en/help");
        assert_eq!(relative_path("es/", "es/help"), "help");
        assert_eq!(relative_path("", "assets/x.png"), "assets/x.png");
        assert_eq!(relative_path("en/a/", "assets/x.png"), "../../assets/x.png");
        assert_eq!(relative_path("en/", "en/"), "./");
    }
}
