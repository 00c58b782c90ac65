//! An image whose file the site does not serve.

use crate::rules::prelude::*;
use crate::rules::site_targets::{Written, written_like};
use crate::site::Site;
use crate::site::urls::{Resolution, Target};
use crate::suggest::Tolerance;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, ImageMissing)
}

struct ImageMissing;

impl Rule for ImageMissing {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let site = context.site;
        for image in &page.document.images {
            let written = Written::image(image);
            let Some(Target::Local {
                resolution: Resolution::Missing(url_path),
                ..
            }) = written.classify(site, page.path())
            else {
                continue;
            };
            let help = match suggestion(site, &url_path) {
                Some(found) => format!(
                    "did you mean `{}`?",
                    written_like(&written, site, page.path(), found)
                ),
                None => "add the file, or fix the path".to_owned(),
            };
            let shown = written.target.split(['#', '?']).next().unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    written.span.clone(),
                    format!("image `{shown}` does not exist"),
                )
                .label(format!("no file is served at `/{url_path}`"))
                .help(help),
            );
        }
    }
}

/// The served file the author most likely meant: the same path but for case (servers are
/// case-sensitive), the same file name in another folder, or a path a few edits away.
fn suggestion<'a>(site: &Site<'a>, url_path: &str) -> Option<&'a str> {
    let files = site.lookups.files(site.urls);
    let nearest = files.index.closest(url_path, Tolerance::Path);
    if let Some(same_but_case) = nearest.filter(|found| found.eq_ignore_ascii_case(url_path)) {
        return Some(same_but_case);
    }
    let name = url_path.rsplit('/').next().unwrap_or(url_path);
    if let Some([only]) = files.by_name.get(name).map(Vec::as_slice) {
        return Some(only);
    }
    nearest
}
