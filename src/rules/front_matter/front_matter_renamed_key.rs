//! A front matter key written under another name than the source's: translated or misspelt.

use crate::rules::key_pairing::renamed_keys;
use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FrontMatterRenamedKey)
}

struct FrontMatterRenamedKey;

impl Rule for FrontMatterRenamedKey {
    fn check_translation(&self, context: &TranslationContext, diagnostics: &mut Vec<Diagnostic>) {
        let Some((source, translation)) = context.front_matters() else {
            return;
        };
        for pair in renamed_keys(source, translation) {
            let (expected, written) = (&pair.source.key, &pair.translation.key);
            diagnostics.push(
                Diagnostic::new(
                    context.translation.path(),
                    pair.translation.key_span.clone(),
                    format!(
                        "front matter key `{written}` should be `{expected}`, as in the source page"
                    ),
                )
                .label(format!("expected `{expected}`"))
                .help(format!(
                    "rename `{written}` to `{expected}`: translate values, never keys"
                ))
                .related(
                    context.source.path(),
                    pair.source.key_span.clone(),
                    format!("`{}` has `{expected}` here", context.source.path()),
                )
                .fix(Fix::safe(
                    format!("rename `{written}` to `{expected}`"),
                    vec![Edit {
                        span: pair.translation.key_span.clone(),
                        replacement: expected.clone(),
                    }],
                )),
            );
        }
    }
}
