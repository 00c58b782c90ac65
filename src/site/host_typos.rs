//! Likely typos in host names: the one spelling test every host rule uses, and a detector of
//! hosts that are much rarer misspellings of frequent ones.

use std::collections::{HashMap, HashSet};
use std::fmt;

/// The Damerau–Levenshtein distance in characters (transpositions count as one edit, and
/// unlike optimal string alignment an edited substring may be edited again).
pub fn damerau_distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

/// How many edits make `written` the host `intended`, when `written` is probably a misspelling
/// of it. This is the one spelling test of every host rule (host typos, list entries, a link
/// text naming another host), so that they agree:
/// - both hosts have the same labels but one;
/// - a differing label before the last is one edit away when both are at least 5 characters
///   long, or two when both are at least 10, and differs in more than its digits (`chat1` and
///   `chat2` are two servers);
/// - a differing last label is one edit away, the written one is no public suffix and the
///   intended one is (`.og` for `.org`; `.de` and `.be` are two countries), and it is no name
///   for private networks (`.local`).
pub fn misspelling_distance(written: &str, intended: &str) -> Option<usize> {
    let written_labels: Vec<&str> = written.split('.').collect();
    let intended_labels: Vec<&str> = intended.split('.').collect();
    if written_labels.len() != intended_labels.len() {
        return None;
    }
    let mut differing = (0..written_labels.len())
        .filter(|&index| !written_labels[index].eq_ignore_ascii_case(intended_labels[index]));
    let (Some(index), None) = (differing.next(), differing.next()) else {
        return None;
    };
    let (written_label, intended_label) = (
        written_labels[index].to_lowercase(),
        intended_labels[index].to_lowercase(),
    );
    let (written_length, intended_length) = (
        written_label.chars().count(),
        intended_label.chars().count(),
    );
    // Cheap rejection before the quadratic distance.
    if written_length.abs_diff(intended_length) > 2 {
        return None;
    }
    let distance = damerau_distance(&written_label, &intended_label);
    if index == written_labels.len() - 1 {
        let is_suffix = |label: &str| psl::suffix(label.as_bytes()).is_some_and(|s| s.is_known());
        return (distance == 1
            && !is_suffix(&written_label)
            && is_suffix(&intended_label)
            && !SPECIAL_USE_SUFFIXES.contains(&written_label.as_str()))
        .then_some(distance);
    }
    let without_digits = |label: &str| label.replace(|c: char| c.is_ascii_digit(), "");
    if without_digits(&written_label) == without_digits(&intended_label) {
        return None;
    }
    let shorter = written_length.min(intended_length);
    let close = match distance {
        1 => shorter >= 5,
        2 => shorter >= 10,
        _ => false,
    };
    close.then_some(distance)
}

/// How a written host differs from the one probably meant, reduced to the differing labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostEdit {
    /// The differing label(s) as written, e.g. `woodpeckersnet`.
    pub written: String,
    /// The differing label(s) as probably meant, e.g. `woodpeckersnest`.
    pub expected: String,
    /// The edit in words: "missing `s`", "extra `o`", "`a` instead of `e`", "`ts` swapped".
    pub description: String,
}

impl HostEdit {
    /// Compares two host names label by label, keeping only the labels that differ.
    pub fn new(written: &str, expected: &str) -> Self {
        let written_labels: Vec<&str> = written.split('.').collect();
        let expected_labels: Vec<&str> = expected.split('.').collect();
        let (leading, trailing) = common_ends(&written_labels, &expected_labels);
        let written = written_labels[leading..written_labels.len() - trailing].join(".");
        let expected = expected_labels[leading..expected_labels.len() - trailing].join(".");
        let description = describe_edit(&written, &expected);
        Self {
            written,
            expected,
            description,
        }
    }
}

impl fmt::Display for HostEdit {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "`{}` vs `{}` ({})",
            self.written, self.expected, self.description
        )
    }
}

/// The smallest differing label(s) of two hosts and the edit between them, e.g.
/// "`woodpeckersnet` vs `woodpeckersnest` (missing `s`)".
pub fn describe_difference(written: &str, expected: &str) -> String {
    HostEdit::new(written, expected).to_string()
}

/// How many items the two sequences share at the start and, not overlapping those, at the end.
fn common_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let leading = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - leading;
    let trailing = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (leading, trailing)
}

fn describe_edit(written: &str, expected: &str) -> String {
    let written_chars: Vec<char> = written.chars().collect();
    let expected_chars: Vec<char> = expected.chars().collect();
    let (leading, trailing) = common_ends(&written_chars, &expected_chars);
    let written_middle: String = written_chars[leading..written_chars.len() - trailing]
        .iter()
        .collect();
    let expected_middle: String = expected_chars[leading..expected_chars.len() - trailing]
        .iter()
        .collect();
    let is_swap = written_middle.chars().count() == 2
        && written_middle.chars().rev().eq(expected_middle.chars());
    match (written_middle.is_empty(), expected_middle.is_empty()) {
        (true, true) => "identical".to_owned(),
        (true, false) => format!("missing `{expected_middle}`"),
        (false, true) => format!("extra `{written_middle}`"),
        _ if is_swap => format!("`{written_middle}` swapped"),
        _ => format!("`{written_middle}` instead of `{expected_middle}`"),
    }
}

/// A host that is probably a misspelling of a much more frequent one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypoSuspect {
    /// The host probably meant: the written host with its domain corrected if that host occurs
    /// in the corpus, otherwise the frequent registrable domain itself.
    pub intended_host: String,
    /// Occurrences of the intended registrable domain, all subdomains together.
    pub intended_count: usize,
    /// Occurrences of the written registrable domain, all subdomains together.
    pub written_count: usize,
    /// The edit, as from [`describe_difference`].
    pub description: String,
}

/// Pairs of real, distinct sites close enough in spelling to look like typos of each other.
/// Pairs differing only in a real public suffix (`gitlab.com`/`gitlab.io`) need no entry: those
/// are never compared (see [`HostTypoDetector::likely_typo_of`]).
const DISTINCT_SITES: &[(&str, &str)] = &[
    ("wikipedia.org", "wikimedia.org"),
    ("gitea.com", "gitee.com"),
    ("gitea.io", "gitee.io"),
    ("crate.io", "crates.io"),
    ("python.org", "jython.org"),
    ("python.org", "cython.org"),
    ("kubuntu.org", "xubuntu.org"),
];

/// Top-level names for private and special-use networks: never a misspelt public suffix.
const SPECIAL_USE_SUFFIXES: &[&str] = &[
    "example",
    "home",
    "i2p",
    "internal",
    "invalid",
    "lan",
    "local",
    "localhost",
    "test",
];

/// How much more frequent the intended domain must be than the written one.
const MIN_FREQUENCY_RATIO: usize = 3;
/// …and by how many occurrences at least.
const MIN_FREQUENCY_LEAD: usize = 3;
/// A written domain this frequent is deliberate unless the other is overwhelmingly frequent.
const COMMON_COUNT: usize = 5;
/// The "overwhelmingly" above.
const COMMON_RATIO: usize = 10;

/// Finds hosts in a corpus that are probably typos of much more frequent hosts.
///
/// Precision comes first: a false positive makes users turn the check off. Two registrable
/// domains are compared only as
/// - the same public suffix with labels at Damerau–Levenshtein distance 1 (both labels at least
///   5 characters) or 2 (both at least 10), not differing only in digits (`web1`/`web2`); or
/// - the same label where the written suffix is not a real public suffix and is one edit away
///   from the other's (`example.og` for `example.org`). Two real suffixes (`.com`/`.co`,
///   `.de`/`.be`) are both registrable, so they are likely different sites.
///
/// and the intended domain must be at least 3× and 3 occurrences more frequent; a written
/// domain seen 5 times or more needs a 10× lead. Subdomains of one registrable domain
/// (`de.wikipedia.org`, `en.wikipedia.org`) are never compared, and known distinct pairs plus
/// the configured ones are never reported.
#[derive(Debug, Clone)]
pub struct HostTypoDetector {
    allowed_pairs: HashSet<(String, String)>,
    host_counts: HashMap<String, usize>,
    site_counts: HashMap<Site, usize>,
}

/// A registrable domain split into the label before the suffix and the suffix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Site {
    label: String,
    suffix: String,
    suffix_is_known: bool,
}

impl Site {
    /// For an unknown top-level domain the last label is taken as the suffix, so that
    /// `example.og` can be compared with `example.org`.
    fn of(host: &str) -> Option<Self> {
        let host = host.strip_suffix('.').unwrap_or(host).to_lowercase();
        if host.starts_with('[')
            || host
                .rsplit('.')
                .next()
                .is_some_and(|last| last.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let domain = psl::domain(host.as_bytes())?;
        let suffix = domain.suffix();
        let label_bytes = &domain.as_bytes()[..domain.as_bytes().len() - suffix.as_bytes().len()];
        Some(Self {
            label: std::str::from_utf8(label_bytes.strip_suffix(b".")?)
                .ok()?
                .to_owned(),
            suffix: std::str::from_utf8(suffix.as_bytes()).ok()?.to_owned(),
            suffix_is_known: suffix.is_known(),
        })
    }

    fn domain(&self) -> String {
        format!("{}.{}", self.label, self.suffix)
    }

    /// The edit distance between two sites when it is small enough to be a typo, else `None`.
    fn typo_distance(&self, intended: &Site) -> Option<usize> {
        misspelling_distance(&self.domain(), &intended.domain())
    }
}

impl HostTypoDetector {
    /// `allowed_pairs` are hosts or domains that must never be reported as typos of each other,
    /// in either order.
    pub fn new(allowed_pairs: Vec<(String, String)>) -> Self {
        let normalize =
            |host: &str| Site::of(host).map_or_else(|| host.to_lowercase(), |site| site.domain());
        let allowed_pairs = allowed_pairs
            .into_iter()
            .map(|(a, b)| (normalize(&a), normalize(&b)))
            .chain(
                DISTINCT_SITES
                    .iter()
                    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
            )
            .flat_map(|(a, b)| [(a.clone(), b.clone()), (b, a)])
            .collect();
        Self {
            allowed_pairs,
            host_counts: HashMap::new(),
            site_counts: HashMap::new(),
        }
    }

    /// Counts one occurrence of `host` (a link's host, as from [`host_of`]).
    pub fn add(&mut self, host: &str) {
        let host = host.strip_suffix('.').unwrap_or(host).to_lowercase();
        if let Some(site) = Site::of(&host) {
            *self.site_counts.entry(site).or_default() += 1;
        }
        *self.host_counts.entry(host).or_default() += 1;
    }

    /// How `written` differs from `intended` when it looks like a misspelling of it: the
    /// spelling test of [`Self::likely_typo_of`] and its allowlist, without the frequency
    /// conditions, for a host known to stand where `intended` stands (the same link in the
    /// source page).
    pub fn near_miss(&self, written: &str, intended: &str) -> Option<String> {
        let (written, intended) = (Site::of(written)?, Site::of(intended)?);
        let pair = (written.domain(), intended.domain());
        if written == intended || self.allowed_pairs.contains(&pair) {
            return None;
        }
        written.typo_distance(&intended)?;
        Some(describe_difference(&pair.0, &pair.1))
    }

    /// The much more frequent host that `host` is probably a misspelling of.
    pub fn likely_typo_of(&self, host: &str) -> Option<TypoSuspect> {
        let host = host.strip_suffix('.').unwrap_or(host).to_lowercase();
        let written = Site::of(&host)?;
        let written_count = self.site_counts.get(&written).copied().unwrap_or(0);
        let written_domain = written.domain();
        let (intended, intended_count, _) = self
            .site_counts
            .iter()
            .filter(|(site, count)| {
                **count >= MIN_FREQUENCY_RATIO * written_count
                    && **count >= written_count + MIN_FREQUENCY_LEAD
                    && (written_count < COMMON_COUNT || **count >= COMMON_RATIO * written_count)
                    && !self
                        .allowed_pairs
                        .contains(&(written_domain.clone(), site.domain()))
            })
            .filter_map(|(site, count)| {
                written
                    .typo_distance(site)
                    .map(|distance| (site, *count, distance))
            })
            // The most frequent candidate, then the closest, then by name for stable output.
            .max_by(|(a, a_count, a_distance), (b, b_count, b_distance)| {
                a_count
                    .cmp(b_count)
                    .then(b_distance.cmp(a_distance))
                    .then_with(|| b.domain().cmp(&a.domain()))
            })?;
        let intended_domain = intended.domain();
        let subdomain_prefix = &host[..host.len() - written_domain.len()];
        let corrected_host = format!("{subdomain_prefix}{intended_domain}");
        let intended_host = if self.host_counts.contains_key(&corrected_host) {
            corrected_host
        } else {
            intended_domain.clone()
        };
        Some(TypoSuspect {
            intended_host,
            intended_count,
            written_count,
            description: describe_difference(&written_domain, &intended_domain),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(host: &str) -> Option<String> {
        Some(host.to_owned())
    }

    #[test]
    fn differences() {
        assert_eq!(
            describe_difference(
                "chatmail.woodpeckersnet.space",
                "chatmail.woodpeckersnest.space"
            ),
            "`woodpeckersnet` vs `woodpeckersnest` (missing `s`)"
        );
        assert_eq!(
            describe_difference("choicealicense.com", "choosealicense.com"),
            "`choicealicense` vs `choosealicense` (`ic` instead of `os`)"
        );
        assert_eq!(
            describe_difference("exemple.org", "example.org"),
            "`exemple` vs `example` (`e` instead of `a`)"
        );
        assert_eq!(
            describe_difference("gooogle.com", "google.com"),
            "`gooogle` vs `google` (extra `o`)"
        );
        assert_eq!(
            describe_difference("woodpeckersnets.space", "woodpeckersnest.space"),
            "`woodpeckersnets` vs `woodpeckersnest` (`ts` swapped)"
        );
        assert_eq!(
            describe_difference("example.og", "example.org"),
            "`og` vs `org` (missing `r`)"
        );
        assert_eq!(
            HostEdit::new("a.b.c", "a.x.c"),
            HostEdit {
                written: "b".to_owned(),
                expected: "x".to_owned(),
                description: "`b` instead of `x`".to_owned(),
            }
        );
        assert_eq!(damerau_distance("ab", "ba"), 1);
        assert_eq!(damerau_distance("choicealicense", "choosealicense"), 2);
    }

    fn detector(hosts: &[(&str, usize)]) -> HostTypoDetector {
        let mut detector = HostTypoDetector::new(Vec::new());
        for (host, count) in hosts {
            for _ in 0..*count {
                detector.add(host);
            }
        }
        detector
    }

    #[test]
    fn finds_typo_of_frequent_host() {
        let detector = detector(&[
            ("chatmail.woodpeckersnest.space", 6),
            ("woodpeckersnest.space", 2),
            ("chatmail.woodpeckersnet.space", 1),
        ]);
        assert_eq!(
            detector.likely_typo_of("chatmail.woodpeckersnet.space"),
            Some(TypoSuspect {
                intended_host: "chatmail.woodpeckersnest.space".to_owned(),
                intended_count: 8,
                written_count: 1,
                description: "`woodpeckersnet` vs `woodpeckersnest` (missing `s`)".to_owned(),
            })
        );
        assert_eq!(
            detector.likely_typo_of("chatmail.woodpeckersnest.space"),
            None
        );
    }

    #[test]
    fn finds_distance_two_typo_in_long_label() {
        let detector = detector(&[("choosealicense.com", 4), ("choicealicense.com", 1)]);
        let suspect = detector
            .likely_typo_of("choicealicense.com")
            .expect("typo found");
        assert_eq!(suspect.intended_host, "choosealicense.com");
        assert_eq!((suspect.intended_count, suspect.written_count), (4, 1));
    }

    #[test]
    fn finds_misspelt_suffix() {
        let detector = detector(&[("example.org", 5), ("example.og", 1)]);
        let suspect = detector.likely_typo_of("example.og").expect("typo found");
        assert_eq!(suspect.intended_host, "example.org");
        assert_eq!(suspect.description, "`og` vs `org` (missing `r`)");
    }

    #[test]
    fn intended_host_falls_back_to_domain() {
        let detector = detector(&[
            ("www.woodpeckersnest.space", 5),
            ("chatmail.woodpeckersnet.space", 1),
        ]);
        let suspect = detector
            .likely_typo_of("chatmail.woodpeckersnet.space")
            .expect("typo found");
        assert_eq!(suspect.intended_host, "woodpeckersnest.space");
    }

    #[test]
    fn not_typos() {
        let detector = detector(&[
            // Not frequent enough: needs 3× and 3 more.
            ("woodpeckersnest.space", 3),
            ("woodpeckersnet.space", 1),
            // Both common: 6 against 30 is not a 10× lead.
            ("frequentsite.org", 30),
            ("frequentsites.org", 6),
            // Subdomains of one registrable domain.
            ("en.wikipedia.org", 20),
            ("de.wikipedia.org", 1),
            // Numbered variants.
            ("server1.net", 20),
            ("server2.net", 1),
            // Short labels.
            ("abcd.com", 20),
            ("abce.com", 1),
            // Distance 2 needs 10 characters.
            ("examples.org", 20),
            ("exampxxs.org", 1),
            // Two real suffixes.
            ("gitlab.com", 20),
            ("gitlab.io", 1),
            ("example.com", 20),
            ("example.co", 1),
            // Special-use names.
            ("printer.la", 20),
            ("printer.lan", 1),
            // Known distinct sites.
            ("wikimedia.org", 1),
            ("wikipedia.org", 20),
            ("github.com", 40),
        ]);
        for host in [
            "woodpeckersnet.space",
            "frequentsites.org",
            "de.wikipedia.org",
            "server2.net",
            "abce.com",
            "exampxxs.org",
            "gitlab.io",
            "example.co",
            "printer.lan",
            "wikimedia.org",
            "192.168.0.2",
            "unknown.invalid",
        ] {
            assert_eq!(detector.likely_typo_of(host), None, "{host}");
        }
    }

    #[test]
    fn well_known_pairs_are_never_reported() {
        let detector = detector(&[
            ("github.com", 50),
            ("gitlab.com", 1),
            ("gitea.com", 50),
            ("gitee.com", 1),
            ("python.org", 50),
            ("jython.org", 1),
        ]);
        for host in ["gitlab.com", "gitee.com", "jython.org"] {
            assert_eq!(detector.likely_typo_of(host), None, "{host}");
        }
    }

    #[test]
    fn configured_pairs_are_never_reported() {
        let mut detector = HostTypoDetector::new(vec![
            (
                "www.choosealicense.com".to_owned(),
                "choicealicense.com".to_owned(),
            ),
            ("example.org".to_owned(), "docs.example.og".to_owned()),
        ]);
        for _ in 0..10 {
            detector.add("choosealicense.com");
            detector.add("example.org");
        }
        detector.add("choicealicense.com");
        detector.add("example.og");
        assert_eq!(detector.likely_typo_of("choicealicense.com"), None);
        assert_eq!(detector.likely_typo_of("www.example.og"), None);
    }

    #[test]
    fn misspellings_are_one_label_one_or_two_edits_away() {
        let close = |written, intended| misspelling_distance(written, intended);
        assert_eq!(
            close(
                "chatmail.woodpeckersnet.space",
                "chatmail.woodpeckersnest.space"
            ),
            Some(1)
        );
        assert_eq!(close("nine.testrun.og", "nine.testrun.org"), Some(1));
        assert_eq!(
            close("docs.choicealicense.com", "docs.choosealicense.com"),
            Some(2)
        );
        assert_eq!(close("Example.ORG", "exampel.org"), Some(1));
        // Two countries, two servers, two short names, a subdomain more, a private network.
        assert_eq!(close("mailchat.de", "mailchat.pl"), None);
        assert_eq!(close("chat2.example.org", "chat1.example.org"), None);
        assert_eq!(close("abc.org", "abd.org"), None);
        assert_eq!(close("a.tarpit.fun", "tarpit.fun"), None);
        assert_eq!(close("printer.locl", "printer.local"), None);
        assert_eq!(close("example.lokal", "example.local"), None);
    }

    #[test]
    fn near_misses_ignore_frequency() {
        let detector =
            HostTypoDetector::new(vec![("gitlab.com".to_owned(), "gitlub.com".to_owned())]);
        assert_eq!(
            detector.near_miss("docs.choicealicense.com", "choosealicense.com"),
            Some("`choicealicense` vs `choosealicense` (`ic` instead of `os`)".to_owned())
        );
        assert_eq!(detector.near_miss("github.com", "gitlab.com"), None);
        assert_eq!(detector.near_miss("gitlub.com", "gitlab.com"), None);
        assert_eq!(
            detector.near_miss("en.wikipedia.org", "de.wikipedia.org"),
            None
        );
    }

    #[test]
    fn counts_decide_direction() {
        let detector = detector(&[("woodpeckersnest.space", 1), ("woodpeckersnet.space", 10)]);
        assert_eq!(
            detector
                .likely_typo_of("woodpeckersnest.space")
                .map(|s| s.intended_host),
            some("woodpeckersnet.space")
        );
        assert_eq!(detector.likely_typo_of("woodpeckersnet.space"), None);
    }
}
