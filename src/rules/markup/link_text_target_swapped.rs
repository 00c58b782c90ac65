//! `[https://x.org](translated words)`: the address written as the text, the words as target.

use crate::rules::lost_markup::is_swapped;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkTextTargetSwapped)
}

struct LinkTextTargetSwapped;

impl Rule for LinkTextTargetSwapped {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let source = context.source.document;
        for link in context
            .translation
            .document
            .links
            .iter()
            .filter(|link| is_swapped(link))
        {
            let address = link.text.trim();
            let Some(counterpart) = source.links.iter().find(|source_link| {
                source_link.target.trim().trim_end_matches('/') == address.trim_end_matches('/')
            }) else {
                continue;
            };
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    link.span.clone(),
                    format!(
                        "this link's text and target are swapped: it goes to `{}`, not to `{address}`",
                        link.target
                    ),
                )
                .label("text and target swapped")
                .help(format!("write `[{}]({address})`", link.target))
                .related(
                    context.source.path(),
                    counterpart.span.clone(),
                    format!("`{}` links to `{address}` here", context.source.path()),
                )
                .fix(Fix::unsafe_(
                    "swap the text and the target",
                    vec![
                        Edit {
                            span: link.text_span.clone(),
                            replacement: link.target.clone(),
                        },
                        Edit {
                            span: link.target_span.clone(),
                            replacement: address.to_owned(),
                        },
                    ],
                )),
            );
        }
    }
}
