//! Annotated snippets through miette, with the source language's counterpart as a second snippet.

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::drift::OUTDATED_RULE;
use crate::files::Sources;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};

pub(super) fn write(
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
    let groups = shared_lag(diagnostics);
    let grouped: HashSet<&Related> = groups.iter().map(|group| group.item).collect();
    let shown: Vec<Cow<Diagnostic>> = diagnostics
        .iter()
        .map(|diagnostic| {
            if diagnostic.rule != OUTDATED_RULE
                || !diagnostic.related.iter().any(|item| grouped.contains(item))
            {
                return Cow::Borrowed(diagnostic);
            }
            let mut own = diagnostic.clone();
            own.related.retain(|item| !grouped.contains(item));
            Cow::Owned(own)
        })
        .chain(groups.iter().map(|group| Cow::Owned(group.diagnostic())))
        .collect();
    for diagnostic in &shown {
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

/// A source change that several outdated translations lack: shown once, not once per page.
struct SharedLag<'a> {
    item: &'a Related,
    severity: Severity,
    translations: Vec<&'a str>,
}

impl SharedLag<'_> {
    /// `18 translations lack `https://x.org/clients`, added at `en/help.md:20` by abc1234`.
    fn diagnostic(&self) -> Diagnostic {
        let location = &self.item.location;
        let what = self.item.label.replacen(
            " added here",
            &format!(", added here in `{}`", location.path),
            1,
        );
        let mut diagnostic = Diagnostic::new(
            &location.path,
            location.span.clone(),
            format!("{} translations lack {what}", self.translations.len()),
        )
        .with_rule(OUTDATED_RULE)
        .label(format!(
            "{} translations lack this",
            self.translations.len()
        ))
        .help(format!("lacking in {}", self.translations.join(", ")));
        diagnostic.severity = self.severity;
        diagnostic
    }
}

/// The source items that the `translation-outdated` findings of several translations share.
fn shared_lag(diagnostics: &[Diagnostic]) -> Vec<SharedLag<'_>> {
    let mut by_item: Vec<SharedLag> = Vec::new();
    let mut index: HashMap<&Related, usize> = HashMap::new();
    for diagnostic in diagnostics.iter().filter(|d| d.rule == OUTDATED_RULE) {
        let in_source = diagnostic
            .related
            .iter()
            .filter(|item| item.location.path != diagnostic.location.path);
        for item in in_source {
            let slot = *index.entry(item).or_insert_with(|| {
                by_item.push(SharedLag {
                    item,
                    severity: diagnostic.severity,
                    translations: Vec::new(),
                });
                by_item.len() - 1
            });
            by_item[slot].translations.push(&diagnostic.location.path);
        }
    }
    by_item.retain(|group| group.translations.len() >= 2);
    by_item
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
