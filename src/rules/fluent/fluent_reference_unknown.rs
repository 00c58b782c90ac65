//! `{ other-message }`, `{ msg.attr }` and `{ -term }` references to nothing in the locale.

use crate::model::fluent::{FluentEntry, Reference, ReferenceKind};
use crate::rules::fluent_bundle::{LocaleBundle, locale_bundles};
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentReferenceUnknown)
}

struct FluentReferenceUnknown;

impl Rule for FluentReferenceUnknown {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        for bundle in locale_bundles(context.site) {
            for page in &bundle.pages {
                let Some(fluent) = &page.document.fluent else {
                    continue;
                };
                let patterns = fluent.entries.iter().flat_map(|entry| {
                    entry
                        .value
                        .iter()
                        .chain(entry.attributes.iter().map(|attribute| &attribute.value))
                });
                for reference in patterns.flat_map(|pattern| &pattern.references) {
                    if let Some(diagnostic) = self.check(&bundle, page.path(), reference) {
                        diagnostics.push(diagnostic);
                    }
                }
            }
        }
    }
}

impl FluentReferenceUnknown {
    fn check(
        &self,
        bundle: &LocaleBundle,
        path: &str,
        reference: &Reference,
    ) -> Option<Diagnostic> {
        let is_term = reference.kind == ReferenceKind::Term;
        let (written, what) = if is_term {
            (format!("-{}", reference.id), "term")
        } else {
            (reference.id.clone(), "message")
        };
        let locale = bundle.describe();
        if bundle.is_broken(&reference.id, is_term) {
            return None;
        }
        let Some(definition) = bundle.definition(&reference.id, is_term) else {
            let diagnostic = Diagnostic::new(
                path,
                reference.span.clone(),
                format!("{what} `{written}` is not defined in {locale}"),
            )
            .label(format!("unknown {what}"));
            let help = match closest(&reference.id, bundle.ids(is_term), Tolerance::Name) {
                Some(id) if is_term => format!("did you mean `-{id}`?"),
                Some(id) => format!("did you mean `{id}`?"),
                None => format!(
                    "define `{written}` in a Fluent file of {}, or fix the reference",
                    bundle.where_to_define()
                ),
            };
            return Some(diagnostic.help(help));
        };
        let attribute = reference.attribute.as_deref()?;
        if has_attribute(definition.entry, attribute) {
            return None;
        }
        let names = definition
            .entry
            .attributes
            .iter()
            .map(|known| known.name.as_str());
        let help = match closest(attribute, names, Tolerance::Name) {
            Some(name) => format!("did you mean `.{name}`?"),
            None => format!("add `.{attribute}` to `{written}` in {locale}, or fix the reference"),
        };
        Some(
            Diagnostic::new(
                path,
                reference.span.clone(),
                format!("{what} `{written}` has no attribute `.{attribute}` in {locale}"),
            )
            .label("unknown attribute")
            .help(help),
        )
    }
}

fn has_attribute(entry: &FluentEntry, name: &str) -> bool {
    entry
        .attributes
        .iter()
        .any(|attribute| attribute.name == name)
}
