//! GitHub Actions workflow commands: `::error file=…,line=…::message`, shown as annotations.
//! Escaping follows GitHub's runner (`toolkit/packages/core/src/command.ts`).

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Sources;
use std::io::{self, Write};

pub(super) fn write(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for diagnostic in diagnostics {
        let (start, end) = sources.range(&diagnostic.location);
        let mut properties = vec![
            (
                "file",
                format!("{}{}", options.path_prefix, diagnostic.location.path),
            ),
            ("line", start.line.to_string()),
            ("endLine", end.line.to_string()),
        ];
        // GitHub reads columns only within one line; across lines they would mislead.
        if start.line == end.line {
            properties.push(("col", start.column.to_string()));
            properties.push(("endColumn", end.column.to_string()));
        }
        properties.push(("title", diagnostic.rule.to_owned()));
        let properties: Vec<String> = properties
            .iter()
            .map(|(name, value)| format!("{name}={}", escape_property(value)))
            .collect();
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{} {}::{}",
            command(diagnostic.severity),
            properties.join(","),
            escape_message(&message)
        )?;
    }
    Ok(())
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "notice",
    }
}

fn escape_message(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_message(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn message_escapes_percent_and_line_breaks() {
        assert_eq!(escape_message("100%\r\nok"), "100%25%0D%0Aok");
        assert_eq!(escape_message("a: b, c"), "a: b, c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("dir:a,b%.md"), "dir%3Aa%2Cb%25.md");
    }

    fn render(text: &str, diagnostic: Diagnostic) -> String {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), text).unwrap();
        let mut sources = Sources::new(root.path().to_owned(), u64::MAX);
        let options = ReportOptions {
            path_prefix: "site/".to_owned(),
            width: 80,
            ..ReportOptions::default()
        };
        let mut out = Vec::new();
        write(&[diagnostic], &mut sources, &options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_line_span_has_columns() {
        let mut diagnostic = Diagnostic::new("a.md", 4..7, "50% off, really")
            .with_rule("some-rule")
            .help("say: less");
        diagnostic.severity = Severity::Warning;
        assert_eq!(
            render("abc\ndéf\n", diagnostic),
            "::warning file=site/a.md,line=2,endLine=2,col=1,endColumn=3,title=some-rule::50%25 off, really%0Ahelp: say: less\n"
        );
    }

    #[test]
    fn multi_line_span_omits_columns_and_info_is_a_notice() {
        let mut diagnostic = Diagnostic::new("a.md", 1..5, "m").with_rule("some-rule");
        diagnostic.severity = Severity::Info;
        assert_eq!(
            render("abc\ndef\n", diagnostic),
            "::notice file=site/a.md,line=1,endLine=2,title=some-rule::m\n"
        );
    }
}
