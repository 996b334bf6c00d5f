//! Pages and files for recruiters and staff, generated from the roles' person
//! specifications: a printable checklist per role (which the theme's script turns into a
//! shortlisting and self-assessment tool), a side-by-side comparison, a career pathway,
//! a role-by-competency matrix, and machine-readable exports (`roles.json` and one CSV
//! per person specification).
//!
//! Not here: the role page itself (`context.rs`), and anything that runs in the browser
//! (`themes/default/static/js/checklist.js`, `compare.js`, `csv.js`).
//!
//! Output paths: a role at `roles/x.html` gets `roles/x/checklist.html` and
//! `roles/x/person-specification.csv`; the site gets `recruiting/compare.html`,
//! `recruiting/pathway.html`, `recruiting/matrix.html` and `roles.json`. A path that
//! another page already uses is an error naming both, never a silent overwrite.
//!
//! A theme without `checklist.html`, `compare.html`, `pathway.html` or `matrix.html` (one
//! written before they existed) simply gets no such pages and no links to them; the
//! exports do not depend on the theme.

mod checklist;
mod compare;
mod exports;
mod matrix;
mod model;
mod pathway;

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{Value, json};
use tera::Tera;

use super::{Globals, OutputFile, base_context, render_template};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::parse::Page;

/// The comparison page.
pub(crate) const COMPARE_URL: &str = "recruiting/compare.html";
/// The comparison's rows as a script (`window.HandbookCompareData`), for `compare.js`.
pub(crate) const COMPARE_DATA_URL: &str = "recruiting/compare-data.js";
/// The career pathway page.
pub(crate) const PATHWAY_URL: &str = "recruiting/pathway.html";
/// The role-by-competency matrix page.
pub(crate) const MATRIX_URL: &str = "recruiting/matrix.html";
/// Every role with its person specification, as JSON.
pub(crate) const ROLES_JSON_URL: &str = "roles.json";

fn stem(page: &Page) -> &str {
    page.url.strip_suffix(".html").unwrap_or(&page.url)
}

/// Where a role's checklist page is written.
pub(crate) fn checklist_url(page: &Page) -> String {
    format!("{}/checklist.html", stem(page))
}

/// Where a role's person specification is written as CSV.
pub(crate) fn spec_csv_url(page: &Page) -> String {
    format!("{}/person-specification.csv", stem(page))
}

/// Links a role page shows to its recruiting pages (`null` for other kinds); the theme
/// shows the checklist and comparison links only where the site-wide `recruiting` says
/// they are built.
pub(crate) fn role_links(page: &Page) -> Value {
    if page.role().is_none() {
        return Value::Null;
    }
    json!({
        "checklist_url": checklist_url(page),
        "csv_url": spec_csv_url(page),
        "compare_url": COMPARE_URL,
        "pathway_url": PATHWAY_URL,
        "roles_json_url": ROLES_JSON_URL,
    })
}

/// Which recruiting pages the theme can render.
#[derive(Clone, Copy)]
pub(crate) struct Available {
    checklists: bool,
    compare: bool,
    pathway: bool,
    matrix: bool,
}

impl Available {
    /// What the theme has templates for.
    pub(crate) fn in_theme(tera: &Tera) -> Available {
        Available {
            checklists: tera.contains_template("checklist.html"),
            compare: tera.contains_template("compare.html"),
            pathway: tera.contains_template("pathway.html"),
            matrix: tera.contains_template("matrix.html"),
        }
    }

    /// A role's checklist URL, if checklists are built.
    fn checklist_url(self, page: &Page) -> Value {
        if self.checklists {
            Value::String(checklist_url(page))
        } else {
            Value::Null
        }
    }
}

/// `url` if `built`, else null.
fn url_if(built: bool, url: &str) -> Value {
    if built {
        Value::String(url.to_string())
    } else {
        Value::Null
    }
}

/// Site-wide links (`recruiting` in every template): the recruiting pages this build has,
/// and the sections that hold roles; `null` when the site has no roles, so templates
/// show nothing.
pub(crate) fn site_links(site: &Site, tera: &Tera) -> Value {
    let a = Available::in_theme(tera);
    if !site.pages.iter().any(|p| p.role().is_some()) {
        return Value::Null;
    }
    let mut sections: Vec<&str> = site
        .pages
        .iter()
        .filter(|p| p.role().is_some())
        .filter_map(|p| p.parent_key())
        .collect();
    sections.sort_unstable();
    sections.dedup();
    json!({
        "checklists": a.checklists,
        "compare_url": url_if(a.compare, COMPARE_URL),
        "pathway_url": url_if(a.pathway, PATHWAY_URL),
        "matrix_url": url_if(a.matrix, MATRIX_URL),
        "roles_json_url": ROLES_JSON_URL,
        "sections": sections,
    })
}

/// The page object every recruiting template gets, with the fields `base.html` reads.
fn page_json(title: &str, kind: &str, url: &str, summary: &str, breadcrumbs: Vec<Value>) -> Value {
    json!({
        "title": title,
        "kind": kind,
        "url": url,
        "summary": summary,
        "breadcrumbs": breadcrumbs,
        "tags": [],
        "toc": [],
    })
}

/// Breadcrumbs for site-wide recruiting pages: from the home page to the section that
/// holds the roles, if they share one; else the home page.
fn roles_breadcrumbs(site: &Site, roles: &[model::RoleView<'_>]) -> Vec<Value> {
    let home = || {
        site.by_key
            .get("")
            .copied()
            .into_iter()
            .collect::<Vec<usize>>()
    };
    let Some(first) = roles.first() else {
        return home().into_iter().map(|i| crumb(site, i)).collect();
    };
    let parent = first.page.parent_key();
    let out: Vec<usize> = if roles.iter().any(|r| r.page.parent_key() != parent) {
        home()
    } else {
        site.ancestors(first.index)
    };
    out.into_iter().map(|i| crumb(site, i)).collect()
}

fn crumb(site: &Site, i: usize) -> Value {
    json!({ "title": site.pages[i].common.title, "url": site.pages[i].url })
}

/// A CSS string literal whose text survives HTML escaping untouched: everything but ASCII
/// letters, digits and spaces is written as a CSS hex escape. Used for the printed page
/// heading in `@page` margin boxes, which can only show strings.
pub(crate) fn css_string_body(text: &str) -> String {
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

/// One generated output, or why it could not be made.
type Made = Result<OutputFile, Diagnostic>;

fn render_page(site: &Site, tera: &Tera, globals: &Globals, template: &str, page: Value) -> Made {
    let url = page["url"].as_str().unwrap_or_default().to_string();
    let mut ctx = base_context(site, &url, globals);
    ctx.insert("page", &page);
    let html = render_template(tera, template, &ctx)?;
    Ok(OutputFile {
        path: url,
        bytes: html.into_bytes(),
    })
}

/// Renders every recruiting page and export into `sink`. A path another file already
/// has is reported, not overwritten.
pub(super) fn render(
    site: &Site,
    tera: &Tera,
    globals: &Globals,
    sink: &super::Sink<'_>,
    diagnostics: &mut Diagnostics,
) {
    let roles = model::roles(site);
    if roles.is_empty() {
        return;
    }
    let a = Available::in_theme(tera);
    // Each output with what it is, for messages.
    let mut made: Vec<(String, Made)> = Vec::new();
    if a.checklists {
        made.par_extend(roles.par_iter().map(|role| {
            let page = checklist::page_json(site, &roles, role);
            (
                format!("the checklist of `{}`", role.page.key),
                render_page(site, tera, globals, "checklist.html", page),
            )
        }));
    }
    if a.compare {
        let (page, script) = compare::page_and_data(site, &roles, a);
        let html = render_page(site, tera, globals, "compare.html", page);
        made.push(("the role comparison page".into(), html));
        let data = OutputFile {
            path: COMPARE_DATA_URL.into(),
            bytes: script.into_bytes(),
        };
        made.push(("the role comparison's data".into(), Ok(data)));
    }
    if a.pathway {
        let page = pathway::page_json(site, &roles, a);
        let html = render_page(site, tera, globals, "pathway.html", page);
        made.push(("the career pathway page".into(), html));
    }
    if a.matrix {
        let page = matrix::page_json(site, &roles);
        let html = render_page(site, tera, globals, "matrix.html", page);
        made.push(("the role-by-competency matrix".into(), html));
    }
    made.extend(
        exports::files(site, &roles, a)
            .into_iter()
            .map(|(what, f)| (what, Ok(f))),
    );

    // Every path a page or item of the site is written to (also when the sink holds only
    // a selection), then what else this render produced.
    let mut taken: HashMap<String, Owner<'_>> = HashMap::new();
    for p in &site.pages {
        taken.insert(p.url.clone(), Owner::Page(p));
        for item in &p.common.items {
            taken.insert(crate::link::item_url(p, &item.id), Owner::Item(p, &item.id));
        }
    }
    for path in sink.paths() {
        taken.entry(path).or_insert(Owner::Generated);
    }
    for (what, m) in made {
        match m {
            Ok(f) => match taken.get(&f.path) {
                None => {
                    taken.insert(f.path.clone(), Owner::Generated);
                    sink.put(f);
                }
                Some(owner) => diagnostics.push(clash(owner, &f.path, &what), None),
            },
            Err(d) => diagnostics.push(d, None),
        }
    }
}

/// What already has an output path.
enum Owner<'a> {
    Page(&'a Page),
    Item(&'a Page, &'a str),
    Generated,
}

fn clash(owner: &Owner<'_>, path: &str, what: &str) -> Diagnostic {
    let (file, message, hint) = match owner {
        Owner::Page(p) => (
            p.source.text.name.clone(),
            format!(
                "`{}` would be written to `{path}`, where {what} goes",
                p.source.text.name
            ),
            "rename the file; checklists go to `<role>/checklist.html`, the comparison, pathway and matrix to `recruiting/`, and `roles.json` to the top of the site".to_string(),
        ),
        Owner::Item(p, id) => (
            p.source.text.name.clone(),
            format!("item `{id}` of this page would be written to `{path}`, where {what} goes"),
            format!("change the item's `id`; `{path}` is reserved"),
        ),
        Owner::Generated => (
            "content".to_string(),
            format!("`{path}` is written twice: by another generated page and as {what}"),
            "rename the page or value that produces the other file".to_string(),
        ),
    };
    Diagnostic::file_error("E-reserved-path", file, message).with_hint(hint)
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
