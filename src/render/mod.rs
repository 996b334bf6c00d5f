//! Stage 4, render: every page's Markdown to HTML (links rewritten, code highlighted,
//! abbreviations marked) and then through its kind's Tera template, in parallel.
//!
//! Also renders the pages the graph implies: one per framework item or ethos principle,
//! and the 404 page. Files go to a [`Sink`]: the build's writes them to the staging
//! folder as they come, `serve`'s keeps them in memory.

pub mod context;
pub mod graph;
pub mod navigation;
mod recruiting;
pub mod reflective;
pub mod taxonomy;
pub mod training;

use std::collections::HashSet;
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{Value, json};
use tera::{Context, Tera};

use crate::abbreviations::AbbreviationSet;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{Site, base_for, item_url};
use crate::markdown::{self, Abbreviation};
use crate::parse::kinds::{Date, Kind};
use crate::theme::Theme;

/// A file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go: `build` writes each to the staging folder as soon as it is
/// rendered (so a 10,000-page build never holds its whole output in memory), `serve` keeps
/// them. Records every path, for the collision check and the output's mark.
pub struct Sink<'a> {
    store: &'a (dyn Fn(OutputFile) -> std::io::Result<()> + Sync),
    paths: Mutex<Vec<String>>,
    error: Mutex<Option<std::io::Error>>,
}

impl<'a> Sink<'a> {
    /// A sink that hands every file to `store`.
    pub fn new(store: &'a (dyn Fn(OutputFile) -> std::io::Result<()> + Sync)) -> Sink<'a> {
        Sink {
            store,
            paths: Mutex::new(Vec::new()),
            error: Mutex::new(None),
        }
    }

    /// Stores one file; the first storage error is kept for [`Sink::take_error`].
    pub fn put(&self, file: OutputFile) {
        if let Ok(mut paths) = self.paths.lock() {
            paths.push(file.path.clone());
        }
        if let Err(e) = (self.store)(file)
            && let Ok(mut first) = self.error.lock()
        {
            first.get_or_insert(e);
        }
    }

    /// Every path stored so far, in the order stored.
    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// The first error storing a file, if any.
    pub fn take_error(&self) -> Option<std::io::Error> {
        self.error.lock().ok().and_then(|mut e| e.take())
    }
}

/// One page's text, for the search index.
#[derive(Debug, Clone)]
pub struct PageText {
    /// Index of the page in `Site::pages`.
    pub page: usize,
    /// The rendered body as plain text.
    pub text: String,
}

/// Which outputs to render: everything for `build`; for `serve`'s incremental rebuilds,
/// what an edit affects (see `incremental::deps`, which works out the set from the graph).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Render everything; the other fields are ignored.
    pub all: bool,
    /// Content pages, by index in `Site::pages`.
    pub pages: HashSet<usize>,
    /// Pages whose item pages (one per framework item or ethos principle) to render.
    pub items_of: HashSet<usize>,
    /// Taxonomy value pages, by URL (`tags/x.html`).
    pub terms: HashSet<String>,
    /// Outputs built from the whole site: taxonomy index pages, `graph.json`, the 404 page.
    pub site_wide: bool,
}

impl Selection {
    /// Everything: what `build` renders.
    pub fn all() -> Self {
        Selection {
            all: true,
            ..Selection::default()
        }
    }

    fn page(&self, i: usize) -> bool {
        self.all || self.pages.contains(&i)
    }

    fn items(&self, i: usize) -> bool {
        self.all || self.items_of.contains(&i)
    }

    fn term(&self, url: &str) -> bool {
        self.all || self.terms.contains(url)
    }

    fn whole_site(&self) -> bool {
        self.all || self.site_wide
    }
}

/// The template a page is rendered with.
pub fn template_for(site: &Site, index: usize) -> &'static str {
    let page = &site.pages[index];
    if page.key.is_empty() {
        return "home.html";
    }
    match page.kind {
        Kind::Programme => "programme.html",
        _ if page.is_section => "section.html",
        Kind::Role => "role.html",
        Kind::Framework => "framework.html",
        Kind::Ethos => "ethos.html",
        Kind::Guidance => "guidance.html",
        Kind::Module => "module.html",
        Kind::Glossary => "glossary.html",
        Kind::Page => "page.html",
    }
}

/// Escapes text for a double-quoted CSS string (e.g. `content: "..."` in `@page` rules):
/// HTML escaping would print `&quot;` there, and `<` must never close the style element.
fn css_string(value: &str, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    tera::Value::safe_string(&out)
}

/// The Tera environment with the theme's templates.
pub fn environment(theme: &Theme) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.register_filter("css_string", css_string);
    if let Err(e) = tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    ) {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::file_error(
                "E-template",
                "templates",
                format!("a template does not compile: {e}"),
            )
            .with_hint(
                "fix the template named in the message; a site's templates/ overrides the theme's",
            ),
            None,
        );
        return Err(d);
    }
    Ok(tera)
}

/// The glossary's abbreviations with site-relative hrefs, prepared once for every page
/// (also by the `markdown` fuzz target, so it exercises what the build runs).
pub(crate) fn site_abbreviations(site: &Site) -> AbbreviationSet {
    let mut out = Vec::new();
    for page in &site.pages {
        let Some(g) = page.glossary() else { continue };
        for t in &g.terms {
            if let Some(a) = t.abbreviation.as_deref().filter(|a| a.chars().count() >= 2) {
                out.push(Abbreviation {
                    abbr: a.to_string(),
                    title: t.term.clone(),
                    href: format!("{}#{}", page.url, t.id),
                });
            }
        }
    }
    // Longer abbreviations first, so `C of C` wins over a shorter one at the same place.
    out.sort_by_key(|a| std::cmp::Reverse(a.abbr.len()));
    AbbreviationSet::new(out)
}

pub(crate) fn render_template(
    tera: &Tera,
    name: &str,
    ctx: &Context,
) -> Result<String, Diagnostic> {
    tera.render(name, ctx).map_err(|e| {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Diagnostic::file_error(
            "E-template",
            format!("templates/{name}"),
            format!("template `{name}` failed: {message}"),
        )
        .with_hint("fix the template; the theme documents the context each template receives")
    })
}

/// Values every page's context shares.
struct Globals {
    nav: Value,
    indexes: Value,
    recruiting: Value,
}

fn base_context(site: &Site, url: &str, globals: &Globals) -> Context {
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &json!({
            "title": site.config.title,
            "description": site.config.description,
            "language": site.config.language,
        }),
    );
    ctx.insert("base", &base_for(url));
    ctx.insert("nav", &globals.nav);
    ctx.insert("indexes", &globals.indexes);
    ctx.insert("recruiting", &globals.recruiting);
    ctx.insert("current_url", url);
    ctx.insert(
        "navigation",
        &navigation::for_url(site, url, &globals.recruiting),
    );
    ctx
}

/// Renders every page and the implied pages into memory.
pub fn render_site(
    site: &Site,
    tera: &Tera,
    today: Date,
) -> (Vec<OutputFile>, Vec<PageText>, Diagnostics) {
    render_selected(site, tera, today, &Selection::all())
}

/// Renders the outputs in `selection` into memory; texts are returned for the pages
/// rendered.
pub fn render_selected(
    site: &Site,
    tera: &Tera,
    today: Date,
    selection: &Selection,
) -> (Vec<OutputFile>, Vec<PageText>, Diagnostics) {
    let kept = Mutex::new(Vec::new());
    let store = |f: OutputFile| {
        if let Ok(mut k) = kept.lock() {
            k.push(f);
        }
        Ok(())
    };
    let sink = Sink::new(&store);
    let (texts, diagnostics) = render_into(site, tera, today, selection, &sink);
    drop(sink);
    (kept.into_inner().unwrap_or_default(), texts, diagnostics)
}

/// Renders the outputs in `selection` into `sink`; texts are returned for the pages
/// rendered.
pub fn render_into(
    site: &Site,
    tera: &Tera,
    today: Date,
    selection: &Selection,
    sink: &Sink<'_>,
) -> (Vec<PageText>, Diagnostics) {
    let taxonomies = taxonomy::taxonomies(site);
    let nav = Globals {
        nav: Value::Array(context::nav_json(site)),
        indexes: Value::Array(
            taxonomies
                .iter()
                .map(|t| json!({ "title": t.title, "url": format!("{}/index.html", t.slug) }))
                .collect(),
        ),
        recruiting: recruiting::site_links(site, tera),
    };
    let sanitise = !site.config.allow_raw_html;
    let abbreviations = site_abbreviations(site);
    let no_abbreviations = AbbreviationSet::default();
    let results: Vec<Result<((), PageText), Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&i| selection.page(i))
        .map(|i| {
            let page = &site.pages[i];
            let abbreviations = if page.kind == Kind::Glossary {
                &no_abbreviations
            } else {
                &abbreviations
            };
            let href_base = base_for(&page.url);
            let mut rewrite = |dest: &str| site.link_action(i, dest);
            let rendered = markdown::render_with(
                page.source.body(),
                &page.headings,
                &mut rewrite,
                abbreviations,
                &href_base,
                sanitise,
            );
            let mut ctx = base_context(site, &page.url, &nav);
            let mut page_ctx = context::page_context(site, i, today);
            page_ctx["content"] = Value::String(rendered.html);
            navigation::arrange(&mut page_ctx);
            page_ctx["training"] = training::page_links(site, tera, i);
            ctx.insert("page", &page_ctx);
            let html = render_template(tera, template_for(site, i), &ctx)?;
            let mut out = vec![OutputFile {
                path: page.url.clone(),
                bytes: html.into_bytes(),
            }];
            if page.kind == Kind::Module && !page.is_section {
                out.extend(training::module_sheets(site, tera, &ctx, &page_ctx)?);
            }
            for f in out {
                sink.put(f);
            }
            Ok((
                (),
                PageText {
                    page: i,
                    text: rendered.text,
                },
            ))
        })
        .collect();

    let mut diagnostics = Diagnostics::new();
    let mut texts = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(((), t)) => texts.push(t),
            Err(d) => diagnostics.push(d, None),
        }
    }

    // One page per item (competency, value, standard).
    let items: Vec<(usize, usize)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|&(p, _)| selection.items(p))
        .flat_map(|(p, page)| (0..page.common.items.len()).map(move |i| (p, i)))
        .collect();
    let item_pages: Vec<Result<(), Diagnostic>> = items
        .par_iter()
        .map(|&(p, i)| {
            let page = &site.pages[p];
            let item = &page.common.items[i];
            let url = item_url(page, &item.id);
            let backlinks = site.item_backlinks.get(&(p, item.id.clone())).cloned().unwrap_or_default();
            let of = |rel: crate::link::Relation| -> Vec<Value> {
                let mut v: Vec<Value> = backlinks
                    .iter()
                    .filter(|b| b.relation == rel)
                    .map(|b| {
                        let from = &site.pages[b.from];
                        let mut criteria = Vec::new();
                        if let Some(r) = from.role() {
                            for c in &r.person_spec {
                                if c.refs.iter().any(|x| site.resolve_ref(x).ok() == Some(crate::link::Target::Item(p, i))) {
                                    criteria.push(json!({ "text": c.text, "need": c.need.label() }));
                                }
                            }
                        }
                        json!({ "title": from.common.title, "url": from.url, "kind": from.kind.name(), "criteria": criteria })
                    })
                    .collect();
                v.dedup_by(|a, b| a["url"] == b["url"]);
                v
            };
            let others: Vec<crate::link::Backlink> = backlinks
                .iter()
                .filter(|b| !matches!(b.relation, crate::link::Relation::Requires | crate::link::Relation::Develops))
                .copied()
                .collect();
            let mut ctx = base_context(site, &url, &nav);
            ctx.insert(
                "page",
                &json!({
                    "title": item.name,
                    "kind": "item",
                    "url": url,
                    "summary": item.summary,
                    "item": item,
                    "parent": { "title": page.common.title, "url": page.url, "kind": page.kind.name() },
                    "breadcrumbs": site.ancestors(p).into_iter().chain([p]).map(|a| json!({"title": site.pages[a].common.title, "url": site.pages[a].url})).collect::<Vec<_>>(),
                    "required_by": of(crate::link::Relation::Requires),
                    "developed_by": of(crate::link::Relation::Develops),
                    "backlinks": context::backlinks_json(site, &others),
                    "tags": [],
                    "toc": [],
                }),
            );
            let html = render_template(tera, "item.html", &ctx)?;
            sink.put(OutputFile {
                path: url,
                bytes: html.into_bytes(),
            });
            Ok(())
        })
        .collect();
    for r in item_pages {
        if let Err(d) = r {
            diagnostics.push(d, None);
        }
    }

    for t in &taxonomies {
        let url = format!("{}/index.html", t.slug);
        if selection.whole_site() {
            let mut ctx = base_context(site, &url, &nav);
            ctx.insert("page", &json!({ "title": t.title, "kind": "index", "url": url, "taxonomy": taxonomy::index_json(t), "tags": [], "toc": [] }));
            match render_template(tera, "taxonomy.html", &ctx) {
                Ok(html) => sink.put(OutputFile {
                    path: url,
                    bytes: html.into_bytes(),
                }),
                Err(d) => diagnostics.push(d, None),
            }
        }
        for (name, pages) in &t.terms {
            let url = t.term_url(name);
            if !selection.term(&url) {
                continue;
            }
            let mut ctx = base_context(site, &url, &nav);
            let mut page =
                json!({ "title": name, "kind": "index", "url": url, "tags": [], "toc": [] });
            page["term"] = taxonomy::term_json(site, t, name, pages);
            page["breadcrumbs"] =
                json!([{ "title": t.title, "url": format!("{}/index.html", t.slug) }]);
            ctx.insert("page", &page);
            match render_template(tera, "taxonomy-term.html", &ctx) {
                Ok(html) => sink.put(OutputFile {
                    path: url,
                    bytes: html.into_bytes(),
                }),
                Err(d) => diagnostics.push(d, None),
            }
        }
    }
    if !selection.whole_site() {
        return (texts, diagnostics);
    }
    match training::coverage_page(site, tera, &nav) {
        Some(Ok(f)) => sink.put(f),
        Some(Err(d)) => diagnostics.push(d, None),
        None => {}
    }
    sink.put(OutputFile {
        path: "graph.json".into(),
        bytes: serde_json::to_vec_pretty(&graph::graph_json(site)).unwrap_or_default(),
    });

    if tera.contains_template("search.html") {
        let mut ctx = base_context(site, crate::index::RESULTS_PAGE, &nav);
        ctx.insert("page", &crate::index::results_page_json(site));
        match render_template(tera, "search.html", &ctx) {
            Ok(html) => sink.put(OutputFile {
                path: crate::index::RESULTS_PAGE.into(),
                bytes: html.into_bytes(),
            }),
            Err(d) => diagnostics.push(d, None),
        }
    }

    let mut ctx = base_context(site, "404.html", &nav);
    ctx.insert("page", &json!({ "title": "Page not found", "kind": "404", "url": "404.html", "tags": [], "toc": [] }));
    match render_template(tera, "404.html", &ctx) {
        Ok(html) => sink.put(OutputFile {
            path: "404.html".into(),
            bytes: html.into_bytes(),
        }),
        Err(d) => diagnostics.push(d, None),
    }
    recruiting::render(site, tera, &nav, sink, &mut diagnostics);
    (texts, diagnostics)
}
