//! Markdown written for other tools, built as it is: a plain folder of Markdown (as on
//! GitHub), an mdBook's `src/`, a Hugo site's `content/`, a Jekyll site and a Zola site's
//! `content/`, each copied into `content/` unchanged, with only a `handbook.yml` added.
//! The pages are there, their links resolve and are rewritten relative (so the site
//! works from `file://`), and nothing that works in the original tool is an error.

mod common;

use std::path::Path;

use common::{copy_dir, fixture, read, write};
use handbook::BuildOutcome;
use handbook::diagnostics::Diagnostic;

/// The settings a person moving Markdown from another tool would set.
const SETTINGS: &str = "unknown_fields: warn\nheading_ids: github\npage_urls: file-name\n";

/// A site whose `content/` is `from` (and `static/` is `statics`, if given), built.
fn verbatim(from: &Path, statics: Option<&Path>, title: &str) -> (tempfile::TempDir, BuildOutcome) {
    let site = tempfile::tempdir().expect("temp dir");
    copy_dir(from, &site.path().join("content"));
    if let Some(s) = statics {
        copy_dir(s, &site.path().join("static"));
    }
    write(
        site.path(),
        "handbook.yml",
        format!("title: {title}\n{SETTINGS}"),
    );
    let outcome = common::build(site.path());
    (site, outcome)
}

fn errors(outcome: &BuildOutcome) -> Vec<&Diagnostic> {
    outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.is_error())
        .collect()
}

fn codes(outcome: &BuildOutcome) -> Vec<&'static str> {
    let mut c: Vec<&str> = outcome.diagnostics.items().iter().map(|d| d.code).collect();
    c.sort();
    c.dedup();
    c
}

fn orphans(outcome: &BuildOutcome) -> Vec<&str> {
    outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "W-orphan")
        .map(|d| d.file.as_str())
        .collect()
}

fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

fn assert_links(html: &str, page: &str, wanted: &[&str]) {
    let found = hrefs(html);
    for w in wanted {
        assert!(
            found.iter().any(|h| h == w),
            "{page}: no link to {w} in {found:?}"
        );
    }
}

#[test]
fn a_plain_folder_of_markdown_builds_with_no_errors_or_warnings() {
    let (site, outcome) = verbatim(&fixture("byo-plain"), None, "Staff handbook");
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    let out = site.path().join("public");
    // Titles from the first heading, shown once.
    let welcome = read(&out, "01-welcome.html");
    assert_eq!(welcome.matches("<h1").count(), 1, "{welcome}");
    assert!(welcome.contains("<h1>Welcome</h1>"));
    // Order from the file names.
    let home = read(&out, "index.html");
    let pos = |s: &str| {
        home.find(s)
            .unwrap_or_else(|| panic!("{s} not on the home page"))
    };
    assert!(pos("01-welcome.html") < pos("02-supervision.html"));
    assert!(pos("02-supervision.html") < pos("03-safeguarding.html"));
    // Links, images, GitHub heading ids, e-mail, raw HTML, root-relative, README.
    assert_links(
        &welcome,
        "01-welcome",
        &[
            "02-supervision.html#how-often",
            "03-safeguarding.html#who-to-tell----and-when",
        ],
    );
    assert!(
        welcome.contains("src=\"images/shift-pattern.svg\""),
        "{welcome}"
    );
    let safeguarding = read(&out, "03-safeguarding.html");
    assert_links(
        &safeguarding,
        "03-safeguarding",
        &[
            "mailto:safeguarding.lead@example.org",
            "mailto:safeguarding.lead@example.org?subject=Concern",
            "policies/lone-working.html",
            "policies/whistleblowing.html",
        ],
    );
    assert!(safeguarding.contains("id=\"who-to-tell----and-when\""));
    let supervision = read(&out, "02-supervision.html");
    assert_links(
        &supervision,
        "02-supervision",
        &["03-safeguarding.html#raising-a-concern"],
    );
    let whistle = read(&out, "policies/whistleblowing.html");
    assert_links(
        &whistle,
        "whistleblowing",
        &["../02-supervision.html#reflective-log", "../README.html"],
    );
    assert!(
        whistle.contains("<img src=\"../images/shift-pattern.svg\""),
        "{whistle}"
    );
    // The folder without an index gets a page listing its pages.
    let policies = read(&out, "policies/index.html");
    assert!(policies.contains("lone-working.html") && policies.contains("whistleblowing.html"));
}

#[test]
fn an_mdbook_source_folder_builds_with_only_its_includes_to_warn_about() {
    let book = fixture("byo-mdbook");
    let (site, outcome) = verbatim(&book.join("src"), None, "Working in the house");
    assert!(
        errors(&outcome).is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert_eq!(
        codes(&outcome),
        ["W-template-syntax"],
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    // One warning per include outside code; the one in a code block is exempt.
    assert_eq!(outcome.diagnostics.items().len(), 3);
    let out = site.path().join("public");
    let handover = read(&out, "shifts/handover.html");
    assert_links(
        &handover,
        "handover",
        &[
            "../intake/keys-and-fobs.html#lost-keys-what-to-do",
            "../night-checks.html",
        ],
    );
    assert!(handover.contains("src=\"../images/house-plan.svg\""));
    let keys = read(&out, "intake/keys-and-fobs.html");
    // GitHub's id for "Keys & fobs": the `&` goes, both spaces stay.
    assert!(keys.contains("<h1>Keys &amp; fobs</h1>"), "{keys}");
    assert!(keys.contains("id=\"signing-out-a-fob\""));
    let first = read(&out, "intake/first-week.html");
    assert_links(
        &first,
        "first-week",
        &["../intake/keys-and-fobs.html#signing-out-a-fob"],
    );
}

#[test]
fn a_hugo_content_folder_builds_with_shortcodes_and_its_fields_as_warnings() {
    let hugo = fixture("byo-hugo");
    let (site, outcome) = verbatim(
        &hugo.join("content"),
        Some(&hugo.join("static")),
        "House procedures",
    );
    assert!(
        errors(&outcome).is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert_eq!(
        codes(&outcome),
        ["W-orphan", "W-template-syntax", "W-unknown-field"]
    );
    // Linked only by a `ref` shortcode, which is not a link until imported.
    assert_eq!(orphans(&outcome), ["content/guide/medication.md"]);
    let out = site.path().join("public");
    // A leaf bundle's index.md is its folder's page; pretty and root-relative links.
    let visits = read(&out, "guide/visits.html");
    assert_links(
        &visits,
        "visits",
        &[
            "../guide/fire-safety/index.html",
            "../forms/visitor-log.txt",
        ],
    );
    let medication = read(&out, "guide/medication.html");
    assert_links(&medication, "medication", &["../guide/visits.html"]);
    let home = read(&out, "index.html");
    assert_links(&home, "home", &["guide/index.html", "guide/visits.html"]);
    assert!(read(&out, "guide/fire-safety/index.html").contains("<h1>Fire safety</h1>"));
}

#[test]
fn a_jekyll_site_builds_with_pretty_links_resolved() {
    let (site, outcome) = verbatim(&fixture("byo-jekyll"), None, "Volunteer handbook");
    assert!(
        errors(&outcome).is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert_eq!(
        codes(&outcome),
        ["W-orphan", "W-template-syntax", "W-unknown-field"]
    );
    // The repository's README, which Jekyll leaves out, is linked from nowhere.
    assert_eq!(orphans(&outcome), ["content/README.md"]);
    let out = site.path().join("public");
    // `.markdown` is Markdown; `index.md` is its folder's page.
    let fire = read(&out, "guide/fire-safety.html");
    assert_links(&fire, "fire-safety", &["../guide/visits.html"]);
    let guide = read(&out, "guide/index.html");
    assert_links(
        &guide,
        "guide",
        &["../guide/visits.html", "../guide/fire-safety.html"],
    );
    let home = read(&out, "index.html");
    assert_links(&home, "home", &["about.html"]);
    assert!(home.contains("src=\"assets/images/garden.svg\""), "{home}");
}

#[test]
fn a_zola_content_folder_gives_one_error_per_page_for_its_toml_and_no_other() {
    let zola = fixture("byo-zola");
    let (_site, outcome) = verbatim(
        &zola.join("content"),
        Some(&zola.join("static")),
        "Night staff notes",
    );
    let errs = errors(&outcome);
    let mut files: Vec<&str> = errs.iter().map(|d| d.file.as_str()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "content/_index.md",
            "content/guide/_index.md",
            "content/guide/checks.md",
            "content/guide/fire-safety/index.md"
        ],
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert!(
        errs.iter()
            .all(|d| d.code == "E-toml-front-matter" && d.line == 1)
    );
    // `@/` links resolve: no broken links, no follow-ons.
    assert!(
        outcome
            .diagnostics
            .items()
            .iter()
            .all(|d| d.cause.is_none())
    );
}

/// One YAML mistake in a framework that eight pages refer to: one error for the mistake,
/// no "no page" errors, and what cannot be checked grouped under it.
#[test]
fn one_yaml_mistake_gives_one_error_and_follow_ons_grouped_under_it() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(root, "handbook.yml", "title: T\n");
    write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\n[Skills](frameworks/skills.md)\n",
    );
    write(
        root,
        "content/frameworks/skills.md",
        "---\ntitle: Skills\nitems:\n  - id: listening\n    name: Listening\n  - id: writing\n   name: Writing\n---\n## Levels\n",
    );
    for i in 0..8 {
        write(
            root,
            &format!("content/guidance/g{i}.md"),
            format!(
                "---\ntitle: G{i}\nrelated: [frameworks/skills]\n---\nSee [skills](../frameworks/skills.md#levels).\n"
            ),
        );
    }
    write(
        root,
        "content/roles/worker.md",
        "---\ntitle: Worker\ncompetencies: [frameworks/skills#listening]\n---\n",
    );
    let outcome = common::build(root);
    let errs = errors(&outcome);
    let primary: Vec<&&Diagnostic> = errs.iter().filter(|d| d.cause.is_none()).collect();
    assert_eq!(
        primary.len(),
        1,
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert_eq!(primary[0].code, "E-yaml");
    let follow: Vec<&&Diagnostic> = errs.iter().filter(|d| d.cause.is_some()).collect();
    assert_eq!(follow.len(), 1, "only the item reference cannot be checked");
    assert_eq!(follow[0].file, "content/roles/worker.md");
    let text = outcome.diagnostics.to_plain_string();
    let yaml_at = text.find("E-yaml").unwrap();
    let group_at = text
        .find("1 follow-on problem of: content/frameworks/skills.md:7:4")
        .unwrap();
    assert!(yaml_at < group_at, "{text}");
}

/// A page written by `handbook new` in a folder that has no `_index.md` yet is listed by
/// the folder's generated page, which counts as a link: no W-orphan.
#[test]
fn a_scaffolded_page_in_a_new_folder_is_not_an_orphan() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path().join("h");
    handbook::scaffold::init(&root).unwrap();
    handbook::scaffold::new_page(&root, "module", "training/night-skills/first-aid", None).unwrap();
    handbook::scaffold::new_page(&root, "guidance", "guidance/new-topic/visits", None).unwrap();
    let mut options = handbook::BuildOptions::new(&root);
    options.write = false;
    let outcome = handbook::build(&options);
    assert!(
        !outcome
            .diagnostics
            .items()
            .iter()
            .any(|d| d.code == "W-orphan"),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
}

/// Files beside pages are linked (checked above); copying them into the output is the
/// output plan's job: each file is an entry of the plan, copied as it is.
#[test]
fn files_beside_pages_are_copied_to_the_same_path() {
    let (site, outcome) = verbatim(&fixture("byo-plain"), None, "Staff handbook");
    assert!(outcome.ok());
    assert!(
        site.path()
            .join("public/images/shift-pattern.svg")
            .is_file()
    );
}

/// `extra:` is never checked, and a theme can read it: `page.extra` is the mapping as
/// written (nested values, lists and numbers included), escaped like any other value.
#[test]
fn a_theme_reads_a_pages_extra_values() {
    let site = tempfile::tempdir().expect("temp dir");
    write(site.path(), "handbook.yml", "title: Extra\n");
    write(
        site.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\n[Visits](visits.md)\n",
    );
    write(
        site.path(),
        "content/visits.md",
        "---\ntitle: Visits\nextra:\n  author: \"Sam <Lee>\"\n  nav_order: 3\n  audience: [staff, visitors]\n  review: {cycle: yearly}\n---\nBody.\n",
    );
    write(
        site.path(),
        "templates/page.html",
        "{% if page.extra.author %}<p id=\"extra\">{{ page.extra.author }}|{{ page.extra.nav_order + 1 }}|{{ page.extra.audience | join(sep=\",\") }}|{{ page.extra.review.cycle }}|{{ page.extra | length }}</p>{% endif %}\n",
    );
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let html = read(&site.path().join("public"), "visits.html");
    assert!(
        html.contains("<p id=\"extra\">Sam &lt;Lee&gt;|4|staff,visitors|yearly|4</p>"),
        "{html}"
    );
}

/// A page's address is its file name as a slug (the default), and its file name as
/// written, the address other tools publish, sends readers on to it; links may use either
/// form. With `page_urls: file-name` it is the other way round. A difference in case alone
/// gets no redirect: on a case-insensitive disk that file would be the page itself.
#[test]
fn either_form_of_a_file_name_reaches_its_page() {
    // (setting, [(page, redirect)] for `From_Into.md` and for `Key Duties.md`)
    for (setting, expected) in [
        (
            "",
            [
                ("guide/From_Into.html", "guide/from-into.html"),
                ("guide/key-duties.html", "guide/Key Duties.html"),
            ],
        ),
        (
            "page_urls: slug\n",
            [
                ("guide/from-into.html", "guide/From_Into.html"),
                ("guide/key-duties.html", "guide/Key Duties.html"),
            ],
        ),
        (
            "page_urls: file-name\n",
            [
                ("guide/From_Into.html", "guide/from-into.html"),
                ("guide/Key Duties.html", "guide/key-duties.html"),
            ],
        ),
    ] {
        let site = tempfile::tempdir().expect("temp dir");
        write(
            site.path(),
            "handbook.yml",
            format!("title: Urls\n{setting}"),
        );
        write(
            site.path(),
            "content/_index.md",
            "# Home\n\n[As named](guide/From_Into.md), [as a slug](guide/from-into.md), [a visit](guide/Visits.md).\n\n\
             [Duties](<guide/Key Duties.md>), [duties as a slug](guide/key-duties.md).\n",
        );
        write(
            site.path(),
            "content/guide/From_Into.md",
            "# From and into\n\nText.\n",
        );
        write(
            site.path(),
            "content/guide/Key Duties.md",
            "# Key duties\n\nSee [from and into](from-into.md).\n",
        );
        write(
            site.path(),
            "content/guide/Visits.md",
            "# Visits\n\nText.\n",
        );
        let outcome = common::build(site.path());
        assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
        let out = site.path().join("public");
        let home = read(&out, "index.html");
        for ((page, redirect), title) in expected.iter().zip(["From and into", "Key duties"]) {
            let html = read(&out, page);
            assert!(html.contains(title), "{setting}: {page} is the page");
            assert!(!html.contains("http-equiv=\"refresh\""));
            let href = page.replace(' ', "%20");
            let moved = read(&out, redirect);
            assert!(
                moved.contains(&format!(
                    "http-equiv=\"refresh\" content=\"0; url=../{href}\""
                )),
                "{setting}: {redirect} sends readers to {page}: {moved}"
            );
            // Both links on the home page go to the page's own address.
            assert_eq!(
                home.matches(&format!("href=\"{href}\"")).count(),
                2,
                "{setting}: {href} in {home}"
            );
        }
        // `Visits.md` and `visits.html` differ only in case: no second file.
        let names: Vec<String> = std::fs::read_dir(out.join("guide"))
            .expect("guide folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_lowercase())
            .filter(|n| n == "visits.html")
            .collect();
        assert_eq!(names.len(), 1, "{setting}: {names:?}");
    }
}
