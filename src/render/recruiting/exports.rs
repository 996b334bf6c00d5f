//! Machine-readable exports: `roles.json` (every role in the one shape the pages use,
//! `context::role::Role`, references resolved to titles and URLs) and one CSV per role's
//! person specification, for spreadsheets and HR systems.
//!
//! CSV follows RFC 4180 (fields with commas, quotes or line breaks are quoted, quotes
//! doubled, CRLF between records) with a UTF-8 byte-order mark so spreadsheet programs
//! read non-ASCII text correctly. A cell that a spreadsheet would run as a formula
//! (starting `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, the usual
//! defence against CSV injection; the browser's importer (`csv.js`) removes it again.

use serde::Serialize;

use crate::link::Site;
use crate::model::Model;
use crate::model::roles::{self, RoleView};
use crate::plan::Templates;
use crate::render::context::role::{Role, role};

/// `roles.json`: every role, with the version of this format.
#[derive(Serialize)]
struct RolesExport<'a> {
    format: &'static str,
    version: u32,
    site: &'a str,
    roles: Roles<'a>,
}

/// Every role, each made and serialised in turn, so the export is never whole in memory.
struct Roles<'a> {
    site: &'a Site,
    model: &'a Model,
    templates: &'a Templates,
}

impl Serialize for Roles<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.model.roles.len()))?;
        for r in &self.model.roles {
            let one: Role = role(self.site, r, self.templates);
            seq.serialize_element(&one)?;
        }
        seq.end()
    }
}

/// The version of `roles.json`: 2 since roles share the pages' shape (`person_spec` by
/// category, `recruiting` links, `hours_label`); see docs/CONTENT-MODEL.md.
pub const ROLES_JSON_VERSION: u32 = 2;

/// Writes `roles.json`, pretty-printed, to `out` as it is made.
pub fn write_roles_json(
    out: &mut dyn std::io::Write,
    site: &Site,
    model: &Model,
    templates: &Templates,
) -> std::io::Result<()> {
    let export = RolesExport {
        format: "handbook-roles",
        version: ROLES_JSON_VERSION,
        site: &site.config.title,
        roles: Roles {
            site,
            model,
            templates,
        },
    };
    serde_json::to_writer_pretty(out, &export).map_err(std::io::Error::other)
}

/// The CSV header of a person specification.
pub const SPEC_HEADER: [&str; 8] = [
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
pub fn person_spec_csv(site: &Site, r: &RoleView) -> String {
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
                r.title(site).to_string(),
                c.number.to_string(),
                roles::category_label(c.category).to_string(),
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
pub fn push_record(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(cell));
    }
    out.push_str("\r\n");
}

/// One CSV field: formula-guarded, then quoted if it needs to be.
pub fn csv_cell(value: &str) -> String {
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
