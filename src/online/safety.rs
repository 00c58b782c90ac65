//! The private-address guard: without `allow_private`, no connection is made to loopback,
//! private, link-local, unspecified or CGNAT addresses. Links in documents are written by
//! anyone, and a linter running in CI must not become a way to probe the machine's network.
//!
//! IP literals never reach a resolver, so they are checked before each request (including
//! redirect targets); names are checked by [`GuardedResolver`], which is the client's only
//! resolver, so the connection goes to exactly the addresses that were checked.

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether connecting to `ip` could reach the local machine or its private network.
pub(super) fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_private_v4(v4),
            None => is_private_v6(v6),
        },
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [first, second, ..] = ip.octets();
    let this_network = first == 0; // 0.0.0.0/8 reaches the local host on Linux
    let cgnat = first == 100 && (64..128).contains(&second);
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || this_network
        || cgnat
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    let first_segment = ip.segments()[0];
    let unique_local = first_segment & 0xfe00 == 0xfc00;
    let link_local = first_segment & 0xffc0 == 0xfe80;
    ip.is_loopback() || ip.is_unspecified() || unique_local || link_local
}

/// The private IP literal a URL's host is, if it is one.
pub(super) fn private_literal(url: &Url) -> Option<IpAddr> {
    // The parser has already canonicalised literals; IPv6 ones keep their brackets.
    let host = url.host_str()?;
    let literal = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let ip: IpAddr = literal.parse().ok()?;
    is_private(ip).then_some(ip)
}

/// Why a name could not be turned into addresses we may connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ResolveFailure {
    /// The name does not exist (NXDOMAIN or no address records).
    NotFound,
    /// The resolver failed in a way that may pass (timeout, SERVFAIL, no network).
    Temporary(String),
    /// Every address the name resolves to is private.
    Private(IpAddr),
}

impl fmt::Display for ResolveFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveFailure::NotFound => f.write_str("name not found"),
            ResolveFailure::Temporary(message) => write!(f, "resolver failure: {message}"),
            ResolveFailure::Private(ip) => write!(f, "resolves to private address {ip}"),
        }
    }
}

impl std::error::Error for ResolveFailure {}

/// The client's resolver: the system resolver, minus private addresses unless allowed.
#[derive(Debug, Clone, Copy)]
pub(super) struct GuardedResolver {
    pub allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses = resolve_checked(&host, allow_private).await?;
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}

async fn resolve_checked(
    host: &str,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, ResolveFailure> {
    // Port 0 is replaced by the URL's port (or the scheme's default) by the connector.
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|error| classify_lookup_error(&error))?
        .collect();
    keep_allowed(resolved, allow_private)
}

/// Keep the addresses we may connect to. A name with some public addresses is usable through
/// those; only a name with nothing but private addresses is refused.
fn keep_allowed(
    resolved: Vec<SocketAddr>,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, ResolveFailure> {
    let first = resolved.first().ok_or(ResolveFailure::NotFound)?.ip();
    if allow_private {
        return Ok(resolved);
    }
    let public: Vec<SocketAddr> = resolved
        .into_iter()
        .filter(|address| !is_private(address.ip()))
        .collect();
    if public.is_empty() {
        Err(ResolveFailure::Private(first))
    } else {
        Ok(public)
    }
}

/// The system resolver only reports text, so "the name does not exist" is recognised by the
/// messages getaddrinfo uses on Linux, macOS and Windows. Anything else is treated as
/// temporary, because calling a working link broken is worse than not verifying it.
fn classify_lookup_error(error: &io::Error) -> ResolveFailure {
    const NOT_FOUND_MESSAGES: [&str; 4] = [
        "Name or service not known",
        "No address associated with hostname",
        "nodename nor servname provided",
        "No such host is known",
    ];
    let message = error.to_string();
    if NOT_FOUND_MESSAGES
        .iter()
        .any(|known| message.contains(known))
    {
        ResolveFailure::NotFound
    } else {
        ResolveFailure::Temporary(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("valid test address")
    }

    #[test]
    fn private_ranges_are_recognised() {
        for private in [
            "127.0.0.1",
            "127.255.0.9",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_private(ip(private)), "{private} should be private");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        for public in [
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "192.169.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_private(ip(public)), "{public} should be public");
        }
    }

    #[test]
    fn literals_in_urls_are_found() {
        let url = |text: &str| Url::parse(text).expect("valid test URL");
        assert_eq!(
            private_literal(&url("http://127.0.0.1:8080/")),
            Some(ip("127.0.0.1"))
        );
        assert_eq!(private_literal(&url("http://[::1]/")), Some(ip("::1")));
        assert_eq!(private_literal(&url("http://8.8.8.8/")), None);
        assert_eq!(private_literal(&url("http://localhost/")), None);
    }

    #[test]
    fn names_with_only_private_addresses_are_refused() {
        let socket = |text: &str| SocketAddr::new(ip(text), 0);
        let loopback = vec![socket("127.0.0.1"), socket("::1")];
        assert_eq!(
            keep_allowed(loopback.clone(), false),
            Err(ResolveFailure::Private(ip("127.0.0.1")))
        );
        assert_eq!(keep_allowed(loopback.clone(), true), Ok(loopback));
        let mixed = vec![socket("10.0.0.1"), socket("93.184.216.34")];
        assert_eq!(
            keep_allowed(mixed, false),
            Ok(vec![socket("93.184.216.34")])
        );
        assert_eq!(
            keep_allowed(Vec::new(), true),
            Err(ResolveFailure::NotFound)
        );
    }

    #[test]
    fn lookup_errors_are_classified_by_message() {
        let error = |text: &str| io::Error::other(text.to_owned());
        assert_eq!(
            classify_lookup_error(&error(
                "failed to lookup address information: Name or service not known"
            )),
            ResolveFailure::NotFound
        );
        assert!(matches!(
            classify_lookup_error(&error(
                "failed to lookup address information: Temporary failure in name resolution"
            )),
            ResolveFailure::Temporary(_)
        ));
    }
}
