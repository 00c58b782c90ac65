//! A link to a path of the site where nothing is served.

use crate::rules::prelude::*;
use crate::rules::site_targets::{Written, nearest, written_like};
use crate::site::urls::{Resolution, Target};

pub fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, LinkBroken)
}

struct LinkBroken;

impl Rule for LinkBroken {
    fn id(&self) -> &'static str {
        "link-broken"
    }

    fn check_page(&self, context: &PageContext, diagnostics: &mut Vec<Diagnostic>) {
        let page = context.page;
        let site = context.site;
        for written in Written::links(page.document) {
            let Some(Target::Local {
                resolution: Resolution::Missing(url_path),
                ..
            }) = written.classify(site, page.path())
            else {
                continue;
            };
            let shown = written.target.split(['#', '?']).next().unwrap_or_default();
            let wanted = url_path.trim_end_matches('/');
            let pages: Vec<String> = site
                .urls
                .pages()
                .map(|(url, _)| url.trim_end_matches('/').to_owned())
                .collect();
            let suggestion = nearest(wanted, pages.iter().map(String::as_str))
                .map(|url| written_like(&written, site, page.path(), url));
            let help = match suggestion {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => "fix the target or create the page it names".to_owned(),
            };
            diagnostics.push(
                Diagnostic::new(
                    self.id(),
                    page.path(),
                    written.span.clone(),
                    format!("`{shown}` links to no page or file of the site"),
                )
                .label(format!("nothing is served at `/{url_path}`"))
                .help(help),
            );
        }
    }
}
