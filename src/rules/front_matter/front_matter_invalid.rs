//! Front matter that does not parse, is never closed, or is not a mapping.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterInvalid)
}

struct FrontMatterInvalid;

impl Rule for FrontMatterInvalid {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let path = context.page.path();
        match &context.page.document.front_matter {
            FrontMatterBlock::Unclosed { opening } => diagnostics.push(
                Diagnostic::new(path, opening.clone(), "front matter is opened but never closed")
                    .label("opened here")
                    .help("end the front matter with a line that holds only `---`"),
            ),
            FrontMatterBlock::Invalid { error, message, .. } => diagnostics.push(
                Diagnostic::new(path, error.clone(), format!("front matter is not valid YAML: {message}"))
                    .label("here")
                    .help("fix the YAML so that each line is `key: value`; quote values that contain `: ` or start with a special character"),
            ),
            FrontMatterBlock::Absent | FrontMatterBlock::Present(_) => {}
        }
    }
}
