//! Cross-linking: references resolved and checked, backlinks, item and index pages,
//! abbreviations, "See also", orphan warnings and graph.json.

mod common;

use common::read;

fn built() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    handbook::BuildOutcome,
) {
    let site = common::copy_fixture("basic");
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = site.path().join("public");
    (site, out, outcome)
}

#[test]
fn backlinks_come_from_markdown_links_and_front_matter_grouped_by_kind() {
    let (_site, out, _) = built();
    let manager = read(&out, "roles/manager.html");
    let section = manager
        .split(r#"<h2 id="backlinks-heading">"#)
        .nth(1)
        .expect("Pages that link here");
    // worker.md links to manager in Markdown *and* names it in reports_to_role: the plain
    // link needs no words, the reporting line does.
    assert!(section.contains("<h3>Roles</h3>"), "{section}");
    assert!(
        section.contains("Support worker") && section.contains("(reports to this role)"),
        "{section}"
    );
    // The worker role is referenced by a guidance page (related) and a module (audience).
    let worker = read(&out, "roles/worker.html");
    let section = worker
        .split(r#"<h2 id="backlinks-heading">"#)
        .nth(1)
        .expect("Pages that link here");
    assert!(section.contains("<h3>Guidance</h3>") && section.contains("Meetings"));
    assert!(section.contains("<h3>Modules</h3>") && section.contains("Listening well"));
}

#[test]
fn item_pages_show_summary_requiring_roles_criteria_and_developing_modules() {
    let (_site, out, _) = built();
    let item = read(&out, "frameworks/skills/listening.html");
    assert!(item.contains("Hearing what is said."));
    let required = item.split("Roles that require it").nth(1).unwrap();
    assert!(required.contains("Support worker") && required.contains("Experience of group work"));
    let developed = item.split("Training that develops it").nth(1).unwrap();
    assert!(developed.contains(r#"href="../../training/intro/listening.html""#));
    // The framework page links each item to its page.
    assert!(
        read(&out, "frameworks/skills.html")
            .contains(r#"href="../frameworks/skills/listening.html""#)
    );
}

#[test]
fn index_pages_group_by_organisation_grade_body_and_tag_and_are_linked() {
    let (_site, out, _) = built();
    assert!(read(&out, "organisations/example-trust.html").contains("Support worker"));
    assert!(read(&out, "grades/band-4.html").contains("Support worker"));
    assert!(read(&out, "professional-bodies/index.html").contains("UK Council for Psychotherapy"));
    assert!(read(&out, "tags/residential-care.html").contains("Support worker"));
    let worker = read(&out, "roles/worker.html");
    for href in [
        "../organisations/example-trust.html",
        "../grades/band-4.html",
        "../tags/residential-care.html",
        "../professional-bodies/index.html",
    ] {
        assert!(
            worker.contains(&format!("href=\"{href}\"")),
            "role links to {href}"
        );
    }
    // Every page's footer reaches the index pages.
    assert!(read(&out, "index.html").contains(r#"href="tags/index.html""#));
}

#[test]
fn related_renders_as_see_also() {
    let (_site, out, _) = built();
    let html = read(&out, "guidance/meetings.html");
    let see_also = html.split("See also").nth(1).unwrap();
    assert!(see_also.contains(r#"href="../roles/worker.html">Support worker</a>"#));
}

#[test]
fn abbreviations_are_marked_once_per_page_never_in_code_links_or_headings() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "handbook.yml", "title: X\n");
    common::write(
        dir.path(),
        "content/glossary.md",
        "---\ntitle: Glossary\nterms:\n  - id: acct\n    term: Assessment, Care in Custody and Teamwork\n    abbreviation: ACCT\n---\n",
    );
    common::write(
        dir.path(),
        "content/a.md",
        "---\ntitle: A\n---\n\n## ACCT reviews\n\nRun `ACCT` via [ACCT](glossary.md#acct). An ACCT plan; another ACCT.\n",
    );
    assert!(common::build(dir.path()).ok());
    let html = read(&dir.path().join("public"), "a.html");
    assert_eq!(html.matches("<abbr").count(), 1, "{html}");
    assert!(html.contains(r#"An <a class="abbr" href="glossary.html#acct"><abbr title="Assessment, Care in Custody and Teamwork">ACCT</abbr></a> plan"#), "{html}");
    assert!(html.contains("<code>ACCT</code>") && html.contains("ACCT reviews"));
}

#[test]
fn a_missing_static_file_is_an_error_with_a_hint() {
    let site = common::copy_fixture("basic");
    common::write(
        site.path(),
        "content/guidance/more.md",
        "---\ntitle: More\n---\n\n[form](../../static/forms/referal.txt)\n",
    );
    let outcome = common::build(site.path());
    let d = outcome
        .diagnostics
        .items()
        .iter()
        .find(|d| d.file == "content/guidance/more.md")
        .expect("diagnostic");
    assert_eq!((d.code, d.line, d.column), ("E-broken-link", 5, 8));
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("static/forms/referral.txt"),
        "{d}"
    );
}

#[test]
fn a_page_nothing_links_to_is_a_warning_that_fails_deny_warnings() {
    let (_site, _out, outcome) = built();
    let orphans: Vec<_> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "W-orphan")
        .map(|d| d.file.as_str())
        .collect();
    assert!(
        orphans.contains(&"content/training/intro/listening.md"),
        "a module its programme page does not link: {orphans:?}"
    );
    assert!(!orphans.contains(&"content/roles/manager.md"));
    assert!(
        !orphans.iter().any(|f| f.ends_with("_index.md")),
        "sections are exempt"
    );
    assert!(
        outcome
            .diagnostics
            .items()
            .iter()
            .filter(|d| d.code == "W-orphan")
            .all(|d| !d.is_error())
    );
}

/// A folder without `_index.md` gets a section page that is only the list of its pages,
/// and the folder's one way in: that list counts as a link. A folder whose `_index.md`
/// the author wrote is expected to link its pages itself.
#[test]
fn the_list_of_a_generated_section_page_counts_as_a_link() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    common::write(root, "handbook.yml", "title: T\n");
    common::write(root, "content/_index.md", "---\ntitle: Home\n---\n");
    common::write(
        root,
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\nAn introduction that links nothing.\n",
    );
    common::write(root, "content/guide/lonely.md", "---\ntitle: Lonely\n---\n");
    common::write(root, "content/notes/listed.md", "---\ntitle: Listed\n---\n");
    let outcome = common::build(root);
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let orphans: Vec<&str> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "W-orphan")
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(orphans, ["content/guide/lonely.md"]);
    let notes = read(&root.join("public"), "notes/index.html");
    assert!(
        notes.contains("href=\"../notes/listed.html\"") || notes.contains("listed.html"),
        "{notes}"
    );
}

#[test]
fn graph_json_has_every_page_and_item_and_typed_edges() {
    let (_site, out, _) = built();
    let graph: serde_json::Value = serde_json::from_str(&read(&out, "graph.json")).unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    let has_node = |id: &str| nodes.iter().any(|n| n["id"] == id);
    for id in [
        "roles/worker",
        "roles/manager",
        "frameworks/skills",
        "frameworks/skills#listening",
        "glossary#mappa",
        "training/intro",
    ] {
        assert!(has_node(id), "node {id}");
    }
    let edges = graph["edges"].as_array().unwrap();
    let has_edge = |from: &str, to: &str, kind: &str| {
        edges
            .iter()
            .any(|e| e["from"] == from && e["to"] == to && e["type"] == kind)
    };
    assert!(has_edge(
        "roles/worker",
        "frameworks/skills#listening",
        "requires"
    ));
    assert!(has_edge(
        "training/intro/listening",
        "frameworks/skills#listening",
        "develops"
    ));
    assert!(has_edge("roles/worker", "roles/manager", "reports-to"));
    assert!(has_edge("guidance/meetings", "roles/worker", "related"));
    assert!(has_edge("roles/worker", "roles/manager", "links-to"));
    assert!(
        !nodes
            .iter()
            .any(|n| n["title"] == "Draft page" || n["title"] == "Internal page")
    );
}
