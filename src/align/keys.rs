//! The keys items are compared by across languages: a link target with the page's locale
//! generalised, so that `/en/help` in English and `/de/help` in German are one key.

use crate::discover::locale::{is_locale_code, language_of, same_locale};
use crate::site::url_text::{host_of, registrable_domain};

/// A target as the alignment compares blocks by: every locale-like path segment generalised,
/// the host lowercased, without a trailing `/` or a fragment (fragments follow translated
/// headings), except for a fragment of the same page.
pub fn alignment_key(target: &str) -> String {
    let target = target.trim();
    let (base, fragment) = target.split_once('#').unwrap_or((target, ""));
    if base.is_empty() {
        return format!("#{fragment}");
    }
    let host = host_of(base);
    let mut key = String::with_capacity(base.len());
    let rest = match &host {
        Some(host) => {
            let start = base.to_ascii_lowercase().find(host.as_str()).unwrap_or(0);
            key.push_str(host);
            base.get(start + host.len()..).unwrap_or("")
        }
        None => base,
    };
    for (index, segment) in rest.trim_end_matches('/').split('/').enumerate() {
        if index > 0 {
            key.push('/');
        }
        key.push_str(if is_locale_code(segment) {
            "{locale}"
        } else {
            segment
        });
    }
    key
}

/// A URL with the page's locale replaced by `{locale}`.
pub struct Generalised {
    pub text: String,
    /// A path segment or query value names a locale: the page's, which a translation may
    /// keep when the target has no version in its language, or another.
    pub has_locale: bool,
    /// The host starts with a locale label (`es.wikipedia.org`): such sites translate paths too.
    pub locale_subdomain: bool,
}

/// Replaces the page's locale where sites put it: the first label of the host, path segments
/// and query values. The host is lowercased.
pub fn generalise_locale(url: &str, host: Option<&str>, locale: &str) -> Generalised {
    let mut has_locale = false;
    let mut locale_subdomain = false;
    let mut replace = |token: &str, out: &mut String| {
        if is_locale_code(token) {
            has_locale = true;
            if same_locale(token, locale) || same_locale(token, language_of(locale)) {
                out.push_str("{locale}");
                return;
            }
        }
        out.push_str(token);
    };
    let mut text = String::with_capacity(url.len());
    let mut rest = url;
    if let Some(host) = host {
        let host_start = url.to_lowercase().find(host).unwrap_or(0);
        let host_end = host_start + host.len();
        text.push_str(&url[..host_start]);
        match host.split_once('.') {
            Some((first, domain))
                if is_locale_code(first)
                    && registrable_domain(host).is_some_and(|registrable| registrable != host) =>
            {
                locale_subdomain = true;
                text.push_str("{locale}.");
                text.push_str(domain);
            }
            _ => text.push_str(host),
        }
        rest = url.get(host_end..).unwrap_or("");
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    for (index, segment) in path.split('/').enumerate() {
        if index > 0 {
            text.push('/');
        }
        replace(segment, &mut text);
    }
    if let Some(query) = query {
        text.push('?');
        for (index, pair) in query.split('&').enumerate() {
            if index > 0 {
                text.push('&');
            }
            match pair.split_once('=') {
                Some((name, value)) => {
                    text.push_str(name);
                    text.push('=');
                    replace(value, &mut text);
                }
                None => text.push_str(pair),
            }
        }
    }
    Generalised {
        text,
        has_locale,
        locale_subdomain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_keys_generalise_locales() {
        assert_eq!(alignment_key("../de/help#x"), "../{locale}/help");
        assert_eq!(alignment_key("https://X.org/a/"), "x.org/a");
        assert_eq!(alignment_key("#faq"), "#faq");
    }
}
