//! A front matter key in the translation that the source page does not have.

use crate::rules::prelude::*;

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterExtraKey)
}

struct FrontMatterExtraKey;

impl Rule for FrontMatterExtraKey {
    fn id(&self) -> &'static str {
        "front-matter-extra-key"
    }

    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            context.source.document.front_matter.parsed(),
            context.translation.document.front_matter.parsed(),
        ) else {
            return;
        };
        for entry in &translation.entries {
            if source.get(&entry.key).is_some() {
                continue;
            }
            let similar = source
                .entries
                .iter()
                .filter(|candidate| translation.get(&candidate.key).is_none())
                .find(|candidate| strsim::damerau_levenshtein(&candidate.key, &entry.key) <= 2);
            let help = match similar {
                Some(candidate) => format!(
                    "did you mean `{}`? The source page has that key and this page lacks it",
                    candidate.key
                ),
                None => format!(
                    "remove `{}`, or add it to `{}` first",
                    entry.key,
                    context.source.path()
                ),
            };
            diagnostics.push(
                Diagnostic::new(
                    self.id(),
                    context.translation.path(),
                    entry.key_span.clone(),
                    format!("front matter has `{}`, which the source page does not", entry.key),
                )
                .label("not in the source page")
                .help(help)
                .related(
                    context.source.path(),
                    source.opening.clone(),
                    format!("`{}` front matter has no `{}`", context.source.path(), entry.key),
                ),
            );
        }
    }
}
