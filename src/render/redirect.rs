//! The pages at a page's old addresses (`aliases`): each sends the reader on to the page
//! where it is now, with a link for readers whose browser does not follow the refresh, so
//! links and bookmarks to a moved page keep working from `file://` too.

use schemars::JsonSchema;
use serde::Serialize;

use super::context::{Head, PageLink, page_link};
use crate::link::{Site, relative_url};

/// The `page` of `redirect.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RedirectContext {
    /// What every page has (`kind` is `redirect`; its title is the page's).
    #[serde(flatten)]
    pub head: Head,
    /// The page it sends readers to.
    pub target: PageLink,
    /// The target's address relative to this page (for the refresh, which takes no base).
    pub target_href: String,
}

/// The context of the redirect at `url` to page `p`.
pub fn redirect_context(site: &Site, p: usize, url: &str) -> RedirectContext {
    let target = page_link(site, p);
    RedirectContext {
        head: Head::generated(target.title.clone(), "redirect", url, None, Vec::new()),
        target_href: crate::urls::encode_path(&relative_url(url, &target.url)),
        target,
    }
}
