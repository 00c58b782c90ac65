//! Reading the site's files: only inside the site, size-limited, checked to be UTF-8, and a
//! small cache of the texts that reports show.
//!
//! [`Confinement`] is the one place that knows which folders l10nlint may read and write: a
//! repository's content (a pull request) may hold a symbolic link to `/etc/passwd`, to
//! `/proc/self/environ` or to a folder outside, and none of them may be read, shown in a
//! report or rewritten by `--fix`.

use crate::diagnostic::Location;
use crate::source::{Position, SourceText};
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The folders whose files may be read and written: the site's root and the folders the user
/// named on the command line, by canonical path. A path is resolved (every symbolic link
/// followed) before it is opened, and refused when it then lies elsewhere.
#[derive(Debug, Clone, Default)]
pub struct Confinement {
    root: PathBuf,
    granted: Vec<PathBuf>,
}

/// Why a path of the site was not opened.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// It resolves to this canonical path, outside every allowed folder.
    #[error("it leads outside the site")]
    Outside(PathBuf),
    /// It cannot be resolved: it does not exist, a link in it dangles or loops.
    #[error(transparent)]
    Unresolvable(io::Error),
}

impl Confinement {
    /// Confines to `root` (made canonical when it exists).
    pub fn new(root: &Path) -> Self {
        Self {
            root: canonical_or_given(root),
            granted: Vec::new(),
        }
    }

    /// Also allows the folders in `granted`: folders the user named on the command line.
    pub fn with_granted(mut self, granted: impl IntoIterator<Item = PathBuf>) -> Self {
        self.granted
            .extend(granted.into_iter().map(|path| canonical_or_given(&path)));
        self
    }

    /// The canonical root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a canonical path lies in the root or a granted folder.
    fn allows(&self, canonical: &Path) -> bool {
        std::iter::once(&self.root)
            .chain(&self.granted)
            .any(|allowed| canonical.starts_with(allowed))
    }

    /// The canonical path of an existing `path` (relative to the root, or absolute), links
    /// followed, when it lies inside.
    pub fn resolve(&self, path: impl AsRef<Path>) -> Result<PathBuf, Refusal> {
        let canonical = self
            .root
            .join(path)
            .canonicalize()
            .map_err(Refusal::Unresolvable)?;
        if self.allows(&canonical) {
            Ok(canonical)
        } else {
            Err(Refusal::Outside(canonical))
        }
    }

    /// Where a write to `path` (relative to the root, or absolute) must go: the file a
    /// symbolic link points to rather than the link, and never outside. A file that does not
    /// exist yet is placed in its nearest existing folder, which must lie inside.
    pub fn writable(&self, path: impl AsRef<Path>) -> Result<PathBuf, Refusal> {
        let path = self.root.join(path);
        if std::fs::symlink_metadata(&path).is_ok() {
            return self.resolve(&path);
        }
        let mut missing = Vec::new();
        let mut existing = path.as_path();
        while std::fs::symlink_metadata(existing).is_err() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    missing.push(name.to_owned());
                    existing = parent;
                }
                _ => {
                    let err = io::Error::new(io::ErrorKind::NotFound, "no existing folder");
                    return Err(Refusal::Unresolvable(err));
                }
            }
        }
        // `..` after a missing folder cannot be resolved without creating it.
        if path.strip_prefix(existing).is_ok_and(|rest| {
            rest.components()
                .any(|part| !matches!(part, Component::Normal(_)))
        }) {
            let err = io::Error::new(io::ErrorKind::InvalidInput, "`..` after a missing folder");
            return Err(Refusal::Unresolvable(err));
        }
        let mut resolved = self.resolve(existing)?;
        resolved.extend(missing.iter().rev());
        Ok(resolved)
    }

    /// Reads a file of the site (relative to the root) of at most `max_size` bytes as UTF-8.
    pub fn read_source(&self, path: &str, max_size: u64) -> Result<SourceText, ReadProblem> {
        match self.resolve(path) {
            Ok(canonical) => read_source(&canonical, max_size),
            Err(Refusal::Outside(_)) => Err(ReadProblem {
                message:
                    "this file is a symbolic link that leads outside the site; it was not read"
                        .to_owned(),
                help: "commit the file itself instead of a link to it".to_owned(),
            }),
            Err(Refusal::Unresolvable(err)) => Err(cannot_read(err)),
        }
    }

    /// The text of a small file of the site (`_config.yml`, an include), when it exists, lies
    /// inside, is at most `max_size` bytes and is UTF-8.
    pub fn read_text(&self, path: &str, max_size: u64) -> Option<String> {
        let source = self.read_source(path, max_size).ok()?;
        Some(source.text().to_owned())
    }

    /// Whether `path` (relative to the root) is a file inside.
    pub fn is_file(&self, path: &str) -> bool {
        self.resolve(path)
            .is_ok_and(|canonical| canonical.is_file())
    }

    /// Whether `path` (relative to the root) is a folder inside.
    pub fn is_dir(&self, path: &str) -> bool {
        self.resolve(path).is_ok_and(|canonical| canonical.is_dir())
    }
}

fn canonical_or_given(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

fn cannot_read(err: io::Error) -> ReadProblem {
    ReadProblem {
        message: format!("cannot read this file: {err}"),
        help: "check that the file exists and is readable".to_owned(),
    }
}

/// Why a file could not be read, said for a diagnostic.
pub struct ReadProblem {
    pub message: String,
    pub help: String,
}

/// Reads a file of at most `max_size` bytes as UTF-8 text; `path` is canonical and confined.
fn read_source(path: &Path, max_size: u64) -> Result<SourceText, ReadProblem> {
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
    confinement: Confinement,
    max_file_size: u64,
    texts: HashMap<String, Option<SourceText>>,
}

impl Sources {
    /// Files over `max_file_size` bytes are shown without a snippet, as the lint skipped them.
    pub fn new(root: PathBuf, max_file_size: u64) -> Self {
        Self::confined(Confinement::new(&root), max_file_size)
    }

    /// Reads only what `confinement` allows: a link that leads outside is shown without a
    /// snippet, so a report never prints the content of a file outside the site.
    pub fn confined(confinement: Confinement, max_file_size: u64) -> Self {
        Self {
            confinement,
            max_file_size,
            texts: HashMap::new(),
        }
    }

    pub fn get(&mut self, path: &str) -> Option<&SourceText> {
        if self.texts.len() >= KEPT_TEXTS && !self.texts.contains_key(path) {
            self.texts.clear();
        }
        let (confinement, max_file_size) = (&self.confinement, self.max_file_size);
        self.texts
            .entry(path.to_owned())
            .or_insert_with(|| confinement.read_source(path, max_file_size).ok())
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

#[cfg(test)]
#[cfg(unix)]
mod confinement_tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, tempfile::TempDir, Confinement) {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("es")).unwrap();
        std::fs::write(site.path().join("es/a.md"), "inside\n").unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret\n").unwrap();
        let confinement = Confinement::new(site.path());
        (site, outside, confinement)
    }

    #[test]
    fn links_that_stay_inside_are_followed() {
        let (site, _outside, confinement) = site();
        symlink("a.md", site.path().join("es/b.md")).unwrap();
        symlink("es", site.path().join("de")).unwrap();
        for path in ["es/a.md", "es/b.md", "de/a.md", "de/b.md"] {
            let source = confinement.read_source(path, 100).ok().unwrap();
            assert_eq!(source.text(), "inside\n", "{path}");
        }
        let target = confinement.writable("de/b.md").unwrap();
        assert_eq!(target, confinement.root().join("es/a.md"));
    }

    #[test]
    fn links_that_lead_outside_are_refused() {
        let (site, outside, confinement) = site();
        symlink(
            outside.path().join("secret.md"),
            site.path().join("es/secret.md"),
        )
        .unwrap();
        symlink(outside.path(), site.path().join("fr")).unwrap();
        symlink("/etc/passwd", site.path().join("es/passwd.md")).unwrap();
        for path in [
            "es/secret.md",
            "fr/secret.md",
            "es/passwd.md",
            "../secret.md",
        ] {
            let problem = confinement.read_source(path, u64::MAX).err().unwrap();
            assert!(!problem.message.contains("secret\n"), "{path}");
            assert!(confinement.read_text(path, u64::MAX).is_none(), "{path}");
            assert!(!confinement.is_file(path), "{path}");
            assert!(confinement.writable(path).is_err(), "{path}");
        }
        assert!(confinement.writable("fr/new.json").is_err());
        assert!(
            confinement
                .writable(outside.path().join("new.json"))
                .is_err()
        );
        let granted = confinement.with_granted([outside.path().to_owned()]);
        assert_eq!(granted.read_text("fr/secret.md", 100).unwrap(), "secret\n");
    }

    #[test]
    fn new_files_go_into_the_nearest_existing_folder_inside() {
        let (_site, _outside, confinement) = site();
        let root = confinement.root().to_owned();
        assert_eq!(
            confinement.writable(".cache/l10nlint/online.json").unwrap(),
            root.join(".cache/l10nlint/online.json")
        );
        assert!(confinement.writable("../online.json").is_err());
        assert!(confinement.writable(".cache/../../online.json").is_err());
    }

    #[test]
    fn dangling_links_and_loops_are_unresolvable() {
        let (site, _outside, confinement) = site();
        symlink("missing.md", site.path().join("es/dangling.md")).unwrap();
        symlink("loop.md", site.path().join("es/loop.md")).unwrap();
        for path in ["es/dangling.md", "es/loop.md"] {
            assert!(matches!(
                confinement.resolve(path),
                Err(Refusal::Unresolvable(_))
            ));
        }
    }
}
