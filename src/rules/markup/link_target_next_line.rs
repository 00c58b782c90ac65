//! `[text]` ending a line and `(https://…)` starting the next: a link split by a line break.

use crate::rules::lost_markup::{repair, source_counterpart};
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkTargetNextLine)
}

struct LinkTargetNextLine;

impl Rule for LinkTargetNextLine {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        for broken in &context.translation.document.broken_markup {
            if broken.cause != MarkupBreak::TargetOnNextLine {
                continue;
            }
            let Some(counterpart) = source_counterpart(context, broken) else {
                continue;
            };
            let target = broken.remains.as_deref().unwrap_or_default();
            let mut diagnostic = Diagnostic::new(
                context.translation.path(),
                broken.span.clone(),
                format!("a line break between `]` and `(` breaks this link to `{target}`: it shows as text"),
            )
            .label("`(` must follow `]` on the same line")
            .help("join the lines so that `(` follows `]` directly")
            .related(
                context.source.path(),
                counterpart,
                format!("`{}` links to `{target}` here", context.source.path()),
            );
            if let Some(fix) = repair(broken, "join `]` and `(`", true) {
                diagnostic = diagnostic.fix(fix);
            }
            diagnostics.push(diagnostic);
        }
    }
}
