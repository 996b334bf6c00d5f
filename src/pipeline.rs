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
use std::path::Path;

use tera::Tera;

use crate::config::{self, Config};
use crate::diagnostics::Diagnostics;
use crate::link::{self, Site};
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
}

/// Reads `handbook.yml`, the theme and `static/`.
pub fn inputs(root: &Path) -> Result<Inputs, Diagnostics> {
    let config = config::load(root)?;
    let theme = theme::load(root, &config.theme)?;
    Inputs::new(config, theme, theme::read_dir_bytes(&root.join("static")))
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

/// Stages load and parse for the whole of `content/`, keeping the published pages: the
/// pages, the keys of those left out (for better messages), and every problem.
pub fn read_pages(root: &Path, publish: Publish) -> (Vec<Page>, HashSet<String>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let (sources, diags) = load::load(root, &root.join("content"));
    diagnostics.extend(diags);
    let (pages, diags) = parse::parse_all(sources);
    diagnostics.extend(diags);
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
    (pages, excluded, diagnostics)
}

/// The site ready to render: linked, its shared facts derived, every output planned.
pub struct Prepared {
    /// The linked site.
    pub site: Site,
    /// Facts several outputs share.
    pub model: Model,
    /// Every file the build writes.
    pub plan: Plan,
}

/// Stages link, model, validate and plan, and the plan's check: everything a build checks
/// before rendering, the same for every command.
pub fn prepare(
    inputs: &Inputs,
    pages: Vec<Page>,
    excluded: HashSet<String>,
) -> (Prepared, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let static_names = inputs.assets.site.iter().map(|(n, _)| n.clone()).collect();
    let (site, diags) = link::link(inputs.config.clone(), pages, static_names, excluded);
    diagnostics.extend(diags);
    let model = Model::of(&site);
    diagnostics.extend(validate::validate(&site));
    let plan = plan::plan(&site, &model, &inputs.templates, &inputs.assets.paths());
    diagnostics.extend(plan::check::check(&plan, &site, &model));
    (Prepared { site, model, plan }, diagnostics)
}

impl Prepared {
    /// The renderer for this site.
    pub fn renderer<'a>(&self, inputs: &'a Inputs, today: Date) -> Renderer<'a> {
        Renderer::new(
            &self.site,
            &self.model,
            &inputs.tera,
            &inputs.templates,
            &inputs.assets,
            today,
        )
    }
}
