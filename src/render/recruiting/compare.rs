//! The comparison page: every role side by side, one column each, with the facts a
//! recruiter compares and the person specifications lined up so criteria that mean the
//! same (see `model::roles::align`) share a row.
//!
//! Two outputs: the page, whose HTML is the all-roles table with its own "differs" marks
//! (what a browser without JavaScript shows), and `compare-data.js`, the same rows with
//! only the cells roles have, from which the browser script builds the table of a 2-4
//! role selection (`?roles=a,b`). Both grow with roles x criteria only where a role has a
//! criterion, except the static table: past `STATIC_ROLES` roles a side-by-side table of
//! all of them is neither readable nor small, so the page then asks for a selection.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{RoleColumn, TitledLink, roles_breadcrumbs};
use crate::link::Site;
use crate::model::Model;
use crate::model::labels::number_label;
use crate::model::roles::{self, CriterionView, RoleView, normalise_text};
use crate::parse::kinds::{Category, Need};
use crate::plan::{Templates, urls};
use crate::render::context::Head;

/// The most roles the all-roles table shows.
pub const STATIC_ROLES: usize = 12;

/// One role's value of a fact.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactCell {
    /// The role's id.
    pub role: String,
    /// The value as text (null for a list of links, or when the role has none).
    pub text: Option<String>,
    /// The value as links (professional bodies, competencies).
    pub links: Option<Vec<TitledLink>>,
    /// What cells are compared by (normalised text).
    pub cmp: String,
}

/// A row of facts, one cell per role.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactRow {
    /// The fact (`Grade or band`).
    pub label: String,
    /// One cell per role, in column order.
    pub cells: Vec<FactCell>,
    /// True when the roles' values differ.
    pub differs: bool,
}

/// A criterion in a comparison cell.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CellCriterion {
    /// Its number in its role's specification.
    pub number: usize,
    /// Its text.
    pub text: String,
    /// `essential`, `desirable` or `unspecified`.
    pub need: &'static str,
    /// The need's label.
    pub need_label: &'static str,
    /// True when its wording differs from the row's label.
    pub own_wording: bool,
}

/// One role's criteria in an aligned row.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CriteriaCell {
    /// The role's id.
    pub role: String,
    /// Its criteria in the row (none when it lacks it).
    pub criteria: Vec<CellCriterion>,
    /// What cells are compared by (the needs, or `none`).
    pub cmp: String,
}

/// An aligned row: criteria of several roles that mean the same.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "CriteriaRow")]
pub struct CriteriaRow<C> {
    /// Its anchor (`g12`).
    pub id: String,
    /// Its label: the first criterion's text.
    pub label: String,
    /// The cells: one per role on the page, by role id in the data script.
    pub cells: C,
    /// True when some role lacks it or the roles' needs differ.
    pub differs: bool,
}

/// Aligned rows of one category.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "CriteriaSection")]
pub struct CriteriaSection<C> {
    /// The category's name.
    pub category: &'static str,
    /// Its heading.
    pub label: &'static str,
    /// Its rows.
    pub rows: Vec<CriteriaRow<C>>,
}

/// The `page` of `compare.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareContext {
    /// What every page has (`kind` is `compare`).
    #[serde(flatten)]
    pub head: Head,
    /// True when the page holds the all-roles table (no more than `static_limit` roles).
    pub static_table: bool,
    /// The most roles the page shows without a selection.
    pub static_limit: usize,
    /// Every role, in display order.
    pub roles: Vec<RoleColumn>,
    /// Table columns (roles and the label column).
    pub columns: usize,
    /// Fact rows (empty past the limit).
    pub fact_rows: Vec<FactRow>,
    /// Criteria counts per role (empty past the limit).
    pub count_rows: Vec<FactRow>,
    /// Aligned criteria (empty past the limit).
    pub criteria_sections: Vec<CriteriaSection<Vec<CriteriaCell>>>,
    /// The data script the browser builds selections from.
    pub data_url: String,
}

/// What `compare-data.js` holds.
#[derive(Debug, Clone, Serialize)]
struct CompareData<'a> {
    roles: &'a [RoleColumn],
    fact_rows: &'a [FactRow],
    count_rows: &'a [FactRow],
    criteria_sections: Vec<CriteriaSection<BTreeMap<String, CriteriaCell>>>,
}

fn cell(role: &RoleView, text: Option<String>) -> FactCell {
    let cmp = text.as_deref().map(normalise_text).unwrap_or_default();
    FactCell {
        role: role.id.clone(),
        text,
        links: None,
        cmp,
    }
}

fn list_cell(site: &Site, role: &RoleView, refs: &[String]) -> FactCell {
    let links: Vec<TitledLink> = refs
        .iter()
        .map(|r| match site.resolve_ref(r) {
            Ok(t) => TitledLink {
                title: site.target_title(&t),
                url: Some(site.target_url(&t)),
            },
            Err(_) => TitledLink {
                title: r.clone(),
                url: None,
            },
        })
        .collect();
    let mut keys: Vec<String> = links.iter().map(|l| normalise_text(&l.title)).collect();
    keys.sort();
    keys.dedup();
    FactCell {
        role: role.id.clone(),
        text: None,
        links: Some(links),
        cmp: keys.join("|"),
    }
}

fn row(label: &str, cells: Vec<FactCell>) -> FactRow {
    let differs = cells.windows(2).any(|w| w[0].cmp != w[1].cmp);
    FactRow {
        label: label.to_string(),
        cells,
        differs,
    }
}

fn reports_to(site: &Site, r: &RoleView) -> Option<String> {
    let f = r.fields(site);
    let role = f
        .reports_to_role
        .as_deref()
        .and_then(|x| site.resolve_ref(x).ok())
        .map(|t| site.target_title(&t));
    match (&f.reports_to, role) {
        (Some(text), Some(role)) if normalise_text(text) != normalise_text(&role) => {
            Some(format!("{text} ({role})"))
        }
        (Some(text), _) => Some(text.clone()),
        (None, role) => role,
    }
}

fn fact_rows(site: &Site, roles: &[RoleView]) -> Vec<FactRow> {
    let facts = |label: &str, f: &dyn Fn(&RoleView) -> Option<String>| {
        row(label, roles.iter().map(|r| cell(r, f(r))).collect())
    };
    vec![
        facts("Organisation", &|r| r.fields(site).organisation.clone()),
        facts("Setting", &|r| r.fields(site).setting.clone()),
        facts("Grade or band", &|r| r.fields(site).grade.clone()),
        facts("Hours", &|r| {
            r.fields(site)
                .hours_per_week
                .map(|h| format!("{} hours a week", number_label(h)))
        }),
        facts("Reports to", &|r| reports_to(site, r)),
        facts("Line management", &|r| {
            r.fields(site).line_management.clone()
        }),
        facts("Travel", &|r| r.fields(site).travel.clone()),
        row(
            "Professional bodies",
            roles
                .iter()
                .map(|r| list_cell(site, r, &r.fields(site).professional_bodies))
                .collect(),
        ),
        row(
            "Competencies and behaviours",
            roles
                .iter()
                .map(|r| list_cell(site, r, &r.fields(site).competencies))
                .collect(),
        ),
    ]
}

fn count_rows(roles: &[RoleView]) -> Vec<FactRow> {
    let count = |label: &str, need: Need| {
        let cells = roles
            .iter()
            .map(|r| {
                let n = r.criteria.iter().filter(|c| c.need == need).count();
                FactCell {
                    role: r.id.clone(),
                    text: Some(n.to_string()),
                    links: None,
                    cmp: n.to_string(),
                }
            })
            .collect();
        row(label, cells)
    };
    vec![
        count("Essential criteria", Need::Essential),
        count("Desirable criteria", Need::Desirable),
        count(
            "Criteria whose need the source does not specify",
            Need::Unspecified,
        ),
    ]
}

/// An alignment group as the table shows it: the category of its first criterion, its
/// label (that criterion's text), and the criteria of each role that has it (by role
/// position; roles without it are absent, so this grows with criteria, not roles).
type Group<'a> = (
    Option<Category>,
    String,
    BTreeMap<usize, Vec<&'a CriterionView>>,
);

/// Criteria rows, one per alignment group, in sections by category; each row's cells are
/// those of the roles that have the criterion.
fn criteria_sections(roles: &[RoleView]) -> Vec<CriteriaSection<Vec<CriteriaCell>>> {
    let mut groups: BTreeMap<usize, Group<'_>> = BTreeMap::new();
    for (r, role) in roles.iter().enumerate() {
        for c in &role.criteria {
            let g = groups
                .entry(c.group)
                .or_insert_with(|| (c.category, c.text.clone(), BTreeMap::new()));
            g.2.entry(r).or_default().push(c);
        }
    }
    type Rows = Vec<CriteriaRow<Vec<CriteriaCell>>>;
    let mut sections: Vec<(Option<Category>, Rows)> = Vec::new();
    for (group, (category, label, per_role)) in groups {
        let label_key = normalise_text(&label);
        let cells: Vec<CriteriaCell> = per_role
            .iter()
            .map(|(&r, cs)| {
                let mut needs: Vec<&str> = cs.iter().map(|c| roles::need_name(c.need)).collect();
                needs.sort_unstable();
                needs.dedup();
                CriteriaCell {
                    role: roles[r].id.clone(),
                    criteria: cs
                        .iter()
                        .map(|c| CellCriterion {
                            number: c.number,
                            text: c.text.clone(),
                            need: roles::need_name(c.need),
                            need_label: c.need.label(),
                            own_wording: normalise_text(&c.text) != label_key,
                        })
                        .collect(),
                    cmp: needs.join("+"),
                }
            })
            .collect();
        // Differs when some role lacks it, or the roles that have it differ in need.
        let differs =
            per_role.len() < roles.len() || cells.windows(2).any(|w| w[0].cmp != w[1].cmp);
        let row = CriteriaRow {
            id: format!("g{group}"),
            label,
            cells,
            differs,
        };
        match sections.iter_mut().find(|(c, _)| *c == category) {
            Some((_, rows)) => rows.push(row),
            None => sections.push((category, vec![row])),
        }
    }
    sections.sort_by_key(|(c, _)| roles::category_rank(*c));
    sections
        .into_iter()
        .map(|(c, rows)| CriteriaSection {
            category: roles::category_name(c),
            label: roles::category_label(c),
            rows,
        })
        .collect()
}

/// A criteria row's cells for every role, in order, from the cells of the roles that
/// have it.
fn dense(roles: &[RoleView], cells: Vec<CriteriaCell>) -> Vec<CriteriaCell> {
    roles
        .iter()
        .map(|r| {
            cells
                .iter()
                .find(|c| c.role == r.id)
                .cloned()
                .unwrap_or_else(|| CriteriaCell {
                    role: r.id.clone(),
                    criteria: Vec::new(),
                    cmp: "none".into(),
                })
        })
        .collect()
}

/// The comparison page's context and the text of its data script.
pub fn compare(site: &Site, model: &Model, templates: &Templates) -> (CompareContext, String) {
    let roles = &model.roles;
    let columns: Vec<RoleColumn> = roles
        .iter()
        .map(|r| RoleColumn::of(site, r, templates.has("checklist.html")))
        .collect();
    let facts = fact_rows(site, roles);
    let counts = count_rows(roles);
    let sections = criteria_sections(roles);
    let data = CompareData {
        roles: &columns,
        fact_rows: &facts,
        count_rows: &counts,
        criteria_sections: sections
            .iter()
            .map(|s| CriteriaSection {
                category: s.category,
                label: s.label,
                rows: s
                    .rows
                    .iter()
                    .map(|row| CriteriaRow {
                        id: row.id.clone(),
                        label: row.label.clone(),
                        cells: row
                            .cells
                            .iter()
                            .map(|c| (c.role.clone(), c.clone()))
                            .collect(),
                        differs: row.differs,
                    })
                    .collect(),
            })
            .collect(),
    };
    let script = format!(
        "// The comparison's rows, for compare.js (generated: do not edit).\nwindow.HandbookCompareData = {};\n",
        serde_json::to_string(&data).unwrap_or_else(|_| "null".into())
    );
    let static_table = roles.len() <= STATIC_ROLES;
    let head = Head::generated(
        "Compare roles",
        "compare",
        urls::COMPARE_URL,
        Some("Roles side by side: organisation, setting, grade, hours, reporting line, line management, travel, professional bodies, competencies and person specifications.".into()),
        roles_breadcrumbs(site, roles),
    );
    let columns_count = roles.len() + 1;
    let context = CompareContext {
        head,
        static_table,
        static_limit: STATIC_ROLES,
        roles: columns,
        columns: columns_count,
        fact_rows: if static_table { facts } else { Vec::new() },
        count_rows: if static_table { counts } else { Vec::new() },
        criteria_sections: if static_table {
            sections
                .into_iter()
                .map(|s| CriteriaSection {
                    category: s.category,
                    label: s.label,
                    rows: s
                        .rows
                        .into_iter()
                        .map(|row| CriteriaRow {
                            id: row.id,
                            label: row.label,
                            cells: dense(roles, row.cells),
                            differs: row.differs,
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        },
        data_url: urls::COMPARE_DATA_URL.to_string(),
    };
    (context, script)
}
