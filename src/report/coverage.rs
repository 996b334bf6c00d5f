//! The coverage report as a terminal table and as CSV, from the coverage the model layer
//! computes once ([`crate::model::coverage`]); JSON is its serialisation.

use crate::model::coverage::{Coverage, ItemCoverage, PageRef, RoleItem, Status};
use crate::report::table::{Table, csv_row};

/// Titles, one per line of a table cell.
fn titles(pages: &[PageRef]) -> String {
    if pages.is_empty() {
        return "-".into();
    }
    pages
        .iter()
        .map(|p| p.title.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn keys(pages: &[PageRef]) -> String {
    pages
        .iter()
        .map(|p| p.key.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Terminal tables: every required item, the gaps, the orphans and each role.
pub fn to_table(coverage: &Coverage) -> String {
    let this = coverage;
    let mut out = format!("Training coverage\n\n{}\n", this.headline());
    let required: Vec<&ItemCoverage> = this
        .items
        .iter()
        .filter(|i| i.status != Status::Orphan)
        .collect();
    out.push_str("\nRequired items and the modules that develop them\n");
    let mut t = Table::new(&["Item", "Name", "Required by", "Developed by"]).keep(0);
    for i in &required {
        t.row(vec![
            i.reference.clone(),
            i.name.clone(),
            titles(&i.required_by),
            titles(&i.developed_by),
        ]);
    }
    out.push_str(&t.render_or("(no role requires a framework item)"));

    out.push_str("\nGaps: required by a role, developed by no module\n");
    let mut t = Table::new(&["Item", "Name", "Required by"]).keep(0);
    for i in this.items.iter().filter(|i| i.status == Status::Gap) {
        t.row(vec![
            i.reference.clone(),
            i.name.clone(),
            titles(&i.required_by),
        ]);
    }
    out.push_str(&t.render_or("(none)"));

    out.push_str("\nOrphans: developed by a module, required by no role\n");
    let mut t = Table::new(&["Item", "Name", "Developed by"]).keep(0);
    for i in this.items.iter().filter(|i| i.status == Status::Orphan) {
        t.row(vec![
            i.reference.clone(),
            i.name.clone(),
            titles(&i.developed_by),
        ]);
    }
    out.push_str(&t.render_or("(none)"));

    out.push_str("\nBy role: required items no module develops, and items developed only by modules meant for other roles\n");
    let mut t = Table::new(&[
        "Role",
        "Required",
        "Developed by no module",
        "Only in modules for other roles",
    ])
    .keep(2)
    .keep(3);
    for r in &this.roles {
        let list = |v: &[RoleItem]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.iter()
                    .map(|i| i.reference.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        t.row(vec![
            r.role.title.clone(),
            r.required.to_string(),
            list(&r.uncovered),
            list(&r.other_audience),
        ]);
    }
    out.push_str(&t.render_or("(no roles)"));
    out
}

/// One CSV row per item; lists of pages are reference keys joined by `; `.
pub fn to_csv(coverage: &Coverage) -> String {
    let this = coverage;
    let mut out = csv_row(&[
        "item",
        "name",
        "framework",
        "status",
        "required_by",
        "developed_by",
        "uncovered_for_roles",
    ]);
    for i in &this.items {
        out.push_str(&csv_row(&[
            &i.reference,
            &i.name,
            &i.framework.key,
            i.status.name(),
            &keys(&i.required_by),
            &keys(&i.developed_by),
            &keys(&i.uncovered_for),
        ]));
    }
    out
}
