//! The translation's link targets differ from its source page's: a link missing, added, or
//! pointing somewhere else.

use crate::align::heading_alignment::{
    HeadingAlignment, counterpart_item_span, counterpart_span, section_of,
};
use crate::rules::prelude::*;
use crate::rules::site_targets::{Written, leads_nowhere};
use crate::align::link_lists::list_entry_links;
use crate::site::url_text::{
    LOCALIZED_HOSTS, bare_url_in_text, generalise_locale, host_of, registrable_domain,
};
use crate::site::host_typos::damerau_distance;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::HashSet;
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

pub fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    let mut builder = GlobSetBuilder::new();
    for pattern in &options.localized {
        let glob = Glob::new(pattern).map_err(|err| format!("`localized`: invalid glob `{pattern}`: {err}"))?;
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
    /// The target with the page's locale generalised and ignorable parts dropped.
    key: String,
    /// Translators may legitimately point this link elsewhere.
    localized: bool,
    /// The heading whose section holds the link (for the translation: in its own headings).
    section: Option<usize>,
    /// A link to a fragment of the same page that is not a source page's explicit id: it may
    /// follow a translated heading, so it is reported only when it pairs as changed.
    loose: bool,
    /// The target holds Liquid, broken or not: `liquid-parity` and `liquid-mangled` compare it.
    liquid: bool,
    /// Paired with a link of the other page.
    paired: bool,
}

impl Rule for LinkParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source.document, context.translation.document);
        // String catalogs compare by key (`fluent-message-missing`, `catalog-key-missing`).
        let is_page = matches!(context.translation.file.kind, FileKind::Markdown | FileKind::Html);
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
        let alignment = HeadingAlignment::new(source, translation);
        let list_entries = list_entry_targets(context);
        let mut source_links = self.compared(source, source_locale, explicit_ids, &list_entries);
        let mut translation_links =
            self.compared(translation, translation_locale, explicit_ids, &list_entries);
        for link in &mut source_links {
            link.section = link.section.and_then(|s| alignment.counterpart_section(s));
        }
        pair_equal_keys(&mut source_links, &mut translation_links);
        pair_localized_versions(&mut source_links, &mut translation_links);
        for link in source_links.iter_mut().chain(translation_links.iter_mut()) {
            // Left unpaired, these differ on purpose (or are the Liquid rules' to report).
            if link.localized || link.liquid {
                link.paired = true;
            }
        }
        pair_substituted_hosts(&mut source_links, &mut translation_links);
        let same_item = |s: &Compared, t: &Compared| {
            counterpart_item_span(&alignment, source, translation, s.link.span.start)
                .is_some_and(|item| item.contains(&t.link.span.start))
        };
        // A translation link that leads nowhere is reported by the link rules (with the
        // source's link beside it); here it only keeps its source link from reading as missing.
        let leads_nowhere = |link: &Compared| {
            leads_nowhere(&Written::link(link.link), context.site, context.translation.path())
        };
        for (s, t) in near_misses(&source_links, &translation_links, same_item) {
            source_links[s].paired = true;
            translation_links[t].paired = true;
            if !leads_nowhere(&translation_links[t]) {
                diagnostics.push(changed(context, &source_links[s], &translation_links[t]));
            }
        }
        for link in source_links.iter_mut().chain(translation_links.iter_mut()) {
            if link.loose {
                link.paired = true;
            }
        }
        for link in source_links.iter().filter(|link| !link.paired) {
            diagnostics.push(missing(context, &alignment, link));
        }
        // A link to an image the source page shows is an image lost in translation
        // (`image-parity` reports it).
        let shown_in_source = |link: &Compared| {
            source.images.iter().any(|image| image.src == link.link.target)
        };
        for link in translation_links
            .iter()
            .filter(|link| !link.paired && !leads_nowhere(link) && !shown_in_source(link))
        {
            diagnostics.push(extra(context, &alignment, link));
        }
    }
}

impl LinkParity {
    fn compared<'a>(
        &self,
        document: &'a Document,
        locale: &str,
        explicit_ids: &HashSet<String>,
        list_entries: &HashSet<&str>,
    ) -> Vec<Compared<'a>> {
        document
            .links
            .iter()
            .filter(|link| !list_entries.contains(link.target.as_str()))
            .filter_map(|link| {
                let (key, localized) = self.key(link, locale, explicit_ids)?;
                let mangled = document.broken_liquid.iter().any(|broken| {
                    broken.span.start < link.target_span.end
                        && link.target_span.start < broken.span.end
                });
                Some(Compared {
                    link,
                    loose: key.starts_with('#') && !explicit_ids.contains(&key[1..]),
                    key,
                    localized,
                    section: section_of(document, link.span.start),
                    liquid: link.has_liquid || mangled,
                    paired: false,
                })
            })
            .collect()
    }

    /// The comparison key of a link and whether it is localised; `None` for a link to a
    /// fragment of the same page that is not compared.
    fn key(&self, link: &Link, locale: &str, explicit_ids: &HashSet<String>) -> Option<(String, bool)> {
        let target = match link.kind {
            // Bare URL detection runs on into CJK text that follows without a space.
            LinkKind::Bare => bare_url_in_text(&link.target),
            _ => link.target.trim(),
        };
        if link.has_liquid {
            return Some((target.split_whitespace().collect::<Vec<_>>().join(" "), false));
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
            || host.as_deref().is_some_and(|host| self.localized.is_match(host))
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

/// Pairs links with equal keys, the nearest sections first (the corresponding section is at
/// distance 0), so that a link left over is the one whose place in the translation lacks it.
fn pair_equal_keys(source: &mut [Compared], translation: &mut [Compared]) {
    let position = |section: Option<usize>| section.map_or(0, |index| index + 1);
    let mut candidates = Vec::new();
    for (s, source_link) in source.iter().enumerate() {
        for (t, translation_link) in translation.iter().enumerate() {
            if source_link.key == translation_link.key {
                let distance =
                    position(source_link.section).abs_diff(position(translation_link.section));
                candidates.push((distance, s, t));
            }
        }
    }
    candidates.sort_unstable();
    for (_, s, t) in candidates {
        if !source[s].paired && !translation[t].paired {
            source[s].paired = true;
            translation[t].paired = true;
        }
    }
}

/// Pairs, silently, unpaired links of the two pages to the same site (registrable domain)
/// when one of them is localised: it is the localised version of the other. The closest
/// pairs first: the same host, then the corresponding section, then the closest target.
fn pair_localized_versions(source: &mut [Compared], translation: &mut [Compared]) {
    let site = |host: &str| registrable_domain(host).unwrap_or_else(|| host.to_owned());
    let mut candidates = Vec::new();
    for (s, source_link) in source.iter().enumerate().filter(|(_, link)| !link.paired) {
        let Some(source_host) = host_of(&source_link.link.target) else {
            continue;
        };
        for (t, translation_link) in translation.iter().enumerate().filter(|(_, link)| !link.paired) {
            if !(source_link.localized || translation_link.localized) {
                continue;
            }
            let Some(translation_host) = host_of(&translation_link.link.target) else {
                continue;
            };
            if site(&source_host) != site(&translation_host) {
                continue;
            }
            let cost = (
                source_host != translation_host,
                source_link.section != translation_link.section,
                damerau_distance(&source_link.key, &translation_link.key),
            );
            candidates.push((cost, s, t));
        }
    }
    candidates.sort_unstable();
    for (_, s, t) in candidates {
        if !source[s].paired && !translation[t].paired {
            source[s].paired = true;
            translation[t].paired = true;
        }
    }
}

/// Pairs, silently, the links of a site the translation replaced by an equivalent site in its
/// language (a law quoted from a national site): neither page links to the other's host at
/// all, and the unpaired source links to host A and translation links to host B stand in
/// corresponding sections, or are as many and more than one (sections may be restructured).
fn pair_substituted_hosts(source: &mut [Compared], translation: &mut [Compared]) {
    let hosts = |links: &[Compared]| -> HashSet<String> {
        links.iter().filter_map(|link| host_of(&link.link.target)).collect()
    };
    let (source_hosts, translation_hosts) = (hosts(source), hosts(translation));
    let unpaired_sections = |links: &[Compared], host: &str| {
        let mut sections: Vec<Option<usize>> = links
            .iter()
            .filter(|link| !link.paired && host_of(&link.link.target).as_deref() == Some(host))
            .map(|link| link.section)
            .collect();
        sections.sort_unstable();
        sections
    };
    for source_host in source_hosts.difference(&translation_hosts) {
        let wanted = unpaired_sections(source, source_host);
        if wanted.is_empty() {
            continue;
        }
        let substitute = translation_hosts
            .difference(&source_hosts)
            .find(|host| {
                let found = unpaired_sections(translation, host);
                found == wanted || (wanted.len() >= 2 && found.len() == wanted.len())
            });
        let Some(substitute) = substitute else {
            continue;
        };
        mark_paired(source, source_host);
        mark_paired(translation, substitute);
    }
}

fn mark_paired(links: &mut [Compared], host: &str) {
    for link in links {
        if host_of(&link.link.target).as_deref() == Some(host) {
            link.paired = true;
        }
    }
}

/// Unpaired links that are one link changed rather than one missing and one added: the same
/// host with another path, a host within two edits of the source's (registrable domain), or a
/// relative target within two edits; or, whatever the targets, the only difference between
/// a list item of the source and the corresponding item of the translation (`same_item`).
/// The closest pairs first.
fn near_misses(
    source: &[Compared],
    translation: &[Compared],
    same_item: impl Fn(&Compared, &Compared) -> bool,
) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (s, source_link) in source.iter().enumerate().filter(|(_, link)| !link.paired) {
        for (t, translation_link) in translation.iter().enumerate().filter(|(_, link)| !link.paired) {
            let distance = damerau_distance(&source_link.key, &translation_link.key);
            if is_near_miss(&source_link.key, &translation_link.key) {
                candidates.push((distance, s, t));
            } else if same_item(source_link, translation_link) {
                // After every pair whose targets are alike.
                candidates.push((usize::MAX / 2 + distance, s, t));
            }
        }
    }
    candidates.sort_unstable();
    let mut taken_source = HashSet::new();
    let mut taken_translation = HashSet::new();
    let mut pairs = Vec::new();
    for (_, s, t) in candidates {
        if !taken_source.contains(&s) && !taken_translation.contains(&t) {
            taken_source.insert(s);
            taken_translation.insert(t);
            pairs.push((s, t));
        }
    }
    pairs
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
}

fn missing(context: &TranslationContext, alignment: &HeadingAlignment, source: &Compared) -> Diagnostic {
    let target = &source.link.target;
    let span = counterpart_span(
        alignment,
        context.source.document,
        context.translation.document,
        source.link.span.start,
    );
    Diagnostic::new(
        context.translation.path(),
        span,
        format!("the source page links to `{target}` in this part of the page; the translation does not"),
    )
    .label(format!("no link to `{target}`"))
    .help("add the link, as the source page has it")
    .related(
        context.source.path(),
        source.link.span.clone(),
        format!("`{}` links to `{target}` here", context.source.path()),
    )
}

fn extra(context: &TranslationContext, alignment: &HeadingAlignment, translation: &Compared) -> Diagnostic {
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
    );
    let source_section = translation.section.and_then(|t| {
        (0..context.source.document.headings.len()).find(|&s| alignment.counterpart(s) == Some(t))
    });
    match source_section {
        Some(s) => diagnostic.related(
            context.source.path(),
            context.source.document.headings[s].span.clone(),
            format!("`{}` has no such link in this section", context.source.path()),
        ),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(target: &str, ignore_fragments: bool) -> Option<(String, bool)> {
        let mut table = toml::Table::new();
        table.insert("ignore-fragments".to_owned(), toml::Value::Boolean(ignore_fragments));
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
        assert_eq!(key("/es/help#multiclient", true), "/{locale}/help#multiclient");
        assert_eq!(key("/es/help#generated-id", true), "/{locale}/help");
        assert_eq!(key("https://x.org/a#Sección", true), "https://x.org/a");
        assert_eq!(key("https://x.org/a#Sección", false), "https://x.org/a#Sección");
        // A same-page fragment is kept, to pair with the source's as a changed link.
        assert_eq!(key("#grupos", true), "#grupos");
        assert_eq!(key_of("#", true), None);
    }

    #[test]
    fn near_misses() {
        assert!(is_near_miss("https://github.com/a/b", "https://github.com/a/c/d"));
        assert!(is_near_miss("https://delta.chat/x", "https://detla.chat/x"));
        assert!(!is_near_miss("https://delta.chat/x", "https://example.org/x"));
        assert!(!is_near_miss("https://t.me/x", "https://x.me/x"));
        assert!(is_near_miss("donate", "donar"));
        assert!(is_near_miss("help#a", "help#b"));
        assert!(!is_near_miss("donate", "download"));
        assert!(!is_near_miss("help", "https://help.org"));
    }
}
