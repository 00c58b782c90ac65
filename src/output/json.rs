//! A JSON array of diagnostics with 1-based lines and columns (end exclusive).

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, Location};
use crate::files::Sources;
use serde_json::{Value, json};
use std::io::{self, Write};

pub(super) fn write(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let entries: Vec<Value> = diagnostics
        .iter()
        .map(|diagnostic| {
            let mut entry = location(&diagnostic.location, sources, options);
            entry["rule"] = json!(diagnostic.rule);
            entry["severity"] = json!(diagnostic.severity.as_str());
            entry["message"] = json!(diagnostic.message);
            entry["label"] = json!(diagnostic.label);
            entry["help"] = json!(diagnostic.help);
            entry["related"] = diagnostic
                .related
                .iter()
                .map(|related| {
                    let mut value = location(&related.location, sources, options);
                    value["label"] = json!(related.label);
                    value
                })
                .collect();
            entry["fix"] = diagnostic.fix.as_ref().map_or(Value::Null, |fix| {
                json!({
                    "applicability": fix.applicability,
                    "description": fix.description,
                    "edits": fix.edits.iter().map(|edit| json!({
                        "start": edit.span.start,
                        "end": edit.span.end,
                        "replacement": edit.replacement,
                    })).collect::<Vec<_>>(),
                })
            });
            entry
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &entries)?;
    writeln!(out)
}

fn location(location: &Location, sources: &mut Sources, options: &ReportOptions) -> Value {
    let (start, end) = sources.range(location);
    json!({
        "file": format!("{}{}", options.path_prefix, location.path),
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    })
}
