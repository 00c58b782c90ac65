//! SARIF 2.1.0 for GitHub code scanning: every rule with its doc, results with UTF-16 columns
//! (what GitHub expects), fingerprints, and the source-language counterpart as a related place.

use super::ReportOptions;
use super::rule_docs::doc_body;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::files::Sources;
use crate::fingerprint::fingerprint;
use crate::rules::{RULES, RuleMeta};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base that relative artifact URIs are resolved against: the repository root on GitHub.
const SOURCE_ROOT: &str = "%SRCROOT%";

pub(super) fn write(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rules: Vec<Value> = RULES.iter().map(|entry| rule(&entry.meta)).collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|diagnostic| result(diagnostic, sources, options))
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }
        },
        "columnKind": "utf16CodeUnits",
        "results": results,
    });
    if let Some(base) = options.base.as_deref().and_then(Path::to_str) {
        let mut uri = uri_reference(base);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        run["originalUriBaseIds"] = json!({ SOURCE_ROOT: { "uri": uri } });
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn rule(meta: &RuleMeta) -> Value {
    let body = doc_body(meta.doc).trim();
    let full = section(body, "What it does").unwrap_or(meta.summary);
    json!({
        "id": meta.id,
        "name": meta.id,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": full },
        "help": { "text": body, "markdown": body },
        "helpUri": format!("{}/blob/main/rules/{}.md", env!("CARGO_PKG_REPOSITORY"), meta.id),
        "defaultConfiguration": {
            "level": level(meta.severity),
            "enabled": meta.enabled,
        },
        "properties": { "tags": [meta.category] },
    })
}

/// The text under `## <title>` of a rule doc, up to the next heading of that level.
fn section<'a>(body: &'a str, title: &str) -> Option<&'a str> {
    let heading = format!("## {title}\n");
    let start = body.find(&heading)? + heading.len();
    let rest = &body[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

fn result(diagnostic: &Diagnostic, sources: &mut Sources, options: &ReportOptions) -> Value {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "level": level(diagnostic.severity),
        "message": { "text": message },
        "locations": [{ "physicalLocation": physical_location(&diagnostic.location, sources, options) }],
        "partialFingerprints": {
            "l10nlint/v1": fingerprint(diagnostic, sources.get(&diagnostic.location.path)),
        },
    });
    if let Some(index) = RULES
        .iter()
        .position(|entry| entry.meta.id == diagnostic.rule)
    {
        result["ruleIndex"] = json!(index);
    }
    if !diagnostic.related.is_empty() {
        result["relatedLocations"] = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "physicalLocation": physical_location(&related.location, sources, options),
                    "message": { "text": related.label },
                })
            })
            .collect();
    }
    result
}

/// A root-relative URI and a 1-based region whose end column is exclusive, in UTF-16 units.
fn physical_location(location: &Location, sources: &mut Sources, options: &ReportOptions) -> Value {
    let uri = uri_reference(&format!("{}{}", options.path_prefix, location.path));
    let region = match sources.get(&location.path) {
        Some(source) => {
            let span = &location.span;
            json!({
                "startLine": source.position(span.start).line,
                "startColumn": source.utf16_column(span.start),
                "endLine": source.position(span.end).line,
                "endColumn": source.utf16_column(span.end),
            })
        }
        None => json!({ "startLine": 1 }),
    };
    let artifact = if uri.starts_with("file:") {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": SOURCE_ROOT })
    };
    json!({
        "artifactLocation": artifact,
        "region": region,
    })
}

/// A path as a URI reference: relative paths stay relative, absolute ones become `file://`
/// URIs, and bytes other than unreserved characters and `/` are percent-encoded.
fn uri_reference(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_and_absolute_paths_are_file_uris() {
        assert_eq!(uri_reference("pt_BR/a b.md"), "pt_BR/a%20b.md");
        assert_eq!(uri_reference("/site/é.md"), "file:///site/%C3%A9.md");
    }

    #[test]
    fn section_stops_at_the_next_heading() {
        let body = "# id\n\n## What it does\nReads.\nReports.\n\n## Why\nBecause.";
        assert_eq!(section(body, "What it does"), Some("Reads.\nReports."));
        assert_eq!(section(body, "Why"), Some("Because."));
        assert_eq!(section(body, "Options"), None);
    }

    #[test]
    fn columns_are_utf16_and_the_end_is_exclusive() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "😀 ab\n").unwrap();
        let mut sources = Sources::new(root.path().to_owned(), u64::MAX);
        let options = ReportOptions {
            path_prefix: String::new(),
            width: 80,
            ..ReportOptions::default()
        };
        let location = Location {
            path: "a.md".to_owned(),
            span: 5..7,
        };
        let value = physical_location(&location, &mut sources, &options);
        assert_eq!(value["artifactLocation"]["uri"], "a.md");
        assert_eq!(value["artifactLocation"]["uriBaseId"], SOURCE_ROOT);
        assert_eq!(value["region"]["startColumn"], 4);
        assert_eq!(value["region"]["endColumn"], 6);
    }

    #[test]
    fn every_rule_has_a_full_description() {
        for entry in RULES.iter() {
            let doc = doc_body(entry.meta.doc);
            assert!(
                section(doc.trim(), "What it does").is_some(),
                "{} has no `## What it does`",
                entry.meta.id
            );
        }
    }
}
