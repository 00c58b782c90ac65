//! Symbolic links that lead outside the site. Discovery reports these while walking (the link
//! is never followed, so there is no document to check); this rule carries their id, doc and
//! severity.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, SymlinkEscapesRoot)
}

struct SymlinkEscapesRoot;

impl Rule for SymlinkEscapesRoot {}
