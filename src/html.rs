//! Escaping text for HTML, shared by everything that writes HTML outside the templates
//! (Markdown rendering, highlighting, abbreviations); templates autoescape on their own.

/// Escapes text for an HTML attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content.
pub fn escape_text(s: &str) -> String {
    escape_attr(s)
}
