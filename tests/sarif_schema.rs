//! `--format sarif` validated against the SARIF 2.1.0 JSON schema, with Python's `jsonschema`.
//! The schema comes from a package registry, never from this repository: `.ci/run` unpacks
//! npm's `@microsoft/jest-sarif` and sets `SARIF_SCHEMA` to its `sarif-2.1.0-rtm.5.json`.
//! Without the schema or `jsonschema` the test is skipped, unless `L10NLINT_REQUIRE_TOOLS` is
//! set (as `.ci/run` does), which turns the skip into a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

const VALIDATE: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
log = json.load(open(sys.argv[2], encoding="utf-8"))
errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
for error in errors:
    print("/".join(map(str, error.path)), error.message)
sys.exit(1 if errors else 0)
"#;

fn skip_or_fail(reason: &str) {
    if std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_some() {
        panic!("{reason}");
    }
    eprintln!("skipped: {reason}");
}

fn schema() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("SARIF_SCHEMA")?);
    path.is_file().then_some(path)
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let Some(schema) = schema() else {
        return skip_or_fail(
            "SARIF_SCHEMA does not name the SARIF 2.1.0 schema (see .ci/run for how to get it)",
        );
    };
    let python_has_jsonschema = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|status| status.success());
    if !python_has_jsonschema {
        return skip_or_fail("python3 with jsonschema is needed: pip install jsonschema");
    }
    for site in ["demo-site", "fix-site"] {
        let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(site);
        let output = Command::new(env!("CARGO_BIN_EXE_l10nlint"))
            .current_dir(&directory)
            .args(["lint", "--format", "sarif"])
            .output()
            .expect("l10nlint runs");
        assert_eq!(output.status.code(), Some(1), "{site}");
        let log = tempfile::NamedTempFile::new().expect("temporary file");
        std::fs::write(log.path(), &output.stdout).expect("SARIF written");
        let validation = Command::new("python3")
            .args(["-c", VALIDATE])
            .arg(&schema)
            .arg(log.path())
            .output()
            .expect("python3 runs");
        assert!(
            validation.status.success(),
            "{site}: the SARIF log does not match the schema:\n{}{}",
            String::from_utf8_lossy(&validation.stdout),
            String::from_utf8_lossy(&validation.stderr)
        );
    }
}
