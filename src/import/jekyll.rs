//! Jekyll and Eleventy: pages anywhere in the site's folder (Eleventy: its input folder),
//! with YAML front matter; `_config.yml` (Jekyll) or `_data/site.json`,
//! `_data/metadata.json` (Eleventy) give the title.
//!
//! - Folders starting with `_` are the tool's own (`_layouts`, `_includes`, `_data`,
//!   `_site`) and are left out, except `_posts`, whose posts become `posts/`. Jekyll
//!   publishes only Markdown with front matter, so a Markdown file without it (a
//!   README) is left out there; Eleventy publishes every one.
//! - `index.md` is its folder's page; `.markdown` files become `.md`.
//! - Old addresses stay working as aliases: `redirect_from`, a `permalink` that differs
//!   from the page's new address, a post's dated address, and, with pretty URLs
//!   (Eleventy always, Jekyll with `permalink: pretty`), `/folder/page/`.
//! - Liquid and Nunjucks: `{% link x.md %}` and `{% post_url name %}` become relative
//!   links; `{{ site.baseurl }}` and the `relative_url`, `absolute_url` and `url`
//!   filters of a quoted path become that path; `{% raw %}` tags are removed (their
//!   text kept), `{% comment %}` blocks removed, `{% highlight x %}` blocks fenced; any
//!   other tag or expression is left as written and reported.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::mapping::{self, Draft, Format};
use super::{ImportError, Report, Site, error, read_text, rel_path};

pub(super) fn read(root: &Path, eleventy: bool, report: &mut Report) -> Result<Site, ImportError> {
    let config = read_config(root, eleventy, report);
    let get = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_string);
    let input = if eleventy {
        root.join(eleventy_input(root).unwrap_or_else(|| ".".into()))
    } else {
        root.to_path_buf()
    };
    if !input.is_dir() {
        return Err(error(
            format!("`{}` has no input folder", root.display()),
            "give the folder of the Jekyll or Eleventy site",
        ));
    }
    let pretty = eleventy || get("permalink").as_deref() == Some("pretty");
    let mut site = Site {
        title: get("title").unwrap_or_else(|| {
            root.file_name()
                .map_or("Imported site".into(), |n| n.to_string_lossy().into_owned())
        }),
        description: get("description"),
        language: get("lang").map(|l| super::hugo::language_tag(&l)),
        github_ids: true,
        ..Site::default()
    };
    let skip = |rel: &str| {
        let top = rel.split('/').next().unwrap_or("");
        (top.starts_with('_') && top != "_posts")
            || matches!(top, "node_modules" | "vendor" | "public")
            || rel.split('/').any(|s| s == "node_modules")
    };
    let files = super::files_under(&input, &skip);
    let mut pages: Vec<(std::path::PathBuf, String, String)> = Vec::new();
    for path in &files {
        let rel = rel_path(&input, path);
        if crate::load::is_markdown(path) {
            pages.push((path.clone(), rel.clone(), dest_for(&rel)));
        } else if super::is_site_file(path) {
            site.files
                .push((path.clone(), format!("content/{}", posts_folder(&rel))));
        }
    }
    let known: Vec<(String, String)> = pages
        .iter()
        .map(|(_, r, d)| (r.clone(), d.clone()))
        .collect();
    for (path, rel, dest_rel) in pages {
        let name = rel_path(root, &path);
        let Some(text) = read_text(&path, &name, report) else {
            continue;
        };
        let (front, body, body_line) = mapping::split(&text);
        if front.is_none() && !eleventy {
            report.changed(
                &name,
                None,
                "has no front matter, so Jekyll did not publish it; not imported",
            );
            continue;
        }
        let input = front
            .filter(|(f, _)| *f == Format::Yaml)
            .map(|(f, t)| mapping::parse(f, t, &name, report))
            .unwrap_or_default();
        if input.get("permalink") == Some(&Value::Bool(false)) {
            report.changed(
                &name,
                Some(1),
                "has `permalink: false`, so it was not published; not imported",
            );
            continue;
        }
        let mut mapped = mapping::map_fields(input, None, &name, report);
        let new_url = format!(
            "/{}",
            crate::parse::url_for(
                &crate::parse::key_for_style(&dest_rel, crate::config::PageUrls::FileName).0,
                dest_rel.ends_with("_index.md"),
            )
        );
        if let Some(p) = mapped.permalink.take() {
            let same = p.trim_matches('/') == new_url.trim_matches('/')
                || p.trim_matches('/')
                    == new_url
                        .trim_matches('/')
                        .trim_end_matches("index.html")
                        .trim_matches('/');
            if !same {
                mapping::add_alias(&mut mapped.fields, &p);
                report.changed(
                    &name,
                    Some(1),
                    format!("its permalink {p} is kept as an alias"),
                );
            }
        } else if let Some(old) = old_address(&rel, &dest_rel, pretty) {
            mapping::add_alias(&mut mapped.fields, &old);
        }
        if rel.ends_with(".markdown") {
            report.changed(&name, None, format!("renamed to `content/{dest_rel}`"));
        }
        let mut draft = Draft {
            src_name: name,
            dest_rel,
            fields: mapped.fields,
            body: body.to_string(),
            body_line,
        };
        draft.body = liquid(&draft, &known, report);
        site.pages.push(draft);
    }
    if pretty && !site.pages.is_empty() {
        report.changed("", None, "each page's pretty address (`/folder/page/`) is kept as an alias, so old links still lead to it");
    }
    Ok(site)
}

fn read_config(root: &Path, eleventy: bool, report: &mut Report) -> Mapping {
    let candidates: &[&str] = if eleventy {
        &[
            "_data/site.json",
            "_data/metadata.json",
            "src/_data/site.json",
            "src/_data/metadata.json",
        ]
    } else {
        &["_config.yml", "_config.yaml"]
    };
    for name in candidates {
        let path = root.join(name);
        if path.is_file() {
            let text = read_text(&path, name, report).unwrap_or_default();
            // JSON is YAML, as far as reading a title goes.
            return mapping::parse(Format::Yaml, &text, name, report);
        }
    }
    Mapping::new()
}

/// Eleventy's input folder, when its configuration names one (`input: "src"`).
fn eleventy_input(root: &Path) -> Option<String> {
    for name in [
        ".eleventy.js",
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        let at = text.find("input")?;
        let rest = &text[at + 5..];
        let rest = rest.trim_start_matches([':', ' ', '=']);
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let value = &rest[1..];
        return value.find(quote).map(|e| value[..e].to_string());
    }
    None
}

fn posts_folder(rel: &str) -> String {
    rel.strip_prefix("_posts/")
        .map_or(rel.to_string(), |r| format!("posts/{r}"))
}

/// Where a page goes under `content/`.
fn dest_for(rel: &str) -> String {
    let rel = posts_folder(rel);
    let rel = rel
        .strip_suffix(".markdown")
        .map_or(rel.clone(), |s| format!("{s}.md"));
    match rel.rsplit_once('/') {
        Some((dir, "index.md")) => format!("{dir}/_index.md"),
        None if rel == "index.md" => "_index.md".into(),
        _ => rel,
    }
}

/// The address the old site published a page at, when it differs from the new one.
fn old_address(rel: &str, dest_rel: &str, pretty: bool) -> Option<String> {
    if dest_rel.ends_with("_index.md") {
        return None;
    }
    let stem = rel.trim_end_matches(".md").trim_end_matches(".markdown");
    if let Some(post) = stem.strip_prefix("_posts/") {
        // Jekyll's default for posts: /YYYY/MM/DD/title.html
        let (date, title) = (post.get(..10)?, post.get(11..)?);
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        return Some(if pretty {
            format!("/{y}/{m}/{d}/{title}/")
        } else {
            format!("/{y}/{m}/{d}/{title}.html")
        });
    }
    pretty.then(|| format!("/{stem}/"))
}

/// The body with the Liquid the handbook can express rewritten.
fn liquid(page: &Draft, known: &[(String, String)], report: &mut Report) -> String {
    let body = page.body.as_str();
    let mut out = String::with_capacity(body.len());
    let mut cursor = 0;
    let mut skipping_comment = false;
    let from_dir = mapping::dir_of(&page.dest_rel);
    while let Some(i) = body[cursor..].find('{').map(|i| cursor + i) {
        let rest = &body[i..];
        let close = if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{{") {
            "}}"
        } else {
            if !skipping_comment {
                out.push_str(&body[cursor..=i]);
            }
            cursor = i + 1;
            continue;
        };
        let Some(end) = rest[2..].find(close).map(|e| e + 2) else {
            break;
        };
        let whole = &rest[..end + close.len()];
        let inner = rest[2..end].trim_matches(|c: char| c.is_whitespace() || c == '-');
        if !skipping_comment {
            out.push_str(&body[cursor..i]);
        }
        cursor = i + whole.len();
        let line = page.line_of(i);
        let mut words = inner.split_whitespace();
        let tag = words.next().unwrap_or("");
        if skipping_comment {
            if close == "%}" && tag == "endcomment" {
                skipping_comment = false;
            }
            continue;
        }
        if close == "%}" {
            match tag {
                "link" | "post_url" => {
                    let arg = words.next().unwrap_or("").trim_matches(['"', '\'']);
                    let target = if tag == "post_url" {
                        format!("posts/{arg}.md")
                    } else {
                        dest_for(arg)
                    };
                    match known
                        .iter()
                        .find(|(r, d)| *d == target || dest_for(r) == target)
                    {
                        Some((_, d)) => {
                            let link = mapping::relative(from_dir, d).replace(' ', "%20");
                            report.changed(
                                &page.src_name,
                                Some(line),
                                format!("`{whole}` replaced by the link `{link}`"),
                            );
                            out.push_str(&link);
                        }
                        None => {
                            out.push_str(whole);
                            report.person(
                                &page.src_name,
                                Some(line),
                                format!("`{whole}`: no such page; left as written"),
                            );
                        }
                    }
                }
                "raw" => {
                    // Everything up to `{% endraw %}` is text, as written.
                    let rest = &body[cursor..];
                    let end = rest
                        .match_indices("{%")
                        .find(|(j, _)| {
                            rest[j + 2..]
                                .trim_start_matches(|c: char| c.is_whitespace() || c == '-')
                                .starts_with("endraw")
                        })
                        .map(|(j, _)| j);
                    let Some(j) = end else { continue };
                    out.push_str(&rest[..j]);
                    let after = rest[j..].find("%}").map_or(rest.len(), |k| j + k + 2);
                    cursor += after;
                }
                "endraw" => {}
                "comment" => skipping_comment = true,
                "highlight" => {
                    out.push_str(&format!("```{}", words.next().unwrap_or("")));
                    report.changed(
                        &page.src_name,
                        Some(line),
                        "`{% highlight %}` replaced by a fenced code block",
                    );
                }
                "endhighlight" => out.push_str("```"),
                _ => {
                    out.push_str(whole);
                    report.person(
                        &page.src_name,
                        Some(line),
                        format!(
                            "template tag `{whole}` left as written: write the text or link it made"
                        ),
                    );
                }
            }
            continue;
        }
        // {{ ... }}
        if let Some(path) = quoted_path(inner) {
            out.push_str(&path);
            report.changed(
                &page.src_name,
                Some(line),
                format!("`{whole}` replaced by `{path}`"),
            );
        } else if matches!(
            inner,
            "site.baseurl" | "site.url" | "site.url | append: site.baseurl"
        ) {
            // A prefix of a path from the site's root: the handbook writes links relative.
        } else {
            out.push_str(whole);
            report.person(
                &page.src_name,
                Some(line),
                format!(
                    "template expression `{whole}` left as written: write the value it stood for"
                ),
            );
        }
    }
    if !skipping_comment {
        out.push_str(&body[cursor..]);
    }
    out
}

/// `"/x/" | relative_url` (or `absolute_url`, `url`, `prepend: site.baseurl`) -> `/x/`.
fn quoted_path(inner: &str) -> Option<String> {
    let (value, filters) = inner.split_once('|')?;
    let value = value.trim();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let path = value.strip_prefix(quote)?.strip_suffix(quote)?;
    let known = [
        "relative_url",
        "absolute_url",
        "url",
        "prepend: site.baseurl",
        "prepend:site.baseurl",
    ];
    filters
        .split('|')
        .all(|f| known.contains(&f.trim()))
        .then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liquid_links_and_tags() {
        let known = vec![
            ("about.md".to_string(), "about.md".to_string()),
            (
                "guide/visits.markdown".to_string(),
                "guide/visits.md".to_string(),
            ),
            (
                "_posts/2024-03-01-new-rota.md".to_string(),
                "posts/2024-03-01-new-rota.md".to_string(),
            ),
        ];
        let page = Draft {
            src_name: "guide/index.md".into(),
            dest_rel: "guide/_index.md".into(),
            fields: Mapping::new(),
            body: "[v]({% link guide/visits.markdown %}) [r]({% post_url 2024-03-01-new-rota %}) [a]({{ '/about/' | relative_url }}) [b]({{ site.baseurl }}/about/)\n{% raw %}{{ kept }}{% endraw %}\n{% comment %}gone{% endcomment %}{% include note.html %}\n".into(),
            body_line: 3,
        };
        let mut report = Report::default();
        let out = liquid(&page, &known, &mut report);
        assert_eq!(
            out,
            "[v](visits.md) [r](../posts/2024-03-01-new-rota.md) [a](/about/) [b](/about/)\n{{ kept }}\n{% include note.html %}\n"
        );
        let person: Vec<(Option<usize>, &str)> = report
            .needs_person
            .iter()
            .map(|n| (n.line, n.message.as_str()))
            .collect();
        assert_eq!(person.len(), 1, "{person:?}");
        assert_eq!(person[0].0, Some(5));
    }

    #[test]
    fn half_written_tags_do_not_break_the_import() {
        for body in [
            "{%}",
            "{{}}",
            "{% raw %}",
            "{% comment %}x",
            "{% link %}",
            "{{ é",
            "{%-%}",
            "{% raw %}{%",
        ] {
            let page = Draft {
                src_name: "a.md".into(),
                dest_rel: "a.md".into(),
                fields: Mapping::new(),
                body: body.into(),
                body_line: 1,
            };
            let _ = liquid(&page, &[], &mut Report::default());
        }
    }

    #[test]
    fn old_addresses() {
        assert_eq!(
            old_address("guide/visits.md", "guide/visits.md", true).as_deref(),
            Some("/guide/visits/")
        );
        assert_eq!(
            old_address("guide/visits.md", "guide/visits.md", false),
            None
        );
        assert_eq!(
            old_address(
                "_posts/2024-03-01-new-rota.md",
                "posts/2024-03-01-new-rota.md",
                false
            )
            .as_deref(),
            Some("/2024/03/01/new-rota.html")
        );
        assert_eq!(dest_for("index.markdown"), "_index.md");
    }
}
