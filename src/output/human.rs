//! Annotated snippets through miette, with the source language's counterpart as a second snippet.

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Sources;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;
use std::io::{self, Write};

pub fn write(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_context_lines(1);
    for diagnostic in diagnostics {
        let report = Snippet::of(diagnostic, sources, options);
        write!(out, "{}", render(&handler, &report)?)?;
        // The source language's counterpart, as a note under the finding.
        for related in &report.related {
            for line in render(&handler, related)?.lines() {
                writeln!(out, "  {line}")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn render(handler: &GraphicalReportHandler, snippet: &Snippet) -> io::Result<String> {
    let mut rendered = String::new();
    handler
        .render_report(&mut rendered, snippet)
        .map_err(|_| io::Error::other("cannot render a diagnostic"))?;
    Ok(rendered)
}

/// One diagnostic as miette sees it.
#[derive(Debug)]
struct Snippet {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Snippet>,
}

impl Snippet {
    fn of(diagnostic: &Diagnostic, sources: &mut Sources, options: &ReportOptions) -> Self {
        let path = &diagnostic.location.path;
        let label = (!diagnostic.label.is_empty()).then(|| diagnostic.label.clone());
        let mut snippet = Self {
            message: diagnostic.message.clone(),
            // Like ruff's `[*]`: the summary counts these and says how to fix them.
            code: Some(if super::fixable(diagnostic, options.unsafe_fixes) {
                format!("{} (fixable)", diagnostic.rule)
            } else {
                diagnostic.rule.to_owned()
            }),
            severity: match diagnostic.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info | Severity::Off => miette::Severity::Advice,
            },
            help: diagnostic.help.clone(),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        };
        snippet.attach(
            sources,
            options,
            path,
            diagnostic.location.span.clone(),
            label,
        );
        for related in &diagnostic.related {
            let mut counterpart = Self {
                message: related.label.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: None,
                labels: Vec::new(),
                related: Vec::new(),
            };
            counterpart.attach(
                sources,
                options,
                &related.location.path,
                related.location.span.clone(),
                None,
            );
            snippet.related.push(counterpart);
        }
        snippet
    }

    /// Points the snippet at `span` of `path`, when the file can be read.
    fn attach(
        &mut self,
        sources: &mut Sources,
        options: &ReportOptions,
        path: &str,
        span: std::ops::Range<usize>,
        label: Option<String>,
    ) {
        let Some(source) = sources.get(path) else {
            self.message = format!("{}{path}: {}", options.path_prefix, self.message);
            return;
        };
        let text = source.text().to_owned();
        let start = span.start.min(text.len());
        let length = span.end.min(text.len()).saturating_sub(start);
        self.labels = vec![LabeledSpan::new(label, start, length)];
        self.source = Some(NamedSource::new(
            format!("{}{path}", options.path_prefix),
            text,
        ));
    }
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Snippet {}

impl miette::Diagnostic for Snippet {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}
