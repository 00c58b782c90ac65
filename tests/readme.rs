//! README.md says what the tool does; these tests keep it true: its rules table is the
//! registry (severity, fix kind and summary of every rule, from `rules/*.md`), and its copy
//! of the first command's output is what that command prints.
//! `SNAPSHOTS=overwrite cargo test --test readme` rewrites the copy.

use l10nlint::rules::{FixKind, RULES};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The text of a `## Title` section, up to the next `## ` heading.
fn section<'a>(text: &'a str, title: &str) -> &'a str {
    let heading = format!("\n## {title}\n");
    let start = text
        .find(&heading)
        .unwrap_or_else(|| panic!("README has no `## {title}`"))
        + heading.len();
    let rest = &text[start..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn the_rules_table_is_the_registry() {
    let readme = readme();
    let table: BTreeMap<String, Vec<String>> = section(&readme, "Rules")
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<String> = line
                .trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_owned())
                .collect();
            (cells[0].trim_matches('`').to_owned(), cells[1..].to_vec())
        })
        .collect();
    let registry: BTreeMap<String, Vec<String>> = RULES
        .iter()
        .map(|entry| {
            let meta = &entry.meta;
            let severity = if meta.enabled {
                meta.severity.as_str().to_owned()
            } else {
                format!("{} (off)", meta.severity.as_str())
            };
            let fix = match meta.fix {
                FixKind::None => String::new(),
                kind => kind.as_str().to_owned(),
            };
            (
                meta.id.to_owned(),
                vec![
                    meta.category.to_owned(),
                    severity,
                    fix,
                    meta.summary.to_owned(),
                ],
            )
        })
        .collect();
    let mut differences = Vec::new();
    for (id, expected) in &registry {
        match table.get(id) {
            Some(row) if row == expected => {}
            Some(row) => differences.push(format!(
                "`{id}`: README says {row:?}, rules/{id}.md says {expected:?}"
            )),
            None => differences.push(format!("`{id}` is missing from README's table")),
        }
    }
    for id in table.keys().filter(|id| !registry.contains_key(*id)) {
        differences.push(format!("README's table lists `{id}`, which is no rule"));
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// README's "Try it": the first command, and the copy of its output in the block after it.
struct TryIt {
    arguments: Vec<String>,
    output: String,
    output_range: std::ops::Range<usize>,
}

fn try_it(readme: &str) -> TryIt {
    let section_start = readme
        .find("\n## Try it\n")
        .expect("README has `## Try it`");
    let mut blocks = Vec::new();
    let mut rest = &readme[section_start..];
    let mut offset = section_start;
    while blocks.len() < 2 {
        let open = rest.find("```").expect("a fenced block");
        let content_start = open + rest[open..].find('\n').expect("fence line") + 1;
        let close = content_start + rest[content_start..].find("\n```").expect("closed") + 1;
        blocks.push(offset + content_start..offset + close);
        let after = close
            + rest[close..]
                .find('\n')
                .map_or(rest.len() - close, |end| end + 1);
        offset += after;
        rest = &readme[offset..];
    }
    let command = readme[blocks[0].clone()].trim();
    let arguments = command
        .split_once(" -- ")
        .map(|(_, arguments)| arguments)
        .unwrap_or_else(|| panic!("the first command runs the binary: {command}"))
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    TryIt {
        arguments,
        output: readme[blocks[1].clone()].to_owned(),
        output_range: blocks[1].clone(),
    }
}

#[test]
fn the_first_command_prints_what_readme_shows() {
    let readme = readme();
    let try_it = try_it(&readme);
    let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .args(&try_it.arguments)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("l10nlint runs");
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    if printed == try_it.output {
        return;
    }
    if std::env::var_os("SNAPSHOTS").is_some_and(|value| value == "overwrite") {
        let mut blessed = readme.clone();
        blessed.replace_range(try_it.output_range, &printed);
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
            blessed,
        )
        .expect("README.md written");
        return;
    }
    panic!(
        "README's copy of `{}` differs from its output (SNAPSHOTS=overwrite rewrites it):\n\
         --- README\n{}--- printed\n{printed}",
        try_it.arguments.join(" "),
        try_it.output
    );
}
