//! The career pathway page: roles that share a setting, ordered by grade, with what each
//! step adds over the one before it (criteria, competencies, responsibilities).
//!
//! Grades are ordered only when they are plain (`Band 7`, `Band 8a`: see
//! `model::parse_grade`) and of the same scheme; any other role is listed apart with the
//! reason, never placed by guesswork.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::model::{self, Grade, RoleView, normalise_text, parse_grade};
use crate::link::Site;
use crate::render::context::number_label;

/// The template context (`page`) of the pathway page.
pub(super) fn page_json(site: &Site, roles: &[RoleView<'_>], built: super::Available) -> Value {
    let mut page = super::page_json(
        "Career pathways",
        "pathway",
        super::PATHWAY_URL,
        "Roles in the same setting ordered by grade, with what each step adds: new criteria, competencies and responsibilities.",
        super::roles_breadcrumbs(site, roles),
    );
    // (setting key, scheme) -> roles with their grades; insertion order kept by index.
    let mut ladders: BTreeMap<(String, String), Vec<(Grade, usize)>> = BTreeMap::new();
    let mut unordered: Vec<(usize, String)> = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let setting = r.fields.setting.as_deref().map(normalise_text);
        let grade = r.fields.grade.as_deref();
        match (setting.filter(|s| !s.is_empty()), grade.and_then(parse_grade)) {
            (None, _) => unordered.push((i, "no setting is given, so it has no pathway".into())),
            (_, None) if grade.is_none() => {
                unordered.push((i, "no grade or band is given".into()))
            }
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
    for ((_, _), mut members) in ladders {
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
            let members: Vec<Value> = members
                .iter()
                .map(|&i| step_role(site, roles, i, previous, built))
                .collect();
            let grade = roles[steps[k].1[0]].fields.grade.clone();
            out_steps.push(json!({ "number": k + 1, "grade": grade, "roles": members }));
        }
        pathways.push(json!({
            "setting": first.fields.setting,
            "steps": out_steps,
        }));
    }
    unordered.sort_by_key(|(i, _)| *i);
    page["pathways"] = Value::Array(pathways);
    page["unordered"] = Value::Array(
        unordered
            .into_iter()
            .map(|(i, reason)| {
                let r = &roles[i];
                json!({
                    "title": r.title(),
                    "url": r.page.url,
                    "setting": r.fields.setting,
                    "grade": r.fields.grade,
                    "reason": reason,
                })
            })
            .collect(),
    );
    page
}

/// Competency titles (resolved, normalised) -> display link.
fn competencies(site: &Site, role: &RoleView<'_>) -> BTreeMap<String, Value> {
    role.fields
        .competencies
        .iter()
        .map(|c| {
            let (title, url) = match site.resolve_ref(c) {
                Ok(t) => (site.target_title(&t), Value::String(site.target_url(&t))),
                Err(_) => (c.clone(), Value::Null),
            };
            (
                normalise_text(&title),
                json!({ "title": title, "url": url }),
            )
        })
        .collect()
}

fn criterion_json(c: &model::CriterionView) -> Value {
    json!({
        "number": c.number,
        "text": c.text,
        "need": model::need_name(c.need),
        "need_label": c.need.label(),
        "category_label": model::category_label(c.category),
    })
}

/// One role at a step, with what it adds over the roles of the previous step.
fn step_role(
    site: &Site,
    roles: &[RoleView<'_>],
    i: usize,
    previous: &[usize],
    built: super::Available,
) -> Value {
    let r = &roles[i];
    let f = r.fields;
    let mut v = json!({
        "title": r.title(),
        "url": r.page.url,
        "checklist_url": built.checklist_url(r.page),
        "grade": f.grade,
        "group_profile": f.group_profile,
        "line_management": f.line_management,
        "criteria_count": r.criteria.len(),
        "responsibility_sections": responsibility_sections(r),
    });
    if previous.is_empty() {
        v["first"] = json!(true);
        v["competencies"] = Value::Array(competencies(site, r).into_values().collect());
        return v;
    }
    let before_groups: BTreeSet<usize> = previous
        .iter()
        .flat_map(|&p| roles[p].criteria.iter().map(|c| c.group))
        .collect();
    let own_groups: BTreeSet<usize> = r.criteria.iter().map(|c| c.group).collect();
    let added: Vec<Value> = r
        .criteria
        .iter()
        .filter(|c| !before_groups.contains(&c.group))
        .map(criterion_json)
        .collect();
    let mut dropped: Vec<Value> = Vec::new();
    let mut dropped_groups = BTreeSet::new();
    for &p in previous {
        for c in &roles[p].criteria {
            if !own_groups.contains(&c.group) && dropped_groups.insert(c.group) {
                dropped.push(criterion_json(c));
            }
        }
    }
    let before_comp: BTreeMap<String, Value> = previous
        .iter()
        .flat_map(|&p| competencies(site, &roles[p]))
        .collect();
    let own_comp = competencies(site, r);
    let new_comp: Vec<Value> = own_comp
        .iter()
        .filter(|(k, _)| !before_comp.contains_key(*k))
        .map(|(_, v)| v.clone())
        .collect();
    let gone_comp: Vec<Value> = before_comp
        .iter()
        .filter(|(k, _)| !own_comp.contains_key(*k))
        .map(|(_, v)| v.clone())
        .collect();
    let mut changes = Vec::new();
    type Field = fn(&crate::parse::kinds::RoleFields) -> Option<String>;
    let fields: [(&str, Field); 4] = [
        ("Group profile", |f| f.group_profile.clone()),
        ("Line management", |f| f.line_management.clone()),
        ("Reports to", |f| f.reports_to.clone()),
        ("Hours", |f| {
            f.hours_per_week
                .map(|h| format!("{} hours a week", number_label(h)))
        }),
    ];
    for (label, get) in fields {
        let now = get(f);
        let before: Vec<String> = previous
            .iter()
            .map(|&p| get(roles[p].fields).unwrap_or_else(|| "not stated".into()))
            .collect();
        let now_text = now.unwrap_or_else(|| "not stated".into());
        if before
            .iter()
            .any(|b| normalise_text(b) != normalise_text(&now_text))
        {
            let mut from = before;
            from.dedup();
            changes.push(json!({ "label": label, "from": from.join("; "), "to": now_text }));
        }
    }
    v["compared_with"] = Value::Array(
        previous
            .iter()
            .map(|&p| json!({ "title": roles[p].title(), "url": roles[p].page.url, "grade": roles[p].fields.grade }))
            .collect(),
    );
    v["new_criteria"] = Value::Array(added);
    v["dropped_criteria"] = Value::Array(dropped);
    v["new_competencies"] = Value::Array(new_comp);
    v["dropped_competencies"] = Value::Array(gone_comp);
    v["changes"] = Value::Array(changes);
    v
}

/// The role page's responsibilities section and its subsections, by heading, so the
/// pathway can point at the duties a step adds without rewording them.
fn responsibility_sections(r: &RoleView<'_>) -> Value {
    let headings = &r.page.headings;
    let Some(start) = headings.iter().position(|h| {
        let t = h.text.to_lowercase();
        h.level <= 2 && (t.starts_with("responsibilit") || t.contains("duties"))
    }) else {
        return Value::Null;
    };
    let level = headings[start].level;
    let subsections: Vec<Value> = headings[start + 1..]
        .iter()
        .take_while(|h| h.level > level)
        .filter(|h| h.level == level + 1)
        .map(|h| json!({ "title": h.text, "url": format!("{}#{}", r.page.url, h.id) }))
        .collect();
    json!({
        "title": headings[start].text,
        "url": format!("{}#{}", r.page.url, headings[start].id),
        "subsections": subsections,
    })
}
