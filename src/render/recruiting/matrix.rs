//! The role-by-competency matrix: for every framework (and ethos page) that a role refers
//! to, a table of its items against the roles, saying which roles require each item and
//! which person-specification criteria assess it, with the modules that develop it.
//! Plain HTML tables: nothing here needs JavaScript.

use schemars::JsonSchema;
use serde::Serialize;

use super::{RoleColumn, TitledLink, roles_breadcrumbs};
use crate::link::{Site, Target, item_url};
use crate::model::Model;
use crate::model::roles::{RoleView, modules_developing};
use crate::parse::kinds::Kind;
use crate::plan::urls;
use crate::render::context::Head;

/// A criterion that assesses an item.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AssessingCriterion {
    /// Its number in its role.
    pub number: usize,
    /// Its need's label.
    pub need_label: &'static str,
    /// Its text.
    pub text: String,
}

/// One role's relation to one item.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixCell {
    /// The role's id.
    pub role: String,
    /// True when the role lists the item in `competencies` or `ethos`.
    pub required: bool,
    /// The role's criteria that refer to the item.
    pub criteria: Vec<AssessingCriterion>,
    /// True when either holds.
    pub listed: bool,
}

/// One item against every role.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixRow {
    /// The item's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its number.
    pub number: Option<u32>,
    /// Its group.
    pub cluster: Option<String>,
    /// Its page.
    pub url: String,
    /// One cell per role, in column order.
    pub cells: Vec<MatrixCell>,
    /// Modules that develop it.
    pub training: Vec<TitledLink>,
}

/// One framework or ethos page's items against the roles.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixTable {
    /// An anchor for the table.
    pub id: String,
    /// The page's title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// `framework` or `ethos`.
    pub kind: &'static str,
    /// One row per item.
    pub rows: Vec<MatrixRow>,
}

/// The `page` of `matrix.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixContext {
    /// What every page has (`kind` is `matrix`).
    #[serde(flatten)]
    pub head: Head,
    /// The roles, in column order.
    pub roles: Vec<RoleColumn>,
    /// One table per framework or ethos page a role refers to.
    pub tables: Vec<MatrixTable>,
}

/// The context of the matrix page.
pub fn matrix_context(site: &Site, model: &Model) -> MatrixContext {
    let roles = &model.roles;
    // Per role: items it requires, and items its criteria refer to (with the criteria).
    let resolve = |refs: &[String]| -> Vec<(usize, usize)> {
        refs.iter()
            .filter_map(|r| match site.resolve_ref(r) {
                Ok(Target::Item(p, i)) => Some((p, i)),
                _ => None,
            })
            .collect()
    };
    let required: Vec<Vec<(usize, usize)>> = roles
        .iter()
        .map(|r| {
            let f = r.fields(site);
            let mut v = resolve(&f.competencies);
            v.extend(resolve(&f.ethos));
            v
        })
        .collect();
    let assessed = |role: &RoleView, item: (usize, usize)| -> Vec<AssessingCriterion> {
        role.criteria
            .iter()
            .filter(|c| {
                c.refs
                    .iter()
                    .any(|(_, t)| *t == Some(Target::Item(item.0, item.1)))
            })
            .map(|c| AssessingCriterion {
                number: c.number,
                need_label: c.need.label(),
                text: c.text.clone(),
            })
            .collect()
    };
    let mut pages: Vec<usize> = Vec::new();
    for (r, role) in roles.iter().enumerate() {
        let from_criteria = role
            .criteria
            .iter()
            .flat_map(|c| c.refs.iter().filter_map(|(_, t)| t.clone()));
        for t in from_criteria.chain(required[r].iter().map(|&(p, i)| Target::Item(p, i))) {
            if let Target::Item(p, _) = t
                && matches!(site.pages[p].kind, Kind::Framework | Kind::Ethos)
                && !pages.contains(&p)
            {
                pages.push(p);
            }
        }
    }
    pages.sort_by_key(|&p| {
        (
            site.pages[p].kind != Kind::Framework,
            site.pages[p].common.title.to_lowercase(),
        )
    });
    let tables = pages
        .iter()
        .map(|&p| {
            let fw = &site.pages[p];
            let rows = fw
                .common
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| MatrixRow {
                    id: item.id.clone(),
                    name: item.name.clone(),
                    number: item.number,
                    cluster: item.cluster.clone(),
                    url: item_url(fw, &item.id),
                    cells: roles
                        .iter()
                        .enumerate()
                        .map(|(r, role)| {
                            let is_required = required[r].contains(&(p, i));
                            let criteria = assessed(role, (p, i));
                            MatrixCell {
                                role: role.id.clone(),
                                required: is_required,
                                listed: is_required || !criteria.is_empty(),
                                criteria,
                            }
                        })
                        .collect(),
                    training: modules_developing(site, &Target::Item(p, i))
                        .into_iter()
                        .map(|m| TitledLink {
                            title: site.pages[m].common.title.clone(),
                            url: Some(site.pages[m].url.clone()),
                        })
                        .collect(),
                })
                .collect();
            MatrixTable {
                id: fw.key.replace('/', "-"),
                title: fw.common.title.clone(),
                url: fw.url.clone(),
                kind: fw.kind.name(),
                rows,
            }
        })
        .collect();
    MatrixContext {
        head: Head::generated(
            "Roles and competencies",
            "matrix",
            urls::MATRIX_URL,
            Some("Which roles require each competency and value, where their person specifications assess it, and the training that develops it.".into()),
            roles_breadcrumbs(site, roles),
        ),
        roles: roles.iter().map(|r| RoleColumn::of(site, r, false)).collect(),
        tables,
    }
}
