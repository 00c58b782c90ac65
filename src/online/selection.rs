//! Which URLs are checked, and what is actually requested for them: include/exclude patterns,
//! the scheme filter and remapping.

use super::OnlineOptions;
use super::normalize::PageUrl;

/// What to do with one URL as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Selection {
    /// Not checked: excluded by pattern, or not http(s).
    Excluded,
    /// Not a usable absolute URL, after remapping.
    Invalid { reason: String },
    /// Request this page (and look for the fragment, if any).
    Check(PageUrl),
}

/// Decide about `url`. Patterns match the URL as written, so that users exclude what they see
/// in their documents; remapping happens afterwards and only changes what is requested.
pub(super) fn select(url: &str, options: &OnlineOptions) -> Selection {
    let excluded = options.exclude.iter().any(|pattern| pattern.is_match(url));
    let included = options.include.iter().any(|pattern| pattern.is_match(url));
    if excluded && !included {
        return Selection::Excluded;
    }
    let remapped = remap(url, options);
    match PageUrl::parse(&remapped) {
        Ok(parsed) if matches!(parsed.page.scheme(), "http" | "https") => Selection::Check(parsed),
        Ok(_) => Selection::Excluded,
        Err(reason) => Selection::Invalid {
            reason: format!("invalid URL: {reason}"),
        },
    }
}

fn remap(url: &str, options: &OnlineOptions) -> String {
    options
        .remap
        .iter()
        .fold(url.to_owned(), |current, (pattern, replacement)| {
            pattern
                .replace_all(&current, replacement.as_str())
                .into_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn pattern(text: &str) -> Regex {
        Regex::new(text).expect("valid test regex")
    }

    #[test]
    fn include_wins_over_exclude() {
        let options = OnlineOptions {
            exclude: vec![pattern("example\\.com")],
            include: vec![pattern("example\\.com/keep")],
            ..OnlineOptions::default()
        };
        assert_eq!(
            select("https://example.com/drop", &options),
            Selection::Excluded
        );
        assert!(matches!(
            select("https://example.com/keep", &options),
            Selection::Check(_)
        ));
    }

    #[test]
    fn non_http_schemes_are_excluded_and_relative_urls_invalid() {
        let options = OnlineOptions::default();
        assert_eq!(
            select("mailto:a@example.com", &options),
            Selection::Excluded
        );
        assert_eq!(
            select("ftp://example.com/file", &options),
            Selection::Excluded
        );
        assert!(matches!(
            select("docs/intro.md", &options),
            Selection::Invalid { .. }
        ));
    }

    #[test]
    fn remap_rewrites_what_is_requested() {
        let options = OnlineOptions {
            remap: vec![(
                pattern("^https://old\\.example/(.*)$"),
                "https://new.example/$1".to_owned(),
            )],
            ..OnlineOptions::default()
        };
        let Selection::Check(page) = select("https://old.example/a#f", &options) else {
            panic!("expected a check");
        };
        assert_eq!(page.key(), "https://new.example/a");
        assert_eq!(page.fragment.as_deref(), Some("f"));
    }
}
