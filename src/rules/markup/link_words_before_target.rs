//! `[Liberapay] 捐款(https://…)`, `[text] (<https://…>)`: words or spaces between `]` and `(`
//! of a link the source page has.

use crate::rules::lost_markup::{repair, source_counterpart};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkWordsBeforeTarget)
}

struct LinkWordsBeforeTarget;

impl Rule for LinkWordsBeforeTarget {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        for broken in &context.translation.document.broken_markup {
            if broken.cause != MarkupBreak::WordsBeforeTarget {
                continue;
            }
            let Some(counterpart) = source_counterpart(context, broken) else {
                continue;
            };
            let target = broken.remains.as_deref().unwrap_or_default();
            // Only spaces between `]` and `(` are repaired from the text alone.
            let spaces_only = !broken.repair.is_empty();
            let (message, help) = if spaces_only {
                (
                    format!(
                        "a space between `]` and `(` breaks this link to `{target}`: it shows as text"
                    ),
                    "remove the space so that `(` follows `]` directly",
                )
            } else {
                (
                    format!(
                        "text between `]` and `(` breaks this link to `{target}`: it shows as text"
                    ),
                    "move the words into the brackets or after the link: `[text](target) words`",
                )
            };
            let mut diagnostic =
                Diagnostic::new(context.translation.path(), broken.span.clone(), message)
                    .label("`(` must follow `]` directly")
                    .help(help)
                    .related(
                        context.source.path(),
                        counterpart,
                        format!("`{}` links to `{target}` here", context.source.path()),
                    );
            if let Some(fix) = repair(broken, "remove the space before `(`", true) {
                diagnostic = diagnostic.fix(fix);
            }
            diagnostics.push(diagnostic);
        }
    }
}
