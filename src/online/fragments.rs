//! Which fragments a fetched HTML page can scroll to: the values of its `id` and `name`
//! attributes.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The anchors of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Anchors {
    ids: HashSet<String>,
    /// GitHub prefixes ids in rendered Markdown with `user-content-` and lets scripts resolve
    /// the unprefixed fragment, so links written the natural way work there.
    github_prefixed: bool,
}

static ANCHOR_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)[\s"'](?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#)
        .expect("the anchor pattern is valid")
});

impl Anchors {
    /// Collect anchors from HTML. A pattern rather than a parser: ids only need the attribute
    /// syntax, and a page with odd markup still yields its anchors.
    pub(super) fn from_html(html: &str, github_prefixed: bool) -> Self {
        let ids = ANCHOR_ATTRIBUTE
            .captures_iter(html)
            .filter_map(|captures| captures.get(1).or(captures.get(2)).or(captures.get(3)))
            .map(|value| value.as_str().to_owned())
            .collect();
        Anchors {
            ids,
            github_prefixed,
        }
    }

    /// Whether a browser following `#fragment` (as written, percent-encoded or not) would
    /// find its target. The HTML standard makes `#top` scroll to the top of any page, and
    /// `#:~:text=` fragments search the text rather than naming an element.
    pub(super) fn contains(&self, fragment: &str) -> bool {
        let decoded = percent_decode(fragment);
        if decoded.eq_ignore_ascii_case("top") || decoded.starts_with(":~:") {
            return true;
        }
        self.ids.contains(fragment)
            || self.ids.contains(&decoded)
            || (self.github_prefixed && self.ids.contains(&format!("user-content-{decoded}")))
    }
}

/// `%20` → ` `; invalid escapes are kept as written, and so is text whose escapes are not UTF-8.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_owned(), std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
        <h1 id="intro">Intro</h1>
        <h2 ID='Über-uns'>Über uns</h2>
        <a name=legacy></a>
        <div data-id="not-an-anchor" class="x"></div>
        <p>id="in-text"</p>
    </body></html>"#;

    #[test]
    fn ids_and_names_in_any_quoting_are_found() {
        let anchors = Anchors::from_html(PAGE, false);
        assert!(anchors.contains("intro"));
        assert!(anchors.contains("Über-uns"));
        assert!(anchors.contains("legacy"));
        assert!(!anchors.contains("not-an-anchor"));
        assert!(!anchors.contains("Intro"), "ids are case-sensitive");
    }

    #[test]
    fn percent_encoded_fragments_match_decoded_ids() {
        let anchors = Anchors::from_html(PAGE, false);
        assert!(anchors.contains("%C3%9Cber-uns"));
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }

    #[test]
    fn top_and_text_fragments_always_resolve() {
        let anchors = Anchors::from_html("", false);
        assert!(anchors.contains("top"));
        assert!(anchors.contains(":~:text=hello"));
        assert!(!anchors.contains("missing"));
    }

    #[test]
    fn github_user_content_prefix() {
        let html = r#"<h2 id="user-content-install">Install</h2>"#;
        assert!(Anchors::from_html(html, true).contains("install"));
        assert!(!Anchors::from_html(html, false).contains("install"));
    }
}
