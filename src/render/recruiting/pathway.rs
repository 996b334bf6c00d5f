//! The career pathways: an index of settings (`recruiting/pathway.html`), and per setting
//! (`recruiting/pathway/<setting>.html`, in parts of at most `PATHWAY_ROLES` roles) its
//! roles ordered by grade, with what each step adds over the one before it (criteria,
//! competencies, responsibilities). The ladders come from `model::recruiting`.
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
use crate::model::roles::{self, RoleView, normalise_text};
use crate::plan::Templates;
use crate::render::context::{Head, PageLink};
use crate::urls;

/// The most roles, criteria or competencies a step lists of the step before it (the rest
/// are counted): a step of many roles would otherwise repeat the whole grade below it for
/// every role.
pub const LISTED: usize = 12;

/// A criterion a step adds or drops.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepCriterion {
    /// Its number in its role.
    pub number: usize,
    /// Its text.
    pub text: String,
    /// `essential`, `desirable` or `unspecified`.
    pub need: &'static str,
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
    /// The roles of the step before (the first `LISTED`).
    pub compared_with: Vec<ComparedRole>,
    /// How many roles the step before has.
    pub compared_with_count: usize,
    /// Criteria the step before has none like.
    pub new_criteria: Vec<StepCriterion>,
    /// Criteria of the step before this role has none like (the first `LISTED`).
    pub dropped_criteria: Vec<StepCriterion>,
    /// How many criteria of the step before this role has none like.
    pub dropped_criteria_count: usize,
    /// Competencies the step before does not require.
    pub new_competencies: Vec<TitledLink>,
    /// Competencies of the step before it does not require (the first `LISTED`).
    pub dropped_competencies: Vec<TitledLink>,
    /// How many competencies of the step before it does not require.
    pub dropped_competencies_count: usize,
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

/// A setting in the pathways' index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PathwaySetting {
    /// The setting.
    pub name: String,
    /// Its first pathway page.
    pub url: String,
    /// Its roles.
    pub roles: usize,
    /// Its roles on a pathway.
    pub placed: usize,
    /// Its pathways (one per grade scheme).
    pub pathways: usize,
}

/// The `page` of `pathway.html`: the index of settings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PathwayIndexContext {
    /// What every page has (`kind` is `pathway`).
    #[serde(flatten)]
    pub head: Head,
    /// Every setting, in the order of their first role.
    pub settings: Vec<PathwaySetting>,
}

/// The `page` of `pathway-setting.html`: one setting's pathways (or a part of them).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PathwayContext {
    /// What every page has (`kind` is `pathway`).
    #[serde(flatten)]
    pub head: Head,
    /// The setting.
    pub setting: String,
    /// Where this page is among the setting's pages.
    pub parts: Option<crate::render::context::Parts>,
    /// The pathways on this page (a long one continues on the next).
    pub pathways: Vec<Pathway>,
    /// The setting's roles on no pathway (on its last page).
    pub unordered: Vec<Unordered>,
}

fn pathway_crumbs(site: &Site, model: &Model) -> Vec<PageLink> {
    let mut out = roles_breadcrumbs(site, &model.roles);
    out.push(PageLink {
        title: "Career pathways".into(),
        url: urls::PATHWAY_URL.into(),
        summary: None,
        kind: "pathway".into(),
        is_section: false,
    });
    out
}

/// The context of the pathways' index.
pub fn index_context(site: &Site, model: &Model) -> PathwayIndexContext {
    let rec = &model.recruiting;
    let mut head = Head::generated(
        "Career pathways",
        "pathway",
        urls::PATHWAY_URL,
        Some("Roles in the same setting ordered by grade, with what each step adds: new criteria, competencies and responsibilities.".into()),
        roles_breadcrumbs(site, &model.roles),
    );
    head.kind_label = "Recruiting and careers".into();
    PathwayIndexContext {
        head,
        settings: rec
            .settings
            .iter()
            .zip(&rec.pathways)
            .map(|(s, p)| PathwaySetting {
                name: s.label().to_string(),
                url: urls::pathway_setting_url(&s.slug, 0),
                roles: s.roles.len(),
                placed: p.placed(),
                pathways: p.ladders.len(),
            })
            .collect(),
    }
}

/// The context of page `n` of setting `s`'s pathways.
pub fn setting_context(
    site: &Site,
    model: &Model,
    templates: &Templates,
    s: usize,
    n: usize,
) -> PathwayContext {
    let roles = &model.roles;
    let checklists = templates.has("checklist.html");
    let setting = &model.recruiting.settings[s];
    let pathways_of = &model.recruiting.pathways[s];
    let pages = pathways_of.pages();
    let url = |k: usize| urls::pathway_setting_url(&setting.slug, k);
    let ranges = pages.get(n).cloned().unwrap_or_default();
    let pathways = ranges
        .iter()
        .map(|&(l, start, end)| {
            let ladder = &pathways_of.ladders[l];
            let first = &roles[ladder.rungs[0].roles[0]];
            Pathway {
                setting: first.fields(site).setting.clone(),
                steps: (start..end)
                    .map(|k| {
                        let previous: &[usize] = if k == 0 {
                            &[]
                        } else {
                            &ladder.rungs[k - 1].roles
                        };
                        // What the previous step's roles have, gathered once for every
                        // role of this step (a step of a large employer has dozens).
                        let before = Before::of(site, roles, previous);
                        Step {
                            number: k + 1,
                            grade: roles[ladder.rungs[k].roles[0]].fields(site).grade.clone(),
                            roles: ladder.rungs[k]
                                .roles
                                .iter()
                                .map(|&i| step_role(site, roles, i, &before, checklists))
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let last = n + 1 >= pages.len();
    let unordered = if last {
        pathways_of
            .unplaced
            .iter()
            .map(|u| {
                let r = &roles[u.role];
                let f = r.fields(site);
                Unordered {
                    title: r.title(site).to_string(),
                    url: r.page(site).url.clone(),
                    setting: f.setting.clone(),
                    grade: f.grade.clone(),
                    reason: u.reason.clone(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut head = Head::generated(
        format!("Career pathways: {}", setting.label()),
        "pathway",
        url(n),
        Some(format!(
            "The roles of {} ordered by grade, with what each step adds{}.",
            setting.label(),
            if pages.len() > 1 {
                format!(" (part {} of {})", n + 1, pages.len())
            } else {
                String::new()
            }
        )),
        pathway_crumbs(site, model),
    );
    head.kind_label = "Recruiting and careers".into();
    PathwayContext {
        head,
        setting: setting.label().to_string(),
        parts: (pages.len() > 1).then(|| crate::render::context::Parts {
            number: n + 1,
            of: pages.len(),
            prev_url: n.checked_sub(1).map(url),
            next_url: (n + 1 < pages.len()).then(|| url(n + 1)),
        }),
        pathways,
        unordered,
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
        need: roles::need_name(c.need),
        need_label: c.need.label(),
        category_label: roles::category_label(c.category),
    }
}

type Field = fn(&crate::parse::kinds::RoleFields) -> Option<String>;

/// The facts a step compares with the step before it.
const FIELDS: [(&str, Field); 4] = [
    ("Group profile", |f| f.group_profile.clone()),
    ("Line management", |f| f.line_management.clone()),
    ("Reports to", |f| f.reports_to.clone()),
    ("Hours", |f| {
        f.hours_per_week
            .map(|h| format!("{} hours a week", number_label(h)))
    }),
];

/// What the roles of the step before have: their criteria's alignment groups, their
/// competencies and the values of [`FIELDS`], and who they are.
struct Before<'a> {
    roles: &'a [usize],
    groups: BTreeSet<usize>,
    /// Their criteria, once per alignment group, in order.
    criteria: Vec<&'a roles::CriterionView>,
    competencies: BTreeMap<String, TitledLink>,
    /// Per field of [`FIELDS`]: the values, sorted, once each, and their normalised forms.
    values: Vec<(Vec<String>, BTreeSet<String>)>,
    compared: Vec<ComparedRole>,
}

impl<'a> Before<'a> {
    fn of(site: &Site, roles: &'a [RoleView], previous: &'a [usize]) -> Before<'a> {
        let mut groups = BTreeSet::new();
        let mut criteria = Vec::new();
        for &p in previous {
            for c in &roles[p].criteria {
                if groups.insert(c.group) {
                    criteria.push(c);
                }
            }
        }
        let competencies = previous
            .iter()
            .flat_map(|&p| competencies(site, &roles[p]))
            .collect();
        let values = FIELDS
            .iter()
            .map(|(_, get)| {
                let mut all: Vec<String> = previous
                    .iter()
                    .map(|&p| get(roles[p].fields(site)).unwrap_or_else(|| "not stated".into()))
                    .collect();
                all.sort();
                all.dedup();
                let normalised = all.iter().map(|v| normalise_text(v)).collect();
                (all, normalised)
            })
            .collect();
        let compared = previous
            .iter()
            .take(LISTED)
            .map(|&p| ComparedRole {
                title: roles[p].title(site).to_string(),
                url: roles[p].page(site).url.clone(),
                grade: roles[p].fields(site).grade.clone(),
            })
            .collect();
        Before {
            roles: previous,
            groups,
            criteria,
            competencies,
            values,
            compared,
        }
    }
}

/// One role at a step, with what it adds over the roles of the previous step.
fn step_role(
    site: &Site,
    roles: &[RoleView],
    i: usize,
    before: &Before<'_>,
    checklists: bool,
) -> StepRole {
    let r = &roles[i];
    let page = r.page(site);
    let f = r.fields(site);
    let mut v = StepRole {
        title: page.common.title.clone(),
        url: page.url.clone(),
        checklist_url: checklists.then(|| urls::checklist_url(&page.url)),
        grade: f.grade.clone(),
        group_profile: f.group_profile.clone(),
        line_management: f.line_management.clone(),
        criteria_count: r.criteria.len(),
        responsibility_sections: responsibility_sections(site, r),
        first: before.roles.is_empty(),
        competencies: Vec::new(),
        compared_with: Vec::new(),
        compared_with_count: before.roles.len(),
        new_criteria: Vec::new(),
        dropped_criteria: Vec::new(),
        dropped_criteria_count: 0,
        new_competencies: Vec::new(),
        dropped_competencies: Vec::new(),
        dropped_competencies_count: 0,
        changes: Vec::new(),
    };
    if before.roles.is_empty() {
        v.competencies = competencies(site, r).into_values().collect();
        return v;
    }
    let own_groups: BTreeSet<usize> = r.criteria.iter().map(|c| c.group).collect();
    v.new_criteria = r
        .criteria
        .iter()
        .filter(|c| !before.groups.contains(&c.group))
        .map(step_criterion)
        .collect();
    let mut dropped = before
        .criteria
        .iter()
        .filter(|c| !own_groups.contains(&c.group));
    v.dropped_criteria = dropped
        .by_ref()
        .take(LISTED)
        .map(|c| step_criterion(c))
        .collect();
    v.dropped_criteria_count = v.dropped_criteria.len() + dropped.count();
    let own_comp = competencies(site, r);
    v.new_competencies = own_comp
        .iter()
        .filter(|(k, _)| !before.competencies.contains_key(*k))
        .map(|(_, l)| l.clone())
        .collect();
    let dropped: Vec<&TitledLink> = before
        .competencies
        .iter()
        .filter(|(k, _)| !own_comp.contains_key(*k))
        .map(|(_, l)| l)
        .collect();
    v.dropped_competencies_count = dropped.len();
    v.dropped_competencies = dropped.into_iter().take(LISTED).cloned().collect();
    for ((label, get), (from, normalised)) in FIELDS.iter().zip(&before.values) {
        let now_text = get(f).unwrap_or_else(|| "not stated".into());
        let now = normalise_text(&now_text);
        if normalised.iter().any(|b| *b != now) {
            let mut from = from.clone();
            if from.len() > 3 {
                let n = from.len();
                from.truncate(3);
                from.push(format!("{} other values", n - 3));
            }
            v.changes.push(Change {
                label,
                from: from.join("; "),
                to: now_text,
            });
        }
    }
    v.compared_with = before.compared.clone();
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
