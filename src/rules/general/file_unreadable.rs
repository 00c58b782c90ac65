//! Files that cannot be read or are not UTF-8. The engine reports these while reading
//! (there is no document to check); this rule carries their id, doc and severity.

use crate::rules::prelude::*;

pub(super) fn build(options: &toml::Table) -> Result<Box<dyn Rule>, String> {
    without_options(options, FileUnreadable)
}

struct FileUnreadable;

impl Rule for FileUnreadable {}
