//! `[label]: target` that no link uses.

use crate::rules::link_syntax::{is_markdown, is_skipped, normalize_label};
use crate::rules::prelude::*;
use std::collections::HashSet;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ReferenceUnused)
}

struct ReferenceUnused;

impl Rule for ReferenceUnused {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        let document = page.document;
        if !is_markdown(page) {
            return;
        }
        let used: HashSet<String> = document
            .links
            .iter()
            .filter_map(|link| link.reference.as_deref())
            .map(normalize_label)
            .collect();
        for definition in &document.link_definitions {
            let used_by_image = document.images.iter().any(|image| {
                image.kind == ImageKind::Markdown && image.src_span == definition.target_span
            });
            if used.contains(&normalize_label(&definition.label))
                || used_by_image
                || is_skipped(document, &definition.span)
            {
                continue;
            }
            let label = &definition.label;
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    definition.span.clone(),
                    format!("no link on this page uses the definition `[{label}]`"),
                )
                .label("unused definition")
                .help(format!(
                    "link to it with `[text][{label}]`, or remove the definition if the page no longer needs it"
                )),
            );
        }
    }
}
