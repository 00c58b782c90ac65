//! A message or term defined twice in one Fluent file, or in a locale's file and a shared
//! resource.

use crate::rules::fluent_bundle::{BundleScope, locale_bundles};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentDuplicateId)
}

struct FluentDuplicateId;

impl Rule for FluentDuplicateId {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(fluent) = &context.page.document.fluent else {
            return;
        };
        for (index, entry) in fluent.entries.iter().enumerate() {
            if !fluent.is_duplicate(index) {
                continue;
            }
            let Some(first) = fluent.find(&entry.id, entry.is_term) else {
                continue;
            };
            let written = &context.text[entry.id_span.clone()];
            diagnostics.push(
                Diagnostic::new(
                    context.page.path(),
                    entry.id_span.clone(),
                    format!("`{written}` is defined a second time in this file"),
                )
                .label("defined again")
                .help("remove one definition or give it another id: only one of them is used")
                .related(
                    context.page.path(),
                    first.id_span.clone(),
                    "first defined here",
                ),
            );
        }
    }

    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        for bundle in locale_bundles(context.site) {
            if !matches!(bundle.scope, BundleScope::Locale(_)) {
                continue;
            }
            for page in &bundle.pages {
                let Some(fluent) = &page.document.fluent else {
                    continue;
                };
                for entry in &fluent.entries {
                    let Some(shared) = bundle
                        .definition(&entry.id, entry.is_term)
                        .filter(|definition| definition.shared)
                    else {
                        continue;
                    };
                    let written = if entry.is_term {
                        format!("-{}", entry.id)
                    } else {
                        entry.id.clone()
                    };
                    diagnostics.push(
                        Diagnostic::new(
                            page.path(),
                            entry.id_span.clone(),
                            format!(
                                "`{written}` is already defined in the shared resource `{}`",
                                shared.path
                            ),
                        )
                        .label("defined again")
                        .help(
                            "remove this definition or rename it: the bundle keeps the shared one \
                             and refuses this one (fluent-templates fails to load the locale)",
                        )
                        .related(
                            shared.path,
                            shared.entry.id_span.clone(),
                            "shared definition",
                        ),
                    );
                }
            }
        }
    }
}
