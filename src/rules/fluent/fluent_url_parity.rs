//! URLs of a source message that the translation drops, points elsewhere, or adds.

use crate::align::keys::generalise_locale;
use crate::model::fluent::FluentPattern;
use crate::rules::prelude::*;
use crate::site::host_typos::{HostTypoDetector, damerau_distance};
use crate::site::url_text::{LOCALIZED_HOSTS, bare_url_in_text, host_of, registrable_domain};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Globs of hosts or URLs whose links may differ per locale.
    localized: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            localized: LOCALIZED_HOSTS.map(str::to_owned).to_vec(),
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
    Ok(Box::new(FluentUrlParity {
        localized: builder.build().map_err(|err| err.to_string())?,
        // Only the spelling test and its list of distinct sites: `host-typo` reports the
        // misspelt host, with its own allowlist.
        hosts: HostTypoDetector::new(Vec::new()),
    }))
}

struct FluentUrlParity {
    localized: GlobSet,
    hosts: HostTypoDetector,
}

/// A URL written in a message, as the comparison sees it.
struct MessageUrl<'a> {
    link: &'a Link,
    /// The URL without its fragment, with the file's locale generalised.
    key: String,
    host: Option<String>,
    /// Translators may legitimately point it elsewhere.
    localized: bool,
    paired: bool,
}

impl Rule for FluentUrlParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.fluent,
            &context.translation.document.fluent,
        ) else {
            return;
        };
        let Some(locale) = context.translation.file.locale.as_deref() else {
            return;
        };
        let source_locale = context.site.corpus.source_locale.as_str();
        // A second definition of an id is never used: `fluent-duplicate-id` reports it.
        let first_definitions = translation.entries.iter().filter(|entry| {
            !entry.is_term
                && translation
                    .find(&entry.id, false)
                    .is_some_and(|first| std::ptr::eq(first, *entry))
        });
        for entry in first_definitions {
            let Some(original) = source.find(&entry.id, false) else {
                continue;
            };
            let mut pairs = Vec::new();
            if let (Some(expected), Some(written)) = (&original.value, &entry.value) {
                pairs.push((entry.id.clone(), expected, written));
            }
            for attribute in &entry.attributes {
                let expected = original
                    .attributes
                    .iter()
                    .find(|candidate| candidate.name == attribute.name);
                if let Some(expected) = expected {
                    let name = format!("{}.{}", entry.id, attribute.name);
                    pairs.push((name, &expected.value, &attribute.value));
                }
            }
            for (name, expected, written) in pairs {
                let mut source_urls = self.urls(context.source.document, expected, source_locale);
                let mut translation_urls = self.urls(context.translation.document, written, locale);
                self.pair(&mut source_urls, &mut translation_urls);
                report(
                    context,
                    &name,
                    (expected, &source_urls),
                    (written, &translation_urls),
                    diagnostics,
                );
            }
        }
    }
}

impl FluentUrlParity {
    /// The distinct URLs of a pattern (a URL written in two variants counts once).
    fn urls<'a>(
        &self,
        document: &'a Document,
        pattern: &FluentPattern,
        locale: &str,
    ) -> Vec<MessageUrl<'a>> {
        let mut urls: Vec<MessageUrl<'a>> = Vec::new();
        let mut keys = HashSet::new();
        // A Fluent file's links are in file order: the pattern's are found by bisection.
        let first = document
            .links
            .partition_point(|link| link.span.start < pattern.span.start);
        let within = document.links[first..]
            .iter()
            .take_while(|link| link.span.start < pattern.span.end)
            .filter(|link| link.span.end <= pattern.span.end);
        for link in within {
            let url = bare_url_in_text(&link.target);
            let without_fragment = url.split_once('#').map_or(url, |(base, _)| base);
            let host = host_of(without_fragment);
            // `https://x.org` and `https://x.org/` are one address.
            let base = match host {
                Some(_) if without_fragment.matches('/').count() == 3 => {
                    without_fragment.trim_end_matches('/')
                }
                _ => without_fragment,
            };
            let generalised = generalise_locale(base, host.as_deref(), locale);
            let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
            let localized = generalised.has_locale
                || generalised.locale_subdomain
                || host
                    .as_deref()
                    .is_some_and(|host| self.localized.is_match(host))
                || self.localized.is_match(without_scheme);
            if keys.insert(generalised.text.clone()) {
                urls.push(MessageUrl {
                    link,
                    key: generalised.text,
                    host,
                    localized,
                    paired: false,
                });
            }
        }
        urls
    }

    /// Pairs what needs no report: equal URLs, a localised URL with its counterpart on the same
    /// site (or alone), and a misspelt host, which is `host-typo`'s to report.
    fn pair<'a>(&self, source: &mut [MessageUrl<'a>], translation: &mut [MessageUrl<'a>]) {
        // Keys are distinct within a message: equal URLs are found by lookup.
        let equal: Vec<(usize, usize)> = {
            let by_key: HashMap<&str, usize> = translation
                .iter()
                .enumerate()
                .map(|(index, url)| (url.key.as_str(), index))
                .collect();
            source
                .iter()
                .enumerate()
                .filter_map(|(s, url)| Some((s, *by_key.get(url.key.as_str())?)))
                .collect()
        };
        for (s, t) in equal {
            source[s].paired = true;
            translation[t].paired = true;
        }
        let same_site = |s: &MessageUrl, t: &MessageUrl| {
            let site = |host: &Option<String>| {
                host.as_deref()
                    .map(|host| registrable_domain(host).unwrap_or_else(|| host.to_owned()))
            };
            site(&s.host).is_some() && site(&s.host) == site(&t.host)
        };
        pair_where(source, translation, |s, t| {
            (s.localized || t.localized) && same_site(s, t)
        });
        for url in source.iter_mut().chain(translation.iter_mut()) {
            url.paired |= url.localized;
        }
        pair_where(source, translation, |s, t| {
            matches!((&s.host, &t.host), (Some(intended), Some(written))
                if self.hosts.near_miss(written, intended).is_some())
        });
    }
}

/// Pairs unpaired URLs of the two messages that `fits`, in order, among the first
/// `MOST_WEIGHED` unpaired of each.
fn pair_where(
    source: &mut [MessageUrl],
    translation: &mut [MessageUrl],
    fits: impl Fn(&MessageUrl, &MessageUrl) -> bool,
) {
    let candidates: Vec<usize> = (0..translation.len())
        .filter(|&t| !translation[t].paired)
        .take(MOST_WEIGHED)
        .collect();
    for source_url in source
        .iter_mut()
        .filter(|url| !url.paired)
        .take(MOST_WEIGHED)
    {
        let found = candidates
            .iter()
            .copied()
            .find(|&t| !translation[t].paired && fits(source_url, &translation[t]));
        if let Some(t) = found {
            source_url.paired = true;
            translation[t].paired = true;
        }
    }
}

/// Of a message's URLs that no equal URL pairs, how many on each side are compared with each
/// other (same site, misspelt host, changed URL); any beyond are reported missing or added.
const MOST_WEIGHED: usize = 64;

/// Reports what is left unpaired: a URL pointing elsewhere than the source's (the closest
/// pairs first: same host, then same site, then the closest URL), one missing, one added.
fn report(
    context: &TranslationContext,
    name: &str,
    (expected, source): (&FluentPattern, &[MessageUrl]),
    (written, translation): (&FluentPattern, &[MessageUrl]),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let source_path = context.source.path();
    let path = context.translation.path();
    let unpaired_source: Vec<&MessageUrl> = source.iter().filter(|url| !url.paired).collect();
    let unpaired_translation: Vec<&MessageUrl> =
        translation.iter().filter(|url| !url.paired).collect();
    let mut candidates = Vec::new();
    for (s, source_url) in unpaired_source.iter().enumerate().take(MOST_WEIGHED) {
        for (t, translation_url) in unpaired_translation.iter().enumerate().take(MOST_WEIGHED) {
            let site = |url: &MessageUrl| url.host.as_deref().and_then(registrable_domain);
            let cost = (
                source_url.host != translation_url.host,
                site(source_url) != site(translation_url),
                damerau_distance(&source_url.key, &translation_url.key),
            );
            candidates.push((cost, s, t));
        }
    }
    candidates.sort_unstable();
    let mut changed_source = vec![false; unpaired_source.len()];
    let mut changed_translation = vec![false; unpaired_translation.len()];
    for (_, s, t) in candidates {
        if changed_source[s] || changed_translation[t] {
            continue;
        }
        changed_source[s] = true;
        changed_translation[t] = true;
        let (intended, wrote) = (&unpaired_source[s].link, &unpaired_translation[t].link);
        let (intended_url, written_url) = (
            bare_url_in_text(&intended.target),
            bare_url_in_text(&wrote.target),
        );
        diagnostics.push(
            Diagnostic::new(
                path,
                url_span(wrote),
                format!(
                    "`{name}` links to `{written_url}`, but the source message links to `{intended_url}`"
                ),
            )
            .label(format!("the source has `{intended_url}`"))
            .help(
                "link where the source message links (to this language's version of the page, \
                 if there is one), or list the URL under `[rules.fluent-url-parity] localized`",
            )
            .related(
                source_path,
                url_span(intended),
                format!("`{source_path}` has `{name}` here"),
            ),
        );
    }
    for (index, url) in unpaired_source.iter().enumerate() {
        if changed_source[index] {
            continue;
        }
        let intended_url = bare_url_in_text(&url.link.target);
        diagnostics.push(
            Diagnostic::new(
                path,
                written.span.clone(),
                format!(
                    "`{name}` never links to `{intended_url}`, which the source message links to"
                ),
            )
            .label(format!("`{intended_url}` is missing"))
            .help("add the URL where the sentence needs it, as the source message has it")
            .related(
                source_path,
                url_span(url.link),
                format!("`{source_path}` has `{name}` here"),
            ),
        );
    }
    for (index, url) in unpaired_translation.iter().enumerate() {
        if changed_translation[index] {
            continue;
        }
        let written_url = bare_url_in_text(&url.link.target);
        diagnostics.push(
            Diagnostic::new(
                path,
                url_span(url.link),
                format!("`{name}` links to `{written_url}`, which the source message does not"),
            )
            .label("not in the source message")
            .help(
                "remove the URL, or add it to the source message if every language should have it; \
                 list it under `[rules.fluent-url-parity] localized` if it is localised on purpose",
            )
            .related(
                source_path,
                expected.span.clone(),
                format!("`{source_path}` has `{name}` here"),
            ),
        );
    }
}

/// Where the URL itself is written, without text that detection ran on into.
fn url_span(link: &Link) -> Span {
    let start = link.target_span.start;
    start..start + bare_url_in_text(&link.target).len()
}
