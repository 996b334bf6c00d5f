//! Pages and files for recruiters and staff, generated from the roles' person
//! specifications: a printable checklist per role (which the theme's script turns into a
//! shortlisting and self-assessment tool), a side-by-side comparison, a career pathway, a
//! role-by-competency matrix, and machine-readable exports (`roles.json` and one CSV per
//! person specification).
//!
//! The plan decides which of these exist and where (`urls`); the roles themselves
//! come from the model (`model::roles`), and every output shows a role in the one shape of
//! `context::role::Role`.
//!
//! Not here: the role page itself (`context::page`), and anything that runs in the browser
//! (`themes/default/static/js/checklist.js`, `compare.js`, `csv.js`).

pub mod checklist;
pub mod compare;
pub mod exports;
pub mod matrix;
pub mod pathway;

use schemars::JsonSchema;
use serde::Serialize;

use super::context::{PageLink, breadcrumbs};
use crate::link::Site;
use crate::model::roles::RoleView;

/// A role as a column or a step: its id, title, page, grade and checklist.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RoleColumn {
    /// Its id in `?roles=a,b`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its grade or band.
    pub grade: Option<String>,
    /// Its checklist, if the theme has checklists.
    pub checklist_url: Option<String>,
}

impl RoleColumn {
    /// Role `r` as a column.
    pub fn of(site: &Site, r: &RoleView, checklists: bool) -> RoleColumn {
        let page = r.page(site);
        RoleColumn {
            id: r.id.clone(),
            title: page.common.title.clone(),
            url: page.url.clone(),
            grade: r.fields(site).grade.clone(),
            checklist_url: checklists.then(|| crate::urls::checklist_url(&page.url)),
        }
    }
}

/// A link that may not resolve.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TitledLink {
    /// The title.
    pub title: String,
    /// The URL; null when it does not resolve.
    pub url: Option<String>,
}

/// Breadcrumbs for the site-wide recruiting pages: from the home page to the section that
/// holds the roles, if they all share one; else the home page.
pub fn roles_breadcrumbs(site: &Site, roles: &[RoleView]) -> Vec<PageLink> {
    let home = || -> Vec<PageLink> {
        site.by_key
            .get("")
            .map(|&h| vec![crate::render::context::page_link(site, h)])
            .unwrap_or_default()
    };
    let Some(first) = roles.first() else {
        return home();
    };
    let parent = first.page(site).parent_key();
    if roles.iter().any(|r| r.page(site).parent_key() != parent) {
        return home();
    }
    breadcrumbs(site, first.index)
}

/// A CSS string literal whose text survives HTML escaping untouched: everything but ASCII
/// letters, digits and spaces is written as a CSS hex escape. Used for the printed page
/// heading in `@page` margin boxes, which can only show strings.
pub fn css_string_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_survive_html_escaping() {
        let s = css_string_body("A \"B\" & <C>: é/x");
        assert!(
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '\\')
        );
        assert_eq!(css_string_body("ab 1"), "ab 1");
        assert_eq!(css_string_body("\""), "\\22 ");
        assert_eq!(css_string_body("é"), "\\e9 ");
    }
}
