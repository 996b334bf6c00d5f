//! Training coverage: what the training develops against what the roles require.
//!
//! A framework item is *required* when a role lists it in `competencies` or in a
//! person-specification criterion's `refs`, and *developed* when a module lists it in
//! `develops`. From the linked site's edges this computes, for every such item, the roles
//! that require it and the modules that develop it; the gaps (required, developed by no
//! module); the orphans (developed, required by no role); and per role, the required
//! items no module develops, and those developed only by modules meant for other roles.
//!
//! A module is meant for the roles in its `audience`; with none, for its programme's
//! audience; with neither, for everyone.
//!
//! Computed once per build (in [`crate::model::Model`]); `handbook report coverage` and the
//! site's coverage page both read this one result.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use serde::Serialize;

use crate::link::{Relation, Site, Target};
use crate::parse::kinds::Kind;

/// A page as the report names it: its reference key, title and output URL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
pub struct PageRef {
    /// The reference key authors write (`roles/dtc-group-psychotherapist`).
    pub key: String,
    /// Display title.
    pub title: String,
    /// Output URL relative to the site root.
    pub url: String,
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Required by a role and developed by a module.
    Covered,
    /// Required by a role, developed by no module.
    Gap,
    /// Developed by a module, required by no role.
    Orphan,
}

impl Status {
    /// The word used in tables and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Gap => "gap",
            Status::Orphan => "orphan",
        }
    }
}

/// One framework item that a role requires or a module develops.
#[derive(Debug, Clone, Hash, Serialize, schemars::JsonSchema)]
pub struct ItemCoverage {
    /// The reference authors write (`frameworks/noms-cqf#making-effective-decisions`).
    pub reference: String,
    /// The item's name, with its number where it has one.
    pub name: String,
    /// The framework it belongs to.
    pub framework: PageRef,
    /// The item's own page.
    pub url: String,
    /// Roles that require it.
    pub required_by: Vec<PageRef>,
    /// Modules that develop it.
    pub developed_by: Vec<PageRef>,
    /// Roles that require it but that no module meant for them develops it for.
    pub uncovered_for: Vec<PageRef>,
    /// Covered, gap or orphan.
    pub status: Status,
}

/// An item in a role's lists.
#[derive(Debug, Clone, Hash, Serialize, schemars::JsonSchema)]
pub struct RoleItem {
    /// The item's reference.
    pub reference: String,
    /// Its name, with its number.
    pub name: String,
    /// Its own page.
    pub url: String,
    /// The framework's title.
    pub framework: String,
    /// The modules that develop it (none for an uncovered item).
    pub developed_by: Vec<PageRef>,
}

/// One role's view: what it requires and what the training leaves out.
#[derive(Debug, Clone, Hash, Serialize, schemars::JsonSchema)]
pub struct RoleCoverage {
    /// The role.
    pub role: PageRef,
    /// How many framework items it requires.
    pub required: usize,
    /// Required items no module develops.
    pub uncovered: Vec<RoleItem>,
    /// Required items developed only by modules meant for other roles.
    pub other_audience: Vec<RoleItem>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Hash, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Framework items required by at least one role.
    pub required: usize,
    /// Of those, developed by at least one module.
    pub covered: usize,
    /// Required, developed by no module.
    pub gaps: usize,
    /// Developed, required by no role.
    pub orphans: usize,
    /// Roles in the site.
    pub roles: usize,
    /// Roles that require at least one framework item.
    pub roles_requiring: usize,
    /// Modules in the site.
    pub modules: usize,
}

/// The whole coverage report.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Coverage {
    /// Counts.
    pub summary: Summary,
    /// Every framework item required or developed, in framework and item order.
    pub items: Vec<ItemCoverage>,
    /// References of the gaps.
    pub gaps: Vec<String>,
    /// References of the orphans.
    pub orphans: Vec<String>,
    /// Every role, in site order.
    pub roles: Vec<RoleCoverage>,
    /// Per framework (in item order), the indexes of its items in `items`.
    #[serde(skip)]
    #[schemars(skip)]
    by_framework: Vec<Vec<usize>>,
}

/// Roles one page of the coverage by role shows.
pub(crate) const ROLES_PER_PAGE: usize = 100;

impl Coverage {
    /// The frameworks of the coverage, in its item order, each with its items.
    pub fn frameworks(&self) -> Vec<(&PageRef, Vec<&ItemCoverage>)> {
        self.by_framework
            .iter()
            .filter_map(|items| {
                let first = &self.items[*items.first()?];
                Some((
                    &first.framework,
                    items.iter().map(|&i| &self.items[i]).collect(),
                ))
            })
            .collect()
    }

    /// One framework of [`Coverage::frameworks`], by position, without the others.
    pub fn framework(&self, f: usize) -> Option<(&PageRef, Vec<&ItemCoverage>)> {
        let items = self.by_framework.get(f)?;
        let first = &self.items[*items.first()?];
        Some((
            &first.framework,
            items.iter().map(|&i| &self.items[i]).collect(),
        ))
    }

    /// How many pages the coverage by role takes.
    pub fn role_parts(&self) -> usize {
        self.roles.len().div_ceil(ROLES_PER_PAGE).max(1)
    }

    /// The summary in one sentence.
    pub fn headline(&self) -> String {
        let s = &self.summary;
        format!(
            "{} of {} roles require {} framework items; {} are developed by at least one of the {} modules and {} by none (gaps); {} developed items are required by no role (orphans).",
            s.roles_requiring, s.roles, s.required, s.covered, s.modules, s.gaps, s.orphans
        )
    }

    /// The item with this reference.
    pub fn item(&self, reference: &str) -> Option<&ItemCoverage> {
        self.items.iter().find(|i| i.reference == reference)
    }
}

fn page_ref(site: &Site, i: usize) -> PageRef {
    let p = &site.pages[i];
    PageRef {
        key: p.key.clone(),
        title: p.common.title.clone(),
        url: p.url.clone(),
    }
}

/// The roles a module is meant for; `None` means everyone.
fn audience_of(site: &Site, module: usize) -> Option<BTreeSet<usize>> {
    let roles = |refs: &[String]| -> BTreeSet<usize> {
        refs.iter()
            .filter_map(|r| match site.resolve_ref(r) {
                Ok(Target::Page(p)) if site.pages[p].kind == Kind::Role => Some(p),
                _ => None,
            })
            .collect()
    };
    let own = site.pages[module]
        .module()
        .map(|m| roles(&m.audience))
        .unwrap_or_default();
    if !own.is_empty() {
        return Some(own);
    }
    let parent = site.pages[module]
        .parent_key()
        .and_then(|k| site.by_key.get(k).copied())?;
    let programme = site.pages[parent].programme()?;
    let inherited = roles(&programme.audience);
    (!inherited.is_empty()).then_some(inherited)
}

/// Per item, the roles requiring it and the modules developing it.
type Takers = (BTreeSet<usize>, BTreeSet<usize>);

/// Computes the coverage of the linked site.
pub(crate) fn coverage(site: &Site) -> Coverage {
    // (framework page, item index) -> (roles requiring, modules developing)
    let mut items: BTreeMap<(usize, usize), Takers> = BTreeMap::new();
    for (from, target, relation) in &site.edges {
        let Target::Item(p, i) = *target else {
            continue;
        };
        if site.pages[p].kind != Kind::Framework {
            continue;
        }
        match (relation, site.pages[*from].kind) {
            (Relation::Requires, Kind::Role) => {
                items.entry((p, i)).or_default().0.insert(*from);
            }
            (Relation::Develops, Kind::Module) => {
                items.entry((p, i)).or_default().1.insert(*from);
            }
            _ => {}
        }
    }
    let modules: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].kind == Kind::Module)
        .collect();
    let audiences: BTreeMap<usize, Option<BTreeSet<usize>>> =
        modules.iter().map(|&m| (m, audience_of(site, m))).collect();
    let meant_for = |module: usize, role: usize| {
        audiences
            .get(&module)
            .and_then(Option::as_ref)
            .is_none_or(|a| a.contains(&role))
    };

    // Each item's coverage, then each role's, made in parallel (kept in order): `serve`
    // makes the model again after every edit that changes a card.
    let listed: Vec<(&(usize, usize), &Takers)> = items.iter().collect();
    let out: Vec<ItemCoverage> = listed
        .par_iter()
        .map(|&(&(p, i), (roles, developers))| {
            let page = &site.pages[p];
            let item = &page.common.items[i];
            let status = match (roles.is_empty(), developers.is_empty()) {
                (false, false) => Status::Covered,
                (false, true) => Status::Gap,
                _ => Status::Orphan,
            };
            let uncovered_for = roles
                .iter()
                .filter(|&&r| !developers.iter().any(|&m| meant_for(m, r)))
                .map(|&r| page_ref(site, r))
                .collect();
            ItemCoverage {
                reference: format!("{}#{}", page.key, item.id),
                name: match item.number {
                    Some(n) => format!("{n}. {}", item.name),
                    None => item.name.clone(),
                },
                framework: page_ref(site, p),
                url: site.target_url(&Target::Item(p, i)),
                required_by: roles.iter().map(|&r| page_ref(site, r)).collect(),
                developed_by: developers.iter().map(|&m| page_ref(site, m)).collect(),
                uncovered_for,
                status,
            }
        })
        .collect();

    // Per role: how many items it requires, and the ones the training leaves out.
    let mut per_role: Vec<(usize, RoleCoverage, Vec<usize>)> = (0..site.pages.len())
        .filter(|&i| site.pages[i].kind == Kind::Role && !site.pages[i].is_section)
        .map(|r| {
            let c = RoleCoverage {
                role: page_ref(site, r),
                required: 0,
                uncovered: Vec::new(),
                other_audience: Vec::new(),
            };
            (r, c, Vec::new())
        })
        .collect();
    let at: HashMap<usize, usize> = per_role
        .iter()
        .enumerate()
        .map(|(n, (r, _, _))| (*r, n))
        .collect();
    for (k, (_, (roles, _))) in listed.iter().enumerate() {
        for r in roles.iter() {
            if let Some(&n) = at.get(r) {
                per_role[n].2.push(k);
            }
        }
    }
    per_role.par_iter_mut().for_each(|(_, c, its)| {
        for &k in its.iter() {
            let it = &out[k];
            c.required += 1;
            let entry = || RoleItem {
                reference: it.reference.clone(),
                name: it.name.clone(),
                url: it.url.clone(),
                framework: it.framework.title.clone(),
                developed_by: it.developed_by.clone(),
            };
            if it.status == Status::Gap {
                c.uncovered.push(entry());
            } else if it.uncovered_for.iter().any(|x| x.key == c.role.key) {
                c.other_audience.push(entry());
            }
        }
    });
    let roles: Vec<RoleCoverage> = per_role.into_iter().map(|(_, c, _)| c).collect();

    let of = |s: Status| -> Vec<String> {
        out.iter()
            .filter(|i| i.status == s)
            .map(|i| i.reference.clone())
            .collect()
    };
    let gaps = of(Status::Gap);
    let orphans = of(Status::Orphan);
    let covered = out.iter().filter(|i| i.status == Status::Covered).count();
    // Items come in framework order, so each framework's items are one run.
    let mut by_framework: Vec<Vec<usize>> = Vec::new();
    for (i, item) in out.iter().enumerate() {
        match by_framework.last_mut() {
            Some(run) if out[run[0]].framework.key == item.framework.key => run.push(i),
            _ => by_framework.push(vec![i]),
        }
    }
    Coverage {
        by_framework,
        summary: Summary {
            required: covered + gaps.len(),
            covered,
            gaps: gaps.len(),
            orphans: orphans.len(),
            roles: roles.len(),
            roles_requiring: roles.iter().filter(|r| r.required > 0).count(),
            modules: modules.len(),
        },
        items: out,
        gaps,
        orphans,
        roles,
    }
}
