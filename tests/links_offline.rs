//! End to end: the links rules on `fixtures/links-offline`, a small site full of link slips
//! (a retyped host in link text, a misspelt host, and broken Markdown link syntax).
//! `SNAPSHOTS=overwrite cargo test --test links_offline` rewrites the snapshots.

use snapbox::cmd::Command;
use snapbox::file;

fn l10nlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/links-offline"
        ))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
}

#[test]
fn links_rules_concise() {
    l10nlint()
        .args(["lint", "--format", "concise", "--select", "links"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-offline.concise.txt"]);
}

#[test]
fn links_rules_human() {
    l10nlint()
        .args(["lint", "--select", "links"])
        .assert()
        .code(1)
        .stdout_eq(file!["snapshots/links-offline.human.txt"]);
}

/// Every fix the links rules offer, applied to a copy of each file: the result shows that the
/// edits land on the right bytes and repair the links.
#[test]
fn fixes_repair_the_links() {
    let output = l10nlint()
        .args(["lint", "--format", "json", "--select", "links"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&output).expect("JSON output");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/links-offline");
    let mut edits_by_file: std::collections::BTreeMap<String, Vec<(usize, usize, String)>> =
        std::collections::BTreeMap::new();
    for diagnostic in &diagnostics {
        let Some(edits) = diagnostic["fix"]["edits"].as_array() else {
            continue;
        };
        let file = diagnostic["file"].as_str().expect("file").to_owned();
        for edit in edits {
            edits_by_file.entry(file.clone()).or_default().push((
                edit["start"].as_u64().expect("start") as usize,
                edit["end"].as_u64().expect("end") as usize,
                edit["replacement"]
                    .as_str()
                    .expect("replacement")
                    .to_owned(),
            ));
        }
    }
    let mut fixed = String::new();
    for (file, mut edits) in edits_by_file {
        let mut text = std::fs::read_to_string(format!("{root}/{file}")).expect("fixture file");
        edits.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        for (start, end, replacement) in edits {
            text.replace_range(start..end, &replacement);
        }
        fixed.push_str(&format!("==> {file} <==\n{text}"));
    }
    snapbox::assert_data_eq!(fixed, file!["snapshots/links-offline.fixed.txt"]);
}
