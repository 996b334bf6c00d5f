//! Links written in page bodies (Markdown and raw HTML), resolved the ways other tools
//! write them, and rewritten relative to the page so the site works from `file://`:
//!
//! - `../roles/x.md#duties`: the handbook's own form, relative to the source file;
//! - `x.html`, `../guide/index.html`: a page, an item page or another output by the path
//!   the build writes it to (or the `.md` beside that path, for a site whose URLs were
//!   re-slugged);
//! - `/` and `/guide/x/`: a path from the site's root;
//! - `../x/`: a pretty folder link as Jekyll, Eleventy and Hugo write them, which is
//!   relative to the page's own folder-like URL (`guide/a/` for `guide/a.md`);
//! - `diagram.png`: a file beside the page under `content/`, or under `static/`;
//! - `@/guide/x.md`: a path from `content/`, as Zola writes it;
//! - `#part`: a heading, item, term or raw-HTML `id` of the page;
//! - `mailto:`, `https:` and other schemes are kept as written; `javascript:`, `data:`
//!   and `vbscript:` are refused.
//!
//! Not for: front-matter references (`Site::resolve_ref`).

use std::path::Path;

use super::{RefError, Site, Target, closest, relative_url};
use crate::markdown::LinkAction;
use crate::parse::key_for_style;
use crate::urls::{encode_path, percent_decode};

/// Where a body link points, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The URL to write, relative to the linking page, with its `#fragment`.
    pub url: String,
    /// The page, item or heading it points at, for backlinks (`None` for a file).
    pub target: Option<Target>,
}

/// What a site path names.
enum Found {
    Page(usize),
    Output(String, Option<Target>),
    File(String),
}

impl Site {
    /// What the renderer does with a link in page `from`'s Markdown: rewrite it to the
    /// output URL, keep it as written (external), drop it (refused), or mark it broken
    /// (the link stage has reported it; a page rendered anyway shows where).
    pub fn link_action(&self, from: usize, dest: &str) -> LinkAction {
        match self.resolve_link(from, dest) {
            Ok(Some(r)) => LinkAction::Rewrite(r.url),
            Ok(None) => LinkAction::Keep,
            Err(e) => LinkAction::Broken(e.message),
        }
    }

    /// Resolves a link written in page `from`'s Markdown; `Ok(None)` keeps it as written.
    pub fn resolve_body_link(&self, from: usize, dest: &str) -> Result<Option<String>, RefError> {
        self.resolve_link(from, dest).map(|r| r.map(|r| r.url))
    }

    /// Resolves a body link to the URL to write and what it points at.
    pub(crate) fn resolve_link(
        &self,
        from: usize,
        dest: &str,
    ) -> Result<Option<Resolved>, RefError> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with("//") {
            return Ok(None);
        }
        if let Some(scheme) = url_scheme(dest) {
            return if ["javascript", "data", "vbscript"]
                .contains(&scheme.to_ascii_lowercase().as_str())
            {
                Err(RefError::new(
                    format!("`{scheme}:` links are not allowed"),
                    "link to a page or an https:// address",
                ))
            } else {
                Ok(None)
            };
        }
        let page = &self.pages[from];
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() {
            if let Some(f) = fragment {
                self.resolve_fragment(from, &percent_decode(f))?;
            }
            return Ok(None);
        }
        let decoded = percent_decode(path);
        let Some(found) = self.find_link_target(from, &decoded) else {
            return Err(self.not_found(from, dest, &decoded));
        };
        let (to, target) = match found {
            Found::Page(p) => {
                let target = match fragment {
                    Some(f) => self
                        .resolve_fragment(p, &percent_decode(f))
                        .map_err(|mut e| {
                            e.message = format!("link `{dest}`: {}", e.message);
                            e
                        })?,
                    None => Target::Page(p),
                };
                (self.pages[p].url.clone(), Some(target))
            }
            Found::Output(url, target) => (url, target),
            Found::File(path) => (path, None),
        };
        let mut url = encode_path(&relative_url(&page.url, &to));
        if let Some(f) = fragment {
            url.push('#');
            url.push_str(f);
        }
        Ok(Some(Resolved { url, target }))
    }

    /// The page or file a link's decoded path names, trying each way of writing it.
    fn find_link_target(&self, from: usize, decoded: &str) -> Option<Found> {
        let page = &self.pages[from];
        // Zola's `@/guide/x.md`: a path from `content/`.
        if let Some(rest) = decoded.strip_prefix("@/") {
            return super::normalise_path(rest).and_then(|p| self.find_content(&p, rest));
        }
        // A path from the site's root names what the build writes there.
        if let Some(abs) = decoded.strip_prefix('/') {
            return super::normalise_path(abs).and_then(|p| self.find_output(&p));
        }
        let source_dir = Path::new(&page.source.text.name)
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        // Relative to the source file, as an editor's preview follows it.
        if let Some(joined) = super::normalise_path(&format!("{source_dir}/{decoded}")) {
            if let Some(rel) = joined
                .strip_prefix("content/")
                .or((joined == "content").then_some(""))
            {
                if let Some(found) = self.find_content(rel, decoded) {
                    return Some(found);
                }
            } else if let Some(rel) = joined.strip_prefix("static/")
                && self.static_files.contains(rel)
            {
                return Some(Found::File(rel.to_string()));
            }
        }
        // A pretty link (`../b/`, Jekyll, Eleventy, Hugo): relative to the page's URL as
        // a folder, `guide/a/` for `guide/a.md`.
        if !page.is_section && (is_dir_like(decoded) || decoded.ends_with(".html")) {
            let stem = page.url.strip_suffix(".html").unwrap_or(&page.url);
            if let Some(joined) = super::normalise_path(&format!("{stem}/{decoded}"))
                && let Some(found) = self.find_output(&joined)
            {
                return Some(found);
            }
        }
        // Written the way the output is laid out: relative to the page's URL.
        let page_dir = page.url.rsplit_once('/').map_or("", |(d, _)| d);
        super::normalise_path(&format!("{page_dir}/{decoded}")).and_then(|p| self.find_output(&p))
    }

    /// What the build writes at `path` (relative to the output folder), or the page whose
    /// source sits there.
    fn find_output(&self, path: &str) -> Option<Found> {
        if let Some(found) = self.find_content(path, path) {
            return Some(found);
        }
        self.static_files
            .contains(path)
            .then(|| Found::File(path.to_string()))
    }

    /// The page, output or file at `rel` under `content/`; `written` is the link's path
    /// as written (for its trailing `/`).
    fn find_content(&self, rel: &str, written: &str) -> Option<Found> {
        let style = self.config.page_urls;
        let lower = rel.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            return self
                .page_by_key(&key_for_style(rel, style).0)
                .map(Found::Page);
        }
        if (is_dir_like(written) || rel.is_empty() || is_dir_like(rel))
            && let Some(p) = self.page_by_key(&super::normalise_key_style(rel, style))
        {
            return Some(Found::Page(p));
        }
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            if let Some(&p) = self.by_url.get(rel) {
                return Some(Found::Page(p));
            }
            if let Some(target) = self.outputs.get(rel) {
                return Some(Found::Output(rel.to_string(), target.clone()));
            }
            // The page whose source is at the same path (`x.html` -> `x.md`), so a link
            // to a re-slugged page's old URL still finds it.
            let stem = &rel[..rel.rfind('.').unwrap_or(rel.len())];
            let (key, _) = key_for_style(&format!("{stem}.md"), style);
            if let Some(p) = self.page_by_key(&key) {
                return Some(Found::Page(p));
            }
        }
        if self.content_files.contains(rel) {
            return Some(Found::File(rel.to_string()));
        }
        None
    }

    /// The page with `key`; with `page_urls: file-name`, a link that differs only in
    /// case or is written as a slug also finds it (see [`Site::by_key_loose`]).
    pub(crate) fn page_by_key(&self, key: &str) -> Option<usize> {
        self.by_key
            .get(key)
            .or_else(|| {
                if self.by_key_loose.is_empty() {
                    None
                } else {
                    self.by_key_loose.get(&super::loose_key(key))
                }
            })
            .copied()
    }

    fn not_found(&self, from: usize, dest: &str, decoded: &str) -> RefError {
        let page = &self.pages[from];
        if decoded.contains('@') && !decoded.contains('/') {
            return RefError::new(
                format!("link `{dest}` is not a page or a file"),
                format!(
                    "an e-mail address is linked as `mailto:{decoded}` (or written `<{decoded}>`)"
                ),
            );
        }
        let source_dir = Path::new(&page.source.text.name)
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let joined = match decoded
            .strip_prefix('/')
            .or_else(|| decoded.strip_prefix("@/"))
        {
            Some(abs) => format!("content/{abs}"),
            None => format!("{source_dir}/{decoded}"),
        };
        let Some(resolved) = super::normalise_path(&joined) else {
            return RefError::new(
                format!("link `{dest}` leaves the site folder"),
                "link only to pages under content/ and files under static/ or beside the pages",
            );
        };
        let rel = resolved
            .strip_prefix("content/")
            .or((resolved == "content").then_some(""));
        if let Some(rel) = rel
            && (rel.ends_with(".md") || is_dir_like(decoded) || rel.ends_with(".html"))
        {
            let key = if rel.ends_with(".md") {
                key_for_style(rel, self.config.page_urls).0
            } else {
                super::normalise_key_style(rel.trim_end_matches(".html"), self.config.page_urls)
            };
            let written = rel.trim_end_matches(".md").trim_end_matches(".html");
            let mut e = self.missing_page(written, &key);
            e.message = format!("link `{dest}`: {}", e.message);
            if e.hint.starts_with("no page has a similar path") {
                e.hint =
                    "links are relative to this file, e.g. `../roles/group-psychotherapist.md`"
                        .into();
            }
            return e;
        }
        let files = self
            .static_files
            .iter()
            .map(|f| format!("static/{f}"))
            .chain(self.content_files.iter().map(|f| format!("content/{f}")))
            .collect::<Vec<_>>();
        let hint = match closest(&resolved, files.iter().map(String::as_str)) {
            Some(c) => format!("the closest file is `{c}`"),
            None => {
                "link to a `.md` page, or to a file under static/ or beside the page in content/"
                    .into()
            }
        };
        RefError::new(
            format!(
                "link `{dest}` points at `{resolved}`, which is not a page or a file under static/ or content/"
            ),
            hint,
        )
    }
}

/// True for a path that names a folder or a page without its extension: ends with `/`,
/// or its last part has no `.`.
fn is_dir_like(path: &str) -> bool {
    path.ends_with('/') || !path.rsplit('/').next().unwrap_or("").contains('.')
}

fn url_scheme(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let valid = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urls::encode_path;

    #[test]
    fn paths_are_encoded_for_hrefs() {
        assert_eq!(
            encode_path("../guide/from_into.html"),
            "../guide/from_into.html"
        );
        assert_eq!(encode_path("My Page#1.html"), "My%20Page%231.html");
        assert_eq!(encode_path("café.html"), "café.html");
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }

    #[test]
    fn folder_like_paths() {
        assert!(is_dir_like("../x/") && is_dir_like("x") && !is_dir_like("x.md"));
    }
}
