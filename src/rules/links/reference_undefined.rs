//! `[text][label]` whose label has no definition: it shows as plain text with brackets.

use crate::rules::link_syntax::{is_markdown, is_skipped, normalize_label};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ReferenceUndefined)
}

struct ReferenceUndefined;

impl Rule for ReferenceUndefined {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        if !is_markdown(&page) {
            return;
        }
        let source = context.source();
        for reference in &page.document.unresolved_references {
            if is_skipped(page.document, &reference.span) {
                continue;
            }
            let label = &reference.label;
            let source_definition = source.and_then(|source| {
                source
                    .document
                    .link_definitions
                    .iter()
                    .find(|definition| normalize_label(&definition.label) == normalize_label(label))
                    .map(|definition| (source, definition))
            });
            let mut diagnostic = Diagnostic::new(
                page.path(),
                reference.span.clone(),
                format!("no link definition `[{label}]: …` on this page, so this link shows as plain text"),
            )
            .label("undefined reference");
            diagnostic = match source_definition {
                Some((source, definition)) => diagnostic
                    .help(format!(
                        "add `[{label}]: {}` as in the source page, or correct the label",
                        definition.target
                    ))
                    .related(
                        source.path(),
                        definition.span.clone(),
                        format!("`{}` defines `[{label}]` here", source.path()),
                    ),
                None => diagnostic.help(format!(
                    "add a line `[{label}]: <address>`, or correct the label to one defined on this page"
                )),
            };
            diagnostics.push(diagnostic);
        }
    }
}
