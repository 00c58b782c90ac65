//! The floor of a lint: walk a site, read every Markdown and HTML file, and run
//! pulldown-cmark over it with nothing else. `bench/run.sh` compares l10nlint to this.
//!
//! Usage: `cargo run --release --example floor -- <site>` (honours `RAYON_NUM_THREADS`).

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: floor <site>");
        return ExitCode::FAILURE;
    };
    // The same walk as l10nlint's discovery: honour .gitignore, follow links.
    let paths: Vec<PathBuf> = ignore::WalkBuilder::new(&root)
        .require_git(false)
        .follow_links(true)
        .build()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|kind| kind.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .and_then(|extension| extension.to_str())
                .is_some_and(|extension| matches!(extension, "md" | "markdown" | "html" | "htm"))
        })
        .collect();
    // The options l10nlint parses with, so both do the same Markdown work.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: usize = paths
        .par_iter()
        .map(|path| match std::fs::read_to_string(path) {
            Ok(text) => Parser::new_ext(&text, options).into_offset_iter().count(),
            Err(_) => 0,
        })
        .sum();
    println!("{} files, {events} events", paths.len());
    ExitCode::SUCCESS
}
