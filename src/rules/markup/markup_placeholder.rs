//! `{a2}…{/a2}`, `%1$s`: a translation tool's placeholder where the source page has markup.

use crate::align::block_at;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, MarkupPlaceholder)
}

struct MarkupPlaceholder;

impl Rule for MarkupPlaceholder {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source.document, context.translation.document);
        let alignment = context.alignment();
        for broken in &translation.broken_markup {
            // `{a1}…{/a1}` is one placeholder pair: reported at its opening.
            if broken.cause != MarkupBreak::Placeholder || closes_a_pair(broken) {
                continue;
            }
            let Some(source_block) = block_at(translation, broken.span.start)
                .and_then(|block| alignment.source_block(block))
            else {
                continue;
            };
            let block = &source.blocks[source_block];
            if block.links.is_empty() && block.images.is_empty() {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    broken.span.clone(),
                    "a translation tool's placeholder stands where the source page has a link or image: the page shows it as text",
                )
                .label("placeholder left by a translation tool")
                .help("write the source's markup here instead of the placeholder")
                .related(
                    context.source.path(),
                    block.span.clone(),
                    format!("`{}` has the markup here", context.source.path()),
                ),
            );
        }
    }
}

/// `{/a1}`: the closing placeholder of a pair (the parser marks it with the remains `/`).
fn closes_a_pair(broken: &BrokenMarkup) -> bool {
    broken.remains.as_deref() == Some("/")
}
