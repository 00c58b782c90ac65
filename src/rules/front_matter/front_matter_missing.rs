//! A translation without front matter where its source page has some.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterMissing)
}

struct FrontMatterMissing;

impl Rule for FrontMatterMissing {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(source) = context.source.document.front_matter.parsed() else {
            return;
        };
        if context.translation.document.front_matter.exists() {
            return;
        }
        let keys: Vec<String> = source
            .entries
            .iter()
            .map(|entry| format!("`{}`", entry.key))
            .collect();
        diagnostics.push(
            Diagnostic::new(
                context.translation.path(),
                0..0,
                "this page has no front matter, but its source page has",
            )
            .label("front matter expected here")
            .help(format!(
                "copy the front matter block from `{}` to the top of this file and translate its text ({})",
                context.source.path(),
                keys.join(", ")
            ))
            .related(
                context.source.path(),
                source.block.clone(),
                format!("`{}` starts with this front matter", context.source.path()),
            ),
        );
    }
}
