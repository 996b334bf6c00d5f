//! Review dates: every page with a `review_by`, earliest first, with its owner and whether
//! the date has passed.
//!
//! Reads every page, drafts and internal pages included (each marked), because editors
//! review what is unpublished too. Builds and `check` warn only about the pages they
//! publish; this list is the editors' whole worklist.

use serde::Serialize;

use crate::parse::Page;
use crate::parse::kinds::{Classification, Date};
use crate::report::table::{Table, csv_row};

/// One page with a review date.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewEntry {
    /// The date it is due for review.
    pub review_by: Date,
    /// True when that date is before today.
    pub overdue: bool,
    /// Who keeps the page current, if the page says.
    pub owner: Option<String>,
    /// Page title.
    pub title: String,
    /// Its kind.
    pub kind: String,
    /// The source file, relative to the site root.
    pub file: String,
    /// Left out of default builds (`draft: true`).
    pub draft: bool,
    /// Left out unless internal pages are included.
    pub internal: bool,
}

/// The review list.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The date "overdue" was judged against.
    pub today: Date,
    /// Pages read.
    pub pages: usize,
    /// Pages with a review date, earliest first (then by file).
    pub entries: Vec<ReviewEntry>,
    /// How many are overdue.
    pub overdue: usize,
}

/// Lists the pages with a review date.
pub fn review(pages: &[Page], today: Date) -> Review {
    let mut entries: Vec<ReviewEntry> = pages
        .iter()
        .filter_map(|p| {
            let date = p.common.review_by?;
            Some(ReviewEntry {
                review_by: date,
                overdue: date < today,
                owner: p.common.owner.clone(),
                title: p.common.title.clone(),
                kind: p.kind.name().to_string(),
                file: p.source.text.name.clone(),
                draft: p.common.draft,
                internal: p.common.classification == Classification::Internal,
            })
        })
        .collect();
    entries.sort_by(|a, b| (a.review_by, &a.file).cmp(&(b.review_by, &b.file)));
    Review {
        today,
        pages: pages.len(),
        overdue: entries.iter().filter(|e| e.overdue).count(),
        entries,
    }
}

impl ReviewEntry {
    fn status(&self) -> String {
        let mut s = if self.overdue { "OVERDUE" } else { "" }.to_string();
        for (flag, word) in [(self.draft, "draft"), (self.internal, "internal")] {
            if flag {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str(word);
            }
        }
        s
    }
}

impl Review {
    /// The summary in one sentence.
    pub fn headline(&self) -> String {
        format!(
            "{} of {} pages have a review date; {} overdue on {}.",
            self.entries.len(),
            self.pages,
            self.overdue,
            self.today
        )
    }

    /// A terminal table, earliest date first.
    pub fn to_table(&self) -> String {
        let mut out = format!("Review dates\n\n{}\n\n", self.headline());
        let mut t = Table::new(&["Review by", "Status", "Owner", "Title", "File"]).keep(4);
        for e in &self.entries {
            t.row(vec![
                e.review_by.to_string(),
                e.status(),
                e.owner.clone().unwrap_or_else(|| "-".into()),
                e.title.clone(),
                e.file.clone(),
            ]);
        }
        out.push_str(&t.render_or("(no page has a review_by date)"));
        out
    }

    /// One CSV row per page.
    pub fn to_csv(&self) -> String {
        let mut out = csv_row(&[
            "review_by",
            "overdue",
            "owner",
            "title",
            "kind",
            "file",
            "draft",
            "internal",
        ]);
        let yes = |b: bool| if b { "yes" } else { "no" };
        for e in &self.entries {
            out.push_str(&csv_row(&[
                &e.review_by.to_string(),
                yes(e.overdue),
                e.owner.as_deref().unwrap_or(""),
                &e.title,
                &e.kind,
                &e.file,
                yes(e.draft),
                yes(e.internal),
            ]));
        }
        out
    }
}
