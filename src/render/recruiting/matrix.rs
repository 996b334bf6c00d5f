//! The role-by-competency matrix: for every framework (and ethos page) that a role refers
//! to, a table of its items against the roles, saying which roles require each item and
//! which person-specification criteria assess it, with the modules that develop it.
//! Plain HTML tables: nothing here needs JavaScript.

use serde_json::{Value, json};

use super::model::{self, RoleView};
use crate::link::{Site, Target, item_url};
use crate::parse::kinds::Kind;

/// The template context (`page`) of the matrix page.
pub(super) fn page_json(site: &Site, roles: &[RoleView<'_>]) -> Value {
    let mut page = super::page_json(
        "Roles and competencies",
        "matrix",
        super::MATRIX_URL,
        "Which roles require each competency and value, where their person specifications assess it, and the training that develops it.",
        super::roles_breadcrumbs(site, roles),
    );
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
            let mut v = resolve(&r.fields.competencies);
            v.extend(resolve(&r.fields.ethos));
            v
        })
        .collect();
    let assessed = |role: &RoleView<'_>, item: (usize, usize)| -> Vec<Value> {
        role.criteria
            .iter()
            .filter(|c| {
                c.refs
                    .iter()
                    .any(|(_, t)| *t == Some(Target::Item(item.0, item.1)))
            })
            .map(|c| json!({ "number": c.number, "need": model::need_name(c.need), "need_label": c.need.label(), "text": c.text }))
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
    let tables: Vec<Value> = pages
        .iter()
        .map(|&p| {
            let fw = &site.pages[p];
            let rows: Vec<Value> = fw
                .common
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let cells: Vec<Value> = roles
                        .iter()
                        .enumerate()
                        .map(|(r, role)| {
                            let is_required = required[r].contains(&(p, i));
                            let criteria = assessed(role, (p, i));
                            json!({
                                "role": role.id,
                                "required": is_required,
                                "criteria": criteria,
                                "listed": is_required || !criteria.is_empty(),
                            })
                        })
                        .collect();
                    let training: Vec<Value> = model::modules_developing(site, &Target::Item(p, i))
                        .into_iter()
                        .map(|m| json!({ "title": site.pages[m].common.title, "url": site.pages[m].url }))
                        .collect();
                    json!({
                        "id": item.id,
                        "name": item.name,
                        "number": item.number,
                        "cluster": item.cluster,
                        "url": item_url(fw, &item.id),
                        "cells": cells,
                        "training": training,
                    })
                })
                .collect();
            json!({
                "id": fw.key.replace('/', "-"),
                "title": fw.common.title,
                "url": fw.url,
                "kind": fw.kind.name(),
                "rows": rows,
            })
        })
        .collect();
    page["roles"] = Value::Array(
        roles
            .iter()
            .map(|r| json!({ "id": r.id, "title": r.title(), "url": r.page.url, "grade": r.fields.grade }))
            .collect(),
    );
    page["tables"] = Value::Array(tables);
    page
}
