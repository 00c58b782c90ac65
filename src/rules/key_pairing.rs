//! Which front matter keys of a translation stand for a key of its source page under another
//! name (`titolo:` for `title:`), so that one renamed key is reported once, not as one key
//! missing plus one extra.

use crate::model::{FrontMatter, FrontMatterEntry};

/// A source key and the translation key written in its place.
pub struct RenamedKey<'a> {
    pub source: &'a FrontMatterEntry,
    pub translation: &'a FrontMatterEntry,
}

/// Pairs every translation key the source lacks with a source key the translation lacks:
/// first by spelling (at most two edits, ignoring case), then by position in the block,
/// then, when exactly one of each is left, with each other.
pub fn renamed_keys<'a>(
    source: &'a FrontMatter,
    translation: &'a FrontMatter,
) -> Vec<RenamedKey<'a>> {
    let mut missing: Vec<(usize, &FrontMatterEntry)> = source
        .entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| translation.get(&entry.key).is_none())
        .collect();
    let mut extra: Vec<(usize, &FrontMatterEntry)> = translation
        .entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| source.get(&entry.key).is_none())
        .collect();
    let mut pairs = Vec::new();
    let mut take = |missing: &mut Vec<(usize, &'a FrontMatterEntry)>,
                    extra: &mut Vec<(usize, &'a FrontMatterEntry)>,
                    matches: &dyn Fn(
        &(usize, &FrontMatterEntry),
        &(usize, &FrontMatterEntry),
    ) -> bool| {
        extra.retain(|written| {
            match missing
                .iter()
                .position(|expected| matches(expected, written))
            {
                Some(at) => {
                    let (_, source) = missing.remove(at);
                    pairs.push(RenamedKey {
                        source,
                        translation: written.1,
                    });
                    false
                }
                None => true,
            }
        });
    };
    take(&mut missing, &mut extra, &|(_, expected), (_, written)| {
        strsim::damerau_levenshtein(&expected.key.to_lowercase(), &written.key.to_lowercase()) <= 2
    });
    take(
        &mut missing,
        &mut extra,
        &|(expected_at, _), (written_at, _)| expected_at == written_at,
    );
    if missing.len() == 1 && extra.len() == 1 {
        take(&mut missing, &mut extra, &|_, _| true);
    }
    pairs.sort_by_key(|pair| pair.translation.key_span.start);
    pairs
}

/// Whether `key` of the translation is paired with a source key.
pub fn is_renamed(pairs: &[RenamedKey], translation_key: &str) -> bool {
    pairs
        .iter()
        .any(|pair| pair.translation.key == translation_key)
}

/// Whether the source's `key` is stood for by a renamed translation key.
pub fn is_replaced(pairs: &[RenamedKey], source_key: &str) -> bool {
    pairs.iter().any(|pair| pair.source.key == source_key)
}
