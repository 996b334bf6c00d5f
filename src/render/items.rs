//! The page of one item (a competency, a value, a standard): the roles that require it and
//! through which criteria, the modules that develop it, and what else refers to it.

use schemars::JsonSchema;
use serde::Serialize;

use super::context::{BacklinkGroup, Head, PageLink, backlink_groups, page_link};
use crate::link::{Backlink, Relation, Site, Target, item_url};

/// An item's own fields.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ItemInfo {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its number in the framework.
    pub number: Option<u32>,
    /// Its group.
    pub cluster: Option<String>,
    /// A sentence or two.
    pub summary: Option<String>,
    /// Level descriptors.
    pub levels: Vec<String>,
}

/// A criterion of a role that refers to the item.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CriterionRef {
    /// The criterion's text.
    pub text: String,
    /// Its need's label.
    pub need: &'static str,
}

/// A page that requires or develops the item.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ItemUser {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// Its kind.
    pub kind: String,
    /// A role's criteria that refer to the item.
    pub criteria: Vec<CriterionRef>,
}

/// The `page` of `item.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ItemContext {
    /// What every page has (`kind` is `item`).
    #[serde(flatten)]
    pub head: Head,
    /// The item's fields.
    pub item: ItemInfo,
    /// The page it belongs to.
    pub parent: PageLink,
    /// Roles that require it, with the criteria that refer to it.
    pub required_by: Vec<ItemUser>,
    /// Modules that develop it.
    pub developed_by: Vec<ItemUser>,
    /// Other pages that refer to it, by kind.
    pub backlinks: Vec<BacklinkGroup>,
}

/// The context of item `i` of page `p`.
pub fn item_context(site: &Site, p: usize, i: usize) -> ItemContext {
    let page = &site.pages[p];
    let item = &page.common.items[i];
    let url = item_url(page, &item.id);
    let backlinks = site
        .item_backlinks
        .get(&(p, item.id.clone()))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let of = |rel: Relation| -> Vec<ItemUser> {
        let mut v: Vec<ItemUser> = backlinks
            .iter()
            .filter(|b| b.relation == rel)
            .map(|b| {
                let from = &site.pages[b.from];
                let criteria = from
                    .role()
                    .map(|r| {
                        r.person_spec
                            .iter()
                            .filter(|c| {
                                c.refs
                                    .iter()
                                    .any(|x| site.resolve_ref(x).ok() == Some(Target::Item(p, i)))
                            })
                            .map(|c| CriterionRef {
                                text: c.text.clone(),
                                need: c.need.label(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                ItemUser {
                    title: from.common.title.clone(),
                    url: from.url.clone(),
                    kind: from.kind.name().to_string(),
                    criteria,
                }
            })
            .collect();
        v.dedup_by(|a, b| a.url == b.url);
        v
    };
    let others: Vec<Backlink> = backlinks
        .iter()
        .filter(|b| !matches!(b.relation, Relation::Requires | Relation::Develops))
        .copied()
        .collect();
    let mut crumbs: Vec<PageLink> = site
        .ancestors(p)
        .into_iter()
        .map(|a| page_link(site, a))
        .collect();
    crumbs.push(page_link(site, p));
    ItemContext {
        head: Head::generated(item.name.clone(), "item", url, item.summary.clone(), crumbs),
        item: ItemInfo {
            id: item.id.clone(),
            name: item.name.clone(),
            number: item.number,
            cluster: item.cluster.clone(),
            summary: item.summary.clone(),
            levels: item.levels.clone(),
        },
        parent: page_link(site, p),
        required_by: of(Relation::Requires),
        developed_by: of(Relation::Develops),
        backlinks: backlink_groups(site, &others),
    }
}
