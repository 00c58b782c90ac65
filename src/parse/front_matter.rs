//! Front matter: a `---` block that starts on the first line, as Jekyll and Hugo read it.
//! Only that block counts; a `---` later in the body is a thematic break.

use crate::model::yaml::{YamlNode, YamlValue};
use crate::model::{FrontMatter, FrontMatterBlock, FrontMatterEntry, Value};
use crate::parse::yaml;
use crate::source::Span;

/// The front matter of `text`, and the offset where the body starts.
pub fn parse(text: &str) -> (FrontMatterBlock, usize) {
    let Some(opening) = opening_line(text) else {
        return (FrontMatterBlock::Absent, 0);
    };
    let Some((closing_start, body_start)) = closing_line(text, opening.end) else {
        return (
            FrontMatterBlock::Unclosed {
                opening: 0..opening_len(text),
            },
            0,
        );
    };
    let yaml_span = opening.end..closing_start;
    let closing = closing_start..line_end(text, closing_start);
    let block = 0..closing.end;
    let yaml = yaml::parse_yaml(&text[yaml_span.clone()]);
    let block = match (yaml.error, yaml.root) {
        (Some(error), _) => FrontMatterBlock::Invalid {
            block,
            error: shift(&error.span, yaml_span.start),
            message: error.message,
        },
        (None, None) => FrontMatterBlock::Present(FrontMatter {
            block,
            opening: 0..opening_len(text),
            closing,
            entries: Vec::new(),
        }),
        (None, Some(root)) => match to_entries(root, yaml_span.start) {
            Ok(entries) => FrontMatterBlock::Present(FrontMatter {
                block,
                opening: 0..opening_len(text),
                closing,
                entries,
            }),
            Err(span) => FrontMatterBlock::Invalid {
                block,
                error: span,
                message: "front matter must be a mapping of `key: value` lines".to_owned(),
            },
        },
    };
    (block, body_start)
}

/// The `---` line at the very start, up to and including its line break.
fn opening_line(text: &str) -> Option<Span> {
    let first_line_end = text.find('\n')?;
    (text[..first_line_end].trim_end() == "---").then_some(0..first_line_end + 1)
}

fn opening_len(text: &str) -> usize {
    text.find(['\r', '\n']).unwrap_or(text.len())
}

/// The start of the closing `---` (or `...`) line, and the offset just after it.
fn closing_line(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut line_start = from;
    while line_start <= text.len() {
        let line_end_with_break = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = text[line_start..line_end_with_break].trim_end();
        if line == "---" || line == "..." {
            return Some((line_start, line_end_with_break));
        }
        if line_end_with_break == text.len() {
            return None;
        }
        line_start = line_end_with_break;
    }
    None
}

/// The end of the line that starts at `start`, without its line break.
fn line_end(text: &str, start: usize) -> usize {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

fn shift(span: &Span, by: usize) -> Span {
    span.start + by..span.end + by
}

/// The top-level entries of the YAML root, or the span of a root that is not a mapping.
fn to_entries(root: YamlNode, offset: usize) -> Result<Vec<FrontMatterEntry>, Span> {
    match root.value {
        YamlValue::Mapping(entries) => Ok(entries
            .into_iter()
            .map(|entry| FrontMatterEntry {
                key: to_value(entry.key.value).display(),
                key_span: shift(&entry.key.span, offset),
                value_span: shift(&entry.value.span, offset),
                value: to_value(entry.value.value),
            })
            .collect()),
        _ => Err(shift(&root.span, offset)),
    }
}

fn to_value(value: YamlValue) -> Value {
    match value {
        YamlValue::Scalar(scalar) if scalar.is_null() => Value::Null,
        YamlValue::Scalar(scalar) => Value::Scalar(scalar.text),
        YamlValue::Alias => Value::Scalar("*alias".to_owned()),
        YamlValue::Sequence(items) => {
            Value::List(items.into_iter().map(|n| to_value(n.value)).collect())
        }
        YamlValue::Mapping(entries) => Value::Mapping(
            entries
                .into_iter()
                .map(|entry| {
                    (
                        to_value(entry.key.value).display(),
                        to_value(entry.value.value),
                    )
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<FrontMatterEntry> {
        match parse(text).0 {
            FrontMatterBlock::Present(front_matter) => front_matter.entries,
            other => panic!("expected front matter, got {other:?}"),
        }
    }

    #[test]
    fn keys_and_values_carry_spans_into_the_file() {
        let text = "---\ntitle: FAQ\nlang: es\n---\n# Body\n";
        let entries = entries(text);
        assert_eq!(entries[1].key, "lang");
        assert_eq!(&text[entries[1].key_span.clone()], "lang");
        assert_eq!(&text[entries[1].value_span.clone()], "es");
        assert_eq!(parse(text).1, text.find("# Body").unwrap());
    }

    #[test]
    fn a_later_thematic_break_is_not_front_matter() {
        let text = "# Title\n\n---\nnot: yaml\n---\n";
        assert!(matches!(parse(text).0, FrontMatterBlock::Absent));
    }

    #[test]
    fn unclosed_block_is_reported_at_the_opening_line() {
        let (block, body) = parse("---\ntitle: x\n\nbody\n");
        assert!(matches!(block, FrontMatterBlock::Unclosed { opening } if opening == (0..3)));
        assert_eq!(body, 0);
    }

    #[test]
    fn crlf_front_matter_parses() {
        let text = "---\r\nlang: de\r\n---\r\nText\r\n";
        let entries = entries(text);
        assert_eq!(&text[entries[0].value_span.clone()], "de");
    }

    #[test]
    fn empty_block_has_no_entries() {
        assert!(entries("---\n---\nbody").is_empty());
    }

    #[test]
    fn broken_yaml_points_into_the_block() {
        let text = "---\ntitle: [unclosed\n---\n";
        match parse(text).0 {
            FrontMatterBlock::Invalid { error, .. } => assert!(error.start >= 4),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_scalar_root_is_not_a_mapping() {
        let text = "---\njust text\n---\n";
        assert!(matches!(parse(text).0, FrontMatterBlock::Invalid { .. }));
    }
}
