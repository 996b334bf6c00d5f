//! The training pages this tool adds to a site: beside every module, a facilitator
//! handout and a participant reflective log (print-ready on A4, linked from the module
//! page); and one training coverage page that sets what the modules develop against what
//! the roles require (see `report::coverage`).
//!
//! A theme that has no `handout.html`, `reflective-log.html`, `module-pack.html` or
//! `coverage.html` (one written before they existed) simply gets no such pages and no
//! links to them.
//!
//! A module's sheets sit next to its page (`x.html` -> `x.handout.html`,
//! `x.reflective-log.html`, and `x.pack.html`, the module pack: the handout and the log on
//! one page, to print together): the same folder depth, so the module body's relative links
//! work unchanged, and a dot no page slug can contain, so no content page can collide.

use serde_json::{Value, json};
use tera::{Context, Tera};

use super::{Globals, OutputFile, base_context, render_template};
use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::parse::kinds::{Kind, ModuleFields};
use crate::report::coverage;

/// The key of the training section, under which the coverage page goes.
pub const TRAINING_KEY: &str = "training";
/// The key the coverage page takes (a content page there is an error).
pub const COVERAGE_KEY: &str = "training/coverage";
/// Where the coverage page is written.
pub const COVERAGE_URL: &str = "training/coverage.html";

/// The facilitator handout's URL for a module page's URL.
pub fn handout_url(module_url: &str) -> String {
    format!("{}.handout.html", module_url.trim_end_matches(".html"))
}

/// The participant reflective log's URL for a module page's URL.
pub fn log_url(module_url: &str) -> String {
    format!(
        "{}.reflective-log.html",
        module_url.trim_end_matches(".html")
    )
}

/// The module pack's URL (handout and reflective log together) for a module page's URL.
pub fn pack_url(module_url: &str) -> String {
    format!("{}.pack.html", module_url.trim_end_matches(".html"))
}

/// A module's length: its `duration_minutes`, or else the sum of its session plan.
pub fn module_minutes(m: &ModuleFields) -> Option<u32> {
    m.duration_minutes.or_else(|| {
        let total: u32 = m
            .sessions
            .iter()
            .map(|s| s.minutes)
            .fold(0, u32::saturating_add);
        (total > 0).then_some(total)
    })
}

fn has_coverage_page(site: &Site, tera: &Tera) -> bool {
    site.by_key.contains_key(TRAINING_KEY) && tera.contains_template("coverage.html")
}

fn has_sheets(tera: &Tera) -> bool {
    tera.contains_template("handout.html") && tera.contains_template("reflective-log.html")
}

fn has_pack(tera: &Tera) -> bool {
    has_sheets(tera) && tera.contains_template("module-pack.html")
}

/// `page.training` in the template context: a module's sheet URLs (`handout_url`,
/// `log_url`, and `pack_url` when the theme has the module pack); the coverage page's
/// URL on the training section and on programmes. Null elsewhere.
pub(super) fn page_links(site: &Site, tera: &Tera, index: usize) -> Value {
    let page = &site.pages[index];
    if page.kind == Kind::Module && !page.is_section {
        if !has_sheets(tera) {
            return Value::Null;
        }
        let pack = has_pack(tera).then(|| pack_url(&page.url));
        return json!({ "handout_url": handout_url(&page.url), "log_url": log_url(&page.url), "pack_url": pack });
    }
    if (page.key == TRAINING_KEY || page.kind == Kind::Programme) && has_coverage_page(site, tera) {
        return json!({ "coverage_url": COVERAGE_URL });
    }
    Value::Null
}

/// The handout, reflective log and module pack of a module, rendered with the context of
/// its page (`page_ctx` is that page's `page` value, body included), each with its own
/// URL, breadcrumbs ending at the module, and navigation.
pub(super) fn module_sheets(
    site: &Site,
    tera: &Tera,
    ctx: &Context,
    page_ctx: &Value,
) -> Result<Vec<OutputFile>, Diagnostic> {
    if !has_sheets(tera) {
        return Ok(Vec::new());
    }
    let url = page_ctx["url"].as_str().unwrap_or_default();
    let recruiting = ctx
        .get("recruiting")
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or_default();
    let mut sheets = vec![
        ("handout.html", handout_url(url), "Facilitator handout"),
        (
            "reflective-log.html",
            log_url(url),
            "Participant reflective log",
        ),
    ];
    if has_pack(tera) {
        sheets.push(("module-pack.html", pack_url(url), "Module pack"));
    }
    let mut files = Vec::with_capacity(sheets.len());
    for (template, sheet_url, label) in sheets {
        let mut sheet = page_ctx.clone();
        sheet["module_url"] = json!(url);
        sheet["url"] = json!(sheet_url);
        sheet["sheet_label"] = json!(label);
        let mut crumbs = sheet["breadcrumbs"].as_array().cloned().unwrap_or_default();
        crumbs.push(json!({ "title": page_ctx["title"], "url": url }));
        sheet["breadcrumbs"] = Value::Array(crumbs);
        let mut c = ctx.clone();
        c.insert("current_url", &sheet_url);
        c.insert(
            "navigation",
            &super::navigation::for_url(site, &sheet_url, &recruiting),
        );
        c.insert("page", &sheet);
        let html = render_template(tera, template, &c)?;
        files.push(OutputFile {
            path: sheet_url,
            bytes: html.into_bytes(),
        });
    }
    Ok(files)
}

/// The training coverage page, when the site has a training section.
pub(super) fn coverage_page(
    site: &Site,
    tera: &Tera,
    globals: &Globals,
) -> Option<Result<OutputFile, Diagnostic>> {
    if !has_coverage_page(site, tera) {
        return None;
    }
    let &training = site.by_key.get(TRAINING_KEY)?;
    let data = coverage::coverage(site);
    let breadcrumbs: Vec<Value> = site
        .ancestors(training)
        .into_iter()
        .chain([training])
        .map(|i| json!({ "title": site.pages[i].common.title, "url": site.pages[i].url }))
        .collect();
    let mut ctx = base_context(site, COVERAGE_URL, globals);
    ctx.insert(
        "page",
        &json!({
            "title": "Training coverage",
            "kind": "coverage",
            "kind_label": "Training",
            "url": COVERAGE_URL,
            "summary": data.headline(),
            "breadcrumbs": breadcrumbs,
            "coverage": data,
            "tags": [],
            "toc": [],
        }),
    );
    Some(
        render_template(tera, "coverage.html", &ctx).map(|html| OutputFile {
            path: COVERAGE_URL.into(),
            bytes: html.into_bytes(),
        }),
    )
}
