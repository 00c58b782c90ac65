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

pub fn build(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
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
    fn id(&self) -> &'static str {
        "image-alt-missing"
    }

    fn check_document(&self, context: &DocumentContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        for image in &page.document.images {
            let problem = match (image.kind, image.alt.as_deref().map(str::trim)) {
                // `alt=""` marks a decorative image in HTML; `![](x)` is just forgotten.
                (ImageKind::Markdown, Some("")) => "has no alt text".to_owned(),
                (ImageKind::HtmlSrc, None) if is_img(context.text, &image.span) => {
                    "has no `alt` attribute".to_owned()
                }
                (ImageKind::Markdown | ImageKind::HtmlSrc, Some(alt))
                    if self.file_names && is_file_name(alt) =>
                {
                    format!("has the file name `{alt}` as alt text")
                }
                _ => continue,
            };
            diagnostics.push(
                Diagnostic::new(
                    self.id(),
                    page.path(),
                    image.span.clone(),
                    format!("image `{}` {problem}", image.src),
                )
                .help("describe what the image shows, for readers who cannot see it"),
            );
        }
    }
}

/// `<source>` shares the `src` kind but takes its alt from the `<img>` beside it.
fn is_img(text: &str, span: &Span) -> bool {
    text.get(span.start..)
        .and_then(|rest| rest.get(..4))
        .is_some_and(|start| start.eq_ignore_ascii_case("<img"))
}

fn is_file_name(alt: &str) -> bool {
    let Some((stem, extension)) = alt.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && !stem.contains(char::is_whitespace)
        && IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
}
