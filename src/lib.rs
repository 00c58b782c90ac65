//! l10nlint: a linter for translated content.
//!
//! The pipeline: `discover` finds the files and pairs translations with their source,
//! `parse` turns each file into a `model::Document`, `align` pairs each translation with its
//! source, `rules` check documents alone, in pairs and across the corpus, `online` verifies
//! external links, and `output` renders diagnostics. `lint` runs the pipeline. The command
//! line is the binary's (`src/cli/`); nothing here prints.
//!
//! # The API: a lint request in, diagnostics out
//!
//! ```no_run
//! use l10nlint::{Config, Format, LintRequest, ReportOptions, Sources};
//!
//! let root = std::path::PathBuf::from("site");
//! let config = match l10nlint::find_config(&root) {
//!     Some(path) => Config::load(&path)?,
//!     None => Config::default(),
//! };
//! let outcome = l10nlint::lint(&LintRequest::new(&root, config))?;
//! for diagnostic in &outcome.diagnostics {
//!     println!("{}: {} {}", diagnostic.location.path, diagnostic.rule, diagnostic.message);
//! }
//! let mut sources = Sources::new(root, u64::MAX);
//! let mut out = Vec::new();
//! let options = ReportOptions::default();
//! l10nlint::report(Format::Json, &outcome.diagnostics, &mut sources, &options, &mut out)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Only the items re-exported here are the library's API. The modules are public for
//! l10nlint's own binary, differential tests and fuzzers, hidden from the docs, and change
//! without notice.

pub use config::{Config, ConfigError, find as find_config};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Location, Related, Severity};
pub use files::Sources;
pub use lint::{LintError, LintOutcome, LintRequest, lint};
pub use output::{Format, ReportOptions, report};
pub use rules::{RULES, RuleEntry};
pub use source::Span;

// Used only inside the library.
mod atomic_write;
mod fingerprint;
mod history;
mod html;
mod suggest;

#[doc(hidden)]
pub mod align;
#[doc(hidden)]
pub mod baseline;
#[doc(hidden)]
pub mod changed_lines;
#[doc(hidden)]
pub mod config;
#[doc(hidden)]
pub mod diagnostic;
#[doc(hidden)]
pub mod discover;
#[doc(hidden)]
pub mod drift;
#[doc(hidden)]
pub mod files;
#[doc(hidden)]
pub mod fix;
#[doc(hidden)]
pub mod lint;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod online;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod parse;
#[doc(hidden)]
pub mod rules;
#[doc(hidden)]
pub mod site;
#[doc(hidden)]
pub mod source;
