//! An external link or remote image that permanently redirects: the address to use instead.

use crate::online::Verdict;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, UrlRedirected)
}

struct UrlRedirected;

impl Rule for UrlRedirected {
    fn check_corpus(&self, context: &CorpusContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some(online) = context.site.online else {
            return;
        };
        for (occurrence, verdict) in online.verdicts() {
            // Temporary redirects are meant to be followed each time: the link is right.
            let Verdict::Redirected {
                final_url,
                permanent: true,
            } = verdict
            else {
                continue;
            };
            let target = with_fragment_of(final_url, &occurrence.url);
            diagnostics.push(
                Diagnostic::new(
                    &context.site.page(occurrence.page).file.path,
                    occurrence.span.clone(),
                    format!(
                        "{} `{}` permanently redirects to `{target}`",
                        occurrence.kind.noun(),
                        occurrence.url
                    ),
                )
                .label("moved permanently")
                .help(format!("use `{target}` directly"))
                .fix(
                    // Servers often redirect by the client's language: the final address may
                    // be the wrong one for this translation.
                    Fix::unsafe_(
                        format!("replace with `{target}`"),
                        vec![Edit {
                            span: occurrence.span.clone(),
                            replacement: target.clone(),
                        }],
                    ),
                ),
            );
        }
    }
}

/// The final address keeps the fragment the link was written with, which redirects drop.
fn with_fragment_of(final_url: &str, written: &str) -> String {
    match (final_url.contains('#'), written.split_once('#')) {
        (false, Some((_, fragment))) => format!("{final_url}#{fragment}"),
        _ => final_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fragment_survives_the_redirect() {
        assert_eq!(
            with_fragment_of("https://new.example/a", "https://old.example/a#intro"),
            "https://new.example/a#intro"
        );
        assert_eq!(
            with_fragment_of("https://new.example/a#top", "https://old.example/a#intro"),
            "https://new.example/a#top"
        );
        assert_eq!(
            with_fragment_of("https://new.example/a", "https://old.example/a"),
            "https://new.example/a"
        );
    }
}
