//! The handbook at the size of an organisation that recruits at scale (issue 17): a
//! generated 2,000-page roles-heavy site (about 800 roles with about 30 criteria each,
//! 400 frameworks, guidance and training; `scripts/gen_corpus.py --mix roles-heavy`).
//! The corpus is deterministic, so the sizes of what the build writes are too. Nothing
//! here measures time.

mod common;

use std::sync::OnceLock;

/// Pages in the generated site: the size issue 17 was reported at.
const PAGES: usize = 2_000;

/// The bound of issue 17: no page or script that a browser loads is larger than this.
const MAX_LOADED_BYTES: u64 = 2 * 1024 * 1024;

/// The output's files with sizes, largest first: generated and built once per test run,
/// shared by the tests in this file.
fn output_files() -> &'static [(String, u64)] {
    static FILES: OnceLock<Vec<(String, u64)>> = OnceLock::new();
    FILES.get_or_init(|| common::build_generated_corpus("roles-heavy", PAGES))
}

/// Whether a browser loads the file when a reader opens pages: pages, scripts,
/// stylesheets and the search index's files. Exports (`roles.json`, `graph.json`, the
/// CSVs) are downloads, which the issue allows to be large.
fn browser_loads(rel: &str) -> bool {
    rel.ends_with(".html")
        || rel.ends_with(".js")
        || rel.ends_with(".css")
        || rel.starts_with("search/")
}

#[test]
fn a_roles_heavy_site_of_2000_pages_builds_and_lists_its_largest_files() {
    let files = output_files();
    println!("the ten largest of {} files written:", files.len());
    for (rel, size) in files.iter().take(10) {
        println!("{:>12} bytes  {rel}", size);
    }
    // The build wrote every kind of output the roles need.
    for expected in [
        "roles.json",
        "recruiting/compare.html",
        "training/coverage.html",
    ] {
        assert!(
            files.iter().any(|(rel, _)| rel == expected),
            "{expected} is written"
        );
    }
    assert!(files.windows(2).all(|w| w[0].1 >= w[1].1), "largest first");
}

/// Asserts issue 17's size bound on the 2,000-page roles-heavy site: no page, script,
/// stylesheet or search-index file that a browser loads may be over 2 MB at 10,000 pages.
/// A list that grows with the site (a section's pages, a tag's pages, the pages that link
/// to the glossary) may grow linearly, so here, at a fifth of that size, each file must
/// be under a fifth of the bound: what passes here stays under 2 MB at 10,000 pages.
#[test]
fn no_page_or_script_a_browser_loads_is_over_2_mb() {
    let bound = MAX_LOADED_BYTES * PAGES as u64 / 10_000;
    let too_large: Vec<String> = output_files()
        .iter()
        .filter(|(rel, size)| browser_loads(rel) && *size > bound)
        .map(|(rel, size)| format!("{rel}: {size} bytes"))
        .collect();
    assert!(
        too_large.is_empty(),
        "over {bound} bytes (2 MB scaled from 10,000 to {PAGES} pages):\n{}",
        too_large.join("\n")
    );
}
