//! A person specification repeated as a grid (a Success Profile table after the list,
//! its columns flattened into one run of text by the PDF or Word export) reads as
//! fragments of the criteria above it. Those fragments are left out, and the page's
//! `review:` note says so, so that nothing is silently lost.

use std::collections::HashSet;

use super::read::{Heading, Reading, heading};

/// Leaves out the criteria after a grid's row of column headings when every word of
/// them is already in the criteria read before the grid.
pub(super) fn drop_repeats(r: &mut Reading, lines: &[(String, usize)]) {
    let Some(grid) = grid_start(lines) else {
        return;
    };
    let words = |t: &str| -> Vec<String> {
        t.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let before: HashSet<String> = r
        .criteria
        .iter()
        .filter(|c| c.line < grid)
        .flat_map(|c| words(&c.text))
        .collect();
    if before.is_empty() {
        return;
    }
    let mut dropped = 0;
    r.criteria.retain(|c| {
        let repeat = c.line >= grid && words(&c.text).iter().all(|w| before.contains(w));
        dropped += usize::from(repeat);
        !repeat
    });
    if dropped > 0 {
        r.inferred.push((
            grid,
            format!(
                "{dropped} criteria in the table from this line are left out: their words all repeat criteria above it (a grid flattened into text); check that none is new"
            ),
        ));
    }
}

/// The line of a grid's column headings: three group headings among four lines in a row
/// (`Strengths`, `Behaviours`, ..., `Ability`).
fn grid_start(lines: &[(String, usize)]) -> Option<usize> {
    let text: Vec<&(String, usize)> = lines.iter().filter(|(l, _)| !l.is_empty()).collect();
    text.windows(4).find_map(|w| {
        let groups = w
            .iter()
            .filter(|(l, _)| matches!(heading(l), Some(Heading::Criteria(..))))
            .count();
        (groups >= 3 && matches!(heading(&w[0].0), Some(Heading::Criteria(..)))).then(|| w[0].1)
    })
}
