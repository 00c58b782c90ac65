//! What a rule reports: a finding at a span of a file, with an optional fix.

use crate::source::Span;
use serde::{Deserialize, Serialize};

/// How serious a finding is; `Off` disables a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "off" => Some(Severity::Off),
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A place in a file: the file's path relative to the lint root (with `/`), and a byte span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub path: String,
    pub span: Span,
}

/// A second labelled place, typically the source language's counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    pub location: Location,
    pub label: String,
}

/// Whether a fix can be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// One replacement of a byte span of the diagnostic's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub description: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(
        applicability: Applicability,
        description: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Self {
        Self {
            applicability,
            description: description.into(),
            edits,
        }
    }

    /// A fix that keeps the author's intent whatever the context: `--fix` applies it.
    pub fn safe(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, description, edits)
    }

    /// A fix a human should look at: applied only with `--unsafe-fixes`.
    pub fn unsafe_(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, description, edits)
    }
}

/// What a cross-language finding compares, so that the drift stage can tell lag (the source
/// gained or changed the item after the version the translation follows) from a defect (the
/// translation deviates from the version it follows).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Compared {
    pub kind: ItemKind,
    /// The item's invariant as both languages write it: a link target (locale-mapped), an image
    /// path, a heading id, a Liquid tag, a front matter key.
    pub key: String,
    pub presence: Presence,
    /// How many translations of the source page report the same item the same way (this one
    /// included), and how many translations the page has: filled by `align::consensus` after
    /// the rules ran. Most translations sharing a finding is lag; one alone is a defect.
    pub shared_by: usize,
    pub translations: usize,
}

impl Compared {
    /// Whether most translations of the page share this finding (the source changed).
    pub fn is_shared_by_most(&self) -> bool {
        self.translations >= 2 && self.shared_by * 2 > self.translations
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Link,
    Image,
    HeadingId,
    Liquid,
    ListEntry,
    FrontMatterKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// The source has the item; the translation lacks it.
    Missing,
    /// The translation has an item the source lacks.
    Extra,
}

/// A finding. `severity` starts as the rule's configured severity and is set by the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Location,
    /// Short text shown under the span.
    pub label: String,
    /// One sentence that says what is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// For cross-language findings: the item compared.
    pub compared: Option<Compared>,
}

impl Diagnostic {
    /// A finding at `span` of `path`; the engine stamps the rule's id and sets the severity.
    pub fn new(path: &str, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule: "",
            severity: Severity::Off,
            location: Location {
                path: path.to_owned(),
                span,
            },
            label: String::new(),
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
            compared: None,
        }
    }

    /// Sets the rule id, for findings the engine itself reports.
    pub fn with_rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, path: &str, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            location: Location {
                path: path.to_owned(),
                span,
            },
            label: label.into(),
        });
        self
    }

    pub fn compared(mut self, kind: ItemKind, key: impl Into<String>, presence: Presence) -> Self {
        self.compared = Some(Compared {
            kind,
            key: key.into(),
            presence,
            shared_by: 1,
            translations: 1,
        });
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// `1 file`, `3 files`: counts in messages.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
