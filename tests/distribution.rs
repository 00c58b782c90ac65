//! The PyPI wheel as users get it: installed by pip into a fresh virtual environment, and
//! downloaded by the GitHub Action's install script for a released version. Ignored by
//! `cargo test`: `.ci/run` builds the wheel with maturin and runs these with
//! `L10NLINT_WHEEL_DIR` naming the folder it is in.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// The folder holding the wheel, or `None` (a skip) outside `.ci/run`.
fn wheel_directory() -> Option<PathBuf> {
    let directory = std::env::var_os("L10NLINT_WHEEL_DIR").map(PathBuf::from);
    if directory.is_none() {
        assert!(
            std::env::var_os("L10NLINT_REQUIRE_TOOLS").is_none(),
            "L10NLINT_WHEEL_DIR names no folder with the l10nlint wheel"
        );
        eprintln!("skipped: L10NLINT_WHEEL_DIR is not set (maturin build --out DIR)");
    }
    directory
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// PATH with python3's folder and the system's, but not cargo's.
fn path_without_cargo() -> std::ffi::OsString {
    let python = run(Command::new("sh").args(["-c", "command -v python3"]));
    let python = PathBuf::from(String::from_utf8_lossy(&python.stdout).trim());
    let folders = [
        python.parent().expect("python3's folder").to_owned(),
        PathBuf::from("/usr/bin"),
        PathBuf::from("/bin"),
    ];
    std::env::join_paths(folders).expect("PATH")
}

fn demo_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-site")
}

#[test]
#[ignore = "needs the wheel that .ci/run builds with maturin (L10NLINT_WHEEL_DIR)"]
fn the_wheel_installs_a_working_binary_into_a_fresh_virtual_environment() {
    let Some(wheels) = wheel_directory() else {
        return;
    };
    let environment = tempfile::tempdir().expect("temporary directory");
    let venv = environment.path().join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let started = Instant::now();
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--no-index", "--find-links"])
        .arg(&wheels)
        .arg("l10nlint"));
    eprintln!(
        "pip installed the wheel in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let binary = venv.join("bin/l10nlint");
    let version = run(Command::new(&binary).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout),
        format!("l10nlint {}\n", env!("CARGO_PKG_VERSION"))
    );
    let lint = run(Command::new(&binary)
        .args(["lint", "--format", "concise"])
        .arg(demo_site())
        .env("NO_COLOR", "1"));
    assert_eq!(lint.status.code(), Some(1));
    let expected = run(Command::new(env!("CARGO_BIN_EXE_l10nlint"))
        .args(["lint", "--format", "concise"])
        .arg(demo_site())
        .env("NO_COLOR", "1"));
    assert_eq!(
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&expected.stdout),
        "the wheel's binary lints as the binary under test does"
    );
}

#[test]
#[ignore = "needs the wheel that .ci/run builds with maturin (L10NLINT_WHEEL_DIR)"]
fn the_action_downloads_the_released_binary() {
    let Some(wheels) = wheel_directory() else {
        return;
    };
    let root = tempfile::tempdir().expect("temporary directory");
    let version = env!("CARGO_PKG_VERSION");
    let started = Instant::now();
    let output = run(Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/action/install.sh"))
        .arg("install")
        .env("L10NLINT_ROOT", root.path())
        .env("L10NLINT_ACTION_REF", format!("v{version}"))
        .env_remove("L10NLINT_VERSION")
        // The wheel folder stands in for PyPI; no cargo, so a build could not hide a failure.
        .env("PIP_NO_INDEX", "1")
        .env("PIP_FIND_LINKS", &wheels)
        .env("PATH", path_without_cargo()));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains(&format!("Downloaded l10nlint {version}.")),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!(
        "the action's install took {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let installed = run(Command::new(root.path().join("bin/l10nlint")).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout),
        format!("l10nlint {version}\n")
    );
}
