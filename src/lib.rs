//! l10nlint: a linter for translated content.
//!
//! The pipeline: `discover` finds the files and pairs translations with their source,
//! `parse` turns each file into a `model::Document`, `rules` check documents alone, in pairs
//! and across the corpus, `online` verifies external links, and `output` renders diagnostics.

pub mod diagnostic;
pub mod parse;
pub mod source;
