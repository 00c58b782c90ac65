//! Reading the site's files: size-limited, checked to be UTF-8, and a small cache of the texts
//! that reports show.

use crate::diagnostic::Location;
use crate::source::{Position, SourceText};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file could not be read, said for a diagnostic.
pub struct ReadProblem {
    pub message: String,
    pub help: String,
}

/// Reads a file of at most `max_size` bytes as UTF-8 text.
pub fn read_source(path: &Path, max_size: u64) -> Result<SourceText, ReadProblem> {
    let cannot_read = |err: std::io::Error| ReadProblem {
        message: format!("cannot read this file: {err}"),
        help: "check that the file exists and is readable".to_owned(),
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    let too_large = || ReadProblem {
        message: format!(
            "this file is larger than `max-file-size` ({max_size} bytes, {}) and was not linted",
            megabytes(max_size)
        ),
        help: "exclude it, or raise `max-file-size` (in bytes) in l10nlint.toml".to_owned(),
    };
    if size > max_size {
        return Err(too_large());
    }
    // The file may grow after the size was read: never read more than the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large());
    }
    if let Some(problem) = not_text(&bytes) {
        return Err(problem);
    }
    SourceText::from_bytes(bytes).map_err(|err| ReadProblem {
        message: format!(
            "this file is not valid UTF-8 (first invalid byte at offset {}, line {})",
            err.offset, err.line
        ),
        help: "save the file as UTF-8".to_owned(),
    })
}

/// A file in UTF-16 or UTF-32 (said by its byte order mark, or by the NUL byte of every other
/// byte that ASCII text has in UTF-16), or a binary file (any NUL byte, as git judges).
fn not_text(bytes: &[u8]) -> Option<ReadProblem> {
    let save_as_utf8 = |encoding: &str| ReadProblem {
        message: format!("this file is {encoding}, not UTF-8"),
        help: "save the file as UTF-8 (most editors offer the encoding when saving)".to_owned(),
    };
    let byte_order_marks: [(&[u8], &str); 4] = [
        (b"\xff\xfe\0\0", "UTF-32 (little-endian)"),
        (b"\0\0\xfe\xff", "UTF-32 (big-endian)"),
        (b"\xff\xfe", "UTF-16 (little-endian)"),
        (b"\xfe\xff", "UTF-16 (big-endian)"),
    ];
    if let Some((_, encoding)) = byte_order_marks
        .iter()
        .find(|(mark, _)| bytes.starts_with(mark))
    {
        return Some(save_as_utf8(encoding));
    }
    let first_nul = bytes.iter().position(|byte| *byte == 0)?;
    // UTF-16 without a byte order mark: mostly-ASCII text has a NUL in every pair, always on
    // the same side.
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let nul_at = |side: usize| sample.chunks(2).filter(|pair| pair[side] == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    if pairs >= 2 && odd * 2 >= pairs && even * 10 <= pairs {
        return Some(save_as_utf8(
            "UTF-16 (little-endian, without a byte order mark)",
        ));
    }
    if pairs >= 2 && even * 2 >= pairs && odd * 10 <= pairs {
        return Some(save_as_utf8(
            "UTF-16 (big-endian, without a byte order mark)",
        ));
    }
    let line = 1 + bytes[..first_nul].iter().filter(|b| **b == b'\n').count();
    Some(ReadProblem {
        message: format!(
            "this file holds NUL bytes (the first at offset {first_nul}, line {line}): it is binary, not text"
        ),
        help: "exclude it (`exclude` in l10nlint.toml), or save it as UTF-8 text".to_owned(),
    })
}

/// `12.3 MB`: sizes in messages, in MiB like the default limit.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// How many file texts `Sources` keeps. Diagnostics come sorted by file, so a text is rarely
/// needed again once the report has moved on; keeping them all would hold the whole site.
const KEPT_TEXTS: usize = 16;

/// Reads the files that diagnostics point into, keeping the last few.
pub struct Sources {
    root: PathBuf,
    max_file_size: u64,
    texts: HashMap<String, Option<SourceText>>,
}

impl Sources {
    /// Files over `max_file_size` bytes are shown without a snippet, as the lint skipped them.
    pub fn new(root: PathBuf, max_file_size: u64) -> Self {
        Self {
            root,
            max_file_size,
            texts: HashMap::new(),
        }
    }

    pub fn get(&mut self, path: &str) -> Option<&SourceText> {
        if self.texts.len() >= KEPT_TEXTS && !self.texts.contains_key(path) {
            self.texts.clear();
        }
        let (root, max_file_size) = (&self.root, self.max_file_size);
        self.texts
            .entry(path.to_owned())
            .or_insert_with(|| read_source(&root.join(path), max_file_size).ok())
            .as_ref()
    }

    /// The start and end positions of a location (end is exclusive, like the span).
    pub fn range(&mut self, location: &Location) -> (Position, Position) {
        match self.get(&location.path) {
            Some(source) => (
                source.position(location.span.start),
                source.position(location.span.end),
            ),
            None => (
                Position { line: 1, column: 1 },
                Position { line: 1, column: 1 },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(bytes: &[u8]) -> Option<String> {
        not_text(bytes).map(|problem| problem.message)
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if little_endian {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_is_named_with_or_without_a_byte_order_mark() {
        let mut with_mark = b"\xff\xfe".to_vec();
        with_mark.extend(utf16("---\ntitle: Ayuda\n---\n", true));
        assert_eq!(
            problem(&with_mark).as_deref(),
            Some("this file is UTF-16 (little-endian), not UTF-8")
        );
        assert_eq!(
            problem(&utf16("# Hilfe\n", true)).as_deref(),
            Some("this file is UTF-16 (little-endian, without a byte order mark), not UTF-8")
        );
        assert_eq!(
            problem(&utf16("# Hilfe\n", false)).as_deref(),
            Some("this file is UTF-16 (big-endian, without a byte order mark), not UTF-8")
        );
        assert_eq!(
            problem(b"\0\0\xfe\xff\0\0\0a").as_deref(),
            Some("this file is UTF-32 (big-endian), not UTF-8")
        );
    }

    #[test]
    fn nul_bytes_make_a_file_binary() {
        assert_eq!(
            problem(&[0; 64]).as_deref(),
            Some(
                "this file holds NUL bytes (the first at offset 0, line 1): it is binary, not text"
            )
        );
        assert_eq!(
            problem(b"# Title\n\nText\0 more text here.\n").as_deref(),
            Some(
                "this file holds NUL bytes (the first at offset 13, line 3): it is binary, not text"
            )
        );
        assert_eq!(problem("# Título\n".as_bytes()), None);
    }
}
