//! What link and image rules share: resolving a written target on a page (Liquid included)
//! and suggesting the nearest existing path or id.

use crate::model::{Document, Image, Link, LinkKind};
use crate::site::Site;
use crate::site::urls::{Resolution, Target};
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
    let target = site.page(index).document;
    let known = site.urls.ids_are_known(index) && !target.anchor_ids().any(|id| id == fragment);
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

/// The candidate closest to `wanted`: equal but for case, else within a small edit distance.
pub fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 4).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == wanted {
            continue;
        }
        let distance = if candidate.to_lowercase() == wanted_lower {
            0
        } else {
            strsim::damerau_levenshtein(wanted, candidate)
        };
        let better = best.is_none_or(|(best_distance, best_candidate)| {
            (distance, candidate) < (best_distance, best_candidate)
        });
        if distance <= limit && better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
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
    fn nearest_prefers_case_then_distance() {
        let candidates = ["en/help", "en/Help", "en/donate"];
        assert_eq!(nearest("en/HELP", candidates.into_iter()), Some("en/Help"));
        assert_eq!(nearest("en/hlep", candidates.into_iter()), Some("en/help"));
        assert_eq!(nearest("fr/contact", candidates.into_iter()), None);
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("es/", "en/help"), "../en/help");
        assert_eq!(relative_path("es/", "es/help"), "help");
        assert_eq!(relative_path("", "assets/x.png"), "assets/x.png");
        assert_eq!(relative_path("en/a/", "assets/x.png"), "../../assets/x.png");
        assert_eq!(relative_path("en/", "en/"), "./");
    }
}
