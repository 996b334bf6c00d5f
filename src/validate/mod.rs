//! Checks that need the linked site, run after the link stage and before render. Each
//! check reports into the build's one `Diagnostics`, so `build` and `check` show them
//! with every other problem.
//!
//! Not for: reference resolution (see `link`) or field types (see `parse`).

pub(crate) mod training;

use crate::diagnostics::Diagnostics;
use crate::link::Site;

/// Runs every site-level check.
pub(crate) fn validate(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    training::check(site, &mut diagnostics);
    diagnostics
}
