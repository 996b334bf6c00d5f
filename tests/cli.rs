//! The command line as a user meets it: exit codes, help, init and new.

mod common;

use assert_cmd::Command;

fn handbook() -> Command {
    Command::cargo_bin("handbook").expect("binary")
}

#[test]
fn exit_codes_are_0_1_2() {
    let site = common::copy_fixture("basic");
    handbook()
        .args(["build", "--root"])
        .arg(site.path())
        .assert()
        .code(0);
    let bad = common::copy_fixture("errors");
    let out = handbook()
        .args(["check", "--color", "never", "--root"])
        .arg(bad.path())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("content/unknown-key.md:3:1"), "{stderr}");
    assert!(stderr.contains("14 errors"), "{stderr}");
    handbook()
        .args(["build", "--no-such-flag"])
        .assert()
        .code(2);
    handbook().arg("frobnicate").assert().code(2);
}

#[test]
fn build_ends_with_one_summary_line() {
    let site = common::copy_fixture("basic");
    let out = handbook()
        .args(["build", "--root"])
        .arg(site.path())
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let last = stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("Built ")
            && last.contains(" pages")
            && last.contains(" s, ")
            && last.contains("warning"),
        "{stderr}"
    );
}

#[test]
fn check_writes_nothing_and_deny_warnings_fails_on_overdue_reviews() {
    let site = common::copy_fixture("basic");
    common::write(
        site.path(),
        "content/guidance/old.md",
        "---\ntitle: Old\nreview_by: 2001-01-01\nowner: Ann\n---\n",
    );
    let out = handbook()
        .args(["check", "--color", "never", "--root"])
        .arg(site.path())
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("due for review on 2001-01-01") && stderr.contains("ask Ann"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
    handbook()
        .args(["check", "--deny-warnings", "--root"])
        .arg(site.path())
        .assert()
        .code(1);
}

#[test]
fn every_help_has_an_example() {
    for cmd in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["init", "--help"],
        vec!["new", "--help"],
    ] {
        let out = handbook().args(&cmd).assert().code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(text.contains("Example"), "{cmd:?}: {text}");
        assert!(text.contains("handbook "), "{cmd:?}");
    }
}

#[test]
fn init_makes_a_site_that_builds_and_new_pages_build_too() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-handbook");
    handbook().arg("init").arg(&site).assert().code(0);
    handbook()
        .args(["check", "--deny-warnings", "--root"])
        .arg(&site)
        .assert()
        .code(0);
    for (kind, path) in [
        ("module", "training/induction/safeguarding"),
        ("role", "roles/night-worker"),
        ("guidance", "guidance/handover"),
        ("framework", "frameworks/values"),
        ("programme", "training/advanced"),
        ("ethos", "ethos/our-values"),
        ("page", "about"),
    ] {
        handbook()
            .args(["new", kind, path, "--title", "A \"quoted\" title", "--root"])
            .arg(&site)
            .assert()
            .code(0);
    }
    let out = handbook()
        .args(["build", "--color", "never", "--root"])
        .arg(&site)
        .assert();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(out.get_output().status.success(), "{stderr}");
    let module = common::read(&site, "content/training/induction/safeguarding.md");
    for field in [
        "duration_minutes",
        "audience",
        "develops",
        "outcomes",
        "reflective_model",
        "sessions",
        "prompts",
        "prerequisites",
    ] {
        assert!(
            module.contains(&format!("{field}:")),
            "{field} missing:\n{module}"
        );
    }
    // new never overwrites; init never reuses a non-empty folder.
    handbook()
        .args(["new", "module", "training/induction/safeguarding", "--root"])
        .arg(&site)
        .assert()
        .code(2);
    handbook().arg("init").arg(&site).assert().code(2);
    handbook()
        .args(["new", "potato", "x", "--root"])
        .arg(&site)
        .assert()
        .code(2);
}

/// A folder of hostile files: the tool reports errors and never panics.
#[test]
fn bad_files_never_cause_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "handbook.yml", "title: Hostile\n");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a.md", b"---".to_vec()),
        ("b.md", b"---\n---\n".to_vec()),
        ("c.md", b"---\n: : :\n---\n".to_vec()),
        ("d.md", b"---\ntitle: [1, {2: 3}]\n---\n".to_vec()),
        ("e.md", b"---\ntitle: x\nitems: 5\n---\n".to_vec()),
        ("f.md", b"---\n- a list\n---\n".to_vec()),
        ("g.md", b"\x00\x01\x02---\n".to_vec()),
        ("h.md", b"---\ntitle: x\n---\n[a](../../../../etc/passwd) [b](#) [c](javascript:alert(1)) [d](%zz.md)".to_vec()),
        ("i.md", b"---\ntitle: x\nperson_spec: [{text: 1, need: 2, assessed_by: 3}]\n---\n".to_vec()),
        ("j.md", b"---\ntitle: x\na: &a [*a]\n---\n".to_vec()),
        ("k.md", b"---\ntitle: x\nreview_by: 2024-02-30\nweight: 99999999999999999999999\n---\n".to_vec()),
        ("l.md", b"---\ntitle: x\nkind: role\nhours_per_week: -1e999\n---\n".to_vec()),
        ("m.md", "---\ntitle: é\n---\n# 🎉\n## 🎉\n[x](#-)".as_bytes().to_vec()),
        ("n.md", b"---\ntitle: x\nterms: [{id: a}]\nkind: glossary\n---\n".to_vec()),
        ("o.md", b"---\ntitle: x\nrelated: [\"#\", \"/\", \"../..\", \"glossary#\"]\n---\n".to_vec()),
        ("p.md", b"\xef\xbb\xbf\r\n".to_vec()),
        ("q.md", [b"---\ntitle: x\n---\n".to_vec(), "> ".repeat(5000).into_bytes(), b"deep".to_vec()].concat()),
        ("r.md", b"---\ntitle: x\n\ttabbed: 1\n---\n".to_vec()),
        ("s.md", b"---\ntitle: x\ntitle: y\n---\n".to_vec()),
        ("t/_index.md", b"---\ntitle: x\nkind: programme\naudience: [t]\n---\n".to_vec()),
    ];
    for (name, bytes) in &cases {
        common::write(root, &format!("content/{name}"), bytes);
    }
    let out = handbook()
        .args(["build", "--color", "never", "--root"])
        .arg(root)
        .assert();
    let output = out.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Every bad file is named (g.md, text without front matter, is a plain page).
    for name in [
        "a.md", "c.md", "d.md", "e.md", "f.md", "i.md", "k.md", "n.md", "o.md", "r.md", "s.md",
    ] {
        assert!(
            stderr.contains(&format!("content/{name}")),
            "{name} not reported:\n{stderr}"
        );
    }
}

#[test]
fn keep_going_writes_a_site_with_its_broken_links_marked_and_still_fails() {
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path();
    std::fs::create_dir_all(site.join("content/guidance")).expect("dirs");
    std::fs::write(site.join("handbook.yml"), "title: Migrated\n").expect("write");
    std::fs::write(
        site.join("content/_index.md"),
        "---\ntitle: Home\n---\nSee [the guide](guidance/visits.md) and [the old page](guidance/gone.md).\n",
    )
    .expect("write");
    std::fs::write(
        site.join("content/guidance/visits.md"),
        "---\ntitle: Visits\n---\nHow visits work.\n",
    )
    .expect("write");
    // A plain build writes nothing.
    let plain = handbook()
        .args(["build", "--color", "never", "--root"])
        .arg(site)
        .output()
        .expect("run");
    assert_eq!(plain.status.code(), Some(1));
    assert!(!site.join("public").exists());
    // --keep-going writes the site, marks the broken link, and still exits 1.
    let kept = handbook()
        .args(["build", "--keep-going", "--color", "never", "--root"])
        .arg(site)
        .output()
        .expect("run");
    assert_eq!(kept.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&kept.stderr);
    assert!(
        stderr.contains("E-broken-link") && stderr.contains("--keep-going"),
        "{stderr}"
    );
    let home = std::fs::read_to_string(site.join("public/index.html")).expect("home written");
    assert!(home.contains(r#"href="guidance/visits.html""#), "{home}");
    assert!(home.contains(r#"<span class="broken-link""#), "{home}");
    assert!(site.join("public/guidance/visits.html").is_file());
}
