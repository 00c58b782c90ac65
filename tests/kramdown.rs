//! Renderer exactness: every Markdown page of `fixtures/` rendered by the real kramdown (GFM
//! input, as Jekyll renders it; Debian `ruby-kramdown`, `ruby-kramdown-parser-gfm`) has the
//! heading ids l10nlint computes and the links l10nlint sees. Skipped when kramdown is not
//! installed, failed instead when `L10NLINT_REQUIRE_TOOLS` is set (as `.ci/run` does).
//!
//! Compared as kramdown renders GFM input: bare URLs are no links there (l10nlint's `Bare`
//! links are left out), and a heading whose text holds Liquid has an id only Jekyll knows.
//! Sites of other generators under `fixtures/generators/` are left to `tests/generators.rs`.
//! One known difference is left out on purpose: kramdown renders `[text](a target with
//! spaces)` as a link whose href holds the spaces, where CommonMark shows text; l10nlint
//! reports such targets (`link-target-whitespace`) instead of treating them as links (and
//! the links such an href swallows are left out too).

use l10nlint::model::{FileKind, FrontMatterBlock, LinkKind};
use l10nlint::parse::heading_ids::HeadingIdStyle;
use l10nlint::parse::{HeadingIds, parse};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn kramdown_available() -> bool {
    let found = Command::new("ruby")
        .args(["-e", "require 'kramdown'; require 'kramdown-parser-gfm'"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        assert!(
            std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_none(),
            "kramdown is required: apt-get install ruby-kramdown ruby-kramdown-parser-gfm"
        );
        eprintln!(
            "skipped: kramdown is not installed (apt-get install ruby-kramdown ruby-kramdown-parser-gfm)"
        );
    }
    found
}

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("the test can read, run and parse what it made")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        // Sites of other generators (Hugo, MkDocs) are not kramdown's: `tests/generators.rs`
        // checks them against their own generator.
        let other_generator = path
            .parent()
            .is_some_and(|parent| parent.ends_with("fixtures/generators"))
            && !path.ends_with("jekyll");
        if other_generator {
            continue;
        }
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
}

#[derive(serde::Deserialize)]
struct Rendered {
    ids: Vec<Option<String>>,
    hrefs: Vec<String>,
}

#[test]
fn heading_ids_and_links_match_kramdown() {
    if !kramdown_available() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_files(&root.join("fixtures"), &mut files);
    // Pages that are not UTF-8 (the encodings fixture) are not rendered.
    files.retain(|path| {
        std::str::from_utf8(
            &std::fs::read(path).expect("the test can read, run and parse what it made"),
        )
        .is_ok()
    });
    let texts: Vec<String> = files
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .expect("the test can read, run and parse what it made")
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    let heading_ids = HeadingIds {
        style: HeadingIdStyle::KramdownGfm,
        prefix: String::new(),
    };
    let documents: Vec<_> = texts
        .iter()
        .map(|text| parse(FileKind::Markdown, text, &heading_ids))
        .collect();
    let bodies: Vec<&str> = texts
        .iter()
        .zip(&documents)
        .map(|(text, document)| match &document.front_matter {
            FrontMatterBlock::Present(front_matter) => &text[front_matter.block.end..],
            _ => text.as_str(),
        })
        .collect();
    let mut ruby = Command::new("ruby")
        .arg(root.join("tests/kramdown/render.rb"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the test can read, run and parse what it made");
    let input = serde_json::to_vec(&bodies).expect("the test can read, run and parse what it made");
    std::io::Write::write_all(
        &mut ruby
            .stdin
            .take()
            .expect("the test can read, run and parse what it made"),
        &input,
    )
    .expect("the test can read, run and parse what it made");
    let output = ruby
        .wait_with_output()
        .expect("the test can read, run and parse what it made");
    assert!(output.status.success());
    let rendered: Vec<Rendered> = serde_json::from_slice(&output.stdout)
        .expect("the test can read, run and parse what it made");
    let mut differences = Vec::new();
    for ((path, document), rendered) in files.iter().zip(&documents).zip(rendered) {
        let path = path
            .strip_prefix(root)
            .expect("the test can read, run and parse what it made")
            .display();
        let ours: Vec<Option<String>> = document
            .headings
            .iter()
            .map(|heading| {
                heading
                    .id()
                    .map(str::to_owned)
                    .filter(|_| !heading.has_liquid)
            })
            .collect();
        let theirs: Vec<Option<String>> = rendered
            .ids
            .iter()
            .zip(&document.headings)
            .map(|(id, heading)| id.clone().filter(|_| !heading.has_liquid))
            .collect();
        if ours != theirs || document.headings.len() != rendered.ids.len() {
            differences.push(format!(
                "{path}: heading ids {ours:?}, kramdown {:?}",
                rendered.ids
            ));
        }
        let mut our_links: Vec<(usize, String)> = document
            .links
            .iter()
            .filter(|link| link.kind != LinkKind::Bare)
            .map(|link| (link.span.start, link.target.trim().to_owned()))
            .collect();
        our_links.sort();
        let (their_links, spaced): (Vec<String>, Vec<String>) = rendered
            .hrefs
            .into_iter()
            .filter(|href| !href.starts_with("#fn:") && !href.starts_with("#fnref:"))
            .partition(|href| {
                !href.trim().contains(char::is_whitespace)
                    || href.contains("{%")
                    || href.contains("{{")
            });
        // A spaced href may swallow the links written after it on its line.
        let our_links: Vec<String> = our_links
            .into_iter()
            .map(|(_, target)| target)
            .filter(|target| {
                !spaced
                    .iter()
                    .any(|href| href.contains(&format!("]({target})")))
            })
            .collect();
        if our_links != their_links {
            differences.push(format!(
                "{path}: links {our_links:?}, kramdown {their_links:?}"
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
