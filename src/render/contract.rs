//! The theme contract: which context each template of a theme gets, as JSON Schemas of the
//! context structs (doc comments included), so the guide's "Theme contract" page and the
//! default theme's templates can be checked against what the renderer really passes
//! (`tests/theme_contract.rs`).
//!
//! Every template gets [`TemplateContext`]: the site-wide [`Globals`], `base`,
//! `current_url` and `page`, whose type is the template's family's.

use schemars::{JsonSchema, Schema, schema_for};
use serde::Serialize;

use super::context::Globals;
use super::context::Head;
use super::context::page::{PageContext, SheetContext};
use super::items::ItemContext;
use super::recruiting::checklist::ChecklistContext;
use super::recruiting::compare::CompareContext;
use super::recruiting::matrix::{
    MatrixIndexContext, MatrixOverviewContext, MatrixSettingContext, MatrixTableContext,
};
use super::recruiting::pathway::{PathwayContext, PathwayIndexContext};
use super::redirect::RedirectContext;
use super::search::SearchContext;
use super::taxonomy::{TaxonomyContext, TermContext};
use super::training::{CoverageContext, CoverageFrameworkContext, CoverageRolesContext};

/// What a template is rendered with (the renderer builds the same keys, with the globals
/// computed once per build).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "TemplateContext")]
pub struct TemplateContext<P> {
    /// The site-wide values.
    #[serde(flatten)]
    pub globals: Globals,
    /// The `../` path from the page to the site root: prefix every URL with it.
    pub base: String,
    /// The page's own URL.
    pub current_url: String,
    /// Where the page sits: the section to mark, the side navigation, the feedback link.
    pub navigation: super::navigation::Navigation,
    /// The page: its type depends on the template.
    pub page: P,
}

/// Templates that get the same `page`.
pub struct Family {
    /// Its name in the guide.
    pub name: &'static str,
    /// Its templates.
    pub templates: &'static [&'static str],
    /// The schema of the whole context.
    pub schema: fn() -> Schema,
}

/// Every template family of a theme, with the templates the default theme has for it.
pub fn families() -> Vec<Family> {
    vec![
        Family {
            name: "Content pages",
            templates: &[
                "home.html",
                "section.html",
                "role.html",
                "framework.html",
                "ethos.html",
                "guidance.html",
                "module.html",
                "programme.html",
                "glossary.html",
                "page.html",
            ],
            schema: || schema_for!(TemplateContext<PageContext>),
        },
        Family {
            name: "Module sheets",
            templates: &["handout.html", "reflective-log.html", "module-pack.html"],
            schema: || schema_for!(TemplateContext<SheetContext>),
        },
        Family {
            name: "Item pages",
            templates: &["item.html"],
            schema: || schema_for!(TemplateContext<ItemContext>),
        },
        Family {
            name: "Index pages",
            templates: &["taxonomy.html"],
            schema: || schema_for!(TemplateContext<TaxonomyContext>),
        },
        Family {
            name: "Index value pages",
            templates: &["taxonomy-term.html"],
            schema: || schema_for!(TemplateContext<TermContext>),
        },
        Family {
            name: "Checklists",
            templates: &["checklist.html"],
            schema: || schema_for!(TemplateContext<ChecklistContext>),
        },
        Family {
            name: "Comparison",
            templates: &["compare.html"],
            schema: || schema_for!(TemplateContext<CompareContext>),
        },
        Family {
            name: "Career pathways",
            templates: &["pathway.html"],
            schema: || schema_for!(TemplateContext<PathwayIndexContext>),
        },
        Family {
            name: "Career pathways of a setting",
            templates: &["pathway-setting.html"],
            schema: || schema_for!(TemplateContext<PathwayContext>),
        },
        Family {
            name: "Matrix",
            templates: &["matrix.html"],
            schema: || schema_for!(TemplateContext<MatrixIndexContext>),
        },
        Family {
            name: "Matrix tables",
            templates: &["matrix-table.html"],
            schema: || schema_for!(TemplateContext<MatrixTableContext>),
        },
        Family {
            name: "Matrix overview of a framework",
            templates: &["matrix-framework.html"],
            schema: || schema_for!(TemplateContext<MatrixOverviewContext>),
        },
        Family {
            name: "Matrix of a setting",
            templates: &["matrix-setting.html"],
            schema: || schema_for!(TemplateContext<MatrixSettingContext>),
        },
        Family {
            name: "Training coverage",
            templates: &["coverage.html"],
            schema: || schema_for!(TemplateContext<CoverageContext>),
        },
        Family {
            name: "Training coverage of a framework",
            templates: &["coverage-framework.html"],
            schema: || schema_for!(TemplateContext<CoverageFrameworkContext>),
        },
        Family {
            name: "Training coverage by role",
            templates: &["coverage-roles.html"],
            schema: || schema_for!(TemplateContext<CoverageRolesContext>),
        },
        Family {
            name: "Search page",
            templates: &["search.html"],
            schema: || schema_for!(TemplateContext<SearchContext>),
        },
        Family {
            name: "Redirects",
            templates: &["redirect.html"],
            schema: || schema_for!(TemplateContext<RedirectContext>),
        },
        Family {
            name: "Page not found",
            templates: &["404.html"],
            schema: || schema_for!(TemplateContext<Head>),
        },
    ]
}
