//! Hostile content: each case gets a clear error or a safe site, within bounded time and
//! memory, and never a panic. The binary runs as a subprocess under a memory limit
//! (`ulimit -v`) and a deadline, so a hang or a blow-up fails the test instead of hanging
//! CI or taking the machine down. The deadlines are generous hang detectors for a debug
//! build on a loaded two-core machine, not speed targets.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::write;

/// What a run of the binary did.
struct Run {
    code: Option<i32>,
    stderr: String,
    output: PathBuf,
}

impl Run {
    fn assert_clean_exit(&self, code: i32) -> &Self {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "panic:\n{}",
            self.tail()
        );
        assert_eq!(self.code, Some(code), "exit status:\n{}", self.tail());
        self
    }

    fn assert_reports(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "`{n}` not reported:\n{}",
                self.tail()
            );
        }
        self
    }

    fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output.join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}\n{}", self.tail()))
    }

    fn tail(&self) -> String {
        let start = self.stderr.len().saturating_sub(4000);
        let start = (start..self.stderr.len())
            .find(|&i| self.stderr.is_char_boundary(i))
            .unwrap_or(0);
        self.stderr[start..].to_string()
    }
}

const MIB: u64 = 1024 * 1024;

/// Builds the site at `root` with `handbook build`, under a virtual-memory limit, killing
/// it (and failing) after `deadline`.
fn build(root: &Path, memory: u64, deadline: Duration) -> Run {
    let output = root.join("public");
    let stderr_path = root.with_extension("stderr");
    let stderr_file = std::fs::File::create(&stderr_path).expect("stderr file");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v "$1" && shift && exec "$@""#)
        .arg("sh")
        .arg((memory / 1024).to_string())
        .arg(env!("CARGO_BIN_EXE_handbook"))
        .args(["build", "--color", "never", "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr_file)
        .spawn()
        .expect("spawn handbook");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "handbook build of {} did not finish within {deadline:?}",
                root.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    let _ = std::fs::File::open(&stderr_path).and_then(|mut f| f.read_to_string(&mut stderr));
    let _ = std::fs::remove_file(&stderr_path);
    Run {
        code: status.code(),
        stderr,
        output,
    }
}

/// A site with `handbook.yml` and the given files under `content/`.
fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "handbook.yml", "title: Hostile\n");
    for (rel, bytes) in files {
        write(dir.path(), &format!("content/{rel}"), bytes);
    }
    dir
}

fn page(body: &str) -> Vec<u8> {
    format!("---\ntitle: Deep\n---\n{body}\n").into_bytes()
}

const SMALL: u64 = 1024 * MIB;
const QUICK: Duration = Duration::from_secs(60);

#[test]
fn lists_and_quotes_nested_ten_thousand_deep_render() {
    let n = 10_000;
    let lists = page(&format!("{}deep-list", "- ".repeat(n)));
    let ordered = page(&format!("{}deep-ordered", "1. ".repeat(n)));
    let quotes = page(&format!("{}deep-quote", "> ".repeat(n)));
    let mixed = page(&format!("{}deep-mixed", "> - ".repeat(n / 2)));
    let emphasis = page(&format!("{}deep-emphasis{}", "*".repeat(n), "*".repeat(n)));
    let brackets = page(&format!("{}deep-brackets{}", "[".repeat(n), "]".repeat(n)));
    let html = page(&format!(
        "{}deep-html{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    ));
    let dir = site(&[
        ("lists.md", &lists),
        ("ordered.md", &ordered),
        ("quotes.md", &quotes),
        ("mixed.md", &mixed),
        ("emphasis.md", &emphasis),
        ("brackets.md", &brackets),
        ("html.md", &html),
    ]);
    let run = build(dir.path(), SMALL, QUICK);
    run.assert_clean_exit(0);
    for (file, text) in [
        ("lists.html", "deep-list"),
        ("ordered.html", "deep-ordered"),
        ("quotes.html", "deep-quote"),
        ("mixed.html", "deep-mixed"),
        ("emphasis.html", "deep-emphasis"),
        ("brackets.html", "deep-brackets"),
        ("html.html", "deep-html"),
    ] {
        let html = run.page(file);
        assert!(html.contains(text), "{file} lost its text");
        handbook::fuzzing::check_inert_html(&html).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    assert!(run.page("quotes.html").matches("<blockquote>").count() >= 1000);
}

#[test]
fn front_matter_nested_ten_thousand_deep_is_an_error() {
    let flow = format!(
        "---\ntitle: x\ntags: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // Block sequences nest on one line: `- - - x`.
    let block = format!("---\ntitle: x\nrelated:\n  {}x\n---\n", "- ".repeat(10_000));
    let dir = site(&[("flow.md", flow.as_bytes()), ("block.md", block.as_bytes())]);
    build(dir.path(), SMALL, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "content/flow.md:3:",
            "content/block.md:",
            "nests or repeats too deeply",
        ]);
}

#[test]
fn a_fifty_megabyte_page_builds() {
    let para = "Community members meet daily to reflect on the life of the community, \
                share responsibility for decisions and challenge each other's behaviour. "
        .repeat(4);
    let mut body = String::with_capacity(51 * 1024 * 1024);
    let mut section = 0;
    while body.len() < 50 * 1024 * 1024 {
        body.push_str(&format!(
            "## Section {section}\n\nSee [the previous section](#section-{}).\n\n",
            section.max(1) - 1
        ));
        for _ in 0..100 {
            body.push_str(&para);
            body.push_str("\n\n");
        }
        section += 1;
    }
    body.push_str("LAST-PARAGRAPH\n");
    let dir = site(&[("big.md", page(&body).as_slice())]);
    let run = build(dir.path(), 3 * 1024 * MIB, Duration::from_secs(240));
    run.assert_clean_exit(0);
    let html = run.page("big.html");
    assert!(html.len() > 50 * 1024 * 1024 && html.contains("LAST-PARAGRAPH"));
    assert!(html.contains(&format!("id=\"section-{}\"", section - 1)));
}

#[test]
fn front_matter_with_a_hundred_thousand_items() {
    let outcomes: String = (0..100_000).map(|i| format!("  - Outcome {i}\n")).collect();
    let module = format!("---\ntitle: Long\noutcomes:\n{outcomes}---\n");
    let dir = site(&[("training/p/long.md", module.as_bytes())]);
    let run = build(dir.path(), SMALL, Duration::from_secs(120));
    run.assert_clean_exit(0);
    assert!(run.page("training/p/long.html").contains("Outcome 99999"));

    // A hundred thousand unknown fields: every one counted, the first hundred shown.
    let fields: String = (0..100_000).map(|i| format!("field{i}: {i}\n")).collect();
    let dir = site(&[(
        "many.md",
        format!("---\ntitle: x\n{fields}---\n").as_bytes(),
    )]);
    let run = build(dir.path(), SMALL, Duration::from_secs(120));
    run.assert_clean_exit(1).assert_reports(&[
        "content/many.md:3:1",
        "unknown field `field0`",
        "more problems in content/many.md are not shown (the first 100 are)",
        "100000 errors",
    ]);
    assert!(run.stderr.len() < 200_000, "{} bytes", run.stderr.len());
}

#[test]
fn yaml_alias_bombs_are_refused_in_bounded_memory() {
    let mut laughs =
        String::from("---\ntitle: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        laughs.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    laughs.push_str("tags: *a9\n---\n");
    let dir = site(&[
        ("laughs.md", laughs.as_bytes()),
        ("self.md", b"---\ntitle: x\nrelated: &r [*r]\n---\n"),
        ("merge.md", b"---\nbase: &b {title: x}\n<<: *b\n---\n"),
    ]);
    let config: String = laughs
        .lines()
        .filter(|l| l.starts_with('a'))
        .map(|l| format!("{l}\n"))
        .collect();
    write(
        dir.path(),
        "handbook.yml",
        format!("title: x\n{config}description: *a9\n"),
    );
    let run = build(dir.path(), 512 * MIB, QUICK);
    // The config is read first and is itself a bomb: one clear error, nothing else runs.
    run.assert_clean_exit(1)
        .assert_reports(&["handbook.yml", "nests or repeats too deeply"]);
    write(dir.path(), "handbook.yml", "title: Hostile\n");
    build(dir.path(), 512 * MIB, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "content/laughs.md:",
            "content/self.md:3:",
            "content/merge.md",
            "nests or repeats too deeply",
        ]);
}

#[test]
fn duplicate_keys_tabs_and_nul_bytes_are_located() {
    let dir = site(&[
        ("dup.md", b"---\ntitle: x\nsummary: a\nsummary: b\n---\n"),
        (
            "dup-nested.md",
            b"---\ntitle: x\nkind: framework\nitems:\n  - id: a\n    name: A\n    id: b\n---\n",
        ),
        ("tab-indent.md", b"---\ntitle: x\n\tsummary: y\n---\n"),
        ("nul-front.md", b"---\ntitle: a\x00b\n---\n"),
        (
            "tab-value.md",
            b"---\ntitle:\tTabbed\n---\n\tcode after a tab\n",
        ),
        ("nul-body.md", b"---\ntitle: Nul\n---\nbefore\x00after\n"),
    ]);
    build(dir.path(), SMALL, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "content/dup.md:4:1",
            "duplicate entry with key \"summary\"",
            "content/dup-nested.md:7:5",
            "content/tab-indent.md:3:1",
            "indent with spaces",
            "content/nul-front.md:2:9",
            "control character",
            "4 errors",
        ]);
    // Without the broken pages, tabs in values and NUL in a body make a safe site.
    for bad in ["dup.md", "dup-nested.md", "tab-indent.md", "nul-front.md"] {
        std::fs::remove_file(dir.path().join("content").join(bad)).unwrap();
    }
    let run = build(dir.path(), SMALL, QUICK);
    run.assert_clean_exit(0);
    assert!(run.page("tab-value.html").contains("<pre"));
    let nul = run.page("nul-body.html");
    assert!(!nul.contains('\0') && nul.contains("before\u{fffd}after"));
}

#[test]
fn invalid_utf8_is_an_error_at_the_first_bad_byte() {
    let dir = site(&[
        ("latin1.md", b"---\ntitle: Caf\xe9\n---\n"),
        ("utf16.md", b"\xff\xfe-\x00-\x00-\x00\n\x00"),
        ("body.md", b"---\ntitle: x\n---\nok\n\xc3\x28\n"),
    ]);
    build(dir.path(), SMALL, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "content/latin1.md:2:11",
            "content/utf16.md:1:1",
            "content/body.md:5:1",
            "not UTF-8",
            "save the file as UTF-8",
        ]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_never_followed_out_of_content_or_round_a_loop() {
    use std::os::unix::fs::symlink;
    let dir = site(&[("a.md", b"---\ntitle: A\n---\nA page.\n")]);
    let root = dir.path();
    write(
        root,
        "private/secret.md",
        "---\ntitle: Secret\n---\nOUTSIDE-SECRET\n",
    );
    write(
        root,
        "private/notes/x.md",
        "---\ntitle: X\n---\nOUTSIDE-FOLDER\n",
    );
    let content = root.join("content");
    symlink(root.join("private/secret.md"), content.join("secret.md")).unwrap();
    symlink(root.join("private/notes"), content.join("notes")).unwrap();
    symlink("/etc/passwd", content.join("passwd.md")).unwrap();
    symlink(&content, content.join("loop")).unwrap();
    symlink("self.md", content.join("self.md")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink("/etc/hostname", root.join("static/hostname.txt")).unwrap();
    let run = build(root, SMALL, QUICK);
    run.assert_clean_exit(0).assert_reports(&[
        "content/secret.md",
        "content/notes",
        "content/loop",
        "content/self.md",
        "symbolic link skipped",
    ]);
    let mut everything = String::new();
    for e in walkdir::WalkDir::new(&run.output) {
        let e = e.unwrap();
        assert!(!e.path_is_symlink(), "{} is a link", e.path().display());
        if e.file_type().is_file() {
            everything.push_str(&String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()));
        }
    }
    assert!(everything.contains("A page."));
    for leaked in ["OUTSIDE-SECRET", "OUTSIDE-FOLDER", "root:x:0:0"] {
        assert!(!everything.contains(leaked), "{leaked} reached the output");
    }
    assert!(!run.output.join("hostname.txt").exists());
}

/// A site whose `content/` folder is itself a link (to a shared drive's folder, say) is
/// built from what the link points to, without a misleading "skipped" warning: the rule
/// is about links inside the content, not the folder the site names.
#[cfg(unix)]
#[test]
fn a_symlinked_content_folder_is_followed_without_a_warning() {
    use std::os::unix::fs::symlink;
    let dir = site(&[("a.md", b"---\ntitle: A\n---\nA page, through the link.\n")]);
    let root = dir.path();
    std::fs::rename(root.join("content"), root.join("real-content")).unwrap();
    symlink(root.join("real-content"), root.join("content")).unwrap();
    let run = build(root, SMALL, QUICK);
    run.assert_clean_exit(0);
    assert!(
        !run.stderr.contains("symbolic link") && !run.stderr.contains("W-symlink"),
        "{}",
        run.tail()
    );
    assert!(run.page("a.html").contains("A page, through the link."));
}

#[test]
fn file_names_with_spaces_accents_and_dots_get_urls() {
    let dir = site(&[
        (
            "guidance/My Page.md",
            b"---\ntitle: Spaces\n---\nSee [accents](<Caf\xc3\xa9 \xc3\x9cber.md>) and [dots](a..b.md).\n",
        ),
        ("guidance/Caf\u{e9} \u{dc}ber.md", b"---\ntitle: Accents\n---\nBack to [spaces](My%20Page.md).\n"),
        ("guidance/a..b.md", b"---\ntitle: Dots\n---\n"),
        ("x..y/_index.md", b"---\ntitle: Dotted folder\n---\n"),
    ]);
    let run = build(dir.path(), SMALL, QUICK);
    run.assert_clean_exit(0);
    let spaces = run.page("guidance/my-page.html");
    assert!(
        spaces.contains("href=\"../guidance/caf\u{e9}-\u{fc}ber.html\""),
        "{spaces}"
    );
    assert!(spaces.contains("href=\"../guidance/ab.html\""));
    assert!(
        run.page("guidance/caf\u{e9}-\u{fc}ber.html")
            .contains("href=\"../guidance/my-page.html\"")
    );
    assert!(run.page("xy/index.html").contains("Dotted folder"));

    // A name with nothing to make a URL from, and links that climb out of the site.
    let dir = site(&[
        ("---.md", b"---\ntitle: Dashes\n---\n"),
        (
            "up.md",
            b"---\ntitle: Up\n---\n[a](../../../etc/passwd.md) [b](../handbook.yml)\n",
        ),
    ]);
    build(dir.path(), SMALL, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "content/---.md",
            "no letters or digits",
            "content/up.md:4:5",
            "leaves the site folder",
        ]);
}

#[test]
fn names_that_collide_after_normalisation_are_errors() {
    let dir = site(&[
        ("guidance/My Page.md", b"---\ntitle: One\n---\n"),
        ("guidance/my-page.md", b"---\ntitle: Two\n---\n"),
        ("guidance/CAF\u{c9}.md", b"---\ntitle: Three\n---\n"),
        ("guidance/caf\u{e9}.md", b"---\ntitle: Four\n---\n"),
        (
            "frameworks/f.md",
            b"---\ntitle: F\nitems:\n  - {id: a b, name: A}\n  - {id: a-b, name: B}\n  - {id: '!!', name: C}\n---\n",
        ),
    ]);
    build(dir.path(), SMALL, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "same output path `guidance/my-page.html`",
            "same output path `guidance/caf\u{e9}.html`",
            "item ids `a b` and `a-b` make the same URL",
            "item id `!!` has no letters or digits",
        ]);

    // Pages named like the pages the build makes itself.
    let dir = site(&[
        (
            "tags/_index.md",
            b"---\ntitle: Clashes with the tag index\ntags: [x]\n---\n",
        ),
        ("404.md", b"---\ntitle: Clashes with the 404 page\n---\n"),
        (
            "frameworks/f.md",
            b"---\ntitle: F\nitems: [{id: a, name: A}]\n---\n",
        ),
        (
            "frameworks/f/a.md",
            b"---\ntitle: Clashes with item a\n---\n",
        ),
    ]);
    build(dir.path(), SMALL, QUICK)
        .assert_clean_exit(1)
        .assert_reports(&[
            "content/tags/_index.md",
            "would be written to `tags/index.html`",
            "content/404.md",
            "would be written to `404.html`",
            "content/frameworks/f/a.md",
            "would be written to `frameworks/f/a.html`",
        ]);

    // Tags that differ only in case or punctuation are one tag with one page.
    let dir = site(&[
        ("a.md", b"---\ntitle: A\ntags: [Night shift]\n---\n"),
        ("b.md", b"---\ntitle: B\ntags: [night-shift]\n---\n"),
    ]);
    let run = build(dir.path(), SMALL, QUICK);
    run.assert_clean_exit(0);
    let tag = run.page("tags/night-shift.html");
    assert!(
        tag.contains("href=\"../a.html\"") && tag.contains("href=\"../b.html\""),
        "{tag}"
    );
    assert!(
        run.page("b.html")
            .contains("href=\"tags/night-shift.html\"")
    );
}

#[test]
fn thousands_of_broken_links_are_reported_in_bounded_time_and_output() {
    let headings: String = (0..5000)
        .map(|i| format!("## Heading {i}\n\n[x](#nope-{i})\n\n"))
        .collect();
    let long = "a".repeat(200_000);
    let body = format!("{headings}## {long}\n\n[y](#{long}b)\n");
    let dir = site(&[("links.md", page(&body).as_slice())]);
    let run = build(dir.path(), SMALL, QUICK);
    run.assert_clean_exit(1).assert_reports(&[
        "content/links.md:6:5",
        "has no item, term or heading `#nope-0`",
        "4901 more references and links were not checked after 100 broken ones",
    ]);
    assert!(run.stderr.len() < 200_000, "{} bytes", run.stderr.len());
}
