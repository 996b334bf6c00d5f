//! The output folder is safe: the build refuses a folder that holds sources or files it
//! did not write, replaces only its own previous output, never writes through a symbolic
//! link and leaves nothing beside the output.

mod common;

use std::path::{Path, PathBuf};

use handbook::{BuildOptions, BuildOutcome};

fn build_into(root: &Path, output: impl Into<PathBuf>) -> BuildOutcome {
    let mut options = BuildOptions::new(root);
    options.output = Some(output.into());
    handbook::build(&options)
}

fn refusal(outcome: &BuildOutcome) -> String {
    assert!(!outcome.ok(), "the build should have been refused");
    let d = outcome
        .diagnostics
        .items()
        .iter()
        .find(|d| d.code == "E-output")
        .unwrap_or_else(|| panic!("{}", outcome.diagnostics.to_plain_string()));
    format!("{} ({})", d.message, d.hint.clone().unwrap_or_default())
}

/// Every file under `dir` with its bytes, for before/after comparisons.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn refuses_folders_that_hold_the_sources() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    let before = snapshot(root);
    for output in [
        root.to_path_buf(),
        root.join("content"),
        root.join("content/roles"),
        root.join("static"),
        root.join("templates"),
        root.join(".."),
        root.join("content/../."),
    ] {
        let message = refusal(&build_into(root, &output));
        assert!(
            message.contains("holds the handbook's sources"),
            "{}: {message}",
            output.display()
        );
    }
    // Relative to the working folder, as `--output .` is typed.
    let cli = assert_cmd::Command::cargo_bin("handbook")
        .unwrap()
        .current_dir(root)
        .args(["build", "--color", "never", "--output", "."])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&cli.get_output().stderr).into_owned();
    assert!(
        stderr.contains("refusing to write the site here"),
        "{stderr}"
    );
    assert_eq!(snapshot(root), before, "a source changed");
}

#[test]
fn refuses_a_folder_or_a_file_it_did_not_write() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    let other = root.join("elsewhere");
    common::write(&other, "notes/today.txt", "mine");
    let message = refusal(&build_into(root, &other));
    assert!(message.contains("notes"), "{message}");
    assert_eq!(common::read(&other, "notes/today.txt"), "mine");

    common::write(root, "report.pdf", "not a folder");
    let message = refusal(&build_into(root, root.join("report.pdf")));
    assert!(message.contains("is a file"), "{message}");
    assert_eq!(common::read(root, "report.pdf"), "not a folder");
}

#[test]
fn replaces_only_its_own_previous_output() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    let out = root.join("public");
    assert!(common::build(root).ok());
    assert!(common::build(root).ok(), "its own output is replaced");

    // Anything added to the output since is never deleted: a file, a folder, a link.
    common::write(&out, "roles/my-notes.txt", "mine");
    let message = refusal(&common::build(root));
    assert!(message.contains("roles/my-notes.txt"), "{message}");
    assert_eq!(common::read(&out, "roles/my-notes.txt"), "mine");
    std::fs::remove_file(out.join("roles/my-notes.txt")).unwrap();

    std::fs::create_dir(out.join("uploads")).unwrap();
    assert!(refusal(&common::build(root)).contains("uploads"));
    std::fs::remove_dir(out.join("uploads")).unwrap();

    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        common::write(outside.path(), "keep.txt", "keep");
        std::os::unix::fs::symlink(outside.path(), out.join("linked")).unwrap();
        assert!(refusal(&common::build(root)).contains("linked"));
        assert_eq!(common::read(outside.path(), "keep.txt"), "keep");
        std::fs::remove_file(out.join("linked")).unwrap();
    }
    assert!(common::build(root).ok(), "clean again");

    // A mark from before the list of files was kept is still the tool's own output.
    std::fs::write(
        out.join(".handbook-output"),
        "This folder is written by `handbook build` and replaced on every build.\n",
    )
    .unwrap();
    assert!(common::build(root).ok());
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symbolic_link() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    // An output that is a link to a folder elsewhere holding files: refused, untouched.
    let elsewhere = tempfile::tempdir().unwrap();
    common::write(elsewhere.path(), "index.html", "someone else's site");
    std::os::unix::fs::symlink(elsewhere.path(), root.join("public")).unwrap();
    refusal(&common::build(root));
    assert_eq!(
        common::read(elsewhere.path(), "index.html"),
        "someone else's site"
    );

    // A link to an empty folder: the link is replaced by the site; nothing is written
    // into the folder it pointed at.
    let empty = tempfile::tempdir().unwrap();
    std::fs::remove_file(root.join("public")).unwrap();
    std::os::unix::fs::symlink(empty.path(), root.join("public")).unwrap();
    let outcome = common::build(root);
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    assert!(!root.join("public").is_symlink());
    assert!(root.join("public/index.html").is_file());
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn writes_nothing_beside_the_output() {
    let parent = tempfile::tempdir().unwrap();
    let site = common::copy_fixture("basic");
    let out = parent.path().join("site");
    for _ in 0..2 {
        let outcome = build_into(site.path(), &out);
        assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
        let names: Vec<String> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["site"]);
    }
    // Every file written is listed in the output's mark, so the next build knows it.
    let mark = common::read(&out, ".handbook-output");
    for (path, _) in snapshot(&out) {
        let rel = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            rel == ".handbook-output" || mark.lines().any(|l| l == rel),
            "{rel} not listed"
        );
    }
}

#[test]
fn any_file_name_round_trips_through_the_marker() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    for name in [
        "Icon\r",
        "two\nlines.txt",
        "back\\slash.txt",
        "tab\there.txt",
    ] {
        std::fs::write(root.join("static").join(name), b"x").unwrap();
    }
    let out = root.join("public");
    for _ in 0..2 {
        let outcome = build_into(root, &out);
        assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    }
    assert!(out.join("Icon\r").is_file());
    assert!(out.join("two\nlines.txt").is_file());
}

/// A name that is not UTF-8 (a file saved in Latin-1 by an old tool) is published under
/// its exact bytes, listed in the marker, and the next build replaces the output as
/// usual; a name holding the private-use characters that stand for such bytes would read
/// back as another name, and is skipped with a warning instead.
#[cfg(unix)]
#[test]
fn a_static_name_that_is_not_utf8_keeps_its_bytes_through_the_marker() {
    use std::os::unix::ffi::OsStrExt;
    let site = common::copy_fixture("basic");
    let root = site.path();
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.txt");
    std::fs::write(root.join("static").join(latin1), b"latin-1").unwrap();
    std::fs::write(root.join("static/odd\u{10ffe9}.txt"), b"x").unwrap();
    let out = root.join("public");
    for _ in 0..2 {
        let outcome = build_into(root, &out);
        let text = outcome.diagnostics.to_plain_string();
        assert!(outcome.ok(), "{text}");
        assert!(
            text.contains("W-output-name") && text.contains("static/odd\u{10ffe9}.txt"),
            "{text}"
        );
        assert!(
            !text.contains("caf"),
            "no warning for the Latin-1 name: {text}"
        );
        assert_eq!(std::fs::read(out.join(latin1)).unwrap(), b"latin-1");
        assert!(!out.join("odd\u{10ffe9}.txt").exists());
    }
    // Someone's file with such a name, added to the output, is still foreign.
    std::fs::write(
        out.join(std::ffi::OsStr::from_bytes(b"added\xe9.txt")),
        b"x",
    )
    .unwrap();
    let outcome = build_into(root, &out);
    assert!(
        !outcome.ok(),
        "the output holds a file the build did not write"
    );
}

#[test]
fn hidden_static_folders_are_not_published_unless_listed() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    for dir in [".git", ".private", ".well-known"] {
        std::fs::create_dir_all(root.join("static").join(dir)).unwrap();
        std::fs::write(root.join("static").join(dir).join("secret.txt"), b"x").unwrap();
    }
    std::fs::write(root.join("static/.DS_Store"), b"x").unwrap();
    let config = std::fs::read_to_string(root.join("handbook.yml")).unwrap();
    std::fs::write(
        root.join("handbook.yml"),
        format!("{config}\npublish_hidden: [.well-known]\n"),
    )
    .unwrap();
    let out = root.join("public");
    let outcome = build_into(root, &out);
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    assert!(!out.join(".git").exists());
    assert!(!out.join(".private").exists());
    assert!(!out.join(".DS_Store").exists());
    assert!(out.join(".well-known/secret.txt").is_file());
}

#[cfg(unix)]
#[test]
fn a_symlink_in_static_warns() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    std::os::unix::fs::symlink("/etc/hostname", root.join("static/linked.txt")).unwrap();
    let outcome = build_into(root, root.join("public"));
    let text = outcome.diagnostics.to_plain_string();
    assert!(
        text.contains("W-symlink") && text.contains("static/linked.txt"),
        "{text}"
    );
    assert!(!root.join("public/linked.txt").exists());
}

#[test]
fn the_theme_stays_inside_themes() {
    for theme in ["../../..", "/etc", "a/../../b"] {
        let site = common::copy_fixture("basic");
        let root = site.path();
        let config = std::fs::read_to_string(root.join("handbook.yml")).unwrap();
        let config: String = config
            .lines()
            .filter(|l| !l.starts_with("theme:"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(
            root.join("handbook.yml"),
            format!("{config}theme: \"{theme}\"\n"),
        )
        .unwrap();
        let outcome = build_into(root, root.join("public"));
        let text = outcome.diagnostics.to_plain_string();
        assert!(
            !outcome.ok() && text.contains("not a folder inside themes/"),
            "{theme}: {text}"
        );
    }
}
