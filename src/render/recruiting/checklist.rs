//! A role's checklist page: its criteria grouped by category, each with its need and how
//! it is assessed, laid out as a form that prints on A4 without JavaScript, and carrying
//! what the browser script needs for shortlisting and self-assessment (criterion
//! numbers, needs, a storage key, and the training modules that develop each criterion's
//! competencies).

use serde_json::{Value, json};

use super::model::{self, RoleView};
use crate::link::{Site, Target};
use crate::parse::kinds::{Category, Need};

/// The template context (`page`) of one role's checklist.
pub(super) fn page_json(site: &Site, roles: &[RoleView<'_>], role: &RoleView<'_>) -> Value {
    let url = super::checklist_url(role.page);
    let title = format!("{}: checklist", role.title());
    let summary = format!(
        "Person specification checklist for {}: score candidates against each criterion, or assess yourself against the role.",
        role.title()
    );
    let mut breadcrumbs: Vec<Value> = site
        .ancestors(role.index)
        .into_iter()
        .map(|i| json!({ "title": site.pages[i].common.title, "url": site.pages[i].url }))
        .collect();
    breadcrumbs.push(json!({ "title": role.title(), "url": role.page.url }));
    let mut page = super::page_json(&title, "checklist", &url, &summary, breadcrumbs);

    let mut groups = Vec::new();
    for cat in Category::ALL.iter().copied().map(Some).chain([None]) {
        let criteria: Vec<Value> = role
            .criteria
            .iter()
            .filter(|c| c.category == cat)
            .map(|c| criterion_json(site, c))
            .collect();
        if !criteria.is_empty() {
            groups.push(json!({
                "category": model::category_name(cat),
                "label": model::category_label(cat),
                "criteria": criteria,
            }));
        }
    }
    let count = |n: Need| role.criteria.iter().filter(|c| c.need == n).count();
    let f = role.fields;
    page["role"] = json!({
        "key": role.page.key,
        "id": role.id,
        "title": role.title(),
        "url": role.page.url,
        "organisation": f.organisation,
        "setting": f.setting,
        "grade": f.grade,
        "csv_url": super::spec_csv_url(role.page),
    });
    page["groups"] = Value::Array(groups);
    page["counts"] = json!({
        "criteria": role.criteria.len(),
        "essential": count(Need::Essential),
        "desirable": count(Need::Desirable),
        "unspecified": count(Need::Unspecified),
    });
    page["storage_key"] = json!(format!("handbook:{}:{}", site.config.title, role.page.key));
    page["print_head"] = json!(super::css_string_body(&format!(
        "{}: person specification checklist. {}",
        role.title(),
        site.config.title
    )));
    // Compare with the roles in the same setting (up to four in all), where there are any.
    let setting = role.fields.setting.as_deref().map(model::normalise_text);
    let mut peers: Vec<&str> = vec![role.id.as_str()];
    if let Some(s) = setting.filter(|s| !s.is_empty()) {
        peers.extend(
            roles
                .iter()
                .filter(|r| r.index != role.index)
                .filter(|r| {
                    r.fields.setting.as_deref().map(model::normalise_text) == Some(s.clone())
                })
                .map(|r| r.id.as_str())
                .take(3),
        );
    }
    if peers.len() > 1 {
        page["compare_url"] = json!(format!("{}?roles={}", super::COMPARE_URL, peers.join(",")));
        page["compare_label"] = json!("Compare with the other roles in this setting");
    } else {
        page["compare_url"] = json!(super::COMPARE_URL);
        page["compare_label"] = json!("Compare roles side by side");
    }
    page["roles_json_url"] = json!(super::ROLES_JSON_URL);
    page
}

fn criterion_json(site: &Site, c: &model::CriterionView) -> Value {
    let refs: Vec<Value> = c
        .refs
        .iter()
        .map(|(written, t)| match t {
            Some(t) => json!({ "title": site.target_title(t), "url": site.target_url(t) }),
            None => json!({ "title": written, "url": Value::Null }),
        })
        .collect();
    // Training applies when the criterion points at a competency or value (an item).
    let items: Vec<&Target> = c
        .refs
        .iter()
        .filter_map(|(_, t)| t.as_ref())
        .filter(|t| matches!(t, Target::Item(..)))
        .collect();
    let mut modules: Vec<usize> = items
        .iter()
        .flat_map(|t| model::modules_developing(site, t))
        .collect();
    modules.sort_by(|a, b| {
        site.pages[*a]
            .common
            .title
            .cmp(&site.pages[*b].common.title)
    });
    modules.dedup();
    let training: Vec<Value> = modules
        .iter()
        .map(|&m| json!({ "title": site.pages[m].common.title, "url": site.pages[m].url }))
        .collect();
    let assessed: Vec<&str> = c.assessed_by.iter().map(|a| a.label()).collect();
    json!({
        "number": c.number,
        "text": c.text,
        "need": model::need_name(c.need),
        "need_label": c.need.label(),
        "assessed_by": assessed,
        "assessed_label": (!assessed.is_empty()).then(|| assessed.join(", ")),
        "refs": refs,
        "relates_to_items": !items.is_empty(),
        "training": training,
    })
}
