//! Pairs a translation's headings with its source page's, so that rules can compare the two
//! section by section and say where in the translation something of the source belongs.
//!
//! Translators rarely reorder headings but may add or drop one, so the pairing is a sequence
//! alignment on (level, explicit id), not a bare index: headings pair only at the same level,
//! and a pair that keeps the source's explicit id outweighs one that does not.

use crate::model::{Document, Heading};
use crate::source::Span;
use std::collections::HashSet;

/// One step of the alignment, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Indices into the source's and the translation's headings.
    Paired(usize, usize),
    SourceOnly(usize),
    TranslationOnly(usize),
}

/// The headings of a source page and its translation, paired.
#[derive(Debug)]
pub struct HeadingAlignment {
    pub steps: Vec<Step>,
    /// For each source heading, the translation heading paired with it.
    counterparts: Vec<Option<usize>>,
    /// For each source heading, the counterpart of the closest paired heading up to it.
    sections: Vec<Option<usize>>,
}

impl HeadingAlignment {
    pub fn new(source: &Document, translation: &Document) -> Self {
        let source_sections = section_targets(source);
        let translation_sections: Vec<HashSet<&str>> = section_targets(translation)
            .into_iter()
            .map(|targets| targets.into_iter().collect())
            .collect();
        // `pair_score` counts three shared links at most.
        let shared_targets = |s: usize, t: usize| {
            let shared = source_sections[s]
                .iter()
                .filter(|target| translation_sections[t].contains(*target))
                .take(3)
                .count();
            u32::try_from(shared).unwrap_or(u32::MAX)
        };
        Self::from_steps(
            align(&source.headings, &translation.headings, shared_targets),
            source.headings.len(),
        )
    }

    fn from_steps(steps: Vec<Step>, source_headings: usize) -> Self {
        let mut counterparts = vec![None; source_headings];
        for step in &steps {
            if let Step::Paired(s, t) = *step {
                counterparts[s] = Some(t);
            }
        }
        let sections = counterparts
            .iter()
            .scan(None, |last, counterpart| {
                *last = counterpart.or(*last);
                Some(*last)
            })
            .collect();
        Self {
            steps,
            counterparts,
            sections,
        }
    }

    pub fn counterpart(&self, source_heading: usize) -> Option<usize> {
        self.counterparts[source_heading]
    }

    /// The translation heading of the section that holds what source heading `source_heading`
    /// holds: its counterpart, or that of the closest paired heading before it.
    pub fn counterpart_section(&self, source_heading: usize) -> Option<usize> {
        self.sections[source_heading]
    }

    /// Whether the pair at `steps[index]` is certain: between the nearest pairs that keep the
    /// same explicit id on both sides, source and translation have the same headings by level,
    /// so pairing them by position is the only possible reading.
    pub fn is_unambiguous(
        &self,
        index: usize,
        source: &[Heading],
        translation: &[Heading],
    ) -> bool {
        let is_anchor = |step: &Step| match *step {
            Step::Paired(s, t) => {
                explicit_id(&source[s]).is_some_and(|id| Some(id) == explicit_id(&translation[t]))
            }
            _ => false,
        };
        let start = self.steps[..index]
            .iter()
            .rposition(is_anchor)
            .map_or(0, |at| at + 1);
        let end = self.steps[index..]
            .iter()
            .position(is_anchor)
            .map_or(self.steps.len(), |at| index + at);
        self.steps[start..end]
            .iter()
            .all(|step| matches!(step, Step::Paired(..)))
    }
}

/// Where, in the translation, the counterpart of offset `source_offset` of the source lies:
/// the list item at the same position of the corresponding list when the offset is in a list
/// item, else the corresponding section's heading, else the start of the page.
pub fn counterpart_span(
    alignment: &HeadingAlignment,
    source: &Document,
    translation: &Document,
    source_offset: usize,
) -> Span {
    let source_section = section_of(source, source_offset);
    let translation_section = source_section.and_then(|s| alignment.counterpart_section(s));
    if let Some(item) = counterpart_item(
        source,
        translation,
        source_offset,
        source_section,
        translation_section,
    ) {
        return item;
    }
    translation_section.map_or(0..0, |t| translation.headings[t].span.clone())
}

/// The list item of the translation at the position of the source's list item that holds
/// `source_offset`, when the corresponding section has the corresponding list.
pub fn counterpart_item_span(
    alignment: &HeadingAlignment,
    source: &Document,
    translation: &Document,
    source_offset: usize,
) -> Option<Span> {
    let source_section = section_of(source, source_offset);
    let translation_section = source_section.and_then(|s| alignment.counterpart_section(s));
    counterpart_item(
        source,
        translation,
        source_offset,
        source_section,
        translation_section,
    )
}

/// The index of the heading whose section holds `offset`.
pub fn section_of(document: &Document, offset: usize) -> Option<usize> {
    document
        .headings
        .partition_point(|heading| heading.span.start <= offset)
        .checked_sub(1)
}

fn counterpart_item(
    source: &Document,
    translation: &Document,
    source_offset: usize,
    source_section: Option<usize>,
    translation_section: Option<usize>,
) -> Option<Span> {
    if source_section.is_some() && translation_section.is_none() {
        return None;
    }
    let (list, item) = source.lists.iter().rev().find_map(|list| {
        list.items
            .iter()
            .position(|item| item.span.contains(&source_offset))
            .map(|item| (list, item))
    })?;
    let ordinal = source
        .lists
        .iter()
        .filter(|other| other.section == list.section && other.depth == list.depth)
        .position(|other| other.span == list.span)?;
    let translated_list = translation
        .lists
        .iter()
        .filter(|other| other.section == translation_section && other.depth == list.depth)
        .nth(ordinal)?;
    translated_list
        .items
        .get(item)
        .map(|item| item.span.clone())
}

fn explicit_id(heading: &Heading) -> Option<&str> {
    heading
        .explicit_id
        .as_ref()
        .map(|anchor| anchor.id.as_str())
}

/// The link targets written in each heading's section (up to the next heading).
fn section_targets(document: &Document) -> Vec<Vec<&str>> {
    let mut sections = vec![Vec::new(); document.headings.len()];
    for link in &document.links {
        if let Some(section) = section_of(document, link.span.start) {
            sections[section].push(link.target.as_str());
        }
    }
    sections
}

/// How much pairing two headings is worth; `None` when they cannot pair. Keeping the explicit
/// id counts most; links shared by the two sections (`shared`, at most 3 counted) tell apart
/// headings that ids cannot, such as a heading that lost its id next to one that was dropped.
fn pair_score(source: &Heading, translation: &Heading, shared: u32) -> Option<u32> {
    if source.level != translation.level {
        return None;
    }
    let ids = match (explicit_id(source), explicit_id(translation)) {
        (Some(a), Some(b)) if a == b => 4,
        (None, None) => 2,
        _ => 1,
    };
    Some(ids * 4 + shared.min(3))
}

/// Pages with more headings than this on both sides (multiplied) are aligned near the
/// diagonal only: a heading pairs with those at about its relative position, `BAND` either
/// side. Real pages are aligned in full; 100,000 headings stay linear.
const FULL_ALIGNMENT_CELLS: usize = 1 << 22;
const BAND: usize = 64;

/// The alignment's table, `best[i][j]` for the cells it computes (all of them, or a band
/// around the diagonal); the others are 0, as if the rest of both pages were left unpaired.
struct Table {
    columns: usize,
    rows: usize,
    band: Option<usize>,
    cells: Vec<u32>,
}

impl Table {
    fn new(rows: usize, columns: usize) -> Self {
        let band = (rows.saturating_mul(columns) > FULL_ALIGNMENT_CELLS).then_some(BAND);
        let width = band.map_or(columns + 1, |band| 2 * band + 1);
        Self {
            columns,
            rows,
            band,
            cells: vec![0; (rows + 1) * width],
        }
    }

    /// The columns of row `i` the table computes.
    fn row(&self, i: usize) -> std::ops::Range<usize> {
        match self.band {
            None => 0..self.columns + 1,
            Some(band) => {
                let centre = i * self.columns / self.rows.max(1);
                centre.saturating_sub(band)..(centre + band + 1).min(self.columns + 1)
            }
        }
    }

    fn slot(&self, i: usize, j: usize) -> Option<usize> {
        let row = self.row(i);
        row.contains(&j)
            .then(|| i * (self.cells.len() / (self.rows + 1)) + j - row.start)
    }

    fn get(&self, i: usize, j: usize) -> u32 {
        self.slot(i, j).map_or(0, |slot| self.cells[slot])
    }

    fn set(&mut self, i: usize, j: usize, value: u32) {
        if let Some(slot) = self.slot(i, j) {
            self.cells[slot] = value;
        }
    }
}

/// Needleman–Wunsch with free gaps: the pairing of the highest total score, preferring pairs
/// over gaps on ties. `shared(s, t)` counts the links the two headings' sections share.
fn align(
    source: &[Heading],
    translation: &[Heading],
    shared: impl Fn(usize, usize) -> u32,
) -> Vec<Step> {
    let (n, m) = (source.len(), translation.len());
    let score = |i: usize, j: usize| pair_score(&source[i], &translation[j], shared(i, j));
    // best[i][j]: the best score aligning source[i..] with translation[j..].
    let mut best = Table::new(n, m);
    for i in (0..n).rev() {
        for j in best.row(i).rev().filter(|&j| j < m) {
            let paired = score(i, j).map(|score| score + best.get(i + 1, j + 1));
            let value = paired
                .unwrap_or(0)
                .max(best.get(i + 1, j))
                .max(best.get(i, j + 1));
            best.set(i, j, value);
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i == n {
            steps.push(Step::TranslationOnly(j));
            j += 1;
        } else if j == m {
            steps.push(Step::SourceOnly(i));
            i += 1;
        } else if score(i, j).is_some_and(|score| score + best.get(i + 1, j + 1) == best.get(i, j))
        {
            steps.push(Step::Paired(i, j));
            i += 1;
            j += 1;
        } else if best.get(i + 1, j) == best.get(i, j) {
            steps.push(Step::SourceOnly(i));
            i += 1;
        } else {
            steps.push(Step::TranslationOnly(j));
            j += 1;
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Anchor;

    fn heading(level: u8, id: Option<&str>) -> Heading {
        Heading {
            level,
            text: String::new(),
            span: 0..0,
            first_line_end: 0,
            explicit_id: id.map(|id| Anchor {
                id: id.to_owned(),
                span: 0..0,
            }),
            generated_id: None,
            has_liquid: false,
        }
    }

    fn aligned(source: &[Heading], translation: &[Heading]) -> HeadingAlignment {
        HeadingAlignment::from_steps(align(source, translation, |_, _| 0), source.len())
    }

    #[test]
    fn long_pages_are_aligned_near_the_diagonal() {
        // 3,000 headings on each side: beyond the full table; the translation dropped two.
        let ids: Vec<String> = (0..3_000).map(|index| format!("h{index}")).collect();
        let source: Vec<Heading> = ids.iter().map(|id| heading(2, Some(id))).collect();
        let mut translation = source.clone();
        translation.remove(1_500);
        translation.remove(1_500);
        let alignment = aligned(&source, &translation);
        let paired = alignment
            .steps
            .iter()
            .filter(|step| matches!(step, Step::Paired(..)))
            .count();
        assert_eq!(paired, 2_998);
        assert_eq!(alignment.counterpart(0), Some(0));
        assert_eq!(alignment.counterpart(2_999), Some(2_997));
        assert_eq!(alignment.counterpart_section(1_500), Some(1_499));
    }

    #[test]
    fn shared_links_pick_the_heading_that_lost_its_id() {
        let source = [heading(3, Some("a")), heading(3, Some("b"))];
        let translation = [heading(3, None)];
        let second_shares_links = |s: usize, _: usize| u32::from(s == 1);
        let steps = align(&source, &translation, second_shares_links);
        assert_eq!(steps, [Step::SourceOnly(0), Step::Paired(1, 0)]);
    }

    #[test]
    fn a_dropped_heading_leaves_the_others_paired() {
        let source = [
            heading(2, Some("a")),
            heading(3, None),
            heading(3, Some("c")),
        ];
        let translation = [heading(2, Some("a")), heading(3, Some("c"))];
        let alignment = aligned(&source, &translation);
        assert_eq!(
            alignment.steps,
            [Step::Paired(0, 0), Step::SourceOnly(1), Step::Paired(2, 1)]
        );
    }

    #[test]
    fn a_heading_without_its_id_pairs_with_the_source_heading() {
        let source = [heading(2, None), heading(2, Some("b")), heading(2, None)];
        let translation = [heading(2, None), heading(2, None), heading(2, None)];
        let alignment = aligned(&source, &translation);
        assert_eq!(alignment.counterpart(1), Some(1));
        assert!(alignment.is_unambiguous(1, &source, &translation));
    }

    #[test]
    fn an_id_heading_is_not_paired_with_a_neighbour_when_it_was_dropped() {
        let source = [heading(3, Some("a")), heading(3, None), heading(3, None)];
        let translation = [heading(3, None), heading(3, None)];
        let alignment = aligned(&source, &translation);
        assert_eq!(alignment.counterpart(0), None);
        assert_eq!(alignment.counterpart_section(2), Some(1));
    }

    #[test]
    fn levels_never_pair_across() {
        let source = [heading(2, Some("a"))];
        let translation = [heading(3, Some("a"))];
        let alignment = aligned(&source, &translation);
        assert_eq!(alignment.counterpart(0), None);
    }

    #[test]
    fn a_pair_next_to_an_extra_heading_is_ambiguous() {
        let source = [
            heading(2, Some("a")),
            heading(3, Some("b")),
            heading(2, Some("z")),
        ];
        let translation = [
            heading(2, Some("a")),
            heading(3, None),
            heading(3, None),
            heading(2, Some("z")),
        ];
        let alignment = aligned(&source, &translation);
        let index = alignment
            .steps
            .iter()
            .position(|step| matches!(step, Step::Paired(1, _)))
            .unwrap();
        assert!(!alignment.is_unambiguous(index, &source, &translation));
    }
}
