//! No script injection: every front-matter value is escaped, raw HTML is sanitised unless
//! the site allows it, script URLs in links are refused, and every page carries a
//! Content-Security-Policy that forbids inline script. The fixture `xss` puts payloads in
//! every text field; tests/browser/xss.test.mjs opens the same pages in Chromium.

mod common;

use std::path::Path;

use handbook::fuzzing::check_inert_html;

fn html_files(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn built_xss(allow_raw_html: bool) -> (tempfile::TempDir, Vec<(String, String)>) {
    let site = common::copy_fixture("xss");
    if allow_raw_html {
        let config = common::read(site.path(), "handbook.yml");
        common::write(
            site.path(),
            "handbook.yml",
            format!("{config}allow_raw_html: true\n"),
        );
    }
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let files = html_files(&site.path().join("public"));
    assert!(files.len() > 20, "{}", files.len());
    (site, files)
}

#[test]
fn payloads_in_every_field_are_shown_as_text_never_run() {
    let (_site, files) = built_xss(false);
    for (path, html) in &files {
        check_inert_html(html).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let page = |p: &str| &files.iter().find(|(path, _)| path == p).unwrap().1;
    // Escaped, not dropped: readers see what the author wrote.
    let escaped =
        |tag: &str| format!("&lt;script&gt;alert(&quot;{tag}-script&quot;)&lt;&#x2F;script&gt;");
    for (p, tags) in [
        (
            "roles/payload-role.html",
            &[
                "site-title",
                "role-title",
                "role-summary",
                "role-organisation",
                "role-grade",
                "role-salary",
                "role-tag",
                "role-owner",
                "criterion",
                "item-name",
                "glossary-term",
            ][..],
        ),
        (
            "frameworks/payload-framework/first.html",
            &[
                "item-name",
                "item-summary",
                "item-level",
                "item-cluster",
                "criterion",
            ],
        ),
        (
            "glossary.html",
            &[
                "glossary-term",
                "glossary-definition",
                "glossary-abbreviation",
            ],
        ),
        (
            "training/payloads/payload-module.html",
            &[
                "module-title",
                "module-outcome",
                "module-prompt",
                "module-session",
                "module-model",
            ],
        ),
        (
            "guidance/payload-guidance.html",
            &["guidance-owner", "guidance-tag"],
        ),
        // In Markdown bodies, code is text; raw HTML is sanitised (see the next test).
        (
            "index.html",
            &[
                "site-description",
                "home-title",
                "home-summary",
                "code",
                "inline-code",
            ],
        ),
    ] {
        for tag in tags {
            assert!(
                page(p).contains(&escaped(tag))
                    || page(p).contains(&format!("&lt;script&gt;alert(&quot;{tag}-script&quot;)"))
                    || page(p).contains(&format!("&lt;script&gt;alert(\"{tag}-script\")")),
                "{p}: the `{tag}` payload is not shown escaped"
            );
        }
    }
    // Template syntax in content is text, never evaluated.
    assert!(page("roles/payload-role.html").contains("{{ 7*7 }}"));
    assert!(page("index.html").contains("{{ page.title }}"));
}

#[test]
fn raw_html_is_sanitised_unless_the_site_allows_it() {
    let (_site, files) = built_xss(false);
    for (path, html) in &files {
        for raw in [
            "raw-script",
            "raw-img",
            "raw-href",
            "raw-svg",
            "raw-iframe",
            "raw-attr",
        ] {
            assert!(!html.contains(raw), "{path} keeps the {raw} payload");
        }
    }
    let (_site, files) = built_xss(true);
    let home = &files.iter().find(|(p, _)| p == "index.html").unwrap().1;
    assert!(home.contains("<script>alert(\"raw-script\")</script>"));
    // Front matter is escaped whatever the setting.
    assert!(!home.contains("<script>alert(\"home-title-script\")"));
}

#[test]
fn every_page_forbids_inline_script_and_loads_script_from_files() {
    let (_site, files) = built_xss(false);
    for (path, html) in &files {
        // The theme's own scripts are files.
        for tag in html.split("<script").skip(1) {
            let open = tag.split('>').next().unwrap_or("");
            assert!(
                open.contains(" src=\"") && tag.contains("></script>"),
                "{path}: inline script <script{}",
                &tag[..tag.len().min(80)]
            );
        }
    }
    // Even where the site lets authors write scripts, every page forbids running them.
    let (_site, files) = built_xss(true);
    for (path, html) in &files {
        let csp = html
            .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path} has no Content-Security-Policy"));
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_else(|| panic!("{path}: no script-src in {csp}"));
        assert_eq!(script_src, "script-src 'self'", "{path}");
        for directive in ["object-src 'none'", "base-uri 'none'"] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
    }
}

#[test]
fn script_urls_in_links_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "handbook.yml", "title: Links\n");
    common::write(
        dir.path(),
        "content/a.md",
        "---\ntitle: A\n---\n[js](javascript:alert(1))\n[JS](JaVaScRiPt:alert(2))\n[data](data:text/html,x)\n[vb](vbscript:x)\n<javascript:alert(3)>\n![img](data:image/svg+xml,x)\n[ref][r]\n[ent](jav&#x61;script:alert(4))\n\n[r]: javascript:alert(5)\n",
    );
    let outcome = common::build(dir.path());
    let lines: Vec<usize> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "E-broken-link" && d.message.contains("links are not allowed"))
        .map(|d| d.line)
        .collect();
    assert_eq!(
        lines,
        [4, 5, 6, 7, 8, 9, 10, 11],
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert!(!dir.path().join("public").exists());
}
