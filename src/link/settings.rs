//! The site settings that change what pages are called, applied as the site is linked
//! (the first stage that has the configuration; `parse` runs per file, and `serve`
//! keeps parsed pages across edits of `handbook.yml`):
//!
//! - `page_urls`: each page's key and URL from its path (as written where that is safe in
//!   an address, the default; as slugs; or exactly as written);
//! - `heading_ids: github`: heading ids in GitHub's and mdBook's style;
//! - `unknown_fields`: unknown front-matter keys as errors or warnings.
//!
//! Each is recomputed from the page's source, so applying them again is harmless.
//!
//! Also here: the outputs other than pages that a body link may name by path.

use std::collections::HashMap;

use super::{Target, item_url};
use crate::config::{Config, HeadingIds, UnknownFields};
use crate::diagnostics::Diagnostics;
use crate::markdown::ids;
use crate::parse::kinds::Kind;
use crate::parse::{Page, TitleFrom, key_for_style, url_for};
use crate::urls;

/// Gives every page its key, URL and heading ids in the site's style, and the home page
/// without a title of its own the site's title.
pub(super) fn apply(config: &Config, pages: &mut [Page]) {
    for page in pages.iter_mut() {
        let (key, is_section) = key_for_style(&page.source.rel, config.page_urls);
        page.url = url_for(&key, is_section);
        page.key = key;
        page.is_section = is_section;
        if config.heading_ids == HeadingIds::Github {
            let body = &page.source.text.text[page.source.body_start..];
            ids::assign_github(&mut page.headings, body);
        }
        if page.key.is_empty() && page.title_from == TitleFrom::FileName {
            page.common.title = config.title.clone();
        }
    }
}

/// One diagnostic per unknown front-matter key: an error, or with `unknown_fields: warn`
/// a warning (the field is then ignored).
pub(super) fn unknown_fields(config: &Config, pages: &[Page], diagnostics: &mut Diagnostics) {
    let warn = config.unknown_fields == UnknownFields::Warn;
    for page in pages.iter().filter(|p| !p.unknown_fields.is_empty()) {
        let doc = page.yaml();
        for name in &page.unknown_fields {
            let d = crate::parse::unknown_field(page, &doc, name, warn);
            diagnostics.push(d, Some(&page.source.text));
        }
    }
}

/// Outputs other than the pages themselves that a body link may name by their path
/// (`frameworks/x/item.html`, `training/p/m.handout.html`), with what each shows: item
/// pages, each module's facilitator handout and reflective log, each role's checklist,
/// and the site-wide pages the default theme writes.
pub(super) fn known_outputs(pages: &[Page]) -> HashMap<String, Option<Target>> {
    let mut out = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for (i, item) in page.common.items.iter().enumerate() {
            out.insert(item_url(page, &item.id), Some(Target::Item(p, i)));
        }
        if page.kind == Kind::Module && !page.is_section {
            out.insert(urls::handout_url(&page.url), Some(Target::Page(p)));
            out.insert(urls::log_url(&page.url), Some(Target::Page(p)));
            out.insert(urls::pack_url(&page.url), Some(Target::Page(p)));
        }
        if page.kind == Kind::Role && !page.is_section {
            out.insert(urls::checklist_url(&page.url), Some(Target::Page(p)));
        }
    }
    for site_wide in [
        urls::SEARCH_URL,
        urls::NOT_FOUND_URL,
        "tags/index.html",
        urls::COMPARE_URL,
        urls::PATHWAY_URL,
        urls::MATRIX_URL,
        urls::COVERAGE_URL,
    ] {
        out.entry(site_wide.to_string()).or_insert(None);
    }
    out
}
