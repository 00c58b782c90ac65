//! `l10nlint.toml`: parsed and validated, and when valid, used for a lint of a small site
//! (layouts, globs, lists and rule options are compiled there).
#![no_main]

use l10nlint::config::Config;
use l10nlint::lint::{self, LintRequest};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static SITE: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let site = tempfile::tempdir().expect("temp dir");
    for (path, text) in [
        (
            "en/index.md",
            "---\ntitle: Help\nlang: en\n---\n\n## Start\n\n- [a](https://a.example.org)\n- [b](https://b.example.org)\n",
        ),
        (
            "de/index.md",
            "---\ntitle: Hilfe\nlang: de\n---\n\n## Start\n\n- [a](https://a.example.org)\n",
        ),
        ("locales/en/app.ftl", "hello = Hello\n"),
        ("_data/lang/en.yml", "en:\n  hello: Hello\n"),
    ] {
        let path = site.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    site
});

fuzz_target!(|text: &str| {
    let Ok(config) = Config::parse(text, Path::new("l10nlint.toml")) else {
        return;
    };
    let request = LintRequest {
        root: SITE.path().to_owned(),
        config,
        ..LintRequest::default()
    };
    // A bad glob or layout is an error to report, never a panic.
    let _ = lint::lint(&request);
});
