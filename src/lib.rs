//! l10nlint: a linter for translated content.
//!
//! The pipeline: `discover` finds the files and pairs translations with their source,
//! `parse` turns each file into a `model::Document`, `rules` check documents alone, in pairs
//! and across the corpus, `online` verifies external links, and `output` renders diagnostics.
//! `lint` runs the pipeline. The command line is the binary's (`src/cli/`); nothing here prints.

pub mod align;
pub mod atomic_write;
pub mod baseline;
pub mod changed_lines;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod drift;
pub mod files;
pub mod fingerprint;
pub mod fix;
pub mod history;
pub mod html;
pub mod lint;
pub mod model;
pub mod online;
pub mod output;
pub mod parse;
pub mod rules;
pub mod site;
pub mod source;
pub mod suggest;
