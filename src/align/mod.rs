//! The alignment of each translation with its source page: which of its headings, sections
//! and blocks stand for which of the source's. Built once per (source, translation) pair on
//! first use ([`Alignments`]) and read by every cross-language rule, so that each finding
//! stands on the translation block that lost something, or where a missing block belongs.
//!
//! - Headings pair first by an explicit id both pages have, wherever they stand (a source
//!   that moved a section keeps its ids); the headings between the in-order pairs are then
//!   aligned as sequences (level, id, the invariants of their sections), and headings left
//!   over pair when their sections have the same invariants (a section moved without ids).
//! - Inside each pair of sections, blocks pair first where their invariants are the same and
//!   found once on each side (patience anchors, kept in order), then the blocks between
//!   anchors by sequence alignment (Needleman–Wunsch), bounded: a gap too large to align
//!   pairs by position.
//! - [`items`] pairs what blocks hold (links, images, tags) through the block pairs;
//!   [`consensus`] counts how many translations share a finding.

pub mod consensus;
pub mod items;
pub mod keys;
pub mod link_lists;

use crate::model::{Block, BlockKind, Document};
use crate::site::Site;
use crate::source::Span;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The most cells a sequence alignment of one gap may fill; larger gaps pair by position.
const MOST_CELLS: usize = 250_000;
/// The most invariants of a block (or section) that signatures compare.
const MOST_KEYS: usize = 24;

/// A translation page aligned with its source page.
#[derive(Debug, Default)]
pub struct PageAlignment {
    /// For each source heading, its translation heading.
    headings: Vec<Option<usize>>,
    /// For each source heading paired: whether the pairing is certain (an explicit id both
    /// pages have, or a stretch where both pages have the same headings by level).
    certain: Vec<bool>,
    /// For each source block, its translation block; and back.
    blocks: Vec<Option<usize>>,
    translation_blocks: Vec<Option<usize>>,
    /// The block of each heading, on each page.
    source_heading_blocks: Vec<usize>,
    translation_heading_blocks: Vec<usize>,
}

/// Where something of a source block belongs in the translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In this translation block, the source block's counterpart.
    In(usize),
    /// The source block has no counterpart: it belongs right after this translation block
    /// (the counterpart of the source block before it).
    After(usize),
    /// It belongs before this translation block (nothing before it has a counterpart).
    Before(usize),
    /// The translation has no blocks.
    Nowhere,
}

impl Place {
    /// The span a finding about the place stands on: the block, or an empty span where the
    /// missing block goes.
    pub fn span(&self, translation: &Document) -> Span {
        match *self {
            Place::In(block) => translation.blocks[block].span.clone(),
            Place::After(block) => {
                let end = translation.blocks[block].span.end;
                end..end
            }
            Place::Before(block) => {
                let start = translation.blocks[block].span.start;
                start..start
            }
            Place::Nowhere => 0..0,
        }
    }

    /// The line a finding stands on: the block, or the last line of the block before.
    pub fn line_span(&self, translation: &Document) -> Span {
        match *self {
            Place::After(block) => {
                let span = &translation.blocks[block].span;
                span.end..span.end
            }
            _ => self.span(translation),
        }
    }
}

impl PageAlignment {
    pub fn new(source: &Document, translation: &Document) -> Self {
        let source_signatures = signatures(source);
        let translation_signatures = signatures(translation);
        let source_heading_blocks = heading_blocks(source);
        let translation_heading_blocks = heading_blocks(translation);
        let mut alignment = Self {
            headings: vec![None; source.headings.len()],
            certain: vec![false; source.headings.len()],
            blocks: vec![None; source.blocks.len()],
            translation_blocks: vec![None; translation.blocks.len()],
            source_heading_blocks,
            translation_heading_blocks,
        };
        alignment.pair_headings(
            source,
            translation,
            &section_signatures(source, &source_signatures),
            &section_signatures(translation, &translation_signatures),
        );
        alignment.pair_blocks(
            source,
            translation,
            &source_signatures,
            &translation_signatures,
        );
        alignment
    }

    /// The translation heading paired with source heading `source_heading`.
    pub fn heading(&self, source_heading: usize) -> Option<usize> {
        self.headings.get(source_heading).copied().flatten()
    }

    /// The source heading paired with translation heading `translation_heading`.
    pub fn source_heading(&self, translation_heading: usize) -> Option<usize> {
        self.headings
            .iter()
            .position(|paired| *paired == Some(translation_heading))
    }

    /// Whether the pairing of source heading `source_heading` is certain enough for a fix.
    pub fn is_certain(&self, source_heading: usize) -> bool {
        self.certain.get(source_heading).copied().unwrap_or(false)
    }

    /// The translation block paired with source block `source_block`.
    pub fn block(&self, source_block: usize) -> Option<usize> {
        self.blocks.get(source_block).copied().flatten()
    }

    /// The source block paired with translation block `translation_block`.
    pub fn source_block(&self, translation_block: usize) -> Option<usize> {
        self.translation_blocks
            .get(translation_block)
            .copied()
            .flatten()
    }

    /// Where what source block `source_block` holds belongs in the translation.
    pub fn place(&self, source_block: usize, translation: &Document) -> Place {
        if let Some(block) = self.block(source_block) {
            return Place::In(block);
        }
        if let Some(previous) = (0..source_block).rev().find_map(|s| self.block(s)) {
            return Place::After(previous);
        }
        match (source_block + 1..self.blocks.len()).find_map(|s| self.block(s)) {
            Some(next) => Place::Before(next),
            None if translation.blocks.is_empty() => Place::Nowhere,
            None => Place::Before(0),
        }
    }

    /// Where the source's offset `source_offset` belongs in the translation: the place of the
    /// innermost block holding it (or of the block before it).
    pub fn place_of_offset(
        &self,
        source: &Document,
        translation: &Document,
        source_offset: usize,
    ) -> Place {
        match block_at(source, source_offset) {
            Some(block) => self.place(block, translation),
            None => {
                let before = source
                    .blocks
                    .partition_point(|block| block.span.start <= source_offset);
                match before.checked_sub(1) {
                    Some(block) => match self.place(block, translation) {
                        Place::In(found) => Place::After(found),
                        other => other,
                    },
                    None if translation.blocks.is_empty() => Place::Nowhere,
                    None => Place::Before(0),
                }
            }
        }
    }

    /// The block of source heading `heading` and of translation heading `heading`.
    pub fn source_heading_block(&self, heading: usize) -> Option<usize> {
        self.source_heading_blocks.get(heading).copied()
    }

    pub fn translation_heading_block(&self, heading: usize) -> Option<usize> {
        self.translation_heading_blocks.get(heading).copied()
    }

    /// The translation section (heading index; `None` for the part before the first heading)
    /// paired with source section `section`, when the section is paired.
    pub fn section(&self, section: Option<usize>) -> Option<Option<usize>> {
        match section {
            None => Some(None),
            Some(heading) => self.heading(heading).map(Some),
        }
    }

    fn pair_headings(
        &mut self,
        source: &Document,
        translation: &Document,
        source_sections: &[Vec<String>],
        translation_sections: &[Vec<String>],
    ) {
        let translation_ids = explicit(translation);
        let mut anchors: Vec<(usize, usize)> = explicit(source)
            .into_iter()
            .filter_map(|(id, s)| Some((s?, translation_ids.get(id).copied().flatten()?)))
            .collect();
        anchors.sort_unstable();
        for &(s, t) in &anchors {
            self.headings[s] = Some(t);
            self.certain[s] = true;
        }
        // The anchors in order on both pages bound the stretches aligned as sequences.
        let in_order: Vec<(usize, usize)> = longest_increasing(&anchors)
            .into_iter()
            .map(|index| anchors[index])
            .collect();
        let taken: Vec<bool> = {
            let mut taken = vec![false; translation.headings.len()];
            for &(_, t) in &anchors {
                taken[t] = true;
            }
            taken
        };
        let source_section = |s: usize| &source_sections[s + 1];
        let translation_section = |t: usize| &translation_sections[t + 1];
        let mut stretch_start = (0, 0);
        for stretch_end in in_order.iter().copied().chain(std::iter::once((
            source.headings.len(),
            translation.headings.len(),
        ))) {
            let source_gap: Vec<usize> = (stretch_start.0..stretch_end.0)
                .filter(|&s| self.headings[s].is_none())
                .collect();
            let translation_gap: Vec<usize> = (stretch_start.1..stretch_end.1)
                .filter(|&t| !taken[t])
                .collect();
            let score = |i: usize, j: usize| {
                let (s, t) = (source_gap[i], translation_gap[j]);
                let (a, b) = (&source.headings[s], &translation.headings[t]);
                if a.level != b.level {
                    return None;
                }
                let ids = match (&a.explicit_id, &b.explicit_id) {
                    (None, None) => 2,
                    _ => 1,
                };
                let shared = shared_keys(source_section(s), translation_section(t)).min(3);
                Some(ids * 4 + shared)
            };
            let section_key =
                |headings: &[crate::model::Heading], index: usize, section: &'_ Signature| {
                    (!section.is_empty()).then(|| (headings[index].level, section.clone()))
                };
            let pairs = align_anchored(
                source_gap.len(),
                translation_gap.len(),
                |i| {
                    section_key(
                        &source.headings,
                        source_gap[i],
                        source_section(source_gap[i]),
                    )
                },
                |j| {
                    section_key(
                        &translation.headings,
                        translation_gap[j],
                        translation_section(translation_gap[j]),
                    )
                },
                score,
            );
            // Certain: every heading of the stretch paired, by level, on both sides.
            let all_paired =
                pairs.len() == source_gap.len() && pairs.len() == translation_gap.len();
            for (i, j) in pairs {
                self.headings[source_gap[i]] = Some(translation_gap[j]);
                self.certain[source_gap[i]] = all_paired;
            }
            stretch_start = (stretch_end.0 + 1, stretch_end.1 + 1);
        }
        // A section moved without ids: the same level and the same invariants.
        let mut paired_translation = vec![false; translation.headings.len()];
        for t in self.headings.iter().flatten() {
            paired_translation[*t] = true;
        }
        let mut by_signature: HashMap<(u8, &[String]), Vec<usize>> = HashMap::new();
        for (t, heading) in translation.headings.iter().enumerate() {
            if !paired_translation[t] && !translation_section(t).is_empty() {
                by_signature
                    .entry((heading.level, translation_section(t).as_slice()))
                    .or_default()
                    .push(t);
            }
        }
        for s in 0..source.headings.len() {
            if self.headings[s].is_some() || source_section(s).is_empty() {
                continue;
            }
            let key = (source.headings[s].level, source_section(s).as_slice());
            if let Some(candidates) = by_signature.get(&key)
                && let [t] = candidates[..]
            {
                self.headings[s] = Some(t);
                by_signature.remove(&key);
            }
        }
    }

    fn pair_blocks(
        &mut self,
        source: &Document,
        translation: &Document,
        source_signatures: &[Signature],
        translation_signatures: &[Signature],
    ) {
        for (s, t) in self.headings.iter().enumerate() {
            if let Some(t) = t {
                let (a, b) = (
                    self.source_heading_blocks.get(s),
                    self.translation_heading_blocks.get(*t),
                );
                if let (Some(&a), Some(&b)) = (a, b) {
                    self.blocks[a] = Some(b);
                    self.translation_blocks[b] = Some(a);
                }
            }
        }
        let section_blocks = |document: &Document| {
            let mut sections: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
            for (index, block) in document.blocks.iter().enumerate() {
                if !matches!(block.kind, BlockKind::Heading(_)) {
                    sections.entry(block.section).or_default().push(index);
                }
            }
            sections
        };
        let translation_sections = section_blocks(translation);
        for (section, source_blocks) in section_blocks(source) {
            let Some(translation_section) = self.section(section) else {
                continue;
            };
            let Some(translation_blocks) = translation_sections.get(&translation_section) else {
                continue;
            };
            let pairs = align_blocks(
                &source_blocks,
                translation_blocks,
                |s| (&source.blocks[s], &source_signatures[s]),
                |t| (&translation.blocks[t], &translation_signatures[t]),
            );
            for (s, t) in pairs {
                self.blocks[s] = Some(t);
                self.translation_blocks[t] = Some(s);
            }
        }
    }
}

/// Each explicit heading id of a page that names one heading only, with that heading.
fn explicit(document: &Document) -> HashMap<&str, Option<usize>> {
    let mut ids: HashMap<&str, Option<usize>> = HashMap::new();
    for (index, heading) in document.headings.iter().enumerate() {
        if let Some(anchor) = &heading.explicit_id {
            ids.entry(anchor.id.as_str())
                .and_modify(|seen| *seen = None)
                .or_insert(Some(index));
        }
    }
    ids
}

/// The block index of each heading, in heading order.
fn heading_blocks(document: &Document) -> Vec<usize> {
    document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| matches!(block.kind, BlockKind::Heading(_)))
        .map(|(index, _)| index)
        .collect()
}

/// The innermost block of `document` that holds `offset`.
pub fn block_at(document: &Document, offset: usize) -> Option<usize> {
    let mut at = document
        .blocks
        .partition_point(|block| block.span.start <= offset)
        .checked_sub(1);
    while let Some(index) = at {
        let span = &document.blocks[index].span;
        if offset < span.end.max(span.start + 1) {
            return Some(index);
        }
        at = document.blocks[index].parent;
    }
    None
}

/// What identifies a block across languages: its invariants, sorted.
type Signature = Vec<String>;

fn signatures(document: &Document) -> Vec<Signature> {
    document
        .blocks
        .iter()
        .map(|block| block_signature(document, block))
        .collect()
}

fn block_signature(document: &Document, block: &Block) -> Signature {
    let links = block
        .links
        .iter()
        .filter_map(|&index| document.links.get(index))
        .map(|link| keys::alignment_key(&link.target));
    let images = block
        .images
        .iter()
        .filter_map(|&index| document.images.get(index))
        .map(|image| format!("!{}", image.src));
    let liquid = block
        .liquid
        .iter()
        .filter_map(|&index| document.liquid.get(index))
        .map(|tag| {
            format!(
                "%{}",
                tag.content.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        });
    let heading_id = match block.kind {
        BlockKind::Heading(_) => block
            .section
            .and_then(|heading| document.headings.get(heading))
            .and_then(|heading| heading.explicit_id.as_ref())
            .map(|anchor| format!("#{}", anchor.id)),
        _ => None,
    };
    let mut signature: Signature = links
        .chain(images)
        .chain(liquid)
        .chain(heading_id)
        .chain(block.literals.iter().cloned())
        .take(MOST_KEYS)
        .collect();
    signature.sort_unstable();
    signature
}

/// Each section's invariants (index 0: before the first heading; `h + 1`: heading `h`'s).
fn section_signatures(document: &Document, blocks: &[Signature]) -> Vec<Signature> {
    let mut sections = vec![Vec::new(); document.headings.len() + 1];
    for (block, signature) in document.blocks.iter().zip(blocks) {
        if matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let section = &mut sections[block.section.map_or(0, |heading| heading + 1)];
        for key in signature {
            if section.len() < MOST_KEYS {
                section.push(key.clone());
            }
        }
    }
    for section in &mut sections {
        section.sort_unstable();
    }
    sections
}

/// How many keys two sorted signatures share (as multisets).
fn shared_keys(a: &[String], b: &[String]) -> u32 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// A coarse kind, so that a paragraph pairs with a paragraph rather than a table row.
fn kind_class(kind: BlockKind) -> u8 {
    match kind {
        BlockKind::Heading(_) => 0,
        BlockKind::Paragraph => 1,
        BlockKind::ListItem => 2,
        BlockKind::TableRow => 3,
        BlockKind::CodeBlock => 4,
        BlockKind::HtmlBlock => 5,
    }
}

/// Pairs the blocks of a source section with those of its translation section.
fn align_blocks<'a>(
    source: &[usize],
    translation: &[usize],
    source_block: impl Fn(usize) -> (&'a Block, &'a Signature),
    translation_block: impl Fn(usize) -> (&'a Block, &'a Signature),
) -> Vec<(usize, usize)> {
    let anchor_key = |(block, signature): (&'a Block, &'a Signature)| {
        (!signature.is_empty()).then_some((kind_class(block.kind), signature))
    };
    let score = |i: usize, j: usize| {
        let (a, a_signature) = source_block(source[i]);
        let (b, b_signature) = translation_block(translation[j]);
        let shared = shared_keys(a_signature, b_signature).min(5) * 2;
        match (kind_class(a.kind) == kind_class(b.kind), a.depth == b.depth) {
            (true, true) => Some(3 + shared),
            (true, false) => Some(2 + shared),
            (false, _) if shared > 0 => Some(shared),
            (false, _) => None,
        }
    };
    align_anchored(
        source.len(),
        translation.len(),
        |i| anchor_key(source_block(source[i])),
        |j| anchor_key(translation_block(translation[j])),
        score,
    )
    .into_iter()
    .map(|(i, j)| (source[i], translation[j]))
    .collect()
}

/// Aligns two sequences: first the elements whose anchor key is found once on each side,
/// kept in order (patience), then the stretches between anchors by `align_sequences`.
/// Returns the pairs `(i, j)`, and whether each stretch paired every element on both sides.
fn align_anchored<K: Eq + std::hash::Hash>(
    n: usize,
    m: usize,
    source_key: impl Fn(usize) -> Option<K>,
    translation_key: impl Fn(usize) -> Option<K>,
    score: impl Fn(usize, usize) -> Option<u32>,
) -> Vec<(usize, usize)> {
    let mut counts: HashMap<K, (usize, usize, usize, usize)> = HashMap::new();
    for i in 0..n {
        if let Some(key) = source_key(i) {
            let entry = counts.entry(key).or_default();
            entry.0 += 1;
            entry.2 = i;
        }
    }
    for j in 0..m {
        if let Some(key) = translation_key(j)
            && let Some(entry) = counts.get_mut(&key)
        {
            entry.1 += 1;
            entry.3 = j;
        }
    }
    let mut anchors: Vec<(usize, usize)> = counts
        .into_values()
        .filter(|&(in_source, in_translation, _, _)| in_source == 1 && in_translation == 1)
        .map(|(_, _, i, j)| (i, j))
        .collect();
    anchors.sort_unstable();
    let anchors: Vec<(usize, usize)> = longest_increasing(&anchors)
        .into_iter()
        .map(|index| anchors[index])
        .collect();
    let mut pairs = Vec::new();
    let mut start = (0, 0);
    for end in anchors.iter().copied().chain(std::iter::once((n, m))) {
        let steps = align_sequences(end.0 - start.0, end.1 - start.1, |i, j| {
            score(start.0 + i, start.1 + j)
        });
        for step in steps {
            if let Step::Paired(i, j) = step {
                pairs.push((start.0 + i, start.1 + j));
            }
        }
        if end.0 < n {
            pairs.push(end);
        }
        start = (end.0 + 1, end.1 + 1);
    }
    pairs
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Paired(usize, usize),
    SourceOnly,
    TranslationOnly,
}

/// Needleman–Wunsch with free gaps: the pairing of the highest total score, preferring pairs
/// over gaps on ties. Beyond `MOST_CELLS` cells, pairs by position where the score allows.
fn align_sequences(n: usize, m: usize, score: impl Fn(usize, usize) -> Option<u32>) -> Vec<Step> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    if n.saturating_mul(m) > MOST_CELLS {
        return (0..n.min(m))
            .map(|i| match score(i, i) {
                Some(_) => Step::Paired(i, i),
                None => Step::SourceOnly,
            })
            .collect();
    }
    let width = m + 1;
    // best[i * width + j]: the best score aligning source[i..] with translation[j..].
    let mut best = vec![0u32; (n + 1) * width];
    let mut pair_scores = vec![None; n * m];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let pair = score(i, j);
            pair_scores[i * m + j] = pair;
            let paired = pair.map_or(0, |score| score + best[(i + 1) * width + j + 1]);
            best[i * width + j] = paired
                .max(best[(i + 1) * width + j])
                .max(best[i * width + j + 1]);
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let here = best[i * width + j];
        if pair_scores[i * m + j].is_some_and(|score| score + best[(i + 1) * width + j + 1] == here)
        {
            steps.push(Step::Paired(i, j));
            i += 1;
            j += 1;
        } else if best[(i + 1) * width + j] == here {
            steps.push(Step::SourceOnly);
            i += 1;
        } else {
            steps.push(Step::TranslationOnly);
            j += 1;
        }
    }
    steps.extend((i..n).map(|_| Step::SourceOnly));
    steps.extend((j..m).map(|_| Step::TranslationOnly));
    steps
}

/// The indices of a longest chain of `pairs` (sorted by their first value) whose second
/// values increase: patience sorting, `O(n log n)`.
pub fn longest_increasing<T: Ord + Copy>(pairs: &[(T, T)]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (index, pair) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&tail| pairs[tail].1 < pair.1);
        previous[index] = at.checked_sub(1).map(|before| tails[before]);
        if at == tails.len() {
            tails.push(index);
        } else {
            tails[at] = index;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(index) = at {
        chain.push(index);
        at = previous[index];
    }
    chain.reverse();
    chain
}

/// Every translation's alignment with its source page, each built on first use.
pub struct Alignments {
    cells: Vec<OnceLock<PageAlignment>>,
    /// One translation aligned with another version of its source page (`of_version`).
    version: Option<(usize, PageAlignment)>,
}

impl Alignments {
    pub fn new(documents: usize) -> Self {
        Self {
            cells: (0..documents).map(|_| OnceLock::new()).collect(),
            version: None,
        }
    }

    /// The translation at `translation` aligned with `source`, an older version of its source
    /// page (the drift stage compares translations with the version they follow).
    pub fn of_version(translation: usize, source: &Document, document: &Document) -> Self {
        Self {
            cells: Vec::new(),
            version: Some((translation, PageAlignment::new(source, document))),
        }
    }

    /// The alignment of the translation at `translation` (an index into the site's documents)
    /// with its source page; `None` when it has none.
    pub fn get(&self, site: &Site, translation: usize) -> Option<&PageAlignment> {
        if let Some((index, alignment)) = &self.version {
            return (*index == translation).then_some(alignment);
        }
        let source = site.source_of(translation)?;
        let document = &site.documents[translation];
        let cell = self.cells.get(translation)?;
        Some(cell.get_or_init(|| PageAlignment::new(source.document, document)))
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

    /// The first line of each translation block paired with each source block, in order.
    fn paired(source: &str, translation: &str) -> Vec<(String, Option<String>)> {
        let (a, b) = (document(source), document(translation));
        let alignment = PageAlignment::new(&a, &b);
        let line =
            |text: &str, span: &Span| text[span.clone()].lines().next().unwrap_or("").to_owned();
        a.blocks
            .iter()
            .enumerate()
            .map(|(index, block)| {
                (
                    line(source, &block.span),
                    alignment
                        .block(index)
                        .map(|t| line(translation, &b.blocks[t].span)),
                )
            })
            .collect()
    }

    #[test]
    fn moved_sections_pair_by_id() {
        let source = "## One {#one}\n\nSee [a](https://a.org).\n\n## Two {#two}\n\nSee [b](https://b.org).\n";
        let translation = "## Dos {#two}\n\nVer [b](https://b.org).\n\n## Uno {#one}\n\nVer [a](https://a.org).\n";
        let pairs = paired(source, translation);
        assert_eq!(pairs[0].1.as_deref(), Some("## Uno {#one}"));
        assert_eq!(pairs[1].1.as_deref(), Some("Ver [a](https://a.org)."));
        assert_eq!(pairs[3].1.as_deref(), Some("Ver [b](https://b.org)."));
    }

    #[test]
    fn moved_sections_without_ids_pair_by_their_invariants() {
        let source = "## One\n\nSee [a](https://a.org).\n\n## Two\n\nSee [b](https://b.org).\n";
        let translation =
            "## Dos\n\nVer [b](https://b.org).\n\n## Uno\n\nVer [a](https://a.org).\n";
        let pairs = paired(source, translation);
        assert_eq!(pairs[0].1.as_deref(), Some("## Uno"));
        assert_eq!(pairs[2].1.as_deref(), Some("## Dos"));
    }

    #[test]
    fn a_dropped_paragraph_has_an_insertion_point() {
        let source = "# T\n\nOne.\n\nTwo [x](https://x.org).\n\nThree 2024.\n";
        let translation = "# T\n\nUno.\n\nTres 2024.\n";
        let (a, b) = (document(source), document(translation));
        let alignment = PageAlignment::new(&a, &b);
        assert_eq!(alignment.place(2, &b), Place::After(1));
        assert_eq!(alignment.place(3, &b), Place::In(2));
    }

    #[test]
    fn list_items_pair_through_a_dropped_item() {
        let source = "- [a](https://a.org)\n- [b](https://b.org)\n- [c](https://c.org)\n";
        let translation = "- [a](https://a.org)\n- [c](https://c.org)\n";
        let pairs = paired(source, translation);
        assert_eq!(pairs[1].1, None);
        assert_eq!(pairs[2].1.as_deref(), Some("- [c](https://c.org)"));
    }

    #[test]
    fn longest_increasing_chain() {
        let pairs = [(0, 3), (1, 0), (2, 1), (3, 2)];
        assert_eq!(longest_increasing(&pairs), [1, 2, 3]);
        assert!(longest_increasing::<usize>(&[]).is_empty());
    }

    #[test]
    fn large_lists_align_in_near_linear_time() {
        let source: String = (0..10_000)
            .map(|i| format!("- [x](https://h{i}.org)\n"))
            .collect();
        let translation: String = (0..10_000)
            .filter(|i| i % 97 != 0)
            .map(|i| format!("- [y](https://h{i}.org)\n"))
            .collect();
        let (a, b) = (document(&source), document(&translation));
        let alignment = PageAlignment::new(&a, &b);
        assert_eq!(
            alignment.block(1).map(|t| &b.blocks[t].links),
            Some(&vec![0])
        );
        assert_eq!(alignment.block(0), None);
    }
}
