//! A `#fragment` that names no id of the page it points to.

use crate::rules::prelude::*;
use crate::rules::site_targets::{Written, missing_fragment};
use crate::site::Site;
use crate::suggest::Tolerance;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, AnchorBroken)
}

struct AnchorBroken;

impl Rule for AnchorBroken {
    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let site = context.site;
        for written in Written::links(page.document) {
            if let Some((index, fragment)) = missing_fragment(&written, site, page.path()) {
                diagnostics.push(broken(context, &written, index, &fragment));
            }
        }
    }
}

fn broken(
    context: &PageContext,
    written: &Written,
    target_index: usize,
    fragment: &str,
) -> Diagnostic {
    let site = context.site;
    let target = site.page(target_index);
    let same_page = target.path() == context.page.path();
    let where_ = if same_page {
        "this page".to_owned()
    } else {
        format!("`{}`", target.path())
    };
    let suggestion = site
        .anchors(target_index)
        .closest(fragment, Tolerance::Path);
    let mut diagnostic = Diagnostic::new(
        context.page.path(),
        written.span.clone(),
        format!("`#{fragment}` names no heading or element on {where_}"),
    )
    .label("no element has this id");
    let source_id = source_counterpart_id(site, target_index, fragment);
    diagnostic = match (suggestion, &source_id) {
        (_, Some((source_path, span))) => diagnostic
            .help(format!(
                "the source page defines this id: give the translated heading the same id with `{{#{fragment}}}`"
            ))
            .related(source_path, span.clone(), format!("`{source_path}` has `#{fragment}` here")),
        (Some(id), None) => diagnostic.help(format!("did you mean `#{id}`?")),
        (None, None) => diagnostic.help("link to an id the page has, or add the id to the page"),
    };
    diagnostic
}

/// Where the source-language counterpart of the target page defines `fragment`, if it does.
fn source_counterpart_id<'a>(
    site: &Site<'a>,
    target_index: usize,
    fragment: &str,
) -> Option<(&'a str, Span)> {
    let source = site.source_of(target_index)?;
    let document = source.document;
    let heading = document
        .headings
        .iter()
        .find(|heading| heading.id() == Some(fragment))
        .map(|heading| match &heading.explicit_id {
            Some(anchor) => anchor.span.clone(),
            None => heading.span.clone(),
        });
    let span = heading.or_else(|| {
        document
            .html_ids
            .iter()
            .find(|anchor| anchor.id == fragment)
            .map(|anchor| anchor.span.clone())
    })?;
    Some((source.file.path.as_str(), span))
}
