//! `handbook` turns a folder of Markdown about therapy services (role profiles, ethos,
//! practice guidance, competency frameworks, training) into a cross-linked, searchable
//! static handbook.
//!
//! The build is a straight line, one module per stage, each taking the previous stage's
//! value and reporting problems as diagnostics rather than stopping at the first:
//!
//! ```text
//! load -> parse -> link -> render -> index -> write
//! ```
//!
//! [`build`] runs it; the CLI in `main.rs` only parses arguments and prints.

#![warn(missing_docs, unreachable_pub)]
// Diagnostics are returned by value on the cold error path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod abbreviations;
pub mod config;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod highlight;
pub mod import;
pub mod incremental;
pub mod index;
pub mod link;
pub mod load;
pub mod markdown;
pub mod parse;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod theme;
pub mod validate;
pub mod write;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostics, Severity};
use parse::kinds::{Classification, Date};
use parse::yaml::Seg;

/// Prints how long a stage took when `HANDBOOK_TIMINGS` is set: for profiling
/// (docs/performance.md), never shown otherwise. Returns now, for the next stage.
pub fn timing(stage: &str, since: Instant) -> Instant {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("HANDBOOK_TIMINGS").is_some()) {
        eprintln!(
            "timing: {stage:<20} {:>8.1} ms",
            since.elapsed().as_secs_f64() * 1e3
        );
    }
    Instant::now()
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
    pub search: Option<index::IndexStats>,
}

impl BuildOutcome {
    /// True when the build found no errors.
    pub fn ok(&self) -> bool {
        self.diagnostics.error_count() == 0
    }
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
    let config = config::load(root)?;
    let today = options.today.unwrap_or_else(Date::today);
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output));

    if options.write
        && let Err(d) = write::check_output_folder(root, &output)
    {
        let mut ds = Diagnostics::new();
        ds.push(d, None);
        return Err(ds);
    }

    let t = Instant::now();
    let (site, static_files) = load_and_link(options, &config, today, &mut outcome.diagnostics);
    let t = timing("load, parse, link", t);
    if outcome.diagnostics.error_count() > 0 {
        return Ok(());
    }

    // render (each file goes straight to the staging folder; see write::Staging)
    let theme = theme::load(root, &config.theme)?;
    let tera = render::environment(&theme)?;
    let single = |d: diagnostics::Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d, None);
        ds
    };
    let staging = if options.write {
        Some(write::Staging::begin(&output).map_err(single)?)
    } else {
        None
    };
    let store = |f: render::OutputFile| match &staging {
        Some(s) => s.put(&f.path, &f.bytes),
        None => Ok(()),
    };
    let sink = render::Sink::new(&store);
    let (texts, diags) = render::render_into(&site, &tera, today, &render::Selection::all(), &sink);
    outcome.diagnostics.extend(diags);
    let t = timing("render and write", t);
    let owner = |path: &str| {
        let p = site
            .pages
            .iter()
            .find(|p| p.url.eq_ignore_ascii_case(path))?;
        Some(p.source.text.name.clone())
    };
    for d in write::check_paths(&sink.paths(), owner) {
        outcome.diagnostics.push(d, None);
    }
    outcome.pages = site.pages.len();
    // A failed build (or `check`) drops the staging folder, which deletes it.
    if staging.is_none() || outcome.diagnostics.error_count() > 0 {
        return Ok(());
    }

    // index
    let (search_files, search_stats) = index::index_site(&site, &texts);
    drop(texts);
    for f in search_files {
        sink.put(f);
    }
    outcome.search = Some(search_stats);
    let t = timing("search index", t);

    // write: the theme's and the site's static files, then swap the folder in
    let mut taken: HashSet<String> = sink.paths().into_iter().collect();
    for f in site_assets(theme.assets, static_files) {
        if taken.insert(f.path.clone()) {
            sink.put(f);
        }
    }
    if let Some(e) = sink.take_error() {
        return Err(single(write::write_error(&output, e)));
    }
    let paths = sink.paths();
    drop(sink);
    if let Some(staging) = staging {
        staging.commit(&paths).map_err(single)?;
        outcome.files = paths.len();
        outcome.output = Some(output);
    }
    timing("assets and swap", t);
    Ok(())
}

/// Stages load, parse and link, then the checks that need the linked site. Returns the
/// site and the files under `static/` (read once, for linking and for writing).
fn load_and_link(
    options: &BuildOptions,
    config: &config::Config,
    today: Date,
    diagnostics: &mut Diagnostics,
) -> (link::Site, Vec<(String, Vec<u8>)>) {
    let root = &options.root;
    let include_internal = options.include_internal || config.include_internal;

    // load
    let (sources, diags) = load::load(root, &root.join("content"));
    diagnostics.extend(diags);

    // parse
    let (pages, diags) = parse::parse_all(sources);
    diagnostics.extend(diags);

    let mut excluded = HashSet::new();
    let pages: Vec<parse::Page> = pages
        .into_iter()
        .filter(|p| {
            let keep = is_published(p, options.drafts, include_internal);
            if !keep {
                excluded.insert(p.key.clone());
            }
            keep
        })
        .collect();
    review_warnings(&pages, today, diagnostics);

    // link
    let static_dir = root.join("static");
    let static_files = theme::read_dir_bytes(&static_dir);
    let static_names: HashSet<String> = static_files.iter().map(|(n, _)| n.clone()).collect();
    let (site, diags) = link::link(config.clone(), pages, static_names, excluded);
    diagnostics.extend(diags);
    diagnostics.extend(validate::validate(&site));
    (site, static_files)
}

/// The linked site exactly as `build` would publish it (same drafts and internal-page
/// filtering), for commands that read the site without rendering it, such as
/// `handbook report`. `None` when the configuration cannot be read.
pub fn linked_site(options: &BuildOptions) -> (Option<link::Site>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = match config::load(&options.root) {
        Ok(c) => c,
        Err(d) => return (None, d),
    };
    let today = options.today.unwrap_or_else(Date::today);
    let (site, _) = load_and_link(options, &config, today, &mut diagnostics);
    (Some(site), diagnostics)
}

/// True if the build publishes `page`: drafts and internal pages only when asked for.
pub fn is_published(page: &parse::Page, drafts: bool, include_internal: bool) -> bool {
    (drafts || !page.common.draft)
        && (include_internal || page.common.classification != Classification::Internal)
}

/// The files copied as they are: highlighting stylesheets, the theme's assets, then the
/// site's `static/` (an earlier one wins a clash; callers let rendered pages win over all).
/// Assets only `serve` uses (the live-reload script) are left out, so a built site never
/// carries them.
pub fn site_assets(
    theme_assets: Vec<(String, Vec<u8>)>,
    static_files: Vec<(String, Vec<u8>)>,
) -> Vec<render::OutputFile> {
    let mut files: Vec<render::OutputFile> = highlight::stylesheets()
        .into_iter()
        .map(|(name, css)| render::OutputFile {
            path: format!("css/{name}"),
            bytes: css.into_bytes(),
        })
        .collect();
    let theme_assets = theme_assets
        .into_iter()
        .filter(|(path, _)| !serve::SERVE_ONLY_ASSETS.contains(&path.as_str()));
    let mut taken: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
    for (path, bytes) in theme_assets.chain(static_files) {
        if taken.insert(path.clone()) {
            files.push(render::OutputFile { path, bytes });
        }
    }
    files
}

/// Pages whose `review_by` date has passed are flagged for their owners.
pub fn review_warnings(pages: &[parse::Page], today: Date, diagnostics: &mut Diagnostics) {
    for p in pages {
        if let Some(date) = p.common.review_by
            && date < today
        {
            let owner = p.common.owner.as_deref().unwrap_or("its owner");
            let d = p
                .yaml()
                .error_at(
                    "W-review-overdue",
                    &[Seg::Key("review_by".into())],
                    false,
                    format!("page was due for review on {date}"),
                )
                .with_severity(Severity::Warning)
                .with_hint(format!(
                    "ask {owner} to review the page, then set a new `review_by` date"
                ));
            diagnostics.push(d, Some(&p.source.text));
        }
    }
}
