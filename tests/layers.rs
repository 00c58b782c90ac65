//! The library's layers import only downward, nothing in it prints, and the command line is the
//! binary's: a module that reaches up, or a library file that prints or parses arguments, fails.

use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first. A module may use those before it.
const LAYERS: &[&str] = &[
    "source",
    "diagnostic",
    "atomic_write",
    "files",
    "html",
    "fingerprint",
    "history",
    "suggest",
    "online",
    "config",
    "model",
    "parse",
    "discover",
    "site",
    "align",
    "rules",
    "drift",
    "lint",
    "changed_lines",
    "baseline",
    "fix",
    "output",
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file without its unit tests, which may use anything to set up.
fn non_test_code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("source files are readable");
    match text.find("#[cfg(test)]") {
        Some(start) => text[..start].to_owned(),
        None => text,
    }
}

/// Every `crate::<module>` the code names.
fn crate_modules(code: &str) -> impl Iterator<Item = &str> {
    code.match_indices("crate::").map(move |(start, _)| {
        let rest = &code[start + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        &rest[..end]
    })
}

#[test]
fn layers_import_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rank = |module: &str| LAYERS.iter().position(|layer| *layer == module);
    let mut problems = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("inside src/");
        let top = relative
            .components()
            .next()
            .and_then(|component| component.as_os_str().to_str())
            .map(|name| name.trim_end_matches(".rs"))
            .unwrap_or_default();
        if top == "cli" || top == "lib" {
            continue;
        }
        let Some(own) = rank(top) else {
            problems.push(format!(
                "{}: `{top}` has no place in LAYERS (tests/layers.rs)",
                relative.display()
            ));
            continue;
        };
        let code = non_test_code(path);
        for module in crate_modules(&code) {
            if rank(module).is_some_and(|used| used > own) {
                problems.push(format!(
                    "{}: `{top}` uses `crate::{module}`, a layer above it",
                    relative.display()
                ));
            }
        }
        for forbidden in [
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "clap::",
            "indicatif::",
        ] {
            if code.contains(forbidden) {
                problems.push(format!(
                    "{}: `{forbidden}` belongs to the command line (src/cli/)",
                    relative.display()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
