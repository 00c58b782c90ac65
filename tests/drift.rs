//! Translation drift on small git repositories built here: lag folded into one
//! `translation-outdated` per page, defects left line by line, and `l10nlint status`.
//! Skipped without `git`, unless `L10NLINT_REQUIRE_TOOLS` is set.

use std::path::Path;
use std::process::Command;

/// A git repository in a temporary folder, each commit a day after the previous one.
struct Repo {
    dir: tempfile::TempDir,
    time: i64,
}

impl Repo {
    fn new() -> Option<Self> {
        if Command::new("git").arg("--version").output().is_err() {
            assert!(
                std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_none(),
                "git is required"
            );
            return None;
        }
        let repo = Self {
            dir: tempfile::tempdir().expect("temp dir"),
            time: 1_760_000_000,
        };
        repo.git(&["init", "-q", "-b", "main"]);
        Some(repo)
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .arg("-C")
            .arg(self.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .env("GIT_AUTHOR_DATE", format!("{} +0000", self.time))
            .env("GIT_COMMITTER_DATE", format!("{} +0000", self.time))
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Writes the files, commits everything, and returns the commit's short id.
    fn commit(&mut self, message: &str, files: &[(&str, &str)]) -> String {
        for (path, text) in files {
            let path = self.path().join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
            std::fs::write(path, text).expect("file written");
        }
        self.time += 86_400;
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "--short=7", "HEAD"])
    }
}

/// Runs the binary in `dir`; returns stdout and stderr.
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("l10nlint runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn lint(dir: &Path) -> String {
    let (stdout, _) = run(
        dir,
        &["lint", "--format", "concise", "--quiet", "--exit-zero"],
    );
    stdout
}

const EN_V1: &str = "# Help\n\nInstall [the app](https://example.org/app).\n\nRead [the guide](https://example.org/guide).\n";
const EN_V2: &str = "# Help\n\nInstall [the app](https://example.org/app).\n\nRead [the guide](https://example.org/guide).\n\nUse [a client](https://example.org/clients).\n";
const ES_V1: &str = "# Ayuda\n\nInstala [la aplicación](https://example.org/app).\n\nLee [la guía](https://example.org/guide).\n";
/// Lost the guide link of the version it follows: a defect.
const ES_DEFECT: &str =
    "# Ayuda\n\nInstala [la aplicación](https://example.org/app).\n\nLee la guía.\n";

#[test]
fn lag_is_one_finding_per_page_and_defects_stay_on_their_line() {
    let Some(mut repo) = Repo::new() else { return };
    let followed = repo.commit("en", &[("en/help.md", EN_V1), ("es/help.md", ES_DEFECT)]);
    let added = repo.commit("en: clients", &[("en/help.md", EN_V2)]);
    let output = lint(repo.path());
    assert_eq!(
        output,
        format!(
            "es/help.md:1:1: warning[translation-outdated] `es/help.md` follows `en/help.md` as of 2025-10-10 ({followed}); 1 source commit since; 1 link behind\n\
             es/help.md:5:1: warning[link-parity] the source page links to `https://example.org/guide` in this block; the translation does not\n"
        )
    );
    // The related label names the source line and the commit that added the link.
    let (json, _) = run(repo.path(), &["lint", "--format", "json", "--exit-zero"]);
    assert!(
        json.contains(&format!(
            "`https://example.org/clients` added here by {added}"
        )),
        "{json}"
    );
}

#[test]
fn a_translation_updated_after_its_source_is_current() {
    let Some(mut repo) = Repo::new() else { return };
    repo.commit("en", &[("en/help.md", EN_V1), ("es/help.md", ES_V1)]);
    repo.commit("en: clients", &[("en/help.md", EN_V2)]);
    repo.commit(
        "es: clients",
        &[(
            "es/help.md",
            "# Ayuda\n\nInstala [la aplicación](https://example.org/app).\n\nLee [la guía](https://example.org/guide).\n\nUsa [un cliente](https://example.org/clients).\n",
        )],
    );
    assert_eq!(lint(repo.path()), "");
    let (status, _) = run(repo.path(), &["status"]);
    assert_eq!(status, "es: 1 page, 1 current (100%)\n\n");
}

#[test]
fn a_translation_updated_after_its_source_keeps_its_own_defects() {
    let Some(mut repo) = Repo::new() else { return };
    repo.commit("en", &[("en/help.md", EN_V1), ("es/help.md", ES_V1)]);
    repo.commit("en: clients", &[("en/help.md", EN_V2)]);
    // Translated after the source changed, without the new link: the translator's omission.
    repo.commit("es: typo", &[("es/help.md", &ES_V1.replace("Lee", "Lea"))]);
    let output = lint(repo.path());
    assert!(
        output.contains("[link-parity] the source page has a block linking to `https://example.org/clients` here"),
        "{output}"
    );
    assert!(!output.contains("translation-outdated"), "{output}");
}

#[test]
fn a_front_matter_key_records_the_followed_commit() {
    let Some(mut repo) = Repo::new() else { return };
    let en = |body: &str| format!("---\ntitle: Help\n---\n{body}");
    let followed = repo.commit("en", &[("en/help.md", &en(EN_V1))]);
    repo.commit("en: clients", &[("en/help.md", &en(EN_V2))]);
    let full = repo.git(&["rev-parse", &followed]);
    // Committed after the source changed, yet following the first version, as its key says.
    let es = format!("---\ntitle: Ayuda\ndefault_lang_commit: {full}\n---\n{ES_V1}");
    repo.commit("es", &[("es/help.md", &es)]);
    assert_eq!(
        lint(repo.path()),
        format!(
            "es/help.md:1:1: warning[translation-outdated] `es/help.md` follows `en/help.md` as of 2025-10-10 ({followed}), as its `default_lang_commit` records; 1 source commit since; 1 link behind\n"
        )
    );
    // MDN's nested key.
    let es = format!("---\ntitle: Ayuda\nl10n:\n  sourceCommit: {full}\n---\n{ES_V1}");
    repo.commit("es: mdn", &[("es/help.md", &es)]);
    assert!(lint(repo.path()).contains("as its `l10n.sourceCommit` records"));
}

#[test]
fn a_renamed_source_is_followed_through_the_rename() {
    let Some(mut repo) = Repo::new() else { return };
    let followed = repo.commit("en", &[("en/guide.md", EN_V1), ("es/guide.md", ES_V1)]);
    repo.commit("en: clients", &[("en/guide.md", EN_V2)]);
    // Both pages renamed: the translation's content did not change with it.
    repo.git(&["mv", "en/guide.md", "en/help.md"]);
    repo.git(&["mv", "es/guide.md", "es/help.md"]);
    repo.commit("rename", &[]);
    assert_eq!(
        lint(repo.path()),
        format!(
            "es/help.md:1:1: warning[translation-outdated] `es/help.md` follows `en/help.md` (then `en/guide.md`) as of 2025-10-10 ({followed}); 1 source commit since; 1 link behind\n"
        )
    );
}

#[test]
fn a_shallow_clone_falls_back_to_consensus_and_says_so_once() {
    let Some(mut repo) = Repo::new() else { return };
    repo.commit(
        "en",
        &[
            ("en/help.md", EN_V1),
            ("es/help.md", ES_V1),
            ("de/help.md", &ES_V1.replace("Ayuda", "Hilfe")),
        ],
    );
    repo.commit("en: clients", &[("en/help.md", EN_V2)]);
    let clone = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", repo.path().display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("site"))
        .status()
        .expect("git clone");
    assert!(status.success());
    let site = clone.path().join("site");
    let (stdout, stderr) = run(&site, &["lint", "--format", "concise", "--exit-zero"]);
    assert_eq!(stderr.matches("shallow clone").count(), 1, "{stderr}");
    assert!(
        stdout.starts_with(
            "de/help.md:1:1: warning[translation-outdated] `de/help.md` is 1 link behind `en/help.md`, as 2 of its 2 translations are\n\
             es/help.md:1:1: warning[translation-outdated] `es/help.md` is 1 link behind `en/help.md`, as 2 of its 2 translations are\n"
        ),
        "{stdout}"
    );
    let (status, stderr) = run(&site, &["status"]);
    assert!(stderr.contains("shallow clone"), "{stderr}");
    assert_eq!(
        status,
        "de: 1 page, 1 translated (100%)\n\nes: 1 page, 1 translated (100%)\n\n"
    );
}

/// Three translations follow the first version; the source then gains a link none of them
/// has. The German page alone also lost a link the first version had.
fn three_translations(repo: &mut Repo) -> String {
    repo.commit(
        "en",
        &[
            ("en/help.md", EN_V1),
            ("es/help.md", ES_V1),
            ("fr/help.md", &ES_V1.replace("Ayuda", "Aide")),
            ("de/help.md", &ES_DEFECT.replace("Ayuda", "Hilfe")),
        ],
    );
    repo.commit("en: clients", &[("en/help.md", EN_V2)])
}

#[test]
fn a_change_every_translation_lacks_is_one_line_and_a_single_locale_keeps_its_defect() {
    let Some(mut repo) = Repo::new() else { return };
    let added = three_translations(&mut repo);
    let output = lint(repo.path());
    assert_eq!(
        output.matches("translation-outdated").count(),
        3,
        "{output}"
    );
    assert_eq!(
        output
            .lines()
            .filter(|line| line.contains("[link-parity]"))
            .collect::<Vec<_>>(),
        [
            "de/help.md:5:1: warning[link-parity] the source page links to `https://example.org/guide` in this block; the translation does not"
        ]
    );
    let (human, _) = run(repo.path(), &["lint", "--exit-zero", "--color", "never"]);
    assert_eq!(
        human
            .matches("3 translations lack `https://example.org/clients`")
            .count(),
        1,
        "{human}"
    );
    assert!(
        human.contains(&format!("added here in `en/help.md` by {added}")),
        "{human}"
    );
    assert!(
        human.contains("lacking in de/help.md, es/help.md, fr/help.md"),
        "{human}"
    );
}

#[test]
fn without_history_consensus_folds_what_most_translations_lack() {
    let Some(mut repo) = Repo::new() else { return };
    three_translations(&mut repo);
    std::fs::remove_dir_all(repo.path().join(".git")).expect("history removed");
    let output = lint(repo.path());
    assert_eq!(
        output,
        "de/help.md:1:1: warning[translation-outdated] `de/help.md` is 1 link behind `en/help.md`, as 3 of its 3 translations are\n\
         de/help.md:5:1: warning[link-parity] the source page links to `https://example.org/guide` in this block; the translation does not\n\
         es/help.md:1:1: warning[translation-outdated] `es/help.md` is 1 link behind `en/help.md`, as 3 of its 3 translations are\n\
         fr/help.md:1:1: warning[translation-outdated] `fr/help.md` is 1 link behind `en/help.md`, as 3 of its 3 translations are\n"
    );
}

#[test]
fn status_reports_each_state_and_fails_under_a_threshold() {
    let Some(mut repo) = Repo::new() else { return };
    three_translations(&mut repo);
    repo.commit(
        "more",
        &[
            ("en/about.md", "# About\n"),
            ("es/about.md", "# Acerca\n"),
            ("es/old.md", "# Viejo\n"),
        ],
    );
    let (human, _) = run(repo.path(), &["status"]);
    assert_eq!(
        human,
        "de: 2 pages, 0 current (0%), 1 outdated, 1 missing\n\
         \x20 outdated  de/help.md: 1 source commit behind since 2025-10-11 (COMMIT), +2 −0 lines; follows 2025-10-10 (FIRST)\n\
         \x20 missing   en/about.md has no translation\n\n"
            .replace("COMMIT", &repo.git(&["rev-parse", "--short=7", "HEAD~1"]))
            .replace("FIRST", &repo.git(&["rev-parse", "--short=7", "HEAD~2"]))
            + &human[human.find("es:").expect("es")..]
    );
    assert!(
        human.contains("es: 2 pages, 1 current (50%), 1 outdated, 1 orphaned\n"),
        "{human}"
    );
    assert!(human.contains("  orphan    es/old.md\n"), "{human}");
    let (json, _) = run(repo.path(), &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["locales"][0]["locale"], "de");
    assert_eq!(json["locales"][0]["pages"][0]["state"], "outdated");
    assert_eq!(
        json["locales"][0]["pages"][0]["outdated"]["commits_behind"],
        1
    );
    let failing = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(repo.path())
        .args(["status", "--fail-under", "40"])
        .output()
        .expect("runs");
    assert_eq!(failing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failing.stderr).contains("`de` (0%)"));
    let passing = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .current_dir(repo.path())
        .args(["status", "--fail-under", "0"])
        .output()
        .expect("runs");
    assert_eq!(passing.status.code(), Some(0));
    let (markdown, _) = run(repo.path(), &["status", "--format", "markdown"]);
    assert!(
        markdown.contains("| `de` | 2 | 0 | 1 | 1 | 0 | 0% |"),
        "{markdown}"
    );
}

/// The html status is one file without script whose bars are inline SVG, as wide as the
/// shares they show; rendered by headless Chromium, the bars' colours are on the screen.
#[test]
fn status_html_is_self_contained_and_renders_its_bars() {
    let Some(mut repo) = Repo::new() else { return };
    three_translations(&mut repo);
    repo.commit(
        "es: clients",
        &[(
            "es/help.md",
            &ES_V1.replace(
                "Lee",
                "Usa [un cliente](https://example.org/clients).\n\nLee",
            ),
        )],
    );
    repo.commit(
        "en: about",
        &[("en/about.md", "# About\n"), ("es/about.md", "# Acerca\n")],
    );
    let (html, _) = run(repo.path(), &["status", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    // One bar per locale; `es` is all current, `de` half outdated and half missing.
    assert_eq!(html.matches("<svg").count(), 3);
    let bar = |locale: &str| {
        let start = html
            .find(&format!("aria-label=\"{locale}:"))
            .expect("the locale's bar");
        &html[start..start + html[start..].find("</svg>").expect("closed")]
    };
    let widths = |bar: &str, class: &str| -> Vec<f64> {
        bar.match_indices(&format!("class=\"{class}\""))
            .map(|(at, _)| {
                let rest = &bar[at..];
                let value = &rest[rest.find("width=\"").expect("a width") + 7..];
                value[..value.find('"').expect("quoted")]
                    .parse()
                    .expect("a number")
            })
            .collect()
    };
    assert_eq!(widths(bar("es"), "current"), [400.0]);
    assert_eq!(widths(bar("de"), "outdated"), [200.0]);
    assert_eq!(widths(bar("de"), "missing"), [200.0]);
    let Some(chromium) = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok())
    else {
        assert!(
            std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_none(),
            "chromium is required"
        );
        return;
    };
    let page = repo.path().join("status.html");
    std::fs::write(&page, &html).expect("page written");
    let profile = tempfile::tempdir().expect("profile dir");
    let screenshot = profile.path().join("status.png");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=900,700",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        screenshot.exists(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::fs::File::open(&screenshot).expect("screenshot"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).expect("a frame");
    let channels = frame.color_type.samples();
    let count = |rgb: [u8; 3]| {
        pixels[..frame.buffer_size()]
            .chunks(channels)
            .filter(|pixel| pixel[..3] == rgb)
            .count()
    };
    // Each bar is 400×16 pixels: `es` all green, `de` half amber and half red.
    let (green, amber, red) = (
        count([0x2e, 0x7d, 0x32]),
        count([0xf0, 0xa5, 0x00]),
        count([0xc6, 0x28, 0x28]),
    );
    assert!(green >= 400 * 16, "green pixels: {green}");
    assert!(
        amber >= 200 * 16 && red >= 200 * 16,
        "amber {amber}, red {red}"
    );
}
