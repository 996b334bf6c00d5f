//! Incremental builds for `serve`: the same pipeline as [`crate::build`] (load -> parse ->
//! link -> render -> write), keeping each stage's value between rebuilds so an edit costs
//! what it touches, not the whole site.
//!
//! - load/parse: only the files the watcher names are read again ([`sources`]);
//! - link: the graph is rebuilt from the kept pages (moved, not copied), so every
//!   reference in the site is checked on every save; except when the edited pages make
//!   the same edges as before (an edit of a body, or of a card: a title, a summary, an
//!   item's name), which are put into the linked site in place (`Sources::patch`);
//! - model and plan: derived again after a relink or a card edit (a card edit keeps the
//!   other roles' views, `Model::again`), and the plan compared with the
//!   plan of the last good render ([`changes`]): only the entries whose pages changed are
//!   rendered;
//! - write: into an in-memory copy of the site, swapped whole for the server, so a
//!   request sees either the previous site or the new one, and a failed rebuild leaves the
//!   last good site in place.
//!
//! Not for: `build`, which stays a straight run of the stages and writes to disk.

mod changes;
mod sources;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, ContentFile};
use crate::parse::kinds::Date;
use crate::pipeline::BuildOptions;
use crate::pipeline::{self, Inputs, Prepared};
use crate::plan::{Output, OutputFile};
use crate::render::{Sink, Which};
use crate::theme;
use changes::Snapshot;
use sources::{Patched, Sources};

/// The built site in memory: output path (`roles/x.html`) to contents.
pub type SiteFiles = HashMap<String, Arc<[u8]>>;

/// What changed on disk, as the watcher sorted it.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Paths under `content/` (files or folders; created, changed, renamed or deleted).
    pub content: Vec<PathBuf>,
    /// `handbook.yml`, `templates/` or the theme's templates changed: everything is rendered.
    pub site_wide: bool,
    /// Paths under `static/` or the theme's `static/`.
    pub assets: Vec<PathBuf>,
}

impl Changes {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.site_wide && self.assets.is_empty()
    }
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Update {
    /// Every problem, in all files (not only the changed ones).
    pub diagnostics: Diagnostics,
    /// Output paths rendered or copied again (sorted).
    pub changed: Vec<String>,
    /// Output paths that no longer exist.
    pub removed: Vec<String>,
    /// Only stylesheets changed: pages can restyle without reloading.
    pub css_only: bool,
    /// Pages and item pages rendered, out of how many pages the site has.
    pub rendered: usize,
    /// Pages in the site.
    pub pages: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl Update {
    /// True when the site was rebuilt without errors (and is now served).
    pub fn ok(&self) -> bool {
        self.diagnostics.error_count() == 0
    }
}

/// The pipeline's values, kept between rebuilds.
pub struct Engine {
    options: BuildOptions,
    today: Date,
    inputs: Option<Inputs>,
    input_diagnostics: Diagnostics,
    sources: Sources,
    prepared: Option<Prepared>,
    /// What the last link of the whole site found.
    link_diagnostics: Diagnostics,
    /// What the model, validation and the plan found, derived last.
    derive_diagnostics: Diagnostics,
    /// The files beside the pages (listed again when a changed path is not Markdown).
    content_files: Vec<ContentFile>,
    /// The plan's fingerprints at the last good render; `None` until there is one.
    snapshot: Option<Snapshot>,
    /// The last good site.
    files: Arc<SiteFiles>,
    /// Content files changed since the last good render.
    pending: HashSet<String>,
    /// Everything must be rendered at the next good rebuild.
    pending_all: bool,
    /// Page texts for the search index, which is rebuilt whole from them.
    search: crate::index::cache::SearchCache,
    /// The texts changed since the index was last built.
    index_due: bool,
    /// Paths of exports (`roles.json`, `graph.json`) an update left for
    /// [`Engine::render_exports`].
    exports_due: Vec<String>,
}

/// A search-index build, taken from the engine so it can run on another thread while
/// the edited pages are already served: at 10,000 pages the index takes seconds and the
/// page well under 300 ms.
pub struct IndexJob {
    docs: Vec<crate::index::documents::SearchDoc>,
    synonyms: Vec<Vec<String>>,
}

/// A finished [`IndexJob`], for [`Engine::accept_index`].
pub struct IndexResult {
    files: Vec<OutputFile>,
    stats: crate::index::IndexStats,
    elapsed: Duration,
}

impl IndexJob {
    /// Builds the index (the slow part: tokenising, stemming, encoding).
    pub fn run(self) -> IndexResult {
        let started = Instant::now();
        let (files, stats) = crate::index::shards::build(self.docs, &self.synonyms);
        IndexResult {
            files,
            stats,
            elapsed: started.elapsed(),
        }
    }
}

/// What an update links again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relink {
    /// Nothing: only assets changed.
    No,
    /// Pages changed, nothing else: pages that changed only in their body are patched in.
    PagesOnly,
    /// The site: files came or went, or the settings changed.
    All,
}

impl Engine {
    /// Loads, links and renders the whole site once.
    pub fn new(options: BuildOptions) -> (Engine, Update) {
        let started = Instant::now();
        let today = options.today.unwrap_or_else(Date::today);
        let (inputs, input_diagnostics) = match pipeline::inputs(&options.root) {
            Ok(i) => (Some(i), Diagnostics::new()),
            Err(d) => (None, d),
        };
        let include_internal =
            options.include_internal || inputs.as_ref().is_some_and(|i| i.config.include_internal);
        let sources = Sources::scan(&options.root, today, options.drafts, include_internal);
        let mut engine = Engine {
            today,
            inputs,
            input_diagnostics,
            sources,
            prepared: None,
            link_diagnostics: Diagnostics::new(),
            derive_diagnostics: Diagnostics::new(),
            content_files: load::find_content_files(&options.root, &options.root.join("content")),
            snapshot: None,
            files: Arc::new(SiteFiles::new()),
            pending: HashSet::new(),
            pending_all: true,
            search: crate::index::cache::SearchCache::new(),
            index_due: false,
            exports_due: Vec::new(),
            options,
        };
        let mut update = engine.rebuild(started, Relink::All, false, false);
        engine.finish_index(&mut update);
        update.elapsed = started.elapsed();
        (engine, update)
    }

    /// The last good site (empty until a build succeeds).
    pub fn files(&self) -> Arc<SiteFiles> {
        Arc::clone(&self.files)
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Where `build` would write the site: the watcher ignores it.
    pub fn output_dir(&self) -> PathBuf {
        let configured = self
            .inputs
            .as_ref()
            .map_or_else(|| PathBuf::from("public"), |i| i.config.output.clone());
        self.options
            .output
            .clone()
            .unwrap_or_else(|| self.options.root.join(configured))
    }

    /// The theme folder in the site, if the configured theme is on disk.
    pub fn theme_dir(&self) -> Option<PathBuf> {
        let name = self.inputs.as_ref()?.config.theme.clone();
        let dir = self.options.root.join("themes").join(name);
        dir.is_dir().then_some(dir)
    }

    /// Applies what changed on disk and rebuilds what it affects, search index included.
    pub fn apply(&mut self, changes: &Changes) -> Update {
        let started = Instant::now();
        let mut update = self.apply_pages(changes);
        let exports = self.render_exports();
        update.changed.extend(exports.changed);
        update.changed.sort();
        update.changed.dedup();
        update.rendered += exports.rendered;
        update.diagnostics.extend(exports.diagnostics);
        self.finish_index(&mut update);
        update.elapsed = started.elapsed();
        update
    }

    /// Builds the search index here and now if it is due, adding its files to `update`.
    fn finish_index(&mut self, update: &mut Update) {
        if !update.ok() && !self.options.keep_going {
            return;
        }
        if let Some(job) = self.index_job() {
            let index = self.accept_index(job.run());
            update.changed.extend(index.changed);
            update.changed.sort();
            update.changed.dedup();
            update.removed.extend(index.removed);
            update.removed.sort();
            update.removed.dedup();
        }
    }

    /// Whether an update left exports for [`Engine::render_exports`].
    pub fn exports_due(&self) -> bool {
        !self.exports_due.is_empty()
    }

    /// Renders the exports the last updates left for later and serves them: an edit that
    /// changes `roles.json` or `graph.json` (a role's title) reloads its pages first, since
    /// nobody has a download open and at 4,000 roles `roles.json` (139 MB) takes over a
    /// second to write. `serve` calls this after the reload; [`Engine::apply`] at once.
    pub fn render_exports(&mut self) -> Update {
        let started = Instant::now();
        let mut update = Update {
            diagnostics: Diagnostics::new(),
            changed: Vec::new(),
            removed: Vec::new(),
            css_only: false,
            rendered: 0,
            pages: self.page_count(),
            elapsed: Duration::ZERO,
        };
        let due: HashSet<String> = std::mem::take(&mut self.exports_due).into_iter().collect();
        let (Some(inputs), Some(prepared)) = (&self.inputs, &self.prepared) else {
            return update;
        };
        if due.is_empty() || self.pending_all {
            return update;
        }
        let selected: Vec<usize> = prepared
            .plan
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| due.contains(&e.path))
            .map(|(i, _)| i)
            .collect();
        let renderer = prepared.renderer(inputs, self.today);
        let (_, diags, files) = render_to_memory(&renderer, prepared, &selected);
        update.diagnostics.extend(diags);
        update.rendered = files.len();
        let mut next: SiteFiles = (*self.files).clone();
        for f in files {
            if self.files.get(&f.path).is_none_or(|b| **b != *f.bytes) {
                update.changed.push(f.path.clone());
            }
            next.insert(f.path, f.bytes.into());
        }
        self.files = Arc::new(next);
        update.changed.sort();
        update.elapsed = started.elapsed();
        update
    }

    /// The search index to build, if the pages' texts changed since the last one.
    pub fn index_job(&mut self) -> Option<IndexJob> {
        if !self.index_due {
            return None;
        }
        let site = &self.prepared.as_ref()?.site;
        self.index_due = false;
        Some(IndexJob {
            docs: self.search.documents(site),
            synonyms: crate::index::documents::synonyms(site),
        })
    }

    /// Serves a finished index: the update lists the index files that changed.
    pub fn accept_index(&mut self, result: IndexResult) -> Update {
        let started = Instant::now();
        let rebuilt = self.search.accept(result.files, result.stats);
        let mut next: SiteFiles = (*self.files).clone();
        let mut changed = Vec::new();
        for f in rebuilt.files {
            if self.files.get(&f.path).is_none_or(|b| **b != *f.bytes) {
                changed.push(f.path.clone());
            }
            next.insert(f.path, f.bytes.into());
        }
        for gone in &rebuilt.removed {
            next.remove(gone);
        }
        self.files = Arc::new(next);
        changed.sort();
        Update {
            diagnostics: Diagnostics::new(),
            changed,
            removed: rebuilt.removed,
            css_only: false,
            rendered: 0,
            pages: self.page_count(),
            elapsed: started.elapsed() + result.elapsed,
        }
    }

    fn page_count(&self) -> usize {
        self.prepared.as_ref().map_or(0, |p| p.site.pages.len())
    }

    /// Applies what changed on disk and rebuilds the pages it affects; the search index
    /// is left to [`Engine::index_job`].
    pub fn apply_pages(&mut self, changes: &Changes) -> Update {
        let started = Instant::now();
        let mut relink = !changes.content.is_empty();
        // Whether a file other than a page came or went (or the settings changed): the
        // site's lists of files are then new, and no page can be patched in place.
        let mut files_changed = changes.site_wide;
        if changes.site_wide {
            match pipeline::inputs(&self.options.root) {
                Ok(inputs) => {
                    let include_internal =
                        self.options.include_internal || inputs.config.include_internal;
                    if self.sources.set_include_internal(include_internal) {
                        let all = self.sources.reread_all();
                        self.pending.extend(all);
                    }
                    self.inputs = Some(inputs);
                    self.input_diagnostics = Diagnostics::new();
                }
                Err(d) => {
                    self.inputs = None;
                    self.input_diagnostics = d;
                }
            }
            self.pending_all = true;
            relink = true;
        }
        let assets_changed = !changes.assets.is_empty();
        if assets_changed && let Some(inputs) = &mut self.inputs {
            let before: HashSet<String> = inputs.assets.site.iter().map(|f| f.0.clone()).collect();
            inputs.assets.site =
                theme::read_static(&self.options.root, &inputs.config.publish_hidden).0;
            if let Ok(theme) = theme::load(&self.options.root, &inputs.config.theme) {
                inputs.assets.theme = theme
                    .assets
                    .into_iter()
                    .filter(|(path, _)| !theme::SERVE_ONLY_ASSETS.contains(&path.as_str()))
                    .collect();
            }
            let after: HashSet<String> = inputs.assets.site.iter().map(|f| f.0.clone()).collect();
            // Links to static files are checked, so a file coming or going means a relink.
            if before != after {
                relink = true;
                files_changed = true;
            }
        }
        // A file beside the pages (or a folder) came, went or changed: list them again.
        let beside = changes.content.iter().any(|p| !load::is_markdown(p));
        files_changed |= beside;
        if beside {
            self.content_files =
                load::find_content_files(&self.options.root, &self.options.root.join("content"));
        }
        let changed = self.sources.refresh(&changes.content);
        self.pending.extend(changed);
        let css_only = !relink
            && assets_changed
            && changes
                .assets
                .iter()
                .all(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css")));
        let relink = match (relink, files_changed) {
            (false, _) => Relink::No,
            (true, false) => Relink::PagesOnly,
            (true, true) => Relink::All,
        };
        self.rebuild(started, relink, assets_changed || beside, css_only)
    }

    fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::new();
        all.extend(self.input_diagnostics.clone());
        if !self.options.root.join("content").is_dir() {
            all.push(
                Diagnostic::file_error("E-no-content", "content", "the site has no content folder")
                    .with_hint("create `content/` and put Markdown pages in it"),
                None,
            );
        }
        self.sources.diagnostics(&mut all);
        all.extend(self.diagnostics_after_parse());
        all
    }

    /// Link, model, validate, plan and check, as `build` does, on the kept pages; or, when
    /// the edited pages changed only in their body text, put them into the linked site in
    /// place (see [`Sources::patch`]): returns their indexes then.
    fn relink(&mut self, pages_only: bool) -> Option<Patched> {
        let inputs = self.inputs.as_ref()?;
        let t = Instant::now();
        let found = self.diagnostics_after_parse();
        if pages_only
            && !self.pending_all
            && let Some(prepared) = &mut self.prepared
            && let Some(patched) = self.sources.patch(
                &mut prepared.site,
                &self.pending,
                &found,
                &self.link_diagnostics,
            )
        {
            let t = crate::pipeline::timing("relink: patched in place", t);
            if patched.cards
                && let Some(old) = self.prepared.take()
            {
                // Same graph, new cards: the model and the plan are derived again.
                let (prepared, diags) = pipeline::derive_again(inputs, old, &patched.pages);
                crate::pipeline::timing("relink: derive", t);
                self.prepared = Some(prepared);
                self.derive_diagnostics = diags;
            }
            return Some(patched);
        }
        let (pages, excluded) = self.sources.pool(self.prepared.take().map(|p| p.site));
        let t = crate::pipeline::timing("relink: pool", t);
        let pages = pipeline::Pages {
            pages,
            excluded,
            files: self.content_files.clone(),
        };
        let (site, files, link_diagnostics) = pipeline::link_pages(inputs, pages);
        let (prepared, diags) = pipeline::derive(inputs, site, files);
        let t = crate::pipeline::timing("relink: prepare", t);
        self.sources.settle(&prepared.site);
        crate::pipeline::timing("relink: settle", t);
        self.prepared = Some(prepared);
        self.link_diagnostics = link_diagnostics;
        self.derive_diagnostics = diags;
        None
    }

    /// What linking, the model, validation and the plan found, in that order.
    fn diagnostics_after_parse(&self) -> Diagnostics {
        let mut all = self.link_diagnostics.clone();
        all.extend(self.derive_diagnostics.clone());
        all
    }

    fn rebuild(
        &mut self,
        started: Instant,
        relink: Relink,
        assets: bool,
        css_only: bool,
    ) -> Update {
        let t = Instant::now();
        let patched = match relink {
            Relink::No => None,
            Relink::PagesOnly => self.relink(true),
            Relink::All => self.relink(false),
        };
        let relink = relink != Relink::No;
        let t = crate::pipeline::timing("serve: relink", t);
        let mut update = Update {
            diagnostics: self.diagnostics(),
            changed: Vec::new(),
            removed: Vec::new(),
            css_only,
            rendered: 0,
            pages: self.page_count(),
            elapsed: Duration::ZERO,
        };
        let (Some(inputs), Some(prepared)) = (&self.inputs, &self.prepared) else {
            update.elapsed = started.elapsed();
            return update;
        };
        // With `--keep-going` the site is served with its errors (and marked broken links);
        // otherwise the last good site stays.
        let keep_going = self.options.keep_going;
        if !update.ok() && !keep_going {
            update.elapsed = started.elapsed();
            return update;
        }

        // what changed: this plan against the last good render's
        let renderer = prepared.renderer(inputs, self.today);
        let entries = &prepared.plan.entries;
        let snapshot = |prepared: &Prepared| {
            let globals =
                crate::render::context::globals(&prepared.site, &prepared.model, &inputs.templates);
            Snapshot::of(prepared, changes::globals_fingerprint(prepared, &globals))
        };
        let mut next = None;
        let (mut selected, removed, all) = match (&self.snapshot, self.pending_all, &patched) {
            // Only bodies changed: every card, link and entry is as the snapshot has it,
            // so what renders is what shows those bodies.
            (Some(_), false, Some(p)) if !p.cards => (
                changes::showing_bodies(entries, &p.pages),
                Vec::new(),
                false,
            ),
            // Cards changed, the graph did not: the snapshot's links and referrers stand.
            (Some(last), false, Some(p)) => {
                let globals = crate::render::context::globals(
                    &prepared.site,
                    &prepared.model,
                    &inputs.templates,
                );
                let now = last.with_cards(
                    prepared,
                    &p.pages,
                    changes::globals_fingerprint(prepared, &globals),
                );
                let bodies: HashSet<String> = p
                    .pages
                    .iter()
                    .map(|&i| prepared.site.pages[i].key.clone())
                    .collect();
                let dirty = last.dirty(prepared, &now, &bodies);
                next = Some(now);
                (dirty.entries, dirty.removed, dirty.all)
            }
            (Some(last), false, None) => {
                let now = snapshot(prepared);
                let bodies: HashSet<String> = prepared
                    .site
                    .pages
                    .iter()
                    .filter(|p| self.pending.contains(&p.source.rel))
                    .map(|p| p.key.clone())
                    .collect();
                let dirty = last.dirty(prepared, &now, &bodies);
                next = Some(now);
                (dirty.entries, dirty.removed, dirty.all)
            }
            _ => {
                next = Some(snapshot(prepared));
                ((0..entries.len()).collect(), Vec::new(), true)
            }
        };
        if assets && !all {
            selected.extend(
                (0..entries.len()).filter(|&e| matches!(entries[e].output, Output::Asset(_))),
            );
        }
        // A sheet is rendered with its module page.
        let pages_of_sheets: Vec<usize> = selected
            .iter()
            .filter_map(|&e| match entries[e].output {
                Output::Sheet(p, _) => entries[..e]
                    .iter()
                    .rposition(|x| x.output == Output::Page(p)),
                _ => None,
            })
            .collect();
        selected.extend(pages_of_sheets);
        selected.sort_unstable();
        selected.dedup();
        if all {
            self.exports_due.clear();
        } else {
            selected.retain(|&e| {
                let export = matches!(entries[e].output, Output::RolesJson | Output::Graph);
                if export {
                    self.exports_due.push(entries[e].path.clone());
                }
                !export
            });
        }
        let t = crate::pipeline::timing("serve: what changed", t);

        // render (to memory)
        let (texts, diags, files) = render_to_memory(&renderer, prepared, &selected);
        let t = crate::pipeline::timing("serve: render", t);
        update.diagnostics.extend(diags);
        if !update.ok() && !keep_going {
            // The plan moved on but the served site did not: render it all next time.
            self.pending_all = true;
            update.elapsed = started.elapsed();
            return update;
        }
        update.rendered = files.len();

        // write (to memory)
        let mut next_files: SiteFiles = if all {
            // The last index stays served until the next one is accepted.
            let mut fresh = SiteFiles::with_capacity(files.len() + 16);
            for path in self.search.paths() {
                if let Some(bytes) = self.files.get(path) {
                    fresh.insert(path.clone(), Arc::clone(bytes));
                }
            }
            fresh
        } else {
            (*self.files).clone()
        };
        if all {
            // Everything not rendered again is gone.
            let planned: HashSet<&str> = entries.iter().map(|e| e.path.as_str()).collect();
            update.removed = self
                .files
                .keys()
                .filter(|p| !planned.contains(p.as_str()) && !next_files.contains_key(*p))
                .cloned()
                .collect();
        }
        for path in &removed {
            next_files.remove(path);
        }
        for f in files {
            if self.files.get(&f.path).is_none_or(|b| **b != *f.bytes) || all {
                update.changed.push(f.path.clone());
            }
            next_files.insert(f.path, f.bytes.into());
        }
        let t = crate::pipeline::timing("serve: copy the site", t);
        // index: recorded now, built by index_job (here or on another thread)
        if relink || all || !texts.is_empty() {
            self.search.record(&prepared.site, texts);
            self.index_due = true;
        }
        update.removed.extend(removed);
        update.changed.sort();
        update.changed.dedup();
        update.removed.sort();
        update.removed.dedup();
        if let Some(next) = next {
            self.snapshot = Some(next);
        }
        self.files = Arc::new(next_files);
        crate::pipeline::timing("serve: snapshot", t);
        self.pending.clear();
        self.pending_all = false;
        update.elapsed = started.elapsed();
        update
    }
}

/// Renders the `selected` entries of `prepared`'s plan into memory: the pages' texts (for
/// the search index), the problems found and the files.
fn render_to_memory(
    renderer: &crate::render::Renderer<'_>,
    prepared: &Prepared,
    selected: &[usize],
) -> (Vec<crate::render::PageText>, Diagnostics, Vec<OutputFile>) {
    let kept = crate::render::Memory::default();
    let sink = Sink::new(&kept);
    let (texts, diags) = renderer.render(
        &prepared.site,
        &prepared.model,
        &prepared.plan,
        Which::Only(selected),
        &sink,
    );
    drop(sink);
    (texts, diags, kept.into_files())
}
