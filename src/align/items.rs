//! Pairs the items of a translation (links, images, Liquid tags) with its source page's
//! through the page alignment: the same key in the paired block first, then in the paired
//! section, then anywhere on the page (the nearest section first); then, for the rule's own
//! idea of "the same item changed", in the paired block first and on the page after. What is
//! left unpaired is missing (placed where its source block belongs) or added.
//!
//! Every stage is bounded: equal keys pair through hash maps, and near pairs are only looked
//! for among a bounded number of candidates, so that a page of 100,000 links stays fast.

use crate::align::{PageAlignment, Place, block_at};
use crate::model::Document;
use std::collections::HashMap;
use std::hash::Hash;

/// The most candidate pairs a near-pair stage looks at on one page.
const MOST_CANDIDATES: usize = 1_000_000;
/// Of several equal keys left for the page-wide stage, how many are weighed by distance.
const MOST_WEIGHED: usize = 64;

/// The pairing of two pages' items. Items are given by the offset they are written at.
pub struct ItemPairing<'a> {
    alignment: &'a PageAlignment,
    translation: &'a Document,
    source_blocks: Vec<Option<usize>>,
    translation_blocks: Vec<Option<usize>>,
    source_sections: Vec<Option<usize>>,
    translation_sections: Vec<Option<usize>>,
    source_pair: Vec<Option<usize>>,
    translation_pair: Vec<Option<usize>>,
    /// Items that need no report without a pair (compared elsewhere, or localised).
    source_settled: Vec<bool>,
    translation_settled: Vec<bool>,
}

impl<'a> ItemPairing<'a> {
    pub fn new(
        alignment: &'a PageAlignment,
        source: &'a Document,
        translation: &'a Document,
        source_offsets: &[usize],
        translation_offsets: &[usize],
    ) -> Self {
        let blocks = |document: &Document, offsets: &[usize]| -> Vec<Option<usize>> {
            offsets
                .iter()
                .map(|&offset| block_at(document, offset))
                .collect()
        };
        let sections = |document: &Document, offsets: &[usize]| -> Vec<Option<usize>> {
            offsets
                .iter()
                .map(|&offset| {
                    document
                        .headings
                        .partition_point(|heading| heading.span.start <= offset)
                        .checked_sub(1)
                })
                .collect()
        };
        Self {
            alignment,
            translation,
            source_blocks: blocks(source, source_offsets),
            translation_blocks: blocks(translation, translation_offsets),
            source_sections: sections(source, source_offsets),
            translation_sections: sections(translation, translation_offsets),
            source_pair: vec![None; source_offsets.len()],
            translation_pair: vec![None; translation_offsets.len()],
            source_settled: vec![false; source_offsets.len()],
            translation_settled: vec![false; translation_offsets.len()],
        }
    }

    fn source_open(&self, s: usize) -> bool {
        self.source_pair[s].is_none() && !self.source_settled[s]
    }

    fn translation_open(&self, t: usize) -> bool {
        self.translation_pair[t].is_none() && !self.translation_settled[t]
    }

    /// Whether source item `s` is neither paired nor settled.
    pub fn is_source_open(&self, s: usize) -> bool {
        self.source_open(s)
    }

    pub fn is_translation_open(&self, t: usize) -> bool {
        self.translation_open(t)
    }

    /// The position of translation item `t`'s section (0: before the first heading).
    pub fn translation_section(&self, t: usize) -> usize {
        self.translation_sections[t].map_or(0, |heading| heading + 1)
    }

    pub fn pair(&mut self, s: usize, t: usize) {
        self.source_pair[s] = Some(t);
        self.translation_pair[t] = Some(s);
    }

    /// Source item `s` needs no report, paired or not.
    pub fn settle_source(&mut self, s: usize) {
        self.source_settled[s] = true;
    }

    pub fn settle_translation(&mut self, t: usize) {
        self.translation_settled[t] = true;
    }

    pub fn source_pair(&self, s: usize) -> Option<usize> {
        self.source_pair[s]
    }

    /// The translation block paired with the block of source item `s`.
    fn counterpart_block(&self, s: usize) -> Option<usize> {
        self.source_blocks[s].and_then(|block| self.alignment.block(block))
    }

    /// Whether source item `s` and translation item `t` stand in paired blocks.
    pub fn same_block(&self, s: usize, t: usize) -> bool {
        self.counterpart_block(s)
            .is_some_and(|block| self.translation_blocks[t] == Some(block))
    }

    /// The position of the section of source item `s` in the translation: the paired section,
    /// or that of the closest paired heading before it (0: before the first heading).
    pub fn mapped_section(&self, s: usize) -> usize {
        let Some(section) = self.source_sections[s] else {
            return 0;
        };
        (0..=section)
            .rev()
            .find_map(|heading| self.alignment.heading(heading))
            .map_or(0, |heading| heading + 1)
    }

    /// Pairs items with equal keys (`None`: not compared), the closest places first.
    pub fn pair_equal<K: Eq + Hash>(&mut self, source: &[Option<K>], translation: &[Option<K>]) {
        // In the paired block.
        let mut by_block: HashMap<(usize, &K), Vec<usize>> = HashMap::new();
        for (t, key) in translation.iter().enumerate().rev() {
            if let (Some(key), Some(block)) = (key, self.translation_blocks[t])
                && self.translation_open(t)
            {
                by_block.entry((block, key)).or_default().push(t);
            }
        }
        for (s, key) in source.iter().enumerate() {
            let (Some(key), Some(block)) = (key, self.counterpart_block(s)) else {
                continue;
            };
            if let Some(t) = by_block.get_mut(&(block, key)).and_then(Vec::pop)
                && self.source_open(s)
            {
                self.pair(s, t);
            }
        }
        // In the paired section.
        let mut by_section: HashMap<(usize, &K), Vec<usize>> = HashMap::new();
        for (t, key) in translation.iter().enumerate().rev() {
            if let Some(key) = key
                && self.translation_open(t)
            {
                let section = self.translation_sections[t].map_or(0, |heading| heading + 1);
                by_section.entry((section, key)).or_default().push(t);
            }
        }
        for (s, key) in source.iter().enumerate() {
            let Some(key) = key else { continue };
            if !self.source_open(s) {
                continue;
            }
            let Some(section) = self.source_sections[s].map_or(Some(0), |heading| {
                self.alignment.heading(heading).map(|t| t + 1)
            }) else {
                continue;
            };
            while let Some(t) = by_section.get_mut(&(section, key)).and_then(Vec::pop) {
                if self.translation_open(t) {
                    self.pair(s, t);
                    break;
                }
            }
        }
        // Anywhere: the nearest sections first, over the whole page.
        let mut by_key: HashMap<&K, Vec<usize>> = HashMap::new();
        for (t, key) in translation.iter().enumerate() {
            if let Some(key) = key
                && self.translation_open(t)
            {
                by_key.entry(key).or_default().push(t);
            }
        }
        let mut candidates = Vec::new();
        for (s, key) in source.iter().enumerate() {
            let Some(key) = key else { continue };
            if !self.source_open(s) {
                continue;
            }
            let position = self.mapped_section(s);
            for &t in by_key.get(key).into_iter().flatten().take(MOST_WEIGHED) {
                candidates.push((self.translation_section(t).abs_diff(position), s, t));
            }
        }
        candidates.sort_unstable();
        for (_, s, t) in candidates {
            if self.source_open(s) && self.translation_open(t) {
                self.pair(s, t);
            }
        }
    }

    /// Pairs open items that `cost` (told whether the two stand in paired blocks) calls one
    /// item changed, the cheapest first; returns the pairs made.
    pub fn pair_near<C: Ord>(
        &mut self,
        mut cost: impl FnMut(usize, usize, bool) -> Option<C>,
    ) -> Vec<(usize, usize)> {
        let open_source: Vec<usize> = (0..self.source_pair.len())
            .filter(|&s| self.source_open(s))
            .collect();
        let open_translation: Vec<usize> = (0..self.translation_pair.len())
            .filter(|&t| self.translation_open(t))
            .collect();
        let mut candidates = Vec::new();
        if open_source.len().saturating_mul(open_translation.len()) <= MOST_CANDIDATES {
            for &s in &open_source {
                for &t in &open_translation {
                    let same_block = self.same_block(s, t);
                    if let Some(cost) = cost(s, t, same_block) {
                        candidates.push((!same_block, cost, s, t));
                    }
                }
            }
        } else {
            // Too many for the whole page: only within paired blocks.
            let mut in_block: HashMap<usize, Vec<usize>> = HashMap::new();
            for &t in &open_translation {
                if let Some(block) = self.translation_blocks[t] {
                    in_block.entry(block).or_default().push(t);
                }
            }
            let mut looked = 0usize;
            for &s in &open_source {
                let Some(block) = self.counterpart_block(s) else {
                    continue;
                };
                for &t in in_block.get(&block).into_iter().flatten() {
                    looked += 1;
                    if looked > MOST_CANDIDATES {
                        break;
                    }
                    if let Some(cost) = cost(s, t, true) {
                        candidates.push((false, cost, s, t));
                    }
                }
            }
        }
        candidates.sort_by(|a, b| (a.0, &a.1, a.2, a.3).cmp(&(b.0, &b.1, b.2, b.3)));
        let mut pairs = Vec::new();
        for (_, _, s, t) in candidates {
            if self.source_open(s) && self.translation_open(t) {
                self.pair(s, t);
                pairs.push((s, t));
            }
        }
        pairs
    }

    /// The source items without a pair that need a report.
    pub fn missing(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.source_pair.len()).filter(|&s| self.source_open(s))
    }

    /// The translation items without a pair that need a report.
    pub fn added(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.translation_pair.len()).filter(|&t| self.translation_open(t))
    }

    /// Where source item `s` belongs in the translation.
    pub fn place(&self, s: usize) -> Place {
        match self.source_blocks[s] {
            Some(block) => self.alignment.place(block, self.translation),
            None if self.translation.blocks.is_empty() => Place::Nowhere,
            None => Place::Before(0),
        }
    }

    /// The source block paired with the block of translation item `t`.
    pub fn source_block_of(&self, t: usize) -> Option<usize> {
        self.translation_blocks[t].and_then(|block| self.alignment.source_block(block))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileKind;
    use crate::parse::{HeadingIds, parse};

    fn document(text: &str) -> Document {
        parse(FileKind::Markdown, text, &HeadingIds::default())
    }

    #[test]
    fn equal_keys_pair_in_the_paired_block_first() {
        let source =
            document("A [x](https://x.org).\n\nB [x](https://x.org) [y](https://y.org).\n");
        let translation = document("A.\n\nB [x](https://x.org) [y](https://y.org).\n");
        let alignment = PageAlignment::new(&source, &translation);
        let offsets = |document: &Document| -> Vec<usize> {
            document.links.iter().map(|link| link.span.start).collect()
        };
        let keys = |document: &Document| -> Vec<Option<String>> {
            document
                .links
                .iter()
                .map(|link| Some(link.target.clone()))
                .collect()
        };
        let mut pairing = ItemPairing::new(
            &alignment,
            &source,
            &translation,
            &offsets(&source),
            &offsets(&translation),
        );
        pairing.pair_equal(&keys(&source), &keys(&translation));
        assert_eq!(pairing.missing().collect::<Vec<_>>(), [0]);
        assert_eq!(pairing.place(0), Place::In(0));
    }

    #[test]
    fn a_paragraph_of_many_links_pairs_in_linear_time() {
        let links: String = (0..100_000)
            .map(|i| format!("[a](https://h{i}.org) "))
            .collect();
        let source = document(&links);
        let translation = document(&links.replacen("h5.org", "h5.net", 1));
        let alignment = PageAlignment::new(&source, &translation);
        let offsets = |document: &Document| -> Vec<usize> {
            document.links.iter().map(|link| link.span.start).collect()
        };
        let keys = |document: &Document| -> Vec<Option<String>> {
            document
                .links
                .iter()
                .map(|link| Some(link.target.clone()))
                .collect()
        };
        let mut pairing = ItemPairing::new(
            &alignment,
            &source,
            &translation,
            &offsets(&source),
            &offsets(&translation),
        );
        pairing.pair_equal(&keys(&source), &keys(&translation));
        let near = pairing.pair_near(|s, t, same_block| (same_block && s == t).then_some(0));
        assert_eq!(near, [(5, 5)]);
    }
}
