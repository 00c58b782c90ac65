//! Pairs a translation's headings with its source page's, so that rules can compare the two
//! section by section and say where in the translation something of the source belongs.
//!
//! Translators rarely reorder headings but may add or drop one, so the pairing is a sequence
//! alignment on (level, explicit id), not a bare index: headings pair only at the same level,
//! and a pair that keeps the source's explicit id outweighs one that does not.

use crate::model::{Document, Heading};
use crate::source::Span;

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
}

impl HeadingAlignment {
    pub fn new(source: &Document, translation: &Document) -> Self {
        let source_sections = section_targets(source);
        let translation_sections = section_targets(translation);
        let shared_targets = |s: usize, t: usize| {
            let shared = source_sections[s]
                .iter()
                .filter(|target| translation_sections[t].contains(target))
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
        Self {
            steps,
            counterparts,
        }
    }

    pub fn counterpart(&self, source_heading: usize) -> Option<usize> {
        self.counterparts[source_heading]
    }

    /// The translation heading of the section that holds what source heading `source_heading`
    /// holds: its counterpart, or that of the closest paired heading before it.
    pub fn counterpart_section(&self, source_heading: usize) -> Option<usize> {
        (0..=source_heading)
            .rev()
            .find_map(|s| self.counterparts[s])
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
    let mut best = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let paired = score(i, j).map(|score| score + best[i + 1][j + 1]);
            best[i][j] = paired.unwrap_or(0).max(best[i + 1][j]).max(best[i][j + 1]);
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
        } else if score(i, j).is_some_and(|score| score + best[i + 1][j + 1] == best[i][j]) {
            steps.push(Step::Paired(i, j));
            i += 1;
            j += 1;
        } else if best[i + 1][j] == best[i][j] {
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
