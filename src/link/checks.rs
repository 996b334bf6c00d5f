//! Checks on the linked site that are not about resolving a reference: pages nothing
//! links to (`W-orphan`), and ids that must be unique within a page.

use std::collections::BTreeMap;

use super::{Site, is_implicit};
use crate::diagnostics::Diagnostics;
use crate::parse::{Page, slug_segment};
use crate::yaml::Seg;

/// A page nothing links to is hard to find except by browsing its section: warn, so
/// authors link it from where readers need it. Sections and the home page are exempt,
/// and so are the pages of a folder without `_index.md`: the section page the build makes
/// for it is nothing but the list of its pages, and the folder's only way in, so that
/// list counts as a link (an author who writes an `_index.md` writes the links readers
/// need, and pages it does not link to are warned about).
pub(super) fn orphan_warnings(site: &Site, diagnostics: &mut Diagnostics) {
    for (i, page) in site.pages.iter().enumerate() {
        // A page whose front matter could not be read has its error already.
        if page.is_section
            || page.key.is_empty()
            || page.source.text.text.is_empty()
            || page.failure.is_some()
        {
            continue;
        }
        let listed = page
            .parent_key()
            .and_then(|k| site.by_key.get(k))
            .is_some_and(|&p| is_implicit(&site.pages[p]));
        if listed {
            continue;
        }
        if site.backlinks[i].iter().any(|b| b.from != i) {
            continue;
        }
        let d = page
            .yaml()
            .error_at("W-orphan", &[Seg::Key("title".into())], true, "no other page links to this page")
            .with_severity(crate::diagnostics::Severity::Warning)
            .with_hint("link to it from a related page (a Markdown link or a `related:` entry) so readers can find it");
        diagnostics.push(d, Some(&page.source.text));
    }
}

pub(super) fn check_unique_ids(page: &Page, diagnostics: &mut Diagnostics) {
    let doc = page.yaml();
    // Each item gets its own page named after its id, so ids must differ as URLs, not
    // only as written (`a b` and `a-b` would make one page).
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, item) in page.common.items.iter().enumerate() {
        let path = [
            Seg::Key("items".into()),
            Seg::Index(i),
            Seg::Key("id".into()),
        ];
        let slug = slug_segment(&item.id);
        if slug.is_empty() {
            let d = doc
                .error_at(
                    "E-bad-id",
                    &path,
                    false,
                    format!(
                        "item id `{}` has no letters or digits to make its page's URL from",
                        item.id
                    ),
                )
                .with_hint("use words joined by `-`, e.g. `id: making-effective-decisions`");
            diagnostics.push(d, Some(&page.source.text));
            continue;
        }
        if let Some(first) = seen.insert(slug, i) {
            let other = &page.common.items[first].id;
            let message = if *other == item.id {
                format!("item id `{}` is used twice on this page", item.id)
            } else {
                format!(
                    "item ids `{other}` and `{}` make the same URL on this page",
                    item.id
                )
            };
            let d = doc
                .error_at("E-duplicate-id", &path, false, message)
                .with_hint(format!(
                    "item {} already has it; ids must be unique within a page, ignoring case, spaces and punctuation",
                    first + 1
                ));
            diagnostics.push(d, Some(&page.source.text));
        }
    }
    if let Some(g) = page.glossary() {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, term) in g.terms.iter().enumerate() {
            if let Some(first) = seen.insert(term.id.as_str(), i) {
                let path = [
                    Seg::Key("terms".into()),
                    Seg::Index(i),
                    Seg::Key("id".into()),
                ];
                let d = doc
                    .error_at(
                        "E-duplicate-id",
                        &path,
                        false,
                        format!("term id `{}` is used twice", term.id),
                    )
                    .with_hint(format!("term {} already has it", first + 1));
                diagnostics.push(d, Some(&page.source.text));
            }
        }
    }
}
