//! A link to a path of the site where nothing is served.

use crate::rules::prelude::*;
use crate::rules::site_targets::{Written, written_like};
use crate::site::Site;
use crate::site::url_text::bare_host;
use crate::site::urls::{Resolution, Target};
use crate::suggest::Tolerance;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkBroken)
}

struct LinkBroken;

impl Rule for LinkBroken {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let site = context.site;
        let source = context.source();
        for (position, written) in Written::links(page.document).enumerate() {
            let Some(Target::Local {
                resolution: Resolution::Missing(url_path),
                ..
            }) = written.classify(site, page.path())
            else {
                continue;
            };
            // `[x](www.example.org)` is `link-bare-domain`'s finding: a missing scheme, not a missing page.
            if bare_host(written.target).is_some() {
                continue;
            }
            // `[https://x.org](words)` in a translation: `link-text-target-swapped`'s finding.
            let swapped = page.document.links.iter().any(|link| {
                link.target_span == written.span && crate::rules::lost_markup::is_swapped(link)
            });
            if swapped && source.is_some() {
                continue;
            }
            // A translation copies the source's links: the same broken link there is one
            // defect, reported once, in the source page.
            let copied = source.is_some_and(|source| {
                source.document.links.iter().any(|link| {
                    link.target == written.target
                        && matches!(
                            Written::link(link).classify(site, source.path()),
                            Some(Target::Local {
                                resolution: Resolution::Missing(_),
                                ..
                            })
                        )
                })
            });
            if copied {
                continue;
            }
            let shown = written.target.split(['#', '?']).next().unwrap_or_default();
            let wanted = url_path.trim_end_matches('/');
            let suggestion = site
                .lookups
                .pages(site.urls)
                .closest(wanted, Tolerance::Path)
                .map(|url| written_like(&written, site, page.path(), url));
            let counterpart =
                source.and_then(|source| source_counterpart(site, page, source, position));
            let help = match (suggestion, &counterpart) {
                (Some(suggestion), _) => format!("did you mean `{suggestion}`?"),
                (None, Some((_, link))) => {
                    format!("the source page links to `{}` in this place", link.target)
                }
                (None, None) => "fix the target or create the page it names".to_owned(),
            };
            let mut diagnostic = Diagnostic::new(
                page.path(),
                written.span.clone(),
                format!("`{shown}` links to no page or file of the site"),
            )
            .label(format!("nothing is served at `/{url_path}`"))
            .help(help);
            if let Some((source_path, link)) = counterpart {
                diagnostic = diagnostic.related(
                    source_path,
                    link.target_span.clone(),
                    format!("`{source_path}` links to `{}`", link.target),
                );
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// The working link of the source page in the same place, when both pages have the same
/// number of links (a translation that kept the structure of its source).
fn source_counterpart<'a>(
    site: &Site,
    translation: Page,
    source: Page<'a>,
    position: usize,
) -> Option<(&'a str, &'a Link)> {
    let links = |page: Page<'a>| {
        page.document
            .links
            .iter()
            .filter(|link| link.kind != LinkKind::Bare)
            .collect::<Vec<_>>()
    };
    let source_links = links(source);
    if source_links.len() != Written::links(translation.document).count() {
        return None;
    }
    let link = *source_links.get(position)?;
    let written = Written::link(link);
    let resolves = matches!(
        written.classify(site, source.path()),
        Some(Target::Local {
            resolution: Resolution::File(_),
            ..
        })
    );
    resolves.then_some((source.file.path.as_str(), link))
}
