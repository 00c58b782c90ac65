//! A fix never loses content: every fix (safe and unsafe) of every fixture site is applied to a
//! copy, and each file must keep, byte for byte, everything outside the fixed spans (its BOM
//! and line endings too), files without fixes must not change, and the site must lint again.

use l10nlint::config::{self, Config};
use l10nlint::diagnostic::{Diagnostic, Edit, Fix};
use l10nlint::files::Confinement;
use l10nlint::fix::FixPlan;
use l10nlint::lint::{LintRequest, lint};
use l10nlint::rules;
use std::path::Path;

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture directory") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("create directory");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn files_of(root: &Path, prefix: &str, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(root.join(prefix)).expect("directory") {
        let entry = entry.expect("entry");
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            files_of(root, &format!("{name}/"), found);
        } else {
            found.push(name);
        }
    }
}

/// Checks that `after` is `before` with exactly the fixes spliced in: each fix whole, in the
/// order of its first edit, skipped when it overlaps a fix already taken (as `--fix` says),
/// with the file's line endings; every other byte, the BOM included, is kept.
fn assert_only_spans_changed(path: &str, before: &[u8], after: &[u8], diagnostics: &[&Diagnostic]) {
    let bom = "\u{feff}".as_bytes();
    assert_eq!(
        before.starts_with(bom),
        after.starts_with(bom),
        "{path}: the BOM changed"
    );
    let before = std::str::from_utf8(before.strip_prefix(bom).unwrap_or(before)).expect("UTF-8");
    let after = std::str::from_utf8(after.strip_prefix(bom).unwrap_or(after)).expect("UTF-8");
    let crlf = before.contains("\r\n");
    let mut fixes: Vec<&Fix> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|fix| fix.edits.iter().map(|edit| edit.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            taken.iter().any(|other| {
                edit.span.start < other.span.end && other.span.start < edit.span.end
                    || edit.span == other.span
            })
        });
        if !overlaps {
            taken.extend(&fix.edits);
        }
    }
    taken.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut expected = String::new();
    let mut kept_to = 0;
    for edit in taken {
        expected.push_str(&before[kept_to..edit.span.start]);
        if crlf {
            expected.push_str(&edit.replacement.replace('\n', "\r\n"));
        } else {
            expected.push_str(&edit.replacement);
        }
        kept_to = edit.span.end;
    }
    expected.push_str(&before[kept_to..]);
    assert_eq!(after, expected, "{path}: more than the fixed spans changed");
}

/// A rule's doc says in its front matter (`fix:`) which fixes it offers; the rules table and
/// `--fix` must agree, so each fix must be of that applicability.
fn assert_fix_matches_the_doc(diagnostic: &Diagnostic) {
    let Some(entry) = rules::find(diagnostic.rule) else {
        return;
    };
    let documented = entry.meta.fix;
    if let Some(fix) = &diagnostic.fix {
        assert!(
            documented.allows(fix.applicability),
            "{}: the doc says `fix: {}` but the rule offers a {:?} fix",
            diagnostic.rule,
            documented.as_str(),
            fix.applicability
        );
    }
}

#[test]
fn fixes_change_only_their_spans_in_every_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut fixed_somewhere = 0;
    for site in std::fs::read_dir(&fixtures).expect("fixtures") {
        let site = site.expect("fixture").path();
        let copy = tempfile::tempdir().expect("temporary directory");
        copy_tree(&site, copy.path());
        let root = copy.path().canonicalize().expect("root");
        let config_path = config::find(&root);
        let Ok(config) = config_path
            .as_deref()
            .map_or_else(|| Ok(Config::default()), Config::load)
        else {
            // A fixture whose config is broken on purpose has nothing to fix.
            continue;
        };
        let request = LintRequest {
            root: root.clone(),
            config,
            config_path,
            ..LintRequest::default()
        };
        let Ok(outcome) = lint(&request) else {
            continue;
        };
        let mut before_files = Vec::new();
        files_of(&root, "", &mut before_files);
        let before: Vec<Vec<u8>> = before_files
            .iter()
            .map(|path| std::fs::read(root.join(path)).expect("read"))
            .collect();

        for diagnostic in &outcome.diagnostics {
            assert_fix_matches_the_doc(diagnostic);
        }
        let plan = FixPlan::new(&Confinement::new(&root), &outcome.diagnostics, true);
        plan.write().expect("fixes are written");
        fixed_somewhere += plan.fix_count();

        let mut after_files = Vec::new();
        files_of(&root, "", &mut after_files);
        assert_eq!(
            before_files,
            after_files,
            "{}: files appeared or vanished",
            site.display()
        );
        for (path, before) in before_files.iter().zip(&before) {
            let after = std::fs::read(root.join(path)).expect("read");
            let diagnostics: Vec<&Diagnostic> = outcome
                .diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.location.path == *path)
                .collect();
            if plan.files.iter().any(|file| file.path == *path) {
                assert_only_spans_changed(path, before, &after, &diagnostics);
            } else {
                assert_eq!(before, &after, "{path} changed without a fix");
            }
        }
        let again = lint(&request).expect("the fixed site lints");
        assert_eq!(again.files_checked, outcome.files_checked);
    }
    assert!(fixed_somewhere > 0, "no fixture has a fix to apply");
}
