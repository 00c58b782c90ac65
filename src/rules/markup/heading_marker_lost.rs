//! `###Title` (no space after the `#`s) and `Title {#id}` without its `#`s: a heading that
//! renders as a paragraph.

use crate::rules::lost_markup::repair;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, HeadingMarkerLost)
}

struct HeadingMarkerLost;

impl Rule for HeadingMarkerLost {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = &context.page;
        let source = context.source();
        for broken in &page.document.broken_markup {
            let diagnostic = match broken.cause {
                MarkupBreak::HeadingWithoutSpace => {
                    let mut diagnostic = Diagnostic::new(
                        page.path(),
                        broken.span.clone(),
                        "no space after the `#`s: this line is a paragraph, not a heading",
                    )
                    .label("a space must follow the `#`s")
                    .help("put a space after the `#`s");
                    if let Some(fix) = repair(broken, "add a space after the `#`s", true) {
                        diagnostic = diagnostic.fix(fix);
                    }
                    diagnostic
                }
                MarkupBreak::HeadingWithoutMarker => {
                    let id = broken.remains.as_deref().unwrap_or_default();
                    let source_heading = source.and_then(|source| {
                        source
                            .document
                            .headings
                            .iter()
                            .find(|heading| {
                                heading
                                    .explicit_id
                                    .as_ref()
                                    .is_some_and(|anchor| anchor.id == id)
                            })
                            .map(|heading| (source, heading))
                    });
                    let mut diagnostic = Diagnostic::new(
                        page.path(),
                        broken.span.clone(),
                        format!("this line ends with `{{#{id}}}` but is no heading: the `#`s are missing, so it shows `{{#{id}}}` as text and links to `#{id}` do not reach it"),
                    )
                    .label("the heading's `#`s are missing")
                    .help("start the line with the `#`s of its level and a space");
                    if let Some((source, heading)) = source_heading {
                        let marker = format!("{} ", "#".repeat(usize::from(heading.level)));
                        diagnostic = diagnostic
                            .related(
                                source.path(),
                                heading.span.clone(),
                                format!("`{}` has this heading here", source.path()),
                            )
                            .fix(Fix::unsafe_(
                                format!("start the line with `{}`", marker.trim_end()),
                                vec![Edit {
                                    span: broken.span.start..broken.span.start,
                                    replacement: marker,
                                }],
                            ));
                    }
                    diagnostic
                }
                _ => continue,
            };
            diagnostics.push(diagnostic);
        }
    }
}
