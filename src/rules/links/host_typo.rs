//! A link's host that is probably a misspelling: of a much more frequent host in the corpus,
//! or of the host the same link has in the source page.

use crate::align::link_lists::list_entry_links;
use crate::rules::link_syntax::text_host_mismatch;
use crate::rules::prelude::*;
use crate::site::host_typos::{HostTypoDetector, TypoSuspect};
use crate::site::url_text::{host_of, registrable_domain};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Pairs of hosts or domains that are distinct sites, never typos of each other.
    allow: Vec<(String, String)>,
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    Ok(Box::new(HostTypo {
        allow: options.allow,
    }))
}

struct HostTypo {
    allow: Vec<(String, String)>,
}

/// One link to another site: which page, which link, and its host.
struct Occurrence {
    page: usize,
    link: usize,
    host: String,
}

/// Where the suspicious host is compared against, and how it differs.
struct Finding {
    intended_host: String,
    description: String,
    /// A link that uses the intended host, preferably in the source page.
    related: Option<(usize, usize)>,
    why: String,
}

impl HostTypo {
    fn occurrences(site: &crate::site::Site) -> Vec<Occurrence> {
        let mut occurrences = Vec::new();
        for (page, document) in site.documents.iter().enumerate() {
            // Entries of a translation's lists of links are the list rules' to compare.
            let list_entries = match site.corpus.source_of(page) {
                Some(_) => list_entry_links(site.page(page), &site.settings.lists),
                None => HashSet::new(),
            };
            for (index, link) in document.links.iter().enumerate() {
                // A link whose text names another host is `link-text-host-mismatch`'s finding.
                if link.has_liquid
                    || list_entries.contains(&index)
                    || text_host_mismatch(link).is_some()
                {
                    continue;
                }
                if let Some(host) = host_of(&link.target) {
                    occurrences.push(Occurrence {
                        page,
                        link: index,
                        host,
                    });
                }
            }
        }
        occurrences
    }

    /// A link in `page` whose host has the registrable domain of `host`.
    fn link_to(site: &crate::site::Site, page: usize, host: &str) -> Option<usize> {
        let domain = registrable_domain(host)?;
        let links = &site.documents[page].links;
        let same_host = links
            .iter()
            .position(|link| !link.has_liquid && host_of(&link.target).as_deref() == Some(host));
        same_host.or_else(|| {
            links.iter().position(|link| {
                !link.has_liquid
                    && host_of(&link.target)
                        .and_then(|other| registrable_domain(&other))
                        .as_deref()
                        == Some(domain.as_str())
            })
        })
    }
}

/// The hosts a page links to, and each host with the index of its first link that holds no
/// Liquid, in the order of those links.
type LinkedHosts = (HashSet<String>, Vec<(String, usize)>);

/// A source page's link whose host another host nearly matches: the link's index, its host
/// and how the two differ.
type NearMiss = (usize, String, String);

/// The [`LinkedHosts`] of `links`.
fn hosts_linked(links: &[Link]) -> LinkedHosts {
    let mut all = HashSet::new();
    let mut shown: HashSet<String> = HashSet::new();
    let mut first_links = Vec::new();
    for (index, link) in links.iter().enumerate() {
        let Some(host) = host_of(&link.target) else {
            continue;
        };
        if !link.has_liquid && shown.insert(host.clone()) {
            first_links.push((host.clone(), index));
        }
        all.insert(host);
    }
    (all, first_links)
}

impl Rule for HostTypo {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        let site = context.site;
        let occurrences = Self::occurrences(site);
        let mut detector = HostTypoDetector::new(self.allow.clone());
        for occurrence in &occurrences {
            detector.add(&occurrence.host);
        }
        // Pages link the same hosts many times: each host is looked up once, and each source
        // page's hosts are gathered once.
        let mut suspects: HashMap<&str, Option<TypoSuspect>> = HashMap::new();
        let mut source_hosts: HashMap<usize, LinkedHosts> = HashMap::new();
        let mut near_misses: HashMap<(usize, &str), Option<NearMiss>> = HashMap::new();
        for occurrence in &occurrences {
            let source = site.corpus.source_of(occurrence.page);
            let suspect = suspects
                .entry(occurrence.host.as_str())
                .or_insert_with(|| detector.likely_typo_of(&occurrence.host))
                .clone();
            let finding = if let Some(suspect) = suspect {
                let related = source
                    .and_then(|source| {
                        Self::link_to(site, source, &suspect.intended_host)
                            .map(|link| (source, link))
                    })
                    .or_else(|| {
                        Self::link_to(site, occurrence.page, &suspect.intended_host)
                            .map(|link| (occurrence.page, link))
                    })
                    .or_else(|| {
                        occurrences
                            .iter()
                            .find(|other| other.host == suspect.intended_host)
                            .map(|other| (other.page, other.link))
                    });
                Finding {
                    why: format!(
                        "used {} times in the site against {} for this spelling",
                        suspect.intended_count, suspect.written_count
                    ),
                    intended_host: suspect.intended_host,
                    description: suspect.description,
                    related,
                }
            } else {
                let Some(source) = source else {
                    continue;
                };
                let (linked, first_links) = source_hosts
                    .entry(source)
                    .or_insert_with(|| hosts_linked(&site.documents[source].links));
                let near_miss = near_misses
                    .entry((source, occurrence.host.as_str()))
                    .or_insert_with(|| {
                        if linked.contains(&occurrence.host) {
                            return None;
                        }
                        first_links.iter().find_map(|(host, link)| {
                            let description = detector.near_miss(&occurrence.host, host)?;
                            Some((*link, host.clone(), description))
                        })
                    });
                let Some((link, host, description)) = near_miss.clone() else {
                    continue;
                };
                Finding {
                    intended_host: host,
                    description,
                    related: Some((source, link)),
                    why: "the source page links there".to_owned(),
                }
            };
            let page = site.page(occurrence.page);
            let link = &page.document.links[occurrence.link];
            let written = &occurrence.host;
            let intended = &finding.intended_host;
            let mut diagnostic = Diagnostic::new(
                page.path(),
                link.target_span.clone(),
                format!(
                    "`{written}` looks like a misspelling of `{intended}`: {}",
                    finding.description
                ),
            )
            .label(format!("probably `{intended}`"))
            .help(format!(
                "correct the host to `{intended}` ({}), or allow the pair with `[rules.host-typo] allow`",
                finding.why
            ));
            if let Some((related_page, related_link)) = finding.related {
                let related_page = site.page(related_page);
                diagnostic = diagnostic.related(
                    related_page.path(),
                    related_page.document.links[related_link]
                        .target_span
                        .clone(),
                    format!("`{}` links to `{intended}` here", related_page.path()),
                );
            }
            diagnostics.push(diagnostic);
        }
    }
}
