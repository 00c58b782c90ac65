//! Text of a Fluent resource that does not parse: the entry is skipped at runtime.

use crate::model::fluent::FluentErrorKind;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FluentSyntaxError)
}

struct FluentSyntaxError;

impl Rule for FluentSyntaxError {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(fluent) = &context.page.document.fluent else {
            return;
        };
        for junk in &fluent.junk {
            let entry = match &junk.entry_id {
                Some((id, true)) => format!("term `-{id}`"),
                Some((id, false)) => format!("message `{id}`"),
                None => "this entry".to_owned(),
            };
            let (message, help) = if junk.kind == FluentErrorKind::MissingDefaultVariant {
                (
                    format!("a select expression in {entry} has no default variant"),
                    "mark the variant used for every other case with `*`, e.g. `*[other]`"
                        .to_owned(),
                )
            } else {
                (
                    format!("Fluent syntax error in {entry}: {}", junk.message),
                    "fix the syntax: until then the whole entry is skipped".to_owned(),
                )
            };
            diagnostics.push(
                Diagnostic::new(context.page.path(), junk.error_span.clone(), message)
                    .label(junk.message.clone())
                    .help(help)
                    .related(
                        context.page.path(),
                        junk.span.clone(),
                        "the parser skips all of this",
                    ),
            );
        }
    }
}
