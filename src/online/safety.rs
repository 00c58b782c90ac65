//! The private-address guard: without `allow_private`, a connection is made only to globally
//! reachable unicast addresses. Links in documents are written by anyone, and a linter running
//! in CI must not become a way to probe the machine or its network: every range of the IANA
//! IPv4 and IPv6 special-purpose address registries is refused (loopback, private, shared,
//! link-local, documentation, benchmarking, reserved, protocol assignments, discard-only, …),
//! as are multicast and broadcast; an IPv6 address that carries an IPv4 one (IPv4-mapped,
//! NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) is judged by the address it carries.
//!
//! IP literals never reach a resolver, so they are checked before each request (including
//! redirect targets); names are checked by [`GuardedResolver`], which is the client's only
//! resolver, so the connection goes to exactly the addresses that were checked.

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// The IPv4 ranges that are not the public Internet: the IANA IPv4 special-purpose registry
/// (RFC 6890 and its updates), whole, plus multicast. `240.0.0.0/4` holds the broadcast
/// address.
const SPECIAL_V4: &[(Ipv4Addr, u32)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8), // "this network"; reaches the local host on Linux
    (Ipv4Addr::new(10, 0, 0, 0), 8), // private
    (Ipv4Addr::new(100, 64, 0, 0), 10), // shared address space (CGNAT)
    (Ipv4Addr::new(127, 0, 0, 0), 8), // loopback
    (Ipv4Addr::new(169, 254, 0, 0), 16), // link-local (cloud metadata services)
    (Ipv4Addr::new(172, 16, 0, 0), 12), // private
    (Ipv4Addr::new(192, 0, 0, 0), 24), // IETF protocol assignments
    (Ipv4Addr::new(192, 0, 2, 0), 24), // documentation (TEST-NET-1)
    (Ipv4Addr::new(192, 31, 196, 0), 24), // AS112-v4
    (Ipv4Addr::new(192, 52, 193, 0), 24), // AMT
    (Ipv4Addr::new(192, 88, 99, 0), 24), // deprecated 6to4 relay anycast
    (Ipv4Addr::new(192, 168, 0, 0), 16), // private
    (Ipv4Addr::new(192, 175, 48, 0), 24), // direct delegation AS112 service
    (Ipv4Addr::new(198, 18, 0, 0), 15), // benchmarking
    (Ipv4Addr::new(198, 51, 100, 0), 24), // documentation (TEST-NET-2)
    (Ipv4Addr::new(203, 0, 113, 0), 24), // documentation (TEST-NET-3)
    (Ipv4Addr::new(224, 0, 0, 0), 4), // multicast
    (Ipv4Addr::new(240, 0, 0, 0), 4), // reserved, and the limited broadcast address
];

/// The special-purpose ranges inside IPv6 global unicast (`2000::/3`). Everything outside
/// `2000::/3` is special already: loopback, unspecified, IPv4-compatible (`::/96`),
/// discard-only `100::/64`, local-use NAT64 `64:ff9b:1::/48`, SRv6 `5f00::/16`, unique-local
/// `fc00::/7`, link-local `fe80::/10`, site-local `fec0::/10`, multicast `ff00::/8` and the
/// unassigned rest; IPv4-mapped and NAT64 `64:ff9b::/96` are judged by the IPv4 they carry.
const SPECIAL_V6_IN_GLOBAL: &[(Ipv6Addr, u32)] = &[
    (Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 23), // IETF protocol assignments, Teredo
    (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), // documentation
    (Ipv6Addr::new(0x2620, 0x4f, 0x8000, 0, 0, 0, 0, 0), 48), // direct delegation AS112
    (Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20), // documentation
];

/// Whether connecting to `ip` could reach anything but the public Internet.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => is_private_v6(v6),
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let bits = u32::from(ip);
    SPECIAL_V4.iter().any(|&(network, length)| {
        let mask = u32::MAX << (32 - length);
        bits & mask == u32::from(network)
    })
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    if let Some(carried) = carried_ipv4(ip) {
        return is_private_v4(carried);
    }
    let bits = u128::from(ip);
    let in_range = |&(network, length): &(Ipv6Addr, u32)| {
        let mask = u128::MAX << (128 - length);
        bits & mask == u128::from(network)
    };
    let global_unicast = in_range(&(Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3));
    !global_unicast || SPECIAL_V6_IN_GLOBAL.iter().any(in_range)
}

/// The IPv4 address an IPv6 address stands for, when it is one that a translator or tunnel
/// delivers to that IPv4 address: IPv4-mapped (`::ffff:a.b.c.d`), NAT64 well-known prefix
/// (`64:ff9b::a.b.c.d`), 6to4 (`2002:AABB:CCDD::/48`).
fn carried_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let [first, second, third, ..] = ip.segments();
    let octets = ip.octets();
    let last_four = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
    if let Some(mapped) = ip.to_ipv4_mapped() {
        Some(mapped)
    } else if ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        Some(last_four)
    } else if first == 0x2002 {
        Some(Ipv4Addr::new(
            (second >> 8) as u8,
            second as u8,
            (third >> 8) as u8,
            third as u8,
        ))
    } else {
        None
    }
}

/// Whether a URL names the local machine or a private address by itself (an IP literal, or
/// `localhost`), so that no resolver is needed to tell. A `remap` in a repository's config may
/// not send requests there.
pub fn names_private_host(url: &str) -> bool {
    let Ok(url) = Url::parse(url) else {
        return false;
    };
    private_literal(&url).is_some() || url.host_str().is_some_and(is_localhost_name)
}

/// `localhost` and the names under it, which always mean the loopback interface (RFC 6761)
/// whatever the system resolver says of them.
fn is_localhost_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
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

/// The client's resolver: the system resolver (or the fixed answers of `overrides`), minus
/// private addresses unless allowed.
#[derive(Debug, Clone)]
pub(super) struct GuardedResolver {
    pub allow_private: bool,
    /// Names answered without asking the system (`OnlineOptions::resolve_overrides`); their
    /// addresses are guarded like any others.
    pub overrides: Arc<HashMap<String, Vec<IpAddr>>>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_ascii_lowercase();
        let loopback = || {
            vec![
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ]
        };
        let fixed = match self.overrides.get(&host) {
            Some(addresses) => Some(addresses.clone()),
            None => is_localhost_name(&host).then(loopback),
        };
        Box::pin(async move {
            let resolved = match fixed {
                Some(addresses) => addresses
                    .into_iter()
                    .map(|ip| SocketAddr::new(ip, 0))
                    .collect(),
                None => lookup(&host).await?,
            };
            let addresses = keep_allowed(resolved, allow_private)?;
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}

async fn lookup(host: &str) -> Result<Vec<SocketAddr>, ResolveFailure> {
    // Port 0 is replaced by the URL's port (or the scheme's default) by the connector.
    Ok(tokio::net::lookup_host((host, 0))
        .await
        .map_err(|error| classify_lookup_error(&error))?
        .collect())
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

    /// One address in (and, where it matters, at each edge of) every range of the IANA IPv4
    /// and IPv6 special-purpose registries, multicast and the forms that carry an IPv4.
    #[test]
    fn every_special_purpose_range_is_private() {
        for private in [
            "0.0.0.0",
            "0.255.255.255",
            "10.0.0.0",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.255",
            "127.0.0.1",
            "127.255.0.9",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.0.170",
            "192.0.2.1",
            "192.31.196.1",
            "192.52.193.1",
            "192.88.99.1",
            "192.168.1.1",
            "192.175.48.6",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::127.0.0.1",
            "::8.8.8.8",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::127.0.0.1",
            "64:ff9b::a00:1",
            "64:ff9b:1::808:808",
            "100::1",
            "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2001:2::1",
            "2001:3::1",
            "2001:20::1",
            "2001:1ff:ffff::1",
            "2001:db8::1",
            "2002:7f00:1::1",
            "2002:a00:1::1",
            "2002:c0a8:101::1",
            "2620:4f:8000::1",
            "3fff::1",
            "3fff:fff::1",
            "5f00::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "ff0e::1",
        ] {
            assert!(is_private(ip(private)), "{private} should be private");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        for public in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.1",
            "126.255.255.255",
            "128.0.0.1",
            "169.253.255.255",
            "172.32.0.1",
            "192.0.1.1",
            "192.169.0.1",
            "198.20.0.1",
            "223.255.255.255",
            "2606:4700::1111",
            "2001:200::1",
            "2001:4860:4860::8888",
            "2620:4f:8001::1",
            "3ffe::1",
            "2a00:1450:4001::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(!is_private(ip(public)), "{public} should be public");
        }
    }

    #[test]
    fn urls_that_name_private_hosts_by_themselves() {
        for private in [
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://[::ffff:7f00:1]/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://localhost/x",
            "http://LOCALHOST./",
            "http://api.localhost/",
            "http://10.0.0.1/$1",
        ] {
            assert!(names_private_host(private), "{private}");
        }
        for public in ["https://example.com/$1", "https://8.8.8.8/", "not a url"] {
            assert!(!names_private_host(public), "{public}");
        }
    }

    #[test]
    fn overridden_names_are_guarded_too() {
        let resolver = |allow_private| GuardedResolver {
            allow_private,
            overrides: Arc::new(HashMap::from([(
                "github.com".to_owned(),
                vec![ip("127.0.0.1")],
            )])),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let name = || "github.com".parse::<Name>().unwrap();
        let refused = runtime.block_on(resolver(false).resolve(name()));
        assert!(refused.is_err());
        let allowed = runtime.block_on(resolver(true).resolve(name())).unwrap();
        let addresses: Vec<SocketAddr> = allowed.collect();
        assert_eq!(addresses, vec![SocketAddr::new(ip("127.0.0.1"), 0)]);
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
