//! The identity of a page. URLs that differ only in their fragment, in the case of the scheme or
//! host, or by an explicit default port name the same resource and are requested once.

use reqwest::Url;

/// A URL split into the page to request and the fragment to look for in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PageUrl {
    /// The URL without fragment, normalised by the WHATWG parser: scheme and host lowercased,
    /// default port dropped, empty path made `/`, international names in punycode.
    pub page: Url,
    /// The fragment, still percent-encoded as written; `None` when absent or empty.
    pub fragment: Option<String>,
}

impl PageUrl {
    /// Parse an absolute URL; the error is the parser's explanation.
    pub(super) fn parse(text: &str) -> Result<Self, String> {
        let mut page = Url::parse(text).map_err(|error| error.to_string())?;
        let fragment = page.fragment().filter(|f| !f.is_empty()).map(str::to_owned);
        page.set_fragment(None);
        Ok(PageUrl { page, fragment })
    }

    /// The deduplication and cache key.
    pub(super) fn key(&self) -> &str {
        self.page.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> String {
        PageUrl::parse(text).expect("valid URL").key().to_owned()
    }

    #[test]
    fn fragment_is_removed_and_kept_apart() {
        let url = PageUrl::parse("https://example.com/a#Intro").expect("valid URL");
        assert_eq!(url.key(), "https://example.com/a");
        assert_eq!(url.fragment.as_deref(), Some("Intro"));
        assert_eq!(
            PageUrl::parse("https://example.com/a#")
                .expect("valid")
                .fragment,
            None
        );
    }

    #[test]
    fn scheme_and_host_are_lowercased_but_path_is_not() {
        assert_eq!(key("HTTPS://Example.COM/Path"), "https://example.com/Path");
    }

    #[test]
    fn default_ports_are_dropped_and_others_kept() {
        assert_eq!(key("http://example.com:80/"), "http://example.com/");
        assert_eq!(key("https://example.com:443/x"), "https://example.com/x");
        assert_eq!(
            key("https://example.com:8443/x"),
            "https://example.com:8443/x"
        );
    }

    #[test]
    fn empty_path_and_query_are_preserved_distinctly() {
        assert_eq!(key("https://example.com"), "https://example.com/");
        assert_ne!(
            key("https://example.com/?a=1"),
            key("https://example.com/?a=2")
        );
    }

    #[test]
    fn relative_urls_are_rejected() {
        assert!(PageUrl::parse("/docs/intro").is_err());
    }
}
