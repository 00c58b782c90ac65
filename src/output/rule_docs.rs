//! `l10nlint rules` and `l10nlint rule <id>`.

use crate::rules::{RULES, RuleMeta};
use serde_json::json;
use std::io::{self, Write};

/// How `l10nlint rules` prints the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    Text,
    Json,
}

pub fn write_list(format: RulesFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        RulesFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|entry| {
                    let meta = &entry.meta;
                    json!({
                        "id": meta.id,
                        "category": meta.category,
                        "severity": meta.severity.as_str(),
                        "enabled": meta.enabled,
                        "fix": meta.fix.as_str(),
                        "summary": meta.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules)?;
            writeln!(out)
        }
        RulesFormat::Text => {
            let width = RULES
                .iter()
                .map(|entry| entry.meta.id.len())
                .max()
                .unwrap_or(0);
            for entry in RULES.iter() {
                let meta = &entry.meta;
                let severity = if meta.enabled {
                    meta.severity.as_str().to_owned()
                } else {
                    format!("{} (off)", meta.severity.as_str())
                };
                let fix = match meta.fix.as_str() {
                    "none" => "",
                    fix => fix,
                };
                writeln!(
                    out,
                    "{:<width$}  {:<14} {:<13} {:<11} {}",
                    meta.id, meta.category, severity, fix, meta.summary
                )?;
            }
            Ok(())
        }
    }
}

/// The doc without its front matter, after a header line with the metadata.
pub fn write_doc(meta: &RuleMeta, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} ({}; default severity {}{}; fix: {})\n",
        meta.id,
        meta.category,
        meta.severity.as_str(),
        if meta.enabled { "" } else { ", off by default" },
        meta.fix.as_str()
    )?;
    writeln!(out, "{}", doc_body(meta.doc).trim())
}

/// A rule doc without its front matter.
pub fn doc_body(doc: &str) -> &str {
    doc.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(doc, |(_, body)| body)
}
