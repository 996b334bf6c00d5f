//! Stage 5, index: the search index, built from the rendered text of every published
//! page, written as script files so search works from `file://` with no server.
//!
//! ```text
//! documents  pages, items and glossary terms as titled, anchored sections
//! tokenize   words to terms: diacritics folded, abbreviations kept, Porter2 stems
//! shards     inverted index and document records cut into lazily loaded files
//! cache      page texts kept between `serve`'s incremental rebuilds
//! ```
//!
//! The browser half is `themes/default/static/js/search.js`; `docs/SEARCH.md` explains the
//! format and the measurements behind it. Nothing here reads or writes the disk.

pub mod cache;
pub mod documents;
pub mod shards;
pub mod tokenize;

use serde_json::{Value, json};

use crate::link::Site;
use crate::parse::kinds::Kind;
use crate::render::{OutputFile, PageText};
pub use shards::IndexStats;

/// The results page's output path.
pub const RESULTS_PAGE: &str = "search.html";

/// Above this many pages the results page lists sections, not every page, for readers
/// without JavaScript (a list of 100,000 links helps nobody).
pub const STATIC_LIST_LIMIT: usize = 2_000;

/// Builds the search index files of a linked, rendered site.
pub fn index_site(site: &Site, texts: &[PageText]) -> (Vec<OutputFile>, IndexStats) {
    shards::build(documents::collect(site, texts))
}

/// The results page's `page` context: its title and, for readers without JavaScript, every
/// page grouped by kind (or only the sections, on a very large site).
pub fn results_page_json(site: &Site) -> Value {
    let listed = site.pages.len() <= STATIC_LIST_LIMIT;
    let groups: Vec<Value> = if listed {
        Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let mut pages: Vec<&crate::parse::Page> =
                    site.pages.iter().filter(|p| p.kind == kind).collect();
                if pages.is_empty() {
                    return None;
                }
                pages.sort_by(|a, b| a.common.title.cmp(&b.common.title));
                Some(json!({
                    "kind": kind.name(),
                    "label": kind.plural(),
                    "pages": pages.iter().map(|p| json!({ "title": p.common.title, "url": p.url })).collect::<Vec<_>>(),
                }))
            })
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "title": "Search",
        "kind": "search",
        "url": RESULTS_PAGE,
        "tags": [],
        "toc": [],
        "all_pages": groups,
        "all_pages_listed": listed,
        "page_count": site.pages.len(),
    })
}
