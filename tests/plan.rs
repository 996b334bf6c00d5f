//! The output plan: every file the build writes is planned before anything renders, with
//! its template and the sources it shows; the one check of the plan finds collisions and
//! reserved paths for `build`, `check` and `serve` alike, naming every colliding source.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use handbook::incremental::Engine;
use handbook::plan::{Deps, Output};
use handbook::{BuildOptions, prepared_site};

fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p != ".handbook-output")
        .collect()
}

#[test]
fn the_plan_lists_every_file_the_build_writes() {
    for site in [
        common::copy_fixture("basic"),
        common::copy_fixture("recruiting"),
        common::copy_fixture("training-programme"),
        common::copy_fixture_dir(Path::new(env!("CARGO_MANIFEST_DIR"))),
    ] {
        let options = BuildOptions::new(site.path());
        let outcome = handbook::build(&options);
        assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
        let written = files_under(&site.path().join("public"));
        let (prepared, diags) = prepared_site(&options);
        assert_eq!(diags.error_count(), 0);
        let plan = prepared.expect("prepared").plan;
        let mut planned = BTreeSet::new();
        for e in &plan.entries {
            if e.output == Output::SearchIndex {
                assert_eq!(e.path, "search/");
            } else {
                assert!(planned.insert(e.path.clone()), "planned twice: {}", e.path);
            }
        }
        let index: BTreeSet<String> = written
            .iter()
            .filter(|p| p.starts_with("search/") && p.ends_with(".js"))
            .cloned()
            .collect();
        assert!(!index.is_empty());
        let outside_index: BTreeSet<String> = written.difference(&index).cloned().collect();
        assert_eq!(
            outside_index,
            planned,
            "written but not planned: {:?}; planned but not written: {:?}",
            outside_index.difference(&planned).collect::<Vec<_>>(),
            planned.difference(&outside_index).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_entry_has_its_template_and_the_sources_it_shows() {
    let site = common::copy_fixture("recruiting");
    let (prepared, _) = prepared_site(&BuildOptions::new(site.path()));
    let prepared = prepared.expect("prepared");
    let entry = |path: &str| {
        prepared
            .plan
            .entries
            .iter()
            .find(|e| e.path == path)
            .unwrap_or_else(|| panic!("no entry {path}"))
    };
    let sources = |path: &str| -> BTreeSet<String> {
        match &entry(path).deps {
            Deps::Pages { cards, .. } | Deps::Facts { cards, .. } => cards
                .iter()
                .map(|&i| prepared.site.pages[i].source.text.name.clone())
                .collect(),
            other => panic!("{path}: {other:?}"),
        }
    };
    let role = entry("roles/junior.html");
    assert_eq!(role.template, Some("role.html"));
    assert!(matches!(role.deps, Deps::Pages { body: Some(_), .. }));
    let role_sources = sources("roles/junior.html");
    assert!(role_sources.contains("content/roles/junior.md"));
    // It shows the competencies it requires, and its section (breadcrumbs).
    assert!(
        role_sources.contains("content/frameworks/skills.md"),
        "{role_sources:?}"
    );
    assert!(
        role_sources.contains("content/roles/_index.md"),
        "{role_sources:?}"
    );

    // An item's page shows the roles that require it.
    let item = entry("frameworks/skills/deciding.html");
    assert_eq!(item.template, Some("item.html"));
    assert!(sources("frameworks/skills/deciding.html").contains("content/roles/junior.md"));

    let checklist = entry("roles/junior/checklist.html");
    assert_eq!(checklist.template, Some("checklist.html"));
    assert!(sources("roles/junior/checklist.html").contains("content/roles/junior.md"));
    assert_eq!(
        entry("roles/junior/person-specification.csv").template,
        None
    );
    // Its checklist offers the roles of its setting by id: a fact derived from every role.
    assert!(matches!(checklist.deps, Deps::Facts { .. }));
    assert_eq!(entry("recruiting/compare.html").deps, Deps::All);
    assert_eq!(entry("graph.json").deps, Deps::All);
    assert_eq!(entry("404.html").deps, Deps::None);
    assert!(matches!(entry("css/style.css").output, Output::Asset(_)));
}

/// A site where three sources ask for one path: a page, an item of another page and a
/// tag's page.
fn colliding_site() -> tempfile::TempDir {
    let site = common::copy_fixture("recruiting");
    common::write(
        site.path(),
        "content/frameworks/skills/deciding.md",
        "---\ntitle: Deciding well\nrelated: [guidance/notes]\n---\nMine.\n",
    );
    common::write(
        site.path(),
        "content/tags/night-shift.md",
        "---\ntitle: Night shift\ntags: [night shift]\nrelated: [guidance/notes]\n---\nMine.\n",
    );
    common::write(
        site.path(),
        "content/recruiting/pathway.md",
        "---\ntitle: Pathway\nrelated: [guidance/notes]\n---\nMine.\n",
    );
    common::write(site.path(), "static/roles.json", "{}");
    site
}

fn plan_problems(d: &handbook::diagnostics::Diagnostics) -> Vec<String> {
    let mut out: Vec<String> = d
        .items()
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                "E-output-collision" | "E-reserved-path" | "E-duplicate-page" | "W-static-shadowed"
            )
        })
        .map(|d| d.to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn a_collision_names_every_colliding_source_at_its_line() {
    let site = colliding_site();
    let outcome = handbook::build(&BuildOptions::new(site.path()));
    assert!(!outcome.ok());
    let d = outcome.diagnostics.items();
    let item = d
        .iter()
        .find(|d| d.code == "E-output-collision" && d.message.contains("deciding.html"))
        .expect("the item collision");
    assert_eq!(
        (item.file.as_str(), item.line, item.column),
        ("content/frameworks/skills.md", 8, 9)
    );
    assert_eq!(item.also.len(), 1, "{item}");
    assert_eq!(
        (
            item.also[0].file.as_str(),
            item.also[0].line,
            item.also[0].column
        ),
        ("content/frameworks/skills/deciding.md", 2, 1)
    );
    // A page and a tag's page.
    let tag = d
        .iter()
        .find(|d| d.code == "E-output-collision" && d.message.contains("night-shift.html"))
        .expect("the tag collision");
    assert_eq!(tag.file, "content/tags/night-shift.md");
    assert!(
        tag.also
            .iter()
            .any(|p| p.file == "content/tags/night-shift.md" && p.line == 3),
        "the tag is named at its line: {tag}"
    );
    let text = outcome.diagnostics.to_plain_string();
    assert!(text.contains("asks for it too"), "{text}");
    // A page where the build writes its own page is reserved, and says which.
    assert!(d.iter().any(|d| d.code == "E-reserved-path"
        && d.file == "content/recruiting/pathway.md"
        && d.message.contains("where the career pathway page goes")));
    // A static file that loses its path is not lost silently.
    assert!(
        d.iter()
            .any(|d| d.code == "W-static-shadowed" && d.file == "static/roles.json")
    );
}

#[test]
fn two_files_with_one_path_are_both_named_at_their_lines() {
    let site = common::copy_fixture("recruiting");
    common::write(
        site.path(),
        "content/guidance/Night_Shift.md",
        "---\ntitle: Night shifts\nrelated: [guidance/notes]\n---\nTheirs.\n",
    );
    common::write(
        site.path(),
        "content/guidance/night_shift.md",
        "---\nsummary: Ours.\ntitle: Night shift\nrelated: [guidance/notes]\n---\nOurs.\n",
    );
    let outcome = handbook::build(&BuildOptions::new(site.path()));
    let dup = outcome
        .diagnostics
        .items()
        .iter()
        .find(|d| d.code == "E-duplicate-page")
        .expect("the duplicate");
    assert_eq!(
        (dup.file.as_str(), dup.line, dup.column),
        ("content/guidance/night_shift.md", 3, 1)
    );
    assert_eq!(
        (
            dup.also[0].file.as_str(),
            dup.also[0].line,
            dup.also[0].column
        ),
        ("content/guidance/Night_Shift.md", 2, 1)
    );
}

#[test]
fn build_check_and_serve_report_the_same_plan_problems() {
    let site = colliding_site();
    let mut options = BuildOptions::new(site.path());
    let built = plan_problems(&handbook::build(&options).diagnostics);
    options.write = false;
    let checked = plan_problems(&handbook::build(&options).diagnostics);
    options.write = true;
    let (_, update) = Engine::new(options);
    let served = plan_problems(&update.diagnostics);
    assert!(built.len() >= 4, "{built:#?}");
    assert_eq!(built, checked);
    assert_eq!(built, served);
}

#[test]
fn plan_problems_come_with_every_other_problem_in_one_run() {
    // A broken link and a collision: both are reported by the same run.
    let site = colliding_site();
    common::write(
        site.path(),
        "content/guidance/broken.md",
        "---\ntitle: Broken\nrelated: [guidance/notes]\n---\nSee [x](nowhere.md).\n",
    );
    let outcome = handbook::build(&BuildOptions::new(site.path()));
    let codes: BTreeSet<&str> = outcome.diagnostics.items().iter().map(|d| d.code).collect();
    assert!(
        codes.contains("E-broken-link") && codes.contains("E-output-collision"),
        "{codes:?}"
    );
}

#[test]
fn a_page_moved_keeps_its_old_addresses_as_redirects_that_work_from_disk() {
    let site = common::copy_fixture("recruiting");
    common::write(
        site.path(),
        "content/guidance/visits.md",
        "---\ntitle: Family visits\naliases: [/guidance/old-visits/, guidance/visiting.html, visits]\nrelated: [guidance/notes]\n---\nHow visits work.\n",
    );
    let outcome = handbook::build(&BuildOptions::new(site.path()));
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = site.path().join("public");
    for (old, href) in [
        (
            "guidance/old-visits/index.html",
            "../../guidance/visits.html",
        ),
        ("guidance/visiting.html", "../guidance/visits.html"),
        ("visits.html", "guidance/visits.html"),
    ] {
        let html = common::read(&out, old);
        assert!(
            html.contains(&format!(
                r#"<meta http-equiv="refresh" content="0; url={href}">"#
            )),
            "{old}: {html}"
        );
        assert!(html.contains("Family visits") && html.contains("This page has moved"));
        handbook::fuzzing::check_inert_html(&html).expect("a redirect carries no script");
    }
    // An old address another page has is a collision, named at the alias.
    common::write(
        site.path(),
        "content/guidance/visits.md",
        "---\ntitle: Family visits\naliases: [guidance/notes.html]\nrelated: [guidance/notes]\n---\nHow visits work.\n",
    );
    let outcome = handbook::build(&BuildOptions::new(site.path()));
    let clash = outcome
        .diagnostics
        .items()
        .iter()
        .find(|d| d.code == "E-output-collision")
        .expect("a collision");
    assert!(clash.message.contains("guidance/notes.html"), "{clash}");
    assert!(
        clash.file == "content/guidance/visits.md"
            || clash
                .also
                .iter()
                .any(|p| p.file == "content/guidance/visits.md" && p.line == 3),
        "{clash}"
    );
}
