//! A message of a translation that the source Fluent file no longer has.

use crate::rules::prelude::*;

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentMessageObsolete)
}

struct FluentMessageObsolete;

impl Rule for FluentMessageObsolete {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (Some(source), Some(translation)) = (
            &context.source.document.fluent,
            &context.translation.document.fluent,
        ) else {
            return;
        };
        // A translation may define terms of its own (grammatical forms of a brand name).
        let messages = translation.entries.iter().filter(|entry| !entry.is_term);
        for entry in messages {
            let broken_in_source = source
                .junk
                .iter()
                .any(|junk| junk.entry_id == Some((entry.id.clone(), false)));
            if source.find(&entry.id, false).is_some() || broken_in_source {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                context.translation.path(),
                entry.id_span.clone(),
                format!(
                    "message `{}` is not in the source file `{}`",
                    entry.id,
                    context.source.path()
                ),
            )
            .label("obsolete");
            let unmatched_source_ids = source
                .entries
                .iter()
                .filter(|candidate| !candidate.is_term && translation.find(&candidate.id, false).is_none())
                .map(|candidate| candidate.id.as_str());
            diagnostic = match crate::rules::suggest::closest(&entry.id, unmatched_source_ids) {
                Some(id) => diagnostic.help(format!("did you mean `{id}`? Ids are never translated")),
                None => diagnostic.help("remove it: the application no longer asks for it"),
            };
            diagnostics.push(diagnostic);
        }
    }
}
