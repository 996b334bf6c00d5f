//! The comparison page: every role side by side, one column each, with the facts a
//! recruiter compares and the person specifications lined up so criteria that mean the
//! same (see `model::align`) share a row.
//!
//! Two outputs: the page, whose HTML is the all-roles table with its own "differs" marks
//! (what a browser without JavaScript shows), and `compare-data.js`, the same rows with
//! only the cells roles have, from which the browser script builds the table of a 2-4
//! role selection (`?roles=a,b`). Both grow with roles x criteria only where a role has a
//! criterion, except the static table: past `STATIC_ROLES` roles a side-by-side table of
//! all of them is neither readable nor small, so the page then asks for a selection.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::model::{self, RoleView, normalise_text};
use crate::link::Site;
use crate::parse::kinds::{Category, Need};
use crate::render::context::number_label;

/// The most roles the all-roles table shows.
pub(super) const STATIC_ROLES: usize = 12;

/// A fact cell: text, or a list of links, and the value it is compared by.
fn cell(role: &RoleView<'_>, text: Option<String>) -> Value {
    let cmp = text.as_deref().map(normalise_text).unwrap_or_default();
    json!({ "role": role.id, "text": text, "links": Value::Null, "cmp": cmp })
}

fn list_cell(site: &Site, role: &RoleView<'_>, refs: &[String]) -> Value {
    let links: Vec<Value> = refs
        .iter()
        .map(|r| match site.resolve_ref(r) {
            Ok(t) => json!({ "title": site.target_title(&t), "url": site.target_url(&t) }),
            Err(_) => json!({ "title": r, "url": Value::Null }),
        })
        .collect();
    let mut keys: Vec<String> = links
        .iter()
        .map(|l| normalise_text(l["title"].as_str().unwrap_or_default()))
        .collect();
    keys.sort();
    keys.dedup();
    json!({ "role": role.id, "text": Value::Null, "links": links, "cmp": keys.join("|") })
}

fn row(label: &str, cells: Vec<Value>) -> Value {
    let differs = differs(&cells);
    json!({ "label": label, "cells": cells, "differs": differs })
}

fn differs(cells: &[Value]) -> bool {
    cells.windows(2).any(|w| w[0]["cmp"] != w[1]["cmp"])
}

/// The template context (`page`) of the comparison page, and the script data of
/// `compare-data.js`.
pub(super) fn page_and_data(
    site: &Site,
    roles: &[RoleView<'_>],
    built: super::Available,
) -> (Value, String) {
    let url = super::COMPARE_URL;
    let mut page = super::page_json(
        "Compare roles",
        "compare",
        url,
        "Roles side by side: organisation, setting, grade, hours, reporting line, line management, travel, professional bodies, competencies and person specifications.",
        super::roles_breadcrumbs(site, roles),
    );
    let facts = |label: &str, f: &dyn Fn(&RoleView<'_>) -> Option<String>| {
        row(label, roles.iter().map(|r| cell(r, f(r))).collect())
    };
    let fact_rows = vec![
        facts("Organisation", &|r| r.fields.organisation.clone()),
        facts("Setting", &|r| r.fields.setting.clone()),
        facts("Grade or band", &|r| r.fields.grade.clone()),
        facts("Hours", &|r| {
            r.fields
                .hours_per_week
                .map(|h| format!("{} hours a week", number_label(h)))
        }),
        facts("Reports to", &|r| reports_to(site, r)),
        facts("Line management", &|r| r.fields.line_management.clone()),
        facts("Travel", &|r| r.fields.travel.clone()),
        row(
            "Professional bodies",
            roles
                .iter()
                .map(|r| list_cell(site, r, &r.fields.professional_bodies))
                .collect(),
        ),
        row(
            "Competencies and behaviours",
            roles
                .iter()
                .map(|r| list_cell(site, r, &r.fields.competencies))
                .collect(),
        ),
    ];
    let count = |label: &str, need: Need| {
        let cells = roles
            .iter()
            .map(|r| {
                let n = r.criteria.iter().filter(|c| c.need == need).count();
                json!({ "role": r.id, "text": n.to_string(), "links": Value::Null, "cmp": n.to_string() })
            })
            .collect();
        row(label, cells)
    };
    let count_rows = vec![
        count("Essential criteria", Need::Essential),
        count("Desirable criteria", Need::Desirable),
        count(
            "Criteria whose need the source does not specify",
            Need::Unspecified,
        ),
    ];

    let role_list: Vec<Value> = roles
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "title": r.title(),
                "url": r.page.url,
                "grade": r.fields.grade,
                "checklist_url": built.checklist_url(r.page),
            })
        })
        .collect();
    let sections = criteria_sections(roles);
    let data = json!({
        "roles": role_list,
        "fact_rows": fact_rows,
        "count_rows": count_rows,
        "criteria_sections": sections.iter().map(|s| {
            let mut s = s.clone();
            for row in s["rows"].as_array_mut().into_iter().flatten() {
                // Cells by role id, for lookup.
                let cells: serde_json::Map<String, Value> = row["cells"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| (c["role"].as_str().unwrap_or_default().to_string(), c.clone()))
                    .collect();
                row["cells"] = Value::Object(cells);
            }
            s
        }).collect::<Vec<_>>(),
    });
    let script = format!(
        "// The comparison's rows, for compare.js (generated: do not edit).\nwindow.HandbookCompareData = {};\n",
        serde_json::to_string(&data).unwrap_or_else(|_| "null".into())
    );
    let static_table = roles.len() <= STATIC_ROLES;
    page["static_table"] = json!(static_table);
    page["static_limit"] = json!(STATIC_ROLES);
    page["roles"] = data["roles"].clone();
    page["columns"] = json!(roles.len() + 1);
    if static_table {
        page["fact_rows"] = data["fact_rows"].clone();
        page["count_rows"] = data["count_rows"].clone();
        page["criteria_sections"] = Value::Array(
            sections
                .into_iter()
                .map(|mut s| {
                    for row in s["rows"].as_array_mut().into_iter().flatten() {
                        row["cells"] = Value::Array(dense(roles, &row["cells"]));
                    }
                    s
                })
                .collect(),
        );
    }
    page["data_url"] = json!(super::COMPARE_DATA_URL);
    (page, script)
}

/// A criteria row's cells for every role, in order, from the cells of the roles that
/// have it.
fn dense(roles: &[RoleView<'_>], cells: &Value) -> Vec<Value> {
    let present = cells.as_array().map(Vec::as_slice).unwrap_or_default();
    roles
        .iter()
        .map(|r| {
            present
                .iter()
                .find(|c| c["role"] == r.id.as_str())
                .cloned()
                .unwrap_or_else(|| json!({ "role": r.id, "criteria": [], "cmp": "none" }))
        })
        .collect()
}

fn reports_to(site: &Site, r: &RoleView<'_>) -> Option<String> {
    let role = r
        .fields
        .reports_to_role
        .as_deref()
        .and_then(|x| site.resolve_ref(x).ok())
        .map(|t| site.target_title(&t));
    match (&r.fields.reports_to, role) {
        (Some(text), Some(role)) if normalise_text(text) != normalise_text(&role) => {
            Some(format!("{text} ({role})"))
        }
        (Some(text), _) => Some(text.clone()),
        (None, role) => role,
    }
}

/// An alignment group as the table shows it: the category of its first criterion, its
/// label (that criterion's text), and the criteria of each role that has it (by role
/// position; roles without it are absent, so this grows with criteria, not roles).
type Group<'a> = (
    Option<Category>,
    String,
    BTreeMap<usize, Vec<&'a model::CriterionView>>,
);

/// Criteria rows, one per alignment group, in sections by category; each row's cells are
/// those of the roles that have the criterion.
fn criteria_sections(roles: &[RoleView<'_>]) -> Vec<Value> {
    let mut groups: BTreeMap<usize, Group<'_>> = BTreeMap::new();
    for (r, role) in roles.iter().enumerate() {
        for c in &role.criteria {
            let g = groups
                .entry(c.group)
                .or_insert_with(|| (c.category, c.text.clone(), BTreeMap::new()));
            g.2.entry(r).or_default().push(c);
        }
    }
    let mut sections: Vec<(Option<Category>, Vec<Value>)> = Vec::new();
    for (group, (category, label, per_role)) in groups {
        let label_key = normalise_text(&label);
        let cells: Vec<Value> = per_role
            .iter()
            .map(|(&r, cs)| {
                let mut needs: Vec<&str> = cs.iter().map(|c| model::need_name(c.need)).collect();
                needs.sort_unstable();
                needs.dedup();
                let criteria: Vec<Value> = cs
                    .iter()
                    .map(|c| {
                        json!({
                            "number": c.number,
                            "text": c.text,
                            "need": model::need_name(c.need),
                            "need_label": c.need.label(),
                            "own_wording": normalise_text(&c.text) != label_key,
                        })
                    })
                    .collect();
                json!({ "role": roles[r].id, "criteria": criteria, "cmp": needs.join("+") })
            })
            .collect();
        // Differs when some role lacks it, or the roles that have it differ in need.
        let differs = (per_role.len() < roles.len()) || differs(&cells);
        let row = json!({ "id": format!("g{group}"), "label": label, "cells": cells, "differs": differs });
        match sections.iter_mut().find(|(c, _)| *c == category) {
            Some((_, rows)) => rows.push(row),
            None => sections.push((category, vec![row])),
        }
    }
    sections.sort_by_key(|(c, _)| model::category_rank(*c));
    sections
        .into_iter()
        .map(|(c, rows)| {
            json!({
                "category": model::category_name(c),
                "label": model::category_label(c),
                "rows": rows,
            })
        })
        .collect()
}
