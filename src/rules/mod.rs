//! Rules: small units that read the document model and report diagnostics.
//!
//! Each rule lives in `src/rules/<category>/<rule_id>.rs`, exports
//! `pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String>`, is declared in its
//! category's `mod.rs`, and is documented in `rules/<rule-id>.md`, whose front matter holds its
//! metadata. The engine stamps the rule's id on every diagnostic the rule reports.

use crate::align::{Alignments, PageAlignment};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Corpus;
use crate::model::FrontMatter;
pub use crate::site::Page;
use crate::site::Site;
use serde::de::DeserializeOwned;
use std::sync::LazyLock;

mod catalog;
mod drift;
mod fluent;
mod front_matter;
mod general;
mod images;
mod links;
mod lists;
mod markup;
mod online;
mod parity;
mod structure;

pub mod catalog_pairing;
pub mod catalog_plurals;
pub mod fluent_bundle;
pub mod key_pairing;
pub mod link_syntax;
pub mod lost_markup;
pub mod site_targets;

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

/// Which fixes a rule offers, as its doc says (`fix:`) and the rules table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    None,
    /// Every fix is safe: `--fix` applies it.
    Safe,
    /// Every fix needs a look: only `--unsafe-fixes` applies it.
    Unsafe,
    /// Safe when the rule is certain, unsafe otherwise; the doc's *Fix* section says when.
    SafeOrUnsafe,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::SafeOrUnsafe => "safe/unsafe",
        }
    }

    /// Whether a rule of this kind may offer a fix of this applicability.
    pub fn allows(self, applicability: crate::diagnostic::Applicability) -> bool {
        use crate::diagnostic::Applicability;
        matches!(
            (self, applicability),
            (FixKind::Safe, Applicability::Safe)
                | (FixKind::Unsafe, Applicability::Unsafe)
                | (FixKind::SafeOrUnsafe, _)
        )
    }
}

impl RuleMeta {
    /// Reads a rule's metadata from the front matter of its doc (flat `key: value` lines).
    fn from_doc(id: &'static str, category: &'static str, doc: &'static str) -> Self {
        let mut meta = RuleMeta {
            id,
            category,
            severity: Severity::Error,
            enabled: true,
            fix: FixKind::None,
            summary: "",
            doc,
        };
        for (key, value) in doc_front_matter(doc) {
            match key {
                "severity" => meta.severity = Severity::parse(value).unwrap_or(Severity::Error),
                "enabled" => meta.enabled = value != "false",
                "fix" => {
                    meta.fix = match value {
                        "safe" => FixKind::Safe,
                        "unsafe" => FixKind::Unsafe,
                        "safe/unsafe" => FixKind::SafeOrUnsafe,
                        _ => FixKind::None,
                    }
                }
                "summary" => meta.summary = value,
                _ => {}
            }
        }
        meta
    }
}

/// The `key: value` lines of a rule doc's front matter.
fn doc_front_matter(doc: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut lines = doc.lines();
    let opened = lines.next().map(str::trim_end) == Some("---");
    lines
        .take_while(move |line| opened && line.trim_end() != "---")
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim(), value.trim().trim_matches('"')))
}

pub struct RuleEntry {
    pub meta: RuleMeta,
    pub build: fn(&toml::Table) -> Result<Box<dyn Rule>, String>,
}

/// A rule as its category declares it (see `declare_rules!`).
struct RuleDefinition {
    id: &'static str,
    category: &'static str,
    /// The module's name, which must be the id with `_` for `-`.
    #[cfg_attr(not(test), allow(dead_code))]
    module: &'static str,
    build: fn(&toml::Table) -> Result<Box<dyn Rule>, String>,
    doc: &'static str,
}

/// Declares a category's rules: the id of each module (declared beside the macro with `mod`,
/// so that rustfmt formats it), which names its doc `rules/<id>.md`.
macro_rules! declare_rules {
    (category: $category:literal; $($module:ident => $id:literal),* $(,)?) => {
        pub(super) const RULES: &[super::RuleDefinition] = &[
            $(super::RuleDefinition {
                id: $id,
                category: $category,
                module: stringify!($module),
                build: $module::build,
                doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $id, ".md")),
            },)*
        ];
    };
}
use declare_rules;

/// Every category's declarations.
const CATEGORIES: &[&[RuleDefinition]] = &[
    catalog::RULES,
    drift::RULES,
    fluent::RULES,
    front_matter::RULES,
    general::RULES,
    images::RULES,
    links::RULES,
    lists::RULES,
    markup::RULES,
    online::RULES,
    parity::RULES,
    structure::RULES,
];

/// Every rule, sorted by id.
pub static RULES: LazyLock<Vec<RuleEntry>> = LazyLock::new(|| {
    let mut entries: Vec<RuleEntry> = CATEGORIES
        .iter()
        .flat_map(|category| category.iter())
        .map(|definition| RuleEntry {
            meta: RuleMeta::from_doc(definition.id, definition.category, definition.doc),
            build: definition.build,
        })
        .collect();
    entries.sort_by_key(|entry| entry.meta.id);
    entries
});

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
    /// The translation's index among the site's documents.
    pub index: usize,
    pub alignments: &'a Alignments,
}

impl<'a> TranslationContext<'a> {
    /// The translation aligned with its source page, built on first use and shared by every
    /// rule.
    pub fn alignment(&self) -> &'a PageAlignment {
        static NONE: LazyLock<PageAlignment> = LazyLock::new(PageAlignment::default);
        self.alignments.get(self.site, self.index).unwrap_or(&NONE)
    }

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
    pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, ItemKind, Presence};
    pub use crate::model::*;
    pub use crate::source::Span;
}

/// The registry entry of a rule id.
pub fn find(id: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|entry| entry.meta.id == id)
}

/// Whether `selector` names this rule: its id, its category, or `ALL`.
pub fn selects(selector: &str, meta: &RuleMeta) -> bool {
    selector == "ALL" || selector == meta.id || selector == meta.category
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every declared rule has a doc with valid metadata, and every doc a declared rule.
    #[test]
    fn rules_and_docs_agree() {
        let mut problems = Vec::new();
        for definition in CATEGORIES.iter().flat_map(|category| category.iter()) {
            let id = definition.id;
            if definition.module.replace('_', "-") != id {
                problems.push(format!(
                    "module `{}` must be named after `{id}`",
                    definition.module
                ));
            }
            let meta: Vec<_> = doc_front_matter(definition.doc).collect();
            let get = |key: &str| meta.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            if get("id") != Some(id) {
                problems.push(format!("rules/{id}.md: front matter `id` must be `{id}`"));
            }
            if get("category") != Some(definition.category) {
                problems.push(format!(
                    "rules/{id}.md: `category` must be `{}` (the rule's folder)",
                    definition.category
                ));
            }
            if !matches!(get("severity"), Some("info" | "warning" | "error")) {
                problems.push(format!(
                    "rules/{id}.md: `severity` must be info, warning or error"
                ));
            }
            if !matches!(get("fix"), Some("none" | "safe" | "unsafe" | "safe/unsafe")) {
                problems.push(format!(
                    "rules/{id}.md: `fix` must be none, safe, unsafe or safe/unsafe"
                ));
            }
            if get("summary").is_none_or(str::is_empty) {
                problems.push(format!("rules/{id}.md: `summary` is missing"));
            }
        }
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        for doc in std::fs::read_dir(docs).expect("rules/ is readable") {
            let name = doc.expect("rules/ is readable").file_name();
            let Some(id) = name.to_str().and_then(|name| name.strip_suffix(".md")) else {
                continue;
            };
            if find(id).is_none() {
                problems.push(format!(
                    "rules/{id}.md documents no rule: declare it in src/rules/<category>/mod.rs"
                ));
            }
        }
        let folders = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for folder in std::fs::read_dir(folders).expect("src/rules is readable") {
            let folder = folder.expect("src/rules is readable").path();
            for file in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = file.path();
                let Some(module) = path.file_stem().and_then(|stem| stem.to_str()) else {
                    continue;
                };
                if module != "mod" && find(&module.replace('_', "-")).is_none() {
                    problems.push(format!("{} is not declared in its mod.rs", path.display()));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
