//! The search results page. The search itself runs in the browser (`search.js`) over the
//! index the index stage writes; for readers without JavaScript the page lists every page
//! by kind, or on a very large site only the sections.

use schemars::JsonSchema;
use serde::Serialize;

use super::context::Head;
use crate::link::Site;
use crate::parse::kinds::Kind;
use crate::urls;

/// Above this many pages the results page lists sections, not every page, for readers
/// without JavaScript (a list of 100,000 links helps nobody).
pub const STATIC_LIST_LIMIT: usize = 2_000;

/// A page in the list for readers without JavaScript.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListedPage {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
}

/// The pages of one kind.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KindGroup {
    /// The kind.
    pub kind: &'static str,
    /// Its plural label.
    pub label: &'static str,
    /// Its pages, by title.
    pub pages: Vec<ListedPage>,
}

/// The `page` of `search.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchContext {
    /// What every page has (`kind` is `search`).
    #[serde(flatten)]
    pub head: Head,
    /// Every page by kind (empty past the limit).
    pub all_pages: Vec<KindGroup>,
    /// True when `all_pages` lists every page.
    pub all_pages_listed: bool,
    /// How many pages the site has.
    pub page_count: usize,
}

/// The results page's context.
pub fn search_context(site: &Site) -> SearchContext {
    let listed = site.pages.len() <= STATIC_LIST_LIMIT;
    let all_pages = if listed {
        Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let mut pages: Vec<&crate::parse::Page> =
                    site.pages.iter().filter(|p| p.kind == kind).collect();
                if pages.is_empty() {
                    return None;
                }
                pages.sort_by(|a, b| a.common.title.cmp(&b.common.title));
                Some(KindGroup {
                    kind: kind.name(),
                    label: kind.plural(),
                    pages: pages
                        .iter()
                        .map(|p| ListedPage {
                            title: p.common.title.clone(),
                            url: p.url.clone(),
                        })
                        .collect(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    SearchContext {
        head: Head::generated("Search", "search", urls::SEARCH_URL, None, Vec::new()),
        all_pages,
        all_pages_listed: listed,
        page_count: site.pages.len(),
    }
}
