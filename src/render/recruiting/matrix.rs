//! The role-by-competency matrix, in pages that do not grow with roles x competencies:
//!
//! - `recruiting/matrix.html`: every framework (and ethos page) a role refers to, with its
//!   counts, and every setting;
//! - `recruiting/matrix/<framework>.html`: the framework's items against the roles that
//!   refer to it, grouped by setting; when more than `MATRIX_COLUMNS` roles do, it is an
//!   overview of items against settings, and each setting's roles get their own pages
//!   (`recruiting/matrix/<framework>/<setting>.html`, in parts of `MATRIX_COLUMNS`);
//! - `recruiting/matrix-by-setting/<setting>.html`: the frameworks a setting's roles refer
//!   to.
//!
//! Plain HTML tables: nothing here needs JavaScript. The division comes from
//! `model::recruiting`.

use schemars::JsonSchema;
use serde::Serialize;

use super::{RoleColumn, TitledLink, roles_breadcrumbs};
use crate::link::{Site, Target, item_url};
use crate::model::Model;
use crate::model::recruiting::{FrameworkRoles, MATRIX_COLUMNS};
use crate::model::roles::{RoleView, modules_developing};
use crate::render::context::{Head, PageLink, Parts, page_link};
use crate::urls;

/// A criterion that assesses an item.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AssessingCriterion {
    /// Its number in its role.
    pub number: usize,
    /// `essential`, `desirable` or `unspecified`.
    pub need: &'static str,
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

/// One item against the table's roles.
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

/// A setting's share of a framework's roles.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SettingShare {
    /// The setting.
    pub name: String,
    /// Its roles that refer to the framework.
    pub roles: usize,
    /// Where they are shown.
    pub url: String,
}

/// A framework or ethos page in the matrix's index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FrameworkEntry {
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// `framework` or `ethos`.
    pub kind: &'static str,
    /// Its matrix page.
    pub matrix_url: String,
    /// How many items it has.
    pub items: usize,
    /// How many roles refer to it.
    pub roles: usize,
    /// How many settings those roles are in.
    pub settings: usize,
}

/// A setting in the matrix's index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SettingEntry {
    /// The setting.
    pub name: String,
    /// The frameworks its roles refer to.
    pub url: String,
    /// Its roles.
    pub roles: usize,
    /// How many frameworks and ethos pages its roles refer to.
    pub frameworks: usize,
}

/// The `page` of `matrix.html`: the index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixIndexContext {
    /// What every page has (`kind` is `matrix`).
    #[serde(flatten)]
    pub head: Head,
    /// Every framework or ethos page a role refers to, frameworks first.
    pub frameworks: Vec<FrameworkEntry>,
    /// Every setting of the roles.
    pub settings: Vec<SettingEntry>,
}

/// Columns of one setting in a matrix table.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ColumnGroup {
    /// The setting.
    pub name: String,
    /// How many role columns it spans.
    pub span: usize,
}

/// The `page` of `matrix-table.html`: a framework's items against roles.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixTableContext {
    /// What every page has (`kind` is `matrix`).
    #[serde(flatten)]
    pub head: Head,
    /// The framework or ethos page.
    pub framework: PageLink,
    /// The framework's overview, when this is one setting's part of a split matrix.
    pub overview_url: Option<String>,
    /// The setting, when this is one setting's part.
    pub setting: Option<String>,
    /// Where this part is among the setting's parts.
    pub parts: Option<Parts>,
    /// The roles, in column order.
    pub roles: Vec<RoleColumn>,
    /// The settings the columns are grouped by.
    pub column_groups: Vec<ColumnGroup>,
    /// One row per item.
    pub rows: Vec<MatrixRow>,
}

/// One item against the settings, in a split matrix's overview.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OverviewRow {
    /// The item's name.
    pub name: String,
    /// Its number.
    pub number: Option<u32>,
    /// Its page.
    pub url: String,
    /// Per setting (in `settings` order), how many of its roles require or assess it.
    pub counts: Vec<usize>,
    /// Modules that develop it.
    pub training: Vec<TitledLink>,
}

/// The `page` of `matrix-framework.html`: a split framework's items against settings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixOverviewContext {
    /// What every page has (`kind` is `matrix`).
    #[serde(flatten)]
    pub head: Head,
    /// The framework or ethos page.
    pub framework: PageLink,
    /// The settings of the roles that refer to it, each with its part pages.
    pub settings: Vec<SettingShare>,
    /// One row per item.
    pub rows: Vec<OverviewRow>,
}

/// The `page` of `matrix-setting.html`: the frameworks one setting's roles refer to.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixSettingContext {
    /// What every page has (`kind` is `matrix`).
    #[serde(flatten)]
    pub head: Head,
    /// The setting.
    pub setting: String,
    /// Its roles.
    pub roles: Vec<RoleColumn>,
    /// The frameworks its roles refer to, with how many of them and where they are shown.
    pub frameworks: Vec<SettingShare>,
}

fn crumbs(site: &Site, model: &Model) -> Vec<PageLink> {
    let mut out = roles_breadcrumbs(site, &model.roles);
    out.push(PageLink {
        title: "Roles and competencies".into(),
        url: urls::MATRIX_URL.into(),
        summary: None,
        kind: "matrix".into(),
        is_section: false,
    });
    out
}

/// Where a framework's roles of setting `s` are shown.
fn share_url(site: &Site, model: &Model, fw: &FrameworkRoles, s: usize) -> String {
    let key = &site.pages[fw.page].key;
    if fw.split() {
        urls::matrix_part_url(key, &model.recruiting.settings[s].slug, 0)
    } else {
        urls::matrix_url(key)
    }
}

fn shares(site: &Site, model: &Model, fw: &FrameworkRoles) -> Vec<SettingShare> {
    fw.by_setting
        .iter()
        .map(|(s, roles)| SettingShare {
            name: model.recruiting.settings[*s].label().to_string(),
            roles: roles.len(),
            url: share_url(site, model, fw, *s),
        })
        .collect()
}

/// The context of the matrix's index.
pub fn index_context(site: &Site, model: &Model) -> MatrixIndexContext {
    let rec = &model.recruiting;
    let frameworks = rec
        .frameworks
        .iter()
        .map(|fw| {
            let page = &site.pages[fw.page];
            FrameworkEntry {
                title: page.common.title.clone(),
                url: page.url.clone(),
                kind: page.kind.name(),
                matrix_url: urls::matrix_url(&page.key),
                items: page.common.items.len(),
                roles: fw.role_count(),
                settings: fw.by_setting.len(),
            }
        })
        .collect();
    let settings = rec
        .settings
        .iter()
        .enumerate()
        .map(|(s, setting)| SettingEntry {
            name: setting.label().to_string(),
            url: urls::matrix_setting_url(&setting.slug),
            roles: setting.roles.len(),
            frameworks: rec
                .frameworks
                .iter()
                .filter(|fw| fw.by_setting.iter().any(|(x, _)| *x == s))
                .count(),
        })
        .collect();
    let mut head = Head::generated(
        "Roles and competencies",
        "matrix",
        urls::MATRIX_URL,
        Some("Which roles require each competency and value, where their person specifications assess it, and the training that develops it: one table per framework.".into()),
        roles_breadcrumbs(site, &model.roles),
    );
    head.kind_label = "Recruiting and training".into();
    MatrixIndexContext {
        head,
        frameworks,
        settings,
    }
}

/// The items a role requires (competencies and ethos) of page `p`, by item index.
fn required_items(site: &Site, role: &RoleView, p: usize) -> Vec<usize> {
    let f = role.fields(site);
    f.competencies
        .iter()
        .chain(&f.ethos)
        .filter_map(|r| match site.resolve_ref(r) {
            Ok(Target::Item(q, i)) if q == p => Some(i),
            _ => None,
        })
        .collect()
}

fn training(site: &Site, p: usize, i: usize) -> Vec<TitledLink> {
    modules_developing(site, &Target::Item(p, i))
        .into_iter()
        .map(|m| TitledLink {
            title: site.pages[m].common.title.clone(),
            url: Some(site.pages[m].url.clone()),
        })
        .collect()
}

/// Item rows of page `p` against `roles` (indexes into `Model::roles`).
fn rows(site: &Site, model: &Model, p: usize, roles: &[usize]) -> Vec<MatrixRow> {
    let page = &site.pages[p];
    let required: Vec<Vec<usize>> = roles
        .iter()
        .map(|&r| required_items(site, &model.roles[r], p))
        .collect();
    page.common
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| MatrixRow {
            id: item.id.clone(),
            name: item.name.clone(),
            number: item.number,
            cluster: item.cluster.clone(),
            url: item_url(page, &item.id),
            cells: roles
                .iter()
                .enumerate()
                .map(|(k, &r)| {
                    let role = &model.roles[r];
                    let is_required = required[k].contains(&i);
                    let criteria: Vec<AssessingCriterion> = role
                        .criteria
                        .iter()
                        .filter(|c| c.refs.iter().any(|(_, t)| *t == Some(Target::Item(p, i))))
                        .map(|c| AssessingCriterion {
                            number: c.number,
                            need: crate::model::roles::need_name(c.need),
                            need_label: c.need.label(),
                            text: c.text.clone(),
                        })
                        .collect();
                    MatrixCell {
                        role: role.id.clone(),
                        required: is_required,
                        listed: is_required || !criteria.is_empty(),
                        criteria,
                    }
                })
                .collect(),
            training: training(site, p, i),
        })
        .collect()
}

fn framework_link(site: &Site, p: usize) -> PageLink {
    page_link(site, p)
}

/// The context of a framework's whole table (its matrix is not split).
pub fn table_context(site: &Site, model: &Model, f: usize) -> MatrixTableContext {
    let fw = &model.recruiting.frameworks[f];
    let page = &site.pages[fw.page];
    let roles: Vec<usize> = fw
        .by_setting
        .iter()
        .flat_map(|(_, r)| r.iter().copied())
        .collect();
    let column_groups = fw
        .by_setting
        .iter()
        .map(|(s, r)| ColumnGroup {
            name: model.recruiting.settings[*s].label().to_string(),
            span: r.len(),
        })
        .collect();
    let mut head = Head::generated(
        format!("{}: roles and competencies", page.common.title),
        "matrix",
        urls::matrix_url(&page.key),
        Some(format!(
            "The items of {} against the {} roles that refer to them.",
            page.common.title,
            roles.len()
        )),
        crumbs(site, model),
    );
    head.kind_label = "Recruiting and training".into();
    MatrixTableContext {
        head,
        framework: framework_link(site, fw.page),
        overview_url: None,
        setting: None,
        parts: None,
        roles: roles
            .iter()
            .map(|&r| RoleColumn::of(site, &model.roles[r], false))
            .collect(),
        column_groups,
        rows: rows(site, model, fw.page, &roles),
    }
}

/// The context of one part of a split framework matrix: setting `s`, part `n`.
pub fn part_context(
    site: &Site,
    model: &Model,
    f: usize,
    s: usize,
    n: usize,
) -> MatrixTableContext {
    let fw = &model.recruiting.frameworks[f];
    let page = &site.pages[fw.page];
    let setting = &model.recruiting.settings[s];
    let all: &[usize] = fw
        .by_setting
        .iter()
        .find(|(x, _)| *x == s)
        .map(|(_, r)| r.as_slice())
        .unwrap_or_default();
    let chunks: Vec<&[usize]> = all.chunks(MATRIX_COLUMNS).collect();
    let roles: &[usize] = chunks.get(n).copied().unwrap_or_default();
    let url = |k: usize| urls::matrix_part_url(&page.key, &setting.slug, k);
    let mut crumbs = crumbs(site, model);
    crumbs.push(PageLink {
        title: page.common.title.clone(),
        url: urls::matrix_url(&page.key),
        summary: None,
        kind: "matrix".into(),
        is_section: false,
    });
    let mut head = Head::generated(
        format!("{}: {}", page.common.title, setting.label()),
        "matrix",
        url(n),
        Some(format!(
            "The items of {} against the roles of {} that refer to them{}.",
            page.common.title,
            setting.label(),
            if chunks.len() > 1 {
                format!(" (part {} of {})", n + 1, chunks.len())
            } else {
                String::new()
            }
        )),
        crumbs,
    );
    head.kind_label = "Recruiting and training".into();
    MatrixTableContext {
        head,
        framework: framework_link(site, fw.page),
        overview_url: Some(urls::matrix_url(&page.key)),
        setting: Some(setting.label().to_string()),
        parts: (chunks.len() > 1).then(|| Parts {
            number: n + 1,
            of: chunks.len(),
            prev_url: n.checked_sub(1).map(url),
            next_url: (n + 1 < chunks.len()).then(|| url(n + 1)),
        }),
        roles: roles
            .iter()
            .map(|&r| RoleColumn::of(site, &model.roles[r], false))
            .collect(),
        column_groups: vec![ColumnGroup {
            name: setting.label().to_string(),
            span: roles.len(),
        }],
        rows: rows(site, model, fw.page, roles),
    }
}

/// The context of a split framework's overview: its items against settings.
pub fn overview_context(site: &Site, model: &Model, f: usize) -> MatrixOverviewContext {
    let fw = &model.recruiting.frameworks[f];
    let page = &site.pages[fw.page];
    let items = page.common.items.len();
    // Per setting, how many of its roles require or refer to each item: each role's
    // references are read once, not once per item.
    let per_setting: Vec<Vec<usize>> = fw
        .by_setting
        .iter()
        .map(|(_, roles)| {
            let mut counts = vec![0usize; items];
            for &r in roles {
                let role = &model.roles[r];
                let mut refers = vec![false; items];
                for i in required_items(site, role, fw.page) {
                    if let Some(x) = refers.get_mut(i) {
                        *x = true;
                    }
                }
                for c in &role.criteria {
                    for (_, t) in &c.refs {
                        if let Some(Target::Item(q, i)) = t
                            && *q == fw.page
                            && let Some(x) = refers.get_mut(*i)
                        {
                            *x = true;
                        }
                    }
                }
                for (count, yes) in counts.iter_mut().zip(refers) {
                    *count += usize::from(yes);
                }
            }
            counts
        })
        .collect();
    let rows = page
        .common
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| OverviewRow {
            name: item.name.clone(),
            number: item.number,
            url: item_url(page, &item.id),
            counts: per_setting.iter().map(|counts| counts[i]).collect(),
            training: training(site, fw.page, i),
        })
        .collect();
    let mut head = Head::generated(
        format!("{}: roles and competencies", page.common.title),
        "matrix",
        urls::matrix_url(&page.key),
        Some(format!(
            "{} roles refer to the items of {}: how many in each setting, and where each setting's roles are shown side by side.",
            fw.role_count(),
            page.common.title
        )),
        crumbs(site, model),
    );
    head.kind_label = "Recruiting and training".into();
    MatrixOverviewContext {
        head,
        framework: framework_link(site, fw.page),
        settings: shares(site, model, fw),
        rows,
    }
}

/// The context of setting `s`'s page: the frameworks its roles refer to.
pub fn setting_context(site: &Site, model: &Model, s: usize) -> MatrixSettingContext {
    let setting = &model.recruiting.settings[s];
    let frameworks = model
        .recruiting
        .frameworks
        .iter()
        .filter_map(|fw| {
            let (_, roles) = fw.by_setting.iter().find(|(x, _)| *x == s)?;
            Some(SettingShare {
                name: site.pages[fw.page].common.title.clone(),
                roles: roles.len(),
                url: share_url(site, model, fw, s),
            })
        })
        .collect();
    let mut head = Head::generated(
        format!("Roles and competencies: {}", setting.label()),
        "matrix",
        urls::matrix_setting_url(&setting.slug),
        Some(format!(
            "The frameworks and values the {} roles of {} refer to.",
            setting.roles.len(),
            setting.label()
        )),
        crumbs(site, model),
    );
    head.kind_label = "Recruiting and training".into();
    MatrixSettingContext {
        head,
        setting: setting.label().to_string(),
        roles: setting
            .roles
            .iter()
            .map(|&r| RoleColumn::of(site, &model.roles[r], false))
            .collect(),
        frameworks,
    }
}
