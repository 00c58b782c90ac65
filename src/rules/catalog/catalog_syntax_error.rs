//! A YAML catalog that does not parse: the site generator fails or loses every key after it.

use crate::rules::prelude::*;

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, CatalogSyntaxError)
}

struct CatalogSyntaxError;

impl Rule for CatalogSyntaxError {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(error) = context
            .page
            .document
            .catalog
            .as_ref()
            .and_then(|catalog| catalog.error.as_ref())
        else {
            return;
        };
        diagnostics.push(
            Diagnostic::new(
                context.page.path(),
                error.span.clone(),
                format!("YAML syntax error: {}", error.message),
            )
            .label("the parser stops here")
            .help("fix the syntax (quote values that contain `: ` or start with a special character)"),
        );
    }
}
