//! Zola: `config.toml` gives the title, description and language; pages under `content/`
//! with TOML front matter between `+++` lines; files under `static/`.
//!
//! - `_index.md` is a section's page, as here; a page bundle's `index.md` is its folder's
//!   page, with its files beside it.
//! - `@/guide/visits.md#times` (a link from `content/`) becomes a relative link.
//! - `[taxonomies] tags` become `tags`, `[extra]` stays `extra`; the rest of Zola's own
//!   fields (`template`, `sort_by`, `date` ...) go under `extra`.
//! - Zola publishes `content/guide/visits.md` at `/guide/visits/`; that address becomes an
//!   alias (and a page's own `path` too).
//! - Shortcodes (`{{ name(...) }}`, `{% name(...) %}...{% end %}`) are left as written
//!   and reported.
//!
//! Zola's heading ids are already words joined by `-`, so the handbook's own style is kept.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::mapping::{self, Draft, Format};
use super::{ImportError, Report, Site, error, read_text, rel_path};

pub(super) fn read(root: &Path, report: &mut Report) -> Result<Site, ImportError> {
    let config_path = root.join("config.toml");
    let config = if config_path.is_file() {
        let text = read_text(&config_path, "config.toml", report).unwrap_or_default();
        mapping::parse(Format::Toml, &text, "config.toml", report)
    } else if root.join("content").is_dir() {
        report.changed(
            "",
            None,
            "no config.toml: the site's title is a placeholder",
        );
        Mapping::new()
    } else {
        return Err(error(
            format!(
                "`{}` is not a Zola site (no config.toml or content/)",
                root.display()
            ),
            "give the folder that holds the Zola site's config.toml",
        ));
    };
    let get = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_string);
    let mut site = Site {
        title: get("title").unwrap_or_else(|| "Imported site".into()),
        description: get("description"),
        language: get("default_language").map(|l| super::hugo::language_tag(&l)),
        github_ids: false,
        ..Site::default()
    };
    let content = root.join("content");
    let files = super::files_under(&content, &|_| false);
    let pages: Vec<String> = files
        .iter()
        .filter(|p| crate::load::is_markdown(p))
        .map(|p| rel_path(&content, p))
        .collect();
    for path in &files {
        let rel = rel_path(&content, path);
        let name = rel_path(root, path);
        if !crate::load::is_markdown(path) {
            if super::is_site_file(path) {
                site.files.push((path.clone(), format!("content/{rel}")));
            }
            continue;
        }
        let Some(text) = read_text(path, &name, report) else {
            continue;
        };
        let dest_rel = dest_for(&rel);
        let (front, body, body_line) = mapping::split(&text);
        let input = front
            .map(|(f, t)| mapping::parse(f, t, &name, report))
            .unwrap_or_default();
        let own_path = input
            .get("path")
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut mapped = mapping::map_fields(input, None, &name, report);
        if let Some(p) = own_path {
            mapping::add_alias(&mut mapped.fields, &p);
            report.changed(
                &name,
                Some(1),
                format!("its Zola `path` {p} is kept as an alias"),
            );
        } else if !dest_rel.ends_with("_index.md") {
            let stem = rel.trim_end_matches(".md");
            let slugged: Vec<String> = stem.split('/').map(crate::parse::slug_segment).collect();
            mapping::add_alias(&mut mapped.fields, &format!("/{}/", slugged.join("/")));
        }
        let mut draft = Draft {
            src_name: name,
            dest_rel,
            fields: mapped.fields,
            body: body.to_string(),
            body_line,
        };
        draft.body = internal_links(&draft, &pages, report);
        flag_shortcodes(&draft, report);
        site.pages.push(draft);
    }
    if !site.pages.is_empty() {
        report.changed("", None, "each page's Zola address (`/section/page/`) is kept as an alias, so old links still lead to it");
    }
    let static_dir = root.join("static");
    for path in super::files_under(&static_dir, &|_| false) {
        site.files.push((
            path.clone(),
            format!("static/{}", rel_path(&static_dir, &path)),
        ));
    }
    Ok(site)
}

fn dest_for(rel: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, "index.md")) => format!("{dir}/_index.md"),
        None if rel == "index.md" => "_index.md".into(),
        _ => rel.to_string(),
    }
}

/// `@/path.md#part` links as relative links.
fn internal_links(page: &Draft, pages: &[String], report: &mut Report) -> String {
    let from_dir = mapping::dir_of(&page.dest_rel).to_string();
    let mut notes = Vec::new();
    let body = mapping::rewrite_links(&page.body, &mut |dest| {
        let target = dest.strip_prefix("@/")?;
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let path = crate::urls::percent_decode(path);
        if !pages.contains(&path) {
            notes.push((dest.to_string(), false));
            return None;
        }
        let mut link = mapping::relative(&from_dir, &dest_for(&path)).replace(' ', "%20");
        if let Some(f) = fragment {
            link.push('#');
            link.push_str(f);
        }
        notes.push((dest.to_string(), true));
        Some(link)
    });
    let fixed = notes.iter().filter(|(_, ok)| *ok).count();
    if fixed > 0 {
        report.changed(
            &page.src_name,
            None,
            format!("{fixed} `@/` link(s) made relative"),
        );
    }
    for (dest, _) in notes.iter().filter(|(_, ok)| !*ok) {
        report.person(
            &page.src_name,
            None,
            format!("link `{dest}`: no such page in content/; left as written"),
        );
    }
    body
}

/// Zola shortcodes, reported where they are (the build also warns about each).
fn flag_shortcodes(page: &Draft, report: &mut Report) {
    let body = &page.body;
    for l in crate::markdown::scan(body).leftovers {
        let written = &body[l.span.clone()];
        let is_call = written.contains('(');
        let what = if is_call {
            "shortcode"
        } else {
            "template syntax"
        };
        report.person(
            &page.src_name,
            Some(page.line_of(l.span.start)),
            format!("Zola {what} `{written}` left as written: write the Markdown it stood for"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_links_become_relative() {
        let pages = vec![
            "guide/visits.md".to_string(),
            "safety/_index.md".to_string(),
            "safety/fire/index.md".to_string(),
        ];
        let page = Draft {
            src_name: "content/guide/visits.md".into(),
            dest_rel: "guide/visits.md".into(),
            fields: Mapping::new(),
            body: "[s](@/safety/_index.md) [f](@/safety/fire/index.md#drills) [x](@/gone.md) [w](https://getzola.org)\n".into(),
            body_line: 5,
        };
        let mut report = Report::default();
        assert_eq!(
            internal_links(&page, &pages, &mut report),
            "[s](../safety/_index.md) [f](../safety/fire/_index.md#drills) [x](@/gone.md) [w](https://getzola.org)\n"
        );
        assert_eq!(report.needs_person.len(), 1);
    }
}
