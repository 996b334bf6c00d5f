//! Diagnostics as the browser overlay shows them: each error's file, line, column,
//! message and hint as JSON. The live-reload script puts them in the page as text (never
//! as HTML), so a message quoting `<script>` from a page shows as written.
//!
//! Primary errors come first; follow-on errors (a diagnostic with a `cause`, such as a
//! link to a page that failed to parse) come after them, grouped by their cause, so the
//! error to fix first is the first one an author reads.

use serde_json::{Value, json};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// At most this many diagnostics are sent; the overlay says how many more there are.
const SHOWN: usize = 100;

/// The errors of a failed rebuild: `shown` lists the primary errors (sorted by file and
/// position), then the follow-on errors grouped by cause (causes in the order they first
/// occur), each entry with its `cause` (null for a primary error); `total` and `primary`
/// count all errors and the primary ones, shown or not.
pub fn errors_json(diagnostics: &Diagnostics) -> Value {
    let errors: Vec<&Diagnostic> = diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let primary: Vec<&Diagnostic> = errors
        .iter()
        .copied()
        .filter(|d| d.cause.is_none())
        .collect();
    let mut causes: Vec<&str> = Vec::new();
    for d in &errors {
        if let Some(c) = d.cause.as_deref()
            && !causes.contains(&c)
        {
            causes.push(c);
        }
    }
    let follow_ons = causes.iter().flat_map(|c| {
        errors
            .iter()
            .copied()
            .filter(move |d| d.cause.as_deref() == Some(*c))
    });
    let shown: Vec<Value> = primary
        .iter()
        .copied()
        .chain(follow_ons)
        .take(SHOWN)
        .map(error_json)
        .collect();
    json!({ "total": errors.len(), "primary": primary.len(), "shown": shown })
}

fn error_json(d: &Diagnostic) -> Value {
    json!({
        "code": d.code,
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "location": location(&d.file, d.line, d.column),
        "message": d.message,
        "hint": d.hint,
        "cause": d.cause,
    })
}

/// `file:line:col`, or as much of it as is known.
pub fn location(file: &str, line: usize, column: usize) -> String {
    let file = if file.is_empty() { "the site" } else { file };
    match (line, column) {
        (0, _) => file.to_string(),
        (l, 0) => format!("{file}:{l}"),
        (l, c) => format!("{file}:{l}:{c}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, SourceText};

    #[test]
    fn errors_carry_their_place_and_skip_warnings() {
        let src = SourceText::new("content/x.md", "---\ntitle: <b>\n---\n");
        let mut ds = Diagnostics::new();
        ds.push(
            Diagnostic::error("E-test", &src, 11..14, "bad <b>").with_hint("fix it"),
            Some(&src),
        );
        ds.push(
            Diagnostic::file_error("W-x", "content/y.md", "meh").with_severity(Severity::Warning),
            None,
        );
        let v = errors_json(&ds);
        assert_eq!(v["total"], 1);
        assert_eq!(v["primary"], 1);
        assert_eq!(v["shown"][0]["location"], "content/x.md:2:8");
        assert_eq!(v["shown"][0]["message"], "bad <b>");
        assert_eq!(v["shown"][0]["hint"], "fix it");
        assert_eq!(v["shown"][0]["cause"], Value::Null);
    }

    #[test]
    fn primary_errors_come_first_and_follow_ons_are_grouped_by_cause() {
        let mut ds = Diagnostics::new();
        // Sorted by file, the follow-ons in content/a.md and content/c.md would come
        // before the primary error in content/b.md.
        let broken = "content/b.md does not parse";
        ds.push(
            Diagnostic::file_error("E-broken-ref", "content/a.md", "link to b").with_cause(broken),
            None,
        );
        ds.push(
            Diagnostic::file_error("E-yaml", "content/b.md", "bad YAML"),
            None,
        );
        ds.push(
            Diagnostic::file_error("E-broken-ref", "content/c.md", "other cause")
                .with_cause("content/z.md does not parse"),
            None,
        );
        ds.push(
            Diagnostic::file_error("E-broken-ref", "content/d.md", "link to b").with_cause(broken),
            None,
        );
        ds.push(
            Diagnostic::file_error("E-yaml", "content/z.md", "bad YAML"),
            None,
        );
        let v = errors_json(&ds);
        assert_eq!(v["total"], 5);
        assert_eq!(v["primary"], 2);
        let files: Vec<&str> = v["shown"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap())
            .collect();
        assert_eq!(
            files,
            [
                "content/b.md",
                "content/z.md",
                "content/a.md",
                "content/d.md",
                "content/c.md"
            ]
        );
        assert_eq!(v["shown"][2]["cause"], broken);
        assert_eq!(v["shown"][3]["cause"], broken);
        assert_eq!(v["shown"][4]["cause"], "content/z.md does not parse");
    }
}
