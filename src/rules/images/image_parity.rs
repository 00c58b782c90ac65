//! A translation whose images differ from its source page's.

use crate::diagnostic::{ItemKind, Presence};
use crate::discover::locale::same_locale;
use crate::discover::pattern::{LocalePattern, with_placeholder};
use crate::rules::lost_markup::{explains_link, lost_markup_of};
use crate::rules::prelude::*;
use crate::rules::site_targets::Written;
use crate::site::Site;
use crate::site::urls::{Resolution, Target};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Where localised variants of an image live, with a `{locale}` placeholder.
    localized: Vec<String>,
    /// Images (globs of site paths) that may differ between languages.
    allow: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            localized: vec![
                "**/{locale}/**".to_owned(),
                "**/*-{locale}.*".to_owned(),
                "**/*_{locale}.*".to_owned(),
                "**/*.{locale}.*".to_owned(),
            ],
            allow: Vec::new(),
        }
    }
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    let localized = options
        .localized
        .iter()
        .map(|pattern| localized_pattern(pattern))
        .collect::<Result<_, _>>()?;
    let mut allow = GlobSetBuilder::new();
    for glob in &options.allow {
        allow.add(Glob::new(glob).map_err(|err| format!("`allow`: invalid glob `{glob}`: {err}"))?);
    }
    let allow = allow.build().map_err(|err| err.to_string())?;
    Ok(Box::new(ImageParity { localized, allow }))
}

/// `assets/{locale}/**`, compiled by the pattern compiler layouts use.
fn localized_pattern(pattern: &str) -> Result<LocalePattern, String> {
    let compiled = LocalePattern::new(pattern).map_err(|err| format!("`localized`: {err}"))?;
    if !compiled.has_placeholder() {
        return Err(format!(
            "`localized`: pattern `{pattern}` needs a `{{locale}}` placeholder"
        ));
    }
    Ok(compiled)
}

struct ImageParity {
    localized: Vec<LocalePattern>,
    allow: GlobSet,
}

/// One image of a page, resolved to the site path it shows.
struct Shown<'a> {
    path: String,
    /// The path with the page's locale replaced by `{locale}`, when it is a localised variant.
    localized: Option<String>,
    /// The site serves the file (a missing one is `image-missing`'s finding).
    exists: bool,
    image: &'a Image,
}

impl Rule for ImageParity {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let site = context.site;
        let (Some(source), Some(translation)) = (
            self.shown(site, context.source),
            self.shown(site, context.translation),
        ) else {
            return;
        };
        let key = |shown: &Shown| {
            shown
                .localized
                .clone()
                .unwrap_or_else(|| shown.path.clone())
        };
        // Files, not occurrences: showing an icon once more or once less is no difference.
        let translation_keys: HashSet<String> = translation.iter().map(key).collect();
        let source_keys: HashSet<String> = source.iter().map(key).collect();
        let mut unmatched_source: Vec<&Shown> = first_of_each(&source, key)
            .filter(|shown| !translation_keys.contains(&key(shown)))
            .collect();
        let mut unmatched_translation: Vec<&Shown> = first_of_each(&translation, key)
            .filter(|shown| !source_keys.contains(&key(shown)))
            .collect();
        // A localised screenshot stands in for whichever source image is left in its place.
        unmatched_translation.retain(|shown| {
            if shown.localized.is_none() && !self.allow.is_match(&shown.path) {
                return true;
            }
            if !unmatched_source.is_empty() {
                unmatched_source.remove(0);
            }
            false
        });
        unmatched_source.retain(|shown| !self.allow.is_match(&shown.path));
        let translation_path = context.translation.path();
        let source_path = context.source.path();
        for added in unmatched_translation {
            let position = translation
                .iter()
                .position(|shown| std::ptr::eq(shown, added));
            let replaced = unmatched_source
                .iter()
                .position(|shown| shown.path.eq_ignore_ascii_case(&added.path))
                .or_else(|| {
                    unmatched_source.iter().position(|shown| {
                        source.iter().position(|s| std::ptr::eq(s, *shown)) == position
                    })
                })
                .map(|index| unmatched_source.remove(index));
            let diagnostic = match replaced {
                // A file that does not exist, on either page, is `image-missing`'s finding
                // (with the source's image beside it).
                Some(replaced) if !replaced.exists || !added.exists => continue,
                Some(replaced) => Diagnostic::new(
                    translation_path,
                    added.image.src_span.clone(),
                    format!(
                        "image `{}` differs from the source page's `{}`",
                        added.image.src, replaced.image.src
                    ),
                )
                .help("use the source's image, or a localised variant of it (see the `localized` option)")
                .related(
                    source_path,
                    replaced.image.src_span.clone(),
                    format!("`{source_path}` shows `{}` here", replaced.path),
                )
                .compared(ItemKind::Image, &replaced.path, Presence::Missing),
                None => Diagnostic::new(
                    translation_path,
                    added.image.src_span.clone(),
                    format!("image `{}` is not on the source page", added.image.src),
                )
                .help("remove the image, or add it to the source page too")
                .compared(ItemKind::Image, &added.path, Presence::Extra),
            };
            diagnostics.push(diagnostic);
        }
        let translation_document = context.translation.document;
        let lost = lost_markup_of(context);
        for absent in unmatched_source.into_iter().filter(|shown| shown.exists) {
            // `！[alt](path)`, `!alt](path)`: the markup rules report the image that lost it.
            if lost
                .iter()
                .any(|broken| explains_link(broken, &absent.image.src))
            {
                continue;
            }
            let diagnostic = match linked_instead(site, context.translation, &absent.path) {
                Some(link) => Diagnostic::new(
                    translation_path,
                    link.span.clone(),
                    format!(
                        "the source page shows the image `{}`, the translation only links to it",
                        absent.path
                    ),
                )
                .help("add the `!` that makes `[…](…)` an image: `![…](…)`"),
                None => {
                    let place = context.alignment().place_of_offset(
                        context.source.document,
                        translation_document,
                        absent.image.span.start,
                    );
                    Diagnostic::new(
                        translation_path,
                        place.line_span(translation_document),
                        format!(
                            "the translation lacks the image `{}` of the source page",
                            absent.image.src
                        ),
                    )
                    .help("add the image where the source page shows it")
                }
            };
            diagnostics.push(
                diagnostic
                    .related(
                        source_path,
                        absent.image.src_span.clone(),
                        format!("`{source_path}` shows it here"),
                    )
                    .compared(ItemKind::Image, &absent.path, Presence::Missing),
            );
        }
    }
}

/// Each distinct key once, in page order.
fn first_of_each<'s, 'a>(
    shown: &'s [Shown<'a>],
    key: impl Fn(&Shown) -> String,
) -> impl Iterator<Item = &'s Shown<'a>> {
    let mut seen = HashSet::new();
    shown.iter().filter(move |item| seen.insert(key(item)))
}

/// A link of the page to the image file `path` (an image whose `!` was lost in translation).
fn linked_instead<'a>(site: &Site, page: Page<'a>, path: &str) -> Option<&'a Link> {
    page.document.links.iter().find(|link| {
        let written = Written {
            target: &link.target,
            span: link.target_span.clone(),
            has_liquid: link.has_liquid,
        };
        matches!(
            written.classify(site, page.path()),
            Some(Target::Local { resolution: Resolution::File(file), .. }) if file == path
        )
    })
}

impl ImageParity {
    /// The page's local images, or `None` when Liquid hides one of them.
    fn shown<'a>(&self, site: &Site, page: Page<'a>) -> Option<Vec<Shown<'a>>> {
        let locale = page.file.locale.as_deref().unwrap_or_default();
        let mut shown = Vec::new();
        for image in &page.document.images {
            // A `srcset` repeats the image of its `src` in other sizes.
            if image.kind == ImageKind::HtmlSrcset {
                continue;
            }
            let (path, exists) = match Written::image(image).classify(site, page.path())? {
                Target::Local { resolution, .. } => match resolution {
                    Resolution::File(file) => (file, true),
                    Resolution::Missing(url_path) => (url_path, false),
                    Resolution::EscapesRoot => continue,
                },
                Target::External | Target::SamePage { .. } => continue,
            };
            let localized = self.localized_key(&path, locale);
            shown.push(Shown {
                path,
                localized,
                exists,
                image,
            });
        }
        Some(shown)
    }

    fn localized_key(&self, path: &str, locale: &str) -> Option<String> {
        self.localized.iter().find_map(|pattern| {
            let found = pattern.locale_range(path)?;
            same_locale(&path[found.clone()], locale).then(|| with_placeholder(path, found))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_patterns_capture_the_locale() {
        let rule = ImageParity {
            localized: ["assets/{locale}/**", "**/*-{locale}.png"]
                .iter()
                .map(|pattern| localized_pattern(pattern).unwrap())
                .collect(),
            allow: GlobSet::empty(),
        };
        assert_eq!(
            rule.localized_key("assets/pt_BR/shot.png", "pt-BR")
                .as_deref(),
            Some("assets/{locale}/shot.png")
        );
        assert_eq!(
            rule.localized_key("img/shot-de.png", "de").as_deref(),
            Some("img/shot-{locale}.png")
        );
        assert_eq!(rule.localized_key("img/shot-de.png", "fr"), None);
        assert_eq!(rule.localized_key("img/shot.png", "de"), None);
    }
}
