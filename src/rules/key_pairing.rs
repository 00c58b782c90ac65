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
    let numbered_absent_from =
        |entries: &'a [FrontMatterEntry], other: &FrontMatter| -> Vec<Numbered<'a>> {
            entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| other.get(&entry.key).is_none())
                .collect()
        };
    let mut missing = numbered_absent_from(&source.entries, translation);
    let mut extra = numbered_absent_from(&translation.entries, source);
    let mut pairs = Vec::new();
    pair_off(
        &mut missing,
        &mut extra,
        &mut pairs,
        |(_, expected), (_, written)| {
            strsim::damerau_levenshtein(&expected.key.to_lowercase(), &written.key.to_lowercase())
                <= 2
        },
    );
    pair_off(
        &mut missing,
        &mut extra,
        &mut pairs,
        |(expected_at, _), (written_at, _)| expected_at == written_at,
    );
    if missing.len() == 1 && extra.len() == 1 {
        pair_off(&mut missing, &mut extra, &mut pairs, |_, _| true);
    }
    pairs.sort_by_key(|pair| pair.translation.key_span.start);
    pairs
}

/// An entry with its position in the block.
type Numbered<'a> = (usize, &'a FrontMatterEntry);

/// Moves every extra key that `matches` a missing key, with that key, into `pairs`.
fn pair_off<'a>(
    missing: &mut Vec<Numbered<'a>>,
    extra: &mut Vec<Numbered<'a>>,
    pairs: &mut Vec<RenamedKey<'a>>,
    matches: impl Fn(&Numbered, &Numbered) -> bool,
) {
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
