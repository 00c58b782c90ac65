//! `[文本]（#id）`, `！[alt](img.png)`: full-width punctuation where Markdown needs ASCII.

use crate::rules::lost_markup::repair;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkFullWidthPunctuation)
}

struct LinkFullWidthPunctuation;

impl Rule for LinkFullWidthPunctuation {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        for broken in &page.document.broken_markup {
            if broken.cause != MarkupBreak::FullWidth {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                page.path(),
                broken.span.clone(),
                "full-width punctuation (`！［］（）`) is not Markdown: this link shows as text",
            )
            .label("full-width punctuation")
            .help("write the link with ASCII `[`, `]`, `(`, `)` (and `!` for an image)");
            if let Some(fix) = repair(broken, "write ASCII punctuation", true) {
                diagnostic = diagnostic.fix(fix);
            }
            diagnostics.push(diagnostic);
        }
    }
}
