//! `handbook import`: each fixture site (mdBook, Hugo, Jekyll, Eleventy, Zola) converted
//! into a new handbook, which then builds with no errors; the pages keep their paths,
//! their front matter is mapped, their links are rewritten relative, includes and
//! shortcodes are resolved where they can be, and the report names what needs a person
//! by file and line.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{fixture, read, write};
use handbook::import::{Report, Tool, import};

fn imported(tool: Tool, src: &Path) -> (tempfile::TempDir, Report, handbook::BuildOutcome) {
    let dir = tempfile::tempdir().expect("temp dir");
    let dest = dir.path().join("handbook");
    let report = import(tool, src, &dest).unwrap_or_else(|e| panic!("{}: {}", e.message, e.hint));
    let outcome = common::build(&dest);
    assert!(
        outcome.ok(),
        "{} import does not build:\n{}",
        tool.label(),
        outcome.diagnostics.to_plain_string()
    );
    (dir, report, outcome)
}

fn page(dir: &tempfile::TempDir, rel: &str) -> String {
    read(&dir.path().join("handbook/content"), rel)
}

fn html(dir: &tempfile::TempDir, rel: &str) -> String {
    read(&dir.path().join("handbook/public"), rel)
}

fn person(report: &Report) -> Vec<String> {
    report
        .needs_person
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn has_link(html: &str, href: &str) -> bool {
    html.contains(&format!("href=\"{href}\""))
}

#[test]
fn an_mdbook_book_becomes_sections_weights_and_a_contents_page() {
    let (dir, report, outcome) = imported(Tool::MdBook, &fixture("byo-mdbook"));
    let config = read(&dir.path().join("handbook"), "handbook.yml");
    assert!(config.contains("title: Working in the house"));
    for setting in [
        "unknown_fields: warn",
        "heading_ids: github",
        "page_urls: file-name",
    ] {
        assert!(config.contains(setting), "{config}");
    }
    // A chapter with sub-chapters in its folder is that folder's section page, its links
    // adjusted and its old address an alias.
    let intake = page(&dir, "intake/_index.md");
    assert!(
        intake.starts_with("---\ntitle: Intake\nweight: 20\naliases:\n- intake.html\n---\n"),
        "{intake}"
    );
    assert!(
        intake.contains("[your first week](../intake/first-week.md)"),
        "{intake}"
    );
    // SUMMARY order as weights.
    assert!(page(&dir, "intake/keys-and-fobs.md").contains("weight: 40"));
    // Includes: a line range, a whole file and an anchor; anchor lines left out.
    let shifts = page(&dir, "shifts/_index.md");
    assert!(
        shifts.contains("```text\n1. Shift leader\n2. On-call manager\n3. House manager\n```"),
        "{shifts}"
    );
    let night = page(&dir, "night-checks.md");
    assert!(
        night.contains("- the on-call manager") && !night.contains("ANCHOR"),
        "{night}"
    );
    assert!(page(&dir, "intake/first-week.md").contains("During the day, the shift leader."));
    // The home page is the README with the book's contents.
    let home = html(&dir, "index.html");
    for href in [
        "intake/index.html",
        "intake/first-week.html",
        "shifts/handover.html",
        "night-checks.html",
    ] {
        assert!(has_link(&home, href), "home page lacks {href}");
    }
    assert!(home.contains("Training record (not written yet)"));
    // Links between chapters, with GitHub heading ids.
    let handover = html(&dir, "shifts/handover.html");
    assert!(has_link(
        &handover,
        "../intake/keys-and-fobs.html#lost-keys-what-to-do"
    ));
    // What needs a person, by file and line.
    let p = person(&report);
    assert!(
        p.iter()
            .any(|n| n.starts_with("src/SUMMARY.md:15: nests `night-checks.md` under `shifts.md`")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|n| n.starts_with(
            "src/shifts.md:11: `{{#include ../listings/rota-template.txt}}` left as written"
        )),
        "{p:?}"
    );
    // The include it could not resolve is the build's one warning.
    let warnings: Vec<&str> = outcome.diagnostics.items().iter().map(|d| d.code).collect();
    assert_eq!(warnings, ["W-template-syntax"]);
    assert_eq!((report.pages, report.files), (7, 1));
}

#[test]
fn a_hugo_site_keeps_its_addresses_and_loses_its_shortcodes() {
    let (dir, report, _) = imported(Tool::Hugo, &fixture("byo-hugo"));
    let visits = page(&dir, "guide/visits.md");
    assert!(
        visits.starts_with("---\ntitle: Family visits\nsummary: Booking, welcoming and recording family visits.\nweight: 10\ntags:\n- visits\n- families\naliases:\n- /visiting/\n- /guide/visits/\nextra:\n"),
        "{visits}"
    );
    assert!(visits.contains("categories:") && visits.contains("date: 2024-03-01"));
    assert!(
        visits.contains("[storing medicines](medication.md#storing-medicines)"),
        "{visits}"
    );
    // A leaf bundle is its folder's page; `figure` is an image; `relref` a link.
    let fire = page(&dir, "guide/fire-safety/_index.md");
    assert!(fire.contains("![The assembly point, by the front gate](assembly-point.svg)\n\n*Meet at the front gate*"), "{fire}");
    assert!(fire.contains("[family visits](../visits.md)"), "{fire}");
    assert!(
        dir.path()
            .join("handbook/content/guide/fire-safety/assembly-point.svg")
            .is_file()
    );
    assert!(
        dir.path()
            .join("handbook/static/forms/visitor-log.txt")
            .is_file()
    );
    let out = html(&dir, "guide/visits.html");
    assert!(has_link(&out, "../guide/medication.html#storing-medicines"));
    assert!(has_link(&out, "../guide/fire-safety/index.html"));
    let config = read(&dir.path().join("handbook"), "handbook.yml");
    assert!(
        config.contains("language: en-GB") && config.contains("description: How the house runs")
    );
    let p = person(&report);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("content/guide/medication.md:15: Hugo shortcode `{{< notice warning >}}`")
    );
}

#[test]
fn a_jekyll_site_keeps_redirects_permalinks_and_pretty_addresses_as_aliases() {
    let (dir, report, _) = imported(Tool::Jekyll, &fixture("byo-jekyll"));
    let about = page(&dir, "about.md");
    assert!(
        about.starts_with("---\ntitle: About the house\nweight: 2\naliases:\n- /about-us/\n- /who-we-are.html\n- /about/\nextra:\n  layout: page\n---\n"),
        "{about}"
    );
    // Liquid links become relative links; the post is under posts/.
    assert!(about.contains("[family visits](guide/visits.md)"));
    assert!(about.contains("[new visiting hours](posts/2024-05-02-new-visiting-hours.md)"));
    let visits = page(&dir, "guide/visits.md");
    assert!(visits.contains("aliases:\n- /visiting/\n"), "{visits}");
    assert!(visits.contains("tags:\n- visits\n- families\n"));
    let post = page(&dir, "posts/2024-05-02-new-visiting-hours.md");
    assert!(post.contains("- /2024/05/02/new-visiting-hours/"), "{post}");
    // `.markdown` renamed; `index.md` a section; `{% highlight %}` fenced; README left out.
    let fire = page(&dir, "guide/fire-safety.md");
    assert!(
        fire.contains("```text\nName | Present | Checked by\n```"),
        "{fire}"
    );
    assert!(
        dir.path()
            .join("handbook/content/guide/_index.md")
            .is_file()
    );
    assert!(!dir.path().join("handbook/content/README.md").exists());
    assert!(!dir.path().join("handbook/content/_layouts").exists());
    let home = html(&dir, "index.html");
    assert!(has_link(&home, "about.html") && has_link(&home, "guide/index.html"));
    let p = person(&report);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("guide/fire-safety.markdown:10: template tag `{% include callout.html")
    );
}

#[test]
fn an_eleventy_site_is_read_from_its_input_folder() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("site");
    write(
        &src,
        ".eleventy.js",
        "module.exports = function () {\n  return { dir: { input: \"src\", output: \"_site\" } };\n};\n",
    );
    write(
        &src,
        "src/_data/metadata.json",
        "{ \"title\": \"Bank staff notes\" }\n",
    );
    write(
        &src,
        "src/_includes/base.njk",
        "<html>{{ content | safe }}</html>\n",
    );
    write(
        &src,
        "src/index.md",
        "---\ntitle: Bank staff notes\n---\nSee [shifts](/shifts/).\n",
    );
    write(
        &src,
        "src/shifts.md",
        "---\ntitle: Picking up shifts\neleventyNavigation:\n  key: Shifts\n  order: 2\n---\nBook through the office.\n",
    );
    write(&src, "README.md", "# Not part of the site\n");
    let dest = dir.path().join("handbook");
    let report = import(Tool::Eleventy, &src, &dest).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(report.pages, 2);
    let shifts = read(&dest, "content/shifts.md");
    assert!(
        shifts.starts_with("---\ntitle: Picking up shifts\nweight: 2\naliases:\n- /shifts/\n"),
        "{shifts}"
    );
    assert!(read(&dest, "handbook.yml").contains("title: Bank staff notes"));
    let outcome = common::build(&dest);
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    assert!(has_link(&read(&dest, "public/index.html"), "shifts.html"));
}

#[test]
fn a_zola_site_gets_yaml_front_matter_and_relative_links() {
    let (dir, report, outcome) = imported(Tool::Zola, &fixture("byo-zola"));
    let checks = page(&dir, "guide/checks.md");
    assert!(
        checks.starts_with("---\ntitle: Night checks\nsummary: How often, and how to record them.\nweight: 10\ntags:\n- nights\n- checks\naliases:\n- /guide/checks/\nextra:\n"),
        "{checks}"
    );
    assert!(checks.contains("reviewed_by: Night team") && checks.contains("date: 2024-02-12"));
    assert!(
        checks.contains("[fire safety](fire-safety/_index.md#roll-call)"),
        "{checks}"
    );
    let fire = page(&dir, "guide/fire-safety/_index.md");
    assert!(fire.contains("aliases:\n- /fire/\n"), "{fire}");
    let config = read(&dir.path().join("handbook"), "handbook.yml");
    assert!(config.contains("heading_ids: handbook"), "{config}");
    let out = html(&dir, "guide/checks.html");
    assert!(
        has_link(&out, "../guide/fire-safety/index.html#roll-call"),
        "{out}"
    );
    let p = person(&report);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("content/guide/checks.md:23: Zola shortcode `{{ note("),
        "{p:?}"
    );
    let codes: Vec<&str> = outcome.diagnostics.items().iter().map(|d| d.code).collect();
    assert_eq!(codes, ["W-template-syntax"]);
}

#[test]
fn the_command_prints_what_changed_and_what_needs_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("book");
    let out = Command::cargo_bin("handbook")
        .unwrap()
        .args(["import", "mdbook"])
        .arg(fixture("byo-mdbook"))
        .arg(&dest)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Imported 7 pages and 1 file from the mdBook site"),
        "{stderr}"
    );
    assert!(stderr.contains("Changed ("), "{stderr}");
    assert!(
        stderr.contains("Needs a person (2):\n  src/SUMMARY.md:15: nests"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("Next: handbook check --root {}", dest.display())));
    // It never writes into a folder that has files.
    let again = Command::cargo_bin("handbook")
        .unwrap()
        .args(["import", "mdbook"])
        .arg(fixture("byo-mdbook"))
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists and is not empty"));
    // And a site that is not what the tool writes is refused with a hint.
    let wrong = Command::cargo_bin("handbook")
        .unwrap()
        .args(["import", "mdbook"])
        .arg(fixture("byo-hugo"))
        .arg(dir.path().join("other"))
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("has no SUMMARY.md"));
}
