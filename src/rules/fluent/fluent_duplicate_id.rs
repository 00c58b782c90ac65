//! A message or term defined twice in one Fluent file.

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
                .related(context.page.path(), first.id_span.clone(), "first defined here"),
            );
        }
    }
}
