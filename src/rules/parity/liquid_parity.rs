//! A Liquid tag of the source page missing, changed or added in the translation.

use crate::align::heading_alignment::{HeadingAlignment, counterpart_span};
use crate::rules::prelude::*;
use crate::site::host_typos::damerau_distance;

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LiquidParity)
}

struct LiquidParity;

/// A tag as the comparison sees it.
struct Compared<'a> {
    tag: &'a LiquidTag,
    /// The content with whitespace runs collapsed.
    content: String,
    paired: bool,
}

impl Rule for LiquidParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source.document, context.translation.document);
        if source.redirect.is_some() || translation.redirect.is_some() {
            return;
        }
        let mut source_tags = compared(&source.liquid);
        let mut translation_tags = compared(&translation.liquid);
        for source_tag in &mut source_tags {
            let found = translation_tags.iter_mut().find(|t| {
                !t.paired && t.tag.kind == source_tag.tag.kind && t.content == source_tag.content
            });
            if let Some(translation_tag) = found {
                source_tag.paired = true;
                translation_tag.paired = true;
            }
        }
        // A tag broken in the translation is `liquid-mangled`'s to report: it stands for the
        // source tag it comes closest to, which is then not reported as missing.
        for broken in &translation.broken_liquid {
            let closest = source_tags
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.paired && s.tag.kind == broken.kind)
                .min_by_key(|(_, s)| damerau_distance(&s.content, &normalise(&broken.content)))
                .map(|(index, _)| index);
            if let Some(s) = closest {
                source_tags[s].paired = true;
            }
        }
        for (s, t) in near_misses(&source_tags, &translation_tags) {
            source_tags[s].paired = true;
            translation_tags[t].paired = true;
            diagnostics.push(changed(context, &source_tags[s], &translation_tags[t]));
        }
        let alignment = HeadingAlignment::new(source, translation);
        for tag in source_tags.iter().filter(|tag| !tag.paired) {
            let written = written(tag.tag.kind, &tag.content);
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    counterpart_span(&alignment, source, translation, tag.tag.span.start),
                    format!("the source page has `{written}` in this part of the page; the translation does not"),
                )
                .label(format!("`{written}` missing"))
                .help(format!("copy `{written}` from the source page unchanged: Liquid is not translated"))
                .related(
                    context.source.path(),
                    tag.tag.span.clone(),
                    format!("`{}` has `{written}` here", context.source.path()),
                ),
            );
        }
        for tag in translation_tags.iter().filter(|tag| !tag.paired) {
            let written = written(tag.tag.kind, &tag.content);
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    tag.tag.span.clone(),
                    format!("`{written}` is not on the source page"),
                )
                .label("not in the source page")
                .help("remove it, or add it to the source page if every language needs it"),
            );
        }
    }
}

fn compared(tags: &[LiquidTag]) -> Vec<Compared<'_>> {
    tags.iter()
        .map(|tag| Compared {
            tag,
            content: normalise(&tag.content),
            paired: false,
        })
        .collect()
}

fn normalise(content: &str) -> String {
    content.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn written(kind: LiquidKind, content: &str) -> String {
    match kind {
        LiquidKind::Tag => format!("{{% {content} %}}"),
        LiquidKind::Output => format!("{{{{ {content} }}}}"),
    }
}

/// Whether two tag contents are one tag changed: same kind, and the same name (`include`),
/// the same arguments (`standards-url`), or at most a third of the characters edited.
fn is_near_miss(source: &Compared, translation: &Compared) -> bool {
    if source.tag.kind != translation.tag.kind {
        return false;
    }
    let split = |content: &str| {
        let (name, rest) = content.split_once(' ').unwrap_or((content, ""));
        (name.to_owned(), rest.to_owned())
    };
    let ((source_name, source_rest), (translation_name, translation_rest)) =
        (split(&source.content), split(&translation.content));
    source_name == translation_name
        || (!source_rest.is_empty() && source_rest == translation_rest)
        || damerau_distance(&source.content, &translation.content) * 3 <= source.content.chars().count()
}

/// The closest unpaired pairs that are one tag changed.
fn near_misses(source: &[Compared], translation: &[Compared]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (s, source_tag) in source.iter().enumerate().filter(|(_, tag)| !tag.paired) {
        for (t, translation_tag) in translation.iter().enumerate().filter(|(_, tag)| !tag.paired) {
            if is_near_miss(source_tag, translation_tag) {
                candidates.push((damerau_distance(&source_tag.content, &translation_tag.content), s, t));
            }
        }
    }
    candidates.sort_unstable();
    let (mut taken_source, mut taken_translation) = (vec![false; source.len()], vec![false; translation.len()]);
    let mut pairs = Vec::new();
    for (_, s, t) in candidates {
        if !taken_source[s] && !taken_translation[t] {
            taken_source[s] = true;
            taken_translation[t] = true;
            pairs.push((s, t));
        }
    }
    pairs
}

fn changed(context: &TranslationContext, source: &Compared, translation: &Compared) -> Diagnostic {
    let expected = written(source.tag.kind, &source.content);
    let found = written(translation.tag.kind, &translation.content);
    Diagnostic::new(
        context.translation.path(),
        translation.tag.span.clone(),
        format!("`{found}` differs from the source page's `{expected}`"),
    )
    .label(format!("the source has `{expected}`"))
    .help(format!("write `{expected}`: Liquid is not translated"))
    .related(
        context.source.path(),
        source.tag.span.clone(),
        format!("`{}` has `{expected}` here", context.source.path()),
    )
    .fix(Fix::unsafe_(format!("write `{expected}`"), vec![Edit {
            span: translation.tag.span.clone(),
            replacement: expected.clone(),
        }]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(kind: LiquidKind, content: &str) -> LiquidTag {
        LiquidTag {
            kind,
            span: 0..0,
            content: content.to_owned(),
        }
    }

    #[test]
    fn near_misses_share_a_name_arguments_or_most_characters() {
        let near = |a: &LiquidTag, b: &LiquidTag| {
            is_near_miss(&compared(std::slice::from_ref(a))[0], &compared(std::slice::from_ref(b))[0])
        };
        let include = tag(LiquidKind::Tag, "include standards-url");
        assert!(near(&include, &tag(LiquidKind::Tag, "incluir standards-url")));
        assert!(near(&include, &tag(LiquidKind::Tag, "include url-normas")));
        assert!(near(&tag(LiquidKind::Output, "site.title"), &tag(LiquidKind::Output, "site.titel")));
        assert!(!near(&include, &tag(LiquidKind::Tag, "if user")));
        assert!(!near(&include, &tag(LiquidKind::Output, "include standards-url")));
    }

    #[test]
    fn whitespace_does_not_count() {
        assert_eq!(normalise("include  standards-url\n"), "include standards-url");
        assert_eq!(written(LiquidKind::Output, "site.url"), "{{ site.url }}");
    }
}
