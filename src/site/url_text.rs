//! Whether text looks like a URL, a host or a link target, and the host it names: the one
//! place every layer above asks.
//!
//! Registrable domains come from the public suffix list (the `psl` crate), *including* its
//! private section: `alice.github.io` and `bob.github.io` are different sites run by different
//! people, so for typo detection and for "does the link text match the link" they count as
//! different domains, just as browsers treat them for cookies.

/// Hosts whose pages are localised by subdomain, article names and all: a translation's
/// link there may differ from the source's (globs, as `localized` options take them).
pub const LOCALIZED_HOSTS: [&str; 5] = [
    "*.wikipedia.org",
    "*.wiktionary.org",
    "*.wikibooks.org",
    "*.wikivoyage.org",
    "*.wikiquote.org",
];

/// The lowercase host of an absolute `http:`, `https:` or `ftp:` URL, or of a protocol-relative
/// `//host/…` reference. User info and port are dropped, a trailing `.` too; an IPv6 literal
/// keeps its brackets. Non-ASCII hosts are kept as written (no IDNA).
pub fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let after_scheme = ["http://", "https://", "ftp://", "//"]
        .iter()
        .find_map(|scheme| strip_prefix_ignore_ascii_case(url, scheme))?;
    // Browsers treat `\` like `/` in these schemes.
    let authority_end = after_scheme
        .find(['/', '\\', '?', '#'])
        .unwrap_or(after_scheme.len());
    let authority = &after_scheme[..authority_end];
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host_and_port.starts_with('[') {
        &host_and_port[..=host_and_port.find(']')?]
    } else {
        host_and_port
            .split_once(':')
            .map_or(host_and_port, |(host, _)| host)
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Final labels that are real top-level domains but, in link text without a scheme, `www.` or
/// path, far more often end a file name: `README.md` (Moldova), `archive.zip`, `clip.mov`,
/// `setup.py` (Paraguay), `main.rs` (Serbia), `install.sh` (St Helena), `script.pl` (Poland),
/// `Module.pm`, `Makefile.am`/`.in`, `configure.ac`, `logo.ai`, `page.ps`, `lib.so`,
/// `main.cc`, `rules.mk`, `Foo.app`, `Main.java`, `main.tf`, `app.js.map`, `player.gd`.
/// Endings that real hosts use much more, such as `.info`, `.page` or `.pro`, are not listed.
/// The price is that `docs.rs` or `bun.sh` alone are not recognised as hosts; a missed check is
/// cheaper than a wrong one.
const FILE_EXTENSION_TLDS: &[&str] = &[
    "ac",
    "ai",
    "am",
    "app",
    "cab",
    "cc",
    "cr",
    "fish",
    "gd",
    "in",
    "java",
    "map",
    "md",
    "mk",
    "ml",
    "mobi",
    "mov",
    "pl",
    "pm",
    "properties",
    "ps",
    "py",
    "rs",
    "sc",
    "sh",
    "so",
    "st",
    "sv",
    "target",
    "tf",
    "zip",
];

/// The lowercase host that visible link text names, when the text *is* a URL or host name:
/// `https://x.org/path`, `www.x.org`, `chatmail.example.org`, `x.org/path` or `x.org:8080`.
///
/// Decisions, all in favour of precision:
/// - with a scheme (`http`, `https`, `ftp`, `//`), the URL's host is taken as written;
/// - otherwise the text must be one word whose host part consists of letter, digit and `-`
///   labels and ends in a known public suffix, with a registrable domain before it (`v1.2`,
///   `1.2.3`, `e.g.`, `index.html`, `Node.js` are not hosts);
/// - a final label written with capitals is a product name, not a host: `ASP.NET`, `Socket.IO`
///   (`Example.com` with a capital first letter still counts);
/// - a final label in `FILE_EXTENSION_TLDS` counts only with `www.`, a path or a port, so
///   `README.md` and `archive.zip` are file names;
/// - anything with `@` is an e-mail address, not a host.
pub fn host_in_text(text: &str) -> Option<String> {
    let text = text.trim();
    if text.contains("://") || text.starts_with("//") {
        return host_of(text);
    }
    if text.contains(|c: char| c.is_whitespace() || c == '@') {
        return None;
    }
    let host_end = text.find(['/', '?', '#']).unwrap_or(text.len());
    let has_path = host_end < text.len();
    let (host, port) = match text[..host_end].split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (&text[..host_end], None),
    };
    if port.is_some_and(|port| port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let is_label = |label: &&str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if labels.len() < 2 || !labels.iter().all(is_label) {
        return None;
    }
    let last_label = labels[labels.len() - 1];
    if last_label.chars().any(char::is_uppercase) {
        return None;
    }
    let lowercase_host = host.to_lowercase();
    let has_www = lowercase_host.starts_with("www.");
    if FILE_EXTENSION_TLDS.contains(&last_label) && !has_www && !has_path && port.is_none() {
        return None;
    }
    let domain = psl::domain(lowercase_host.as_bytes())?;
    domain.suffix().is_known().then_some(lowercase_host)
}

/// The registrable domain (public suffix plus one label) of a host, e.g.
/// `chatmail.woodpeckersnest.space` → `woodpeckersnest.space`, `de.wikipedia.org` →
/// `wikipedia.org`, `a.github.io` → `a.github.io` (private suffixes count, see the module
/// documentation). `None` for IP addresses, bare suffixes and unknown top-level domains.
pub fn registrable_domain(host: &str) -> Option<String> {
    let host = host.strip_suffix('.').unwrap_or(host).to_lowercase();
    let domain = psl::domain(host.as_bytes())?;
    if !domain.suffix().is_known() {
        return None;
    }
    std::str::from_utf8(domain.as_bytes())
        .ok()
        .map(str::to_owned)
}

/// What a written target looks like is known while parsing (`parse::lost_markup`).
pub use crate::parse::lost_markup::looks_like_target;

/// The host a relative target starts with, when it starts with one (`www.x.org/a` → `www.x.org`).
pub fn bare_host(target: &str) -> Option<String> {
    let target = target.trim();
    if target.starts_with(['/', '#', '.', '?']) {
        return None;
    }
    let first_segment = &target[..target.find(['/', '?', '#']).unwrap_or(target.len())];
    // A scheme (`mailto:`), or a port that would make this a `host:port` URL with no scheme.
    if first_segment.contains(':') {
        return None;
    }
    host_in_text(target)
}

/// The URL a bare link found in running text really is: detection runs on into CJK text and
/// fullwidth punctuation that follow without a space (`https://x.org/manualをご覧ください`).
pub fn bare_url_in_text(found: &str) -> &str {
    found
        .split(is_wide_punctuation_or_ideograph)
        .next()
        .unwrap_or("")
}

/// Fullwidth punctuation and CJK characters, which never end a URL written in running text.
fn is_wide_punctuation_or_ideograph(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ff65}' | '\u{4e00}'..='\u{9fff}' | '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(host: &str) -> Option<String> {
        Some(host.to_owned())
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(host_of("https://Example.ORG/path?q#f"), some("example.org"));
        assert_eq!(host_of("HTTP://user:pw@x.org:8080/"), some("x.org"));
        assert_eq!(host_of("//cdn.example.net/lib.js"), some("cdn.example.net"));
        assert_eq!(host_of("ftp://ftp.gnu.org"), some("ftp.gnu.org"));
        assert_eq!(host_of("https://example.org./a"), some("example.org"));
        assert_eq!(host_of("https://[::1]:8080/"), some("[::1]"));
        assert_eq!(host_of("https://Bücher.de/"), some("bücher.de"));
        assert_eq!(host_of("https://x.org\\evil"), some("x.org"));
        assert_eq!(host_of("mailto:a@b.org"), None);
        assert_eq!(host_of("/relative/path"), None);
        assert_eq!(host_of("https:///path"), None);
        assert_eq!(host_of("docs/page.md"), None);
    }

    #[test]
    fn hosts_in_link_text() {
        assert_eq!(
            host_in_text("chatmail.example.org"),
            some("chatmail.example.org")
        );
        assert_eq!(host_in_text("https://x.org/path"), some("x.org"));
        assert_eq!(host_in_text("www.x.org"), some("www.x.org"));
        assert_eq!(host_in_text("x.org/path"), some("x.org"));
        assert_eq!(host_in_text(" Example.com "), some("example.com"));
        assert_eq!(host_in_text("x.org:8080"), some("x.org"));
        assert_eq!(host_in_text("a.github.io"), some("a.github.io"));
        assert_eq!(host_in_text("bücher.de"), some("bücher.de"));
        assert_eq!(host_in_text("docs.rs/serde"), some("docs.rs"));
        for text in [
            "Download",
            "v1.2",
            "1.2.3",
            "e.g.",
            "i.e.",
            "file.md",
            "README.md",
            "index.html",
            "Node.js",
            "archive.zip",
            "clip.mov",
            "setup.py",
            "main.rs",
            "docs.rs",
            "Main.java",
            "app.js.map",
            "ASP.NET",
            "Socket.IO",
            "github.io",
            "co.uk",
            "me@example.org",
            "example.org and more",
            "x.org:port",
            "-x.org",
            "192.168.0.1",
            "",
        ] {
            assert_eq!(host_in_text(text), None, "{text}");
        }
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(
            registrable_domain("chatmail.woodpeckersnest.space"),
            some("woodpeckersnest.space")
        );
        assert_eq!(
            registrable_domain("de.wikipedia.org"),
            some("wikipedia.org")
        );
        assert_eq!(registrable_domain("a.github.io"), some("a.github.io"));
        assert_eq!(registrable_domain("www.bbc.co.uk"), some("bbc.co.uk"));
        assert_eq!(registrable_domain("Example.ORG."), some("example.org"));
        assert_eq!(registrable_domain("github.io"), None);
        assert_eq!(registrable_domain("localhost"), None);
        assert_eq!(registrable_domain("example.notatld"), None);
    }

    #[test]
    fn targets_and_prose() {
        for target in [
            "https://x.org",
            "HTTP://x.org/a",
            "mailto:a@b.org",
            "/en/help",
            "../assets/x.png",
            "#faq",
            "help.md",
            "www.x.org",
            "help#multidevice",
        ] {
            assert!(looks_like_target(target), "{target}");
        }
        for prose in [
            "see below",
            "1999",
            "#",
            "/",
            "sic",
            "e.g.",
            "https://",
            "C#",
        ] {
            assert!(!looks_like_target(prose), "{prose}");
        }
    }
}
