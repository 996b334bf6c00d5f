//! Incremental builds for `serve`: the same pipeline as [`crate::build`] (load -> parse ->
//! link -> render -> write), keeping each stage's value between rebuilds so an edit costs
//! what it touches, not the whole site.
//!
//! - load/parse: only the files the watcher names are read again ([`sources`]);
//! - link: the graph is rebuilt from the kept pages (moved, not copied), so every
//!   reference in the site is checked on every save;
//! - render: only the outputs the edit affects, worked out from the graph ([`deps`]);
//! - write: into an in-memory copy of the site, swapped whole for the server, so a
//!   request sees either the previous site or the new one, and a failed rebuild leaves the
//!   last good site in place.
//!
//! Not for: `build`, which stays a straight run of the stages and writes to disk.

pub mod deps;
mod sources;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tera::Tera;

use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{self, Site};
use crate::parse::kinds::Date;
use crate::render::{self, OutputFile, Selection};
use crate::{BuildOptions, theme};
use deps::Facts;
use sources::Sources;

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

/// Site-wide inputs: the configuration and the compiled theme.
struct Inputs {
    config: Config,
    tera: Tera,
    theme_assets: Vec<(String, Vec<u8>)>,
}

/// The pipeline's values, kept between rebuilds.
pub struct Engine {
    options: BuildOptions,
    today: Date,
    inputs: Option<Inputs>,
    input_diagnostics: Diagnostics,
    static_files: Vec<(String, Vec<u8>)>,
    sources: Sources,
    site: Option<Site>,
    link_diagnostics: Diagnostics,
    /// The graph at the last good render; `None` until there is one.
    facts: Option<Facts>,
    /// The last good site.
    files: Arc<SiteFiles>,
    /// The paths in it that are copied assets rather than rendered outputs.
    asset_paths: HashSet<String>,
    /// Content files changed since the last good render.
    pending: HashSet<String>,
    /// Everything must be rendered at the next good rebuild.
    pending_all: bool,
    /// Page texts for the search index, which is rebuilt whole from them.
    search: crate::index::cache::SearchCache,
    /// The texts changed since the index was last built.
    index_due: bool,
}

/// A search-index build, taken from the engine so it can run on another thread while
/// the edited pages are already served: at 10,000 pages the index takes seconds and the
/// page well under 300 ms.
pub struct IndexJob {
    docs: Vec<crate::index::documents::SearchDoc>,
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
        let (files, stats) = crate::index::shards::build(self.docs);
        IndexResult {
            files,
            stats,
            elapsed: started.elapsed(),
        }
    }
}

fn load_inputs(root: &Path) -> Result<Inputs, Diagnostics> {
    let config = config::load(root)?;
    let theme = theme::load(root, &config.theme)?;
    let tera = render::environment(&theme)?;
    Ok(Inputs {
        config,
        tera,
        theme_assets: theme.assets,
    })
}

impl Engine {
    /// Loads, links and renders the whole site once.
    pub fn new(options: BuildOptions) -> (Engine, Update) {
        let started = Instant::now();
        let today = options.today.unwrap_or_else(Date::today);
        let (inputs, input_diagnostics) = match load_inputs(&options.root) {
            Ok(i) => (Some(i), Diagnostics::new()),
            Err(d) => (None, d),
        };
        let include_internal =
            options.include_internal || inputs.as_ref().is_some_and(|i| i.config.include_internal);
        let sources = Sources::scan(&options.root, today, options.drafts, include_internal);
        let static_files = theme::read_dir_bytes(&options.root.join("static"));
        let mut engine = Engine {
            today,
            inputs,
            input_diagnostics,
            static_files,
            sources,
            site: None,
            link_diagnostics: Diagnostics::new(),
            facts: None,
            files: Arc::new(SiteFiles::new()),
            asset_paths: HashSet::new(),
            pending: HashSet::new(),
            pending_all: true,
            search: crate::index::cache::SearchCache::new(),
            index_due: false,
            options,
        };
        let mut update = engine.rebuild(started, true, Vec::new(), false);
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
        self.finish_index(&mut update);
        update.elapsed = started.elapsed();
        update
    }

    /// Builds the search index here and now if it is due, adding its files to `update`.
    fn finish_index(&mut self, update: &mut Update) {
        if !update.ok() {
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

    /// The search index to build, if the pages' texts changed since the last one.
    pub fn index_job(&mut self) -> Option<IndexJob> {
        if !self.index_due {
            return None;
        }
        let site = self.site.as_ref()?;
        self.index_due = false;
        Some(IndexJob {
            docs: self.search.documents(site),
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
            pages: self.site.as_ref().map_or(0, |s| s.pages.len()),
            elapsed: started.elapsed() + result.elapsed,
        }
    }

    /// Applies what changed on disk and rebuilds the pages it affects; the search index
    /// is left to [`Engine::index_job`].
    pub fn apply_pages(&mut self, changes: &Changes) -> Update {
        let started = Instant::now();
        let mut relink = !changes.content.is_empty();
        if changes.site_wide {
            match load_inputs(&self.options.root) {
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
        let mut assets_changed = Vec::new();
        if !changes.assets.is_empty() {
            let before: HashSet<String> = self.static_files.iter().map(|f| f.0.clone()).collect();
            self.static_files = theme::read_dir_bytes(&self.options.root.join("static"));
            if let Some(inputs) = &mut self.inputs
                && let Ok(theme) = theme::load(&self.options.root, &inputs.config.theme)
            {
                inputs.theme_assets = theme.assets;
            }
            let after: HashSet<String> = self.static_files.iter().map(|f| f.0.clone()).collect();
            // Links to static files are checked, so a file coming or going means a relink.
            relink |= before != after;
            assets_changed = changes.assets.clone();
        }
        let changed = self.sources.refresh(&changes.content);
        self.pending.extend(changed);
        let css_only = !relink
            && !assets_changed.is_empty()
            && assets_changed
                .iter()
                .all(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css")));
        self.rebuild(started, relink, assets_changed, css_only)
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
        all.extend(self.link_diagnostics.clone());
        all
    }

    fn relink(&mut self) {
        let Some(inputs) = &self.inputs else { return };
        let t = Instant::now();
        let (pages, excluded) = self.sources.pool(self.site.take());
        let t = crate::timing("relink: pool", t);
        let static_names = self.static_files.iter().map(|f| f.0.clone()).collect();
        let (site, mut diags) = link::link(inputs.config.clone(), pages, static_names, excluded);
        let t = crate::timing("relink: link", t);
        // The checks that need the linked site, as in `build`.
        diags.extend(crate::validate::validate(&site));
        let t = crate::timing("relink: validate", t);
        self.sources.settle(&site);
        crate::timing("relink: settle", t);
        self.site = Some(site);
        self.link_diagnostics = diags;
    }

    fn rebuild(
        &mut self,
        started: Instant,
        relink: bool,
        assets: Vec<PathBuf>,
        css_only: bool,
    ) -> Update {
        let t = Instant::now();
        if relink {
            self.relink();
        }
        let t = crate::timing("serve: relink", t);
        let mut update = Update {
            diagnostics: self.diagnostics(),
            changed: Vec::new(),
            removed: Vec::new(),
            css_only,
            rendered: 0,
            pages: self.site.as_ref().map_or(0, |s| s.pages.len()),
            elapsed: Duration::ZERO,
        };
        let (Some(inputs), Some(site)) = (&self.inputs, &self.site) else {
            update.elapsed = started.elapsed();
            return update;
        };
        if !update.ok() {
            update.elapsed = started.elapsed();
            return update;
        }

        // render
        let (selection, removed) = match (&mut self.facts, self.pending_all) {
            (Some(facts), false) => {
                let affected = facts.update(site, &self.pending);
                (affected.selection, affected.removed)
            }
            _ => (Selection::all(), Vec::new()),
        };
        let t = crate::timing("serve: what changed", t);
        let (files, texts, diags) =
            render::render_selected(site, &inputs.tera, self.today, &selection);
        let t = crate::timing("serve: render", t);
        update.diagnostics.extend(diags);
        if !update.ok() {
            // The facts moved on but the served site did not: render it all next time.
            self.pending_all = true;
            update.elapsed = started.elapsed();
            return update;
        }
        update.rendered = files.len();

        // write (to memory)
        let mut next: SiteFiles = if selection.all {
            // The last index stays served until the next one is accepted.
            let mut fresh = SiteFiles::with_capacity(files.len() + self.static_files.len() + 16);
            for path in self.search.paths() {
                if let Some(bytes) = self.files.get(path) {
                    fresh.insert(path.clone(), Arc::clone(bytes));
                }
            }
            fresh
        } else {
            (*self.files).clone()
        };
        for path in &removed {
            next.remove(path);
        }
        let rendered: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        update.changed = files.iter().map(|f| f.path.clone()).collect();
        for f in files {
            next.insert(f.path, f.bytes.into());
        }
        let t = crate::timing("serve: copy the site", t);
        // index: recorded now, built by index_job (here or on another thread)
        if relink || selection.all || !texts.is_empty() {
            self.search.record(site, texts);
            self.index_due = true;
        }

        if selection.all || !assets.is_empty() {
            let list = crate::site_assets(inputs.theme_assets.clone(), self.static_files.clone());
            let mut paths = HashSet::with_capacity(list.len());
            for OutputFile { path, bytes } in list {
                if rendered.contains(&path) {
                    continue;
                }
                if self.files.get(&path).is_none_or(|b| **b != *bytes) {
                    update.changed.push(path.clone());
                }
                paths.insert(path.clone());
                next.insert(path, bytes.into());
            }
            for gone in self.asset_paths.difference(&paths) {
                if !rendered.contains(gone) {
                    next.remove(gone);
                    update.removed.push(gone.clone());
                }
            }
            self.asset_paths = paths;
        }
        update.removed.extend(removed);
        update.changed.sort();
        update.changed.dedup();
        update.removed.sort();
        update.removed.dedup();
        if self.facts.is_none() || selection.all {
            self.facts = Some(Facts::of(site));
        }
        self.files = Arc::new(next);
        crate::timing("serve: assets, facts", t);
        self.pending.clear();
        self.pending_all = false;
        update.elapsed = started.elapsed();
        update
    }
}
