//! Translation drift: which version of its source page each translation follows, and whether
//! a cross-language finding is *lag* (the source gained or changed the item after that
//! version) or a *defect* (the translation deviates from the version it follows).
//!
//! The evidence, best first: a front matter key recording the source commit (OpenTelemetry's
//! `default_lang_commit`, MDN's `l10n.sourceCommit`), then the git history (the source's
//! version at the translation's last commit), then consensus across locales (what most
//! translations lack together is lag). Lag is folded into one `translation-outdated` finding
//! per translation page; defects stay line-level findings.

pub mod status;

use crate::config::{DriftConfig, HistorySetting};
use crate::diagnostic::{Compared, Diagnostic, ItemKind, Presence};
use crate::discover::Corpus;
use crate::history::{History, Unavailable};
use crate::model::{Document, FrontMatter, Value};
use crate::parse;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The id of the page-level finding that lag becomes.
pub const OUTDATED_RULE: &str = "translation-outdated";

/// How many lagging items a `translation-outdated` finding shows unless `expand` is set.
const SHOWN_ITEMS: usize = 3;

/// What a run knows about versions: the history, or why there is none.
pub struct Evidence {
    history: Option<History>,
    keys: Vec<String>,
    /// Said once per run when the history could not be used although it was wanted.
    pub note: Option<String>,
}

impl Evidence {
    /// Reads the history of the site under `root`, as `[drift]` asks.
    pub fn gather(root: &Path, config: &DriftConfig) -> Self {
        let (history, note) = match config.history {
            HistorySetting::Off => (None, None),
            HistorySetting::Git => match History::load(root) {
                Ok(history) => (Some(history), None),
                Err(Unavailable::NoRepository) => (None, None),
                Err(Unavailable::Shallow) => (
                    None,
                    Some(
                        "this is a shallow clone: translation drift is judged by consensus \
                         across locales; fetch the whole history (`fetch-depth: 0` with \
                         actions/checkout) to compare each translation with the version it follows"
                            .to_owned(),
                    ),
                ),
                Err(Unavailable::Failed(message)) => (
                    None,
                    Some(format!(
                        "the git history cannot be read ({message}): translation drift is judged by consensus across locales"
                    )),
                ),
            },
        };
        Self {
            history,
            keys: config.source_commit_keys.clone(),
            note,
        }
    }

    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// Which version of its source page the translation at `translation` follows, when the
    /// history tells; `front_matter` is the translation's, for a recorded source commit.
    pub fn following(
        &self,
        corpus: &Corpus,
        translation: usize,
        front_matter: Option<&FrontMatter>,
    ) -> Option<Following> {
        let history = self.history.as_ref()?;
        let source = corpus.source_of(translation)?;
        let source_path = &corpus.files[source].path;
        let source_changes = history.changes(source_path);
        let current_blob = source_changes.first()?.blob.clone();
        let recorded = front_matter.and_then(|front_matter| self.recorded_commit(front_matter));
        let (anchor, basis) =
            match recorded.and_then(|(key, id)| Some((history.resolve(&id)?, key))) {
                Some((commit, key)) => (commit, Basis::Recorded(key)),
                None => (
                    last_content_change(history, &corpus.files[translation].path)?,
                    Basis::LastCommit,
                ),
            };
        let followed = source_changes
            .iter()
            .position(|change| history.is_ancestor(change.commit, anchor));
        let newer = &source_changes[..followed.unwrap_or(source_changes.len())];
        // A rename that keeps the content is no change a translation has to follow.
        let since = newer
            .iter()
            .enumerate()
            .filter(|(index, change)| {
                !history.is_ancestor(change.commit, anchor)
                    && source_changes
                        .get(index + 1)
                        .is_none_or(|older| older.blob != change.blob)
            })
            .map(|(_, change)| change.commit)
            .collect();
        let version = followed.map(|index| Version {
            commit: source_changes[index].commit,
            blob: source_changes[index].blob.clone(),
            path: source_changes[index].path.clone(),
        });
        Some(Following {
            source,
            version,
            since,
            current_blob,
            basis,
        })
    }

    /// The first configured key present in the front matter, with the commit it names.
    fn recorded_commit(&self, front_matter: &FrontMatter) -> Option<(String, String)> {
        self.keys.iter().find_map(|key| {
            let (first, rest) = key.split_once('.').unwrap_or((key, ""));
            let mut value = &front_matter.get(first)?.value;
            for part in rest.split('.').filter(|part| !part.is_empty()) {
                let Value::Mapping(entries) = value else {
                    return None;
                };
                value = &entries.iter().find(|(name, _)| name == part)?.1;
            }
            Some((key.clone(), value.as_str()?.to_owned()))
        })
    }
}

/// The last commit that changed the file's content: a rename alone follows nothing new.
fn last_content_change(history: &History, path: &str) -> Option<usize> {
    let changes = history.changes(path);
    changes
        .iter()
        .enumerate()
        .find(|(index, change)| {
            changes
                .get(index + 1)
                .is_none_or(|older| older.blob != change.blob)
        })
        .map(|(_, change)| change.commit)
}

/// What the history says a translation follows.
#[derive(Debug, Clone)]
pub struct Following {
    /// The index of the source page in the corpus.
    pub source: usize,
    /// The source's version at the translation's anchor commit; `None` when the source page
    /// did not exist then.
    pub version: Option<Version>,
    /// The commits that changed the source's content since, newest first.
    pub since: Vec<usize>,
    /// The source's content at `HEAD`.
    pub current_blob: Option<String>,
    pub basis: Basis,
}

impl Following {
    /// Whether the source's content differs from the version the translation follows.
    pub fn outdated(&self) -> bool {
        self.version
            .as_ref()
            .is_none_or(|version| version.blob != self.current_blob)
    }
}

#[derive(Debug, Clone)]
pub struct Version {
    pub commit: usize,
    pub blob: Option<String>,
    /// The source's path at that version (it may have been renamed since).
    pub path: String,
}

/// Where the version a translation follows comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The source's version at the translation's last commit.
    LastCommit,
    /// A front matter key naming the source commit.
    Recorded(String),
}

/// Runs the rules of a translation against an older version of its source page.
pub type CompareWithVersion<'a> = dyn Fn(usize, &Document) -> Vec<Diagnostic> + Sync + 'a;

/// One item a translation lags behind in.
struct Lag<'a> {
    diagnostic: &'a Diagnostic,
    compared: &'a Compared,
    /// The source commit that added (or removed) the item, when found.
    commit: Option<usize>,
}

/// Separates lag from defects: lagging cross-language findings leave the list and become one
/// `translation-outdated` finding per translation page; defects stay.
pub fn separate_lag(
    site: &Site,
    evidence: &Evidence,
    expand: bool,
    diagnostics: Vec<Diagnostic>,
    compare: &CompareWithVersion,
) -> Vec<Diagnostic> {
    let corpus = site.corpus;
    let mut compared_by_page: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        if diagnostic.compared.is_none() {
            continue;
        }
        if let Some(page) = corpus.index_of(&diagnostic.location.path)
            && corpus.source_of(page).is_some()
        {
            compared_by_page.entry(page).or_default().push(index);
        }
    }
    let translations: Vec<usize> = (0..corpus.files.len())
        .filter(|&index| corpus.source_of(index).is_some() && !site.documents[index].unreadable)
        .collect();
    let following: HashMap<usize, Following> = translations
        .par_iter()
        .filter_map(|&index| {
            let front_matter = site.documents[index].front_matter.parsed();
            Some((index, evidence.following(corpus, index, front_matter)?))
        })
        .collect();
    let old_sources = old_source_documents(site, evidence, &following, &compared_by_page);
    let mut lagging: HashSet<usize> = HashSet::new();
    let mut outdated = Vec::new();
    // Translations whose version is known: what the version they follow also lacks is theirs.
    let judged: Vec<(usize, Vec<usize>)> = translations
        .par_iter()
        .filter_map(|&page| {
            let following = following.get(&page)?;
            let findings = compared_by_page.get(&page).map_or(&[][..], Vec::as_slice);
            if !following.outdated() || findings.is_empty() {
                return Some((page, Vec::new()));
            }
            let blob = following.version.as_ref()?.blob.as_ref()?;
            let old = old_sources.get(blob)?;
            let deviations: HashSet<(&str, ItemKind, String, Presence)> = compare(page, old)
                .into_iter()
                .filter_map(|found| {
                    let compared = found.compared?;
                    Some((found.rule, compared.kind, compared.key, compared.presence))
                })
                .collect();
            let lag = findings
                .iter()
                .copied()
                .filter(|&index| {
                    let diagnostic = &diagnostics[index];
                    diagnostic.compared.as_ref().is_some_and(|compared| {
                        let item = (
                            diagnostic.rule,
                            compared.kind,
                            compared.key.clone(),
                            compared.presence,
                        );
                        !deviations.contains(&item)
                    })
                })
                .collect();
            Some((page, lag))
        })
        .collect();
    let judged_pages: HashSet<usize> = judged.iter().map(|(page, _)| *page).collect();
    let history = evidence.history();
    let attributions = history
        .map(|history| attribute(site, history, &following, &judged, &diagnostics))
        .unwrap_or_default();
    for (page, lag) in &judged {
        let following = &following[page];
        if !following.outdated() {
            continue;
        }
        let Some(history) = history else { continue };
        lagging.extend(lag);
        let items: Vec<Lag> = lag
            .iter()
            .filter_map(|&index| {
                let diagnostic = &diagnostics[index];
                Some(Lag {
                    diagnostic,
                    compared: diagnostic.compared.as_ref()?,
                    commit: attributions.get(&index).copied(),
                })
            })
            .collect();
        outdated.push(outdated_by_history(
            site, history, *page, following, &items, expand,
        ));
    }
    // The rest: consensus across the translations of each source page.
    let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &page in &translations {
        if !judged_pages.contains(&page) {
            by_source
                .entry(corpus.source_of(page).unwrap_or(page))
                .or_default()
                .push(page);
        }
    }
    // `align::consensus` counted, for each finding, how many translations share it.
    for pages in by_source.into_values() {
        for page in pages {
            let lag: Vec<usize> = compared_by_page
                .get(&page)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&index| {
                    diagnostics[index]
                        .compared
                        .as_ref()
                        .is_some_and(Compared::is_shared_by_most)
                })
                .collect();
            if lag.is_empty() {
                continue;
            }
            lagging.extend(&lag);
            let items: Vec<Lag> = lag
                .iter()
                .filter_map(|&index| {
                    let diagnostic = &diagnostics[index];
                    Some(Lag {
                        diagnostic,
                        compared: diagnostic.compared.as_ref()?,
                        commit: None,
                    })
                })
                .collect();
            outdated.push(outdated_by_consensus(site, page, &items, expand));
        }
    }
    diagnostics
        .into_iter()
        .enumerate()
        .filter(|(index, _)| !lagging.contains(index))
        .map(|(_, diagnostic)| diagnostic)
        .chain(outdated)
        .collect()
}

/// The source versions that outdated translations with cross-language findings follow,
/// read in one batch and parsed once each.
fn old_source_documents(
    site: &Site,
    evidence: &Evidence,
    following: &HashMap<usize, Following>,
    compared_by_page: &BTreeMap<usize, Vec<usize>>,
) -> HashMap<String, Document> {
    let Some(history) = evidence.history() else {
        return HashMap::new();
    };
    let mut kinds = HashMap::new();
    for (page, following) in following {
        if !following.outdated() || !compared_by_page.contains_key(page) {
            continue;
        }
        if let Some(blob) = following.version.as_ref().and_then(|v| v.blob.as_ref()) {
            kinds.insert(blob.as_str(), site.corpus.files[following.source].kind);
        }
    }
    let texts = history
        .read_blobs(kinds.keys().copied())
        .unwrap_or_default();
    texts
        .into_par_iter()
        .filter_map(|(blob, text)| {
            let kind = *kinds.get(blob.as_str())?;
            let document = parse::parse(kind, &text, &site.settings.heading_ids);
            Some((blob, document))
        })
        .collect()
}

/// For each lagging finding, the source commit since the followed version that added the
/// item (or removed it, for an item only the translation has): the first version whose text
/// holds (or no longer holds) the item as the source writes it.
fn attribute(
    site: &Site,
    history: &History,
    following: &HashMap<usize, Following>,
    judged: &[(usize, Vec<usize>)],
    diagnostics: &[Diagnostic],
) -> HashMap<usize, usize> {
    let corpus = site.corpus;
    let mut versions: HashMap<usize, Vec<(usize, String)>> = HashMap::new();
    for (page, lag) in judged {
        if lag.is_empty() {
            continue;
        }
        let following = &following[page];
        let changes = history.changes(&corpus.files[following.source].path);
        let blobs = following.since.iter().filter_map(|commit| {
            let change = changes.iter().find(|change| change.commit == *commit)?;
            Some((*commit, change.blob.clone()?))
        });
        versions
            .entry(following.source)
            .or_insert_with(|| blobs.collect());
    }
    // Without whitespace, so that a tag compared in its normalised form is found as written.
    let texts: HashMap<String, String> = history
        .read_blobs(versions.values().flatten().map(|(_, blob)| blob.as_str()))
        .unwrap_or_default()
        .into_iter()
        .map(|(blob, text)| (blob, without_whitespace(&text)))
        .collect();
    let mut found = HashMap::new();
    for (page, lag) in judged {
        let following = &following[page];
        let Some(versions) = versions.get(&following.source) else {
            continue;
        };
        for &index in lag {
            let Some(compared) = &diagnostics[index].compared else {
                continue;
            };
            let written =
                without_whitespace(&compared.key.replace("{locale}", &corpus.source_locale));
            // Oldest first: the first version that has it (or lacks it) made the change.
            let commit = versions.iter().rev().find_map(|(commit, blob)| {
                let holds = texts.get(blob)?.contains(&written);
                (holds == (compared.presence == Presence::Missing)).then_some(*commit)
            });
            if let Some(commit) = commit {
                found.insert(index, commit);
            }
        }
    }
    found
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn outdated_by_history(
    site: &Site,
    history: &History,
    page: usize,
    following: &Following,
    items: &[Lag],
    expand: bool,
) -> Diagnostic {
    let corpus = site.corpus;
    let path = &corpus.files[page].path;
    let source_path = &corpus.files[following.source].path;
    let commits = following.since.len();
    let mut message = match &following.version {
        Some(version) => {
            let commit = &history.commits[version.commit];
            let renamed = if version.path == *source_path {
                String::new()
            } else {
                format!(" (then `{}`)", version.path)
            };
            format!(
                "`{path}` follows `{source_path}`{renamed} as of {} ({})",
                commit.date(),
                commit.short_id()
            )
        }
        None => format!("`{path}` was translated before `{source_path}` existed"),
    };
    if let Basis::Recorded(key) = &following.basis {
        message.push_str(&format!(", as its `{key}` records"));
    }
    message.push_str(&format!(
        "; {} since",
        plural(commits, "source commit", "source commits")
    ));
    if !items.is_empty() {
        message.push_str(&format!("; {} behind", item_counts(items)));
    }
    let help = match &following.version {
        Some(version) => {
            let id = history.commits[version.commit].short_id();
            let diff = if version.path == *source_path {
                format!("git diff {id} HEAD -- {source_path}")
            } else {
                format!("git diff {id}:{} HEAD:{source_path}", version.path)
            };
            let record = match &following.basis {
                Basis::Recorded(key) => format!(", then set `{key}` to the commit you followed"),
                Basis::LastCommit => String::new(),
            };
            format!(
                "bring the translation up to date with `{source_path}` (`{diff}` shows what changed){record}"
            )
        }
        None => format!("translate `{source_path}` again"),
    };
    let mut diagnostic = Diagnostic::new(path, 0..0, message)
        .with_rule(OUTDATED_RULE)
        .label("behind its source page")
        .help(help);
    let shown = if expand { items.len() } else { SHOWN_ITEMS };
    for item in items.iter().take(shown) {
        let by = item
            .commit
            .map(|commit| format!(" by {}", history.commits[commit].short_id()))
            .unwrap_or_default();
        diagnostic = with_item(diagnostic, item, &by);
    }
    diagnostic
}

fn outdated_by_consensus(site: &Site, page: usize, items: &[Lag], expand: bool) -> Diagnostic {
    let corpus = site.corpus;
    let path = &corpus.files[page].path;
    let source = corpus.source_of(page).unwrap_or(page);
    let source_path = &corpus.files[source].path;
    let mut diagnostic = Diagnostic::new(
        path,
        0..0,
        format!(
            "`{path}` is {} behind `{source_path}`, as {} of its {translations} translations are",
            item_counts(items),
            items
                .iter()
                .map(|item| item.compared.shared_by)
                .max()
                .unwrap_or(0),
            translations = items
                .iter()
                .map(|item| item.compared.translations)
                .max()
                .unwrap_or(0)
        ),
    )
    .with_rule(OUTDATED_RULE)
    .label("behind its source page")
    .help(format!(
        "bring the translation up to date with `{source_path}`; with the git history at hand \
         l10nlint compares each translation with the version it follows"
    ));
    let shown = if expand { items.len() } else { SHOWN_ITEMS };
    for item in items.iter().take(shown) {
        diagnostic = with_item(diagnostic, item, "");
    }
    diagnostic
}

/// A related label on a lagging item: where the source has it, or where the translation still
/// has what the source removed.
fn with_item(diagnostic: Diagnostic, item: &Lag, by: &str) -> Diagnostic {
    let key = &item.compared.key;
    match (item.compared.presence, item.diagnostic.related.first()) {
        (Presence::Missing, Some(related)) => diagnostic.related(
            &related.location.path,
            related.location.span.clone(),
            format!("`{key}` added here{by}"),
        ),
        _ => {
            let location = &item.diagnostic.location;
            diagnostic.related(
                &location.path,
                location.span.clone(),
                format!("`{key}` removed from the source{by}"),
            )
        }
    }
}

/// `23 links, 4 images, 3 sections`.
fn item_counts(items: &[Lag]) -> String {
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(kind_order(item.compared.kind)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(order, count)| {
            let (one, many) = KIND_NAMES[usize::from(order)];
            plural(count, one, many)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const KIND_NAMES: [(&str, &str); 6] = [
    ("link", "links"),
    ("image", "images"),
    ("section", "sections"),
    ("template tag", "template tags"),
    ("list entry", "list entries"),
    ("front matter key", "front matter keys"),
];

fn kind_order(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Link => 0,
        ItemKind::Image => 1,
        ItemKind::HeadingId => 2,
        ItemKind::Liquid => 3,
        ItemKind::ListEntry => 4,
        ItemKind::FrontMatterKey => 5,
    }
}

/// `1 link`, `3 links`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrontMatterBlock;

    fn evidence() -> Evidence {
        Evidence {
            history: None,
            keys: DriftConfig::default().source_commit_keys,
            note: None,
        }
    }

    fn front_matter(yaml: &str) -> FrontMatter {
        match crate::parse::front_matter::parse(&format!("---\n{yaml}---\nText.\n")).0 {
            FrontMatterBlock::Present(front_matter) => front_matter,
            other => panic!("front matter expected, got {other:?}"),
        }
    }

    #[test]
    fn the_conventional_keys_name_the_followed_commit() {
        let recorded = |yaml| evidence().recorded_commit(&front_matter(yaml));
        assert_eq!(
            recorded("title: X\ndefault_lang_commit: abc1234\n"),
            Some(("default_lang_commit".to_owned(), "abc1234".to_owned()))
        );
        assert_eq!(
            recorded("l10n:\n  sourceCommit: 0123456789abcdef\n"),
            Some((
                "l10n.sourceCommit".to_owned(),
                "0123456789abcdef".to_owned()
            ))
        );
        assert_eq!(recorded("l10n:\n  other: x\n"), None);
        assert_eq!(recorded("title: X\n"), None);
    }

    #[test]
    fn a_source_changed_back_to_the_followed_version_is_current() {
        let following = Following {
            source: 0,
            version: Some(Version {
                commit: 1,
                blob: Some("a".to_owned()),
                path: "en/x.md".to_owned(),
            }),
            since: vec![0],
            current_blob: Some("a".to_owned()),
            basis: Basis::LastCommit,
        };
        assert!(
            !following.outdated(),
            "the content came back to the followed version"
        );
        let moved = Following {
            current_blob: Some("b".to_owned()),
            ..following
        };
        assert!(moved.outdated());
    }
}
