//! `["text]](url)`, `text](url)`, `!alt](img.png)`: a bracket doubled or missing.

use crate::rules::lost_markup::repair;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkBracketsMangled)
}

struct LinkBracketsMangled;

impl Rule for LinkBracketsMangled {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        for broken in &page.document.broken_markup {
            if broken.cause != MarkupBreak::Brackets {
                continue;
            }
            let remains = broken.remains.as_deref().unwrap_or_default();
            let mut diagnostic = Diagnostic::new(
                page.path(),
                broken.span.clone(),
                format!("`]({remains})` has no matching `[`: this link shows as text"),
            )
            .label("brackets do not pair")
            .help("write the link as `[text](target)` (an image as `![alt](path)`)");
            if let Some(fix) = repair(broken, "restore the brackets", false) {
                diagnostic = diagnostic.fix(fix);
            }
            diagnostics.push(diagnostic);
        }
    }
}
