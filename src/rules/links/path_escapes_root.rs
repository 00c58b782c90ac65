//! A link or image target that climbs above the site root.

use crate::rules::prelude::*;
use crate::rules::site_targets::Written;
use crate::site::urls::{Resolution, Target};

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, PathEscapesRoot)
}

struct PathEscapesRoot;

impl Rule for PathEscapesRoot {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let images = page.document.images.iter().map(Written::image);
        for written in Written::links(page.document).chain(images) {
            let Some(Target::Local {
                resolution: Resolution::EscapesRoot,
                ..
            }) = written.classify(context.site, page.path())
            else {
                continue;
            };
            let base = context.site.urls.base_directory(page.path());
            let depth = base.matches('/').count();
            diagnostics.push(
                Diagnostic::new(
                    page.path(),
                    written.span.clone(),
                    format!("`{}` climbs above the root of the site", written.target),
                )
                .label(format!(
                    "the page is served at `/{base}`, {depth} folder{} below the root",
                    if depth == 1 { "" } else { "s" }
                ))
                .help("remove the extra `../`, or write the path from the root (`/assets/…`)"),
            );
        }
    }
}
