//! The training coverage page: what the modules develop against what the roles require,
//! from the coverage the model computes once (`model::coverage`, which
//! `handbook report coverage` prints too). A module's handout and reflective log are its
//! page's context laid out by their own templates (`context::page::sheet_context`).

use schemars::JsonSchema;
use serde::Serialize;

use super::context::{Head, breadcrumbs, page_link};
use crate::link::Site;
use crate::model::coverage::Coverage;
use crate::plan::urls;

/// The `page` of `coverage.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CoverageContext {
    /// What every page has (`kind` is `coverage`).
    #[serde(flatten)]
    pub head: Head,
    /// Every required or developed item, the gaps, the orphans and each role's view.
    pub coverage: Coverage,
}

/// The context of the coverage page (the site has a training section).
pub fn coverage_context(site: &Site, coverage: &Coverage) -> CoverageContext {
    let mut crumbs = Vec::new();
    if let Some(&training) = site.by_key.get(urls::TRAINING_KEY) {
        crumbs = breadcrumbs(site, training);
        crumbs.push(page_link(site, training));
    }
    let mut head = Head::generated(
        "Training coverage",
        "coverage",
        urls::COVERAGE_URL,
        Some(coverage.headline()),
        crumbs,
    );
    head.kind_label = "Training".into();
    CoverageContext {
        head,
        coverage: coverage.clone(),
    }
}
