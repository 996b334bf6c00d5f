//! Which parsed pages a build publishes, and the review-date and
//! pending-review warnings for those it does.
//! Used by `build`, `check`, `report` and `serve`'s incremental sources alike, so they
//! agree on what is in the site.

use crate::diagnostics::{Diagnostics, Severity};
use crate::parse::Page;
use crate::parse::kinds::{Classification, Date};
use crate::yaml::Seg;

/// True if the build publishes `page`: drafts and internal pages only when asked for.
pub fn is_published(page: &Page, drafts: bool, include_internal: bool) -> bool {
    (drafts || !page.common.draft)
        && (include_internal || page.common.classification != Classification::Internal)
}

/// Pages whose `review_by` date has passed are flagged for their owners.
pub fn review_warnings(pages: &[Page], today: Date, diagnostics: &mut Diagnostics) {
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
        pending_review(p, diagnostics);
    }
}

/// Each item of a role's `review:` list (what an import inferred rather than read) is a
/// warning at its own line until a person checks it and removes it.
fn pending_review(p: &Page, diagnostics: &mut Diagnostics) {
    let Some(role) = p.role() else { return };
    for (i, item) in role.review.iter().enumerate() {
        let d = p
            .yaml()
            .error_at(
                "W-review-pending",
                &[Seg::Key("review".into()), Seg::Index(i)],
                false,
                format!("unchecked import: {item}"),
            )
            .with_severity(Severity::Warning)
            .with_hint(
                "check this value against the job description, correct it if needed, then delete the item from `review:`",
            );
        diagnostics.push(d, Some(&p.source.text));
    }
}
