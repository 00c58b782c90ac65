//! Which entries of a catalog are the forms of one plural group: `zero one two few many other`
//! subkeys (Rails, i18n-js, Hugo) or `_one`/`_other` suffixes (i18next).

use crate::model::catalog::{CatalogEntry, PLURAL_CATEGORIES, PluralForm, ValueKind, split_last};
use std::collections::HashMap;

/// Keys go-i18n reads beside the plural forms of a Hugo string; they are not translated.
const HUGO_METADATA: [&str; 5] = ["description", "id", "hash", "leftdelim", "rightdelim"];

/// Marks the children of every mapping whose keys are all plural categories (and that has
/// `other`, or two categories at least) as the forms of a group named by the mapping. With
/// `hugo`, go-i18n's metadata keys may stand beside the forms and are dropped.
pub(super) fn nested(entries: &mut Vec<CatalogEntry>, hugo: bool) {
    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let (parent, key) = split_last(&entry.path);
        if !parent.is_empty() && !key.starts_with('[') {
            children.entry(parent.to_owned()).or_default().push(index);
        }
    }
    let mut metadata = Vec::new();
    for entry_index in 0..entries.len() {
        if entries[entry_index].kind != ValueKind::Mapping {
            continue;
        }
        let Some(members) = children.get(&entries[entry_index].path) else {
            continue;
        };
        let key_of = |index: usize| split_last(&entries[index].path).1.to_owned();
        let is_text =
            |index: usize| matches!(entries[index].kind, ValueKind::String | ValueKind::Null);
        let forms: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&index| PLURAL_CATEGORIES.contains(&key_of(index).as_str()))
            .collect();
        let others: Vec<usize> = members
            .iter()
            .copied()
            .filter(|index| !forms.contains(index))
            .collect();
        let others_are_metadata = hugo
            && others
                .iter()
                .all(|&index| HUGO_METADATA.contains(&key_of(index).as_str()));
        let has_other = forms.iter().any(|&index| key_of(index) == "other");
        if forms.is_empty()
            || !(others.is_empty() || others_are_metadata)
            || !(has_other || forms.len() >= 2)
        {
            continue;
        }
        if !forms.iter().all(|&index| is_text(index)) {
            continue;
        }
        let group = entries[entry_index].path.clone();
        let categories: Vec<String> = forms.iter().map(|&index| key_of(index)).collect();
        metadata.extend(others);
        for (index, category) in forms.into_iter().zip(categories) {
            entries[index].plural = Some(PluralForm {
                group: group.clone(),
                category,
            });
        }
    }
    if hugo {
        // A top-level `key = "text"` is go-i18n's `other` form alone.
        for entry in entries.iter_mut() {
            if entry.kind == ValueKind::String && !entry.path.contains('.') {
                entry.plural = Some(PluralForm {
                    group: entry.path.clone(),
                    category: "other".to_owned(),
                });
            }
        }
    }
    if !metadata.is_empty() {
        let mut index = 0;
        entries.retain(|_| {
            index += 1;
            !metadata.contains(&(index - 1))
        });
    }
}

/// Marks `key_one`, `key_other`, `key_ordinal_few` (i18next's plural suffixes) as forms of the
/// group `key`.
pub(super) fn suffixed(entries: &mut [CatalogEntry]) {
    for entry in entries.iter_mut() {
        if !matches!(entry.kind, ValueKind::String | ValueKind::Null) {
            continue;
        }
        let Some((base, category)) = entry.path.rsplit_once('_') else {
            continue;
        };
        if base.is_empty() || base.ends_with(['.', ']']) || !PLURAL_CATEGORIES.contains(&category) {
            continue;
        }
        entry.plural = Some(PluralForm {
            group: base.to_owned(),
            category: category.to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, kind: ValueKind) -> CatalogEntry {
        CatalogEntry::new(path.to_owned(), 0..0, kind, 0..0)
    }

    fn forms(entries: &[CatalogEntry]) -> Vec<(String, Option<(String, String)>)> {
        entries
            .iter()
            .map(|entry| {
                (
                    entry.path.clone(),
                    entry
                        .plural
                        .as_ref()
                        .map(|form| (form.group.clone(), form.category.clone())),
                )
            })
            .collect()
    }

    #[test]
    fn a_mapping_of_categories_is_a_group() {
        let mut entries = vec![
            entry("inbox", ValueKind::Mapping),
            entry("inbox.one", ValueKind::String),
            entry("inbox.other", ValueKind::String),
            entry("download", ValueKind::Mapping),
            entry("download.other", ValueKind::String),
            entry("download.source", ValueKind::String),
        ];
        nested(&mut entries, false);
        let found = forms(&entries);
        assert_eq!(found[1].1, Some(("inbox".into(), "one".into())));
        assert_eq!(found[2].1, Some(("inbox".into(), "other".into())));
        // `other` among ordinary keys is an ordinary key.
        assert_eq!(found[4].1, None);
    }

    #[test]
    fn hugo_metadata_is_dropped() {
        let mut entries = vec![
            entry("posts", ValueKind::Mapping),
            entry("posts.description", ValueKind::String),
            entry("posts.one", ValueKind::String),
            entry("posts.other", ValueKind::String),
        ];
        nested(&mut entries, true);
        let paths: Vec<_> = entries.iter().map(|entry| entry.path.as_str()).collect();
        assert_eq!(paths, ["posts", "posts.one", "posts.other"]);
    }

    #[test]
    fn suffixes_name_the_group() {
        let mut entries = vec![
            entry("files_one", ValueKind::String),
            entry("files_other", ValueKind::String),
            entry("nav.place_ordinal_few", ValueKind::String),
            entry("user_name", ValueKind::String),
        ];
        suffixed(&mut entries);
        let found = forms(&entries);
        assert_eq!(found[0].1, Some(("files".into(), "one".into())));
        assert_eq!(found[2].1, Some(("nav.place_ordinal".into(), "few".into())));
        assert_eq!(found[3].1, None);
    }
}
