//! An image without alt text, or whose alt text is only its file name.

use crate::rules::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct Options {
    /// Report alt texts that are just a file name (`screenshot.png`).
    file_names: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { file_names: true }
    }
}

pub(super) fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    let options: Options = options(table)?;
    Ok(Box::new(ImageAltMissing {
        file_names: options.file_names,
    }))
}

struct ImageAltMissing {
    file_names: bool,
}

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"];

impl Rule for ImageAltMissing {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let source = context.source();
        for image in &page.document.images {
            let Some(problem) = self.problem(image) else {
                continue;
            };
            // A translation copies the source's markup: the same image without alt text there
            // is one defect, reported once, in the source page.
            let copied =
                source.is_some_and(|source| {
                    source.document.images.iter().any(|original| {
                        original.src == image.src && self.problem(original).is_some()
                    })
                });
            if copied {
                continue;
            }
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    image.span.clone(),
                    format!("image `{}` {problem}", image.src),
                )
                .help("describe what the image shows, for readers who cannot see it"),
            );
        }
    }
}

impl ImageAltMissing {
    /// What is wrong with the image's alt text, if anything.
    fn problem(&self, image: &Image) -> Option<String> {
        match (image.kind, image.alt.as_deref().map(str::trim)) {
            // `alt=""` marks a decorative image in HTML; `![](x)` is just forgotten.
            (ImageKind::Markdown, Some("")) => Some("has no alt text".to_owned()),
            (ImageKind::HtmlSrc, None) => Some("has no `alt` attribute".to_owned()),
            (ImageKind::Markdown | ImageKind::HtmlSrc, Some(alt))
                if self.file_names && is_file_name(alt) =>
            {
                Some(format!("has the file name `{alt}` as alt text"))
            }
            _ => None,
        }
    }
}

fn is_file_name(alt: &str) -> bool {
    let Some((stem, extension)) = alt.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && !stem.contains(char::is_whitespace)
        && IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
}
