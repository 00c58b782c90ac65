//! A Liquid tag of the source page missing, changed or added in the translation.

use crate::align::Place;
use crate::align::items::ItemPairing;
use crate::diagnostic::{ItemKind, Presence};
use crate::rules::prelude::*;
use crate::site::host_typos::damerau_distance;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LiquidParity)
}

struct LiquidParity;

/// A tag as the comparison sees it.
struct Compared<'a> {
    tag: &'a LiquidTag,
    /// The content with whitespace runs collapsed.
    content: String,
}

impl Rule for LiquidParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let (source, translation) = (context.source.document, context.translation.document);
        if source.redirect.is_some() || translation.redirect.is_some() {
            return;
        }
        let source_tags = compared(&source.liquid);
        let translation_tags = compared(&translation.liquid);
        let offsets = |tags: &[Compared]| -> Vec<usize> {
            tags.iter().map(|tag| tag.tag.span.start).collect()
        };
        let keys = |tags: &[Compared]| -> Vec<Option<(LiquidKind, String)>> {
            tags.iter()
                .map(|tag| Some((tag.tag.kind, tag.content.clone())))
                .collect()
        };
        let mut pairing = ItemPairing::new(
            context.alignment(),
            source,
            translation,
            &offsets(&source_tags),
            &offsets(&translation_tags),
        );
        pairing.pair_equal(&keys(&source_tags), &keys(&translation_tags));
        // A tag broken in the translation is `liquid-mangled`'s to report: it stands for the
        // source tag it comes closest to, which is then not reported as missing.
        for broken in &translation.broken_liquid {
            let closest = (0..source_tags.len())
                .filter(|&s| pairing.is_source_open(s) && source_tags[s].tag.kind == broken.kind)
                .min_by_key(|&s| {
                    damerau_distance(&source_tags[s].content, &normalise(&broken.content))
                });
            if let Some(s) = closest {
                pairing.settle_source(s);
            }
        }
        let changes = pairing.pair_near(|s, t, same_block| {
            let (a, b) = (&source_tags[s], &translation_tags[t]);
            is_near_miss(a, b).then(|| (!same_block, damerau_distance(&a.content, &b.content)))
        });
        for (s, t) in changes {
            diagnostics.push(changed(context, &source_tags[s], &translation_tags[t]));
        }
        let missing: Vec<usize> = pairing.missing().collect();
        for s in missing {
            let tag = &source_tags[s];
            let written = written(tag.tag.kind, &tag.content);
            let place = pairing.place(s);
            let message = match place {
                Place::In(_) => format!(
                    "the source page has `{written}` in this block; the translation does not"
                ),
                _ => format!(
                    "the source page has a block with `{written}` here; the translation lacks it"
                ),
            };
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    place.line_span(translation),
                    message,
                )
                .label(format!("`{written}` missing"))
                .help(format!(
                    "copy `{written}` from the source page unchanged: Liquid is not translated"
                ))
                .related(
                    context.source.path(),
                    tag.tag.span.clone(),
                    format!("`{}` has `{written}` here", context.source.path()),
                )
                .compared(ItemKind::Liquid, &written, Presence::Missing),
            );
        }
        let added: Vec<usize> = pairing.added().collect();
        for t in added {
            let tag = &translation_tags[t];
            let written = written(tag.tag.kind, &tag.content);
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    tag.tag.span.clone(),
                    format!("`{written}` is not on the source page"),
                )
                .label("not in the source page")
                .help("remove it, or add it to the source page if every language needs it")
                .compared(ItemKind::Liquid, &written, Presence::Extra),
            );
        }
    }
}

fn compared(tags: &[LiquidTag]) -> Vec<Compared<'_>> {
    tags.iter()
        .map(|tag| Compared {
            tag,
            content: normalise(&tag.content),
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
        || damerau_distance(&source.content, &translation.content) * 3
            <= source.content.chars().count()
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
    .compared(ItemKind::Liquid, &expected, Presence::Missing)
    .fix(Fix::unsafe_(
        format!("write `{expected}`"),
        vec![Edit {
            span: translation.tag.span.clone(),
            replacement: expected.clone(),
        }],
    ))
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
            is_near_miss(
                &compared(std::slice::from_ref(a))[0],
                &compared(std::slice::from_ref(b))[0],
            )
        };
        let include = tag(LiquidKind::Tag, "include standards-url");
        assert!(near(
            &include,
            &tag(LiquidKind::Tag, "incluir standards-url")
        ));
        assert!(near(&include, &tag(LiquidKind::Tag, "include url-normas")));
        assert!(near(
            &tag(LiquidKind::Output, "site.title"),
            &tag(LiquidKind::Output, "site.titel")
        ));
        assert!(!near(&include, &tag(LiquidKind::Tag, "if user")));
        assert!(!near(
            &include,
            &tag(LiquidKind::Output, "include standards-url")
        ));
    }

    #[test]
    fn whitespace_does_not_count() {
        assert_eq!(
            normalise("include  standards-url\n"),
            "include standards-url"
        );
        assert_eq!(written(LiquidKind::Output, "site.url"), "{{ site.url }}");
    }
}
