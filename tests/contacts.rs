//! Local contacts (`contacts:` in `handbook.yml`): the site's own names and numbers, shown
//! in a "Local contacts" box on the pages that ask for it, and checked like the rest of
//! the configuration. The bundled handbook configures none, so its box says where to add them.

mod common;

use common::{build, read, write};

const PAGE: &str = "---\ntitle: Safeguarding\nextra:\n  contacts: true\n---\n\nText.\n";
const OTHER: &str = "---\ntitle: Other\n---\n\nSee [safeguarding](safeguarding.md).\n";

fn site(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "handbook.yml", config);
    write(
        dir.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\n\n[Safeguarding](guidance/safeguarding.md), [other](guidance/other.md).\n",
    );
    write(dir.path(), "content/guidance/safeguarding.md", PAGE);
    write(dir.path(), "content/guidance/other.md", OTHER);
    dir
}

#[test]
fn configured_contacts_are_shown_on_the_pages_that_ask_for_them() {
    let dir = site(
        "title: T\ncontacts:\n  - name: Duty manager\n    role: anyone in immediate danger\n    phone: \"+44 (0)1234 567890\"\n  - name: Designated Safeguarding Lead\n    email: dsl@example.org\n    note: Mon to Fri <9-4>\n",
    );
    let outcome = build(dir.path());
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    let html = read(dir.path(), "public/guidance/safeguarding.html");
    assert!(
        html.contains(r#"<aside class="local-contacts" aria-labelledby="local-contacts-title">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="tel:+4401234567890">+44 (0)1234 567890</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="mailto:dsl@example.org">dsl@example.org</a>"#));
    assert!(html.contains("Duty manager</strong>: anyone in immediate danger"));
    assert!(html.contains("Mon to Fri &lt;9-4&gt;"), "notes are escaped");
    // The box comes before the page's text.
    assert!(
        html.find("local-contacts").unwrap_or(usize::MAX) < html.find("<p>Text.</p>").unwrap_or(0)
    );
    let other = read(dir.path(), "public/guidance/other.html");
    assert!(
        !other.contains("local-contacts"),
        "a page that does not ask has no box"
    );
}

#[test]
fn with_no_contacts_the_box_says_where_a_site_adds_its_own() {
    let dir = site("title: T\n");
    let outcome = build(dir.path());
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    let html = read(dir.path(), "public/guidance/safeguarding.html");
    assert!(
        html.contains("This handbook lists no local contacts"),
        "{html}"
    );
    assert!(html.contains("<code>contacts:</code> in <code>handbook.yml</code>"));
}

#[test]
fn bad_contacts_are_located_errors_all_at_once() {
    let dir = site(
        "title: T\ncontacts:\n  - name: DSL\n    phone: ring reception\n  - name: Manager\n    email: nobody\n  - name: Nurse\n",
    );
    let outcome = build(dir.path());
    let text = outcome.diagnostics.to_plain_string();
    assert!(text.contains("handbook.yml:4:"), "{text}");
    assert!(text.contains("is not a telephone number"), "{text}");
    assert!(
        text.contains("handbook.yml:6:") && text.contains("is not a mail address"),
        "{text}"
    );
    assert!(text.contains("has no way to reach it"), "{text}");
    let dir = site("title: T\ncontacts:\n  - name: DSL\n    mobile: \"1\"\n");
    let text = build(dir.path()).diagnostics.to_plain_string();
    assert!(
        text.contains("mobile") && text.contains("handbook.yml:4:"),
        "{text}"
    );
}

#[test]
fn the_bundled_safeguarding_page_asks_for_the_box_and_invents_no_contact() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = read(root, "handbook.yml");
    assert!(
        !config.contains("contacts:"),
        "the bundled handbook has no local contacts to give"
    );
    let page = read(root, "content/guidance/safeguarding.md");
    assert!(page.contains("extra:\n  contacts: true"));
}
