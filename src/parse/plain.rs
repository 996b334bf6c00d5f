//! What a page without (or with incomplete) front matter still says about itself: a title
//! from its first `#` heading or its file name, and old URLs written as `aliases`.
//!
//! Markdown written for GitHub, mdBook or a folder of notes has no front matter; its
//! title is its first heading, and its order is its file name's (`link::sort_key`).
//!
//! Not for: typing front matter (`parse`), resolving links (`link`).

use crate::markdown::Heading;

/// Where a page's title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TitleFrom {
    /// `title:` in the front matter.
    #[default]
    FrontMatter,
    /// The page's first `#` heading.
    Heading,
    /// The file (or, for a folder's page, the folder) name.
    FileName,
}

/// The title a page without a front-matter title takes: its opening `#` heading (which
/// is then hidden, since the template shows the title), else its first `#` heading
/// anywhere, else none. Returns the index of the heading used.
pub fn title_heading(headings: &[Heading], opening_h1: Option<usize>) -> Option<usize> {
    opening_h1
        .or_else(|| headings.iter().position(|h| h.level == 1))
        .filter(|&i| !headings[i].text.trim().is_empty())
}

/// A title made from the path under `content/`: the file's name, or the folder's for a
/// folder's own page, with a leading order number (`01-`) dropped and `-`/`_` as spaces:
/// `guide/02-getting_started.md` -> "Getting started".
pub fn title_from_path(rel: &str) -> String {
    let rel = rel
        .strip_suffix(".md")
        .or_else(|| rel.strip_suffix(".markdown"))
        .unwrap_or(rel);
    let mut parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    if matches!(parts.last(), Some(&("_index" | "index"))) {
        parts.pop();
    }
    let Some(name) = parts.last() else {
        return "Home".to_string();
    };
    let trimmed = name.trim_start_matches(|c: char| c.is_ascii_digit());
    let trimmed = trimmed.trim_start_matches(['-', '_', '.', ' ']);
    let name = if trimmed.is_empty() || trimmed.len() == name.len() {
        name
    } else {
        trimmed
    };
    let words = name.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => "Untitled".to_string(),
    }
}

/// True when `heading` repeats `title` (ignoring case and surrounding space), so showing
/// both would show the title twice.
pub fn repeats_title(heading: &Heading, title: &str) -> bool {
    heading.level == 1 && heading.text.trim().to_lowercase() == title.trim().to_lowercase()
}

/// The output path, relative to the site root, of the page that redirects from an alias:
/// `/old/page/` and `old/page/` become `old/page/index.html`; `old/page.html` stays as
/// written; `old/page` and `old/page.md` become `old/page.html`. A leading `/` is
/// optional (an alias is always a path from the site's root), `%20` and the like are
/// decoded. An alias that is not a path on this site is refused with the reason.
pub fn alias_path(alias: &str) -> Result<String, String> {
    let a = alias.trim();
    if a.is_empty() {
        return Err("an alias is empty".into());
    }
    if a.starts_with("//") || a.split_once(':').is_some_and(|(s, _)| !s.contains('/')) {
        return Err(format!(
            "`{a}` is an address, not a path on this site; an alias is an old path such as `/guide/old-name/`"
        ));
    }
    if a.contains(['?', '#', '\\']) || a.chars().any(char::is_control) {
        return Err(format!(
            "`{a}` has a `?`, `#`, `\\` or control character; an alias is a plain path"
        ));
    }
    let decoded = crate::urls::percent_decode(a);
    let dir = decoded.ends_with('/');
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => {
                return Err(format!(
                    "`{a}` has a `.` or `..` part; write the path from the site's root"
                ));
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return Err("`/` is the home page; it cannot be an alias".into());
    }
    let path = parts.join("/");
    Ok(if dir {
        format!("{path}/index.html")
    } else if path.ends_with(".html") || path.ends_with(".htm") {
        path
    } else if let Some(stem) = path
        .strip_suffix(".md")
        .or_else(|| path.strip_suffix(".markdown"))
    {
        format!("{stem}.html")
    } else {
        format!("{path}.html")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_file_names() {
        assert_eq!(
            title_from_path("guide/02-getting_started.md"),
            "Getting started"
        );
        assert_eq!(title_from_path("guide/from_into.md"), "From into");
        assert_eq!(title_from_path("guide/_index.md"), "Guide");
        assert_eq!(title_from_path("night-shifts/index.md"), "Night shifts");
        assert_eq!(title_from_path("index.md"), "Home");
        assert_eq!(title_from_path("2024.md"), "2024");
    }

    #[test]
    fn aliases_become_output_paths() {
        assert_eq!(alias_path("/old/page/").unwrap(), "old/page/index.html");
        assert_eq!(alias_path("old/page.html").unwrap(), "old/page.html");
        assert_eq!(alias_path("/old/page").unwrap(), "old/page.html");
        assert_eq!(
            alias_path("guide/Old Name.md").unwrap(),
            "guide/Old Name.html"
        );
        assert_eq!(alias_path("/a%20b/").unwrap(), "a b/index.html");
        for bad in [
            "",
            "/",
            "https://example.org/x",
            "//host/x",
            "../x",
            "a?b=1",
            "a#b",
        ] {
            assert!(alias_path(bad).is_err(), "{bad}");
        }
    }
}
