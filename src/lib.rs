//! `handbook` turns a folder of Markdown about therapy services (role profiles, ethos,
//! practice guidance, competency frameworks, training) into a cross-linked, searchable
//! static handbook.
//!
//! The build is a straight line, one module per stage, each taking the previous stage's
//! value and reporting problems as diagnostics rather than stopping at the first:
//!
//! ```text
//! load -> parse -> link -> model -> validate -> plan -> render -> index -> write
//! ```
//!
//! `pipeline` wires the stages once for every command; the plan (`plan`) lists every file
//! the build writes before anything renders.
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
pub mod html;
pub mod incremental;
pub mod index;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod theme;
pub mod validate;
pub mod write;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostics::Diagnostics;
use parse::kinds::Date;

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
    let inputs = pipeline::inputs(root)?;
    let today = options.today.unwrap_or_else(Date::today);
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&inputs.config.output));
    let single = |d: diagnostics::Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d, None);
        ds
    };
    if options.write {
        write::check_output_folder(root, &output).map_err(single)?;
    }

    let t = Instant::now();
    let (pages, excluded, diags) =
        pipeline::read_pages(root, publish(options, &inputs.config, today));
    outcome.diagnostics.extend(diags);
    let (prepared, diags) = pipeline::prepare(&inputs, pages, excluded);
    outcome.diagnostics.extend(diags);
    let t = timing("load, parse, link, plan", t);
    outcome.pages = prepared.site.pages.len();
    if outcome.diagnostics.error_count() > 0 {
        return Ok(());
    }

    // render (each file goes straight to the staging folder; see write::Staging)
    let staging = if options.write {
        Some(write::Staging::begin(&output).map_err(single)?)
    } else {
        None
    };
    let store = |f: plan::OutputFile| match &staging {
        Some(s) => s.put(&f.path, &f.bytes),
        None => Ok(()),
    };
    let sink = render::Sink::new(&store);
    let renderer = prepared.renderer(&inputs, today);
    let (texts, diags) = renderer.render(
        &prepared.site,
        &prepared.model,
        &prepared.plan,
        render::Which::All,
        &sink,
    );
    outcome.diagnostics.extend(diags);
    let t = timing("render and write", t);
    // A failed build (or `check`) drops the staging folder, which deletes it.
    if staging.is_none() || outcome.diagnostics.error_count() > 0 {
        return Ok(());
    }

    // index
    let (search_files, search_stats) = index::index_site(&prepared.site, &texts);
    drop(texts);
    for f in search_files {
        sink.put(f);
    }
    outcome.search = Some(search_stats);
    let t = timing("search index", t);

    // write: swap the staging folder in
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
    timing("swap", t);
    Ok(())
}

/// Which pages `options` publishes.
fn publish(options: &BuildOptions, config: &config::Config, today: Date) -> pipeline::Publish {
    pipeline::Publish {
        drafts: options.drafts,
        include_internal: options.include_internal || config.include_internal,
        today,
    }
}

/// The site exactly as `build` would publish it (same drafts and internal-page filtering,
/// the same checks), for commands that read the site without rendering it, such as
/// `handbook report`. `None` when the configuration or theme cannot be read.
pub fn prepared_site(options: &BuildOptions) -> (Option<pipeline::Prepared>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let inputs = match pipeline::inputs(&options.root) {
        Ok(i) => i,
        Err(d) => return (None, d),
    };
    let today = options.today.unwrap_or_else(Date::today);
    let (pages, excluded, diags) =
        pipeline::read_pages(&options.root, publish(options, &inputs.config, today));
    diagnostics.extend(diags);
    let (prepared, diags) = pipeline::prepare(&inputs, pages, excluded);
    diagnostics.extend(diags);
    (Some(prepared), diagnostics)
}
