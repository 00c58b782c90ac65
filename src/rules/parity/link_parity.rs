//! The translation's link targets differ from its source page's: a link missing, added, or
//! pointing somewhere else.

use crate::align::Place;
use crate::align::items::ItemPairing;
use crate::align::keys::generalise_locale;
use crate::align::link_lists::list_entry_links;
use crate::diagnostic::{ItemKind, Presence};
use crate::rules::link_syntax::with_scheme_corrected;
use crate::rules::lost_markup::{explains_link, lost_markup_of, reported_by_markup_rules};
use crate::rules::prelude::*;
use crate::rules::site_targets::{Written, reported_elsewhere};
use crate::site::Site;
use crate::site::host_typos::damerau_distance;
use crate::site::url_text::{LOCALIZED_HOSTS, bare_url_in_text, host_of, registrable_domain};
use crate::site::urls::{Resolution, Target};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Globs of hosts or URLs whose links may differ per locale.
    localized: Vec<String>,
    /// Compare links without their `#fragment`, except fragments naming an explicit id of
    /// the site's source pages.
    ignore_fragments: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            localized: LOCALIZED_HOSTS.map(str::to_owned).to_vec(),
            ignore_fragments: true,
        }
    }
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    let mut builder = GlobSetBuilder::new();
    for pattern in &options.localized {
        let glob = Glob::new(pattern)
            .map_err(|err| format!("`localized`: invalid glob `{pattern}`: {err}"))?;
        builder.add(glob);
    }
    let localized = builder.build().map_err(|err| err.to_string())?;
    Ok(Box::new(LinkParity {
        localized,
        ignore_fragments: options.ignore_fragments,
        source_explicit_ids: OnceLock::new(),
    }))
}

struct LinkParity {
    localized: GlobSet,
    ignore_fragments: bool,
    /// The explicit ids of the site's source pages, gathered once per run.
    source_explicit_ids: OnceLock<HashSet<String>>,
}

/// A link as the comparison sees it.
struct Compared<'a> {
    link: &'a Link,
    /// The target with the page's locale generalised and ignorable parts dropped, as the
    /// source writes it (the drift stage looks for it in the source's history).
    key: String,
    /// What the link reaches, for pairing: the source page of a linted page it leads to
    /// (`/it/canary/` and `/canary/` are one link), else `key`.
    same_as: String,
    /// Translators may legitimately point this link elsewhere.
    localized: bool,
    /// A link to a fragment of the same page that is not a source page's explicit id: it may
    /// follow a translated heading, so it is reported only when it pairs as changed.
    loose: bool,
    /// The target holds Liquid, broken or not: `liquid-parity` and `liquid-mangled` compare it.
    liquid: bool,
}

impl Rule for LinkParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source.document, context.translation.document);
        // String catalogs compare by key (`fluent-message-missing`, `catalog-key-missing`).
        let is_page = matches!(
            context.translation.file.kind,
            FileKind::Markdown | FileKind::Mdx | FileKind::Html
        );
        if !is_page || source.redirect.is_some() || translation.redirect.is_some() {
            return;
        }
        let corpus = context.site.corpus;
        let source_locale = corpus.source_locale.as_str();
        let Some(translation_locale) = context.translation.file.locale.as_deref() else {
            return;
        };
        let explicit_ids = self
            .source_explicit_ids
            .get_or_init(|| source_explicit_ids(context));
        let alignment = context.alignment();
        let list_entries = list_entry_targets(context);
        let source_links = self.compared(
            context.site,
            &context.source,
            source_locale,
            explicit_ids,
            &list_entries,
        );
        let translation_links = self.compared(
            context.site,
            &context.translation,
            translation_locale,
            explicit_ids,
            &list_entries,
        );
        let offsets = |links: &[Option<Compared>], document: &Document| -> Vec<usize> {
            document
                .links
                .iter()
                .zip(links)
                .map(|(link, _)| link.span.start)
                .collect()
        };
        let mut pairing = ItemPairing::new(
            alignment,
            source,
            translation,
            &offsets(&source_links, source),
            &offsets(&translation_links, translation),
        );
        let keys = |links: &[Option<Compared>]| -> Vec<Option<String>> {
            links
                .iter()
                .map(|link| link.as_ref().map(|link| link.same_as.clone()))
                .collect()
        };
        for (index, link) in source_links.iter().enumerate() {
            if link.is_none() {
                pairing.settle_source(index);
            }
        }
        for (index, link) in translation_links.iter().enumerate() {
            if link.is_none() {
                pairing.settle_translation(index);
            }
        }
        pairing.pair_equal(&keys(&source_links), &keys(&translation_links));
        // A source link whose remains stand in the translation as text is the lost-markup
        // rules' finding; and a link that lost its `!` is `image-parity`'s.
        let lost = lost_markup_of(context);
        for (index, link) in source_links.iter().enumerate() {
            if let Some(link) = link
                && pairing.source_pair(index).is_none()
                && lost
                    .iter()
                    .any(|broken| explains_link(broken, &link.link.target))
            {
                pairing.settle_source(index);
            }
        }
        // A placeholder a translation tool left (`{a1}…{/a1}`) stands for the links of the
        // source block it replaced: `markup-placeholder` reports it.
        let replaced_blocks: HashSet<usize> = translation
            .broken_markup
            .iter()
            .filter(|broken| broken.cause == MarkupBreak::Placeholder)
            .filter_map(|broken| {
                crate::align::block_at(translation, broken.span.start)
                    .and_then(|block| alignment.source_block(block))
            })
            .collect();
        for (index, link) in source.links.iter().enumerate() {
            if pairing.is_source_open(index)
                && crate::align::block_at(source, link.span.start)
                    .is_some_and(|block| replaced_blocks.contains(&block))
            {
                pairing.settle_source(index);
            }
        }
        let pair = |s: usize, t: usize| -> Option<(&Compared, &Compared)> {
            Some((source_links[s].as_ref()?, translation_links[t].as_ref()?))
        };
        // The localised version of a source link: the same site, one of them localised.
        let site_of = |host: &str| registrable_domain(host).unwrap_or_else(|| host.to_owned());
        pairing.pair_near(|s, t, same_block| {
            let (a, b) = pair(s, t)?;
            if !(a.localized || b.localized) {
                return None;
            }
            let (source_host, translation_host) =
                (host_of(&a.link.target)?, host_of(&b.link.target)?);
            (site_of(&source_host) == site_of(&translation_host)).then(|| {
                (
                    source_host != translation_host,
                    !same_block,
                    damerau_distance(&a.key, &b.key),
                )
            })
        });
        // Left unpaired, these differ on purpose (or are the Liquid rules' to report).
        for (index, link) in source_links.iter().enumerate() {
            if link
                .as_ref()
                .is_some_and(|link| link.localized || link.liquid)
            {
                pairing.settle_source(index);
            }
        }
        for (index, link) in translation_links.iter().enumerate() {
            if link
                .as_ref()
                .is_some_and(|link| link.localized || link.liquid)
            {
                pairing.settle_translation(index);
            }
        }
        settle_substituted_hosts(&mut pairing, &source_links, &translation_links);
        // A link that is already another rule's finding (it leads nowhere, its scheme is
        // misspelt, its markup is broken) is reported there: a translation's only keeps its
        // source link from reading as missing, and a source's is not asked of translations.
        let reported_in_translation = |link: &Compared| {
            reported_by_markup_rules(link.link)
                || reported_elsewhere(link.link, context.site, &context.translation)
        };
        // One link changed rather than one missing and one added: alike targets first, then
        // whatever the targets, the only difference between two paired blocks.
        let changes = pairing.pair_near(|s, t, same_block| {
            let (a, b) = pair(s, t)?;
            let distance = damerau_distance(&a.key, &b.key);
            if is_near_miss(&a.key, &b.key) {
                Some((false, distance))
            } else {
                same_block.then_some((true, distance))
            }
        });
        for (s, t) in changes {
            if let Some((a, b)) = pair(s, t)
                && !reported_in_translation(b)
            {
                diagnostics.push(changed(context, a, b));
            }
        }
        for (index, link) in source_links.iter().enumerate() {
            if link.as_ref().is_some_and(|link| link.loose) {
                pairing.settle_source(index);
            }
        }
        for (index, link) in translation_links.iter().enumerate() {
            if link.as_ref().is_some_and(|link| link.loose) {
                pairing.settle_translation(index);
            }
        }
        let missing: Vec<usize> = pairing.missing().collect();
        for s in missing {
            if let Some(link) = &source_links[s]
                && !reported_elsewhere(link.link, context.site, &context.source)
            {
                diagnostics.push(missing_link(context, &pairing.place(s), link));
            }
        }
        // A link to an image the source page shows is an image lost in translation
        // (`image-parity` reports it).
        let shown_in_source = |link: &Compared| {
            source
                .images
                .iter()
                .any(|image| image.src == link.link.target)
        };
        let added: Vec<usize> = pairing.added().collect();
        for t in added {
            if let Some(link) = &translation_links[t]
                && !reported_in_translation(link)
                && !shown_in_source(link)
            {
                diagnostics.push(extra(context, pairing.source_block_of(t), link));
            }
        }
    }
}

impl LinkParity {
    fn compared<'a>(
        &self,
        site: &Site,
        page: &Page<'a>,
        locale: &str,
        explicit_ids: &HashSet<String>,
        list_entries: &HashSet<&str>,
    ) -> Vec<Option<Compared<'a>>> {
        let document = page.document;
        document
            .links
            .iter()
            .map(|link| {
                if list_entries.contains(link.target.as_str()) {
                    return None;
                }
                // A misspelt scheme is `link-scheme-typo`'s: compare what the author meant.
                let (key, localized) = match with_scheme_corrected(page, link) {
                    Some(target) => {
                        let corrected = Link {
                            target,
                            ..link.clone()
                        };
                        self.key(&corrected, locale, explicit_ids)?
                    }
                    None => self.key(link, locale, explicit_ids)?,
                };
                let same_as = self
                    .page_key(site, page, link, explicit_ids)
                    .unwrap_or_else(|| key.clone());
                let mangled = document.broken_liquid.iter().any(|broken| {
                    broken.span.start < link.target_span.end
                        && link.target_span.start < broken.span.end
                });
                Some(Compared {
                    link,
                    same_as,
                    loose: key.starts_with('#') && !explicit_ids.contains(&key[1..]),
                    key,
                    localized,
                    liquid: link.has_liquid || mangled,
                })
            })
            .collect()
    }

    /// The key of a link to a linted page of the site: the source page of the page it reaches,
    /// so that `/it/canary/` on an Italian page and `/canary/` on the English one, or `../help`
    /// and `help.md`, are one link whatever the URL model writes. A fragment is kept when it
    /// names an explicit id (generated ids follow translated headings), or always
    /// without `ignore-fragments`.
    fn page_key(
        &self,
        site: &Site,
        page: &Page,
        link: &Link,
        explicit_ids: &HashSet<String>,
    ) -> Option<String> {
        if link.kind == LinkKind::Bare || link.has_liquid || host_of(&link.target).is_some() {
            return None;
        }
        let Target::Local {
            resolution: Resolution::File(file),
            fragment,
        } = Written::link(link).classify(site, page.path())?
        else {
            return None;
        };
        let reached = site.corpus.index_of(&file)?;
        let source = site.corpus.source_of(reached).unwrap_or(reached);
        let path = &site.corpus.files[source].path;
        Some(
            match fragment.filter(|fragment| {
                !fragment.is_empty() && (!self.ignore_fragments || explicit_ids.contains(fragment))
            }) {
                Some(fragment) => format!("page:{path}#{fragment}"),
                None => format!("page:{path}"),
            },
        )
    }

    /// The comparison key of a link and whether it is localised; `None` for a link to a
    /// fragment of the same page that is not compared.
    fn key(
        &self,
        link: &Link,
        locale: &str,
        explicit_ids: &HashSet<String>,
    ) -> Option<(String, bool)> {
        let target = match link.kind {
            // Bare URL detection runs on into CJK text that follows without a space.
            LinkKind::Bare => bare_url_in_text(&link.target),
            _ => link.target.trim(),
        };
        if link.has_liquid {
            return Some((
                target.split_whitespace().collect::<Vec<_>>().join(" "),
                false,
            ));
        }
        let (base, fragment) = match target.split_once('#') {
            Some((base, fragment)) => (base, Some(fragment)),
            None => (target, None),
        };
        // `https://x.org` and `https://x.org/` are one address.
        let base = match host_of(base) {
            Some(_) if base.matches('/').count() == 3 => base.trim_end_matches('/'),
            _ => base,
        };
        let host = host_of(base);
        let keep_fragment = fragment.is_some_and(|fragment| {
            !fragment.is_empty()
                && (!self.ignore_fragments || (host.is_none() && explicit_ids.contains(fragment)))
        });
        let generalised = generalise_locale(base, host.as_deref(), locale);
        let key = match fragment {
            Some(fragment) if keep_fragment || (base.is_empty() && !fragment.is_empty()) => {
                format!("{}#{fragment}", generalised.text)
            }
            _ => generalised.text,
        };
        if key.is_empty() {
            return None;
        }
        let localized = generalised.has_locale
            || generalised.locale_subdomain
            || host
                .as_deref()
                .is_some_and(|host| self.localized.is_match(host))
            || self.localized.is_match(strip_scheme(target));
        Some((key, localized))
    }
}

/// The targets of the entries of both pages' lists of links: the list rules compare those
/// (an entry a translation dropped leaves a list too short to be detected on its side).
fn list_entry_targets<'a>(context: &TranslationContext<'a>) -> HashSet<&'a str> {
    let lists = &context.site.settings.lists;
    [context.source, context.translation]
        .into_iter()
        .flat_map(|page| {
            list_entry_links(page, lists)
                .into_iter()
                .map(move |index| page.document.links[index].target.as_str())
        })
        .collect()
}

fn strip_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// Every explicit id of the site's source-language pages: fragments naming them are stable
/// across languages, unlike generated ids, which follow the translated heading text.
fn source_explicit_ids(context: &TranslationContext) -> HashSet<String> {
    let corpus = context.site.corpus;
    context
        .site
        .pages()
        .filter(|page| page.file.locale.as_deref() == Some(corpus.source_locale.as_str()))
        .flat_map(|page| {
            let document = page.document;
            document
                .headings
                .iter()
                .filter_map(|heading| heading.explicit_id.as_ref())
                .chain(&document.html_ids)
                .map(|anchor| anchor.id.clone())
        })
        .collect()
}

/// Settles, silently, the links of a site the translation replaced by an equivalent site in
/// its language (a law quoted from a national site): neither page links to the other's host
/// at all, and the open source links to host A and translation links to host B stand in
/// paired sections, or are as many and more than one (sections may be restructured).
fn settle_substituted_hosts(
    pairing: &mut ItemPairing,
    source: &[Option<Compared>],
    translation: &[Option<Compared>],
) {
    let hosts = |links: &[Option<Compared>]| -> HashSet<String> {
        links
            .iter()
            .flatten()
            .filter_map(|link| host_of(&link.link.target))
            .collect()
    };
    let (source_hosts, translation_hosts) = (hosts(source), hosts(translation));
    let open_by_host = |links: &[Option<Compared>],
                        open: &dyn Fn(usize) -> bool,
                        section: &dyn Fn(usize) -> usize| {
        let mut by_host: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (index, link) in links.iter().enumerate() {
            if let Some(host) = link.as_ref().and_then(|link| host_of(&link.link.target))
                && open(index)
            {
                let entry = by_host.entry(host).or_default();
                entry.0.push(index);
                entry.1.push(section(index));
            }
        }
        for (_, sections) in by_host.values_mut() {
            sections.sort_unstable();
        }
        by_host
    };
    let source_open = open_by_host(source, &|s| pairing.is_source_open(s), &|s| {
        pairing.mapped_section(s)
    });
    let translation_open = open_by_host(translation, &|t| pairing.is_translation_open(t), &|t| {
        pairing.translation_section(t)
    });
    for source_host in source_hosts.difference(&translation_hosts) {
        let Some((wanted_links, wanted)) = source_open.get(source_host) else {
            continue;
        };
        let substitute = translation_hosts
            .difference(&source_hosts)
            .find_map(|host| {
                let (links, found) = translation_open.get(host)?;
                (found == wanted || (wanted.len() >= 2 && found.len() == wanted.len()))
                    .then_some(links)
            });
        let Some(substitute) = substitute else {
            continue;
        };
        for &s in wanted_links {
            pairing.settle_source(s);
        }
        for &t in substitute {
            pairing.settle_translation(t);
        }
    }
}

fn is_near_miss(source: &str, translation: &str) -> bool {
    match (host_of(source), host_of(translation)) {
        (Some(a), Some(b)) if a == b => true,
        (Some(a), Some(b)) => match (registrable_domain(&a), registrable_domain(&b)) {
            // Short domains are all a few edits apart: allow fewer edits for them.
            (Some(a), Some(b)) => {
                let allowed = match a.len().min(b.len()) {
                    0..6 => 0,
                    6..10 => 1,
                    _ => 2,
                };
                damerau_distance(&a, &b) <= allowed
            }
            _ => false,
        },
        (None, None) => {
            let path = |key: &str| key.split(['#', '?']).next().unwrap_or("").to_owned();
            path(source) == path(translation) || damerau_distance(source, translation) <= 2
        }
        _ => false,
    }
}

fn changed(context: &TranslationContext, source: &Compared, translation: &Compared) -> Diagnostic {
    let (expected, written) = (&source.link.target, &translation.link.target);
    Diagnostic::new(
        context.translation.path(),
        translation.link.target_span.clone(),
        format!("this link goes to `{written}` but the source page links to `{expected}`"),
    )
    .label(format!("the source has `{expected}`"))
    .help(
        "link where the source page links (in this language's version of it, if there is one), \
         or list the URL under `[rules.link-parity] localized` if it is localised on purpose",
    )
    .related(
        context.source.path(),
        source.link.target_span.clone(),
        format!("`{}` links to `{expected}` here", context.source.path()),
    )
    .compared(ItemKind::Link, &source.key, Presence::Missing)
}

fn missing_link(context: &TranslationContext, place: &Place, source: &Compared) -> Diagnostic {
    let target = &source.link.target;
    let translation = context.translation.document;
    let (message, label) = match place {
        Place::In(_) => (
            format!("the source page links to `{target}` in this block; the translation does not"),
            format!("no link to `{target}`"),
        ),
        _ => (
            format!(
                "the source page has a block linking to `{target}` here; the translation lacks it"
            ),
            format!("the source's block with `{target}` belongs here"),
        ),
    };
    Diagnostic::new(
        context.translation.path(),
        place.line_span(translation),
        message,
    )
    .label(label)
    .help("add the link, as the source page has it")
    .related(
        context.source.path(),
        source.link.span.clone(),
        format!("`{}` links to `{target}` here", context.source.path()),
    )
    .compared(ItemKind::Link, &source.key, Presence::Missing)
}

fn extra(
    context: &TranslationContext,
    source_block: Option<usize>,
    translation: &Compared,
) -> Diagnostic {
    let target = &translation.link.target;
    let diagnostic = Diagnostic::new(
        context.translation.path(),
        translation.link.target_span.clone(),
        format!("this link to `{target}` is not on the source page"),
    )
    .label("not in the source page")
    .help(
        "remove the link, or add it to the source page if every language should have it; \
         list the URL under `[rules.link-parity] localized` if it is localised on purpose",
    )
    .compared(ItemKind::Link, &translation.key, Presence::Extra);
    match source_block {
        Some(block) => diagnostic.related(
            context.source.path(),
            context.source.document.blocks[block].span.clone(),
            format!("`{}` has no such link in this block", context.source.path()),
        ),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(target: &str, ignore_fragments: bool) -> Option<(String, bool)> {
        let mut table = toml::Table::new();
        table.insert(
            "ignore-fragments".to_owned(),
            toml::Value::Boolean(ignore_fragments),
        );
        let options: Options = options(&table).unwrap();
        let rule = LinkParity {
            localized: GlobSetBuilder::new().build().unwrap(),
            ignore_fragments: options.ignore_fragments,
            source_explicit_ids: OnceLock::new(),
        };
        let link = Link {
            kind: LinkKind::Inline,
            target: target.to_owned(),
            target_span: 0..0,
            text: String::new(),
            text_span: 0..0,
            span: 0..0,
            reference: None,
            has_liquid: false,
        };
        let explicit_ids = HashSet::from(["multiclient".to_owned()]);
        rule.key(&link, "es", &explicit_ids)
    }

    #[test]
    fn fragments_count_when_they_name_an_explicit_id_or_when_asked() {
        let key = |target, ignore| key_of(target, ignore).unwrap().0;
        assert_eq!(
            key("/es/help#multiclient", true),
            "/{locale}/help#multiclient"
        );
        assert_eq!(key("/es/help#generated-id", true), "/{locale}/help");
        assert_eq!(key("https://x.org/a#Sección", true), "https://x.org/a");
        assert_eq!(
            key("https://x.org/a#Sección", false),
            "https://x.org/a#Sección"
        );
        // A same-page fragment is kept, to pair with the source's as a changed link.
        assert_eq!(key("#grupos", true), "#grupos");
        assert_eq!(key_of("#", true), None);
    }

    #[test]
    fn near_misses() {
        assert!(is_near_miss(
            "https://github.com/a/b",
            "https://github.com/a/c/d"
        ));
        assert!(is_near_miss("https://delta.chat/x", "https://detla.chat/x"));
        assert!(!is_near_miss(
            "https://delta.chat/x",
            "https://example.org/x"
        ));
        assert!(!is_near_miss("https://t.me/x", "https://x.me/x"));
        assert!(is_near_miss("donate", "donar"));
        assert!(is_near_miss("help#a", "help#b"));
        assert!(!is_near_miss("donate", "download"));
        assert!(!is_near_miss("help", "https://help.org"));
    }
}
