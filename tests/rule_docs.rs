//! Every `rules/<id>.md` is a test: each example's files are written to a temporary site and
//! linted with only that rule selected. The example's `expected` block holds the whole of each
//! diagnostic: its concise line, then indented its help, its related places (the source
//! language's counterpart) and its fix. When the rule fixes something, every fix (unsafe ones
//! too) is applied and each changed file must equal an `expected-fixed <path>` block after the
//! `expected` block; a second round of fixes must change nothing, and each fix must be of the
//! kind the doc's `fix:` declares (which the rules table shows). `L10NLINT_BLESS=1 cargo test
//! --test rule_docs` rewrites the `expected` blocks and adds, updates or removes the
//! `expected-fixed` ones.
//!
//! A doc whose front matter has `with: rule-a, rule-b` runs those rules too (the drift stage
//! folds the findings of the cross-language rules).
//!
//! Docs whose front matter says `online: true` run with online checking against a local
//! server started here (see `support`): `{server}` in their files and expected output stands
//! for its address, and private addresses are allowed unless the example's config says not.

mod support;

use l10nlint::config::Config;
use l10nlint::diagnostic::{Applicability, Diagnostic};
use l10nlint::files::Sources;
use l10nlint::fix::FixPlan;
use l10nlint::lint::{LintRequest, lint};
use l10nlint::output::{self, Format, ReportOptions};
use l10nlint::rules::{self, FixKind};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;
use support::TestServer;

/// The server of the online docs, shared by every doc of this run.
fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

/// One example: files to write, then the output expected from them.
struct Example {
    files: Vec<(String, File)>,
    expected: String,
    /// Byte range of the expected block's content in the doc, for blessing.
    expected_range: Range<usize>,
    /// The `expected-fixed <path>` blocks that follow the `expected` block.
    fixed: Vec<FixedBlock>,
    /// Where the example's last block ends (after its closing fence's line break), for
    /// adding `expected-fixed` blocks.
    end: usize,
}

/// A file as the example's fixes leave it.
struct FixedBlock {
    path: String,
    content: String,
    content_range: Range<usize>,
    /// The whole block, fences included, for removing it.
    block_range: Range<usize>,
}

/// What linting an example gave.
struct Run {
    /// The diagnostics, written as the `expected` block holds them.
    rendered: String,
    /// Each file the fixes change, and its text after them, in path order.
    fixed: Vec<(String, String)>,
    applicabilities: Vec<Applicability>,
    /// Files that a second round of fixes would change again.
    refixed: Vec<String>,
}

fn check_doc(path: &Path, doc: String) -> datatest_stable::Result<()> {
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("doc name")?
        .to_owned();
    for section in ["## What it does", "## Why it matters", "## Examples"] {
        if !doc.contains(section) {
            return Err(format!("{}: missing section `{section}`", path.display()).into());
        }
    }
    let declared = rules::find(&id)
        .ok_or_else(|| format!("{}: no rule `{id}`", path.display()))?
        .meta
        .fix;
    let examples = examples(&doc)?;
    let online = front_matter_says(&doc, "online: true");
    // The doc's rule first, then the rules it is shown with (`with:`).
    let mut select = vec![id.clone()];
    select.extend(front_matter_list(&doc, "with"));
    let runs: Vec<Run> = examples
        .iter()
        .map(|example| run_example(&select, example, online))
        .collect::<datatest_stable::Result<_>>()?;
    if !runs.iter().any(|run| !run.rendered.is_empty()) {
        return Err(format!("{}: needs an example that the rule reports", path.display()).into());
    }
    if !runs.iter().any(|run| run.rendered.is_empty()) {
        return Err(format!(
            "{}: needs a clean example (empty `expected`)",
            path.display()
        )
        .into());
    }
    let mut failures = fix_kind_problems(declared, &runs);
    for (number, run) in runs.iter().enumerate() {
        for path in &run.refixed {
            failures.push(format!(
                "example {}: a second `--fix` changes `{path}` again",
                number + 1
            ));
        }
    }
    let bless = std::env::var_os("L10NLINT_BLESS").is_some();
    // Replacements of the doc's text, applied from the end so that ranges stay valid.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (number, (example, run)) in examples.iter().zip(&runs).enumerate() {
        let mut mismatches = Vec::new();
        if run.rendered != example.expected {
            edits.push((example.expected_range.clone(), run.rendered.clone()));
            mismatches.push(format!(
                "--- expected\n{}--- actual\n{}",
                example.expected, run.rendered
            ));
        }
        let mut added = String::new();
        for (fixed_path, after) in &run.fixed {
            let after = with_final_newline(after);
            match example.fixed.iter().find(|block| block.path == *fixed_path) {
                Some(block) if block.content == after => {}
                Some(block) => {
                    edits.push((block.content_range.clone(), after.clone()));
                    mismatches.push(format!(
                        "--- expected-fixed {fixed_path}\n{}--- actual\n{after}",
                        block.content
                    ));
                }
                None => {
                    added.push_str(&fixed_block(fixed_path, &after));
                    mismatches.push(format!(
                        "the fixes change `{fixed_path}`: add an `expected-fixed {fixed_path}` block\n{after}"
                    ));
                }
            }
        }
        if !added.is_empty() {
            edits.push((example.end..example.end, added));
        }
        for block in &example.fixed {
            if !run
                .fixed
                .iter()
                .any(|(fixed_path, _)| *fixed_path == block.path)
            {
                edits.push((block.block_range.clone(), String::new()));
                mismatches.push(format!(
                    "`expected-fixed {}`: the fixes do not change this file",
                    block.path
                ));
            }
        }
        if !mismatches.is_empty() && !bless {
            failures.push(format!(
                "example {} of {}:\n{}",
                number + 1,
                path.display(),
                mismatches.join("\n")
            ));
        }
    }
    if bless && !edits.is_empty() {
        let mut blessed = doc.clone();
        edits.sort_by_key(|(range, _)| std::cmp::Reverse((range.start, range.end)));
        for (range, replacement) in edits {
            blessed.replace_range(range, &replacement);
        }
        std::fs::write(path, blessed)?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

/// The doc's `fix:` must say what the examples show: no fix for `none`, and otherwise fixes of
/// exactly the declared applicability (both kinds for `safe/unsafe`).
fn fix_kind_problems(declared: FixKind, runs: &[Run]) -> Vec<String> {
    let emitted =
        |wanted: Applicability| runs.iter().any(|run| run.applicabilities.contains(&wanted));
    let (safe, unsafe_) = (emitted(Applicability::Safe), emitted(Applicability::Unsafe));
    let shown = match declared {
        FixKind::None => !safe && !unsafe_,
        FixKind::Safe => safe && !unsafe_,
        FixKind::Unsafe => unsafe_ && !safe,
        FixKind::SafeOrUnsafe => safe && unsafe_,
    };
    if shown {
        Vec::new()
    } else {
        vec![format!(
            "the doc says `fix: {}`, but its examples show {} fixes",
            declared.as_str(),
            match (safe, unsafe_) {
                (false, false) => "no",
                (true, false) => "only safe",
                (false, true) => "only unsafe",
                (true, true) => "safe and unsafe",
            }
        )]
    }
}

/// Fenced blocks hold whole lines.
fn with_final_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

/// A new `expected-fixed` block, with a fence longer than any backtick run in the text.
fn fixed_block(path: &str, content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("\n{fence}expected-fixed {path}\n{content}{fence}\n")
}

/// Whether the doc's front matter has this exact line.
fn front_matter_says(doc: &str, line: &str) -> bool {
    doc.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .is_some_and(|(front_matter, _)| front_matter.lines().any(|l| l.trim_end() == line))
}

/// The comma-separated values of a front matter line `key: a, b`.
fn front_matter_list(doc: &str, key: &str) -> Vec<String> {
    doc.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .and_then(|(front_matter, _)| {
            front_matter
                .lines()
                .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        })
        .map(|values| {
            values
                .split(',')
                .map(|value| value.trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A file of an example: its bytes, or a symbolic link to the path a `symlink` block holds.
enum File {
    Content(Vec<u8>),
    Symlink(String),
}

#[cfg(unix)]
fn make_symlink(target: &str, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn make_symlink(_target: &str, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("symlink examples need a Unix system"))
}

fn run_example(select: &[String], example: &Example, online: bool) -> datatest_stable::Result<Run> {
    let site = tempfile::tempdir()?;
    let server_url = online.then(|| server().base_url());
    for (path, content) in &example.files {
        let target = site.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match (content, &server_url) {
            (File::Symlink(link), _) => make_symlink(link, &target)?,
            (File::Content(content), Some(url)) => std::fs::write(
                target,
                String::from_utf8(content.clone())?.replace("{server}", url),
            )?,
            (File::Content(content), None) => std::fs::write(target, content)?,
        }
    }
    let config_path = site.path().join("l10nlint.toml");
    let config = if config_path.exists() {
        Config::load(&config_path).map_err(|err| err.to_string())?
    } else {
        Config::default()
    };
    let online = server_url.as_ref().map(|_| {
        let mut options = config.online.options(site.path(), None);
        options.allow_private = config.online.allow_private.unwrap_or(true);
        options.timeout = Duration::from_secs(5);
        options.retry_base = Duration::from_millis(10);
        options
    });
    let request = LintRequest {
        root: site.path().to_owned(),
        config,
        config_path: Some(config_path),
        select: select.to_vec(),
        online,
        ..LintRequest::default()
    };
    let outcome = lint(&request).map_err(|err| err.to_string())?;
    let mut sources = Sources::new(site.path().to_owned(), u64::MAX);
    let rendered = render(&outcome.diagnostics, &mut sources)?;
    let applicabilities = outcome
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == select[0])
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .map(|fix| fix.applicability)
        .collect();
    let confinement = request.confinement();
    let plan = FixPlan::new(&confinement, &outcome.diagnostics, true);
    plan.write()?;
    let refixed = if plan.files.is_empty() {
        Vec::new()
    } else {
        let again = lint(&request).map_err(|err| err.to_string())?;
        FixPlan::new(&confinement, &again.diagnostics, true)
            .files
            .into_iter()
            .map(|file| file.path)
            .collect()
    };
    let unserved = |text: &str| match &server_url {
        Some(url) => text.replace(url.as_str(), "{server}"),
        None => text.to_owned(),
    };
    Ok(Run {
        rendered: unserved(&rendered),
        fixed: plan
            .files
            .iter()
            .map(|file| (file.path.clone(), unserved(&file.after)))
            .collect(),
        applicabilities,
        refixed,
    })
}

/// Each diagnostic's concise line, then its help, related places and fix, indented.
fn render(diagnostics: &[Diagnostic], sources: &mut Sources) -> datatest_stable::Result<String> {
    let options = ReportOptions {
        width: 100,
        ..ReportOptions::default()
    };
    let mut rendered = String::new();
    for diagnostic in diagnostics {
        let mut line = Vec::new();
        output::report(
            Format::Concise,
            std::slice::from_ref(diagnostic),
            sources,
            &options,
            &mut line,
        )?;
        rendered.push_str(&String::from_utf8(line)?);
        if let Some(help) = &diagnostic.help {
            rendered.push_str(&format!("  help: {help}\n"));
        }
        for related in &diagnostic.related {
            let (start, _) = sources.range(&related.location);
            rendered.push_str(&format!(
                "  related: {}:{}:{}: {}\n",
                related.location.path, start.line, start.column, related.label
            ));
        }
        if let Some(fix) = &diagnostic.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            };
            rendered.push_str(&format!("  fix ({kind}): {}\n", fix.description));
        }
    }
    Ok(rendered)
}

/// Reads the examples after `## Examples`: "`path`:" lines each followed by a fenced block,
/// closed by a fenced block whose info string is `expected`, then `expected-fixed <path>`
/// blocks.
fn examples(doc: &str) -> datatest_stable::Result<Vec<Example>> {
    let start = doc.find("## Examples").ok_or("no Examples section")?;
    let mut examples = Vec::new();
    let mut files = Vec::new();
    let mut pending_path: Option<String> = None;
    let mut offset = start;
    let mut lines = doc[start..].split_inclusive('\n');
    while let Some(line) = lines.next() {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if let Some(path) = trimmed
            .strip_prefix('`')
            .and_then(|rest| rest.strip_suffix("`:"))
        {
            pending_path = Some(path.to_owned());
            continue;
        }
        let fence_len = trimmed.len() - trimmed.trim_start_matches(['`', '~']).len();
        if fence_len < 3 || trimmed.starts_with("    ") {
            continue;
        }
        let fence = &trimmed[..fence_len];
        let info = trimmed[fence_len..].trim();
        let content_start = offset;
        let mut content_end = offset;
        let mut closed = false;
        for inner in lines.by_ref() {
            offset += inner.len();
            if inner.trim_end() == fence {
                closed = true;
                break;
            }
            content_end = offset;
        }
        if !closed {
            return Err(format!("unclosed fence starting at byte {line_start}").into());
        }
        let content = doc[content_start..content_end].to_owned();
        if info == "expected" {
            examples.push(Example {
                files: std::mem::take(&mut files),
                expected: content,
                expected_range: content_start..content_end,
                fixed: Vec::new(),
                end: offset,
            });
        } else if let Some(path) = info.strip_prefix("expected-fixed ") {
            let example = examples
                .last_mut()
                .filter(|_| files.is_empty())
                .ok_or("an `expected-fixed` block must follow an `expected` block")?;
            // The block and the blank line before it, as blessing writes it.
            let block_start = if doc[..line_start].ends_with("\n\n") {
                line_start - 1
            } else {
                line_start
            };
            example.fixed.push(FixedBlock {
                path: path.trim().to_owned(),
                content,
                content_range: content_start..content_end,
                block_range: block_start..offset,
            });
            example.end = offset;
        } else if let Some(path) = pending_path.take() {
            let file = match info {
                "bytes" => File::Content(unescape_bytes(&content)),
                "symlink" => File::Symlink(content.trim_end().to_owned()),
                _ => File::Content(content.into_bytes()),
            };
            files.push((path, file));
        }
    }
    if !files.is_empty() {
        return Err("files after the last `expected` block".into());
    }
    Ok(examples)
}

/// A `bytes` block writes `\xNN` escapes as raw bytes (for files that are not UTF-8).
fn unescape_bytes(content: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut rest = content;
    while let Some(at) = rest.find("\\x") {
        bytes.extend_from_slice(&rest.as_bytes()[..at]);
        match rest
            .get(at + 2..at + 4)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            Some(byte) => {
                bytes.push(byte);
                rest = &rest[at + 4..];
            }
            None => {
                bytes.extend_from_slice(b"\\x");
                rest = &rest[at + 2..];
            }
        }
    }
    bytes.extend_from_slice(rest.as_bytes());
    bytes
}

datatest_stable::harness! {
    { test = check_doc, root = "rules", pattern = r"\.md$" },
}
