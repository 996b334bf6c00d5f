//! A role's checklist page: its criteria grouped by category, each with its need and how
//! it is assessed, laid out as a form that prints on A4 without JavaScript, and carrying
//! what the browser script needs for shortlisting and self-assessment (criterion numbers,
//! needs, a storage key, and the training modules that develop each criterion's
//! competencies: all in the role's one shape, `context::role::Role`).

use schemars::JsonSchema;
use serde::Serialize;

use super::css_string_body;
use crate::link::Site;
use crate::model::Model;
use crate::plan::Templates;
use crate::render::context::role::{Role, role};
use crate::render::context::{Head, breadcrumbs, page_link};
use crate::urls;

/// The `page` of `checklist.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChecklistContext {
    /// What every page has (`kind` is `checklist`).
    #[serde(flatten)]
    pub head: Head,
    /// The role, with its person specification.
    pub role: Role,
    /// Where the browser keeps scores (per site and role).
    pub storage_key: String,
    /// The printed page heading, as a CSS string body.
    pub print_head: String,
    /// The comparison with the roles in the same setting, or the comparison page.
    pub compare_url: String,
    /// The text of that link.
    pub compare_label: &'static str,
    /// `roles.json`.
    pub roles_json_url: String,
}

/// The context of role `r`'s checklist.
pub fn checklist_context(
    site: &Site,
    model: &Model,
    templates: &Templates,
    r: usize,
) -> ChecklistContext {
    let view = &model.roles[r];
    let page = view.page(site);
    let title = page.common.title.as_str();
    let url = urls::checklist_url(&page.url);
    let summary = format!(
        "Person specification checklist for {title}: score candidates against each criterion, or assess yourself against the role."
    );
    let mut crumbs = breadcrumbs(site, view.index);
    crumbs.push(page_link(site, view.index));
    let print_head = css_string_body(&format!(
        "{title}: person specification checklist. {}",
        site.config.title
    ));
    // Compare with the roles in the same setting (up to four in all), where there are any.
    let mut peers: Vec<&str> = vec![view.id.as_str()];
    peers.extend(
        model
            .recruiting
            .peers(r)
            .into_iter()
            .map(|o| model.roles[o].id.as_str()),
    );
    let (compare_url, compare_label) = if peers.len() > 1 {
        (
            format!("{}?roles={}", urls::COMPARE_URL, peers.join(",")),
            "Compare with the other roles in this setting",
        )
    } else {
        (urls::COMPARE_URL.to_string(), "Compare roles side by side")
    };
    ChecklistContext {
        head: Head::generated(
            format!("{title}: checklist"),
            "checklist",
            url,
            Some(summary),
            crumbs,
        ),
        role: role(site, view, templates),
        storage_key: format!("handbook:{}:{}", site.config.title, page.key),
        print_head,
        compare_url,
        compare_label,
        roles_json_url: urls::ROLES_JSON_URL.to_string(),
    }
}
