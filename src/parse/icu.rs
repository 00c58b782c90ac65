//! ICU MessageFormat (`Hello {name}`, `{count, plural, one {# file} other {# files}}`), read by
//! `icu-messageformat-parser`, the Rust port of the parser behind FormatJS (`intl-messageformat`,
//! react-intl, i18next-icu) that Flutter's and the browsers' syntax also follows.

use icu_messageformat_parser::{AstElement, Parser, ParserOptions};
use std::ops::Range;

/// An argument use: `{name}`, `{n, number}`, a plural or select's argument, or `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcuArgument {
    pub name: String,
    /// The whole argument (`{name}`, the `#`), in bytes of the message.
    pub span: Range<usize>,
}

/// A `plural` or `selectordinal` argument and the keys of its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcuPlural {
    pub argument: String,
    pub ordinal: bool,
    pub span: Range<usize>,
    /// Option keys as written (`one`, `=0`, `other`), each with the span of its message.
    pub options: Vec<(String, Range<usize>)>,
}

/// A message that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcuError {
    pub message: String,
    pub span: Range<usize>,
}

/// What a message holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IcuMessage {
    /// In source order, at any depth.
    pub arguments: Vec<IcuArgument>,
    pub plurals: Vec<IcuPlural>,
}

/// Deeper nesting than this is refused before parsing: the parser recurses per level.
const MAX_DEPTH: usize = 32;

/// Parses one message; apostrophe quoting follows ICU (`'{'` is a literal brace, `''` an
/// apostrophe). Tags (`<b>`) are text.
pub fn parse(text: &str) -> Result<IcuMessage, IcuError> {
    if let Some(at) = too_deep(text) {
        return Err(IcuError {
            message: format!("braces nested more than {MAX_DEPTH} deep"),
            span: at..at + 1,
        });
    }
    let options = ParserOptions::new(true, true, false, true, None);
    let mut parser = Parser::new(text, &options);
    match parser.parse() {
        Ok(ast) => {
            let mut message = IcuMessage::default();
            collect(&ast, None, &mut message);
            Ok(message)
        }
        Err(error) => {
            let span = error.location.map_or(0..text.len(), |location| {
                location.start.offset..location.end.offset
            });
            Err(IcuError {
                message: describe(&format!("{:?}", error.kind)),
                span: clamp(text, span),
            })
        }
    }
}

fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let end = span.end.min(text.len());
    let start = span.start.min(end);
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        start..end
    } else {
        0..text.len()
    }
}

/// `ExpectArgumentClosingBrace` → `expect argument closing brace`.
fn describe(kind: &str) -> String {
    let mut words = String::new();
    for (index, c) in kind.chars().enumerate() {
        if c.is_uppercase() && index > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words.replace("expect ", "expected ").replace(
        "malformed argument",
        "malformed argument (a name cannot contain spaces)",
    )
}

fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn span_of(span: &Option<icu_messageformat_parser::Span>) -> Range<usize> {
    span.map_or(0..0, |span| span.start.offset..span.end.offset)
}

fn collect(ast: &[AstElement], plural: Option<&str>, message: &mut IcuMessage) {
    for element in ast {
        match element {
            AstElement::Literal { .. } => {}
            AstElement::Argument { value, span }
            | AstElement::Number { value, span, .. }
            | AstElement::Date { value, span, .. }
            | AstElement::Time { value, span, .. } => message.arguments.push(IcuArgument {
                name: value.clone(),
                span: span_of(span),
            }),
            AstElement::Pound(span) => {
                if let Some(argument) = plural {
                    message.arguments.push(IcuArgument {
                        name: argument.to_owned(),
                        span: span.start.offset..span.end.offset,
                    });
                }
            }
            AstElement::Select {
                value,
                span,
                options,
            } => {
                message.arguments.push(IcuArgument {
                    name: value.clone(),
                    span: span_of(span),
                });
                for (_, option) in &options.0 {
                    collect(&option.value, plural, message);
                }
            }
            AstElement::Plural {
                value,
                plural_type,
                span,
                options,
                ..
            } => {
                message.arguments.push(IcuArgument {
                    name: value.clone(),
                    span: span_of(span),
                });
                message.plurals.push(IcuPlural {
                    argument: value.clone(),
                    ordinal: format!("{plural_type:?}") == "Ordinal",
                    span: span_of(span),
                    options: options
                        .0
                        .iter()
                        .map(|(key, option)| (key.to_string(), span_of(&option.location)))
                        .collect(),
                });
                for (_, option) in &options.0 {
                    collect(&option.value, Some(value), message);
                }
            }
            AstElement::Tag { children, .. } => collect(children, plural, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_and_plurals_with_spans() {
        let text = "{n, plural, =0 {none} one {# day} other {# days}} – {who}";
        let message = parse(text).unwrap();
        let written: Vec<_> = message
            .arguments
            .iter()
            .map(|argument| (argument.name.as_str(), &text[argument.span.clone()]))
            .collect();
        assert_eq!(written[0].0, "n");
        assert_eq!(written[1], ("n", "#"));
        assert_eq!(written.last(), Some(&("who", "{who}")));
        let keys: Vec<_> = message.plurals[0]
            .options
            .iter()
            .map(|(key, _)| key.as_str())
            .collect();
        assert_eq!(keys, ["=0", "one", "other"]);
    }

    #[test]
    fn quoting_makes_braces_text() {
        let message = parse("It''s '{not}' {yes}").unwrap();
        let names: Vec<_> = message.arguments.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["yes"]);
    }

    #[test]
    fn errors_have_positions_and_words() {
        let error = parse("Hi {name").unwrap_err();
        assert!(error.message.starts_with("expected"), "{}", error.message);
        assert!(
            parse("{count, plural, one {x}}").is_err(),
            "`other` is required"
        );
        let deep = "{a, select, x {".repeat(40);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
    }

    #[test]
    fn hostile_input_never_panics() {
        let pieces = [
            "{", "}", "#", "'", ",", " ", "a", "plural", "select", "=0", "other", "é", "<b>",
            "</b>", "offset:1",
        ];
        let mut state = 7u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 17) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let _ = parse(&text);
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
    }
}
