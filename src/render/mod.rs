//! Stage 6, render: walks the plan in parallel and makes each file. A content page's
//! Markdown becomes HTML (links rewritten, code highlighted, abbreviations marked), then
//! goes through its kind's Tera template with a typed context (`context`); generated pages
//! (items, taxonomies, checklists, the comparison ...) get their own contexts; data files
//! (`graph.json`, `roles.json`, CSVs) are serialised; copied files are copied.
//!
//! Files go to a [`Sink`] as they are made: the build's writes them to the staging folder,
//! `serve`'s keeps them in memory, `check`'s drops them.
//!
//! Not for: deciding what files exist or where (the plan does), or the search index (the
//! index stage, from the page texts this returns).

pub mod context;
pub mod contract;
pub mod graph;
pub mod items;
pub mod navigation;
pub mod recruiting;
pub mod redirect;
pub mod reflective;
pub mod search;
pub mod taxonomy;
pub mod training;

use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::abbreviations::AbbreviationSet;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{Site, base_for};
use crate::load::ContentFile;
use crate::markdown;
use crate::model::Model;
use crate::parse::kinds::{Date, Kind};
use crate::plan::{Asset, Entry, Output, OutputFile, Plan, Templates};
use crate::theme::Theme;
use navigation::Navigation;

/// Where a sink's files end up: the staging folder (`build`), memory (`serve`), nowhere
/// (`check`).
pub trait Store: Sync {
    /// Keeps one file.
    fn put(&self, file: OutputFile) -> std::io::Result<()>;

    /// Keeps the file at `path` that `write` writes: streamed to disk by the build, so a
    /// large export (`roles.json`, `graph.json`) is never whole in memory.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(OutputFile {
            path: path.to_string(),
            bytes,
        })
    }
}

/// Files kept in memory, in the order they came.
#[derive(Debug, Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    /// The files kept.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_default()
    }
}

impl Store for Memory {
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        if let Ok(mut k) = self.0.lock() {
            k.push(file);
        }
        Ok(())
    }
}

/// A store that keeps nothing: `check` renders everything to find every problem.
pub struct Nowhere;

impl Store for Nowhere {
    fn put(&self, _: OutputFile) -> std::io::Result<()> {
        Ok(())
    }

    fn stream(
        &self,
        _: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        write(&mut std::io::sink())
    }
}

/// Where rendered files go: `build` writes each to the staging folder as soon as it is
/// rendered (so a 10,000-page build never holds its whole output in memory), `serve` keeps
/// them. Records every path written.
pub struct Sink<'a> {
    store: &'a dyn Store,
    paths: Mutex<Vec<String>>,
    error: Mutex<Option<std::io::Error>>,
}

impl<'a> Sink<'a> {
    /// A sink that hands every file to `store`.
    pub fn new(store: &'a dyn Store) -> Sink<'a> {
        Sink {
            store,
            paths: Mutex::new(Vec::new()),
            error: Mutex::new(None),
        }
    }

    fn keep(&self, path: &str, result: std::io::Result<()>) {
        if let Ok(mut paths) = self.paths.lock() {
            paths.push(path.to_string());
        }
        if let Err(e) = result
            && let Ok(mut first) = self.error.lock()
        {
            first.get_or_insert(e);
        }
    }

    /// Stores one file; the first storage error is kept for [`Sink::take_error`].
    pub fn put(&self, file: OutputFile) {
        let path = file.path.clone();
        let result = self.store.put(file);
        self.keep(&path, result);
    }

    /// Stores the file at `path` that `write` writes, streaming it where the store can.
    pub fn stream(
        &self,
        path: &str,
        mut write: impl FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        let result = self.store.stream(path, &mut write);
        self.keep(path, result);
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

/// The files copied as they are, with their bytes, in the plan's order of precedence.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// The highlighting stylesheets.
    pub syntax: Vec<(String, Vec<u8>)>,
    /// The theme's static files (without those only `serve` uses).
    pub theme: Vec<(String, Vec<u8>)>,
    /// The site's `static/`.
    pub site: Vec<(String, Vec<u8>)>,
}

impl Assets {
    /// Their output paths, for the plan.
    pub fn paths(&self) -> crate::plan::AssetPaths {
        let names = |l: &[(String, Vec<u8>)]| l.iter().map(|(p, _)| p.clone()).collect();
        crate::plan::AssetPaths {
            syntax: names(&self.syntax),
            theme: names(&self.theme),
            site: names(&self.site),
            content: Vec::new(),
        }
    }

    fn bytes(&self, asset: Asset) -> Option<&[u8]> {
        let (list, i) = match asset {
            Asset::Syntax(i) => (&self.syntax, i),
            Asset::Theme(i) => (&self.theme, i),
            Asset::Site(i) => (&self.site, i),
            Asset::Content(_) => return None,
        };
        list.get(i).map(|(_, b)| b.as_slice())
    }
}

/// Which entries of the plan to render.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    /// Every entry: `build`.
    All,
    /// These entries (indexes into `Plan::entries`): `serve` after an edit.
    Only(&'a [usize]),
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

fn render_template(tera: &Tera, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
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
        .with_hint(
            "fix the template; the theme contract in the guide lists what each template receives",
        )
    })
}

/// What a render of the site needs besides the site: the templates, the copied files and
/// the values every page shares.
pub struct Renderer<'a> {
    tera: &'a Tera,
    templates: &'a Templates,
    assets: &'a Assets,
    files: &'a [ContentFile],
    globals: tera::Value,
    today: Date,
}

impl<'a> Renderer<'a> {
    /// Prepares a render of `site`.
    pub fn new(
        site: &Site,
        model: &Model,
        tera: &'a Tera,
        templates: &'a Templates,
        assets: &'a Assets,
        files: &'a [ContentFile],
        today: Date,
    ) -> Renderer<'a> {
        let globals = tera::Value::from_serializable(&context::globals(site, model, templates));
        Renderer {
            tera,
            templates,
            assets,
            files,
            globals,
            today,
        }
    }

    /// A template's context: the site-wide values, `base`, `current_url` and `page`.
    fn context(&self, nav: &Navigation, url: &str, page: &impl Serialize) -> Context {
        let mut ctx = Context::new();
        if let Some(map) = self.globals.as_map() {
            for (k, v) in map.iter() {
                ctx.insert_value(k.to_string(), v.clone());
            }
        }
        ctx.insert("base", &base_for(url));
        ctx.insert("current_url", url);
        ctx.insert("navigation", nav);
        ctx.insert("page", page);
        ctx
    }

    fn html(
        &self,
        nav: &Navigation,
        template: &str,
        url: &str,
        page: &impl Serialize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let ctx = self.context(nav, url, page);
        render_template(self.tera, template, &ctx).map(String::into_bytes)
    }

    /// Renders one entry of the plan into the sink: a page with its selected sheets, an
    /// export streamed, or any other output.
    #[allow(clippy::too_many_arguments)]
    fn entry(
        &self,
        site: &Site,
        model: &Model,
        plan: &Plan,
        e: usize,
        entry: &Entry,
        chosen: &std::collections::HashSet<usize>,
        no_abbreviations: &AbbreviationSet,
        sink: &Sink<'_>,
    ) -> (Option<PageText>, Vec<Diagnostic>) {
        match entry.output {
            Output::Page(i) => {
                let abbreviations = if site.pages[i].kind == Kind::Glossary {
                    no_abbreviations
                } else {
                    &model.abbreviations
                };
                // A page's sheets follow it in the plan.
                let sheets: Vec<&Entry> = plan.entries[e + 1..]
                    .iter()
                    .enumerate()
                    .map_while(|(k, s)| match s.output {
                        Output::Sheet(p, _) if p == i => Some((e + 1 + k, s)),
                        _ => None,
                    })
                    .filter(|(k, _)| chosen.contains(k))
                    .map(|(_, sheet)| sheet)
                    .collect();
                self.page(site, model, entry, i, abbreviations, &sheets, sink)
            }
            // Rendered with their module page, which they show.
            Output::Sheet(..) | Output::SearchIndex => (None, Vec::new()),
            Output::RolesJson | Output::Graph => {
                self.stream(site, model, entry, sink);
                (None, Vec::new())
            }
            _ => match self.other(site, model, entry) {
                Ok(Some(bytes)) => {
                    sink.put(OutputFile {
                        path: entry.path.clone(),
                        bytes,
                    });
                    (None, Vec::new())
                }
                Ok(None) => (None, Vec::new()),
                Err(d) => (None, vec![d]),
            },
        }
    }

    /// Renders the selected entries of `plan` into `sink`; returns the text of every
    /// content page rendered, for the search index.
    pub fn render(
        &self,
        site: &Site,
        model: &Model,
        plan: &Plan,
        which: Which<'_>,
        sink: &Sink<'_>,
    ) -> (Vec<PageText>, Diagnostics) {
        let selected: Vec<usize> = match which {
            Which::All => (0..plan.entries.len()).collect(),
            Which::Only(list) => list.to_vec(),
        };
        let chosen: std::collections::HashSet<usize> = selected.iter().copied().collect();
        let no_abbreviations = AbbreviationSet::default();
        // With `HANDBOOK_TIMINGS` (see `pipeline::timing`), the slowest outputs are named.
        let timed = std::env::var_os("HANDBOOK_TIMINGS").is_some();
        let slowest: Mutex<Vec<(std::time::Duration, usize)>> = Mutex::new(Vec::new());
        let results: Vec<(Option<PageText>, Vec<Diagnostic>)> = selected
            .par_iter()
            .filter_map(|&e| plan.entries.get(e).map(|entry| (e, entry)))
            .map(|(e, entry)| {
                let started = timed.then(std::time::Instant::now);
                let result = self.entry(
                    site,
                    model,
                    plan,
                    e,
                    entry,
                    &chosen,
                    &no_abbreviations,
                    sink,
                );
                if let Some(started) = started
                    && let Ok(mut slowest) = slowest.lock()
                {
                    slowest.push((started.elapsed(), e));
                }
                result
            })
            .collect();
        if timed {
            let mut slowest = slowest.into_inner().unwrap_or_default();
            slowest.sort_unstable_by(|a, b| b.cmp(a));
            for (took, e) in slowest.iter().take(5) {
                eprintln!(
                    "timing:   slowest output {:>8.1} ms  {}",
                    took.as_secs_f64() * 1000.0,
                    plan.entries[*e].path
                );
            }
        }
        let mut diagnostics = Diagnostics::new();
        let mut texts = Vec::new();
        for (text, diags) in results {
            texts.extend(text);
            for d in diags {
                diagnostics.push(d, None);
            }
        }
        (texts, diagnostics)
    }

    /// A content page and the sheets of it that are selected.
    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        site: &Site,
        model: &Model,
        entry: &Entry,
        i: usize,
        abbreviations: &AbbreviationSet,
        sheets: &[&Entry],
        sink: &Sink<'_>,
    ) -> (Option<PageText>, Vec<Diagnostic>) {
        let page = &site.pages[i];
        let mut rewrite = |dest: &str| site.link_action(i, dest);
        let rendered = markdown::render_with(
            page.source.body(),
            &page.headings,
            &mut rewrite,
            abbreviations,
            &base_for(&page.url),
            !site.config.allow_raw_html,
        );
        let ctx =
            context::page::page_context(site, model, self.templates, i, self.today, rendered.html);
        let mut problems = Vec::new();
        let template = entry.template.unwrap_or("page.html");
        let nav = navigation::for_entry(site, model, self.templates, entry);
        match self.html(&nav, template, &page.url, &ctx) {
            Ok(bytes) => sink.put(OutputFile {
                path: entry.path.clone(),
                bytes,
            }),
            Err(d) => problems.push(d),
        }
        for sheet_entry in sheets {
            let Output::Sheet(_, sheet) = sheet_entry.output else {
                continue;
            };
            let nav = navigation::for_entry(site, model, self.templates, sheet_entry);
            let sheet_ctx = context::page::sheet_context(&ctx, sheet);
            match self.html(&nav, sheet.template(), &sheet_ctx.page.head.url, &sheet_ctx) {
                Ok(bytes) => sink.put(OutputFile {
                    path: sheet_ctx.page.head.url.clone(),
                    bytes,
                }),
                Err(d) => problems.push(d),
            }
        }
        (
            Some(PageText {
                page: i,
                text: rendered.text,
            }),
            problems,
        )
    }

    /// The exports too large to hold whole: written to the sink as they are serialised.
    fn stream(&self, site: &Site, model: &Model, entry: &Entry, sink: &Sink<'_>) {
        match entry.output {
            Output::RolesJson => sink.stream(&entry.path, |w| {
                recruiting::exports::write_roles_json(w, site, model, self.templates)
            }),
            Output::Graph => sink.stream(&entry.path, |w| {
                serde_json::to_writer_pretty(w, &graph::graph(site)).map_err(std::io::Error::other)
            }),
            _ => {}
        }
    }

    /// Every output but content pages and streamed exports: its bytes.
    fn other(
        &self,
        site: &Site,
        model: &Model,
        entry: &Entry,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        let url = entry.path.as_str();
        let template = entry.template.unwrap_or_default();
        let nav = navigation::for_entry(site, model, self.templates, entry);
        let bytes = match entry.output {
            Output::Item(p, i) => {
                self.html(&nav, template, url, &items::item_context(site, p, i))?
            }
            Output::Redirect(p) => self.html(
                &nav,
                template,
                url,
                &redirect::redirect_context(site, p, url),
            )?,
            Output::TaxonomyIndex(t) => self.html(
                &nav,
                template,
                url,
                &taxonomy::index_context(&model.taxonomies[t]),
            )?,
            Output::TaxonomyTerm(t, k) => self.html(
                &nav,
                template,
                url,
                &taxonomy::term_context(site, &model.taxonomies[t], k),
            )?,
            Output::Checklist(r) => self.html(
                &nav,
                template,
                url,
                &recruiting::checklist::checklist_context(site, model, self.templates, r),
            )?,
            Output::SpecCsv(r) => {
                recruiting::exports::person_spec_csv(site, &model.roles[r]).into_bytes()
            }
            Output::Compare => self.html(
                &nav,
                template,
                url,
                &recruiting::compare::compare(site, model, self.templates),
            )?,
            Output::CompareRole(r) => {
                recruiting::compare::role_data(site, model, self.templates, r).into_bytes()
            }
            Output::PathwayIndex => self.html(
                &nav,
                template,
                url,
                &recruiting::pathway::index_context(site, model),
            )?,
            Output::PathwaySetting(s, n) => self.html(
                &nav,
                template,
                url,
                &recruiting::pathway::setting_context(site, model, self.templates, s, n),
            )?,
            Output::MatrixIndex => self.html(
                &nav,
                template,
                url,
                &recruiting::matrix::index_context(site, model),
            )?,
            Output::MatrixFramework(f) => {
                if model.recruiting.frameworks[f].split() {
                    self.html(
                        &nav,
                        template,
                        url,
                        &recruiting::matrix::overview_context(site, model, f),
                    )?
                } else {
                    self.html(
                        &nav,
                        template,
                        url,
                        &recruiting::matrix::table_context(site, model, f),
                    )?
                }
            }
            Output::MatrixPart(f, s, n) => self.html(
                &nav,
                template,
                url,
                &recruiting::matrix::part_context(site, model, f, s, n),
            )?,
            Output::MatrixSetting(s) => self.html(
                &nav,
                template,
                url,
                &recruiting::matrix::setting_context(site, model, s),
            )?,
            Output::Coverage => self.html(
                &nav,
                template,
                url,
                &training::coverage_context(site, &model.coverage),
            )?,
            Output::CoverageFramework(f) => self.html(
                &nav,
                template,
                url,
                &training::framework_context(site, &model.coverage, f),
            )?,
            Output::CoverageRoles(n) => self.html(
                &nav,
                template,
                url,
                &training::roles_context(site, &model.coverage, n),
            )?,
            Output::SearchPage => self.html(&nav, template, url, &search::search_context(site))?,
            Output::NotFound => self.html(
                &nav,
                template,
                url,
                &context::Head::generated("Page not found", "404", url, None, Vec::new()),
            )?,
            Output::Asset(Asset::Content(i)) => {
                let Some(file) = self.files.get(i) else {
                    return Ok(None);
                };
                std::fs::read(&file.path).map_err(|e| {
                    Diagnostic::file_error(
                        "E-read",
                        format!("content/{}", file.rel),
                        format!("cannot read: {e}"),
                    )
                    .with_hint("check the file's permissions")
                })?
            }
            Output::Asset(a) => match self.assets.bytes(a) {
                Some(b) => b.to_vec(),
                None => return Ok(None),
            },
            Output::Page(_)
            | Output::Sheet(..)
            | Output::SearchIndex
            | Output::RolesJson
            | Output::Graph => return Ok(None),
        };
        Ok(Some(bytes))
    }
}
