//! "Did you mean …?": the one index every suggestion goes through (pages, image files,
//! anchors, catalog keys, Fluent ids, attributes and variables).
//!
//! A lookup costs the same whatever the number of names, so that a site with thousands of
//! broken links to thousands of pages stays linear. Names are compared case-insensitively by
//! edit distance (insertions, deletions, substitutions and swaps of neighbours, at most
//! [`MAX_EDITS`]); the index finds every name within that distance without comparing the
//! query with each name:
//! - a name of [`SHORT`] characters or fewer is filed under each string left when one or two
//!   of its characters are deleted (SymSpell): two names within two edits leave a common
//!   string when at most two characters are deleted from each;
//! - a longer name is cut into [`SEGMENTS`] pieces and filed under each piece, its position
//!   and the name's length (PassJoin): three edits touch at most six pieces, so a name within
//!   three edits of the query has a piece the query contains, shifted by three at most.
//!
//! Lookups read the shortest lists first and stop after [`MAX_SCANNED`] list entries and
//! [`MAX_VERIFIED`] distance computations: hostile input (100,000 names sharing pieces) costs a
//! bounded amount per lookup, at worst a suggestion missed, never a wrong one.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// The most edits a suggestion may be away from what was written.
pub(crate) const MAX_EDITS: usize = 3;
/// Names up to this many characters are filed by deletions, longer ones by pieces.
const SHORT: usize = 7;
/// Pieces a long name is cut into: more than twice `MAX_EDITS` (a swap touches two).
const SEGMENTS: usize = 2 * MAX_EDITS + 1;
/// Candidate list entries read per lookup.
const MAX_SCANNED: usize = 1024;
/// Candidates compared in full per lookup.
const MAX_VERIFIED: usize = 128;

/// How far a name may be from what was written and still be suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tolerance {
    /// Identifiers (message ids, keys, variables, attributes): at most two edits, fewer than
    /// half the longer name's length; a difference of case counts as one edit.
    Name,
    /// Paths and fragment ids: a quarter of what was written (one edit at least, three at
    /// most); a difference of case costs nothing, since servers and browsers see it as a typo.
    Path,
}

impl Tolerance {
    /// The most edits a lookup of a name of `length` characters needs.
    fn reach(self, length: usize) -> usize {
        match self {
            // Two edits at most, fewer than half the longer name, which is at most `edits`
            // longer than the query: fewer edits than the query has characters.
            Tolerance::Name => length.saturating_sub(1).min(2),
            Tolerance::Path => (length / 4).clamp(1, MAX_EDITS),
        }
    }

    /// The edits counted between a query and a candidate `folded_distance` apart, when the
    /// candidate is close enough.
    fn accepts(
        self,
        folded_distance: usize,
        case_differs: bool,
        query_length: usize,
        candidate_length: usize,
    ) -> Option<usize> {
        match self {
            Tolerance::Name => {
                let edits = folded_distance.max(usize::from(case_differs));
                (edits <= 2 && edits * 2 < query_length.max(candidate_length)).then_some(edits)
            }
            Tolerance::Path => {
                (folded_distance <= self.reach(query_length)).then_some(folded_distance)
            }
        }
    }
}

/// Names to suggest from, filed for lookups by spelling.
#[derive(Debug, Default)]
pub struct SuggestionIndex {
    names: Vec<Name>,
    /// Each name by its exact spelling (the first of duplicates).
    exact: HashMap<String, u32>,
    /// Deletion strings and pieces (hashed) → the names filed under them.
    filed: HashMap<u64, Vec<u32>>,
}

#[derive(Debug)]
struct Name {
    text: String,
    folded: Vec<char>,
    length: usize,
}

impl SuggestionIndex {
    /// An index of `names`; of names spelt alike, the one given first is suggested.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut index = Self::default();
        for name in names {
            index.insert(name.as_ref());
        }
        index
    }

    fn insert(&mut self, text: &str) {
        if self.exact.contains_key(text) {
            return;
        }
        let Ok(id) = u32::try_from(self.names.len()) else {
            return;
        };
        let folded = fold(text);
        let mut keys = HashSet::new();
        if folded.len() <= SHORT {
            deletions(&folded, 2, &mut |rest| {
                keys.insert(deletion_key(rest));
            });
        } else {
            for segment in 0..SEGMENTS {
                let range = segment_range(folded.len(), segment);
                keys.insert(piece_key(folded.len(), segment, &folded[range]));
            }
        }
        for key in keys {
            self.filed.entry(key).or_default().push(id);
        }
        self.exact.insert(text.to_owned(), id);
        self.names.push(Name {
            text: text.to_owned(),
            length: text.chars().count(),
            folded,
        });
    }

    /// Whether `name` is in the index, spelt exactly so.
    pub fn contains(&self, name: &str) -> bool {
        self.exact.contains_key(name)
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The name most likely meant by `written`: the fewest edits away, then one that differs
    /// only in case, then the first given; never `written` itself.
    pub fn closest(&self, written: &str, tolerance: Tolerance) -> Option<&str> {
        let query = fold(written);
        let query_length = written.chars().count();
        let reach = tolerance.reach(query_length).min(MAX_EDITS);
        let mut lists: Vec<&Vec<u32>> = Vec::new();
        // Names within reach of the query's length that are short enough to be filed by
        // deletions.
        if query.len() <= SHORT + reach {
            deletions(&query, reach.min(2), &mut |rest| {
                if let Some(list) = self.filed.get(&deletion_key(rest)) {
                    lists.push(list);
                }
            });
        }
        // `reach` edits leave at least `SEGMENTS - 2 × reach` pieces of a long name intact:
        // of each length's pieces, the longest lists can be skipped (a name found only there
        // would have too few pieces in common).
        let needed = SEGMENTS - 2 * reach;
        let shortest = (SHORT + 1).max(query.len().saturating_sub(reach));
        for length in shortest..=query.len() + reach {
            let mut pieces: Vec<(usize, Vec<&Vec<u32>>)> = (0..SEGMENTS)
                .map(|segment| {
                    let range = segment_range(length, segment);
                    let piece_length = range.len();
                    let first = range.start.saturating_sub(reach);
                    let last = (range.start + reach).min(query.len().saturating_sub(piece_length));
                    let found: Vec<&Vec<u32>> = (first..=last)
                        .filter(|start| start + piece_length <= query.len())
                        .filter_map(|start| {
                            let piece = &query[start..start + piece_length];
                            self.filed.get(&piece_key(length, segment, piece))
                        })
                        .collect();
                    (found.iter().map(|list| list.len()).sum(), found)
                })
                .collect();
            pieces.sort_by_key(|(size, _)| *size);
            lists.extend(
                pieces
                    .into_iter()
                    .take(SEGMENTS + 1 - needed)
                    .flat_map(|(_, found)| found),
            );
        }
        lists.sort_by_key(|list| list.len());
        let mut seen = HashSet::new();
        let (mut scanned, mut verified) = (0, 0);
        // (edits, case differs, id) of the best so far.
        let mut best: Option<(usize, bool, u32)> = None;
        'lists: for list in lists {
            for &id in list {
                scanned += 1;
                if scanned > MAX_SCANNED || verified >= MAX_VERIFIED {
                    break 'lists;
                }
                if !seen.insert(id) {
                    continue;
                }
                let name = &self.names[id as usize];
                if name.text == written || name.folded.len().abs_diff(query.len()) > reach {
                    continue;
                }
                verified += 1;
                let Some(distance) = bounded_distance(&query, &name.folded, reach) else {
                    continue;
                };
                let case_differs = distance == 0;
                let Some(edits) =
                    tolerance.accepts(distance, case_differs, query_length, name.length)
                else {
                    continue;
                };
                let candidate = (edits, !case_differs, id);
                if best.is_none_or(|best| candidate < best) {
                    best = Some(candidate);
                }
            }
        }
        best.map(|(_, _, id)| self.names[id as usize].text.as_str())
    }
}

/// The name of `candidates` most likely meant by `written` (see [`SuggestionIndex::closest`]),
/// for a single lookup; build a [`SuggestionIndex`] once to look up many.
pub(crate) fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    tolerance: Tolerance,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let index = SuggestionIndex::new(candidates.iter().copied());
    let found = index.closest(written, tolerance)?;
    candidates.into_iter().find(|candidate| *candidate == found)
}

fn fold(text: &str) -> Vec<char> {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Calls `found` with `word` and each string left by deleting up to `count` characters.
fn deletions(word: &[char], count: usize, found: &mut dyn FnMut(&[char])) {
    found(word);
    if count == 0 || word.is_empty() {
        return;
    }
    let mut rest = Vec::with_capacity(word.len());
    for at in 0..word.len() {
        // Deleting one of a run of equal characters leaves the same string: once is enough.
        if at > 0 && word[at] == word[at - 1] {
            continue;
        }
        rest.clear();
        rest.extend_from_slice(&word[..at]);
        rest.extend_from_slice(&word[at + 1..]);
        deletions(&rest, count - 1, found);
    }
}

/// Where piece `segment` of a name of `length` characters lies.
fn segment_range(length: usize, segment: usize) -> std::ops::Range<usize> {
    segment * length / SEGMENTS..(segment + 1) * length / SEGMENTS
}

fn deletion_key(rest: &[char]) -> u64 {
    let mut hasher = DefaultHasher::new();
    0u8.hash(&mut hasher);
    rest.hash(&mut hasher);
    hasher.finish()
}

fn piece_key(length: usize, segment: usize, piece: &[char]) -> u64 {
    let mut hasher = DefaultHasher::new();
    1u8.hash(&mut hasher);
    (length, segment).hash(&mut hasher);
    piece.hash(&mut hasher);
    hasher.finish()
}

/// The edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of
/// neighbours, each character edited once), when it is at most `limit`. Only the band of
/// width `2 × limit + 1` around the diagonal is computed.
fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let beyond = limit + 1;
    let width = b.len() + 1;
    let (mut before, mut previous, mut current) = (
        vec![beyond; width],
        vec![beyond; width],
        vec![beyond; width],
    );
    for (column, cell) in previous.iter_mut().enumerate().take(beyond.min(width)) {
        *cell = column;
    }
    for row in 1..=a.len() {
        current.fill(beyond);
        let first = row.saturating_sub(limit);
        let last = (row + limit).min(b.len());
        if first == 0 {
            current[0] = row.min(beyond);
        }
        let mut row_best = current[0];
        for column in first.max(1)..=last {
            let substitution = previous[column - 1] + usize::from(a[row - 1] != b[column - 1]);
            let mut cost = substitution
                .min(previous[column] + 1)
                .min(current[column - 1] + 1);
            if row > 1 && column > 1 && a[row - 1] == b[column - 2] && a[row - 2] == b[column - 1] {
                cost = cost.min(before[column - 2] + 1);
            }
            current[column] = cost.min(beyond);
            row_best = row_best.min(current[column]);
        }
        if row_best > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_typos_and_case_changes_only() {
        let known = ["featuredBreach", "count", "name"];
        let name = |written| closest(written, known, Tolerance::Name);
        assert_eq!(name("featuredbreach"), Some("featuredBreach"));
        assert_eq!(name("cuont"), Some("count"));
        assert_eq!(name("nmae"), Some("name"));
        assert_eq!(name("total"), None);
        assert_eq!(name("count"), None, "never the name itself");
        // Two edits of a three-letter name is another word, not a typo.
        assert_eq!(closest("nom", ["num", "new"], Tolerance::Name), Some("num"));
        assert_eq!(closest("ab", ["xy"], Tolerance::Name), None);
    }

    #[test]
    fn paths_prefer_case_then_distance() {
        let candidates = ["en/help", "en/Help", "en/donate"];
        let path = |written| closest(written, candidates, Tolerance::Path);
        assert_eq!(path("en/HELP"), Some("en/help"));
        assert_eq!(path("en/hlep"), Some("en/help"));
        assert_eq!(path("fr/contact"), None);
        let long = [
            "docs/getting-started/installation",
            "docs/getting-started/configuration",
        ];
        assert_eq!(
            closest("docs/getting-started/instalaton", long, Tolerance::Path),
            Some("docs/getting-started/installation")
        );
    }

    /// The index finds exactly what comparing with every name finds.
    #[test]
    fn the_index_agrees_with_comparing_every_name() {
        let names: Vec<String> = (0..300)
            .map(|index| {
                let stem = [
                    "help",
                    "download",
                    "getting-started",
                    "a",
                    "faq",
                    "über-uns",
                ][index % 6];
                format!("{stem}{}", index / 6)
            })
            .chain(["ab", "ba", "x", "docs/guide/install", "docs/guide/instal"].map(String::from))
            .collect();
        let index = SuggestionIndex::new(&names);
        let queries = [
            "hepl3",
            "download12x",
            "getting-startde",
            "getting-started49",
            "b",
            "xy",
            "faq",
            "FAQ7",
            "ubr-uns2",
            "über-uns",
            "docs/guide/isntall",
            "docs/guide/nstal",
            "a1",
            "dwnload40",
        ];
        for query in queries {
            for tolerance in [Tolerance::Name, Tolerance::Path] {
                let expected = names
                    .iter()
                    .enumerate()
                    .filter(|(_, name)| name.as_str() != query)
                    .filter_map(|(position, name)| {
                        let (a, b) = (fold(query), fold(name));
                        let distance = bounded_distance(&a, &b, MAX_EDITS)?;
                        let edits = tolerance.accepts(
                            distance,
                            distance == 0,
                            query.chars().count(),
                            name.chars().count(),
                        )?;
                        Some((edits, distance != 0, position, name.as_str()))
                    })
                    .min()
                    .map(|(_, _, _, name)| name);
                assert_eq!(
                    index.closest(query, tolerance),
                    expected,
                    "{query} {tolerance:?}"
                );
            }
        }
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        let distance = |a: &str, b: &str, limit| bounded_distance(&fold(a), &fold(b), limit);
        assert_eq!(distance("ab", "ba", 3), Some(1));
        assert_eq!(distance("choicealicense", "choosealicense", 3), Some(2));
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("", "abc", 3), Some(3));
        assert_eq!(distance("abc", "", 2), None);
    }

    #[test]
    fn lookups_stay_bounded_on_names_alike() {
        // 50,000 names sharing every piece but one: each lookup reads a bounded share.
        let names: Vec<String> = (0..50_000)
            .map(|index| format!("heading-{index:05}"))
            .collect();
        let index = SuggestionIndex::new(&names);
        assert!(index.contains("heading-00042"));
        assert_eq!(
            index
                .closest("heading-0004x", Tolerance::Path)
                .map(str::len),
            Some(13)
        );
        for query in ["heading-1234x", "headnig-12345", "x"] {
            index.closest(query, Tolerance::Path);
        }
    }
}
