//! `标题？{#id}`, `## Title {#1x}`: an explicit heading id kramdown does not read.

use crate::rules::lost_markup::repair;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, HeadingIdUnread)
}

struct HeadingIdUnread;

impl Rule for HeadingIdUnread {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        for broken in &page.document.broken_markup {
            if broken.cause != MarkupBreak::UnreadId {
                continue;
            }
            let id = broken.remains.as_deref().unwrap_or_default();
            let (message, help) = if broken.repair.is_empty() {
                (
                    format!(
                        "kramdown reads no id from `{{#{id}}}`: an id starts with a letter and holds only letters, digits, `_`, `-` and `:`; the heading shows `{{#{id}}}` as text"
                    ),
                    "write an id that starts with an ASCII letter".to_owned(),
                )
            } else {
                (
                    format!(
                        "kramdown reads `{{#{id}}}` only after a space: the heading shows it as text and gets an automatic id, so links to `#{id}` do not reach it"
                    ),
                    format!("put a space before `{{#{id}}}`"),
                )
            };
            let mut diagnostic = Diagnostic::new(page.path(), broken.span.clone(), message)
                .label("not read as an id")
                .help(help);
            if let Some(fix) = repair(broken, "add a space before the id", true) {
                diagnostic = diagnostic.fix(fix);
            }
            diagnostics.push(diagnostic);
        }
    }
}
