//! The training coverage pages: what the modules develop against what the roles require,
//! from the coverage the model computes once (`model::coverage`, which
//! `handbook report coverage` prints too), in pages that do not grow with roles x
//! competencies:
//!
//! - `training/coverage.html`: the counts, and each framework with its own counts;
//! - `training/coverage/<framework>.html`: the framework's items, each with the roles that
//!   require it (listed up to [`LISTED`], counted beyond, with a link to the item's own
//!   page, which lists them all) and the modules that develop it;
//! - `training/coverage/roles.html` (and `roles-2.html` ...): each role's gaps, in parts
//!   of `model::coverage::ROLES_PER_PAGE`.
//!
//! A module's handout and reflective log are its page's context laid out by their own
//! templates (`context::page::sheet_context`).

use schemars::JsonSchema;
use serde::Serialize;

use super::context::Parts;
use super::context::{Head, PageLink, breadcrumbs, page_link};
use crate::link::Site;
use crate::model::coverage::{
    Coverage, ItemCoverage, PageRef, ROLES_PER_PAGE, RoleCoverage, Status, Summary,
};
use crate::urls;

/// Roles (or modules) a coverage row names before it only counts them.
pub const LISTED: usize = 12;

/// Gaps and orphans the index lists before it only counts them (each framework's page
/// lists its own).
pub const INDEX_LISTED: usize = 50;

/// A framework in the coverage's index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FrameworkCoverage {
    /// The framework's title.
    pub title: String,
    /// The framework's page.
    pub framework_url: String,
    /// Its coverage page.
    pub url: String,
    /// Its items some role requires.
    pub required: usize,
    /// Of those, developed by a module.
    pub covered: usize,
    /// Required, developed by no module.
    pub gaps: usize,
    /// Developed, required by no role.
    pub orphans: usize,
}

/// An item in the coverage's lists of gaps and orphans.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListedItem {
    /// Its name, with its number.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Its framework's title.
    pub framework: String,
    /// For a gap, the roles that require it; for an orphan, the modules that develop it.
    pub by: PageList,
}

/// The `page` of `coverage.html`: the counts, the gaps and orphans, and the frameworks.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CoverageContext {
    /// What every page has (`kind` is `coverage`).
    #[serde(flatten)]
    pub head: Head,
    /// The counts.
    pub counts: Summary,
    /// The first [`INDEX_LISTED`] gaps: required, developed by no module.
    pub gaps: Vec<ListedItem>,
    /// The first [`INDEX_LISTED`] orphans: developed, required by no role.
    pub orphans: Vec<ListedItem>,
    /// Every framework an item of which is required or developed.
    pub frameworks: Vec<FrameworkCoverage>,
    /// The first page of the coverage by role.
    pub roles_url: String,
}

/// Some pages, the first few listed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PageList {
    /// The first `LISTED` of them.
    pub listed: Vec<PageRef>,
    /// How many there are in all.
    pub count: usize,
}

fn list(pages: &[PageRef]) -> PageList {
    PageList {
        listed: pages.iter().take(LISTED).cloned().collect(),
        count: pages.len(),
    }
}

/// One item of a framework, with what requires and develops it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ItemRow {
    /// Its name, with its number.
    pub name: String,
    /// Its page (which lists every role that requires it).
    pub url: String,
    /// Covered, gap or orphan.
    pub status: Status,
    /// Roles that require it.
    pub required_by: PageList,
    /// Modules that develop it.
    pub developed_by: PageList,
    /// Roles that require it but no module meant for them develops it.
    pub uncovered_for: PageList,
}

/// The `page` of `coverage-framework.html`: one framework's items.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CoverageFrameworkContext {
    /// What every page has (`kind` is `coverage`).
    #[serde(flatten)]
    pub head: Head,
    /// The framework.
    pub framework: PageLink,
    /// Its items that a role requires or a module develops, in framework order.
    pub items: Vec<ItemRow>,
}

/// The `page` of `coverage-roles.html`: one part of the coverage by role.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CoverageRolesContext {
    /// What every page has (`kind` is `coverage`).
    #[serde(flatten)]
    pub head: Head,
    /// Where this part is among them.
    pub parts: Option<Parts>,
    /// The roles of this part, in site order.
    pub roles: Vec<RoleCoverage>,
}

fn crumbs(site: &Site, with_index: bool) -> Vec<PageLink> {
    let mut out = Vec::new();
    if let Some(&training) = site.by_key.get(urls::TRAINING_KEY) {
        out = breadcrumbs(site, training);
        out.push(page_link(site, training));
    }
    if with_index {
        out.push(PageLink {
            title: "Training coverage".into(),
            url: urls::COVERAGE_URL.into(),
            summary: None,
            kind: "coverage".into(),
            is_section: false,
        });
    }
    out
}

fn head(title: String, url: String, summary: String, crumbs: Vec<PageLink>) -> Head {
    let mut head = Head::generated(title, "coverage", url, Some(summary), crumbs);
    head.kind_label = "Training".into();
    head
}

fn listed(coverage: &Coverage, status: Status) -> Vec<ListedItem> {
    coverage
        .items
        .iter()
        .filter(|i| i.status == status)
        .take(INDEX_LISTED)
        .map(|i| ListedItem {
            name: i.name.clone(),
            url: i.url.clone(),
            framework: i.framework.title.clone(),
            by: list(if status == Status::Gap {
                &i.required_by
            } else {
                &i.developed_by
            }),
        })
        .collect()
}

/// The context of the coverage's index (the site has a training section).
pub fn coverage_context(site: &Site, coverage: &Coverage) -> CoverageContext {
    let count = |items: &[&ItemCoverage], s: Status| items.iter().filter(|i| i.status == s).count();
    CoverageContext {
        head: head(
            "Training coverage".into(),
            urls::COVERAGE_URL.into(),
            coverage.headline(),
            crumbs(site, false),
        ),
        counts: coverage.summary.clone(),
        gaps: listed(coverage, Status::Gap),
        orphans: listed(coverage, Status::Orphan),
        frameworks: coverage
            .frameworks()
            .into_iter()
            .map(|(f, items)| FrameworkCoverage {
                title: f.title.clone(),
                framework_url: f.url.clone(),
                url: urls::coverage_framework_url(&f.key),
                required: items.len() - count(&items, Status::Orphan),
                covered: count(&items, Status::Covered),
                gaps: count(&items, Status::Gap),
                orphans: count(&items, Status::Orphan),
            })
            .collect(),
        roles_url: urls::coverage_roles_url(0),
    }
}

/// The context of one framework's coverage (`f`: its position in [`frameworks`]).
pub fn framework_context(site: &Site, coverage: &Coverage, f: usize) -> CoverageFrameworkContext {
    let Some((framework, items)) = coverage.framework(f) else {
        return CoverageFrameworkContext {
            head: head(String::new(), String::new(), String::new(), Vec::new()),
            framework: PageLink {
                title: String::new(),
                url: String::new(),
                summary: None,
                kind: String::new(),
                is_section: false,
            },
            items: Vec::new(),
        };
    };
    let link = site
        .by_key
        .get(&framework.key)
        .map(|&p| page_link(site, p))
        .unwrap_or_else(|| PageLink {
            title: framework.title.clone(),
            url: framework.url.clone(),
            summary: None,
            kind: "framework".into(),
            is_section: false,
        });
    CoverageFrameworkContext {
        head: head(
            format!("Training coverage: {}", framework.title),
            urls::coverage_framework_url(&framework.key),
            format!(
                "Which roles require each item of {}, and which modules develop it.",
                framework.title
            ),
            crumbs(site, true),
        ),
        framework: link,
        items: items
            .iter()
            .map(|i| ItemRow {
                name: i.name.clone(),
                url: i.url.clone(),
                status: i.status,
                required_by: list(&i.required_by),
                developed_by: list(&i.developed_by),
                uncovered_for: list(&i.uncovered_for),
            })
            .collect(),
    }
}

/// The context of part `n` of the coverage by role.
pub fn roles_context(site: &Site, coverage: &Coverage, n: usize) -> CoverageRolesContext {
    let parts = coverage.role_parts();
    let url = urls::coverage_roles_url;
    CoverageRolesContext {
        head: head(
            "Training coverage by role".into(),
            url(n),
            format!(
                "For each role: how many competencies it requires, those no module develops, and those only modules meant for other roles develop{}.",
                if parts > 1 {
                    format!(" (part {} of {parts})", n + 1)
                } else {
                    String::new()
                }
            ),
            crumbs(site, true),
        ),
        parts: (parts > 1).then(|| Parts {
            number: n + 1,
            of: parts,
            prev_url: n.checked_sub(1).map(url),
            next_url: (n + 1 < parts).then(|| url(n + 1)),
        }),
        roles: coverage
            .roles
            .iter()
            .skip(n * ROLES_PER_PAGE)
            .take(ROLES_PER_PAGE)
            .cloned()
            .collect(),
    }
}
