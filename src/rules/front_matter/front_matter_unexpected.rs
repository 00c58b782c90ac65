//! A translation with front matter where its source page has none.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterUnexpected)
}

struct FrontMatterUnexpected;

impl Rule for FrontMatterUnexpected {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        if context.source.document.front_matter.exists() {
            return;
        }
        let opening = match &context.translation.document.front_matter {
            FrontMatterBlock::Present(front_matter) => front_matter.opening.clone(),
            FrontMatterBlock::Invalid { block, .. } => block.start..block.start + 3,
            FrontMatterBlock::Unclosed { opening } => opening.clone(),
            FrontMatterBlock::Absent => return,
        };
        diagnostics.push(
            Diagnostic::new(
                context.translation.path(),
                opening,
                "this page has front matter, but its source page has none",
            )
            .label("front matter starts here")
            .help(format!(
                "remove the front matter, or add it to `{}` first: the site may build this page differently",
                context.source.path()
            ))
            .related(
                context.source.path(),
                0..0,
                format!("`{}` has no front matter", context.source.path()),
            ),
        );
    }
}
