//! Rules: small units that read the document model and report diagnostics.
//!
//! Each rule lives in `src/rules/<category>/<rule_id>.rs`, exports
//! `pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String>`, and is documented in
//! `rules/<rule-id>.md`, whose front matter holds its metadata. `build.rs` generates the
//! registry from those files, so adding a rule touches nothing else.

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{Corpus, CorpusFile};
use crate::model::{Document, FrontMatter};
use crate::site::Site;
use serde::de::DeserializeOwned;

pub mod catalog_pairing;
pub mod fluent_bundle;
pub mod heading_alignment;
pub mod key_pairing;
pub mod link_syntax;
pub mod site_targets;
pub mod suggest;

/// What a rule's doc says about it.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    pub category: &'static str,
    /// The severity when the config does not set one.
    pub severity: Severity,
    /// Whether the rule runs when the config does not mention it.
    pub enabled: bool,
    pub fix: FixKind,
    pub summary: &'static str,
    /// The whole `rules/<id>.md`.
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        }
    }
}

pub struct RuleEntry {
    pub meta: RuleMeta,
    pub build: fn(&toml::Table) -> Result<Box<dyn Rule>, String>,
}

/// A file with its model.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub file: &'a CorpusFile,
    pub document: &'a Document,
}

impl Page<'_> {
    pub fn path(&self) -> &str {
        &self.file.path
    }
}

/// One file while its text is at hand: rules that look at what was written.
pub struct DocumentContext<'a> {
    pub page: Page<'a>,
    pub text: &'a str,
}

/// One file with the whole site around it: rules that resolve links to other pages.
pub struct PageContext<'a> {
    pub page: Page<'a>,
    pub site: &'a Site<'a>,
}

impl<'a> PageContext<'a> {
    /// The page's source-language counterpart, when the page is a translation.
    pub fn source(&self) -> Option<Page<'a>> {
        let index = self.site.corpus.index_of(self.page.path())?;
        self.site.source_of(index)
    }
}

/// A translation beside its source page.
pub struct TranslationContext<'a> {
    pub translation: Page<'a>,
    pub source: Page<'a>,
    pub site: &'a Site<'a>,
}

impl<'a> TranslationContext<'a> {
    /// The front matter of the source page and of the translation, when both have one.
    pub fn front_matters(&self) -> Option<(&'a FrontMatter, &'a FrontMatter)> {
        let source = self.source.document.front_matter.parsed()?;
        let translation = self.translation.document.front_matter.parsed()?;
        Some((source, translation))
    }
}

/// The whole corpus at once: rules that compare across every page and locale.
pub struct CorpusContext<'a> {
    pub site: &'a Site<'a>,
}

impl CorpusContext<'_> {
    pub fn corpus(&self) -> &Corpus {
        self.site.corpus
    }
}

/// A check. Implement the hooks the rule needs; the others do nothing.
pub trait Rule: Send + Sync {
    fn id(&self) -> &'static str;

    fn check_document(&self, _context: &DocumentContext, _diagnostics: &mut Vec<Diagnostic>) {}

    fn check_page(&self, _context: &PageContext, _diagnostics: &mut Vec<Diagnostic>) {}

    fn check_translation(&self, _context: &TranslationContext, _diagnostics: &mut Vec<Diagnostic>) {
    }

    fn check_corpus(&self, _context: &CorpusContext, _diagnostics: &mut Vec<Diagnostic>) {}
}

/// Builds a rule that takes no options; any option is an error.
pub fn without_options(
    options: &toml::Table,
    rule: impl Rule + 'static,
) -> Result<Box<dyn Rule>, String> {
    match options.keys().next() {
        Some(key) => Err(format!("unknown option `{key}`: this rule has no options")),
        None => Ok(Box::new(rule)),
    }
}

/// Deserialises a rule's options (declare them with `#[serde(deny_unknown_fields, default)]`).
pub fn options<T: DeserializeOwned>(options: &toml::Table) -> Result<T, String> {
    toml::Value::Table(options.clone())
        .try_into()
        .map_err(|err: toml::de::Error| err.message().to_owned())
}

/// What rule files use.
pub mod prelude {
    pub use super::{
        CorpusContext, DocumentContext, Page, PageContext, Rule, TranslationContext, options,
        without_options,
    };
    pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
    pub use crate::model::*;
    pub use crate::source::Span;
}

mod registry {
    use super::{FixKind, RuleEntry, RuleMeta};
    use crate::diagnostic::Severity;
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

pub use registry::RULES;

/// The registry entry of a rule id.
pub fn find(id: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|entry| entry.meta.id == id)
}

/// Whether `selector` names this rule: its id, its category, or `ALL`.
pub fn selects(selector: &str, meta: &RuleMeta) -> bool {
    selector == "ALL" || selector == meta.id || selector == meta.category
}
