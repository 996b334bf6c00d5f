//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use handbook::{BuildOptions, BuildOutcome};

/// The path of a fixture site under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture into a fresh temporary folder, so tests can build it in parallel.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

/// Copies a whole site (e.g. the bundled handbook) into a temporary folder.
pub fn copy_fixture_dir(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["content", "static", "templates"] {
        if from.join(sub).is_dir() {
            copy_dir(&from.join(sub), &dir.path().join(sub));
        }
    }
    std::fs::copy(from.join("handbook.yml"), dir.path().join("handbook.yml")).expect("config");
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        if rel.starts_with("public") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Builds `root` into `root/public`.
pub fn build(root: &Path) -> BuildOutcome {
    handbook::build(&BuildOptions::new(root))
}

/// Writes a file, creating folders.
pub fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

pub fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Writes a generated benchmark corpus (scripts/gen_corpus.py, run with python3) of
/// `pages` pages of `mix` (`guidance-heavy`, `roles-heavy` or `code-heavy`) into `out`,
/// and returns the handbook site's folder, `out/handbook`. The generator is
/// deterministic: the same mix and page count always give the same bytes, so tests on
/// the built output (file sizes included) are reproducible.
pub fn generate_corpus(mix: &str, pages: usize, out: &Path) -> PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_corpus.py");
    let status = std::process::Command::new("python3")
        .arg(&script)
        .args(["--mix", mix, "--pages", &pages.to_string(), "--out"])
        .arg(out)
        .status()
        .expect("python3 runs scripts/gen_corpus.py");
    assert!(status.success(), "gen_corpus.py failed: {status}");
    out.join("handbook")
}

/// Every file under `folder`, as (path relative to it with `/` separators, size in
/// bytes), largest first; files of equal size in path order.
pub fn files_by_size(folder: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(|entry| entry.expect("walk"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(folder).expect("prefix");
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, entry.metadata().expect("metadata").len())
        })
        .collect();
    files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    files
}

/// Generates a `pages`-page corpus of `mix` in a temporary folder, builds it (failing
/// the test on any error or warning), and returns the output folder's files with their
/// sizes, largest first. The folder is deleted before returning: the list is what the
/// size tests need, and a 2,000-page output is hundreds of megabytes.
pub fn build_generated_corpus(mix: &str, pages: usize) -> Vec<(String, u64)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = generate_corpus(mix, pages, &dir.path().join("corpus"));
    let outcome = build(&site);
    assert!(
        outcome.ok() && outcome.diagnostics.is_empty(),
        "the generated {mix} corpus builds with no errors or warnings:\n{}",
        outcome.diagnostics.to_plain_string()
    );
    files_by_size(&site.join("public"))
}
