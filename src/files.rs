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
    SourceText::from_bytes(bytes).map_err(|err| ReadProblem {
        message: format!(
            "this file is not valid UTF-8 (first invalid byte at offset {}, line {})",
            err.offset, err.line
        ),
        help: "save the file as UTF-8".to_owned(),
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
