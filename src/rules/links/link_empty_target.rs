//! `[text]()`: a link with nothing to go to.

use crate::rules::link_syntax::is_markdown;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkEmptyTarget)
}

struct LinkEmptyTarget;

impl Rule for LinkEmptyTarget {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        if !is_markdown(page) {
            return;
        }
        for link in &page.document.links {
            if link.kind != LinkKind::Inline || link.has_liquid || !link.target.trim().is_empty() {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    link.span.clone(),
                    format!("the link `{}` has an empty target", link.text),
                )
                .label("empty target")
                .help("write the address between the parentheses, or remove the link"),
            );
        }
    }
}
