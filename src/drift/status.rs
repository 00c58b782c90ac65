//! `l10nlint status`: for each locale and source page, whether the translation is current,
//! outdated (how far behind, since when, how much the source changed), missing or orphaned.
//! It reads the history and the translations' front matter, never the pages' bodies.

use super::{Basis, Evidence, Following};
use crate::discover::Corpus;
use crate::files::Confinement;
use crate::history::History;
use crate::model::FrontMatterBlock;
use crate::parse::front_matter;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub source_locale: String,
    /// Whether current and outdated could be told apart (the git history was read).
    pub history: bool,
    /// Why there is no history, when it was wanted (a shallow clone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub locales: Vec<LocaleStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    pub totals: Totals,
    pub pages: Vec<PageStatus>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Source pages this locale translates (its layouts' source pages).
    pub pages: usize,
    pub current: usize,
    pub outdated: usize,
    /// Translated, but without history to say whether current.
    pub unknown: usize,
    pub missing: usize,
    pub orphan: usize,
    /// Translated pages (current, outdated or unknown) as a percentage of `pages`.
    pub translated_percent: f64,
    /// Current pages as a percentage of `pages`; `None` without history.
    pub current_percent: Option<f64>,
}

impl Status {
    /// Keeps the pages `keep` accepts, and the totals of what is kept.
    pub fn retain_pages(&mut self, keep: impl Fn(&PageStatus) -> bool) {
        for locale in &mut self.locales {
            locale.pages.retain(&keep);
            locale.totals = Totals::of(&locale.pages, self.history);
        }
        self.locales.retain(|locale| !locale.pages.is_empty());
    }
}

impl Totals {
    fn of(pages: &[PageStatus], history: bool) -> Self {
        let mut totals = Totals::default();
        for page in pages {
            match page.state {
                State::Current => totals.current += 1,
                State::Outdated => totals.outdated += 1,
                State::Unknown => totals.unknown += 1,
                State::Missing => totals.missing += 1,
                State::Orphan => totals.orphan += 1,
            }
        }
        totals.pages = pages.len() - totals.orphan;
        let share = |count: usize| {
            if totals.pages == 0 {
                100.0
            } else {
                (count as f64 * 1000.0 / totals.pages as f64).round() / 10.0
            }
        };
        totals.translated_percent = share(totals.current + totals.outdated + totals.unknown);
        totals.current_percent = history.then(|| share(totals.current));
        totals
    }

    /// What `--fail-under` compares: the current share, or the translated share without history.
    pub fn score(&self) -> f64 {
        self.current_percent.unwrap_or(self.translated_percent)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageStatus {
    /// The source page (`None` for an orphan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The translation (`None` when missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outdated: Option<Outdated>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Outdated,
    Missing,
    Orphan,
    Unknown,
    Current,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Current => "current",
            State::Outdated => "outdated",
            State::Unknown => "unknown",
            State::Missing => "missing",
            State::Orphan => "orphan",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Outdated {
    /// Source commits since the version the translation follows.
    pub commits_behind: usize,
    /// The source version the translation follows (`None`: translated before the source existed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follows: Option<CommitRef>,
    /// The first source change the translation lacks: outdated since then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<CommitRef>,
    /// Lines added to and removed from the source since the followed version.
    pub lines_added: usize,
    pub lines_removed: usize,
    /// The front matter key that records the followed commit, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitRef {
    pub commit: String,
    pub date: String,
}

impl CommitRef {
    fn of(history: &History, commit: usize) -> Self {
        let commit = &history.commits[commit];
        Self {
            commit: commit.short_id().to_owned(),
            date: commit.date(),
        }
    }
}

/// Computes the status of every locale of the corpus.
pub fn status(
    corpus: &Corpus,
    evidence: &Evidence,
    confinement: &Confinement,
    max_file_size: u64,
) -> Status {
    let translations: Vec<usize> = (0..corpus.files.len())
        .filter(|&index| corpus.source_of(index).is_some())
        .collect();
    let following: HashMap<usize, Following> = match evidence.history() {
        Some(_) => translations
            .par_iter()
            .filter_map(|&index| {
                let front_matter = read_front_matter(corpus, confinement, index, max_file_size);
                let following = evidence.following(corpus, index, front_matter.parsed())?;
                Some((index, following))
            })
            .collect(),
        None => HashMap::new(),
    };
    let sizes = evidence
        .history()
        .map(|history| change_sizes(history, &following))
        .unwrap_or_default();
    let mut locales: BTreeMap<String, LocaleStatus> = BTreeMap::new();
    let source_locale = corpus.source_locale.as_str();
    let mut rows: Vec<(String, PageStatus)> = Vec::new();
    for (index, file) in corpus.files.iter().enumerate() {
        let (Some(locale), Some(key)) = (file.locale.as_deref(), file.key.as_deref()) else {
            continue;
        };
        if locale == source_locale {
            for other in corpus.locales_of_layout(index) {
                if other == source_locale {
                    continue;
                }
                let Some(translation) = corpus.find(other, key) else {
                    rows.push((
                        other.to_owned(),
                        PageStatus {
                            source: Some(file.path.clone()),
                            translation: None,
                            state: State::Missing,
                            outdated: None,
                        },
                    ));
                    continue;
                };
                let page = match (evidence.history(), following.get(&translation)) {
                    (Some(history), Some(following)) if following.outdated() => {
                        let (lines_added, lines_removed) = following
                            .version
                            .as_ref()
                            .and_then(|version| {
                                sizes.get(&(version.blob.clone()?, following.current_blob.clone()?))
                            })
                            .copied()
                            .unwrap_or((0, 0));
                        PageStatus {
                            source: Some(file.path.clone()),
                            translation: Some(corpus.files[translation].path.clone()),
                            state: State::Outdated,
                            outdated: Some(Outdated {
                                commits_behind: following.since.len(),
                                follows: following
                                    .version
                                    .as_ref()
                                    .map(|version| CommitRef::of(history, version.commit)),
                                since: following
                                    .since
                                    .last()
                                    .map(|&commit| CommitRef::of(history, commit)),
                                lines_added,
                                lines_removed,
                                recorded_by: match &following.basis {
                                    Basis::Recorded(key) => Some(key.clone()),
                                    Basis::LastCommit => None,
                                },
                            }),
                        }
                    }
                    (Some(_), Some(_)) => PageStatus {
                        source: Some(file.path.clone()),
                        translation: Some(corpus.files[translation].path.clone()),
                        state: State::Current,
                        outdated: None,
                    },
                    _ => PageStatus {
                        source: Some(file.path.clone()),
                        translation: Some(corpus.files[translation].path.clone()),
                        state: State::Unknown,
                        outdated: None,
                    },
                };
                rows.push((other.to_owned(), page));
            }
        } else if corpus.source_of(index).is_none()
            && corpus.is_translation(index)
            && corpus.locales_of_layout(index).contains(source_locale)
        {
            rows.push((
                locale.to_owned(),
                PageStatus {
                    source: None,
                    translation: Some(file.path.clone()),
                    state: State::Orphan,
                    outdated: None,
                },
            ));
        }
    }
    for (locale, page) in rows {
        locales
            .entry(locale.clone())
            .or_insert_with(|| LocaleStatus {
                locale,
                totals: Totals::default(),
                pages: Vec::new(),
            })
            .pages
            .push(page);
    }
    let history = evidence.history().is_some();
    for status in locales.values_mut() {
        status.totals = Totals::of(&status.pages, history);
        // The most urgent first: the furthest behind, then missing and orphaned pages.
        status.pages.sort_by(|a, b| {
            let behind = |page: &PageStatus| page.outdated.as_ref().map_or(0, |o| o.commits_behind);
            (
                a.state,
                std::cmp::Reverse(behind(a)),
                &a.source,
                &a.translation,
            )
                .cmp(&(
                    b.state,
                    std::cmp::Reverse(behind(b)),
                    &b.source,
                    &b.translation,
                ))
        });
    }
    Status {
        source_locale: source_locale.to_owned(),
        history,
        note: evidence.note.clone(),
        locales: locales.into_values().collect(),
    }
}

fn read_front_matter(
    corpus: &Corpus,
    confinement: &Confinement,
    index: usize,
    max_file_size: u64,
) -> FrontMatterBlock {
    match confinement.read_source(&corpus.files[index].path, max_file_size) {
        Ok(source) if source.text().starts_with("---") => front_matter::parse(source.text()).0,
        _ => FrontMatterBlock::Absent,
    }
}

/// Lines added and removed between each followed source version and the current one.
fn change_sizes(
    history: &History,
    following: &HashMap<usize, Following>,
) -> HashMap<(String, String), (usize, usize)> {
    let pairs: BTreeSet<(String, String)> = following
        .values()
        .filter(|following| following.outdated())
        .filter_map(|following| {
            Some((
                following.version.as_ref()?.blob.clone()?,
                following.current_blob.clone()?,
            ))
        })
        .collect();
    let texts = history
        .read_blobs(
            pairs
                .iter()
                .flat_map(|(old, new)| [old.as_str(), new.as_str()]),
        )
        .unwrap_or_default();
    pairs
        .into_par_iter()
        .filter_map(|(old, new)| {
            let diff =
                similar::TextDiff::from_lines(texts.get(&old)?.as_str(), texts.get(&new)?.as_str());
            let (mut added, mut removed) = (0, 0);
            for change in diff.iter_all_changes() {
                match change.tag() {
                    similar::ChangeTag::Insert => added += 1,
                    similar::ChangeTag::Delete => removed += 1,
                    similar::ChangeTag::Equal => {}
                }
            }
            Some(((old, new), (added, removed)))
        })
        .collect()
}
