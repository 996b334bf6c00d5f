//! The stages wired once, for every command: `build`, `check`, `report`, `serve` and the
//! fuzz targets all run them through the functions here, so they check the same things in
//! the same order.
//!
//! ```text
//! handbook.yml, theme, static/ ── inputs ──> Inputs
//! content/ ── load ── parse ── publish ──> pages           (read_pages; serve keeps its own
//!                                                         incremental copy: incremental::sources)
//! pages ── link ── model ── validate ── plan ── check ──> Prepared   (prepare)
//! Prepared ── render ──> Sink, page texts                    (Renderer, in render)
//! page texts ── index ──> search/*.js                        (index::index_site)
//! Sink ── write ──> public/                                  (write::Staging)
//! ```
//!
//! Problems never stop a stage early: each stage reports what it finds and the next one
//! runs on what is usable, so one run shows every problem of every kind. Only rendering
//! waits for a clean [`Prepared`] (or `--keep-going`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tera::Tera;

use crate::config::{self, Config};
use crate::diagnostics::Diagnostics;
use crate::link::{self, Site};
use crate::load::ContentFile;
use crate::model::Model;
use crate::parse::kinds::Date;
use crate::parse::publish::{is_published, review_warnings};
use crate::parse::{self, Page};
use crate::plan::{self, Plan, Templates};
use crate::render::{Assets, Renderer};
use crate::{highlight, load, theme, validate};

/// The site-wide inputs: configuration, compiled templates and the files copied as they
/// are.
pub struct Inputs {
    /// `handbook.yml`.
    pub config: Config,
    /// The theme's templates, with the site's overrides.
    pub tera: Tera,
    /// Which templates exist.
    pub templates: Templates,
    /// Files copied as they are.
    pub assets: Assets,
    /// What reading the inputs warned of (a symbolic link skipped in `static/`, say).
    pub warnings: Diagnostics,
}

/// Reads `handbook.yml`, the theme and `static/`.
pub fn inputs(root: &Path) -> Result<Inputs, Diagnostics> {
    let config = config::load(root)?;
    let theme = theme::load(root, &config.theme)?;
    let (static_files, warnings) = theme::read_static(root, &config.publish_hidden);
    let mut inputs = Inputs::new(config, theme, static_files)?;
    inputs.warnings = warnings;
    Ok(inputs)
}

impl Inputs {
    /// The inputs of a site with this configuration, theme and `static/` files.
    pub fn new(
        config: Config,
        theme: theme::Theme,
        static_files: Vec<(String, Vec<u8>)>,
    ) -> Result<Inputs, Diagnostics> {
        let tera = crate::render::environment(&theme)?;
        let templates = Templates::new(theme.templates.iter().map(|(n, _)| n.as_str()));
        let assets = Assets {
            syntax: highlight::stylesheets()
                .into_iter()
                .map(|(name, css)| (format!("css/{name}"), css.into_bytes()))
                .collect(),
            theme: theme
                .assets
                .into_iter()
                .filter(|(path, _)| !theme::SERVE_ONLY_ASSETS.contains(&path.as_str()))
                .collect(),
            site: static_files,
        };
        Ok(Inputs {
            warnings: Diagnostics::new(),
            config,
            tera,
            templates,
            assets,
        })
    }
}

/// Which pages a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    /// Include drafts.
    pub drafts: bool,
    /// Include internal pages.
    pub include_internal: bool,
    /// The date review checks compare against.
    pub today: Date,
}

/// What stages load and parse read from `content/`.
pub struct Pages {
    /// The published pages.
    pub pages: Vec<Page>,
    /// Keys of the pages left out (drafts, internal), for better messages.
    pub excluded: HashSet<String>,
    /// The files beside the pages that are not Markdown, copied to the same paths.
    pub files: Vec<ContentFile>,
}

/// Stages load and parse for the whole of `content/`, keeping the published pages, with
/// every problem found.
pub fn read_pages(root: &Path, publish: Publish) -> (Pages, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let t = Instant::now();
    let (sources, files, diags) = load::load_with_files(root, &root.join("content"));
    diagnostics.extend(diags);
    let t = timing("  load", t);
    let (pages, diags) = parse::parse_all(sources);
    diagnostics.extend(diags);
    timing("  parse", t);
    let mut excluded = HashSet::new();
    let pages: Vec<Page> = pages
        .into_iter()
        .filter(|p| {
            let keep = is_published(p, publish.drafts, publish.include_internal);
            if !keep {
                excluded.insert(p.key.clone());
            }
            keep
        })
        .collect();
    review_warnings(&pages, publish.today, &mut diagnostics);
    (
        Pages {
            pages,
            excluded,
            files,
        },
        diagnostics,
    )
}

/// The site ready to render: linked, its shared facts derived, every output planned.
pub struct Prepared {
    /// The linked site.
    pub site: Site,
    /// The files beside the pages, copied as they are.
    pub files: Vec<ContentFile>,
    /// Facts several outputs share.
    pub model: Model,
    /// Every file the build writes.
    pub plan: Plan,
}

/// Stages link, model, validate and plan, and the plan's check: everything a build checks
/// before rendering, the same for every command.
pub fn prepare(inputs: &Inputs, pages: Pages) -> (Prepared, Diagnostics) {
    let (site, files, mut diagnostics) = link_pages(inputs, pages);
    let (prepared, derived) = derive(inputs, site, files);
    diagnostics.extend(derived);
    (prepared, diagnostics)
}

/// Stage link alone: the linked site, the files beside the pages and what linking found.
pub fn link_pages(inputs: &Inputs, pages: Pages) -> (Site, Vec<ContentFile>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let t = Instant::now();
    let static_names = inputs.assets.site.iter().map(|(n, _)| n.clone()).collect();
    let content_names = pages.files.iter().map(|f| f.rel.clone()).collect();
    let (site, diags) = link::link_with_files(
        inputs.config.clone(),
        pages.pages,
        static_names,
        content_names,
        pages.excluded,
    );
    diagnostics.extend(diags);
    timing("  link", t);
    (site, pages.files, diagnostics)
}

/// Stages model, validate and plan, and the plan's check, on a linked site: what
/// [`prepare`] does after linking. `serve` calls it alone when an edit changed only what
/// other pages show of a page (its card) and the linked site was patched in place.
pub fn derive(inputs: &Inputs, site: Site, files: Vec<ContentFile>) -> (Prepared, Diagnostics) {
    derive_with(inputs, site, files, Model::of)
}

/// [`derive()`] for `serve` after the pages `patched` (sorted) were put into `previous`'s
/// site in place with the same graph: the model reuses what of the last one those pages
/// cannot change (see `Model::again`); the result is the same.
pub fn derive_again(
    inputs: &Inputs,
    previous: Prepared,
    patched: &[usize],
) -> (Prepared, Diagnostics) {
    let Prepared {
        site,
        files,
        model,
        plan,
    } = previous;
    // The old plan is freed beside the new one's making, not before it.
    std::thread::spawn(move || drop(plan));
    derive_with(inputs, site, files, |site| {
        Model::again(site, model, patched)
    })
}

fn derive_with(
    inputs: &Inputs,
    site: Site,
    files: Vec<ContentFile>,
    model: impl FnOnce(&Site) -> Model + Send,
) -> (Prepared, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let t = Instant::now();
    // Validation reads only the linked site: it runs beside the model and the plan.
    let (validated, (model, plan, checked)) = rayon::join(
        || {
            let t = Instant::now();
            let d = validate::validate(&site);
            timing("  validate (beside)", t);
            d
        },
        || {
            let model = model(&site);
            let t = timing("  model", t);
            let mut assets = inputs.assets.paths();
            assets.content = files.iter().map(|f| f.rel.clone()).collect();
            let plan = plan::plan(&site, &model, &inputs.templates, &assets);
            let t = timing("  plan", t);
            let checked = plan::check::check(&plan, &site, &model);
            timing("  plan check", t);
            (model, plan, checked)
        },
    );
    diagnostics.extend(validated);
    diagnostics.extend(checked);
    (
        Prepared {
            site,
            files,
            model,
            plan,
        },
        diagnostics,
    )
}

impl Prepared {
    /// The renderer for this site.
    pub fn renderer<'a>(&'a self, inputs: &'a Inputs, today: Date) -> Renderer<'a> {
        Renderer::new(
            &self.site,
            &self.model,
            &inputs.tera,
            &inputs.templates,
            &inputs.assets,
            &self.files,
            today,
        )
    }
}

/// Prints how long a stage took when `HANDBOOK_TIMINGS` is set: for profiling
/// (docs/performance.md), never shown otherwise. Returns now, for the next stage.
pub fn timing(stage: &str, since: Instant) -> Instant {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("HANDBOOK_TIMINGS").is_some()) {
        eprintln!(
            "timing: {stage:<20} {:>8.1} ms{}",
            since.elapsed().as_secs_f64() * 1e3,
            memory().map_or(String::new(), |m| format!(
                "  (resident {m} MB, peak so far)"
            ))
        );
    }
    Instant::now()
}

/// The process's peak resident memory so far, in MB, where the system says (Linux).
fn memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds `handbook.yml`).
    pub root: PathBuf,
    /// Overrides the config's output folder.
    pub output: Option<PathBuf>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Include pages marked `classification: internal`.
    pub include_internal: bool,
    /// False for `check`: run every validation, write nothing.
    pub write: bool,
    /// The date review checks compare against (today, unless a test fixes it).
    pub today: Option<Date>,
    /// Render and write the site even when the sources have errors (broken links marked),
    /// so a migration can be previewed; the build still fails. Errors that leave nothing
    /// to render (no `handbook.yml`, a broken theme, an unsafe output folder) still stop it.
    pub keep_going: bool,
}

impl BuildOptions {
    /// A build of the site at `root` with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            include_internal: false,
            write: true,
            today: None,
            keep_going: false,
        }
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildOutcome {
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Pages rendered (content pages, not item pages).
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Where the site was written, if it was.
    pub output: Option<PathBuf>,
    /// Wall time.
    pub elapsed: Duration,
    /// What the search index holds and how long it took, when it was built.
    pub search: Option<crate::index::IndexStats>,
    /// True when the site was written in spite of errors (`--keep-going`).
    pub kept_going: bool,
    /// What the build put right before starting: an interrupted swap finished or undone,
    /// folders that interrupted builds left beside the output removed.
    pub recovered: Vec<String>,
}

impl BuildOutcome {
    /// True when the build found no errors.
    pub fn ok(&self) -> bool {
        self.diagnostics.error_count() == 0
    }
}

/// Finishes or undoes a swap a crash interrupted and removes what interrupted builds of
/// this site's output left beside it (`serve` calls it: it writes no output of its own).
/// One note a thing done.
pub fn recover_output(options: &BuildOptions) -> Vec<String> {
    let output = match &options.output {
        Some(o) => o.clone(),
        None => match inputs(&options.root) {
            Ok(inputs) => options.root.join(&inputs.config.output),
            Err(_) => return Vec::new(),
        },
    };
    crate::write::recover(&output)
}

/// Runs the pipeline. Never panics on bad input; every problem is a diagnostic.
pub fn build(options: &BuildOptions) -> BuildOutcome {
    let started = Instant::now();
    let mut outcome = BuildOutcome {
        diagnostics: Diagnostics::new(),
        pages: 0,
        files: 0,
        output: None,
        elapsed: Duration::ZERO,
        search: None,
        kept_going: false,
        recovered: Vec::new(),
    };
    let result = run(options, &mut outcome);
    if let Err(d) = result {
        outcome.diagnostics.extend(d);
    }
    outcome.elapsed = started.elapsed();
    outcome
}

fn run(options: &BuildOptions, outcome: &mut BuildOutcome) -> Result<(), Diagnostics> {
    let root = &options.root;
    let inputs = inputs(root)?;
    outcome.diagnostics.extend(inputs.warnings.clone());
    let today = options.today.unwrap_or_else(Date::today);
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&inputs.config.output));
    let single = |d: crate::diagnostics::Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d, None);
        ds
    };
    if options.write {
        outcome.recovered = crate::write::recover(&output);
        crate::write::check_output_folder(root, &output).map_err(single)?;
    }

    let t = Instant::now();
    let (pages, diags) = read_pages(root, publish(options, &inputs.config, today));
    outcome.diagnostics.extend(diags);
    let (prepared, diags) = prepare(&inputs, pages);
    outcome.diagnostics.extend(diags);
    let t = timing("load, parse, link, plan", t);
    outcome.pages = prepared.site.pages.len();
    let keep_going = options.keep_going && options.write;
    if outcome.diagnostics.error_count() > 0 && !keep_going {
        return Ok(());
    }

    // render (each file goes straight to the staging folder; see crate::write::Staging)
    let staging = if options.write {
        Some(crate::write::Staging::begin(&output).map_err(single)?)
    } else {
        None
    };
    let nowhere = crate::render::Nowhere;
    let store: &dyn crate::render::Store = match &staging {
        Some(s) => s,
        None => &nowhere,
    };
    let sink = crate::render::Sink::new(store);
    let renderer = prepared.renderer(&inputs, today);
    let (texts, diags) = renderer.render(
        &prepared.site,
        &prepared.model,
        &prepared.plan,
        crate::render::Which::All,
        &sink,
    );
    outcome.diagnostics.extend(diags);
    let t = timing("render and write", t);
    // A failed build (or `check`) drops the staging folder, which deletes it.
    if staging.is_none() || (outcome.diagnostics.error_count() > 0 && !keep_going) {
        return Ok(());
    }

    // index
    let search_stats = crate::index::index_site(&prepared.site, texts, &mut |f| sink.put(f));
    outcome.search = Some(search_stats);
    let t = timing("search index", t);

    // write: swap the staging folder in
    if let Some(e) = sink.take_error() {
        return Err(single(crate::write::write_error(&output, e)));
    }
    let paths = sink.paths();
    drop(sink);
    if let Some(staging) = staging {
        staging.commit(&paths).map_err(single)?;
        outcome.files = paths.len();
        outcome.output = Some(output);
        outcome.kept_going = outcome.diagnostics.error_count() > 0;
    }
    timing("swap", t);
    Ok(())
}

/// Which pages `options` publishes.
fn publish(options: &BuildOptions, config: &Config, today: Date) -> Publish {
    Publish {
        drafts: options.drafts,
        include_internal: options.include_internal || config.include_internal,
        today,
    }
}

/// The site exactly as `build` would publish it (same drafts and internal-page filtering,
/// the same checks), for commands that read the site without rendering it, such as
/// `handbook report`. `None` when the configuration or theme cannot be read.
pub fn prepared_site(options: &BuildOptions) -> (Option<Prepared>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let inputs = match inputs(&options.root) {
        Ok(i) => i,
        Err(d) => return (None, d),
    };
    let today = options.today.unwrap_or_else(Date::today);
    let (pages, diags) = read_pages(&options.root, publish(options, &inputs.config, today));
    diagnostics.extend(diags);
    let (prepared, diags) = prepare(&inputs, pages);
    diagnostics.extend(diags);
    (Some(prepared), diagnostics)
}
