//! Facts several outputs share, derived once from the linked site: the taxonomies, the
//! roles as recruiters see them (criteria numbered and aligned across roles), the training
//! coverage and the glossary's abbreviations.
//!
//! ```text
//! link -> Site -> model -> Model -> validate, plan, render, report
//! ```
//!
//! Everything here is read-only data computed from the `Site` in one pass; the plan decides
//! which files exist from it, render draws them, `handbook report` prints it. Nothing here
//! renders or writes.

pub(crate) mod coverage;
pub(crate) mod labels;
pub(crate) mod recruiting;
pub(crate) mod roles;
pub(crate) mod taxonomy;

use std::collections::HashMap;

use crate::abbreviations::{Abbreviation, AbbreviationSet};
use crate::link::Site;
use crate::parse::kinds::ModuleFields;

/// What the outputs of one build share, beside the `Site`.
pub struct Model {
    /// Tags, organisations, grades and professional bodies that have values.
    pub taxonomies: Vec<taxonomy::Taxonomy>,
    /// Every role, in display order, with ids and aligned criteria.
    pub roles: Vec<roles::RoleView>,
    /// The roles divided by setting and framework, for the recruiting pages.
    pub recruiting: recruiting::RecruitingModel,
    /// What the training develops against what the roles require.
    pub coverage: coverage::Coverage,
    /// The glossary's abbreviations, marked up on their first use in every page.
    pub abbreviations: AbbreviationSet,
    /// The section that holds every role, when they share one: the recruiting pages'
    /// home in the navigation (found once: every page's navigation asks).
    pub roles_section: Option<usize>,
    /// Page index to its position in `roles`.
    role_of: HashMap<usize, usize>,
}

impl Model {
    /// Derives every shared fact of `site`.
    pub fn of(site: &Site) -> Model {
        Model::make(site, || roles::roles(site))
    }

    /// The model of `site` after the pages `patched` (sorted) were put into it in place
    /// with the same graph (`serve`: an edit that changed only what other pages show of
    /// them): the same as [`Model::of`], reusing `previous`'s views of the other roles,
    /// whose references resolve as they did.
    pub fn again(site: &Site, mut previous: Model, patched: &[usize]) -> Model {
        let roles = std::mem::take(&mut previous.roles);
        // Freeing the rest (the coverage above all) took a third as long as making it
        // again, on the path of the edit: another thread does it.
        std::thread::spawn(move || drop(previous));
        Model::make(site, || roles::roles_again(site, roles, patched))
    }

    fn make(site: &Site, roles: impl FnOnce() -> Vec<roles::RoleView> + Send) -> Model {
        // The parts read only the site (recruiting also the roles), so they are made side
        // by side: `serve` makes the model again after every edit that changes a card.
        let ((roles, recruiting), (taxonomies, (coverage, abbreviations))) = rayon::join(
            || {
                let roles = roles();
                let recruiting = recruiting::recruiting(site, &roles);
                (roles, recruiting)
            },
            || {
                rayon::join(
                    || taxonomy::taxonomies(site),
                    || rayon::join(|| coverage::coverage(site), || abbreviations(site)),
                )
            },
        );
        let role_of = roles
            .iter()
            .enumerate()
            .map(|(r, v)| (v.index, r))
            .collect();
        Model {
            taxonomies,
            recruiting,
            roles_section: roles::roles_section(site, &roles),
            roles,
            coverage,
            abbreviations,
            role_of,
        }
    }

    /// The role of page `page`, if it is one.
    pub fn role_of(&self, page: usize) -> Option<&roles::RoleView> {
        self.role_of.get(&page).map(|&r| &self.roles[r])
    }
}

/// The glossary's abbreviations with site-relative hrefs, prepared once for every page.
pub(crate) fn abbreviations(site: &Site) -> AbbreviationSet {
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

/// A module's length: its `duration_minutes`, or else the sum of its session plan.
pub(crate) fn module_minutes(m: &ModuleFields) -> Option<u32> {
    m.duration_minutes.or_else(|| {
        let total: u32 = m
            .sessions
            .iter()
            .map(|s| s.minutes)
            .fold(0, u32::saturating_add);
        (total > 0).then_some(total)
    })
}
