//! mdBook: `book.toml` gives the title and the source folder (`src/` by default);
//! `SUMMARY.md` lists the chapters, in order and nested, and only the chapters it lists
//! are pages (mdBook builds nothing else).
//!
//! - Order: each chapter's place in `SUMMARY.md` becomes its `weight`.
//! - Nesting: a chapter whose sub-chapters are in the folder named after it
//!   (`intake.md` and `intake/*.md`) becomes that folder's section page
//!   (`intake/_index.md`, its links adjusted, its old address kept as an alias); nesting
//!   that does not follow the folders is reported, and kept in the contents list.
//! - `README.md` is its folder's page, as mdBook publishes it (`index.html`).
//! - The home page gets the book's contents: `SUMMARY.md` as a nested list of links.
//! - `{{#include file}}`, `{{#include file:2:10}}`, `{{#include file:anchor}}` and
//!   `{{#rustdoc_include}}` and `{{#playground}}` are replaced by the lines they name;
//!   one that cannot be resolved is left and reported. `{{#title}}` is removed.
//! - Title: the chapter's first `#` heading, else its title in `SUMMARY.md`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_yaml::Mapping;

use super::mapping::{self, Draft};
use super::{ImportError, Report, Site, error, read_text, rel_path};

/// One line of `SUMMARY.md`.
#[derive(Debug, Clone)]
struct Entry {
    title: String,
    /// The chapter's file, relative to the source folder; `None` for a draft chapter.
    path: Option<String>,
    parent: Option<usize>,
    part: Option<String>,
    line: usize,
}

pub(super) fn read(book: &Path, report: &mut Report) -> Result<Site, ImportError> {
    let toml_path = book.join("book.toml");
    let config: toml::Table = if toml_path.is_file() {
        let text = read_text(&toml_path, "book.toml", report).unwrap_or_default();
        text.parse().map_err(|e: toml::de::Error| {
            error(
                format!("book.toml cannot be read: {}", e.message()),
                "fix book.toml so that `mdbook build` accepts it, then import again",
            )
        })?
    } else {
        report.changed(
            "",
            None,
            "no book.toml: the book's sources are taken from `src/`",
        );
        toml::Table::new()
    };
    let section = |name: &str| config.get(name).and_then(toml::Value::as_table);
    let book_table = section("book");
    let get = |key: &str| {
        book_table
            .and_then(|b| b.get(key))
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    let src_dir = book.join(get("src").unwrap_or_else(|| "src".into()));
    let summary_path = src_dir.join("SUMMARY.md");
    let summary_name = rel_path(book, &summary_path);
    let Some(summary) = read_text(&summary_path, &summary_name, report) else {
        return Err(error(
            format!("`{}` has no SUMMARY.md", src_dir.display()),
            "give the folder that holds book.toml (an mdBook book), or check its `src` setting",
        ));
    };
    let entries = parse_summary(&summary);
    if entries.is_empty() {
        report.person(&summary_name, None, "lists no chapters; nothing to import");
    }

    // Where each chapter goes: its own path, or its folder's section page.
    let listed: HashSet<String> = entries.iter().filter_map(|e| e.path.clone()).collect();
    let mut dest: HashMap<String, String> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(path) = &e.path else { continue };
        let stem = path.strip_suffix(".md").unwrap_or(path);
        let is_index = matches!(
            path.rsplit('/').next(),
            Some("README.md" | "index.md" | "_index.md")
        );
        let target = if is_index {
            format!("{}_index.md", folder_prefix(mapping::dir_of(path)))
        } else {
            let children_inside = entries
                .iter()
                .filter(|c| c.parent == Some(i))
                .filter_map(|c| c.path.as_deref())
                .any(|c| c.starts_with(&format!("{stem}/")));
            let folder_has_index = ["README.md", "index.md", "_index.md"]
                .iter()
                .any(|f| listed.contains(&format!("{stem}/{f}")));
            if children_inside && !folder_has_index {
                format!("{stem}/_index.md")
            } else {
                path.clone()
            }
        };
        dest.insert(path.clone(), target);
    }

    let mut site = Site {
        title: get("title").unwrap_or_else(|| "Imported book".into()),
        description: get("description"),
        language: get("language"),
        github_ids: true,
        ..Site::default()
    };
    let mut home_written = false;
    for (i, e) in entries.iter().enumerate() {
        let Some(path) = &e.path else {
            report.changed(
                &summary_name,
                Some(e.line),
                format!(
                    "`{}` is a draft chapter (no file): listed in the contents without a link",
                    e.title
                ),
            );
            continue;
        };
        let file = src_dir.join(path);
        let name = rel_path(book, &file);
        if !file.is_file() {
            report.person(
                &summary_name,
                Some(e.line),
                format!("`{path}` does not exist (mdBook would create it empty); not imported"),
            );
            continue;
        }
        let Some(text) = read_text(&file, &name, report) else {
            continue;
        };
        let (front, body, body_line) = mapping::split(&text);
        let input = front
            .map(|(f, t)| mapping::parse(f, t, &name, report))
            .unwrap_or_default();
        let body = resolve_includes(body, &file, book, body_line, &name, 0, report);
        let scanned = crate::markdown::scan(&body);
        let heading = scanned
            .opening_h1
            .map(|h| scanned.headings[h].text.clone())
            .filter(|t| !t.trim().is_empty());
        let mut mapped =
            mapping::map_fields(input, heading.or(Some(e.title.clone())), &name, report);
        mapping::set_weight(&mut mapped.fields, (i as i64 + 1) * 10);
        let target = dest.get(path).cloned().unwrap_or_else(|| path.clone());
        let mut body = body;
        if target != *path && !is_index_name(path) {
            // Moved one folder down to be its folder's page: links adjusted, old address kept.
            body = mapping::rebase(&body, 1);
            let old = format!("{}.html", path.strip_suffix(".md").unwrap_or(path));
            mapping::add_alias(&mut mapped.fields, &old);
            report.changed(
                &name,
                None,
                format!("made the section page of its sub-chapters: `content/{target}`; its old address `{old}` is kept as an alias"),
            );
        }
        if target == "_index.md" {
            home_written = true;
            body = format!("{}\n\n{}", body.trim_end(), contents(&entries, &dest));
            report.changed(
                &name,
                None,
                "is the home page; the book's contents (SUMMARY.md) were added to it",
            );
        }
        let section = match target.strip_suffix("_index.md") {
            Some(dir) => dir.trim_end_matches('/'),
            None => target.strip_suffix(".md").unwrap_or(&target),
        };
        for c in entries.iter().filter(|c| c.parent == Some(i)) {
            if let Some(cp) = &c.path {
                let child = dest.get(cp).map_or(cp.as_str(), String::as_str);
                let child_folder = match child.strip_suffix("_index.md") {
                    Some(dir) => mapping::dir_of(dir.trim_end_matches('/')),
                    None => mapping::dir_of(child),
                };
                if child_folder != section {
                    report.person(
                        &summary_name,
                        Some(c.line),
                        format!(
                            "nests `{cp}` under `{path}`, but it is in another folder; the handbook groups pages by folder, so it is listed beside it (the home page's contents keep the nesting). Move it into `{}/` to nest it",
                            section
                        ),
                    );
                }
            }
        }
        site.pages.push(Draft {
            src_name: name,
            dest_rel: target,
            fields: mapped.fields,
            body,
            body_line,
        });
    }
    if !home_written {
        let mut fields = Mapping::new();
        fields.insert("title".into(), site.title.clone().into());
        site.pages.push(Draft {
            src_name: summary_name.clone(),
            dest_rel: "_index.md".into(),
            fields,
            body: contents(&entries, &dest),
            body_line: 1,
        });
        report.changed(
            &summary_name,
            None,
            "became the home page's contents (the book has no README.md)",
        );
    }

    // Markdown mdBook does not publish, and the book's other files.
    let mut unlisted = Vec::new();
    for path in super::files_under(&src_dir, &|_| false) {
        let rel = rel_path(&src_dir, &path);
        if crate::load::is_markdown(&path) {
            if rel != "SUMMARY.md" && !listed.contains(&rel) {
                unlisted.push(rel);
            }
        } else if super::is_site_file(&path) {
            site.files.push((path.clone(), format!("content/{rel}")));
        }
    }
    if !unlisted.is_empty() {
        report.changed(
            &summary_name,
            None,
            format!(
                "{} Markdown file(s) not in SUMMARY.md were not imported as pages (mdBook does not publish them; includes were pasted in): {}",
                unlisted.len(),
                unlisted.join(", ")
            ),
        );
    }
    Ok(site)
}

fn is_index_name(path: &str) -> bool {
    matches!(
        path.rsplit('/').next(),
        Some("README.md" | "index.md" | "_index.md")
    )
}

fn folder_prefix(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The chapters of `SUMMARY.md`, in order, with their nesting and part titles.
fn parse_summary(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut stack: Vec<Option<usize>> = Vec::new();
    let mut last_at_depth: Vec<Option<usize>> = Vec::new();
    let mut part: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut seen_title = false;
    let mut link: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        let line = text[..range.start].matches('\n').count() + 1;
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let h = heading.take().unwrap_or_default();
                if seen_title {
                    part = Some(h.trim().to_string());
                }
                seen_title = true;
            }
            Event::Start(Tag::List(_)) => {
                stack.push(last_at_depth.last().copied().flatten());
                last_at_depth.push(None);
            }
            Event::End(TagEnd::List(_)) => {
                stack.pop();
                last_at_depth.pop();
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((crate::urls::percent_decode(&dest_url), String::new(), line));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some((_, title, _)) = link.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, title, line)) = link.take() {
                    let dest = dest.split('#').next().unwrap_or("").trim().to_string();
                    let index = entries.len();
                    entries.push(Entry {
                        title: title.trim().to_string(),
                        path: (!dest.is_empty()).then(|| dest.trim_start_matches("./").to_string()),
                        parent: stack.last().copied().flatten(),
                        part: part.clone(),
                        line,
                    });
                    if let Some(last) = last_at_depth.last_mut() {
                        *last = Some(index);
                    }
                }
            }
            _ => {}
        }
    }
    entries
}

/// The book's contents as a nested Markdown list of links (relative to `content/`).
fn contents(entries: &[Entry], dest: &HashMap<String, String>) -> String {
    let mut out = String::from("## Contents\n");
    let mut part: Option<&str> = None;
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(p) = entries[i].parent {
            d += 1;
            i = p;
        }
        d
    };
    out.push('\n');
    for (i, e) in entries.iter().enumerate() {
        if e.part.as_deref() != part {
            part = e.part.as_deref();
            if let Some(p) = part {
                out.push_str(&format!("\n### {p}\n\n"));
            }
        }
        let indent = "  ".repeat(depth(i));
        let title = e.title.replace(['[', ']'], "");
        match &e.path {
            // The home page does not list itself.
            Some(p) if dest.get(p).is_some_and(|d| d == "_index.md") => continue,
            Some(p) => {
                let to = dest.get(p).map_or(p.as_str(), String::as_str);
                let to = to.replace(' ', "%20");
                out.push_str(&format!("{indent}- [{title}]({to})\n"));
            }
            None => out.push_str(&format!("{indent}- {title} (not written yet)\n")),
        }
    }
    out
}

/// The text with mdBook's `{{#include}}` family replaced by what they name.
fn resolve_includes(
    text: &str,
    file: &Path,
    book: &Path,
    first_line: usize,
    name: &str,
    depth: usize,
    report: &mut Report,
) -> String {
    const DIRECTIVES: [&str; 4] = [
        "{{#include ",
        "{{#rustdoc_include ",
        "{{#playground ",
        "{{#title ",
    ];
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    while let Some(found) = DIRECTIVES
        .iter()
        .filter_map(|d| text[cursor..].find(d).map(|i| (cursor + i, *d)))
        .min_by_key(|(i, _)| *i)
    {
        let (at, directive) = found;
        let line = first_line + text[..at].matches('\n').count();
        let Some(close) = text[at..].find("}}") else {
            break;
        };
        let end = at + close + 2;
        if text[..at].ends_with('\\') {
            out.push_str(&text[cursor..end]);
            cursor = end;
            continue;
        }
        let arg = text[at + directive.len()..at + close].trim();
        out.push_str(&text[cursor..at]);
        cursor = end;
        if directive == "{{#title " {
            report.changed(
                name,
                Some(line),
                format!("`{{{{#title {arg}}}}}` removed (the handbook titles the page itself)"),
            );
            continue;
        }
        let spec = arg.split_whitespace().next().unwrap_or("");
        match include(spec, file, book) {
            Ok((included, from)) => {
                let included = if from.extension().is_some_and(|e| e == "md") && depth < 10 {
                    resolve_includes(&included, &from, book, 1, name, depth + 1, report)
                } else {
                    included
                };
                out.push_str(included.trim_end_matches('\n'));
                report.changed(
                    name,
                    Some(line),
                    format!("`{}` replaced by the text it names", &text[at..end]),
                );
                if directive == "{{#rustdoc_include " {
                    report.changed(name, Some(line), "rustdoc_include: only the named lines are kept (the handbook has no hidden lines)");
                }
            }
            Err(why) => {
                out.push_str(&text[at..end]);
                report.person(
                    name,
                    Some(line),
                    format!("`{}` left as written: {why}", &text[at..end]),
                );
            }
        }
    }
    out.push_str(&text[cursor..]);
    out
}

/// The lines an include names: `path`, `path:from:to`, `path:line`, `path:anchor`.
fn include(spec: &str, file: &Path, book: &Path) -> Result<(String, PathBuf), String> {
    let (path, range) = match spec.split_once(':') {
        Some((p, r)) => (p, Some(r)),
        None => (spec, None),
    };
    let base = file.parent().unwrap_or(book);
    let target = base.join(path);
    let inside = match (target.canonicalize(), book.canonicalize()) {
        (Ok(t), Ok(b)) => t.starts_with(b),
        _ => false,
    };
    if !target.is_file() {
        return Err(format!("`{path}` does not exist"));
    }
    if !inside {
        return Err(format!("`{path}` is outside the book's folder"));
    }
    let text =
        std::fs::read_to_string(&target).map_err(|e| format!("`{path}` cannot be read: {e}"))?;
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let is_anchor_line = |l: &str| l.contains("ANCHOR:") || l.contains("ANCHOR_END:");
    let picked: Vec<&str> = match range {
        None | Some("") => lines.clone(),
        Some(r)
            if r.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == ':') =>
        {
            let (from, to) = match r.split_once(':') {
                Some((a, b)) => (a.parse::<usize>().ok(), b.parse::<usize>().ok()),
                None => {
                    let n = r.parse::<usize>().ok();
                    (n, n)
                }
            };
            let from = from.unwrap_or(1).max(1);
            let to = to.unwrap_or(lines.len()).min(lines.len());
            if from > to {
                return Err(format!("lines `{r}` are not in `{path}`"));
            }
            lines[from - 1..to].to_vec()
        }
        Some(anchor) => {
            let start = lines
                .iter()
                .position(|l| l.contains(&format!("ANCHOR: {anchor}")))
                .ok_or_else(|| format!("`{path}` has no `ANCHOR: {anchor}`"))?;
            let end = lines[start + 1..]
                .iter()
                .position(|l| l.contains(&format!("ANCHOR_END: {anchor}")))
                .map_or(lines.len(), |e| start + 1 + e);
            lines[start + 1..end].to_vec()
        }
    };
    let kept: Vec<&str> = picked.into_iter().filter(|l| !is_anchor_line(l)).collect();
    Ok((kept.join("\n"), target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_order_nesting_parts_and_drafts() {
        let e = parse_summary(
            "# Summary\n\n[Introduction](README.md)\n\n# Working here\n\n- [Intake](intake.md)\n  - [First day](intake/first-day.md)\n- [Shifts](shifts.md)\n- [Later]()\n",
        );
        type Row<'a> = (&'a str, Option<&'a str>, Option<usize>, Option<&'a str>);
        let got: Vec<Row> = e
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.path.as_deref(),
                    e.parent,
                    e.part.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Introduction", Some("README.md"), None, None),
                ("Intake", Some("intake.md"), None, Some("Working here")),
                (
                    "First day",
                    Some("intake/first-day.md"),
                    Some(1),
                    Some("Working here")
                ),
                ("Shifts", Some("shifts.md"), None, Some("Working here")),
                ("Later", None, None, Some("Working here")),
            ]
        );
        assert_eq!(e[2].line, 8);
    }
}
