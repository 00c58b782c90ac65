//! Differential tests of the site models: each site under `fixtures/generators/` is built by
//! its real generator (Jekyll, Hugo, MkDocs with mkdocs-static-i18n), and what l10nlint
//! computes is compared with the generated HTML: the URL of every page, every heading id, and
//! whether every internal link works (its page, and its `#fragment`, exist in the build).
//!
//! Each test skips when its generator is not installed, and fails instead with
//! `L10NLINT_REQUIRE_TOOLS=1` (as `.ci/run` sets). Docusaurus and Starlight are checked the
//! same way by `docusaurus_matches_its_build` and `starlight_matches_its_build` when
//! `L10NLINT_NODE_SITES` names a folder holding their installed `node_modules` (see
//! `bench/generators/README.md`): their installs take minutes, too long for CI.

use l10nlint::lint::{self, LintRequest};
use l10nlint::site::urls::{Resolution, Target};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn require_tools() -> bool {
    std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_some_and(|value| value == "1")
}

/// Whether `program args` runs; otherwise skip, or fail when tools are required.
fn available(program: &str, args: &[&str]) -> bool {
    let runs = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|output| output.status.success());
    if !runs {
        assert!(
            !require_tools(),
            "`{program}` is required (L10NLINT_REQUIRE_TOOLS=1)"
        );
        eprintln!("skipped: `{program}` is not installed");
    }
    runs
}

/// A copy of `fixtures/generators/<name>` in a temporary folder, and a folder for its build.
fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let site = temp.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/generators")
            .join(name),
        &site,
    );
    let build = temp.path().join("build");
    (temp, site, build)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn run(command: &mut Command) {
    let output = command.output().expect("generator runs");
    assert!(
        output.status.success(),
        "the generator failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The built site: HTML by output path.
struct Build {
    root: PathBuf,
}

impl Build {
    fn html(&self, output: &str) -> Option<String> {
        std::fs::read_to_string(self.root.join(output)).ok()
    }

    /// The output file a URL path is served from, as a static server answers it.
    fn served(&self, url_path: &str) -> Option<String> {
        let path = url_path.trim_start_matches('/');
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![
                path.to_owned(),
                format!("{path}.html"),
                format!("{path}/index.html"),
            ]
        };
        candidates
            .into_iter()
            .find(|candidate| self.root.join(candidate).is_file())
    }
}

fn ids_of(html: &str) -> BTreeSet<String> {
    let pattern = Regex::new(r#"\s(?:id|name)="([^"]*)""#).expect("regex");
    pattern
        .captures_iter(html)
        .map(|captures| unescape(&captures[1]))
        .collect()
}

/// Each link of the page by its visible text: `href`.
fn links_of(html: &str) -> BTreeMap<String, String> {
    let pattern = Regex::new(r#"(?s)<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>"#).expect("regex");
    let tags = Regex::new(r"<[^>]*>").expect("regex");
    pattern
        .captures_iter(html)
        .map(|captures| {
            let text = unescape(tags.replace_all(&captures[2], "").trim());
            (text, unescape(&captures[1]))
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let hex = text
            .get(index + 1..index + 3)
            .filter(|_| bytes[index] == b'%');
        match hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// `href` on the page at `page_url` (a URL directory ending in `/` or a file URL): the URL
/// path it reaches and its fragment; `None` for external links.
fn resolve(page_output: &str, href: &str) -> Option<(String, String)> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("//") {
        return None;
    }
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let base = page_output
        .rfind('/')
        .map_or("", |slash| &page_output[..=slash]);
    let joined = if path.is_empty() {
        page_output.to_owned()
    } else if let Some(rooted) = path.strip_prefix('/') {
        rooted.to_owned()
    } else {
        format!("{base}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Some((percent_decode(&parts.join("/")), percent_decode(fragment)))
}

/// Compares l10nlint's model of the site at `site` with the build in `build`.
fn compare(site: &Path, build: &Path) {
    let build = Build {
        root: build.to_owned(),
    };
    let request = LintRequest {
        root: site.to_owned(),
        ..LintRequest::default()
    };
    let parsed = lint::parse_site(&request).expect("the site parses");
    let outcome = lint::lint(&LintRequest {
        select: vec!["link-broken".to_owned(), "anchor-broken".to_owned()],
        ..request.clone()
    })
    .expect("the site lints");
    let mut problems = Vec::new();
    let mut checked = (0, 0, 0);
    for (index, file) in parsed.corpus.files.iter().enumerate() {
        let document = &parsed.documents[index];
        let Some(output) = parsed.urls.output_of(&file.path) else {
            problems.push(format!("{}: l10nlint serves it nowhere", file.path));
            continue;
        };
        let Some(html) = build.html(output) else {
            problems.push(format!(
                "{}: l10nlint says `{output}`, the build has no such file",
                file.path
            ));
            continue;
        };
        checked.0 += 1;
        let ids = ids_of(&html);
        for heading in &document.headings {
            let id = heading
                .explicit_id
                .as_ref()
                .map(|anchor| anchor.id.clone())
                .or_else(|| heading.generated_id.clone());
            if let Some(id) = id {
                checked.1 += 1;
                if !ids.contains(&id) {
                    problems.push(format!(
                        "{}: heading `{}`: l10nlint says id `{id}`, the build has {:?}",
                        file.path, heading.text, ids
                    ));
                }
            }
        }
        let hrefs = links_of(&html);
        for link in &document.links {
            let target = match link.has_liquid {
                true => match parsed.urls.expand_on_page(&file.path, &link.target) {
                    Some(expanded) => expanded,
                    None => continue,
                },
                false => link.target.clone(),
            };
            let (Target::Local { .. } | Target::SamePage { .. }) =
                parsed.urls.classify(&file.path, &target)
            else {
                continue;
            };
            let Some(href) = hrefs.get(link.text.trim()) else {
                problems.push(format!(
                    "{}: link `{}` is not in the build",
                    file.path, link.text
                ));
                continue;
            };
            let Some((url_path, fragment)) = resolve(output, href) else {
                continue;
            };
            let served = build.served(&url_path);
            let works = served.as_deref().is_some_and(|served| {
                fragment.is_empty()
                    || build
                        .html(served)
                        .is_some_and(|target| ids_of(&target).contains(&fragment))
            });
            let reported = outcome.diagnostics.iter().any(|diagnostic| {
                diagnostic.location.path == file.path
                    && diagnostic.location.span.start < link.span.end
                    && link.span.start < diagnostic.location.span.end
            });
            checked.2 += 1;
            if works == reported {
                problems.push(format!(
                    "{}: link `{}` ({}): the build says {}, l10nlint says {}",
                    file.path,
                    link.text,
                    link.target,
                    if works { "it works" } else { "it is broken" },
                    if reported { "broken" } else { "working" },
                ));
            }
            if let (
                Some(served),
                Target::Local {
                    resolution: Resolution::File(file),
                    ..
                },
            ) = (&served, parsed.urls.classify(&file.path, &link.target))
            {
                let modelled = parsed.urls.output_of(&file);
                let redirect = build.html(served).is_some_and(|html| {
                    html.contains("http-equiv=\"refresh\"") || html.contains("http-equiv=refresh")
                });
                let known = parsed.urls.file_at(served) == Some(file.as_str());
                if modelled != Some(served.as_str()) && !known && !redirect {
                    problems.push(format!(
                        "link `{}`: l10nlint reaches `{file}` at {modelled:?}, the build serves `{served}`",
                        link.text
                    ));
                }
            }
        }
    }
    assert!(
        checked.0 > 0 && checked.1 > 0 && checked.2 > 0,
        "nothing compared: {checked:?}"
    );
    assert!(
        problems.is_empty(),
        "{} disagreements with the build ({} pages, {} ids, {} links compared):\n{}",
        problems.len(),
        checked.0,
        checked.1,
        checked.2,
        problems.join("\n")
    );
}

#[test]
fn jekyll_matches_its_build() {
    if !available("jekyll", &["--version"]) {
        return;
    }
    let (_temp, site, build) = copy_fixture("jekyll");
    run(Command::new("jekyll")
        .args(["build", "--quiet", "--source"])
        .arg(&site)
        .arg("--destination")
        .arg(&build));
    compare(&site, &build);
}

#[test]
fn hugo_matches_its_build() {
    if !available("hugo", &["version"]) {
        return;
    }
    let (_temp, site, build) = copy_fixture("hugo");
    run(Command::new("hugo")
        .args(["--quiet", "--source"])
        .arg(&site)
        .arg("--destination")
        .arg(&build));
    compare(&site, &build);
}

#[test]
fn mkdocs_matches_its_build() {
    let has_i18n = available("python3", &["-c", "import mkdocs_static_i18n"]);
    if !has_i18n || !available("python3", &["-m", "mkdocs", "--version"]) {
        return;
    }
    let (_temp, site, build) = copy_fixture("mkdocs");
    run(Command::new("python3")
        .args(["-m", "mkdocs", "build", "--quiet", "--site-dir"])
        .arg(&build)
        .current_dir(&site));
    compare(&site, &build);
}
