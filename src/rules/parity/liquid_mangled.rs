//! Liquid whose delimiters are broken: `{ % include x % }`, `{{ x } }`, an unclosed `{%`.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LiquidMangled)
}

struct LiquidMangled;

impl Rule for LiquidMangled {
    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        for broken in &page.document.broken_liquid {
            let (opening, closing) = match broken.kind {
                LiquidKind::Tag => ("{%", "%}"),
                LiquidKind::Output => ("{{", "}}"),
            };
            let written = &context.text[broken.span.clone()];
            let repaired = format!("{opening} {} {closing}", broken.content);
            let diagnostic = match broken.problem {
                LiquidBreak::SpacedDelimiter => Diagnostic::new(
                    page.path(),
                    broken.span.clone(),
                    format!(
                        "`{written}` is not Liquid: a space inside `{opening}` or `{closing}` makes the page show it as text"
                    ),
                )
                .label(format!("expected `{repaired}`"))
                .help(format!("write `{repaired}`, without a space inside the delimiters"))
                .fix(Fix::safe(format!("write `{repaired}`"), vec![Edit {
                        span: broken.span.clone(),
                        replacement: repaired,
                    }])),
                LiquidBreak::Unclosed => Diagnostic::new(
                    page.path(),
                    broken.span.clone(),
                    format!("`{opening}` is never closed with `{closing}`: the site does not build"),
                )
                .label(format!("`{closing}` missing"))
                .help(format!("close the tag with `{closing}`")),
            };
            diagnostics.push(diagnostic);
        }
    }
}
