//! Machine-readable exports: `roles.json` (every role with its facts and full person
//! specification, references resolved to titles and URLs) and one CSV per role's person
//! specification, for spreadsheets and HR systems.
//!
//! CSV follows RFC 4180 (fields with commas, quotes or line breaks are quoted, quotes
//! doubled, CRLF between records) with a UTF-8 byte-order mark so spreadsheet programs
//! read non-ASCII text correctly. A cell that a spreadsheet would run as a formula
//! (starting `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, the usual
//! defence against CSV injection; the browser's importer (`csv.js`) removes it again.

use serde_json::{Value, json};

use super::model::{self, RoleView};
use crate::link::Site;
use crate::render::OutputFile;

/// The files this module writes, each with what it is (for messages).
pub(super) fn files(
    site: &Site,
    roles: &[RoleView<'_>],
    built: super::Available,
) -> Vec<(String, OutputFile)> {
    let mut out: Vec<(String, OutputFile)> = roles
        .iter()
        .map(|r| {
            (
                format!("the person specification CSV of `{}`", r.page.key),
                OutputFile {
                    path: super::spec_csv_url(r.page),
                    bytes: person_spec_csv(site, r).into_bytes(),
                },
            )
        })
        .collect();
    let json = json!({
        "format": "handbook-roles",
        "version": 1,
        "site": site.config.title,
        "roles": roles.iter().map(|r| role_json(site, r, built)).collect::<Vec<_>>(),
    });
    out.push((
        "the roles export".into(),
        OutputFile {
            path: super::ROLES_JSON_URL.into(),
            bytes: serde_json::to_vec_pretty(&json).unwrap_or_default(),
        },
    ));
    out
}

fn reference_json(site: &Site, written: &str) -> Value {
    match site.resolve_ref(written) {
        Ok(t) => json!({
            "ref": written,
            "title": site.target_title(&t),
            "url": site.target_url(&t),
            "kind": site.pages[t.page()].kind.name(),
        }),
        Err(_) => {
            json!({ "ref": written, "title": written, "url": Value::Null, "kind": Value::Null })
        }
    }
}

fn references(site: &Site, refs: &[String]) -> Vec<Value> {
    refs.iter().map(|r| reference_json(site, r)).collect()
}

/// One role in `roles.json`.
fn role_json(site: &Site, r: &RoleView<'_>, built: super::Available) -> Value {
    let f = r.fields;
    let criteria: Vec<Value> = r
        .criteria
        .iter()
        .map(|c| {
            let written: Vec<String> = c.refs.iter().map(|(w, _)| w.clone()).collect();
            json!({
                "number": c.number,
                "text": c.text,
                "category": c.category.map(|c| c.name()),
                "category_label": model::category_label(c.category),
                "need": model::need_name(c.need),
                "need_label": c.need.label(),
                "assessed_by": c.assessed_by.iter().map(|a| a.label().to_lowercase()).collect::<Vec<_>>(),
                "refs": references(site, &written),
            })
        })
        .collect();
    json!({
        "id": r.id,
        "key": r.page.key,
        "title": r.title(),
        "summary": r.page.common.summary,
        "url": r.page.url,
        "checklist_url": built.checklist_url(r.page),
        "person_specification_csv": super::spec_csv_url(r.page),
        "organisation": f.organisation,
        "setting": f.setting,
        "grade": f.grade,
        "group_profile": f.group_profile,
        "reports_to": f.reports_to,
        "reports_to_role": f.reports_to_role.as_deref().map(|x| reference_json(site, x)),
        "location": f.location,
        "salary": f.salary,
        "line_management": f.line_management,
        "hours_per_week": f.hours_per_week,
        "travel": f.travel,
        "source": f.source,
        "competencies": references(site, &f.competencies),
        "ethos": references(site, &f.ethos),
        "professional_bodies": references(site, &f.professional_bodies),
        "person_specification": criteria,
    })
}

/// The CSV header of a person specification.
pub(super) const SPEC_HEADER: [&str; 8] = [
    "role",
    "criterion_number",
    "category",
    "need",
    "criterion",
    "assessed_by",
    "references",
    "reference_keys",
];

/// One role's person specification as CSV.
fn person_spec_csv(site: &Site, r: &RoleView<'_>) -> String {
    let mut out = String::from("\u{feff}");
    push_record(&mut out, &SPEC_HEADER.map(String::from));
    for c in &r.criteria {
        let titles: Vec<String> = c
            .refs
            .iter()
            .map(|(w, t)| {
                t.as_ref()
                    .map_or_else(|| w.clone(), |t| site.target_title(t))
            })
            .collect();
        let keys: Vec<&str> = c.refs.iter().map(|(w, _)| w.as_str()).collect();
        push_record(
            &mut out,
            &[
                r.title().to_string(),
                c.number.to_string(),
                model::category_label(c.category).to_string(),
                c.need.label().to_string(),
                c.text.clone(),
                c.assessed_by
                    .iter()
                    .map(|a| a.label())
                    .collect::<Vec<_>>()
                    .join("; "),
                titles.join("; "),
                keys.join("; "),
            ],
        );
    }
    out
}

/// Appends one CSV record and its CRLF.
pub(super) fn push_record(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(cell));
    }
    out.push_str("\r\n");
}

/// One CSV field: formula-guarded, then quoted if it needs to be.
pub(super) fn csv_cell(value: &str) -> String {
    let formula = |s: &str| s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let guarded = if formula(value)
        || (value.starts_with('\'') && (formula(&value[1..]) || value[1..].starts_with('\'')))
    {
        format!("'{value}")
    } else {
        value.to_string()
    };
    let needs_quotes = guarded.contains([',', '"', '\r', '\n'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(" padded"), "\" padded\"");
        assert_eq!(csv_cell("café"), "café");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn formulas_are_defused_reversibly() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@x"), "'@x");
        assert_eq!(csv_cell("'=x"), "''=x");
        assert_eq!(csv_cell("''x"), "'''x");
        assert_eq!(csv_cell("'plain"), "'plain");
        assert_eq!(csv_cell("=a,b"), "\"'=a,b\"");
    }

    #[test]
    fn records_end_with_crlf() {
        let mut s = String::new();
        push_record(&mut s, &["a".into(), "b,c".into()]);
        assert_eq!(s, "a,\"b,c\"\r\n");
    }
}
