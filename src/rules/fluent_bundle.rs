//! The Fluent files of one locale taken together, as an application loads them into one
//! bundle: a message of one file may reference a message or term of another.
//!
//! A locale's bundle holds every Fluent file of that locale, whichever folder it is in:
//! Firefox registers one source per package (`toolkit/locales/{locale}`,
//! `browser/locales/{locale}`, the branding) and a document's bundle takes resources from all
//! of them. Shared resources (`locales/core.ftl`, see `CorpusFile::shared`) come first in
//! every bundle, as fluent-templates adds them before the locale's own files.

use crate::model::fluent::FluentEntry;
use crate::site::Page;
use crate::site::Site;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A message or term and the file that defines it.
#[derive(Clone, Copy)]
pub struct Definition<'a> {
    pub entry: &'a FluentEntry,
    pub path: &'a str,
    /// Defined in a shared resource rather than in the locale's own files.
    pub shared: bool,
}

/// Which files a bundle checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BundleScope<'a> {
    /// The Fluent files of one locale.
    Locale(&'a str),
    /// The shared resources, whose references resolve in every locale's bundle.
    Shared,
    /// Fluent files outside every layout, linted on their own.
    Unplaced,
}

/// The Fluent files of one locale (or the shared resources), and what they can reference.
pub struct LocaleBundle<'a> {
    pub scope: BundleScope<'a>,
    /// The files checked in this bundle; the shared resources are not among a locale's.
    pub pages: Vec<Page<'a>>,
    /// The first definition of each `(id, is_term)`.
    definitions: HashMap<(&'a str, bool), Definition<'a>>,
    /// Entries that are defined but do not parse: other checks leave them to the syntax check.
    broken: HashSet<(&'a str, bool)>,
}

impl<'a> LocaleBundle<'a> {
    pub fn definition(&self, id: &str, is_term: bool) -> Option<Definition<'a>> {
        self.definitions.get(&(id, is_term)).copied()
    }

    pub fn is_broken(&self, id: &str, is_term: bool) -> bool {
        self.broken.contains(&(id, is_term))
    }

    /// The ids of the messages (or terms) defined.
    pub fn ids(&self, is_term: bool) -> impl Iterator<Item = &'a str> + '_ {
        self.definitions
            .keys()
            .filter(move |(_, term)| *term == is_term)
            .map(|(id, _)| *id)
    }

    /// The bundle in words, after "in": "locale `de`", "this file".
    pub fn describe(&self) -> String {
        match self.scope {
            BundleScope::Locale(locale) => format!("locale `{locale}`"),
            BundleScope::Shared => "the shared resources or any locale".to_owned(),
            BundleScope::Unplaced => "this file".to_owned(),
        }
    }

    /// Where a missing definition belongs, after "a Fluent file of".
    pub fn where_to_define(&self) -> String {
        match self.scope {
            BundleScope::Shared => "the shared resources".to_owned(),
            _ => self.describe(),
        }
    }

    fn add(&mut self, page: Page<'a>, shared: bool) {
        let Some(fluent) = &page.document.fluent else {
            return;
        };
        for entry in &fluent.entries {
            self.definitions
                .entry((entry.id.as_str(), entry.is_term))
                .or_insert(Definition {
                    entry,
                    path: page.file.path.as_str(),
                    shared,
                });
        }
        for junk in &fluent.junk {
            if let Some((id, is_term)) = &junk.entry_id {
                self.broken.insert((id.as_str(), *is_term));
            }
        }
    }
}

/// One bundle per locale in locale order, then the files outside every layout, then the
/// shared resources.
pub fn locale_bundles<'a>(site: &Site<'a>) -> Vec<LocaleBundle<'a>> {
    let fluent_pages = || site.pages().filter(|page| page.document.fluent.is_some());
    let shared: Vec<Page<'a>> = fluent_pages().filter(|page| page.file.shared).collect();
    let mut groups: BTreeMap<Option<&'a str>, Vec<Page<'a>>> = BTreeMap::new();
    for page in fluent_pages().filter(|page| !page.file.shared) {
        groups
            .entry(page.file.locale.as_deref())
            .or_default()
            .push(page);
    }
    let new_bundle = |scope, pages| LocaleBundle {
        scope,
        pages,
        definitions: HashMap::new(),
        broken: HashSet::new(),
    };
    let mut bundles: Vec<LocaleBundle<'a>> = Vec::new();
    let mut unplaced = None;
    for (locale, pages) in groups {
        let scope = locale.map_or(BundleScope::Unplaced, BundleScope::Locale);
        let mut bundle = new_bundle(scope, pages.clone());
        for page in &shared {
            bundle.add(*page, true);
        }
        for page in pages {
            bundle.add(page, false);
        }
        match locale {
            Some(_) => bundles.push(bundle),
            None => unplaced = Some(bundle),
        }
    }
    bundles.extend(unplaced);
    if !shared.is_empty() {
        // A shared resource's reference resolves in each locale's bundle: it is unknown only
        // when neither the shared resources nor any locale define it.
        let mut bundle = new_bundle(BundleScope::Shared, shared.clone());
        for page in &shared {
            bundle.add(*page, true);
        }
        let locale_pages: Vec<Page<'a>> = bundles
            .iter()
            .flat_map(|bundle| bundle.pages.iter().copied())
            .collect();
        for page in locale_pages {
            bundle.add(page, false);
        }
        bundles.push(bundle);
    }
    bundles
}
