//! One test per way a link or reference is resolved: each builds a small site in memory
//! (load's split, parse, link) and asks what a link written on one page becomes.

use std::collections::HashSet;

use super::*;
use crate::config::{self, HeadingIds, UnknownFields};
use crate::diagnostics::Severity;

fn site_with(
    config: Config,
    files: &[(&str, &str)],
    content_files: &[&str],
) -> (Site, Diagnostics) {
    let sources = files
        .iter()
        .map(|(rel, text)| {
            crate::load::split(format!("content/{rel}"), rel.to_string(), text.to_string())
                .unwrap_or_else(|_| panic!("{rel} splits"))
        })
        .collect();
    let (pages, mut diagnostics) = crate::parse::parse_all(sources);
    let statics: HashSet<String> = ["forms/referral.pdf".to_string()].into();
    let content: HashSet<String> = content_files.iter().map(|s| s.to_string()).collect();
    let (site, d) = link_with_files(config, pages, statics, content, HashSet::new());
    diagnostics.extend(d);
    (site, diagnostics)
}

fn default_config() -> Config {
    config::parse("title: T\n").unwrap_or_else(|_| panic!("config"))
}

const PAGES: &[(&str, &str)] = &[
    ("_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
    (
        "guide/a.md",
        "---\ntitle: A\n---\n<a id=\"raw-top\"></a>\n\n## Key duties\n",
    ),
    ("guide/b.md", "# Bee\n\nA plain page.\n"),
    ("guide/From_Into.md", "---\ntitle: From into\n---\n"),
    (
        "frameworks/skills.md",
        "---\ntitle: Skills\nitems:\n  - {id: listening, name: Listening}\n---\n",
    ),
    (
        "training/p/m.md",
        "---\ntitle: M\nduration_minutes: 10\n---\n",
    ),
    ("notes/index.md", "# Notes\n"),
];

fn resolve(site: &Site, from: &str, dest: &str) -> Result<Option<String>, RefError> {
    let i = site.by_key[from];
    site.resolve_body_link(i, dest)
}

fn url(site: &Site, from: &str, dest: &str) -> String {
    match resolve(site, from, dest) {
        Ok(Some(u)) => u,
        Ok(None) => "(kept)".into(),
        Err(e) => format!("(error: {})", e.message),
    }
}

fn basic() -> Site {
    site_with(default_config(), PAGES, &["guide/diagram.png"]).0
}

#[test]
fn markdown_links_to_md_files_are_relative_to_the_source() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "b.md"), "../guide/b.html");
    assert_eq!(
        url(&site, "guide/a", "../frameworks/skills.md"),
        "../frameworks/skills.html"
    );
    assert_eq!(url(&site, "guide/a", "b.md#bee"), "../guide/b.html#bee");
}

#[test]
fn schemes_are_kept_and_dangerous_ones_refused() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "mailto:office@example.org"), "(kept)");
    assert_eq!(url(&site, "guide/a", "https://example.org/x.md"), "(kept)");
    assert!(url(&site, "guide/a", "javascript:alert(1)").starts_with("(error"));
    let e = resolve(&site, "guide/a", "office@example.org").unwrap_err();
    assert!(e.hint.contains("mailto:office@example.org"), "{}", e.hint);
}

#[test]
fn raw_html_ids_are_anchors() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "#raw-top"), "(kept)");
    assert_eq!(
        url(&site, "guide/b", "a.md#raw-top"),
        "../guide/a.html#raw-top"
    );
    assert!(url(&site, "guide/b", "a.md#nowhere").starts_with("(error"));
}

#[test]
fn html_links_name_what_the_build_writes() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "b.html"), "../guide/b.html");
    assert_eq!(
        url(&site, "guide/a", "../frameworks/skills/listening.html"),
        "../frameworks/skills/listening.html"
    );
    assert_eq!(
        url(&site, "guide/a", "../training/p/m.handout.html"),
        "../training/p/m.handout.html"
    );
    assert_eq!(url(&site, "guide/a", "../search.html"), "../search.html");
    // The page's own name is its address (`page_urls: auto`); the slugged form, as
    // handbooks before `auto` published it, still finds it.
    assert_eq!(
        url(&site, "guide/a", "From_Into.html"),
        "../guide/From_Into.html"
    );
    assert_eq!(
        url(&site, "guide/a", "from-into.html"),
        "../guide/From_Into.html"
    );
    assert_eq!(
        url(&site, "guide/a", "../notes/index.html"),
        "../notes/index.html"
    );
}

#[test]
fn root_relative_links_are_paths_of_the_site() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "/"), "../index.html");
    assert_eq!(url(&site, "guide/a", "/notes/"), "../notes/index.html");
    assert_eq!(url(&site, "guide/a", "/guide/b.html"), "../guide/b.html");
    assert_eq!(url(&site, "guide/a", "/guide/b/"), "../guide/b.html");
    assert_eq!(
        url(&site, "guide/a", "/guide/diagram.png"),
        "../guide/diagram.png"
    );
    assert_eq!(
        url(&site, "guide/a", "/forms/referral.pdf"),
        "../forms/referral.pdf"
    );
}

#[test]
fn zola_links_are_paths_from_content() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "@/guide/b.md"), "../guide/b.html");
    assert_eq!(
        url(&site, "guide/a", "@/notes/index.md#notes"),
        "../notes/index.html#notes"
    );
    assert!(url(&site, "guide/a", "@/guide/gone.md").starts_with("(error"));
}

#[test]
fn pretty_folder_links_are_relative_to_the_page_as_a_folder() {
    let site = basic();
    // From guide/a.md, published as if at guide/a/: `../b/` is guide/b.
    assert_eq!(url(&site, "guide/a", "../b/"), "../guide/b.html");
    assert_eq!(url(&site, "guide/a", "../../notes/"), "../notes/index.html");
    // A folder link that resolves from the source file means what it says.
    assert_eq!(url(&site, "guide/a", "../notes/"), "../notes/index.html");
}

#[test]
fn files_beside_pages_and_under_static_resolve() {
    let site = basic();
    assert_eq!(url(&site, "guide/a", "diagram.png"), "../guide/diagram.png");
    assert_eq!(
        url(&site, "notes", "../guide/diagram.png"),
        "../guide/diagram.png"
    );
    assert_eq!(
        url(&site, "guide/a", "../../static/forms/referral.pdf"),
        "../forms/referral.pdf"
    );
    let e = resolve(&site, "guide/a", "diagrm.png").unwrap_err();
    assert!(e.hint.contains("content/guide/diagram.png"), "{}", e.hint);
}

#[test]
fn file_name_urls_keep_names_as_written() {
    let mut config = default_config();
    config.page_urls = PageUrls::FileName;
    let (site, d) = site_with(
        config,
        &[
            (
                "_index.md",
                "---\ntitle: Home\nrelated: [guide/From_Into]\n---\n",
            ),
            ("guide/From_Into.md", "# From and into\n"),
            ("guide/My Notes.md", "# Mine\n"),
        ],
        &[],
    );
    assert_eq!(d.error_count(), 0, "{}", d.to_plain_string());
    assert_eq!(
        site.pages[site.by_key["guide/From_Into"]].url,
        "guide/From_Into.html"
    );
    assert_eq!(url(&site, "", "guide/From_Into.md"), "guide/From_Into.html");
    // Written on a disk that ignores case.
    assert_eq!(url(&site, "", "guide/from_into.md"), "guide/From_Into.html");
    assert_eq!(
        url(&site, "", "guide/My%20Notes.md"),
        "guide/My%20Notes.html"
    );
}

#[test]
fn github_heading_ids_are_applied_when_asked_for() {
    let mut config = default_config();
    config.heading_ids = HeadingIds::Github;
    let (site, _) = site_with(
        config,
        &[
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("a.md", "# A\n\n## Key duties -- night\n\n## Kept {#kept}\n"),
        ],
        &[],
    );
    let page = &site.pages[site.by_key["a"]];
    let ids: Vec<&str> = page.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a", "key-duties----night", "kept"]);
    assert_eq!(
        url(&site, "", "a.md#key-duties----night"),
        "a.html#key-duties----night"
    );
}

#[test]
fn unknown_fields_are_errors_or_warnings_by_setting() {
    let files = [
        ("_index.md", "---\ntitle: Home\n---\n[x](x.md)\n"),
        ("x.md", "---\ntitle: X\nlayout: page\n---\n"),
    ];
    let (_, d) = site_with(default_config(), &files, &[]);
    let found: Vec<(&str, Severity)> = d.items().iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(found, [("E-unknown-field", Severity::Error)]);
    let mut config = default_config();
    config.unknown_fields = UnknownFields::Warn;
    let (_, d) = site_with(config, &files, &[]);
    let w = &d.items()[0];
    assert_eq!(
        (w.code, w.severity, w.line),
        ("W-unknown-field", Severity::Warning, 3)
    );
}

#[test]
fn problems_that_follow_from_a_failed_page_name_their_cause() {
    let (_, d) = site_with(
        default_config(),
        &[
            (
                "_index.md",
                "---\ntitle: Home\n---\n[s](skills.md) [l](skills.md#listening)\n",
            ),
            (
                "skills.md",
                "---\ntitle: Skills\nitems:\n  - id: listening\n   name: x\n---\n## About\n",
            ),
        ],
        &[],
    );
    let codes: Vec<(&str, bool)> = d
        .items()
        .iter()
        .map(|d| (d.code, d.cause.is_some()))
        .collect();
    // The page is found (no "no page" error); the item it failed to define is a follow-on.
    assert_eq!(
        codes,
        [("E-yaml", false), ("E-broken-link", true)],
        "{}",
        d.to_plain_string()
    );
    let cause = d.items()[1].cause.as_deref().unwrap_or("");
    assert!(cause.starts_with("content/skills.md:5:"), "{cause}");
}
