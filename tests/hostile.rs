//! Hostile input: huge files and lines, deep nesting, files that vanish or
//! cannot be read, invalid UTF-8. Every run completes and says what it could not read.
//! Inputs are generated in a temporary directory; sizes are cut down so CI stays fast
//! (`bench/run.sh` measures the full-size cases).

use l10nlint::files::Sources;
use l10nlint::lint::{self, LintRequest, MAX_FINDINGS_PER_RULE_AND_FILE};
use l10nlint::output::{self, Format, ReportOptions};
use l10nlint::parse::fluent;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const PAGE: &str =
    "---\ntitle: Help\nlang: {lang}\n---\n\n## Start {#start}\n\nSee [start](#start).\n";

/// A two-locale site: `en/index.md` and `de/index.md`, clean.
fn site() -> TempDir {
    let site = tempfile::tempdir().expect("temp dir");
    for lang in ["en", "de"] {
        write(
            site.path(),
            &format!("{lang}/index.md"),
            PAGE.replace("{lang}", lang),
        );
    }
    site
}

fn write(root: &Path, relative: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
    std::fs::write(path, contents).expect("write");
}

/// Runs the binary on `root` in the concise format; returns the exit code and stdout.
fn lint_concise(root: &Path) -> (i32, String) {
    lint_concise_with(root, &[])
}

/// Like `lint_concise`, with more arguments.
fn lint_concise_with(root: &Path, arguments: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(root)
        .args(["lint", "--format", "concise"])
        .args(arguments)
        .env("NO_COLOR", "1")
        .output()
        .expect("run l10nlint");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().expect("exit code, not a signal");
    assert!(
        code == 0 || code == 1,
        "the run failed (code {code}):\n{stdout}\n{stderr}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|line| line.contains(" files.")),
        "no summary line; the run did not complete:\n{stdout}\n{stderr}"
    );
    (code, stdout)
}

fn lines_about<'a>(stdout: &'a str, path: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter(|line| line.starts_with(&format!("{path}:")))
        .collect()
}

/// Rules that look at one file at a time.
const PER_FILE_RULES: &str = "front-matter-invalid,front-matter-lang-mismatch,file-unreadable,link-space-before-target,link-scheme-typo,liquid-mangled";

fn large_page(megabytes: usize) -> String {
    let paragraph =
        "Text with [a link](#start), {{ site.title }}, <b>html</b> and https://example.org/x.\n\n";
    let mut page = PAGE.replace("{lang}", "de");
    while page.len() < megabytes * 1024 * 1024 {
        page.push_str(paragraph);
    }
    page
}

#[test]
fn a_page_over_the_size_limit_is_reported_not_linted() {
    let site = site();
    write(site.path(), "de/index.md", large_page(11));
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        lines_about(&stdout, "de/index.md"),
        [
            "de/index.md:1:1: error[file-unreadable] this file is larger than `max-file-size` \
             (10485760 bytes, 10.0 MB) and was not linted"
        ],
        "{stdout}"
    );
}

#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn a_twenty_megabyte_page_is_linted_under_a_raised_limit() {
    let site = site();
    write(site.path(), "l10nlint.toml", "max-file-size = 25_000_000\n");
    write(site.path(), "de/index.md", large_page(20));
    // Every rule: 250,000 links, Liquid outputs and HTML tags, all well-formed.
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("in 2 files.\n"), "{stdout}");
}

/// 10 MB of links, Liquid, brackets, HTML, code and emphasis on one line, just under the
/// size limit. Unclosed `{{` are broken Liquid: far more than one file may report, so they
/// stop at the cap, with one finding saying how many more there are.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn a_ten_megabyte_line_is_linted() {
    let site = site();
    let pieces = [
        "word ",
        "[x](#start) ",
        "{{ ",
        "{% if %} ",
        "[",
        "](",
        "<a href=\"#start\">",
        "`",
        "https://example.org/a ",
        "*",
        "_",
    ];
    let header = PAGE.replace("{lang}", "de");
    let mut line = String::new();
    let mut index = 0;
    while header.len() + line.len() < 10_000_000 {
        line.push_str(pieces[index % pieces.len()]);
        index = (index * 7 + 3) % 1_000_003;
    }
    write(site.path(), "de/index.md", header + &line + "\n");
    let (code, stdout) = lint_concise_with(site.path(), &["--select", PER_FILE_RULES]);
    assert_eq!(code, 1, "{}", head(&stdout));
    let lines = lines_about(&stdout, "de/index.md");
    assert!(
        !lines.iter().any(|line| line.contains("[file-unreadable]")),
        "{}",
        head(&stdout)
    );
    let mangled: Vec<&&str> = lines
        .iter()
        .filter(|line| line.contains("[liquid-mangled]"))
        .collect();
    assert_eq!(
        mangled.len(),
        MAX_FINDINGS_PER_RULE_AND_FILE + 1,
        "{}",
        head(&stdout)
    );
    assert!(
        mangled[MAX_FINDINGS_PER_RULE_AND_FILE]
            .contains("more `liquid-mangled` findings in this file are not reported"),
        "{}",
        mangled[MAX_FINDINGS_PER_RULE_AND_FILE]
    );
}

/// The first lines of a long output, for assertion messages.
fn head(stdout: &str) -> String {
    let lines: Vec<&str> = stdout.lines().collect();
    let mut shown = lines[..lines.len().min(20)].join("\n");
    if let Some(last) = lines.last() {
        shown.push_str(&format!("\n…\n{last}"));
    }
    shown
}

/// Counts the lines of `stdout` that report `rule`.
fn count(stdout: &str, rule: &str) -> usize {
    stdout
        .lines()
        .filter(|line| line.contains(&format!("[{rule}]")))
        .count()
}

/// A source page and its translation with one list of 10,000 links; the translation lacks
/// every hundredth entry and adds one of its own.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn a_list_of_ten_thousand_links_is_compared() {
    let site = site();
    let item = |index: usize| {
        format!("- [server{index}.example.org](https://server{index}.example.org/)\n")
    };
    let source: String = (0..10_000).map(item).collect();
    let translation: String = (0..10_000)
        .filter(|index| index % 100 != 50)
        .map(item)
        .chain([item(20_000)])
        .collect();
    write(
        site.path(),
        "en/servers.md",
        PAGE.replace("{lang}", "en") + &source,
    );
    write(
        site.path(),
        "de/servers.md",
        PAGE.replace("{lang}", "de") + &translation,
    );
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{}", head(&stdout));
    assert_eq!(
        count(&stdout, "list-entry-missing"),
        100,
        "{}",
        head(&stdout)
    );
    assert_eq!(count(&stdout, "list-entry-extra"), 1, "{}", head(&stdout));
    assert!(
        stdout.contains("this list lacks `server50.example.org`, which the source page lists"),
        "{}",
        head(&stdout)
    );
}

/// 100,000 links in one paragraph; ten of the translation's name an id its page lacks.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn a_paragraph_of_a_hundred_thousand_links_is_linted() {
    let site = site();
    let paragraph = |broken: bool| {
        let mut text = String::new();
        for index in 0..100_000 {
            let target = if broken && index % 10_000 == 0 {
                "#strat"
            } else {
                "#start"
            };
            text.push_str(&format!("[link {index}]({target}) "));
        }
        text + "\n"
    };
    write(
        site.path(),
        "en/index.md",
        PAGE.replace("{lang}", "en") + &paragraph(false),
    );
    write(
        site.path(),
        "de/index.md",
        PAGE.replace("{lang}", "de") + &paragraph(true),
    );
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{}", head(&stdout));
    let broken: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("[anchor-broken]"))
        .collect();
    assert_eq!(broken.len(), 10, "{}", head(&stdout));
    assert!(
        broken.iter().all(|line| line.starts_with("de/index.md:")),
        "{}",
        head(&stdout)
    );
}

/// 100,000 headings, each linked from its page; every thousandth link of the translation
/// misspells its id, and is told which id it meant.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn a_hundred_thousand_headings_and_anchors_are_linted() {
    let site = site();
    let page = |lang: &str, typo: bool| {
        let mut text = PAGE.replace("{lang}", lang);
        for index in 0..100_000 {
            let id = if typo && index % 1_000 == 7 {
                format!("haeding-{index}")
            } else {
                format!("heading-{index}")
            };
            text.push_str(&format!("## Heading {index}\n\nSee [it](#{id}).\n\n"));
        }
        text
    };
    write(site.path(), "en/index.md", page("en", false));
    write(site.path(), "de/index.md", page("de", true));
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{}", head(&stdout));
    let broken: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("[anchor-broken]"))
        .collect();
    assert_eq!(broken.len(), 100, "{}", head(&stdout));
    let concise = broken[0];
    assert!(concise.starts_with("de/index.md:"), "{concise}");
    assert!(
        concise.contains("`#haeding-7` names no heading"),
        "{concise}"
    );
    // The suggestion is in the human format's help line.
    let human = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(site.path())
        .args(["lint", "--select", "anchor-broken", "--color", "never"])
        .output()
        .expect("run l10nlint");
    let human = String::from_utf8(human.stdout).expect("UTF-8");
    assert!(
        human.contains("did you mean `#heading-7`?"),
        "{}",
        head(&human)
    );
    assert!(
        human.contains("did you mean `#heading-99007`?"),
        "{}",
        head(&human)
    );
}

/// A site of 2,000 pages, each with a link to a page that does not exist under a name a
/// letter away from one that does: every broken link gets its suggestion.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn two_thousand_broken_links_each_get_a_suggestion() {
    let site = site();
    for index in 0..2_000 {
        let next = (index + 1) % 2_000;
        write(
            site.path(),
            &format!("en/guide/page-{index}.md"),
            format!("# Page {index}\n\nSee [next](/en/guide/pgae-{next}/).\n"),
        );
    }
    let (code, stdout) = lint_concise_with(site.path(), &["--select", "link-broken"]);
    assert_eq!(code, 1, "{}", head(&stdout));
    assert_eq!(count(&stdout, "link-broken"), 2_000, "{}", head(&stdout));
    let human = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(site.path())
        .args([
            "lint",
            "--select",
            "link-broken",
            "--color",
            "never",
            "en/guide/page-41.md",
        ])
        .output()
        .expect("run l10nlint");
    let human = String::from_utf8(human.stdout).expect("UTF-8");
    assert!(
        human.contains("did you mean `/en/guide/page-42`?"),
        "{human}"
    );
}

/// A Fluent translation whose 10,000 message ids were all misspelt: each is obsolete with the
/// id it was meant to be, none is reported missing as well, and the report stops at the cap.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn ten_thousand_renamed_fluent_ids_are_reported_once_each() {
    let site = tempfile::tempdir().expect("temp dir");
    let messages = |id: &str| -> String {
        (0..10_000)
            .map(|index| format!("{id}-{index} = Text {index}\n"))
            .collect()
    };
    write(site.path(), "locales/en/app.ftl", messages("message"));
    write(site.path(), "locales/de/app.ftl", messages("mesage"));
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{}", head(&stdout));
    assert_eq!(
        count(&stdout, "fluent-message-missing"),
        0,
        "{}",
        head(&stdout)
    );
    assert_eq!(
        count(&stdout, "fluent-message-obsolete"),
        MAX_FINDINGS_PER_RULE_AND_FILE + 1,
        "{}",
        head(&stdout)
    );
    assert!(
        stdout
            .contains("9500 more `fluent-message-obsolete` findings in this file are not reported"),
        "{}",
        head(&stdout)
    );
    let json = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(site.path())
        .args([
            "lint",
            "--format",
            "json",
            "--select",
            "fluent-message-obsolete",
        ])
        .output()
        .expect("run l10nlint");
    let json = String::from_utf8(json.stdout).expect("UTF-8");
    assert!(
        json.contains("did you mean `message-0`? Ids are never translated"),
        "{}",
        head(&json)
    );
}

/// A chain of 100,000 messages, each referencing the next, in two locales: clean.
#[test]
fn a_chain_of_a_hundred_thousand_fluent_references_is_clean() {
    let site = tempfile::tempdir().expect("temp dir");
    let chain = |end: &str| -> String {
        let mut text: String = (0..100_000)
            .map(|index| format!("m{index} = {{ m{} }}\n", index + 1))
            .collect();
        text.push_str(&format!("m100000 = {end}\n"));
        text
    };
    write(site.path(), "locales/en/app.ftl", chain("end"));
    write(site.path(), "locales/de/app.ftl", chain("Ende"));
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 0, "{}", head(&stdout));
}

/// 20,000 messages with a URL each, and one message whose 1,000 URLs the translation all
/// replaced: the URLs of each message are found without scanning the file's, the changed ones
/// are weighed a bounded number at a time, and the report stops at the cap.
#[test]
fn a_fluent_message_with_a_thousand_changed_urls_is_reported_up_to_the_cap() {
    let site = tempfile::tempdir().expect("temp dir");
    let resource = |word: &str, many_host: &str| -> String {
        let mut text: String = (0..20_000)
            .map(|index| format!("m{index} = {word} https://example.org/page-{index}\n"))
            .collect();
        let urls: Vec<String> = (0..1_000)
            .map(|index| format!("https://{many_host}/item-{index}"))
            .collect();
        text.push_str(&format!("many = {}\n", urls.join(" ")));
        text
    };
    write(
        site.path(),
        "locales/en/app.ftl",
        resource("See", "example.org"),
    );
    write(
        site.path(),
        "locales/de/app.ftl",
        resource("Siehe", "mirror.example.net"),
    );
    let (code, stdout) = lint_concise_with(site.path(), &["--select", "fluent-url-parity"]);
    // Warnings only.
    assert_eq!(code, 0, "{}", head(&stdout));
    assert_eq!(
        count(&stdout, "fluent-url-parity"),
        MAX_FINDINGS_PER_RULE_AND_FILE + 1,
        "{}",
        head(&stdout)
    );
    assert!(
        stdout.contains("`many` links to `https://mirror.example.net/item-0`, but the source message links to `https://example.org/item-0`"),
        "{}",
        head(&stdout)
    );
}

/// A YAML catalog whose 10,000 keys were all misspelt in the translation.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn ten_thousand_renamed_yaml_keys_are_reported_once_each() {
    let site = tempfile::tempdir().expect("temp dir");
    let catalog = |locale: &str, key: &str| -> String {
        let keys: String = (0..10_000)
            .map(|index| format!("  {key}_{index}: Text {index}\n"))
            .collect();
        format!("{locale}:\n{keys}")
    };
    write(site.path(), "_config.yml", "title: Example\n");
    write(site.path(), "_data/lang/en.yml", catalog("en", "key"));
    write(site.path(), "_data/lang/de.yml", catalog("de", "kei"));
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{}", head(&stdout));
    assert_eq!(
        count(&stdout, "catalog-key-missing"),
        0,
        "{}",
        head(&stdout)
    );
    assert_eq!(
        count(&stdout, "catalog-key-extra"),
        MAX_FINDINGS_PER_RULE_AND_FILE + 1,
        "{}",
        head(&stdout)
    );
    let json = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(site.path())
        .args(["lint", "--format", "json", "--select", "catalog-key-extra"])
        .output()
        .expect("run l10nlint");
    let json = String::from_utf8(json.stdout).expect("UTF-8");
    assert!(
        json.contains("did you mean `key_0`? Keys are never translated"),
        "{}",
        head(&json)
    );
}

/// Aliases that would expand to 10^30 nodes (a "billion laughs") in front matter and in a
/// catalog: they are read as references, never expanded.
#[test]
#[ignore = "not yet checked against the merged alignment and catalogs: run with --release -- --ignored"]
fn yaml_aliases_are_never_expanded() {
    let site = site();
    let mut laughs = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..30 {
        let previous = format!("*l{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        laughs.push_str(&format!("l{level}: &l{level} [{items}]\n"));
    }
    write(
        site.path(),
        "de/index.md",
        format!("---\ntitle: Hilfe\nlang: de\n{laughs}---\n\nText\n"),
    );
    write(
        site.path(),
        "_data/lang/en.yml",
        format!("en:\n  greeting: Hello\n{}", indent(&laughs)),
    );
    write(
        site.path(),
        "_data/lang/de.yml",
        format!("de:\n  greeting: Hallo\n{}", indent(&laughs)),
    );
    let (_, stdout) = lint_concise(site.path());
    assert!(!stdout.contains("[file-unreadable]"), "{}", head(&stdout));
    assert!(!stdout.contains("syntax"), "{}", head(&stdout));
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}

#[test]
fn ten_thousand_nested_lists_and_quotes_are_linted() {
    let site = site();
    let lists = "- ".repeat(10_000) + "deep [link](#start)\n\n";
    let quotes = "> ".repeat(10_000) + "deep\n\n";
    let indented: String = (0..2_000)
        .map(|depth| format!("{}- item {depth}\n", "  ".repeat(depth)))
        .collect();
    let page = PAGE.replace("{lang}", "de") + &lists + &quotes + &indented;
    write(site.path(), "de/index.md", page);
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn deeply_nested_front_matter_is_reported_not_overflowed() {
    let site = site();
    let nesting = 100_000;
    let value = "[".repeat(nesting) + &"]".repeat(nesting);
    let page = format!("---\ntitle: Help\nlang: de\nnested: {value}\n---\n\nText\n");
    write(site.path(), "de/index.md", page);
    lint_concise(site.path());
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let site = site();
    write(
        site.path(),
        "de/index.md",
        b"---\ntitle: Hilfe\nlang: de\n---\n\nGr\xfc\xdfe\n".as_slice(),
    );
    let (code, stdout) = lint_concise(site.path());
    assert_eq!(code, 1, "{stdout}");
    let lines = lines_about(&stdout, "de/index.md");
    assert_eq!(
        lines,
        [
            "de/index.md:1:1: error[file-unreadable] this file is not valid UTF-8 \
          (first invalid byte at offset 33, line 6)"
        ],
        "{stdout}"
    );
}

/// Root reads everything whatever the mode bits say, so when the test runs as root (as in
/// containers) only "the run completes and lints the files" can be checked.
#[cfg(unix)]
#[test]
fn unreadable_directories_and_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    write(site.path(), "de/private/secret.md", "# Secret\n");
    write(site.path(), "de/locked.md", "# Locked\n");
    let private = site.path().join("de/private");
    let locked = site.path().join("de/locked.md");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let permissions_apply = std::fs::read_dir(&private).is_err();
    let (_, stdout) = lint_concise(site.path());
    // Restore the bits so the temporary directory can be removed.
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if permissions_apply {
        for path in ["de/private", "de/locked.md"] {
            let lines = lines_about(&stdout, path);
            assert_eq!(lines.len(), 1, "{stdout}");
            assert!(lines[0].contains("[file-unreadable]"), "{stdout}");
            assert!(lines[0].contains("Permission denied"), "{stdout}");
        }
    } else {
        assert!(stdout.ends_with("in 2 of 4 files.\n"), "{stdout}");
    }
}

/// A file deleted after linting, before its diagnostic is rendered: the report says where
/// the finding is without a snippet instead of failing.
#[test]
fn a_file_that_vanishes_before_the_report_is_still_reported() {
    let site = site();
    write(
        site.path(),
        "de/index.md",
        "---\ntitle: Hilfe\nlang: en\n---\n\nText\n",
    );
    let request = LintRequest {
        root: site.path().to_owned(),
        select: vec!["front-matter-lang-mismatch".to_owned()],
        ..LintRequest::default()
    };
    let outcome = lint::lint(&request).expect("lint");
    assert_eq!(outcome.diagnostics.len(), 1, "{:?}", outcome.diagnostics);
    std::fs::remove_file(site.path().join("de/index.md")).expect("remove");
    for format in [Format::Human, Format::Concise, Format::Json] {
        let mut out = Vec::new();
        let options = ReportOptions {
            path_prefix: String::new(),
            width: 100,
            ..ReportOptions::default()
        };
        let mut sources = Sources::new(site.path().to_owned(), u64::MAX);
        output::report(
            format,
            &outcome.diagnostics,
            &mut sources,
            &options,
            &mut out,
        )
        .expect("report");
        let out = String::from_utf8(out).expect("UTF-8");
        assert!(out.contains("de/index.md"), "{format:?}: {out}");
        assert!(
            out.contains("front-matter-lang-mismatch"),
            "{format:?}: {out}"
        );
    }
}

/// Files deleted while the lint runs are either linted or reported as unreadable.
#[test]
fn files_that_vanish_during_the_run_are_reported_as_unreadable() {
    let site = site();
    let count = 400;
    for index in 0..count {
        write(
            site.path(),
            &format!("de/page-{index}.md"),
            PAGE.replace("{lang}", "de"),
        );
    }
    let root = site.path().to_owned();
    let deleter = std::thread::spawn(move || {
        for index in (0..count).rev() {
            let _ = std::fs::remove_file(root.join(format!("de/page-{index}.md")));
        }
    });
    let request = LintRequest {
        root: site.path().to_owned(),
        ..LintRequest::default()
    };
    let outcome = lint::lint(&request).expect("lint");
    deleter.join().expect("deleter");
    for diagnostic in &outcome.diagnostics {
        if diagnostic.location.path.starts_with("de/page-") {
            assert_eq!(diagnostic.rule, lint::UNREADABLE_FILE, "{diagnostic:?}");
            assert!(
                diagnostic.message.starts_with("cannot read this file"),
                "{diagnostic:?}"
            );
        }
    }
}

/// Without `--fix`, a lint reads and never writes: every byte of the tree stays the same
/// and no file appears or disappears.
#[test]
fn a_lint_writes_nothing_in_the_tree() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-site");
    let site = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture, site.path());
    let before = snapshot(site.path());
    assert!(before.len() > 10, "the fixture was not copied");
    for format in ["human", "concise", "json"] {
        let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
            .current_dir(site.path())
            .args(["lint", "--format", format])
            .output()
            .expect("run l10nlint");
        assert_eq!(output.status.code(), Some(1), "{format}");
    }
    assert_eq!(snapshot(site.path()), before);
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every path under `root` (directories too) with the bytes of each file.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_owned()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).expect("read dir") {
            let path = entry.expect("entry").path();
            let relative = path.strip_prefix(root).expect("inside").to_owned();
            if path.is_dir() {
                pending.push(path);
                files.insert(relative, None);
            } else {
                files.insert(relative, Some(std::fs::read(&path).expect("read")));
            }
        }
    }
    files
}

#[test]
fn fluent_placeables_nested_ten_thousand_deep_parse() {
    let depth = 10_000;
    let text = format!(
        "deep = {}x{}\nafter = ok\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    );
    let file = fluent::parse_fluent(&text);
    assert!(file.find("after", false).is_some(), "{:?}", file.junk);
}

#[test]
fn a_fluent_pattern_with_many_selects_in_a_row_stays_small() {
    let select = "{ $n ->\n    [one] one\n   *[other] other\n} ";
    let text = format!("many = {}\n", select.repeat(40));
    let file = fluent::parse_fluent(&text);
    let pattern = file.entries[0].value.as_ref().expect("value");
    assert_eq!(pattern.selects.len(), 40);
    let _ = pattern.variables_by_variant();
}
