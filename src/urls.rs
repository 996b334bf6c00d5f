//! Where the build writes what it generates beside the content pages: the one list of
//! reserved paths and path rules, and the percent-coding of paths. The link stage uses
//! them to resolve links to generated pages, the plan to lay out the site and check it
//! for collisions, render for the links between outputs.
//!
//! A content page's own path comes from its key (`parse::url_for`), an item page's from
//! its page (`link::item_url`), a taxonomy value's from its name
//! (`model::taxonomy::term_url`).

/// The section whose presence gives the site a training coverage page.
pub(crate) const TRAINING_KEY: &str = "training";
/// The coverage page.
pub(crate) const COVERAGE_URL: &str = "training/coverage.html";
/// The comparison page.
pub(crate) const COMPARE_URL: &str = "recruiting/compare.html";
/// The career pathways' index.
pub(crate) const PATHWAY_URL: &str = "recruiting/pathway.html";
/// The role-by-competency matrix's index.
pub(crate) const MATRIX_URL: &str = "recruiting/matrix.html";
/// Every role with its person specification, as JSON.
pub(crate) const ROLES_JSON_URL: &str = "roles.json";
/// Every page, item and edge, as JSON.
pub(crate) const GRAPH_URL: &str = "graph.json";
/// The search results page.
pub(crate) const SEARCH_URL: &str = "search.html";
/// The folder of the search index's script files.
pub(crate) const SEARCH_DIR: &str = "search";
/// The page a server shows for a missing address.
pub(crate) const NOT_FOUND_URL: &str = "404.html";
/// Where the professional-body index is, linked from role pages.
pub(crate) const PROFESSIONAL_BODIES_INDEX: &str = "professional-bodies/index.html";

fn stem(url: &str) -> &str {
    url.strip_suffix(".html").unwrap_or(url)
}

/// Where a role's checklist page is written, from the role page's URL.
pub(crate) fn checklist_url(role_url: &str) -> String {
    format!("{}/checklist.html", stem(role_url))
}

/// Where a role's person specification is written as CSV, from the role page's URL.
pub(crate) fn spec_csv_url(role_url: &str) -> String {
    format!("{}/person-specification.csv", stem(role_url))
}

/// The facilitator handout's URL for a module page's URL. A module's sheets sit next to
/// its page: the same folder depth, so the module body's relative links work unchanged,
/// and a dot no page slug can contain, so no content page can collide.
pub(crate) fn handout_url(module_url: &str) -> String {
    format!("{}.handout.html", stem(module_url))
}

/// The module pack's URL (the handout and the reflective log, to print together) for a
/// module page's URL.
pub(crate) fn pack_url(module_url: &str) -> String {
    format!("{}.pack.html", stem(module_url))
}

/// The participant reflective log's URL for a module page's URL.
pub(crate) fn log_url(module_url: &str) -> String {
    format!("{}.reflective-log.html", stem(module_url))
}

/// `base.html`, or `base-N.html` for part N (from 0) of something split into parts.
fn part(base: &str, n: usize) -> String {
    if n == 0 {
        format!("{base}.html")
    } else {
        format!("{base}-{}.html", n + 1)
    }
}

/// A framework's (or ethos page's) matrix, by the framework's key.
pub(crate) fn matrix_url(framework_key: &str) -> String {
    format!("recruiting/matrix/{framework_key}.html")
}

/// Part `n` of a split framework matrix's roles of one setting.
pub(crate) fn matrix_part_url(framework_key: &str, setting_slug: &str, n: usize) -> String {
    part(
        &format!("recruiting/matrix/{framework_key}/{setting_slug}"),
        n,
    )
}

/// The frameworks a setting's roles refer to.
pub(crate) fn matrix_setting_url(setting_slug: &str) -> String {
    format!("recruiting/matrix-by-setting/{setting_slug}.html")
}

/// Page `n` of a setting's career pathways.
pub(crate) fn pathway_setting_url(setting_slug: &str, n: usize) -> String {
    part(&format!("recruiting/pathway/{setting_slug}"), n)
}

/// One role's data for the comparison script, loaded only when the role is compared.
pub(crate) fn compare_role_url(role_id: &str) -> String {
    format!("recruiting/compare/{role_id}.js")
}

/// The coverage of one framework's items.
pub(crate) fn coverage_framework_url(framework_key: &str) -> String {
    format!("training/coverage/{framework_key}.html")
}

/// Page `n` of the coverage by role.
pub(crate) fn coverage_roles_url(n: usize) -> String {
    part("training/coverage/roles", n)
}

/// `%20` and the like decoded; invalid escapes kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A site path made safe for an `href`: spaces and the characters that would end or
/// change a URL (`#`, `?`, `%`, quotes, `<`, `>`) percent-encoded; everything else,
/// including non-ASCII letters, as it is. Slugged and `auto` URLs have none of these, so they are
/// unchanged; file names kept as written (`page_urls: file-name`) may.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '#' | '?' | '%' | '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}
