//! Hugo: the site's settings from `hugo.toml` (or `config.toml`, `hugo.yaml` ...), pages
//! under `content/` with YAML or TOML front matter, files under `static/`.
//!
//! - `_index.md` is a section's page, as here; a leaf bundle's `index.md` is its folder's
//!   page, with the bundle's images and files beside it.
//! - Hugo publishes `content/guide/visits.md` at `/guide/visits/` (lower-cased); that
//!   address becomes an alias of the page (`guide/visits.html` here), and so do `url` and
//!   `slug` addresses.
//! - Shortcodes: `ref` and `relref` become relative links to the page's `.md` file,
//!   `figure` an image, `highlight` a fenced code block, `youtube` a link to the video;
//!   any other is left as written and reported (the build warns about it too).
//!   `{{</* x */>}}` (a shortcode shown, not run) becomes `{{< x >}}`.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::mapping::{self, Draft, Format};
use super::{ImportError, Report, Site, error, read_text, rel_path};

pub(super) fn read(root: &Path, report: &mut Report) -> Result<Site, ImportError> {
    let config = read_config(root, report)?;
    let get = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_string);
    let content_dir = root.join(get("contentDir").unwrap_or_else(|| "content".into()));
    let static_dir = root.join(get("staticDir").unwrap_or_else(|| "static".into()));
    let description = get("description").or_else(|| {
        config
            .get("params")
            .and_then(|p| p.get("description"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let mut site = Site {
        title: get("title").unwrap_or_else(|| "Imported site".into()),
        description,
        language: get("languageCode")
            .or_else(|| get("defaultContentLanguage"))
            .map(|l| language_tag(&l)),
        github_ids: true,
        ..Site::default()
    };
    let files = super::files_under(&content_dir, &|_| false);
    let pages: Vec<String> = files
        .iter()
        .filter(|p| crate::load::is_markdown(p))
        .map(|p| rel_path(&content_dir, p))
        .collect();
    for path in &files {
        let rel = rel_path(&content_dir, path);
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
        let input = match front {
            Some((format, fm)) => mapping::parse(format, fm, &name, report),
            None if text.trim_start().starts_with('{') => {
                report.person(&name, Some(1), "front matter in JSON is not read; left in the text, rewrite it in YAML by hand");
                Mapping::new()
            }
            None => Mapping::new(),
        };
        let slug = input
            .get("slug")
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut mapped = mapping::map_fields(input, None, &name, report);
        if let Some(url) = mapped.permalink.take() {
            mapping::add_alias(&mut mapped.fields, &url);
            report.changed(
                &name,
                Some(1),
                format!("its Hugo `url` {url} is kept as an alias"),
            );
        } else if !dest_rel.ends_with("_index.md") {
            let dir = mapping::dir_of(&rel);
            let stem = slug.unwrap_or_else(|| {
                rel.rsplit('/')
                    .next()
                    .unwrap_or(&rel)
                    .trim_end_matches(".md")
                    .to_string()
            });
            let old = format!(
                "/{}{stem}/",
                if dir.is_empty() {
                    String::new()
                } else {
                    format!("{dir}/")
                }
            )
            .to_lowercase();
            mapping::add_alias(&mut mapped.fields, &old);
        }
        let mut draft = Draft {
            src_name: name,
            dest_rel,
            fields: mapped.fields,
            body: body.to_string(),
            body_line,
        };
        draft.body = shortcodes(&draft, &pages, report);
        site.pages.push(draft);
    }
    if !site.pages.is_empty() {
        report.changed(
            "",
            None,
            "each page's Hugo address (`/section/page/`) is kept as an alias, so old links still lead to it",
        );
    }
    for path in super::files_under(&static_dir, &|_| false) {
        site.files.push((
            path.clone(),
            format!("static/{}", rel_path(&static_dir, &path)),
        ));
    }
    Ok(site)
}

fn read_config(root: &Path, report: &mut Report) -> Result<Mapping, ImportError> {
    for name in [
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "config.toml",
        "config.yaml",
        "config.yml",
    ] {
        let path = root.join(name);
        if !path.is_file() {
            continue;
        }
        let text = read_text(&path, name, report).unwrap_or_default();
        let format = if name.ends_with(".toml") {
            Format::Toml
        } else {
            Format::Yaml
        };
        return Ok(mapping::parse(format, &text, name, report));
    }
    if root.join("content").is_dir() {
        report.changed(
            "",
            None,
            "no hugo.toml or config.toml: the site's title is a placeholder",
        );
        return Ok(Mapping::new());
    }
    Err(error(
        format!(
            "`{}` is not a Hugo site (no hugo.toml, config.toml or content/)",
            root.display()
        ),
        "give the folder that holds the Hugo site's configuration file",
    ))
}

/// `en-gb` -> `en-GB`.
pub(super) fn language_tag(l: &str) -> String {
    let mut parts = l.split(['-', '_']);
    let lang = parts.next().unwrap_or("").to_lowercase();
    let rest: Vec<String> = parts
        .map(|p| {
            if p.len() == 2 {
                p.to_uppercase()
            } else {
                p.to_string()
            }
        })
        .collect();
    std::iter::once(lang)
        .chain(rest)
        .collect::<Vec<_>>()
        .join("-")
}

/// Where a page of `content/` goes: a bundle's `index.md` becomes `_index.md`.
fn dest_for(rel: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, "index.md")) => format!("{dir}/_index.md"),
        None if rel == "index.md" => "_index.md".into(),
        _ => rel.to_string(),
    }
}

/// The body with the shortcodes the handbook can express rewritten.
fn shortcodes(page: &Draft, pages: &[String], report: &mut Report) -> String {
    let body = page.body.as_str();
    let mut out = String::with_capacity(body.len());
    let mut cursor = 0;
    while let Some(i) = body[cursor..].find("{{").map(|i| cursor + i) {
        let rest = &body[i..];
        // `{{</* x */>}}`: a shortcode shown, not run.
        if let Some((open, close)) = [("{{</*", "*/>}}"), ("{{%/*", "*/%}}")]
            .into_iter()
            .find(|(o, _)| rest.starts_with(o))
            && let Some(end) = rest[open.len()..].find(close).map(|e| e + open.len())
        {
            out.push_str(&body[cursor..i]);
            out.push_str(&open[..3]);
            out.push_str(&rest[open.len()..end]);
            out.push_str(&close[2..]);
            cursor = i + end + close.len();
            continue;
        }
        let (close, inner) = if rest.starts_with("{{<") {
            (">}}", 3)
        } else if rest.starts_with("{{%") {
            ("%}}", 3)
        } else {
            out.push_str(&body[cursor..i + 2]);
            cursor = i + 2;
            continue;
        };
        let Some(end) = rest[inner..].find(close).map(|e| e + inner) else {
            break;
        };
        let code = rest[inner..end].trim();
        let whole = &rest[..end + close.len()];
        let line = page.line_of(i);
        out.push_str(&body[cursor..i]);
        cursor = i + end + close.len();
        let mut words = split_args(code);
        let name = if words.is_empty() {
            String::new()
        } else {
            words.remove(0)
        };
        match name.as_str() {
            "ref" | "relref" => match words.first().and_then(|w| find_page(w, page, pages)) {
                Some(to) => {
                    out.push_str(&to);
                    report.changed(
                        &page.src_name,
                        Some(line),
                        format!("`{whole}` replaced by the link `{to}`"),
                    );
                }
                None => {
                    out.push_str(whole);
                    report.person(
                        &page.src_name,
                        Some(line),
                        format!("`{whole}`: no such page; left as written"),
                    );
                }
            },
            "figure" => {
                let arg = |k: &str| named(&words, k);
                let src = arg("src").unwrap_or_default();
                let alt = arg("alt")
                    .or_else(|| arg("caption"))
                    .or_else(|| arg("title"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "![{}]({})",
                    alt.replace(['[', ']'], ""),
                    src.replace(' ', "%20")
                ));
                if let Some(caption) = arg("caption").filter(|c| *c != alt) {
                    out.push_str(&format!("\n\n*{caption}*"));
                }
                report.changed(
                    &page.src_name,
                    Some(line),
                    "`figure` shortcode replaced by an image",
                );
            }
            "youtube" => {
                let id = named(&words, "id")
                    .or_else(|| words.first().cloned())
                    .unwrap_or_default();
                out.push_str(&format!(
                    "[The video on YouTube](https://www.youtube.com/watch?v={id})"
                ));
                report.changed(&page.src_name, Some(line), "`youtube` shortcode replaced by a link to the video (the handbook embeds nothing from other sites)");
            }
            "highlight" => {
                let lang = words.first().cloned().unwrap_or_default();
                out.push_str(&format!("```{lang}"));
                report.changed(
                    &page.src_name,
                    Some(line),
                    "`highlight` shortcode replaced by a fenced code block",
                );
            }
            "/highlight" => out.push_str("```"),
            _ => {
                out.push_str(whole);
                if !name.starts_with('/') {
                    report.person(
                        &page.src_name,
                        Some(line),
                        format!("Hugo shortcode `{whole}` left as written: write the Markdown it stood for"),
                    );
                }
            }
        }
    }
    out.push_str(&body[cursor..]);
    out
}

/// Shortcode arguments: words and `key="value"` pairs, quotes removed.
fn split_args(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in code.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            (None, c) => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn named(words: &[String], key: &str) -> Option<String> {
    words
        .iter()
        .find_map(|w| w.strip_prefix(&format!("{key}=")).map(str::to_string))
}

/// A `ref` target as a link relative to `page`: a path from `content/` (with `/`), from
/// the page's folder, or a file name found once anywhere; `#part` kept.
fn find_page(target: &str, page: &Draft, pages: &[String]) -> Option<String> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let from_dir = mapping::dir_of(&page.dest_rel);
    let here = from_dir;
    let candidates = |p: &str| -> Vec<String> {
        let p = p.trim_end_matches('/');
        if p.ends_with(".md") {
            vec![p.to_string()]
        } else {
            vec![
                format!("{p}.md"),
                format!("{p}/_index.md"),
                format!("{p}/index.md"),
            ]
        }
    };
    let found = if path.is_empty() {
        Some(page.dest_rel.clone())
    } else if let Some(abs) = path.strip_prefix('/') {
        candidates(abs).into_iter().find(|c| pages.contains(c))
    } else {
        let joined = if here.is_empty() {
            path.to_string()
        } else {
            format!("{here}/{path}")
        };
        let joined = crate::link::normalise_path(&joined).unwrap_or_default();
        candidates(&joined)
            .into_iter()
            .find(|c| pages.contains(c))
            .or_else(|| {
                let file = path.rsplit('/').next().unwrap_or(path);
                let matches: Vec<&String> = pages
                    .iter()
                    .filter(|p| {
                        candidates(file)
                            .iter()
                            .any(|c| p.ends_with(&format!("/{c}")) || *p == c)
                    })
                    .collect();
                (matches.len() == 1).then(|| matches[0].clone())
            })
    }?;
    let mut link = mapping::relative(from_dir, &dest_for(&found)).replace(' ', "%20");
    if let Some(f) = fragment {
        link.push('#');
        link.push_str(f);
    }
    Some(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, dest: &str, body: &str) -> Draft {
        Draft {
            src_name: name.into(),
            dest_rel: dest.into(),
            fields: Mapping::new(),
            body: body.into(),
            body_line: 1,
        }
    }

    #[test]
    fn shortcodes_become_markdown() {
        let pages = vec![
            "guide/visits.md".to_string(),
            "guide/_index.md".to_string(),
            "safety/fire.md".to_string(),
        ];
        let page = draft(
            "content/guide/visits.md",
            "guide/visits.md",
            "See [fire]({{< ref \"fire.md#drills\" >}}) and [all]({{< relref \"/guide\" >}}).\n\n{{< figure src=\"door.jpg\" alt=\"The door\" >}}\n\n{{< notice >}}\n\n`{{</* ref x */>}}`\n",
        );
        let mut report = Report::default();
        let out = shortcodes(&page, &pages, &mut report);
        assert_eq!(
            out,
            "See [fire](../safety/fire.md#drills) and [all](_index.md).\n\n![The door](door.jpg)\n\n{{< notice >}}\n\n`{{< ref x >}}`\n"
        );
        assert_eq!(report.needs_person.len(), 1, "{:?}", report.needs_person);
        assert!(
            report
                .needs_person
                .iter()
                .any(|n| n.message.contains("notice") && n.line == Some(5))
        );
    }

    #[test]
    fn half_written_shortcodes_do_not_break_the_import() {
        let pages = vec!["a.md".to_string()];
        for body in [
            "{{%}}",
            "{{<>}}",
            "{{< ref",
            "{{</* x",
            "{{</**/>}}",
            "{{é",
            "x {{",
        ] {
            let page = draft("content/a.md", "a.md", body);
            let _ = shortcodes(&page, &pages, &mut Report::default());
        }
    }

    #[test]
    fn language_tags() {
        assert_eq!(language_tag("en-gb"), "en-GB");
        assert_eq!(language_tag("cy"), "cy");
    }
}
