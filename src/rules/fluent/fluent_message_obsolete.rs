//! A message of a translation that the source Fluent file no longer has.

use crate::rules::prelude::*;
use crate::suggest::{SuggestionIndex, Tolerance};
use std::collections::HashSet;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
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
        let broken_in_source: HashSet<&str> = source
            .junk
            .iter()
            .filter_map(|junk| match &junk.entry_id {
                Some((id, false)) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        // Built on the first obsolete message: the source's messages the translation lacks.
        let mut unmatched_source_ids = None;
        for entry in messages {
            if source.find(&entry.id, false).is_some()
                || broken_in_source.contains(entry.id.as_str())
            {
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
            let unmatched_source_ids = unmatched_source_ids.get_or_insert_with(|| {
                SuggestionIndex::new(
                    source
                        .entries
                        .iter()
                        .filter(|candidate| {
                            !candidate.is_term && translation.find(&candidate.id, false).is_none()
                        })
                        .map(|candidate| candidate.id.as_str()),
                )
            });
            diagnostic = match unmatched_source_ids.closest(&entry.id, Tolerance::Name) {
                Some(id) => {
                    diagnostic.help(format!("did you mean `{id}`? Ids are never translated"))
                }
                None => diagnostic.help("remove it: the application no longer asks for it"),
            };
            diagnostics.push(diagnostic);
        }
    }
}
