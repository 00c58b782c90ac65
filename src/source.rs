//! A file's text and the mapping from byte offsets to human positions.

use std::ops::Range;

/// A byte range into a file's text (after any BOM was removed).
pub type Span = Range<usize>;

/// A 1-based position in a file: line, and column counted in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The text of one file, decoded, with its line starts indexed.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: String,
    had_bom: bool,
    line_starts: Vec<usize>,
}

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// 1-based line of the first invalid byte.
    pub line: usize,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        let (text, had_bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_owned(), true),
            None => (text, false),
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            had_bom,
            line_starts,
        }
    }

    /// Decodes UTF-8 bytes; a BOM is removed and remembered.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, DecodeError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(text)),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let line = 1 + err.as_bytes()[..offset]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                Err(DecodeError { offset, line })
            }
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn had_bom(&self) -> bool {
        self.had_bom
    }

    /// The 1-based line and code-point column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_index = self.line_starts.partition_point(|start| *start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        Position {
            line: line_index + 1,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    /// The 1-based column of a byte offset counted in UTF-16 code units (SARIF, LSP).
    pub fn utf16_column(&self, offset: usize) -> usize {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_start = self.line_start_of(offset);
        self.text[line_start..offset].encode_utf16().count() + 1
    }

    /// The byte range of the 1-based line `line`, without its line terminator.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_starts[(line - 1).min(self.line_starts.len() - 1)];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_start_of(&self, offset: usize) -> usize {
        self.line_starts[self.line_starts.partition_point(|start| *start <= offset) - 1]
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points_from_one() {
        let source = SourceText::new("ab\nçé x\n".to_owned());
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        assert_eq!(source.position(3), Position { line: 2, column: 1 });
        // "çé " is 5 bytes; 'x' is the fourth code point.
        assert_eq!(source.position(8), Position { line: 2, column: 4 });
        assert_eq!(source.position(100), Position { line: 3, column: 1 });
    }

    #[test]
    fn bom_is_removed_and_remembered() {
        let source = SourceText::from_bytes(b"\xef\xbb\xbf---\n".to_vec()).unwrap();
        assert!(source.had_bom());
        assert_eq!(source.text(), "---\n");
    }

    #[test]
    fn crlf_lines_exclude_the_terminator() {
        let source = SourceText::new("a\r\nbc\r\n".to_owned());
        assert_eq!(&source.text()[source.line_span(2)], "bc");
        assert_eq!(source.position(3), Position { line: 2, column: 1 });
    }

    #[test]
    fn invalid_utf8_reports_its_line() {
        let err = SourceText::from_bytes(b"ok\nbad \xff".to_vec()).unwrap_err();
        assert_eq!(err, DecodeError { offset: 7, line: 2 });
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let source = SourceText::new("😀x".to_owned());
        assert_eq!(source.utf16_column(4), 3);
    }
}
