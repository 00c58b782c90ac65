//! The online stage inside a lint run: every external link and remote image of the pages,
//! checked once per URL by [`crate::online::check`], and each verdict kept beside every place the URL
//! is written, so the `online` rules report it at each occurrence.

use crate::model::Document;
use crate::online::{OnlineError, OnlineOptions, Report, Verdict};
use crate::site::Site;
use crate::site::url_text::host_of;
use crate::source::Span;

/// The rule category whose rules read [`OnlineResults`]; the check runs only when one is active.
pub const CATEGORY: &str = "online";

/// The rule that needs page bodies; without it fragments are not fetched.
pub const FRAGMENT_RULE: &str = "url-fragment-missing";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Link,
    Image,
}

impl TargetKind {
    /// What messages call it.
    pub fn noun(self) -> &'static str {
        match self {
            TargetKind::Link => "link",
            TargetKind::Image => "image",
        }
    }
}

/// One place a checked URL is written.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Index of the page in the corpus.
    pub page: usize,
    pub kind: TargetKind,
    /// The URL as written.
    pub url: String,
    /// Where the URL is written (for reference links: in the definition).
    pub span: Span,
    /// Position among the page's external targets of the same kind: the translation's third
    /// external link usually stands for the source's third.
    pub ordinal: usize,
}

/// The verdicts of one online check and every place each URL occurs.
#[derive(Debug, Default)]
pub struct OnlineResults {
    /// Sorted by page, then by position in the page.
    pub occurrences: Vec<Occurrence>,
    pub report: Report,
}

/// Whether a link target is checked online: absolute `http` and `https` URLs.
pub fn is_external(target: &str) -> bool {
    let scheme_end = target.find("://").unwrap_or(0);
    matches!(
        target[..scheme_end].to_ascii_lowercase().as_str(),
        "http" | "https"
    )
}

/// The external links and remote images of `pages`, skipping targets built by Liquid, whose
/// rendered value is unknown here.
pub fn collect(documents: &[Document], pages: impl IntoIterator<Item = usize>) -> Vec<Occurrence> {
    let mut occurrences = Vec::new();
    for page in pages {
        let document = &documents[page];
        let links = document
            .links
            .iter()
            .filter(|link| !link.has_liquid)
            .map(|link| (TargetKind::Link, &link.target, &link.target_span));
        let images = document
            .images
            .iter()
            .filter(|image| !image.has_liquid)
            .map(|image| (TargetKind::Image, &image.src, &image.src_span));
        let mut ordinals = [0, 0];
        let mut found: Vec<Occurrence> = links
            .chain(images)
            .filter(|(_, url, _)| is_external(url))
            .map(|(kind, url, span)| {
                let ordinal = &mut ordinals[kind as usize];
                *ordinal += 1;
                Occurrence {
                    page,
                    kind,
                    url: url.clone(),
                    span: span.clone(),
                    ordinal: *ordinal - 1,
                }
            })
            .collect();
        found.sort_by_key(|occurrence| occurrence.span.start);
        occurrences.extend(found);
    }
    occurrences
}

impl OnlineResults {
    /// Checks every distinct URL of `occurrences` once.
    pub fn check(
        occurrences: Vec<Occurrence>,
        options: &OnlineOptions,
    ) -> Result<Self, OnlineError> {
        let urls = occurrences.iter().map(|occurrence| occurrence.url.clone());
        let report = crate::online::check(urls, options)?;
        Ok(OnlineResults {
            occurrences,
            report,
        })
    }

    /// Every occurrence with its URL's verdict.
    pub fn verdicts(&self) -> impl Iterator<Item = (&Occurrence, &Verdict)> {
        self.occurrences.iter().filter_map(|occurrence| {
            let verdict = self.report.results.get(&occurrence.url)?;
            Some((occurrence, verdict))
        })
    }

    fn works(&self, url: &str) -> bool {
        matches!(
            self.report.results.get(url),
            Some(Verdict::Ok | Verdict::Redirected { .. })
        )
    }

    fn on_page(&self, page: usize, kind: TargetKind) -> impl Iterator<Item = &Occurrence> {
        self.occurrences
            .iter()
            .filter(move |occurrence| occurrence.page == page && occurrence.kind == kind)
    }

    /// For a URL of a translation, the working URL its source page has in its place: on the
    /// same host, absent from the translation, and nearest in position (the same position
    /// first). `None` when the source page has the same URL, since then the translation is not
    /// what broke it.
    pub fn working_counterpart(&self, site: &Site, occurrence: &Occurrence) -> Option<&Occurrence> {
        let source = site.corpus.source_of(occurrence.page)?;
        let host = host_of(&occurrence.url)?;
        let mut source_targets = self.on_page(source, occurrence.kind);
        if source_targets.any(|target| target.url == occurrence.url) {
            return None;
        }
        self.on_page(source, occurrence.kind)
            .filter(|target| host_of(&target.url).as_deref() == Some(host.as_str()))
            .filter(|target| self.works(&target.url))
            .filter(|target| {
                !self
                    .on_page(occurrence.page, occurrence.kind)
                    .any(|translated| translated.url == target.url)
            })
            .min_by_key(|target| target.ordinal.abs_diff(occurrence.ordinal))
    }
}

/// `404 not found`, or the reason alone when there was no response.
pub fn describe(status: Option<u16>, reason: &str) -> String {
    match status {
        Some(status) => format!("{status} {reason}"),
        None => reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{self, HeadingIds};

    #[test]
    fn external_means_http_or_https() {
        assert!(is_external("https://example.com/a"));
        assert!(is_external("HTTP://example.com"));
        assert!(!is_external("/docs/a"));
        assert!(!is_external("mailto:a@example.com"));
        assert!(!is_external("ftp://example.com/file"));
        assert!(!is_external("//example.com/a"));
        assert!(!is_external("../https://example.com"));
    }

    #[test]
    fn links_and_images_in_order_with_ordinals_per_kind() {
        let text = "[a](https://a.example/x) ![i](https://img.example/i.png)\n\
                    [local](/docs) [b](https://b.example/{{ page.lang }}) <https://c.example>\n";
        let document = parse::parse(
            crate::model::FileKind::Markdown,
            text,
            &HeadingIds::default(),
        );
        let occurrences = collect(std::slice::from_ref(&document), [0]);
        let found: Vec<_> = occurrences
            .iter()
            .map(|o| (o.kind, o.url.as_str(), &text[o.span.clone()], o.ordinal))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    TargetKind::Link,
                    "https://a.example/x",
                    "https://a.example/x",
                    0
                ),
                (
                    TargetKind::Image,
                    "https://img.example/i.png",
                    "https://img.example/i.png",
                    0
                ),
                (
                    TargetKind::Link,
                    "https://c.example",
                    "https://c.example",
                    1
                ),
            ]
        );
    }

    /// Verdicts for a site of `en/a.md` and `es/a.md`, as if checked online.
    fn counterparts_in(en: &str, es: &str, verdicts: &[(&str, Verdict)]) -> Vec<Option<String>> {
        let site_dir = tempfile::tempdir().expect("a temporary folder");
        for (path, text) in [("en/a.md", en), ("es/a.md", es)] {
            std::fs::create_dir_all(site_dir.path().join(&path[..2])).expect("mkdir");
            std::fs::write(site_dir.path().join(path), text).expect("write");
        }
        let config = crate::config::Config::default();
        let corpus = crate::discover::Corpus::discover(
            &crate::files::Confinement::new(site_dir.path()),
            &config,
            &Default::default(),
        )
        .expect("corpus");
        let documents: Vec<Document> = corpus
            .files
            .iter()
            .map(|file| {
                let text = std::fs::read_to_string(site_dir.path().join(&file.path)).expect("read");
                parse::parse(file.kind, &text, &HeadingIds::default())
            })
            .collect();
        let results = OnlineResults {
            occurrences: collect(&documents, 0..documents.len()),
            report: Report {
                results: verdicts
                    .iter()
                    .map(|(url, verdict)| (url.to_string(), verdict.clone()))
                    .collect(),
                ..Report::default()
            },
        };
        let settings = crate::site::SiteSettings::default();
        let site = Site {
            corpus: &corpus,
            documents: &documents,
            settings: &settings,
            online: Some(&results),
            urls: &crate::site::SiteUrls::default(),
            lookups: &crate::site::SiteLookups::default(),
        };
        let es = corpus.index_of("es/a.md").expect("es/a.md is linted");
        results
            .occurrences
            .iter()
            .filter(|occurrence| occurrence.page == es)
            .map(|occurrence| {
                let counterpart = results.working_counterpart(&site, occurrence)?;
                Some(counterpart.url.clone())
            })
            .collect()
    }

    #[test]
    fn the_counterpart_is_the_working_source_url_the_translation_replaced() {
        let broken = Verdict::Broken {
            status: Some(404),
            reason: "not found".to_owned(),
        };
        let en = "[a](https://x.example/a) [b](https://x.example/b) [c](https://y.example/c)\n";
        let es = "[a](https://x.example/a) [b](https://x.example/be) [c](https://y.example/ce)\n";
        let verdicts = [
            ("https://x.example/a", Verdict::Ok),
            ("https://x.example/b", Verdict::Ok),
            ("https://y.example/c", broken.clone()),
            ("https://x.example/be", broken.clone()),
            ("https://y.example/ce", broken),
        ];
        assert_eq!(
            counterparts_in(en, es, &verdicts),
            [
                // The source has the same URL: the translation changed nothing.
                None,
                // `/a` works too, but the translation has it already.
                Some("https://x.example/b".to_owned()),
                // The source's URL on that host is broken as well.
                None,
            ]
        );
    }

    #[test]
    fn descriptions() {
        assert_eq!(describe(Some(404), "not found"), "404 not found");
        assert_eq!(describe(None, "connection refused"), "connection refused");
    }
}
