//! An explicit heading id of the source page missing or changed in the translation.

use crate::align::{PageAlignment, Place};
use crate::diagnostic::{ItemKind, Presence};
use crate::rules::prelude::*;
use crate::rules::site_targets::Written;
use crate::site::urls::{Resolution, Target};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, HeadingIdParity)
}

struct HeadingIdParity;

impl Rule for HeadingIdParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source.document, context.translation.document);
        if source.redirect.is_some() || translation.redirect.is_some() {
            return;
        }
        let alignment = context.alignment();
        for (source_heading, heading) in source.headings.iter().enumerate() {
            let Some(expected) = &heading.explicit_id else {
                continue;
            };
            // A deep link works as long as the id exists somewhere on the page; an id still
            // written as text is the `markup` rules' finding (`heading-id-unread`,
            // `heading-marker-lost`).
            if translation.anchor_ids().any(|id| id == expected.id)
                || translation
                    .broken_markup
                    .iter()
                    .any(|broken| broken.remains.as_deref() == Some(expected.id.as_str()))
            {
                continue;
            }
            let related = |diagnostic: Diagnostic| {
                diagnostic
                    .related(
                        context.source.path(),
                        expected.span.clone(),
                        format!(
                            "`{}` has `{{#{}}}` here",
                            context.source.path(),
                            expected.id
                        ),
                    )
                    .compared(ItemKind::HeadingId, &expected.id, Presence::Missing)
            };
            let diagnostic = match alignment.heading(source_heading) {
                Some(t) => {
                    let found = &translation.headings[t];
                    let certain = alignment.is_certain(source_heading);
                    match &found.explicit_id {
                        Some(written) => changed_id(context, expected, written, certain),
                        None => missing_id(context, heading, expected, found, certain),
                    }
                }
                None => dropped_heading(context, alignment, source_heading, expected),
            };
            diagnostics.push(related(diagnostic));
        }
    }
}

fn changed_id(
    context: &TranslationContext,
    expected: &Anchor,
    written: &Anchor,
    certain: bool,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        context.translation.path(),
        written.span.clone(),
        format!(
            "heading id `{}` differs from the source's `{}`: links to `#{}` do not reach this heading",
            written.id, expected.id, expected.id
        ),
    )
    .label(format!("expected `{}`", expected.id))
    .help(format!(
        "write `{{#{}}}`: heading ids are part of the page's URLs and stay untranslated",
        expected.id
    ));
    // The page's own links to the translated id are renamed with it; links from other pages
    // would break, so then there is no fix.
    let Some(link_edits) = own_links_to(context, &written.id) else {
        return diagnostic;
    };
    let mut edits = vec![Edit {
        span: written.span.clone(),
        replacement: expected.id.clone(),
    }];
    edits.extend(link_edits.into_iter().map(|span| Edit {
        span,
        replacement: expected.id.clone(),
    }));
    let description = match edits.len() - 1 {
        0 => format!("restore the id `{}`", expected.id),
        links => format!(
            "restore the id `{}` and rename {} to it",
            expected.id,
            crate::diagnostic::plural(links, "link", "links")
        ),
    };
    let applicability = if certain {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    diagnostic.fix(Fix::new(applicability, description, edits))
}

/// The spans of the fragments (`grupos` in `#grupos`) of the translation's links to its own
/// id `id`; `None` when another page links to that id, or a link to it cannot be renamed
/// exactly (a percent-encoded fragment, Liquid).
fn own_links_to(context: &TranslationContext, id: &str) -> Option<Vec<Span>> {
    let site = context.site;
    let here = context.translation.path();
    let reaches_id = |page: &str, link: &Link| match Written::link(link).classify(site, page) {
        Some(Target::SamePage { fragment }) => fragment == id,
        Some(Target::Local {
            resolution: Resolution::File(file),
            fragment: Some(fragment),
        }) => file == here && fragment == id,
        _ => false,
    };
    for page in site.pages() {
        if page.path() != here
            && page
                .document
                .links
                .iter()
                .any(|link| reaches_id(page.path(), link))
        {
            return None;
        }
    }
    let mut spans = Vec::new();
    for link in &context.translation.document.links {
        if !reaches_id(here, link) {
            continue;
        }
        // Reference links share their definition's target: rename it once.
        let (_, fragment) = link.target.rsplit_once('#')?;
        let exact = fragment == id && link.target.len() == link.target_span.len();
        if !exact {
            return None;
        }
        let span = link.target_span.end - fragment.len()..link.target_span.end;
        if !spans.contains(&span) {
            spans.push(span);
        }
    }
    spans.sort_by_key(|span| span.start);
    Some(spans)
}

fn missing_id(
    context: &TranslationContext,
    source_heading: &Heading,
    expected: &Anchor,
    found: &Heading,
    certain: bool,
) -> Diagnostic {
    // Follow the source's form: `{#id}` on the heading line, or a `{: #id}` line after it.
    let written_inline = source_heading.span.contains(&expected.span.start);
    let edit = if written_inline {
        Edit {
            span: found.first_line_end..found.first_line_end,
            replacement: format!(" {{#{}}}", expected.id),
        }
    } else {
        Edit {
            span: found.span.end..found.span.end,
            replacement: format!("\n{{: #{}}}", expected.id),
        }
    };
    Diagnostic::new(
        context.translation.path(),
        found.span.clone(),
        format!(
            "this heading lacks the source's id `{{#{}}}`: links to `#{}` do not reach it",
            expected.id, expected.id
        ),
    )
    .label(format!("`{{#{}}}` missing", expected.id))
    .help(format!(
        "add `{{#{}}}` to the heading, as in the source page",
        expected.id
    ))
    .fix(Fix::new(
        if certain {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        format!("add the id `{}`", expected.id),
        vec![edit],
    ))
}

fn dropped_heading(
    context: &TranslationContext,
    alignment: &PageAlignment,
    source_heading: usize,
    expected: &Anchor,
) -> Diagnostic {
    let translation = context.translation.document;
    let place = alignment
        .source_heading_block(source_heading)
        .map_or(Place::Nowhere, |block| alignment.place(block, translation));
    let label = match place {
        Place::Nowhere => format!("no heading `{{#{}}}` on this page", expected.id),
        Place::Before(_) => format!("the heading `{{#{}}}` belongs before this", expected.id),
        _ => format!("the heading `{{#{}}}` belongs after this", expected.id),
    };
    Diagnostic::new(
        context.translation.path(),
        place.line_span(translation),
        format!(
            "the source's heading `{{#{}}}` has no counterpart here: links to `#{}` land at the top of the page",
            expected.id, expected.id
        ),
    )
    .label(label)
    .help(format!(
        "translate the source's section, keeping `{{#{}}}` on its heading",
        expected.id
    ))
}
