//! A YAML document as a node tree with byte spans, as `parse::yaml` reads it.

use crate::source::Span;

/// The result of reading one YAML document: what parsed, and the first error if any.
///
/// On a syntax error the tree holds everything completed before the error (open mappings and
/// sequences are closed where the error stopped them), so rules can still check the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlDocument {
    /// The document's root node; `None` for an empty document (or only comments).
    pub root: Option<YamlNode>,
    /// The first syntax error; reading stops there.
    pub error: Option<YamlError>,
}

/// A YAML syntax error at a byte span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where the parser gave up: one character, or an empty span at the end of the text.
    pub span: Span,
    /// The parser's description, e.g. "mapping values are not allowed in this context".
    pub message: String,
}

/// A node of the tree and the bytes it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlNode {
    pub value: YamlValue,
    /// Exactly the node's text: quoted scalars include their quotes, block scalars start at their
    /// `|`/`>` indicator, containers run from their first to their last character (anchors and
    /// tags in front of a node are not included).
    pub span: Span,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlValue {
    Scalar(YamlScalar),
    /// Entries in source order; duplicate keys are all kept.
    Mapping(Vec<YamlEntry>),
    Sequence(Vec<YamlNode>),
    /// An alias (`*name`); the anchored node is not copied here.
    Alias,
}

/// A scalar's value (after unquoting and line folding) and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlScalar {
    pub text: String,
    pub style: ScalarStyle,
}

/// How a scalar was written; only plain scalars can be null, numbers or booleans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// A `|` block.
    Literal,
    /// A `>` block.
    Folded,
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlEntry {
    pub key: YamlNode,
    pub value: YamlNode,
}

impl YamlScalar {
    /// Whether YAML's core schema reads this scalar as null (`~`, `null`, or nothing).
    pub fn is_null(&self) -> bool {
        self.style == ScalarStyle::Plain
            && matches!(self.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

impl YamlNode {
    /// The text of a non-null scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            YamlValue::Scalar(scalar) if !scalar.is_null() => Some(&scalar.text),
            _ => None,
        }
    }

    /// The entries of a mapping.
    pub fn as_mapping(&self) -> Option<&[YamlEntry]> {
        match &self.value {
            YamlValue::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of the first entry whose key is the scalar `key`.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.as_mapping()?
            .iter()
            .find(|entry| entry.key.as_str() == Some(key))
            .map(|entry| &entry.value)
    }
}
