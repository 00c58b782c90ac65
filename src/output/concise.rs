//! `path:line:col: severity[rule] message`, one line each.

use super::ReportOptions;
use crate::diagnostic::Diagnostic;
use crate::files::Sources;
use std::io::{self, Write};

pub(super) fn write(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for diagnostic in diagnostics {
        let (start, _) = sources.range(&diagnostic.location);
        writeln!(
            out,
            "{}{}:{}:{}: {}[{}] {}",
            options.path_prefix,
            diagnostic.location.path,
            start.line,
            start.column,
            diagnostic.severity.as_str(),
            diagnostic.rule,
            diagnostic.message
        )?;
    }
    Ok(())
}
