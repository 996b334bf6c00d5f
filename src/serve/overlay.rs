//! Diagnostics as the browser overlay shows them: each error's file, line, column,
//! message and hint as JSON. The live-reload script puts them in the page as text (never
//! as HTML), so a message quoting `<script>` from a page shows as written.

use serde_json::{Value, json};

use crate::diagnostics::{Diagnostics, Severity};

/// At most this many diagnostics are sent; the overlay says how many more there are.
const SHOWN: usize = 100;

/// The errors of a failed rebuild, sorted by file and position.
pub fn errors_json(diagnostics: &Diagnostics) -> Value {
    let errors: Vec<_> = diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let shown: Vec<Value> = errors
        .iter()
        .take(SHOWN)
        .map(|d| {
            json!({
                "code": d.code,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "location": location(&d.file, d.line, d.column),
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    json!({ "total": errors.len(), "shown": shown })
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
        assert_eq!(v["shown"][0]["location"], "content/x.md:2:8");
        assert_eq!(v["shown"][0]["message"], "bad <b>");
        assert_eq!(v["shown"][0]["hint"], "fix it");
    }
}
