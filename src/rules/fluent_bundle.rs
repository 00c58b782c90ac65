//! The Fluent files of one locale taken together, as an application loads them into one
//! bundle: a message of one file may reference a message or term of another.

use crate::model::fluent::FluentEntry;
use crate::site::Page;
use crate::site::Site;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A message or term and the file that defines it.
#[derive(Clone, Copy)]
pub struct Definition<'a> {
    pub entry: &'a FluentEntry,
    pub path: &'a str,
}

/// The Fluent files of one locale in one layout, and what they define.
pub struct LocaleBundle<'a> {
    pub locale: Option<&'a str>,
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
}

/// One bundle per locale and layout, in path order.
pub fn locale_bundles<'a>(site: &Site<'a>) -> Vec<LocaleBundle<'a>> {
    let mut groups: BTreeMap<(Option<usize>, Option<&'a str>), Vec<Page<'a>>> = BTreeMap::new();
    for page in site.pages() {
        if page.document.fluent.is_some() {
            let file = page.file;
            groups
                .entry((file.layout, file.locale.as_deref()))
                .or_default()
                .push(page);
        }
    }
    groups
        .into_iter()
        .map(|((_, locale), pages)| {
            let mut definitions = HashMap::new();
            let mut broken = HashSet::new();
            for page in &pages {
                let Some(fluent) = &page.document.fluent else {
                    continue;
                };
                for entry in &fluent.entries {
                    definitions
                        .entry((entry.id.as_str(), entry.is_term))
                        .or_insert(Definition {
                            entry,
                            path: page.file.path.as_str(),
                        });
                }
                for junk in &fluent.junk {
                    if let Some((id, is_term)) = &junk.entry_id {
                        broken.insert((id.as_str(), *is_term));
                    }
                }
            }
            LocaleBundle {
                locale,
                pages,
                definitions,
                broken,
            }
        })
        .collect()
}
