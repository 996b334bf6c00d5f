//! Where the build writes what it generates beside the content pages: the one list of
//! reserved paths and path rules. The plan uses them to lay out the site and to check it
//! for collisions; render uses them for the links between outputs.
//!
//! A content page's own path comes from its key (`parse::url_for`), an item page's from
//! its page (`link::item_url`), a taxonomy value's from its name
//! (`model::taxonomy::term_url`).

use crate::parse::Page;

/// The section whose presence gives the site a training coverage page.
pub const TRAINING_KEY: &str = "training";
/// The coverage page.
pub const COVERAGE_URL: &str = "training/coverage.html";
/// The comparison page.
pub const COMPARE_URL: &str = "recruiting/compare.html";
/// The career pathways' index.
pub const PATHWAY_URL: &str = "recruiting/pathway.html";
/// The role-by-competency matrix's index.
pub const MATRIX_URL: &str = "recruiting/matrix.html";
/// Every role with its person specification, as JSON.
pub const ROLES_JSON_URL: &str = "roles.json";
/// Every page, item and edge, as JSON.
pub const GRAPH_URL: &str = "graph.json";
/// The search results page.
pub const SEARCH_URL: &str = "search.html";
/// The folder of the search index's script files.
pub const SEARCH_DIR: &str = "search";
/// The page a server shows for a missing address.
pub const NOT_FOUND_URL: &str = "404.html";
/// Where the professional-body index is, linked from role pages.
pub const PROFESSIONAL_BODIES_INDEX: &str = "professional-bodies/index.html";

fn stem(url: &str) -> &str {
    url.strip_suffix(".html").unwrap_or(url)
}

/// Where a role's checklist page is written.
pub fn checklist_url(page: &Page) -> String {
    format!("{}/checklist.html", stem(&page.url))
}

/// Where a role's person specification is written as CSV.
pub fn spec_csv_url(page: &Page) -> String {
    format!("{}/person-specification.csv", stem(&page.url))
}

/// The facilitator handout's URL for a module page's URL. A module's sheets sit next to
/// its page: the same folder depth, so the module body's relative links work unchanged,
/// and a dot no page slug can contain, so no content page can collide.
pub fn handout_url(module_url: &str) -> String {
    format!("{}.handout.html", stem(module_url))
}

/// The participant reflective log's URL for a module page's URL.
pub fn log_url(module_url: &str) -> String {
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
pub fn matrix_url(framework_key: &str) -> String {
    format!("recruiting/matrix/{framework_key}.html")
}

/// Part `n` of a split framework matrix's roles of one setting.
pub fn matrix_part_url(framework_key: &str, setting_slug: &str, n: usize) -> String {
    part(
        &format!("recruiting/matrix/{framework_key}/{setting_slug}"),
        n,
    )
}

/// The frameworks a setting's roles refer to.
pub fn matrix_setting_url(setting_slug: &str) -> String {
    format!("recruiting/matrix-by-setting/{setting_slug}.html")
}

/// Page `n` of a setting's career pathways.
pub fn pathway_setting_url(setting_slug: &str, n: usize) -> String {
    part(&format!("recruiting/pathway/{setting_slug}"), n)
}

/// One role's data for the comparison script, loaded only when the role is compared.
pub fn compare_role_url(role_id: &str) -> String {
    format!("recruiting/compare/{role_id}.js")
}

/// The coverage of one framework's items.
pub fn coverage_framework_url(framework_key: &str) -> String {
    format!("training/coverage/{framework_key}.html")
}

/// Page `n` of the coverage by role.
pub fn coverage_roles_url(n: usize) -> String {
    part("training/coverage/roles", n)
}
