//! The comparison page: every role side by side, one column each, with the facts a
//! recruiter compares and the person specifications lined up so criteria that mean the
//! same (see `model::roles::align`) share a row.
//!
//! The page lists every role to pick from; for a handbook of up to `STATIC_ROLES` roles it
//! also holds the all-roles table with its own "differs" marks (what a browser without
//! JavaScript shows). Each role has its own small data script (`compare/<id>.js`: its
//! facts and its criteria with their alignment rows), and the browser script loads only
//! the 2-4 chosen roles' scripts to build their table (`?roles=a,b`), so nothing the page
//! loads grows with roles x criteria.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{RoleColumn, TitledLink, roles_breadcrumbs};
use crate::link::Site;
use crate::model::Model;
use crate::model::labels::number_label;
use crate::model::roles::{self, CriterionView, RoleView, normalise_text};
use crate::parse::kinds::{Category, Need};
use crate::plan::Templates;
use crate::render::context::Head;
use crate::render::context::role::{self, Role};
use crate::urls;

/// The most roles the all-roles table shows.
pub const STATIC_ROLES: usize = crate::model::recruiting::COMPARE_STATIC_ROLES;

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
    /// Every role, in display order, with where its comparison data is.
    pub roles: Vec<PickRole>,
    /// Table columns (roles and the label column).
    pub columns: usize,
    /// Fact rows (empty past the limit).
    pub fact_rows: Vec<FactRow>,
    /// Criteria counts per role (empty past the limit).
    pub count_rows: Vec<FactRow>,
    /// Aligned criteria (empty past the limit).
    pub criteria_sections: Vec<CriteriaSection<Vec<CriteriaCell>>>,
}

/// A role the reader can pick to compare.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PickRole {
    /// Its id, title, page, grade and checklist.
    #[serde(flatten)]
    pub role: RoleColumn,
    /// Its setting.
    pub setting: Option<String>,
    /// The script with its comparison data, loaded only when it is compared.
    pub data_url: String,
}

/// The row an alignment group takes in the comparison: where it goes and what it is called.
#[derive(Debug, Clone, Serialize)]
struct GroupRow<'a> {
    /// The display order of the row's section.
    rank: usize,
    /// The row's section (category) heading.
    section: &'static str,
    /// The row's label: the group's first criterion's text.
    label: &'a str,
}

/// One fact of a role, with its row's label.
#[derive(Debug, Clone, Serialize)]
struct LabelledCell {
    label: String,
    #[serde(flatten)]
    cell: FactCell,
}

/// What `compare/<id>.js` holds: the role in the one shape every output uses
/// ([`crate::render::context::role::Role`], as on its page and in `roles.json`), and what
/// only the comparison needs: its facts as cells, its counts, the row of each of its
/// criteria's alignment groups, and which criteria are worded otherwise than their row.
#[derive(Debug, Clone, Serialize)]
struct RoleData<'a> {
    role: Role,
    facts: Vec<LabelledCell>,
    counts: Vec<LabelledCell>,
    rows: BTreeMap<String, GroupRow<'a>>,
    own_wording: Vec<usize>,
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

/// The comparison page's context: the roles to pick from, and, for a handbook of up to
/// [`STATIC_ROLES`] roles, the table of all of them (what readers without JavaScript see).
pub fn compare(site: &Site, model: &Model, templates: &Templates) -> CompareContext {
    let roles = &model.roles;
    let checklists = templates.has("checklist.html");
    let static_table = roles.len() <= STATIC_ROLES;
    let (facts, counts, sections) = if static_table {
        (
            fact_rows(site, roles),
            count_rows(roles),
            criteria_sections(roles),
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    CompareContext {
        head: Head::generated(
            "Compare roles",
            "compare",
            urls::COMPARE_URL,
            Some("Roles side by side: organisation, setting, grade, hours, reporting line, line management, travel, professional bodies, competencies and person specifications.".into()),
            roles_breadcrumbs(site, roles),
        ),
        static_table,
        static_limit: STATIC_ROLES,
        roles: roles
            .iter()
            .map(|r| PickRole {
                role: RoleColumn::of(site, r, checklists),
                setting: r.fields(site).setting.clone(),
                data_url: urls::compare_role_url(&r.id),
            })
            .collect(),
        columns: roles.len() + 1,
        fact_rows: facts,
        count_rows: counts,
        criteria_sections: sections
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
            .collect(),
    }
}

/// The script with role `r`'s comparison data: its facts, its counts and its criteria with
/// their rows, so the browser can line up any 2-4 roles from their files alone.
pub fn role_data(site: &Site, model: &Model, templates: &Templates, r: usize) -> String {
    let view = &model.roles[r];
    let one = std::slice::from_ref(view);
    let labelled = |rows: Vec<FactRow>| -> Vec<LabelledCell> {
        rows.into_iter()
            .filter_map(|row| {
                let label = row.label;
                row.cells
                    .into_iter()
                    .next()
                    .map(|cell| LabelledCell { label, cell })
            })
            .collect()
    };
    let groups = &model.recruiting.groups;
    let mut rows = BTreeMap::new();
    let mut own_wording = Vec::new();
    for c in &view.criteria {
        let group = groups.get(c.group);
        let label = group.map_or(c.text.as_str(), |g| g.label.as_str());
        let category = group.map_or(c.category, |g| g.category);
        rows.entry(format!("g{}", c.group)).or_insert(GroupRow {
            rank: roles::category_rank(category),
            section: roles::category_label(category),
            label,
        });
        if normalise_text(&c.text) != normalise_text(label) {
            own_wording.push(c.number);
        }
    }
    let data = RoleData {
        role: role::role(site, view, templates),
        facts: labelled(fact_rows(site, one)),
        counts: labelled(count_rows(one)),
        rows,
        own_wording,
    };
    format!(
        "// One role's comparison data, for compare.js (generated: do not edit).\n(window.HandbookCompareRoles = window.HandbookCompareRoles || {{}})[{}] = {};\n",
        serde_json::to_string(&view.id).unwrap_or_else(|_| "\"\"".into()),
        serde_json::to_string(&data).unwrap_or_else(|_| "null".into())
    )
}
