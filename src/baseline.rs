//! Baselines: today's diagnostics recorded in a file, so that a site with many existing
//! problems can adopt the linter and fail only on new ones. Entries are matched by rule, file
//! and fingerprint (not line numbers), each entry suppressing one diagnostic.

use crate::atomic_write::write_atomically;
use crate::diagnostic::Diagnostic;
use crate::files::Sources;
use crate::fingerprint::fingerprint;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    diagnostics: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
    /// For people reading the file; not used for matching.
    message: String,
}

/// A loaded baseline: how many diagnostics of each (rule, path, fingerprint) it accepts.
#[derive(Debug, Default)]
pub struct Baseline {
    accepted: HashMap<(String, String, String), usize>,
}

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline `{}`: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{}` is not a baseline written by `l10nlint baseline`: {source}", .path.display())]
    Invalid {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("`{}` is a baseline of version {version}, this l10nlint reads version {VERSION}: record it again with `l10nlint baseline`", .path.display())]
    Version { path: PathBuf, version: u32 },
    #[error("cannot write the baseline `{}`: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `diagnostics` as a baseline file.
pub fn record(
    path: &Path,
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
) -> Result<(), BaselineError> {
    let file = BaselineFile {
        version: VERSION,
        diagnostics: diagnostics
            .iter()
            .map(|diagnostic| Entry {
                rule: diagnostic.rule.to_owned(),
                path: diagnostic.location.path.clone(),
                fingerprint: fingerprint(diagnostic, sources.get(&diagnostic.location.path)),
                message: diagnostic.message.clone(),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    write_atomically(path, text.as_bytes()).map_err(|source| BaselineError::Write {
        path: path.to_owned(),
        source,
    })
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: path.to_owned(),
            source,
        })?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|source| BaselineError::Invalid {
                path: path.to_owned(),
                source,
            })?;
        if file.version != VERSION {
            return Err(BaselineError::Version {
                path: path.to_owned(),
                version: file.version,
            });
        }
        let mut accepted = HashMap::new();
        for entry in file.diagnostics {
            *accepted
                .entry((entry.rule, entry.path, entry.fingerprint))
                .or_default() += 1;
        }
        Ok(Self { accepted })
    }

    /// The diagnostics the baseline does not accept, and how many it suppressed.
    pub fn filter(
        &self,
        diagnostics: Vec<Diagnostic>,
        sources: &mut Sources,
    ) -> (Vec<Diagnostic>, usize) {
        let mut remaining = self.accepted.clone();
        let mut suppressed = 0;
        let kept = diagnostics
            .into_iter()
            .filter(|diagnostic| {
                let key = (
                    diagnostic.rule.to_owned(),
                    diagnostic.location.path.clone(),
                    fingerprint(diagnostic, sources.get(&diagnostic.location.path)),
                );
                match remaining.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        suppressed += 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        (kept, suppressed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(path: &str, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic::new(path, span, "wrong lang").with_rule("front-matter-lang-mismatch")
    }

    #[test]
    fn recorded_diagnostics_are_suppressed_after_lines_move() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "lang: en\n").unwrap();
        let baseline_path = root.path().join("baseline.json");
        let mut sources = Sources::new(root.path().to_owned(), u64::MAX);
        record(&baseline_path, &[diagnostic("a.md", 6..8)], &mut sources).unwrap();

        std::fs::write(root.path().join("a.md"), "---\nlang: en\n").unwrap();
        let mut sources = Sources::new(root.path().to_owned(), u64::MAX);
        let baseline = Baseline::load(&baseline_path).unwrap();
        // The same problem moved a line down, and a second copy of it is new.
        let (kept, suppressed) = baseline.filter(
            vec![diagnostic("a.md", 10..12), diagnostic("a.md", 10..12)],
            &mut sources,
        );
        assert_eq!((kept.len(), suppressed), (1, 1));
    }

    #[test]
    fn other_files_are_not_suppressed() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "lang: en\n").unwrap();
        std::fs::write(root.path().join("b.md"), "lang: en\n").unwrap();
        let baseline_path = root.path().join("baseline.json");
        let mut sources = Sources::new(root.path().to_owned(), u64::MAX);
        record(&baseline_path, &[diagnostic("a.md", 6..8)], &mut sources).unwrap();
        let baseline = Baseline::load(&baseline_path).unwrap();
        let (kept, suppressed) = baseline.filter(vec![diagnostic("b.md", 6..8)], &mut sources);
        assert_eq!((kept.len(), suppressed), (1, 0));
    }

    #[test]
    fn a_foreign_file_is_a_clear_error() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("baseline.json");
        std::fs::write(&path, "{\"results\": []}").unwrap();
        let err = Baseline::load(&path).unwrap_err();
        assert!(matches!(err, BaselineError::Invalid { .. }), "{err}");
        assert!(err.to_string().contains("is not a baseline"), "{err}");
    }
}
