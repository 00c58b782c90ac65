//! Generates the rule registry: every `src/rules/<category>/<rule_id>.rs` is a rule, and
//! `rules/<rule-id>.md` is its doc, whose front matter holds the rule's metadata. A rule
//! without a doc, or a doc without a rule, stops the build with a message saying which.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

struct RuleSource {
    id: String,
    module: String,
    code: PathBuf,
    doc: PathBuf,
    meta: Vec<(String, String)>,
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=src/rules");
    println!("cargo:rerun-if-changed=rules");
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let docs_dir = root.join("rules");
    for category_dir in sorted_entries(&root.join("src/rules")) {
        if !category_dir.is_dir() {
            continue;
        }
        for code in sorted_entries(&category_dir) {
            let Some(module) = code.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if code.extension().is_none_or(|e| e != "rs") || module == "mod" {
                continue;
            }
            let id = module.replace('_', "-");
            let doc = docs_dir.join(format!("{id}.md"));
            let meta = match fs::read_to_string(&doc) {
                Ok(text) => front_matter(&text),
                Err(_) => {
                    errors.push(format!("rule `{id}` has no doc: write rules/{id}.md"));
                    continue;
                }
            };
            let category = category_dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .replace('_', "-");
            check_meta(&id, &category, &meta, &mut errors);
            rules.push(RuleSource {
                id,
                module: module.to_owned(),
                code,
                doc,
                meta,
            });
        }
    }
    for doc in sorted_entries(&docs_dir) {
        let Some(id) = doc.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if doc.extension().is_some_and(|e| e == "md") && !rules.iter().any(|rule| rule.id == id) {
            errors.push(format!(
                "rules/{id}.md documents no rule: add src/rules/<category>/{}.rs",
                id.replace('-', "_")
            ));
        }
    }
    let mut out = String::new();
    for error in &errors {
        writeln!(out, "compile_error!({error:?});").ok();
    }
    for rule in &rules {
        writeln!(
            out,
            "#[path = {:?}]\nmod {};",
            rule.code.display().to_string(),
            rule.module
        )
        .ok();
    }
    writeln!(
        out,
        "/// Every rule, sorted by id.\npub static RULES: &[RuleEntry] = &["
    )
    .ok();
    let mut sorted: Vec<&RuleSource> = rules.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for rule in sorted {
        let get = |key: &str| {
            rule.meta
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let severity = match get("severity").as_str() {
            "info" => "Info",
            "warning" => "Warning",
            _ => "Error",
        };
        let fix = match get("fix").as_str() {
            "safe" => "FixKind::Safe",
            "unsafe" => "FixKind::Unsafe",
            _ => "FixKind::None",
        };
        writeln!(
            out,
            "    RuleEntry {{ meta: RuleMeta {{ id: {:?}, category: {:?}, severity: Severity::{severity}, enabled: {}, fix: {fix}, summary: {:?}, doc: include_str!({:?}) }}, build: {}::build }},",
            rule.id,
            get("category"),
            get("enabled") != "false",
            get("summary"),
            rule.doc.display().to_string(),
            rule.module,
        )
        .ok();
    }
    writeln!(out, "];").ok();
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("registry.rs"), out).expect("OUT_DIR is writable");
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|read| {
            read.filter_map(|entry| entry.ok().map(|e| e.path()))
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    entries
}

/// The `key: value` lines of a doc's front matter (flat, as rule docs write them).
fn front_matter(text: &str) -> Vec<(String, String)> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Vec::new();
    }
    lines
        .take_while(|line| line.trim_end() != "---")
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| {
            (
                key.trim().to_owned(),
                value.trim().trim_matches('"').to_owned(),
            )
        })
        .collect()
}

fn check_meta(id: &str, category: &str, meta: &[(String, String)], errors: &mut Vec<String>) {
    let get = |key: &str| meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    if get("id") != Some(id) {
        errors.push(format!("rules/{id}.md: front matter `id` must be `{id}`"));
    }
    if get("category") != Some(category) {
        errors.push(format!(
            "rules/{id}.md: `category` must be `{category}` (the rule's folder)"
        ));
    }
    if !matches!(get("severity"), Some("info" | "warning" | "error")) {
        errors.push(format!(
            "rules/{id}.md: `severity` must be info, warning or error"
        ));
    }
    if !matches!(get("fix"), Some("none" | "safe" | "unsafe")) {
        errors.push(format!("rules/{id}.md: `fix` must be none, safe or unsafe"));
    }
    if get("summary").is_none_or(str::is_empty) {
        errors.push(format!("rules/{id}.md: `summary` is missing"));
    }
}
