//! `{ -brand(case: "genitive") }` passing an argument that the term never reads in that locale.

use crate::model::fluent::ReferenceKind;
use crate::rules::fluent_bundle::{BundleScope, locale_bundles};
use crate::rules::prelude::*;
use crate::suggest::{Tolerance, closest};
use std::collections::BTreeSet;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentTermArgument)
}

struct FluentTermArgument;

impl Rule for FluentTermArgument {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        for bundle in locale_bundles(context.site) {
            let locale = match bundle.scope {
                BundleScope::Locale(locale) => format!("`{locale}`"),
                BundleScope::Shared => "the shared resources".to_owned(),
                BundleScope::Unplaced => "this file".to_owned(),
            };
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
                let term_references = patterns
                    .flat_map(|pattern| &pattern.references)
                    .filter(|reference| reference.kind == ReferenceKind::Term);
                for reference in term_references {
                    let Some(definition) = bundle.definition(&reference.id, true) else {
                        continue;
                    };
                    // From a shared resource, a term of the locales is each locale's own.
                    if bundle.scope == BundleScope::Shared && !definition.shared {
                        continue;
                    }
                    let term = definition.entry;
                    // Arguments reach the term's value and attributes as variables.
                    let parameters: BTreeSet<&str> = term
                        .value
                        .iter()
                        .chain(term.attributes.iter().map(|attribute| &attribute.value))
                        .flat_map(|pattern| pattern.variable_names())
                        .collect();
                    for argument in &reference.named_arguments {
                        if parameters.contains(argument.name.as_str()) {
                            continue;
                        }
                        let help = match closest(
                            &argument.name,
                            parameters.iter().copied(),
                            Tolerance::Name,
                        ) {
                            Some(name) => format!("did you mean `{name}`?"),
                            None if parameters.is_empty() => format!(
                                "remove the argument: `-{}` has no variants to select in {locale}",
                                reference.id
                            ),
                            None => format!(
                                "pass one of {}",
                                parameters
                                    .iter()
                                    .map(|name| format!("`{name}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        diagnostics.push(
                            Diagnostic::new(
                                page.path(),
                                argument.span.clone(),
                                format!(
                                    "term `-{}` never reads the argument `{}` in {locale}",
                                    reference.id, argument.name
                                ),
                            )
                            .label("ignored argument")
                            .help(help)
                            .related(
                                definition.path,
                                term.id_span.clone(),
                                format!("`-{}` is defined here", reference.id),
                            ),
                        );
                    }
                }
            }
        }
    }
}
