//! `--fix` and `--diff`: the fixes rules attach to diagnostics, applied to the files.
//!
//! Only safe fixes unless unsafe ones are asked for. A fix is applied whole or not at all;
//! one that overlaps a fix applied before it (in file order) is skipped and reported, so the
//! result never depends on rule order and a second run picks it up. Files keep their BOM and
//! line endings, are written atomically, and only when their content changes. A file reached
//! through a symbolic link is edited where the link points (inside the site only); the link
//! stays a link.

use crate::atomic_write::write_atomically;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::files::Confinement;
use crate::source::{Position, SourceText, Span};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A fixed file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the fixes to `{}`: {source}", .path.display())]
pub struct FixError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// The fixes of one run, computed without touching any file.
#[derive(Debug, Default)]
pub struct FixPlan {
    /// Files whose content changes, in path order.
    pub files: Vec<FixedFile>,
    /// Fixes that were not applied, and why.
    pub skipped: Vec<SkippedFix>,
}

#[derive(Debug)]
pub struct FixedFile {
    /// Relative to the root, `/`-separated.
    pub path: String,
    /// The file written: `path` with its links resolved, inside the site.
    target: PathBuf,
    /// The text before and after, without BOM (as diagnostics' spans see it).
    pub before: String,
    pub after: String,
    had_bom: bool,
    /// How many diagnostics' fixes went into `after`.
    pub fixes: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub struct SkippedFix {
    pub rule: &'static str,
    pub path: String,
    pub position: Position,
    pub reason: String,
}

impl FixPlan {
    /// The fixes of `diagnostics` (paths relative to the root) that may be applied.
    pub fn new(
        confinement: &Confinement,
        diagnostics: &[Diagnostic],
        include_unsafe: bool,
    ) -> Self {
        let mut by_path: BTreeMap<&str, Vec<(&Diagnostic, &Fix)>> = BTreeMap::new();
        for diagnostic in diagnostics {
            if let Some(fix) = &diagnostic.fix
                && (include_unsafe || fix.applicability == Applicability::Safe)
                && !fix.edits.is_empty()
            {
                by_path
                    .entry(&diagnostic.location.path)
                    .or_default()
                    .push((diagnostic, fix));
            }
        }
        let mut plan = FixPlan::default();
        let mut fixed_through: HashMap<PathBuf, &str> = HashMap::new();
        for (path, fixes) in by_path {
            // An unreadable file, or one outside, has its own diagnostic; there is nothing to
            // fix in it. The size limit was checked when the lint read the file a moment ago.
            let (Ok(target), Ok(source)) = (
                confinement.writable(path),
                confinement.read_source(path, u64::MAX),
            ) else {
                continue;
            };
            // Two paths linked to one file: edits computed on both would overwrite each other.
            if let Some(first) = fixed_through.get(&target) {
                plan.skipped
                    .extend(fixes.iter().map(|(diagnostic, _)| SkippedFix {
                        rule: diagnostic.rule,
                        path: path.to_owned(),
                        position: source.position(diagnostic.location.span.start),
                        reason: format!(
                            "`{path}` is a link to the same file as `{first}`; run with --fix again"
                        ),
                    }));
                continue;
            }
            fixed_through.insert(target.clone(), path);
            let (after, applied, skipped) = apply(&source, &fixes);
            plan.skipped.extend(skipped);
            if after != source.text() {
                plan.files.push(FixedFile {
                    path: path.to_owned(),
                    target,
                    before: source.text().to_owned(),
                    after,
                    had_bom: source.had_bom(),
                    fixes: applied,
                });
            }
        }
        plan
    }

    /// How many diagnostics are fixed.
    pub fn fix_count(&self) -> usize {
        self.files.iter().map(|file| file.fixes).sum()
    }

    /// Writes every changed file (where its links point, inside the site).
    pub fn write(&self) -> Result<(), FixError> {
        for file in &self.files {
            let path = &file.target;
            let mut bytes = Vec::with_capacity(file.after.len() + 3);
            if file.had_bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(file.after.as_bytes());
            write_atomically(path, &bytes).map_err(|source| FixError {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The changes as a unified diff, paths shown with `path_prefix`.
    pub fn unified_diff(&self, path_prefix: &str) -> String {
        let mut diff = String::new();
        for file in &self.files {
            let path = format!("{path_prefix}{}", file.path);
            diff.push_str(
                &similar::TextDiff::from_lines(&file.before, &file.after)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
        diff
    }
}

/// Applies the fixes of one file in order of position; returns the new text, how many fixes
/// were applied, and the ones skipped.
fn apply(source: &SourceText, fixes: &[(&Diagnostic, &Fix)]) -> (String, usize, Vec<SkippedFix>) {
    let text = source.text();
    let crlf = text.contains("\r\n");
    let mut ordered: Vec<&(&Diagnostic, &Fix)> = fixes.iter().collect();
    ordered.sort_by_key(|(diagnostic, fix)| {
        let first = fix.edits.iter().map(|edit| edit.span.start).min();
        (first, diagnostic.location.span.start, diagnostic.rule)
    });
    let mut accepted: Vec<Edit> = Vec::new();
    let mut applied = 0;
    let mut skipped = Vec::new();
    for (diagnostic, fix) in ordered {
        let problem =
            if let Some(edit) = fix.edits.iter().find(|edit| !valid_span(text, &edit.span)) {
                Some(format!(
                    "its edit {}..{} is not within the file's text",
                    edit.span.start, edit.span.end
                ))
            } else if fix.edits.iter().enumerate().any(|(index, edit)| {
                fix.edits[index + 1..]
                    .iter()
                    .chain(&accepted)
                    .any(|other| overlaps(&edit.span, &other.span))
            }) {
                Some("it overlaps another fix; run with --fix again to apply it".to_owned())
            } else {
                None
            };
        match problem {
            Some(reason) => skipped.push(SkippedFix {
                rule: diagnostic.rule,
                path: diagnostic.location.path.clone(),
                position: source.position(diagnostic.location.span.start),
                reason,
            }),
            None => {
                applied += 1;
                accepted.extend(fix.edits.iter().map(|edit| Edit {
                    span: edit.span.clone(),
                    replacement: if crlf {
                        edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n")
                    } else {
                        edit.replacement.clone()
                    },
                }));
            }
        }
    }
    accepted.sort_by_key(|edit| edit.span.start);
    let mut after = String::with_capacity(text.len());
    let mut copied_to = 0;
    for edit in &accepted {
        after.push_str(&text[copied_to..edit.span.start]);
        after.push_str(&edit.replacement);
        copied_to = edit.span.end;
    }
    after.push_str(&text[copied_to..]);
    (after, applied, skipped)
}

fn valid_span(text: &str, span: &Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Whether two edits touch the same text; two insertions at one offset also conflict, since
/// their order would be arbitrary.
fn overlaps(a: &Span, b: &Span) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixable(rule: &'static str, span: Span, replacement: &str, safe: bool) -> Diagnostic {
        Diagnostic::new("a.md", span.clone(), "m")
            .with_rule(rule)
            .fix(Fix::new(
                if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                "d".to_owned(),
                vec![Edit {
                    span,
                    replacement: replacement.to_owned(),
                }],
            ))
    }

    fn apply_all(text: &str, diagnostics: &[Diagnostic]) -> (String, usize, Vec<SkippedFix>) {
        let source = SourceText::new(text.to_owned());
        let fixes: Vec<(&Diagnostic, &Fix)> = diagnostics
            .iter()
            .map(|diagnostic| (diagnostic, diagnostic.fix.as_ref().unwrap()))
            .collect();
        apply(&source, &fixes)
    }

    #[test]
    fn edits_apply_from_the_end_of_each_span() {
        let (after, applied, skipped) = apply_all(
            "lang: en\ntitel: x\n",
            &[
                fixable("b", 9..14, "title", true),
                fixable("a", 6..8, "de", true),
            ],
        );
        assert_eq!(after, "lang: de\ntitle: x\n");
        assert_eq!((applied, skipped.len()), (2, 0));
    }

    #[test]
    fn the_later_of_two_overlapping_fixes_is_skipped() {
        let (after, applied, skipped) = apply_all(
            "abcdef",
            &[
                fixable("late", 2..5, "X", true),
                fixable("early", 1..3, "Y", true),
            ],
        );
        assert_eq!(after, "aYdef");
        assert_eq!(applied, 1);
        assert_eq!(skipped[0].rule, "late");
        assert!(
            skipped[0].reason.contains("overlaps"),
            "{}",
            skipped[0].reason
        );
    }

    #[test]
    fn insertions_at_one_offset_conflict() {
        let (after, _, skipped) = apply_all(
            "ab",
            &[fixable("x", 1..1, "X", true), fixable("y", 1..1, "Y", true)],
        );
        assert_eq!(after, "aXb");
        assert_eq!(skipped.len(), 1);
    }

    #[test]
    fn edits_outside_the_text_are_skipped() {
        let (after, applied, skipped) = apply_all("é", &[fixable("x", 1..2, "e", true)]);
        assert_eq!((after.as_str(), applied, skipped.len()), ("é", 0, 1));
    }

    #[test]
    fn crlf_files_get_crlf_replacements() {
        let (after, _, _) = apply_all("a\r\nb\r\n", &[fixable("x", 3..4, "c\nd", true)]);
        assert_eq!(after, "a\r\nc\r\nd\r\n");
    }

    #[test]
    fn plan_keeps_unsafe_fixes_out_unless_asked_and_keeps_the_bom() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "\u{feff}lang: en\n").unwrap();
        let diagnostics = [fixable("x", 6..8, "de", false)];
        assert!(
            FixPlan::new(&Confinement::new(root.path()), &diagnostics, false)
                .files
                .is_empty()
        );
        let plan = FixPlan::new(&Confinement::new(root.path()), &diagnostics, true);
        assert_eq!(plan.fix_count(), 1);
        plan.write().unwrap();
        assert_eq!(
            std::fs::read(root.path().join("a.md")).unwrap(),
            "\u{feff}lang: de\n".as_bytes()
        );
    }

    #[test]
    fn diff_shows_the_changed_lines_with_context() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "1\n2\n3\n4\nlang: en\n6\n").unwrap();
        let plan = FixPlan::new(
            &Confinement::new(root.path()),
            &[fixable("x", 14..16, "de", true)],
            false,
        );
        assert_eq!(
            plan.unified_diff("site/"),
            "--- a/site/a.md\n+++ b/site/a.md\n@@ -2,5 +2,5 @@\n 2\n 3\n 4\n-lang: en\n+lang: de\n 6\n"
        );
    }

    #[test]
    fn unchanged_files_are_not_in_the_plan() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "lang: de\n").unwrap();
        let plan = FixPlan::new(
            &Confinement::new(root.path()),
            &[fixable("x", 6..8, "de", true)],
            false,
        );
        assert!(plan.files.is_empty());
    }
}
