//! A generic YAML reader: `saphyr-parser` events turned into a node tree with byte spans.
//!
//! Catalogs (`_data/lang/*.yml`) and Markdown front matter both read YAML through this module,
//! so there is exactly one place that knows how YAML positions map to byte offsets.

use crate::model::yaml::*;
use crate::source::Span;
use saphyr_parser::{Event, Parser, ScanError};

/// Reads the first YAML document of `text`; a second document is reported as an error.
pub fn parse_yaml(text: &str) -> YamlDocument {
    let offsets = CharOffsets::new(text);
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(text);
    let error = loop {
        match parser.next_event() {
            None | Some(Ok((Event::StreamEnd, _))) => break None,
            Some(Err(error)) => {
                let error = scan_error(&error, &offsets, text);
                builder.discard_children_reaching(error.span.start);
                break Some(error);
            }
            Some(Ok((event, span))) => {
                let span = offsets.byte(span.start.index())..offsets.byte(span.end.index());
                if let Err(error) = builder.push(event, span, text) {
                    break Some(error);
                }
            }
        }
    };
    YamlDocument {
        root: builder.finish(),
        error,
    }
}

fn scan_error(error: &ScanError, offsets: &CharOffsets, text: &str) -> YamlError {
    let start = offsets.byte(error.marker().index());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    YamlError {
        span: start..end,
        message: error.info().to_owned(),
    }
}

/// Maps the parser's positions, which count characters, to byte offsets.
struct CharOffsets {
    /// Byte offset of each character, then the text's length.
    starts: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let starts = text
            .char_indices()
            .map(|(offset, _)| offset)
            .chain(std::iter::once(text.len()))
            .collect();
        Self { starts }
    }

    fn byte(&self, char_index: usize) -> usize {
        let last = self.starts.len() - 1;
        self.starts[char_index.min(last)]
    }
}

/// A mapping or sequence whose end event has not arrived yet.
enum OpenContainer {
    Mapping {
        start: usize,
        entries: Vec<YamlEntry>,
        pending_key: Option<YamlNode>,
    },
    Sequence {
        start: usize,
        items: Vec<YamlNode>,
    },
}

impl OpenContainer {
    /// The end of the last complete child, or the start when there is none.
    fn last_child_end(&self) -> usize {
        match self {
            OpenContainer::Mapping {
                start,
                entries,
                pending_key,
            } => pending_key
                .as_ref()
                .map(|key| key.span.end)
                .or_else(|| entries.last().map(|entry| entry.value.span.end))
                .unwrap_or(*start),
            OpenContainer::Sequence { start, items } => {
                items.last().map_or(*start, |item| item.span.end)
            }
        }
    }

    /// Closes the container; `end` is the end of its closing bracket for flow style.
    /// A key still waiting for its value (only after an error) is dropped.
    fn close(self, end: Option<usize>) -> YamlNode {
        let end = end.unwrap_or_else(|| self.last_child_end());
        match self {
            OpenContainer::Mapping { start, entries, .. } => YamlNode {
                value: YamlValue::Mapping(entries),
                span: start..end,
            },
            OpenContainer::Sequence { start, items } => YamlNode {
                value: YamlValue::Sequence(items),
                span: start..end,
            },
        }
    }
}

#[derive(Default)]
struct TreeBuilder {
    open: Vec<OpenContainer>,
    root: Option<YamlNode>,
}

impl TreeBuilder {
    fn push(&mut self, event: Event<'_>, span: Span, text: &str) -> Result<(), YamlError> {
        match event {
            Event::Scalar(value, style, _, _) => {
                let style = ScalarStyle::from(style);
                let span = match style {
                    ScalarStyle::Literal | ScalarStyle::Folded => block_scalar_span(text, span),
                    _ => span,
                };
                let scalar = YamlScalar {
                    text: value.into_owned(),
                    style,
                };
                self.add(YamlNode {
                    value: YamlValue::Scalar(scalar),
                    span,
                });
            }
            Event::Alias(_) => self.add(YamlNode {
                value: YamlValue::Alias,
                span,
            }),
            Event::MappingStart(..) => self.open.push(OpenContainer::Mapping {
                start: span.start,
                entries: Vec::new(),
                pending_key: None,
            }),
            Event::SequenceStart(..) => self.open.push(OpenContainer::Sequence {
                start: span.start,
                items: Vec::new(),
            }),
            Event::MappingEnd | Event::SequenceEnd => {
                // Block containers end with an empty span somewhere after trailing blank lines,
                // and a flow container's end event may run on over a trailing comment: only a
                // closing bracket marks a real end.
                let end = text[span.start..]
                    .starts_with([']', '}'])
                    .then_some(span.start + 1);
                if let Some(container) = self.open.pop() {
                    let node = container.close(end);
                    self.add(node);
                }
            }
            Event::DocumentStart(_) if self.root.is_some() => {
                return Err(YamlError {
                    span,
                    message: "a second YAML document is not supported here".to_owned(),
                });
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => {}
        }
        Ok(())
    }

    fn add(&mut self, node: YamlNode) {
        match self.open.last_mut() {
            None => self.root = Some(node),
            Some(OpenContainer::Sequence { items, .. }) => items.push(node),
            Some(OpenContainer::Mapping {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push(YamlEntry { key, value: node }),
            },
        }
    }

    /// Drops the children that reach the error's position: the parser may have completed them
    /// with text that belongs to the broken construct (`b: 2` followed by `  c: 3` reads `2 c`).
    fn discard_children_reaching(&mut self, error_start: usize) {
        match self.open.last_mut() {
            Some(OpenContainer::Mapping { entries, .. }) => {
                entries.retain(|entry| entry.value.span.end < error_start);
            }
            Some(OpenContainer::Sequence { items, .. }) => {
                items.retain(|item| item.span.end < error_start);
            }
            None => {}
        }
    }

    /// The root, closing containers that an error left open.
    fn finish(mut self) -> Option<YamlNode> {
        while let Some(container) = self.open.pop() {
            let node = container.close(None);
            self.add(node);
        }
        self.root
    }
}

/// The parser spans a block scalar from its first content character to the next token; the
/// node should instead start at its `|`/`>` header and end with its last non-blank character.
fn block_scalar_span(text: &str, content: Span) -> Span {
    let before = &text[..content.start];
    // The header is on the last line before the content that is not blank.
    let header_line_end = before.trim_end().len();
    let header_line_start = before[..header_line_end].rfind('\n').map_or(0, |i| i + 1);
    let header_line = &text[header_line_start..header_line_end];
    let start = header_indicator(header_line).map_or(content.start, |i| header_line_start + i);
    let end = start + text[start..content.end].trim_end().len();
    start..end
}

/// The offset of the `|`/`>` that begins a block scalar header, e.g. in `key: >- # note`.
fn header_indicator(line: &str) -> Option<usize> {
    let without_comment = line.find(" #").map_or(line, |i| &line[..i]).trim_end();
    let indicator_start =
        without_comment.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    indicator_start
        .ends_with(['|', '>'])
        .then(|| indicator_start.len() - 1)
}

impl From<saphyr_parser::ScalarStyle> for ScalarStyle {
    fn from(style: saphyr_parser::ScalarStyle) -> Self {
        match style {
            saphyr_parser::ScalarStyle::Plain => ScalarStyle::Plain,
            saphyr_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            saphyr_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            saphyr_parser::ScalarStyle::Literal => ScalarStyle::Literal,
            saphyr_parser::ScalarStyle::Folded => ScalarStyle::Folded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> YamlNode {
        let document = parse_yaml(text);
        assert_eq!(document.error, None);
        document.root.unwrap()
    }

    fn slice<'t>(text: &'t str, node: &YamlNode) -> &'t str {
        &text[node.span.clone()]
    }

    #[test]
    fn scalar_spans_cover_their_text_exactly() {
        let text = "k:\n  plain: two words\n  single: 'it''s'\n  double: \"a \\\"b\\\"\"\n  multi: first\n    second\n";
        let root = root(text);
        let k = root.get("k").unwrap();
        assert_eq!(slice(text, k.get("plain").unwrap()), "two words");
        assert_eq!(slice(text, k.get("single").unwrap()), "'it''s'");
        assert_eq!(k.get("single").unwrap().as_str(), Some("it's"));
        assert_eq!(slice(text, k.get("double").unwrap()), "\"a \\\"b\\\"\"");
        assert_eq!(slice(text, k.get("multi").unwrap()), "first\n    second");
        assert_eq!(k.get("multi").unwrap().as_str(), Some("first second"));
        let keys: Vec<_> = k
            .as_mapping()
            .unwrap()
            .iter()
            .map(|e| slice(text, &e.key))
            .collect();
        assert_eq!(keys, ["plain", "single", "double", "multi"]);
    }

    #[test]
    fn block_scalars_span_from_header_to_last_character() {
        let text = "a: |\n  line one\n  line two\n\nb: >- # folded\n  x\n  y\nc: end\nd: |+\ne:\n  - >\n    item\n";
        let root = root(text);
        assert_eq!(
            slice(text, root.get("a").unwrap()),
            "|\n  line one\n  line two"
        );
        assert_eq!(
            root.get("a").unwrap().as_str(),
            Some("line one\nline two\n")
        );
        assert_eq!(slice(text, root.get("b").unwrap()), ">- # folded\n  x\n  y");
        assert_eq!(root.get("b").unwrap().as_str(), Some("x y"));
        assert_eq!(slice(text, root.get("c").unwrap()), "end");
        assert_eq!(slice(text, root.get("d").unwrap()), "|+");
        assert_eq!(slice(text, root.get("e").unwrap()), "- >\n    item");
    }

    #[test]
    fn containers_span_first_to_last_character() {
        let text = "top:\n  list:\n    - x\n    - 'y'\n  flow: [a, {k: v}]  # note\n\n\n";
        let root = root(text);
        assert_eq!(
            slice(text, &root),
            text.trim_end().trim_end_matches("  # note")
        );
        let top = root.get("top").unwrap();
        assert_eq!(
            slice(text, top),
            "list:\n    - x\n    - 'y'\n  flow: [a, {k: v}]"
        );
        assert_eq!(slice(text, top.get("list").unwrap()), "- x\n    - 'y'");
        let flow = top.get("flow").unwrap();
        assert_eq!(slice(text, flow), "[a, {k: v}]");
        let YamlValue::Sequence(items) = &flow.value else {
            panic!("expected a sequence: {flow:?}");
        };
        assert_eq!(slice(text, &items[1]), "{k: v}");
    }

    #[test]
    fn non_ascii_text_maps_to_byte_offsets() {
        let text = "ключ: «значение»\nnext: ünïcödé 😀\n";
        let root = root(text);
        assert_eq!(slice(text, root.get("ключ").unwrap()), "«значение»");
        assert_eq!(slice(text, root.get("next").unwrap()), "ünïcödé 😀");
    }

    #[test]
    fn crlf_line_ends_stay_outside_spans() {
        let text = "a: one\r\nb: 'two'\r\nc: |\r\n  x\r\n  y\r\n";
        let root = root(text);
        assert_eq!(slice(text, root.get("a").unwrap()), "one");
        assert_eq!(slice(text, root.get("b").unwrap()), "'two'");
        assert_eq!(slice(text, root.get("c").unwrap()), "|\r\n  x\r\n  y");
    }

    #[test]
    fn nulls_aliases_and_duplicates_are_kept() {
        let text = "a:\nb: &anchor value\nc: *anchor\nb: again\nd: ~\ne: 'null'\n";
        let root = root(text);
        let entries = root.as_mapping().unwrap();
        assert_eq!(entries.len(), 6);
        let YamlValue::Scalar(empty) = &entries[0].value.value else {
            panic!("expected a scalar");
        };
        assert!(empty.is_null());
        assert!(entries[0].value.span.is_empty());
        assert_eq!(slice(text, &entries[1].value), "value");
        assert_eq!(entries[2].value.value, YamlValue::Alias);
        assert_eq!(slice(text, &entries[2].value), "*anchor");
        assert_eq!(slice(text, &entries[3].key), "b");
        assert_eq!(root.get("b").unwrap().as_str(), Some("value"));
        assert_eq!(root.get("d").unwrap().as_str(), None);
        assert_eq!(root.get("e").unwrap().as_str(), Some("null"));
    }

    #[test]
    fn empty_and_comment_only_documents_have_no_root() {
        assert_eq!(
            parse_yaml(""),
            YamlDocument {
                root: None,
                error: None
            }
        );
        assert_eq!(
            parse_yaml("# nothing\n"),
            YamlDocument {
                root: None,
                error: None
            }
        );
    }

    #[test]
    fn syntax_error_keeps_what_parsed_before_it() {
        let text = "a: première\nb: 2\n  c: 3\nd: 4\n";
        let document = parse_yaml(text);
        let error = document.error.unwrap();
        assert_eq!(
            error.message,
            "mapping values are not allowed in this context"
        );
        assert_eq!(&text[error.span.clone()], ":");
        assert_eq!(error.span.start, text.find("c:").unwrap() + 1);
        let root = document.root.unwrap();
        assert_eq!(root.get("a").unwrap().as_str(), Some("première"));
        // The parser read `b`'s value as "2 c" before failing, so the entry is dropped.
        assert_eq!(root.as_mapping().unwrap().len(), 1);
    }

    #[test]
    fn unclosed_flow_sequence_is_an_error_with_partial_tree() {
        let text = "a: ok\nb: [x, y\nc: z\n";
        let document = parse_yaml(text);
        assert!(document.error.is_some());
        let root = document.root.unwrap();
        assert_eq!(root.get("a").unwrap().as_str(), Some("ok"));
        // `y` ran into the broken line, so only `x` is kept.
        assert_eq!(slice(text, root.get("b").unwrap()), "[x");
    }

    #[test]
    fn error_at_end_of_text_has_an_empty_span() {
        let text = "a: 'open";
        let error = parse_yaml(text).error.unwrap();
        assert!(error.span.end <= text.len());
        assert!(error.message.contains("quoted scalar"), "{}", error.message);
    }

    #[test]
    fn second_document_is_an_error() {
        let text = "a: 1\n---\nb: 2\n";
        let document = parse_yaml(text);
        assert_eq!(&text[document.error.unwrap().span], "---");
        assert_eq!(document.root.unwrap().get("a").unwrap().as_str(), Some("1"));
    }
}
