//! Translations behind their source page. The drift stage (`src/drift/`) reports these after
//! the other rules, from their cross-language findings; this rule carries the id, doc and
//! severity, and while it is active lag is folded into it.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, TranslationOutdated)
}

struct TranslationOutdated;

impl Rule for TranslationOutdated {}
