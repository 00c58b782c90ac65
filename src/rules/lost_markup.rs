//! Shared by the lost-markup rules and the parity rules they silence: which broken markup of
//! a translation stands for a source page's link, image or id (one defect, one report).

use crate::align::keys::alignment_key;
use crate::model::{BrokenMarkup, Link, LinkKind, MarkupBreak};
use crate::parse::lost_markup::looks_like_target;
use crate::rules::TranslationContext;
use crate::site::url_text::host_of;

/// The translation's broken links and images: markup whose remains hold a target.
pub fn lost_markup_of<'a>(context: &TranslationContext<'a>) -> Vec<&'a BrokenMarkup> {
    context
        .translation
        .document
        .broken_markup
        .iter()
        .filter(|broken| {
            matches!(
                broken.cause,
                MarkupBreak::FullWidth
                    | MarkupBreak::WordsBeforeTarget
                    | MarkupBreak::TargetOnNextLine
                    | MarkupBreak::Brackets
            )
        })
        .collect()
}

/// Whether the remains of `broken` are the target `target` (locale generalised).
pub fn explains_link(broken: &BrokenMarkup, target: &str) -> bool {
    broken
        .remains
        .as_deref()
        .is_some_and(|remains| alignment_key(remains) == alignment_key(target))
}

/// Whether a rule that reads the link alone reports it: a target with whitespace inside
/// (`link-target-whitespace`), or text and target swapped (`link-text-target-swapped`).
pub fn reported_by_markup_rules(link: &Link) -> bool {
    has_spaced_target(link) || is_swapped(link)
}

/// `[text](https: //x.org)`, `[text](bitcoin: address)`: the renderer's href is broken.
pub fn has_spaced_target(link: &Link) -> bool {
    link.kind == LinkKind::Inline
        && !link.has_liquid
        && link.target.trim().contains(char::is_whitespace)
}

/// `[https://x.org](prose)`: an absolute URL as the text, and a target that is no address.
pub fn is_swapped(link: &Link) -> bool {
    link.kind == LinkKind::Inline
        && !link.has_liquid
        && host_of(link.text.trim()).is_some()
        && link.text.trim().contains("://")
        && !looks_like_target(link.target.trim())
        && !link.target.contains(['.', ':', '/'])
}

/// The edits that restore `broken`, as a fix, when there are any.
pub fn repair(
    broken: &BrokenMarkup,
    description: &str,
    safe: bool,
) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Edit, Fix};
    if broken.repair.is_empty() {
        return None;
    }
    let edits = broken
        .repair
        .iter()
        .map(|(span, replacement)| Edit {
            span: span.clone(),
            replacement: replacement.clone(),
        })
        .collect();
    Some(if safe {
        Fix::safe(description, edits)
    } else {
        Fix::unsafe_(description, edits)
    })
}

/// The source page's link or image whose target the remains of `broken` are, preferring the
/// source block paired with the block `broken` stands in: its span, for the related label.
pub fn source_counterpart(
    context: &TranslationContext,
    broken: &BrokenMarkup,
) -> Option<crate::source::Span> {
    let source = context.source.document;
    let alignment = context.alignment();
    let paired_block = crate::align::block_at(context.translation.document, broken.span.start)
        .and_then(|block| alignment.source_block(block));
    let in_block = |offset: usize| {
        paired_block.is_some_and(|block| crate::align::block_at(source, offset) == Some(block))
    };
    let links = source
        .links
        .iter()
        .filter(|link| explains_link(broken, &link.target))
        .map(|link| link.span.clone());
    let images = source
        .images
        .iter()
        .filter(|image| explains_link(broken, &image.src))
        .map(|image| image.span.clone());
    let candidates: Vec<_> = links.chain(images).collect();
    candidates
        .iter()
        .find(|span| in_block(span.start))
        .or(candidates.first())
        .cloned()
}
