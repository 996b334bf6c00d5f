//! A role as every output shows it: the role page (`page.role`), its checklist
//! (`page.role`), the comparison's data and `roles.json` all serialise this one
//! [`Role`], so a theme, a script and another system read the same names.

use schemars::JsonSchema;
use serde::Serialize;

use super::{PageLink, Ref, page_link, reference, references, target_ref};
use crate::link::{Site, Target};
use crate::model::labels::number_label;
use crate::model::roles::{
    self as roles_model, RoleView, category_label, category_name, need_name,
};
use crate::model::taxonomy::term_url;
use crate::parse::kinds::{Category, Need};
use crate::plan::Templates;
use crate::urls;

/// Where a role's text comes from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SourceInfo {
    /// The document's reference.
    pub document: Option<String>,
    /// Its version.
    pub version: Option<String>,
    /// Its date of issue, `YYYY-MM-DD`.
    pub issued: Option<String>,
}

/// The recruiting outputs of a role.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RoleLinks {
    /// Its checklist, if the theme has checklists.
    pub checklist_url: Option<String>,
    /// Its person specification as CSV.
    pub csv_url: String,
    /// The comparison page.
    pub compare_url: String,
    /// The career pathway page.
    pub pathway_url: String,
    /// `roles.json`.
    pub roles_json_url: String,
}

/// One requirement of a person specification.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Criterion {
    /// 1-based position in the role's specification: the id scores and exports use.
    pub number: usize,
    /// The requirement as the source states it.
    pub text: String,
    /// Its category's front-matter name (`experience`), `other` when none is given.
    pub category: &'static str,
    /// Its category's heading (`Experience`).
    pub category_label: &'static str,
    /// `essential`, `desirable` or `unspecified`.
    pub need: &'static str,
    /// `Essential`, `Desirable`, or the label for a need the source leaves open.
    pub need_label: &'static str,
    /// How it is assessed, as front-matter names (`interview`).
    pub assessed_by: Vec<&'static str>,
    /// How it is assessed, as labels joined by commas (`Application, Interview`); empty
    /// when the source does not say.
    pub assessed_label: String,
    /// What it relates to.
    pub refs: Vec<Ref>,
    /// True when a reference is a competency or value (an item), so training applies.
    pub relates_to_items: bool,
    /// Training modules that develop the items it refers to, by title.
    pub training: Vec<PageLink>,
    /// Its alignment group (`g12`): criteria of any role with the same group mean the same.
    pub group: String,
}

/// A role's criteria of one category.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CriterionGroup {
    /// The category's front-matter name, `other` for criteria without one.
    pub category: &'static str,
    /// Its heading.
    pub label: &'static str,
    /// True when the source marks some of its criteria essential or desirable.
    pub needs_stated: bool,
    /// Its criteria, in source order.
    pub criteria: Vec<Criterion>,
}

/// A role: its facts, references and person specification.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Role {
    /// Short id, unique among roles, used in `?roles=a,b`.
    pub id: String,
    /// The reference key (`roles/x`).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: Option<String>,
    /// Its page.
    pub url: String,
    /// Employer.
    pub organisation: Option<String>,
    /// The organisation's index page.
    pub organisation_url: Option<String>,
    /// Service setting.
    pub setting: Option<String>,
    /// Grade or band, as the source writes it.
    pub grade: Option<String>,
    /// The grade's index page.
    pub grade_url: Option<String>,
    /// Staff group profile.
    pub group_profile: Option<String>,
    /// The post it reports to, as text.
    pub reports_to: Option<String>,
    /// The role page it reports to.
    pub reports_to_role: Option<Ref>,
    /// Where the work is.
    pub location: Option<String>,
    /// Pay, as the source states it.
    pub salary: Option<String>,
    /// Who the post manages.
    pub line_management: Option<String>,
    /// Contracted hours, as a number.
    pub hours_per_week: Option<f64>,
    /// The same as people write it (`37`, `37.5`).
    pub hours_label: Option<String>,
    /// Travel expectations.
    pub travel: Option<String>,
    /// The job description it is built from.
    pub source: Option<SourceInfo>,
    /// Framework items it requires.
    pub competencies: Vec<Ref>,
    /// Ethos items it requires.
    pub ethos: Vec<Ref>,
    /// Professional bodies (glossary terms).
    pub professional_bodies: Vec<Ref>,
    /// The index of roles by professional body.
    pub professional_bodies_index: String,
    /// The person specification, by category in display order.
    pub person_spec: Vec<CriterionGroup>,
    /// Criteria in all.
    pub criteria_count: usize,
    /// Essential criteria.
    pub essential_count: usize,
    /// Desirable criteria.
    pub desirable_count: usize,
    /// Criteria whose need the source leaves open.
    pub unspecified_count: usize,
    /// True when the source gives no criterion a need.
    pub all_unspecified: bool,
    /// True when the source says how no criterion is assessed.
    pub none_assessed: bool,
    /// Its recruiting outputs.
    pub recruiting: RoleLinks,
}

/// The modules that develop the items a criterion refers to, by title, once each.
fn training(site: &Site, refs: &[(String, Option<Target>)]) -> Vec<PageLink> {
    let mut modules: Vec<usize> = refs
        .iter()
        .filter_map(|(_, t)| t.as_ref())
        .flat_map(|t| roles_model::modules_developing(site, t))
        .collect();
    modules.sort_by(|a, b| {
        site.pages[*a]
            .common
            .title
            .cmp(&site.pages[*b].common.title)
    });
    modules.dedup();
    modules.into_iter().map(|m| page_link(site, m)).collect()
}

fn criterion(site: &Site, c: &roles_model::CriterionView) -> Criterion {
    let labels: Vec<&str> = c.assessed_by.iter().map(|a| a.label()).collect();
    Criterion {
        number: c.number,
        text: c.text.clone(),
        category: category_name(c.category),
        category_label: category_label(c.category),
        need: need_name(c.need),
        need_label: c.need.label(),
        assessed_by: c.assessed_by.iter().map(|a| a.name()).collect(),
        assessed_label: labels.join(", "),
        refs: c
            .refs
            .iter()
            .map(|(written, t)| match t {
                Some(t) => target_ref(site, written, t),
                None => reference(site, written),
            })
            .collect(),
        relates_to_items: c
            .refs
            .iter()
            .any(|(_, t)| matches!(t, Some(Target::Item(..)))),
        training: training(site, &c.refs),
        group: format!("g{}", c.group),
    }
}

/// The role `view` as every output shows it.
pub fn role(site: &Site, view: &RoleView, templates: &Templates) -> Role {
    let page = view.page(site);
    let f = view.fields(site);
    let mut person_spec = Vec::new();
    for cat in Category::ALL.iter().copied().map(Some).chain([None]) {
        let criteria: Vec<Criterion> = view
            .criteria
            .iter()
            .filter(|c| c.category == cat)
            .map(|c| criterion(site, c))
            .collect();
        if !criteria.is_empty() {
            person_spec.push(CriterionGroup {
                category: category_name(cat),
                label: category_label(cat),
                needs_stated: criteria.iter().any(|c| c.need != "unspecified"),
                criteria,
            });
        }
    }
    let count = |n: Need| view.criteria.iter().filter(|c| c.need == n).count();
    let criteria_count = view.criteria.len();
    Role {
        id: view.id.clone(),
        key: page.key.clone(),
        title: page.common.title.clone(),
        summary: page.common.summary.clone(),
        url: page.url.clone(),
        organisation: f.organisation.clone(),
        organisation_url: f
            .organisation
            .as_deref()
            .map(|o| term_url("organisations", o)),
        setting: f.setting.clone(),
        grade: f.grade.clone(),
        grade_url: f.grade.as_deref().map(|g| term_url("grades", g)),
        group_profile: f.group_profile.clone(),
        reports_to: f.reports_to.clone(),
        reports_to_role: f.reports_to_role.as_deref().map(|r| reference(site, r)),
        location: f.location.clone(),
        salary: f.salary.clone(),
        line_management: f.line_management.clone(),
        hours_per_week: f.hours_per_week,
        hours_label: f.hours_per_week.map(number_label),
        travel: f.travel.clone(),
        source: f.source.as_ref().map(|s| SourceInfo {
            document: s.document.clone(),
            version: s.version.clone(),
            issued: s.issued.map(|d| d.to_string()),
        }),
        competencies: references(site, &f.competencies),
        ethos: references(site, &f.ethos),
        professional_bodies: references(site, &f.professional_bodies),
        professional_bodies_index: urls::PROFESSIONAL_BODIES_INDEX.to_string(),
        person_spec,
        criteria_count,
        essential_count: count(Need::Essential),
        desirable_count: count(Need::Desirable),
        unspecified_count: count(Need::Unspecified),
        all_unspecified: criteria_count > 0 && count(Need::Unspecified) == criteria_count,
        none_assessed: criteria_count > 0 && view.criteria.iter().all(|c| c.assessed_by.is_empty()),
        recruiting: RoleLinks {
            checklist_url: templates
                .has("checklist.html")
                .then(|| urls::checklist_url(&page.url)),
            csv_url: urls::spec_csv_url(&page.url),
            compare_url: urls::COMPARE_URL.to_string(),
            pathway_url: urls::PATHWAY_URL.to_string(),
            roles_json_url: urls::ROLES_JSON_URL.to_string(),
        },
    }
}
