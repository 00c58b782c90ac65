//! Lists of links that translations must reproduce: recommended servers, mirrors, projects.
//!
//! A source page's lists are compared when `[[lists]]` declares them, or when most of their
//! items link out to a host (a *link list*). Each one's counterpart in a translation is found
//! by the hosts the two share and by position among the page's lists, never by the text around
//! them, which is translated. Entries are identified by the host their first outgoing link
//! *targets*: a link whose text names another host than its target is the links rules' finding,
//! so it is matched here by either host and reported once, there.
//!
//! The `lists` rules and the `l10nlint lists` view both read the comparisons made here.

use crate::discover::locale::is_locale_code;
use crate::model::{Document, Link};
use crate::site::Page;
use crate::site::Site;
use crate::site::host_typos::misspelling_distance;
use crate::site::settings::DeclaredList;
use crate::site::url_text::{host_in_text, host_of};
use crate::source::Span;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether list `index` of `document` is the one declared.
fn picks(declared: &DeclaredList, document: &Document, index: usize, entries: &[Entry]) -> bool {
    let config = &declared.config;
    let list = &document.lists[index];
    let in_section = |list_index: usize| {
        config.section.as_deref().is_none_or(|section| {
            section_ids(document, document.lists[list_index].section).any(|id| id == section)
        })
    };
    if !in_section(index) {
        return false;
    }
    if let Some(wanted) = config.index {
        let position = (0..index)
            .filter(|&other| document.lists[other].depth == 0 && in_section(other))
            .count();
        if list.depth != 0 || position + 1 != wanted {
            return false;
        }
    }
    config.contains.as_deref().is_none_or(|host| {
        let wanted = comparison_key(&host.to_lowercase());
        entries.iter().any(|entry| entry.key == wanted)
    })
}

/// The ids of the heading at `section` and of the headings it stands under.
fn section_ids(document: &Document, section: Option<usize>) -> impl Iterator<Item = &str> {
    let mut level = u8::MAX;
    document.headings[..section.map_or(0, |index| index + 1)]
        .iter()
        .rev()
        .filter(move |heading| {
            let encloses = heading.level < level;
            if encloses {
                level = heading.level;
            }
            encloses
        })
        .filter_map(|heading| heading.id())
}

/// An item of a list that links out, identified by the host of its first outgoing link.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The host the link targets, lowercase as written (or the host its text names, for a
    /// link without an absolute target).
    pub host: String,
    /// What entries are compared by: the host without `www.` or a leading locale label, so
    /// that `de.wikipedia.org` in German stands for `en.wikipedia.org` in English.
    key: String,
    /// The target as written.
    pub target: String,
    /// The target compared, to pair entries on one host.
    compared_target: String,
    /// How the entry is named in messages: its host, or its target when the list has several
    /// entries on that host.
    pub label: String,
    pub item_span: Span,
    pub link_span: Span,
    /// Where the host is written (in the target, or in the text for a link without one).
    pub host_span: Span,
    /// The key of the host the link text names, when the text names one.
    text_key: Option<String>,
    /// The item's other outgoing links.
    other_links: Vec<OtherLink>,
}

/// A link of an entry's item after its first outgoing one.
#[derive(Debug, Clone)]
struct OtherLink {
    key: String,
    compared_target: String,
    span: Span,
}

/// A target as compared: lowercase, without a trailing `/`.
fn compared_target(target: &str) -> String {
    target.trim_end_matches('/').to_lowercase()
}

/// A list with the entries of its items that link out.
#[derive(Debug, Clone)]
pub struct LinkList {
    /// Index into `Document::lists`.
    pub index: usize,
    pub span: Span,
    pub entries: Vec<Entry>,
    /// How many items the list has, entries or not.
    pub items: usize,
    /// Whether most entries' link texts are host names: hosts are never translated, so such a
    /// list keeps its order in every language, whereas named entries may be re-sorted.
    pub named_by_host: bool,
    /// The id of the heading the list stands under.
    pub section: Option<String>,
}

impl LinkList {
    fn of(document: &Document, index: usize) -> Self {
        let list = &document.lists[index];
        let mut entries: Vec<Entry> = list
            .items
            .iter()
            .filter_map(|item| {
                let mut outgoing = item
                    .links
                    .iter()
                    .filter_map(|&link| document.links.get(link))
                    .filter_map(|link| outgoing_host(link).map(|host| (link, host)));
                let (link, (host, host_span)) = outgoing.next()?;
                let other_links = outgoing
                    .map(|(other, (host, _))| OtherLink {
                        key: comparison_key(&host),
                        compared_target: compared_target(&other.target),
                        span: other.span.clone(),
                    })
                    .collect();
                Some(Entry {
                    key: comparison_key(&host),
                    label: host.clone(),
                    host,
                    target: link.target.clone(),
                    compared_target: compared_target(&link.target),
                    item_span: item.span.clone(),
                    link_span: link.span.clone(),
                    host_span,
                    text_key: host_in_text(&link.text).map(|host| comparison_key(&host)),
                    other_links,
                })
            })
            .collect();
        let mut per_key: HashMap<String, usize> = HashMap::new();
        for entry in &entries {
            *per_key.entry(entry.key.clone()).or_default() += 1;
        }
        for entry in &mut entries {
            if per_key[&entry.key] > 1 {
                entry.label.clone_from(&entry.target);
            }
        }
        let named_by_host = entries
            .iter()
            .filter(|entry| entry.text_key.is_some())
            .count()
            * 2
            > entries.len();
        Self {
            index,
            span: list.span.clone(),
            items: list.items.len(),
            named_by_host,
            section: section_ids(document, list.section)
                .next()
                .map(str::to_owned),
            entries,
        }
    }

    /// Whether the list is detected without a declaration: at least two entries, and more
    /// than half of its items are entries.
    fn is_detected(&self) -> bool {
        self.entries.len() >= 2 && self.entries.len() * 2 > self.items
    }
}

/// The host a link points to and where it is written: its target's, else the one its text
/// names. Targets holding Liquid are unknown until rendered.
fn outgoing_host(link: &Link) -> Option<(String, Span)> {
    let target_host = (!link.has_liquid).then(|| host_of(&link.target)).flatten();
    if let Some(host) = target_host {
        let span = locate(&link.target, &host, &link.target_span);
        return Some((host, span));
    }
    let host = host_in_text(&link.text)?;
    let span = locate(&link.text, &host, &link.text_span);
    Some((host, span))
}

/// The span of `host` inside `written`, which is written at `span`; the whole span when the
/// written text is not byte for byte the file's (escapes, entities). ASCII lowercasing keeps
/// byte offsets, so the span stays on character boundaries.
fn locate(written: &str, host: &str, span: &Span) -> Span {
    match written.to_ascii_lowercase().find(host) {
        Some(offset) if span.len() == written.len() => {
            span.start + offset..span.start + offset + host.len()
        }
        _ => span.clone(),
    }
}

/// The host reduced to what identifies the site across languages.
fn comparison_key(host: &str) -> String {
    let host = host.strip_prefix("www.").unwrap_or(host);
    match host.split_once('.') {
        Some((first, rest)) if rest.contains('.') && is_locale_code(first) => rest.to_owned(),
        _ => host.to_owned(),
    }
}

/// The host with each of its labels in turn left out (`*.example.org`, `chat.*.org`, …):
/// two hosts that differ in one label share one of these.
fn labels_but_one(host: &str) -> Vec<String> {
    let labels: Vec<&str> = host.split('.').collect();
    (0..labels.len())
        .map(|left_out| {
            let mut key = format!("{}:", labels.len());
            for (index, label) in labels.iter().enumerate() {
                key.push_str(if index == left_out { "\0" } else { label });
                key.push('.');
            }
            key
        })
        .collect()
}

/// Whether `written` is probably a misspelling of `expected` (see
/// [`misspelling_distance`]).
fn is_near_miss(written: &str, expected: &str) -> bool {
    misspelling_distance(written, expected).is_some()
}

/// A list of a source page that its translations must reproduce.
#[derive(Debug, Clone)]
pub struct SourceList {
    pub list: LinkList,
    /// Index into `SiteSettings::lists` of the declaration that picked the list.
    pub declared: Option<usize>,
    pub order_matters: bool,
    /// The targets the source page links to outside the list.
    targets_outside: HashSet<String>,
}

/// The targets `document` links to outside `span`, as compared.
fn targets_outside(document: &Document, span: &Span) -> HashSet<String> {
    document
        .links
        .iter()
        .filter(|link| link.span.start < span.start || link.span.start >= span.end)
        .map(|link| compared_target(&link.target))
        .collect()
}

/// The lists of a source page to compare: the declared ones, then the detected ones.
pub fn source_lists(page: Page, declared: &[DeclaredList]) -> Vec<SourceList> {
    let document = page.document;
    let mut lists: Vec<SourceList> = Vec::new();
    for index in 0..document.lists.len() {
        let list = LinkList::of(document, index);
        let declaration = declared.iter().position(|declaration| {
            declaration.covers(page) && picks(declaration, document, index, &list.entries)
        });
        if list.entries.is_empty() || (declaration.is_none() && !list.is_detected()) {
            continue;
        }
        let order_matters = declaration
            .and_then(|declaration| declared[declaration].config.order)
            .unwrap_or(declaration.is_some() || list.named_by_host);
        lists.push(SourceList {
            targets_outside: targets_outside(document, &list.span),
            list,
            declared: declaration,
            order_matters,
        });
    }
    lists
}

/// Indices into `Document::links` of the links standing in the page's lists of links
/// (declared or detected): the list rules compare those across languages, so other
/// cross-language rules leave them alone.
pub fn list_entry_links(page: Page, declared: &[DeclaredList]) -> HashSet<usize> {
    let lists = source_lists(page, declared);
    page.document
        .links
        .iter()
        .enumerate()
        .filter(|(_, link)| {
            lists
                .iter()
                .any(|list| list.list.span.contains(&link.span.start))
        })
        .map(|(index, _)| index)
        .collect()
}

/// The declarations about a source page that pick none of its lists.
pub fn unmatched_declarations<'a>(
    page: Page,
    declared: &'a [DeclaredList],
    lists: &[SourceList],
) -> Vec<&'a DeclaredList> {
    declared
        .iter()
        .enumerate()
        .filter(|(index, declaration)| {
            declaration.covers(page) && !lists.iter().any(|list| list.declared == Some(*index))
        })
        .map(|(_, declaration)| declaration)
        .collect()
}

/// How a translation's list differs from the source's.
#[derive(Debug, Clone)]
pub enum Finding {
    /// A source entry without an item in the translation. `at` is where it belongs there;
    /// `merged_into` is the translation entry whose item holds its link, when one does.
    Missing {
        entry: Entry,
        at: Span,
        merged_into: Option<(Entry, Span)>,
    },
    /// A source entry whose item the translation has, without the entry's link: `item` is the
    /// translation entry now named by the item's next link.
    Unlinked { entry: Entry, item: Entry },
    /// A translation entry the source list does not have.
    Extra { entry: Entry },
    /// A translation entry whose host is a near miss of the source entry's.
    Typo { source: Entry, translation: Entry },
    /// A translation entry out of the source's order; `after` is the source entry it follows
    /// there (`None`: it comes first).
    Moved {
        source: Entry,
        translation: Entry,
        after: Option<Entry>,
    },
}

/// A source list beside its counterpart in one translation.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Index into the source lists the comparison was made from.
    pub source: usize,
    /// `None` when the translation has no list that shares enough entries.
    pub translation: Option<LinkList>,
    pub findings: Vec<Finding>,
}

/// Compares each source list with its counterpart in `translation`.
pub fn compare(sources: &[SourceList], translation: Page) -> Vec<Comparison> {
    let document = translation.document;
    let candidates: Vec<LinkList> = (0..document.lists.len())
        .map(|index| LinkList::of(document, index))
        .filter(|list| !list.entries.is_empty())
        .collect();
    let mut scored = Vec::new();
    for (source_index, source) in sources.iter().enumerate() {
        for (candidate_index, candidate) in candidates.iter().enumerate() {
            let shared = pair_entries(&source.list.entries, &candidate.entries)
                .pairs
                .len();
            let needed = if source.declared.is_some() {
                1
            } else {
                source
                    .list
                    .entries
                    .len()
                    .max(candidate.entries.len())
                    .div_ceil(2)
            };
            if shared >= needed {
                let same_section =
                    source.list.section.is_some() && source.list.section == candidate.section;
                let distance = source.list.index.abs_diff(candidate.index);
                scored.push((
                    shared,
                    same_section,
                    distance,
                    source_index,
                    candidate_index,
                ));
            }
        }
    }
    // Most shared entries first, then a heading with the same id, then the nearest position.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut counterparts: Vec<Option<usize>> = vec![None; sources.len()];
    let mut taken = vec![false; candidates.len()];
    for (_, _, _, source_index, candidate_index) in scored {
        if counterparts[source_index].is_none() && !taken[candidate_index] {
            counterparts[source_index] = Some(candidate_index);
            taken[candidate_index] = true;
        }
    }
    sources
        .iter()
        .zip(counterparts)
        .enumerate()
        .map(|(source_index, (source, counterpart))| {
            let translation = counterpart.map(|index| candidates[index].clone());
            let findings = translation
                .as_ref()
                .map(|list| findings(source, list, document))
                .unwrap_or_default();
            Comparison {
                source: source_index,
                translation,
                findings,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PairKind {
    Same,
    Typo,
    /// The translation item is the source entry's, without its first link.
    Unlinked,
}

/// Which entries of two lists stand for each other.
#[derive(Debug, Default)]
struct Pairing {
    /// (source entry, translation entry, how they relate), in source order.
    pairs: Vec<(usize, usize, PairKind)>,
    /// Source entries whose link sits in the item of a translation entry paired with another.
    merged: Vec<(usize, usize, Span)>,
    /// Source entries whose item is there but no longer links them: the translation entry is
    /// named by the item's next link.
    unlinked: Vec<(usize, usize)>,
    missing: Vec<usize>,
    extra: Vec<usize>,
}

/// How many targets the items of two entries both link to besides their first links.
fn shared_other_links(source: &Entry, translation: &Entry) -> usize {
    source
        .other_links
        .iter()
        .filter(|other| {
            std::iter::once(&translation.compared_target)
                .chain(
                    translation
                        .other_links
                        .iter()
                        .map(|link| &link.compared_target),
                )
                .any(|target| *target == other.compared_target)
        })
        .count()
}

/// Candidates of one bucket looked at per source entry: a bucket holds the entries on one
/// host (or sharing one target), and of a hundred entries on one host the first of them are
/// as good as any. Keeps pairing linear in the length of the lists.
const CANDIDATES_PER_BUCKET: usize = 64;

/// What a pairing pass compares entries by: a source entry and a translation entry are
/// candidates when they share a key, and pair when `matches` says so.
struct PassKeys<'k> {
    source: &'k dyn Fn(&Entry) -> Vec<String>,
    translation: &'k dyn Fn(&Entry) -> Vec<String>,
    matches: &'k dyn Fn(&Entry, &Entry) -> bool,
}

fn pair_entries(source: &[Entry], translation: &[Entry]) -> Pairing {
    let mut source_pair: Vec<Option<(usize, PairKind)>> = vec![None; source.len()];
    let mut taken = vec![false; translation.len()];
    let mut pair_by =
        |source_pair: &mut Vec<Option<(usize, PairKind)>>, kind: PairKind, keys: PassKeys| {
            // Each key → the translation entries still free having it, in list order, and
            // how many of the first have been taken since.
            let mut buckets: HashMap<String, (usize, Vec<usize>)> = HashMap::new();
            for (index, entry) in translation.iter().enumerate() {
                if taken[index] {
                    continue;
                }
                let mut entry_keys = (keys.translation)(entry);
                entry_keys.sort_unstable();
                entry_keys.dedup();
                for key in entry_keys {
                    buckets.entry(key).or_default().1.push(index);
                }
            }
            for (source_index, source_entry) in source.iter().enumerate() {
                if source_pair[source_index].is_some() {
                    continue;
                }
                let mut candidates = Vec::new();
                for key in (keys.source)(source_entry) {
                    let Some((start, bucket)) = buckets.get_mut(&key) else {
                        continue;
                    };
                    while bucket.get(*start).is_some_and(|&index| taken[index]) {
                        *start += 1;
                    }
                    candidates.extend(
                        bucket[*start..]
                            .iter()
                            .filter(|&&index| !taken[index])
                            .take(CANDIDATES_PER_BUCKET),
                    );
                }
                // Of several candidates (one host, several entries), the item sharing the most
                // other links, then the first.
                let found = candidates
                    .into_iter()
                    .filter(|&index| (keys.matches)(source_entry, &translation[index]))
                    .max_by_key(|&index| {
                        (
                            shared_other_links(source_entry, &translation[index]),
                            std::cmp::Reverse(index),
                        )
                    });
                if let Some(index) = found {
                    taken[index] = true;
                    source_pair[source_index] = Some((index, kind));
                }
            }
        };
    let key = |entry: &Entry| vec![entry.key.clone()];
    let target = |entry: &Entry| vec![entry.compared_target.clone()];
    let other_targets = |entry: &Entry| -> Vec<String> {
        entry
            .other_links
            .iter()
            .map(|other| other.compared_target.clone())
            .collect()
    };
    let all_targets = |entry: &Entry| {
        let mut targets = other_targets(entry);
        targets.push(entry.compared_target.clone());
        targets
    };
    // An item that dropped its first link but keeps at least two of the source item's others
    // (prose items with several links); its next link must not read as another entry.
    pair_by(
        &mut source_pair,
        PairKind::Unlinked,
        PassKeys {
            source: &other_targets,
            translation: &all_targets,
            matches: &|s, t| {
                s.key != t.key
                    && t.text_key.as_ref() != Some(&s.key)
                    && !is_near_miss(&t.key, &s.key)
                    && !t
                        .other_links
                        .iter()
                        .any(|other| other.compared_target == s.compared_target)
                    && shared_other_links(s, t) >= 2
            },
        },
    );
    // One host may stand for several entries: the same target first, then in order.
    pair_by(
        &mut source_pair,
        PairKind::Same,
        PassKeys {
            source: &target,
            translation: &target,
            matches: &|s, t| s.key == t.key && s.compared_target == t.compared_target,
        },
    );
    pair_by(
        &mut source_pair,
        PairKind::Same,
        PassKeys {
            source: &key,
            translation: &key,
            matches: &|s, t| s.key == t.key,
        },
    );
    // The item links the source's target after another link of its own.
    pair_by(
        &mut source_pair,
        PairKind::Same,
        PassKeys {
            source: &target,
            translation: &other_targets,
            matches: &|s, t| {
                t.other_links
                    .iter()
                    .any(|other| other.compared_target == s.compared_target)
            },
        },
    );
    // Text naming the source's host, target elsewhere: the links rules report that.
    pair_by(
        &mut source_pair,
        PairKind::Same,
        PassKeys {
            source: &key,
            translation: &|t| t.text_key.iter().cloned().collect(),
            matches: &|s, t| t.text_key.as_ref() == Some(&s.key),
        },
    );
    // The item links the source's host after another host of its own.
    pair_by(
        &mut source_pair,
        PairKind::Same,
        PassKeys {
            source: &key,
            translation: &|t| {
                t.other_links
                    .iter()
                    .map(|other| other.key.clone())
                    .collect()
            },
            matches: &|s, t| t.other_links.iter().any(|other| other.key == s.key),
        },
    );
    // Near misses differ in one label: entries are candidates when all their other labels agree.
    pair_by(
        &mut source_pair,
        PairKind::Typo,
        PassKeys {
            source: &|s| labels_but_one(&s.key),
            translation: &|t| labels_but_one(&t.key),
            matches: &|s, t| is_near_miss(&t.key, &s.key),
        },
    );
    // The first item linking each target after its first link.
    let mut holders: HashMap<&str, (usize, &Span)> = HashMap::new();
    for (index, entry) in translation.iter().enumerate() {
        for other in &entry.other_links {
            holders
                .entry(other.compared_target.as_str())
                .or_insert((index, &other.span));
        }
    }
    let mut pairing = Pairing::default();
    for (source_index, pair) in source_pair.iter().enumerate() {
        match pair {
            Some((translation_index, PairKind::Unlinked)) => {
                pairing.unlinked.push((source_index, *translation_index));
            }
            Some((translation_index, kind)) => {
                pairing
                    .pairs
                    .push((source_index, *translation_index, *kind));
            }
            None => match holders.get(source[source_index].compared_target.as_str()) {
                Some(&(index, span)) => {
                    pairing.merged.push((source_index, index, span.clone()));
                }
                None => pairing.missing.push(source_index),
            },
        }
    }
    pairing.extra = (0..translation.len())
        .filter(|&index| !taken[index])
        .collect();
    pairing
}

/// How `translation` differs from `source`. An entry whose link the other page has outside
/// the list is left alone: the list was split or an item lost its indentation, the reader
/// still finds the link, and which list it belongs to is a question of structure.
fn findings(
    source: &SourceList,
    translation: &LinkList,
    translation_document: &Document,
) -> Vec<Finding> {
    let (source_entries, translation_entries) = (&source.list.entries, &translation.entries);
    let mut pairing = pair_entries(source_entries, translation_entries);
    let translation_outside = targets_outside(translation_document, &translation.span);
    pairing
        .missing
        .retain(|&index| !translation_outside.contains(&source_entries[index].compared_target));
    pairing.extra.retain(|&index| {
        !source
            .targets_outside
            .contains(&translation_entries[index].compared_target)
    });
    // Where a missing entry belongs: before the item of the next source entry that is there.
    let insertion_point = |source_index: usize| {
        let next = pairing
            .pairs
            .partition_point(|(paired, _, _)| *paired <= source_index);
        pairing.pairs.get(next).map_or(
            translation.span.end..translation.span.end,
            |(_, index, _)| {
                let start = translation_entries[*index].item_span.start;
                start..start
            },
        )
    };
    let mut findings = Vec::new();
    for &source_index in &pairing.missing {
        findings.push(Finding::Missing {
            entry: source_entries[source_index].clone(),
            at: insertion_point(source_index),
            merged_into: None,
        });
    }
    for &(source_index, translation_index) in &pairing.unlinked {
        findings.push(Finding::Unlinked {
            entry: source_entries[source_index].clone(),
            item: translation_entries[translation_index].clone(),
        });
    }
    for (source_index, translation_index, span) in &pairing.merged {
        findings.push(Finding::Missing {
            entry: source_entries[*source_index].clone(),
            at: span.clone(),
            merged_into: Some((
                translation_entries[*translation_index].clone(),
                span.clone(),
            )),
        });
    }
    for &index in &pairing.extra {
        findings.push(Finding::Extra {
            entry: translation_entries[index].clone(),
        });
    }
    for (source_index, translation_index, kind) in &pairing.pairs {
        if *kind == PairKind::Typo {
            findings.push(Finding::Typo {
                source: source_entries[*source_index].clone(),
                translation: translation_entries[*translation_index].clone(),
            });
        }
    }
    if source.order_matters {
        let positions: Vec<usize> = pairing.pairs.iter().map(|(_, index, _)| *index).collect();
        let in_order = longest_increasing(&positions);
        for (rank, (source_index, translation_index, _)) in pairing.pairs.iter().enumerate() {
            if in_order.binary_search(&rank).is_ok() {
                continue;
            }
            findings.push(Finding::Moved {
                source: source_entries[*source_index].clone(),
                translation: translation_entries[*translation_index].clone(),
                after: source_index
                    .checked_sub(1)
                    .map(|previous| source_entries[previous].clone()),
            });
        }
    }
    findings
}

/// The indices of a longest strictly increasing subsequence of `values`; of several, the one
/// that keeps the earliest values, so that the entry moved is the one that jumped.
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // ending[length - 1]: the indices where an increasing run of `length` ends at the
    // earliest, in index order; their values never increase along it (patience sorting).
    let mut ending: Vec<Vec<usize>> = Vec::new();
    let mut previous: Vec<Option<usize>> = Vec::with_capacity(values.len());
    for (index, &value) in values.iter().enumerate() {
        let longer =
            ending.partition_point(|run| run.last().is_some_and(|&last| values[last] < value));
        // The earliest index a run one shorter ends at with a smaller value.
        previous.push(longer.checked_sub(1).map(|shorter| {
            let run = &ending[shorter];
            run[run.partition_point(|&at| values[at] >= value)]
        }));
        match ending.get_mut(longer) {
            Some(run) => run.push(index),
            None => ending.push(vec![index]),
        }
    }
    let Some(&last) = ending.last().and_then(|run| run.first()) else {
        return Vec::new();
    };
    let mut chain: Vec<usize> = std::iter::successors(Some(last), |&at| previous[at]).collect();
    chain.reverse();
    chain
}

/// One source list with its comparison in each translation of its page.
pub struct ListReport<'a> {
    pub source: Page<'a>,
    pub list: SourceList,
    /// (translation page, comparison), in path order.
    pub translations: Vec<(Page<'a>, Comparison)>,
}

/// Every list of the site compared with its translations, and the declarations that pick no
/// list on a source page they cover.
pub fn site_lists<'a>(site: &Site<'a>) -> (Vec<ListReport<'a>>, Vec<(Page<'a>, String)>) {
    let declared = &site.settings.lists;
    let mut translations_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..site.documents.len() {
        if let Some(source) = site.corpus.source_of(index) {
            translations_of.entry(source).or_default().push(index);
        }
    }
    let mut reports = Vec::new();
    let mut unmatched = Vec::new();
    for index in 0..site.documents.len() {
        let page = site.page(index);
        if page.file.locale.as_deref() != Some(site.corpus.source_locale.as_str()) {
            continue;
        }
        let lists = source_lists(page, declared);
        for declaration in unmatched_declarations(page, declared, &lists) {
            unmatched.push((page, declaration.selectors()));
        }
        let translations: Vec<Page> = translations_of
            .get(&index)
            .map(|indices| indices.iter().map(|&index| site.page(index)).collect())
            .unwrap_or_default();
        let mut per_list: Vec<Vec<(Page, Comparison)>> = vec![Vec::new(); lists.len()];
        for translation in &translations {
            for comparison in compare(&lists, *translation) {
                per_list[comparison.source].push((*translation, comparison));
            }
        }
        for (list, translations) in lists.into_iter().zip(per_list) {
            reports.push(ListReport {
                source: page,
                list,
                translations,
            });
        }
    }
    (reports, unmatched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ListConfig;
    use crate::discover::CorpusFile;
    use crate::model::FileKind;
    use crate::parse::{HeadingIds, parse};

    fn document(text: &str) -> Document {
        parse(FileKind::Markdown, text, &HeadingIds::default())
    }

    fn file(path: &str, locale: &str) -> CorpusFile {
        CorpusFile {
            path: path.to_owned(),
            kind: FileKind::Markdown,
            locale: Some(locale.to_owned()),
            key: path.split_once('/').map(|(_, key)| key.to_owned()),
            layout: Some(0),
            shared: false,
        }
    }

    const SOURCE: &str = "# Servers\n\nText.\n\n\
        - [nine.testrun.org](https://nine.testrun.org) is the default\n\
        - [mailchat.pl](https://mailchat.pl) for Polish speakers\n\
        - [tarpit.fun](https://tarpit.fun) is new\n\
        - [chatmail.woodpeckersnest.space](https://chatmail.woodpeckersnest.space) is run by a [volunteer](https://volunteer.example.org) ([about](https://about.example.org))\n\n\
        Other text with [a link](https://example.org).\n";

    /// Describes each finding of comparing `translation` with `SOURCE` in a word and hosts.
    fn describe(translation: &str, declared: &[DeclaredList]) -> Vec<String> {
        let (source_document, translation_document) = (document(SOURCE), document(translation));
        let (source_file, translation_file) =
            (file("en/servers.md", "en"), file("de/servers.md", "de"));
        let source = Page {
            file: &source_file,
            document: &source_document,
        };
        let lists = source_lists(source, declared);
        let comparisons = compare(
            &lists,
            Page {
                file: &translation_file,
                document: &translation_document,
            },
        );
        comparisons
            .iter()
            .flat_map(|comparison| {
                let found = comparison.translation.is_some();
                std::iter::once(format!("found {found}")).chain(comparison.findings.iter().map(
                    |finding| match finding {
                        Finding::Missing {
                            entry,
                            merged_into: None,
                            ..
                        } => format!("missing {}", entry.label),
                        Finding::Missing {
                            entry,
                            merged_into: Some((into, _)),
                            ..
                        } => format!("merged {} into {}", entry.label, into.label),
                        Finding::Unlinked { entry, item } => {
                            format!("unlinked {} in the item of {}", entry.label, item.label)
                        }
                        Finding::Extra { entry } => format!("extra {}", entry.label),
                        Finding::Typo {
                            source,
                            translation,
                        } => format!("typo {} for {}", translation.label, source.label),
                        Finding::Moved {
                            translation, after, ..
                        } => format!(
                            "moved {} after {}",
                            translation.label,
                            after.as_ref().map_or("nothing", |entry| &entry.label)
                        ),
                    },
                ))
            })
            .collect()
    }

    #[test]
    fn same_list_translated_is_clean() {
        let translation = "# Server\n\n\
            - [nine.testrun.org](https://nine.testrun.org) ist der Standard\n\
            - [mailchat.pl](https://mailchat.pl) für Polnisch\n\
            - [tarpit.fun](https://tarpit.fun) ist neu\n\
            - [chatmail.woodpeckersnest.space](https://chatmail.woodpeckersnest.space/) von Freiwilligen\n";
        assert_eq!(describe(translation, &[]), ["found true"]);
    }

    #[test]
    fn every_kind_of_drift() {
        let translation = "# Server\n\n\
            - [mailchat.pl](https://mailchat.pl) für Polnisch\n\
            - [nine.testrun.org](https://nine.testrun.org) ist der Standard, wie [tarpit.fun](https://tarpit.fun)\n\
            - [chatmail.woodpeckersnet.space](https://chatmail.woodpeckersnet.space) von Freiwilligen\n\
            - [old.example.net](https://old.example.net) ist alt\n";
        assert_eq!(
            describe(translation, &[]),
            [
                "found true",
                "merged tarpit.fun into nine.testrun.org",
                "extra old.example.net",
                "typo chatmail.woodpeckersnet.space for chatmail.woodpeckersnest.space",
                "moved mailchat.pl after nine.testrun.org",
            ]
        );
    }

    #[test]
    fn missing_entry_and_unrelated_lists() {
        let translation = "# Server\n\n\
            - [github.com](https://github.com) Code\n\
            - [codeberg.org](https://codeberg.org) Code\n\nText.\n\n\
            - [nine.testrun.org](https://nine.testrun.org) ist der Standard\n\
            - [mailchat.pl](https://mailchat.pl) für Polnisch\n\
            - [chatmail.woodpeckersnest.space](https://chatmail.woodpeckersnest.space) von Freiwilligen\n";
        assert_eq!(
            describe(translation, &[]),
            ["found true", "missing tarpit.fun"]
        );
    }

    #[test]
    fn an_item_that_lost_its_first_link_is_one_missing_entry() {
        let translation = "- [nine.testrun.org](https://nine.testrun.org) ist der Standard\n\
            - [mailchat.pl](https://mailchat.pl) für Polnisch\n\
            - [tarpit.fun](https://tarpit.fun) ist neu\n\
            - chatmail.woodpeckersnest.space, von einem [Freiwilligen](https://volunteer.example.org) \
            ([mehr](https://about.example.org))\n";
        assert_eq!(
            describe(translation, &[]),
            [
                "found true",
                "unlinked chatmail.woodpeckersnest.space in the item of volunteer.example.org"
            ]
        );
    }

    #[test]
    fn links_outside_the_list_are_not_missing() {
        let translation = "- [nine.testrun.org](https://nine.testrun.org) ist der Standard\n\
            - [mailchat.pl](https://mailchat.pl) für Polnisch\n\
            - [chatmail.woodpeckersnest.space](https://chatmail.woodpeckersnest.space) von Freiwilligen\n\n\
            Neu ist [tarpit.fun](https://tarpit.fun).\n";
        assert_eq!(describe(translation, &[]), ["found true"]);
    }

    #[test]
    fn a_list_sharing_too_little_is_no_counterpart() {
        let translation = "- [nine.testrun.org](https://nine.testrun.org)\n\
            - [a.example.org](https://a.example.org)\n\
            - [b.example.org](https://b.example.org)\n\
            - [c.example.org](https://c.example.org)\n";
        assert_eq!(describe(translation, &[]), ["found false"]);
        let declared = DeclaredList::new(&ListConfig {
            page: "servers.md".to_owned(),
            section: Some("servers".to_owned()),
            index: None,
            contains: None,
            order: None,
        })
        .unwrap();
        assert_eq!(describe("No list.\n", &[declared]), ["found false"]);
    }

    #[test]
    fn declarations_pick_lists() {
        let declaration = |section: Option<&str>, index: Option<usize>, contains: Option<&str>| {
            DeclaredList::new(&ListConfig {
                page: "**/servers.md".to_owned(),
                section: section.map(str::to_owned),
                index,
                contains: contains.map(str::to_owned),
                order: None,
            })
            .unwrap()
        };
        let source_document = document(SOURCE);
        let source_file = file("en/servers.md", "en");
        let page = Page {
            file: &source_file,
            document: &source_document,
        };
        for (declared, picked) in [
            (declaration(Some("servers"), None, None), true),
            (declaration(None, Some(1), None), true),
            (declaration(None, None, Some("www.tarpit.fun")), true),
            (declaration(Some("elsewhere"), None, None), false),
            (declaration(None, Some(2), None), false),
        ] {
            let declared = [declared];
            let lists = source_lists(page, &declared);
            assert_eq!(
                lists[0].declared.is_some(),
                picked,
                "{:?}",
                declared[0].config
            );
            assert_eq!(
                unmatched_declarations(page, &declared, &lists).is_empty(),
                picked
            );
        }
    }

    #[test]
    fn near_misses() {
        assert!(is_near_miss(
            "chatmail.woodpeckersnet.space",
            "chatmail.woodpeckersnest.space"
        ));
        assert!(is_near_miss("nine.testrun.og", "nine.testrun.org"));
        assert!(!is_near_miss("mailchat.de", "mailchat.pl"));
        assert!(!is_near_miss("chat2.example.org", "chat1.example.org"));
        assert!(!is_near_miss("abc.org", "abd.org"));
        assert!(!is_near_miss("a.tarpit.fun", "tarpit.fun"));
    }

    #[test]
    fn keys_ignore_www_and_locale_labels() {
        assert_eq!(comparison_key("www.example.org"), "example.org");
        assert_eq!(comparison_key("de.wikipedia.org"), "wikipedia.org");
        assert_eq!(comparison_key("nine.testrun.org"), "nine.testrun.org");
        assert_eq!(comparison_key("de.org"), "de.org");
    }

    #[test]
    fn longest_increasing_keeps_the_early_entries() {
        assert_eq!(longest_increasing(&[1, 0, 2, 3]), [0, 2, 3]);
        assert_eq!(longest_increasing(&[0, 1, 2]), [0, 1, 2]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[3, 4, 0, 1, 2]), [2, 3, 4]);
        assert_eq!(longest_increasing(&[2, 3, 0, 1]), [0, 1]);
        assert_eq!(longest_increasing(&[5, 1, 6, 2, 7, 3]), [0, 2, 4]);
    }
}
