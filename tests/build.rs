//! A good fixture site builds into the HTML we promise.

mod common;

use common::read;

#[test]
fn every_kind_renders_with_its_template_and_relative_links() {
    let site = common::copy_fixture("basic");
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = site.path().join("public");
    let role = read(&out, "roles/worker.html");

    // Fields, person specification, references resolved to relative URLs.
    assert!(role.contains("Example Trust") && role.contains("37.5 hours a week"));
    assert!(
        role.contains(r#"href="../frameworks/skills/listening.html""#),
        "item link"
    );
    assert!(
        role.contains(r#"href="../roles/manager.html""#),
        "reports_to_role link"
    );
    assert!(
        role.contains("Essential")
            && role.contains("Desirable")
            && role.contains("Application, Interview")
    );
    // Markdown link to a heading of another page, rewritten and checked.
    assert!(role.contains(r#"href="../roles/manager.html#responsibilities""#));
    // CommonMark extensions.
    assert!(role.contains("<table>") && role.contains("<del>old</del>"));
    assert!(role.contains(r#"type="checkbox""#) && role.contains("footnote-definition"));
    // Stable heading ids and a highlighted code block with classes.
    assert!(role.contains(r#"<h2 id="main-duties">"#));
    assert!(
        role.contains(r#"class="hl-"#) || role.contains("hl-source"),
        "highlighted code"
    );
    // Raw HTML is sanitised by default.
    assert!(
        !role.contains("<script>alert"),
        "raw script must be removed"
    );
    // First use of an abbreviation is marked up, linked to the glossary; later ones are not.
    assert_eq!(
        role.matches("<abbr title=\"Multi-Agency Public Protection Arrangements\">")
            .count(),
        1
    );
    assert!(role.contains(r#"href="../glossary.html#mappa""#));
    // Navigation: breadcrumbs, site nav, prev/next within the section (manager has weight 1).
    assert!(
        role.contains(r#"aria-label="Breadcrumb""#)
            && role.contains(r#"href="../roles/index.html""#)
    );
    assert!(role.contains(r#"rel="prev" href="../roles/manager.html""#));
    // Theme assets are linked relatively and exist, including both syntax stylesheets.
    assert!(role.contains(r#"href="../css/style.css""#));
    for asset in [
        "css/style.css",
        "css/syntax-light.css",
        "css/syntax-dark.css",
        "js/handbook.js",
        "404.html",
    ] {
        assert!(out.join(asset).is_file(), "{asset}");
    }
    assert!(read(&out, "css/syntax-dark.css").contains(".hl-"));
    assert!(read(&out, "css/style.css").contains("prefers-color-scheme: dark"));
    assert!(read(&out, "css/style.css").contains("@media print"));

    // Item pages list the roles that require them (through which criteria) and the modules that develop them.
    let item = read(&out, "frameworks/skills/listening.html");
    assert!(item.contains("Support worker") && item.contains("Experience of group work"));
    assert!(item.contains("Listening well"));

    // Module: running start times and the reflective model's stages.
    let module = read(&out, "training/intro/listening.html");
    assert!(module.contains("<td>0:20</td>") && module.contains("Action plan"));
    // Programme lists its modules with total duration.
    let programme = read(&out, "training/intro/index.html");
    assert!(programme.contains("Listening well") && programme.contains("1 h"));
    // "See also" and "Pages that link here".
    assert!(read(&out, "guidance/meetings.html").contains("See also"));
    assert!(read(&out, "roles/manager.html").contains("Pages that link here"));
    // Static files: both link styles resolve to the copied file.
    let forms = read(&out, "guidance/forms.html");
    assert!(forms.contains(r#"href="../forms/referral.txt""#));
    assert!(out.join("forms/referral.txt").is_file());
}

#[test]
fn drafts_and_internal_pages_stay_out_of_a_default_build() {
    let site = common::copy_fixture("basic");
    assert!(common::build(site.path()).ok());
    let out = site.path().join("public");
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            assert!(
                !text.contains("DRAFT-ONLY-SENTENCE"),
                "{}",
                entry.path().display()
            );
            assert!(
                !text.contains("INTERNAL-ONLY-SENTENCE"),
                "{}",
                entry.path().display()
            );
        }
    }
    let mut options = handbook::BuildOptions::new(site.path());
    options.drafts = true;
    options.include_internal = true;
    assert!(handbook::build(&options).ok());
    assert!(read(&out, "drafts/secret.html").contains("DRAFT-ONLY-SENTENCE"));
    assert!(read(&out, "internal.html").contains("INTERNAL-ONLY-SENTENCE"));
}

/// Every page is reachable by following links from the home page, as a reader on a shared drive would.
#[test]
fn every_page_is_reachable_from_the_home_page() {
    let site = common::copy_fixture("basic");
    assert!(common::build(site.path()).ok());
    let out = site.path().join("public");
    let mut seen = std::collections::BTreeSet::new();
    let mut queue = vec!["index.html".to_string()];
    while let Some(page) = queue.pop() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let html = read(&out, &page);
        let dir = std::path::Path::new(&page).parent().unwrap().to_path_buf();
        // Links and form targets (the search box's form leads to the results page).
        for href in html
            .split("href=\"")
            .skip(1)
            .chain(html.split("action=\"").skip(1))
            .filter_map(|s| s.split('"').next())
        {
            let href = href.split('#').next().unwrap();
            if href.is_empty() || href.contains(':') || !href.ends_with(".html") {
                continue;
            }
            assert!(!href.starts_with('/'), "absolute link {href} in {page}");
            let target = normalise(&dir.join(href));
            assert!(
                out.join(&target).is_file(),
                "{page} links to missing {target}"
            );
            queue.push(target);
        }
    }
    let all: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p != "404.html")
        .collect();
    for page in all {
        assert!(
            seen.contains(&page),
            "{page} is not reachable from index.html"
        );
    }
}

fn normalise(path: &std::path::Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c.as_os_str().to_str().unwrap() {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s.to_string()),
        }
    }
    parts.join("/")
}

/// Builds the basic fixture, then adds `rel` with `text` and builds again: the second
/// build must fail, leave the first build's output byte for byte, and leave no temporary
/// folder beside it. Returns the failed build's messages.
fn a_failing_build_changes_nothing(rel: &str, text: &str) -> String {
    let site = common::copy_fixture("basic");
    assert!(common::build(site.path()).ok());
    let out = site.path().join("public");
    let before = snapshot(&out);
    common::write(site.path(), rel, text);
    let outcome = common::build(site.path());
    assert!(!outcome.ok());
    assert_eq!(snapshot(&out), before);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
    outcome.diagnostics.to_plain_string()
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    a_failing_build_changes_nothing("content/guidance/broken.md", "---\ntitle: [unclosed\n---\n");
}

/// Temporary folders (`.public.tmp-*`, `.public.old-*`) left in a site folder.
fn leftovers(site: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(site)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect()
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = common::copy_fixture("basic");
    common::write(
        site.path(),
        "templates/guidance.html",
        "<!DOCTYPE html><title>{{ page.title }}</title><p>OVERRIDDEN {{ page.title }}</p>",
    );
    assert!(common::build(site.path()).ok());
    let html = read(&site.path().join("public"), "guidance/meetings.html");
    assert!(html.contains("OVERRIDDEN Meetings"));
}

#[test]
fn templates_escape_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "handbook.yml", "title: X\n");
    common::write(
        dir.path(),
        "content/a.md",
        "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"<img src=x onerror=alert(2)>\"\n---\n",
    );
    assert!(common::build(dir.path()).ok());
    let html = read(&dir.path().join("public"), "a.html");
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn refuses_an_output_folder_holding_other_files() {
    let site = common::copy_fixture("basic");
    let mut options = handbook::BuildOptions::new(site.path());
    options.output = Some(site.path().join("content"));
    let outcome = handbook::build(&options);
    assert!(
        outcome
            .diagnostics
            .items()
            .iter()
            .any(|d| d.code == "E-output")
    );
    assert!(site.path().join("content/roles/worker.md").is_file());

    let other = site.path().join("elsewhere");
    common::write(&other, "notes.txt", "mine");
    options.output = Some(other.clone());
    assert!(!handbook::build(&options).ok());
    assert!(other.join("notes.txt").is_file());
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_output_and_no_temporary_folder() {
    // Files are written to the temporary folder as they are rendered; a problem found
    // after that (here a template that fails on the guidance pages only, once the other
    // pages are written) must still leave the old site untouched.
    let messages = a_failing_build_changes_nothing(
        "templates/guidance.html",
        "{% extends \"base.html\" %}{% block fields %}{{ page.no_such_field.x }}{% endblock fields %}",
    );
    assert!(messages.contains("E-template"), "{messages}");
}

#[test]
fn a_tag_called_index_has_its_own_page_beside_the_tag_index() {
    let site = common::copy_fixture("basic");
    common::write(
        site.path(),
        "content/guidance/indexing.md",
        "---\ntitle: Indexing records\ntags: [index]\nrelated: [guidance/forms]\n---\nHow records are indexed.\n",
    );
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = site.path().join("public");
    let term = common::read(&out, "tags/index-term.html");
    assert!(term.contains("Indexing records"), "{term}");
    let all = common::read(&out, "tags/index.html");
    assert!(
        all.contains("index-term.html"),
        "the tag index links the term page"
    );
}
