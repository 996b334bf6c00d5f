//! The career pathway page: roles that share a setting, ordered by grade, with what each
//! step adds over the one before it (criteria, competencies, responsibilities).
//!
//! Grades are ordered only when they are plain (`Band 7`, `Band 8a`: see
//! `model::roles::parse_grade`) and of the same scheme; any other role is listed apart
//! with the reason, never placed by guesswork.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::Serialize;

use super::{TitledLink, roles_breadcrumbs};
use crate::link::Site;
use crate::model::Model;
use crate::model::labels::number_label;
use crate::model::roles::{self, Grade, RoleView, normalise_text, parse_grade};
use crate::plan::{Templates, urls};
use crate::render::context::Head;

/// A criterion a step adds or drops.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepCriterion {
    /// Its number in its role.
    pub number: usize,
    /// Its text.
    pub text: String,
    /// Its need's label.
    pub need_label: &'static str,
    /// Its category's heading.
    pub category_label: &'static str,
}

/// A fact that changes from one step to the next.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Change {
    /// The fact.
    pub label: &'static str,
    /// Its value at the step before (values of several roles joined by `; `).
    pub from: String,
    /// Its value here.
    pub to: String,
}

/// A heading of a role page, linked.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HeadingLink {
    /// The heading's text.
    pub title: String,
    /// The page and anchor.
    pub url: String,
}

/// A role page's responsibilities section and its subsections.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Responsibilities {
    /// The section's heading.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// Its subsections.
    pub subsections: Vec<HeadingLink>,
}

/// A role the step before is compared with.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComparedRole {
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its grade.
    pub grade: Option<String>,
}

/// One role at a step of a pathway, with what it adds over the step before.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepRole {
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its checklist, if built.
    pub checklist_url: Option<String>,
    /// Its grade.
    pub grade: Option<String>,
    /// Its group profile.
    pub group_profile: Option<String>,
    /// Who it manages.
    pub line_management: Option<String>,
    /// Its criteria in all.
    pub criteria_count: usize,
    /// Its page's responsibilities section, if it has one.
    pub responsibility_sections: Option<Responsibilities>,
    /// True at the first step, which is compared with nothing.
    pub first: bool,
    /// The first step's competencies.
    pub competencies: Vec<TitledLink>,
    /// The roles of the step before.
    pub compared_with: Vec<ComparedRole>,
    /// Criteria the step before has none like.
    pub new_criteria: Vec<StepCriterion>,
    /// Criteria of the step before this role has none like.
    pub dropped_criteria: Vec<StepCriterion>,
    /// Competencies the step before does not require.
    pub new_competencies: Vec<TitledLink>,
    /// Competencies of the step before it does not require.
    pub dropped_competencies: Vec<TitledLink>,
    /// Facts that change.
    pub changes: Vec<Change>,
}

/// One grade of a pathway.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Step {
    /// 1 for the lowest grade.
    pub number: usize,
    /// The grade as written.
    pub grade: Option<String>,
    /// Its roles.
    pub roles: Vec<StepRole>,
}

/// Roles of one setting and grade scheme, by grade.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Pathway {
    /// The setting as written by its first role.
    pub setting: Option<String>,
    /// Its steps, lowest grade first.
    pub steps: Vec<Step>,
}

/// A role no pathway can place, and why.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Unordered {
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its setting.
    pub setting: Option<String>,
    /// Its grade.
    pub grade: Option<String>,
    /// Why it is not on a pathway.
    pub reason: String,
}

/// The `page` of `pathway.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PathwayContext {
    /// What every page has (`kind` is `pathway`).
    #[serde(flatten)]
    pub head: Head,
    /// Every pathway.
    pub pathways: Vec<Pathway>,
    /// Roles on no pathway.
    pub unordered: Vec<Unordered>,
}

/// The context of the pathway page.
pub fn pathway_context(site: &Site, model: &Model, templates: &Templates) -> PathwayContext {
    let roles = &model.roles;
    let checklists = templates.has("checklist.html");
    // (setting key, scheme) -> roles with their grades; insertion order kept by index.
    let mut ladders: BTreeMap<(String, String), Vec<(Grade, usize)>> = BTreeMap::new();
    let mut unordered: Vec<(usize, String)> = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let f = r.fields(site);
        let setting = f.setting.as_deref().map(normalise_text);
        let grade = f.grade.as_deref();
        match (setting.filter(|s| !s.is_empty()), grade.and_then(parse_grade)) {
            (None, _) => unordered.push((i, "no setting is given, so it has no pathway".into())),
            (_, None) if grade.is_none() => unordered.push((i, "no grade or band is given".into())),
            (_, None) => unordered.push((
                i,
                format!(
                    "its grade \u{201c}{}\u{201d} is not a plain grade or band that can be put in order",
                    grade.unwrap_or_default()
                ),
            )),
            (Some(s), Some(g)) => ladders.entry((s, g.scheme.clone())).or_default().push((g, i)),
        }
    }
    let mut pathways = Vec::new();
    for (_, mut members) in ladders {
        if members.len() < 2 {
            for (_, i) in members {
                unordered.push((
                    i,
                    "it is the only role in its setting with a grade that can be put in order"
                        .into(),
                ));
            }
            continue;
        }
        members.sort();
        let mut steps: Vec<(Grade, Vec<usize>)> = Vec::new();
        for (g, i) in members {
            match steps.last_mut() {
                Some((last, list)) if *last == g => list.push(i),
                _ => steps.push((g, vec![i])),
            }
        }
        let first = &roles[steps[0].1[0]];
        let mut out_steps = Vec::new();
        for (k, (_, members)) in steps.iter().enumerate() {
            let previous: &[usize] = if k == 0 { &[] } else { &steps[k - 1].1 };
            out_steps.push(Step {
                number: k + 1,
                grade: roles[steps[k].1[0]].fields(site).grade.clone(),
                roles: members
                    .iter()
                    .map(|&i| step_role(site, roles, i, previous, checklists))
                    .collect(),
            });
        }
        pathways.push(Pathway {
            setting: first.fields(site).setting.clone(),
            steps: out_steps,
        });
    }
    unordered.sort_by_key(|(i, _)| *i);
    PathwayContext {
        head: Head::generated(
            "Career pathways",
            "pathway",
            urls::PATHWAY_URL,
            Some("Roles in the same setting ordered by grade, with what each step adds: new criteria, competencies and responsibilities.".into()),
            roles_breadcrumbs(site, roles),
        ),
        pathways,
        unordered: unordered
            .into_iter()
            .map(|(i, reason)| {
                let r = &roles[i];
                let f = r.fields(site);
                Unordered {
                    title: r.title(site).to_string(),
                    url: r.page(site).url.clone(),
                    setting: f.setting.clone(),
                    grade: f.grade.clone(),
                    reason,
                }
            })
            .collect(),
    }
}

/// Competency titles (resolved, normalised) -> display link.
fn competencies(site: &Site, role: &RoleView) -> BTreeMap<String, TitledLink> {
    role.fields(site)
        .competencies
        .iter()
        .map(|c| {
            let link = match site.resolve_ref(c) {
                Ok(t) => TitledLink {
                    title: site.target_title(&t),
                    url: Some(site.target_url(&t)),
                },
                Err(_) => TitledLink {
                    title: c.clone(),
                    url: None,
                },
            };
            (normalise_text(&link.title), link)
        })
        .collect()
}

fn step_criterion(c: &roles::CriterionView) -> StepCriterion {
    StepCriterion {
        number: c.number,
        text: c.text.clone(),
        need_label: c.need.label(),
        category_label: roles::category_label(c.category),
    }
}

/// One role at a step, with what it adds over the roles of the previous step.
fn step_role(
    site: &Site,
    roles: &[RoleView],
    i: usize,
    previous: &[usize],
    checklists: bool,
) -> StepRole {
    let r = &roles[i];
    let page = r.page(site);
    let f = r.fields(site);
    let mut v = StepRole {
        title: page.common.title.clone(),
        url: page.url.clone(),
        checklist_url: checklists.then(|| urls::checklist_url(page)),
        grade: f.grade.clone(),
        group_profile: f.group_profile.clone(),
        line_management: f.line_management.clone(),
        criteria_count: r.criteria.len(),
        responsibility_sections: responsibility_sections(site, r),
        first: previous.is_empty(),
        competencies: Vec::new(),
        compared_with: Vec::new(),
        new_criteria: Vec::new(),
        dropped_criteria: Vec::new(),
        new_competencies: Vec::new(),
        dropped_competencies: Vec::new(),
        changes: Vec::new(),
    };
    if previous.is_empty() {
        v.competencies = competencies(site, r).into_values().collect();
        return v;
    }
    let before_groups: BTreeSet<usize> = previous
        .iter()
        .flat_map(|&p| roles[p].criteria.iter().map(|c| c.group))
        .collect();
    let own_groups: BTreeSet<usize> = r.criteria.iter().map(|c| c.group).collect();
    v.new_criteria = r
        .criteria
        .iter()
        .filter(|c| !before_groups.contains(&c.group))
        .map(step_criterion)
        .collect();
    let mut dropped_groups = BTreeSet::new();
    for &p in previous {
        for c in &roles[p].criteria {
            if !own_groups.contains(&c.group) && dropped_groups.insert(c.group) {
                v.dropped_criteria.push(step_criterion(c));
            }
        }
    }
    let before_comp: BTreeMap<String, TitledLink> = previous
        .iter()
        .flat_map(|&p| competencies(site, &roles[p]))
        .collect();
    let own_comp = competencies(site, r);
    v.new_competencies = own_comp
        .iter()
        .filter(|(k, _)| !before_comp.contains_key(*k))
        .map(|(_, l)| l.clone())
        .collect();
    v.dropped_competencies = before_comp
        .iter()
        .filter(|(k, _)| !own_comp.contains_key(*k))
        .map(|(_, l)| l.clone())
        .collect();
    type Field = fn(&crate::parse::kinds::RoleFields) -> Option<String>;
    let fields: [(&'static str, Field); 4] = [
        ("Group profile", |f| f.group_profile.clone()),
        ("Line management", |f| f.line_management.clone()),
        ("Reports to", |f| f.reports_to.clone()),
        ("Hours", |f| {
            f.hours_per_week
                .map(|h| format!("{} hours a week", number_label(h)))
        }),
    ];
    for (label, get) in fields {
        let now_text = get(f).unwrap_or_else(|| "not stated".into());
        let before: Vec<String> = previous
            .iter()
            .map(|&p| get(roles[p].fields(site)).unwrap_or_else(|| "not stated".into()))
            .collect();
        if before
            .iter()
            .any(|b| normalise_text(b) != normalise_text(&now_text))
        {
            let mut from = before;
            from.dedup();
            v.changes.push(Change {
                label,
                from: from.join("; "),
                to: now_text,
            });
        }
    }
    v.compared_with = previous
        .iter()
        .map(|&p| ComparedRole {
            title: roles[p].title(site).to_string(),
            url: roles[p].page(site).url.clone(),
            grade: roles[p].fields(site).grade.clone(),
        })
        .collect();
    v
}

/// The role page's responsibilities section and its subsections, by heading, so the
/// pathway can point at the duties a step adds without rewording them.
fn responsibility_sections(site: &Site, r: &RoleView) -> Option<Responsibilities> {
    let page = r.page(site);
    let headings = &page.headings;
    let start = headings.iter().position(|h| {
        let t = h.text.to_lowercase();
        h.level <= 2 && (t.starts_with("responsibilit") || t.contains("duties"))
    })?;
    let level = headings[start].level;
    let subsections = headings[start + 1..]
        .iter()
        .take_while(|h| h.level > level)
        .filter(|h| h.level == level + 1)
        .map(|h| HeadingLink {
            title: h.text.clone(),
            url: format!("{}#{}", page.url, h.id),
        })
        .collect();
    Some(Responsibilities {
        title: headings[start].text.clone(),
        url: format!("{}#{}", page.url, headings[start].id),
        subsections,
    })
}
