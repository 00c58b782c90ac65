//! Alignment of each translation with its source page: which of its sections, lists and
//! items stand for which of the source's. Cross-language rules read it.

pub mod heading_alignment;
pub mod link_lists;
