//! Every `rules/<id>.md` is a test: each example's files are written to a temporary site,
//! linted with only that rule selected, and the concise output compared with the example's
//! `expected` block. `L10NLINT_BLESS=1 cargo test --test rule_docs` rewrites the blocks.
//!
//! Docs whose front matter says `online: true` run with online checking against a local
//! server started here (see `support`): `{server}` in their files and expected output stands
//! for its address, and private addresses are allowed unless the example's config says not.

mod support;

use l10nlint::config::Config;
use l10nlint::files::Sources;
use l10nlint::lint::{LintRequest, lint};
use l10nlint::output::{self, Format, ReportOptions};
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
    expected_range: std::ops::Range<usize>,
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
    let examples = examples(&doc)?;
    let online = front_matter_says(&doc, "online: true");
    let outputs: Vec<String> = examples
        .iter()
        .map(|example| run_example(&id, example, online))
        .collect::<datatest_stable::Result<_>>()?;
    if !outputs.iter().any(|output| !output.is_empty()) {
        return Err(format!("{}: needs an example that the rule reports", path.display()).into());
    }
    if !outputs.iter().any(String::is_empty) {
        return Err(format!(
            "{}: needs a clean example (empty `expected`)",
            path.display()
        )
        .into());
    }
    let bless = std::env::var_os("L10NLINT_BLESS").is_some();
    let mut blessed = doc.clone();
    let mut failures = Vec::new();
    for (number, (example, actual)) in examples.iter().zip(outputs).enumerate().rev() {
        if actual != example.expected {
            if bless {
                blessed.replace_range(example.expected_range.clone(), &actual);
            } else {
                failures.push(format!(
                    "example {} of {}:\n--- expected\n{}--- actual\n{}",
                    number + 1,
                    path.display(),
                    example.expected,
                    actual
                ));
            }
        }
    }
    if bless && blessed != doc {
        std::fs::write(path, blessed)?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

/// Whether the doc's front matter has this exact line.
fn front_matter_says(doc: &str, line: &str) -> bool {
    doc.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .is_some_and(|(front_matter, _)| front_matter.lines().any(|l| l.trim_end() == line))
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

fn run_example(rule: &str, example: &Example, online: bool) -> datatest_stable::Result<String> {
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
        select: vec![rule.to_owned()],
        online,
        ..LintRequest::default()
    };
    let outcome = lint(&request).map_err(|err| err.to_string())?;
    let mut rendered = Vec::new();
    let options = ReportOptions {
        path_prefix: String::new(),
        color: false,
        width: 100,
    };
    let mut sources = Sources::new(site.path().to_owned(), u64::MAX);
    output::report(
        Format::Concise,
        &outcome.diagnostics,
        &mut sources,
        &options,
        &mut rendered,
    )?;
    let rendered = String::from_utf8(rendered)?;
    Ok(match &server_url {
        Some(url) => rendered.replace(url.as_str(), "{server}"),
        None => rendered,
    })
}

/// Reads the examples after `## Examples`: "`path`:" lines each followed by a fenced block,
/// closed by a fenced block whose info string is `expected`.
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
            });
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
