//! Nothing a page, a file name or a path holds reaches the terminal raw (issue 22, point
//! 5): a title, an owner or a file name with an escape sequence cannot retitle the
//! terminal, clear it, or fake a "Built ... 0 errors" line in a CI log. Control
//! characters come out escaped (`\u{1b}`), in diagnostics, in the build's summary line,
//! in `report review` and in `check`.

mod common;

use assert_cmd::Command;

fn handbook() -> Command {
    Command::cargo_bin("handbook").expect("binary")
}

/// The control characters a hostile page would use: ESC (colours, titles, clearing),
/// BEL, CR (overwrite the line), backspace, and the C1 CSI.
fn assert_no_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(
            !(c.is_control() && c != '\n' && c != '\t'),
            "{what}: raw control character {:?} in:\n{}",
            c,
            text.escape_debug()
        );
    }
}

/// A site whose page title, owner and file name carry escape sequences, with a broken
/// link so the build has a diagnostic to print about that page.
fn hostile_site() -> tempfile::TempDir {
    let site = common::copy_fixture("basic");
    common::write(
        site.path(),
        "content/guidance/evil\u{1b}[2J\r.md",
        "---\ntitle: \"Evil \\e]0;pwned\\a title\\rBuilt 9 pages, 0 errors\"\nowner: \"Owner \\e[31m\\x9b2J\"\nreview_by: 2020-01-01\n---\n\nSee [missing \u{1b}[1m](nowhere.md).\n",
    );
    site
}

/// The hostile page again, still with escapes in its title, owner and file name, but
/// with `body` instead of the broken link, so the site builds.
fn tame_page(root: &std::path::Path, body: &str) {
    common::write(
        root,
        "content/guidance/evil\u{1b}[2J\r.md",
        format!(
            "---\ntitle: \"Evil \\e]0;pwned\\a title\"\nowner: \"Owner \\e[31m\"\nreview_by: 2020-01-01\n---\n\n{body}\n"
        ),
    );
}

/// Runs `cmd`, which must succeed.
fn succeeded(cmd: &mut Command) -> std::process::Output {
    let run = cmd.output().expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

#[cfg(unix)]
#[test]
fn diagnostics_and_the_summary_line_escape_control_characters() {
    let site = hostile_site();
    // The output path itself carries an escape sequence too.
    let out = site.path().join("out\u{1b}]0;x\u{7}");
    for keep_going in [false, true] {
        let mut cmd = handbook();
        cmd.args(["build", "--color", "never", "--root"])
            .arg(site.path())
            .arg("--output")
            .arg(&out);
        if keep_going {
            cmd.arg("--keep-going");
        }
        let run = cmd.output().expect("run");
        assert_no_controls("build stderr", &run.stderr);
        assert_no_controls("build stdout", &run.stdout);
        let text = String::from_utf8_lossy(&run.stderr);
        assert!(
            text.contains("\\u{1b}"),
            "the escape is shown, escaped:\n{text}"
        );
    }
    // With the link fixed the build succeeds, and its "Built ... -> PATH" line is escaped.
    tame_page(site.path(), "See [forms](forms.md).");
    let run = succeeded(
        handbook()
            .args(["build", "--color", "never", "--root"])
            .arg(site.path())
            .arg("--output")
            .arg(&out),
    );
    assert_no_controls("summary", &run.stderr);
    let text = String::from_utf8_lossy(&run.stderr);
    let built = text
        .lines()
        .find(|l| l.starts_with("Built "))
        .expect("a summary line");
    assert!(built.contains("out\\u{1b}]0;x\\u{7}"), "{built}");
}

#[test]
fn check_and_report_review_escape_control_characters() {
    let site = hostile_site();
    let check = handbook()
        .args(["check", "--color", "never", "--root"])
        .arg(site.path())
        .output()
        .expect("run");
    assert!(!check.status.success());
    assert_no_controls("check", &[check.stdout, check.stderr].concat());

    tame_page(site.path(), "No links.");
    for format in ["table", "json"] {
        let run = succeeded(
            handbook()
                .args(["report", "review", "--root"])
                .arg(site.path())
                .args(["--format", format]),
        );
        assert_no_controls(&format!("report review --format {format}"), &run.stdout);
        let text = String::from_utf8_lossy(&run.stdout);
        assert!(
            text.contains("Evil"),
            "{format}: the page is listed:\n{text}"
        );
    }
    // A CSV sent to a file (not a terminal) keeps the data, quoted; `handbook` escapes
    // it only when its standard output is a terminal.
    let run = handbook()
        .args(["report", "review", "--format", "csv", "--root"])
        .arg(site.path())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        text.contains("\"content/guidance/evil\u{1b}[2J\r.md\""),
        "{text}"
    );
}
