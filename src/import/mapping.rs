//! What every import shares: front matter read (YAML or TOML) and mapped to the
//! handbook's fields, the page written back, and paths and links adjusted.
//!
//! The mapping: `title`; `description` (or `summary`, `excerpt`) to `summary`; `tags`
//! and `keywords` (lists, or words in one string) to `tags`; `weight` (or `nav_order`,
//! Eleventy's `eleventyNavigation.order`) to `weight`; `draft` (or `published: false`)
//! to `draft`; `aliases` and `redirect_from` to `aliases`; everything else under
//! `extra`, so nothing is lost and nothing is an unknown field.

use serde_yaml::{Mapping, Value};

use super::Report;

/// A page to write: where it came from, where it goes, its front matter and its text.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The source file, relative to SRC, for notes.
    pub src_name: String,
    /// Where it goes, relative to DEST's `content/`.
    pub dest_rel: String,
    /// The handbook front matter, in the order it is written.
    pub fields: Mapping,
    /// The Markdown text.
    pub body: String,
    /// The source line the body starts on (1-based), so notes about the body name the
    /// line in the file the person has.
    pub body_line: usize,
}

impl Draft {
    /// The page as written: front matter between `---` lines, then the text.
    pub fn text(&self) -> String {
        const ORDER: [&str; 7] = [
            "title", "summary", "weight", "draft", "tags", "aliases", "extra",
        ];
        let mut fields = Mapping::new();
        for key in ORDER {
            if let Some(v) = self.fields.get(key) {
                fields.insert(key.into(), v.clone());
            }
        }
        for (k, v) in &self.fields {
            if !k.as_str().is_some_and(|k| ORDER.contains(&k)) {
                fields.insert(k.clone(), v.clone());
            }
        }
        let yaml = serde_yaml::to_string(&fields).unwrap_or_default();
        let body = self.body.trim_start_matches('\n');
        format!("---\n{yaml}---\n\n{body}")
    }

    /// The source line of a byte offset in `body`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.body_line
            + self.body.as_bytes()[..offset.min(self.body.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
    }
}

/// How a file's front matter was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
}

/// Splits front matter (`---` YAML or `+++` TOML) from the text: the front matter if
/// any, the body, and the line the body starts on.
pub(crate) fn split(text: &str) -> (Option<(Format, &str)>, &str, usize) {
    for (fence, format) in [("---", Format::Yaml), ("+++", Format::Toml)] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            let l = line.trim_end();
            if l == fence || (format == Format::Yaml && l == "...") {
                let front = &rest[..offset];
                let body = &rest[offset + line.len()..];
                let body_line = 2 + front.matches('\n').count() + 1;
                return (Some((format, front)), body, body_line);
            }
            offset += line.len();
        }
    }
    (None, text, 1)
}

/// The front matter as a mapping; a problem reading it is noted and gives an empty one.
pub(crate) fn parse(format: Format, text: &str, name: &str, report: &mut Report) -> Mapping {
    let parsed: Result<Value, String> = match format {
        Format::Yaml => serde_yaml::from_str::<Value>(text).map_err(|e| e.to_string()),
        Format::Toml => text
            .parse::<toml::Table>()
            .map(|t| toml_to_yaml(toml::Value::Table(t)))
            .map_err(|e| e.message().to_string()),
    };
    match parsed {
        Ok(Value::Mapping(m)) => m,
        Ok(Value::Null) => Mapping::new(),
        Ok(_) => {
            report.person(
                name,
                Some(1),
                "front matter is not a list of fields; left out",
            );
            Mapping::new()
        }
        Err(e) => {
            report.person(
                name,
                Some(1),
                format!("front matter could not be read ({e}); left out, fix it by hand"),
            );
            Mapping::new()
        }
    }
}

/// A TOML value as YAML; dates and times become their text (`2024-03-01`).
pub(crate) fn toml_to_yaml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// The handbook fields of a page whose source front matter is `input`.
#[derive(Debug, Default)]
pub(crate) struct Mapped {
    /// The handbook front matter, in order.
    pub fields: Mapping,
    /// Old addresses the source wrote (`permalink`, Hugo's `url`), to be aliases if they
    /// differ from the page's new one.
    pub permalink: Option<String>,
}

/// Maps a page's front matter to the handbook's fields; `title` is used when the front
/// matter has none. Values the handbook cannot use as they are go under `extra`.
pub(crate) fn map_fields(
    input: Mapping,
    title: Option<String>,
    name: &str,
    report: &mut Report,
) -> Mapped {
    let mut input = input;
    let mut out = Mapping::new();
    let mut extra = Mapping::new();
    let mut renamed = Vec::new();

    let title = input
        .remove("title")
        .and_then(|v| scalar_text(&v))
        .filter(|t| !t.trim().is_empty())
        .or(title);
    if let Some(t) = title {
        out.insert("title".into(), t.into());
    }
    let mut summary = None;
    for key in ["description", "summary", "excerpt"] {
        if let Some(v) = input.remove(key) {
            match (summary.is_none(), scalar_text(&v)) {
                (true, Some(t)) => {
                    if key != "summary" {
                        renamed.push(format!("`{key}` to `summary`"));
                    }
                    summary = Some(t);
                }
                _ => {
                    extra.insert(key.into(), v);
                }
            }
        }
    }
    if let Some(s) = summary {
        out.insert("summary".into(), s.trim().to_string().into());
    }
    let eleventy_nav = input.remove("eleventyNavigation");
    let mut weight = None;
    for key in ["weight", "nav_order", "order"] {
        if let Some(v) = input.remove(key) {
            match (weight.is_none(), whole_number(&v)) {
                (true, Some(w)) => {
                    if key != "weight" {
                        renamed.push(format!("`{key}` to `weight`"));
                    }
                    weight = Some(w);
                }
                _ => {
                    extra.insert(key.into(), v);
                }
            }
        }
    }
    if let Some(nav) = eleventy_nav {
        if weight.is_none()
            && let Some(w) = nav.get("order").and_then(whole_number)
        {
            renamed.push("`eleventyNavigation.order` to `weight`".into());
            weight = Some(w);
        }
        extra.insert("eleventyNavigation".into(), nav);
    }
    if let Some(w) = weight {
        out.insert("weight".into(), Value::Number(w.into()));
    }
    let draft = match (input.remove("draft"), input.remove("published")) {
        (Some(Value::Bool(d)), published) => {
            if let Some(p) = published {
                extra.insert("published".into(), p);
            }
            d
        }
        (other, Some(Value::Bool(p))) => {
            if let Some(o) = other {
                extra.insert("draft".into(), o);
            }
            renamed.push("`published: false` to `draft: true`".into());
            !p
        }
        (d, p) => {
            for (k, v) in [("draft", d), ("published", p)] {
                if let Some(v) = v {
                    extra.insert(k.into(), v);
                }
            }
            false
        }
    };
    if draft {
        out.insert("draft".into(), true.into());
    }
    let mut tags: Vec<String> = Vec::new();
    for key in ["tags", "keywords"] {
        if let Some(v) = input.remove(key) {
            if key == "keywords" {
                renamed.push("`keywords` to `tags`".into());
            }
            let split = if key == "keywords" { ',' } else { ' ' };
            tags.extend(text_list(&v, split));
        }
    }
    if let Some(Value::Mapping(mut t)) = input.remove("taxonomies") {
        if let Some(v) = t.remove("tags") {
            renamed.push("`taxonomies.tags` to `tags`".into());
            tags.extend(text_list(&v, ' '));
        }
        if !t.is_empty() {
            extra.insert("taxonomies".into(), Value::Mapping(t));
        }
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| !t.trim().is_empty() && seen.insert(t.to_lowercase()));
    if !tags.is_empty() {
        out.insert(
            "tags".into(),
            Value::Sequence(tags.into_iter().map(Value::String).collect()),
        );
    }
    let mut aliases: Vec<String> = Vec::new();
    for key in ["aliases", "redirect_from"] {
        if let Some(v) = input.remove(key) {
            if key != "aliases" {
                renamed.push(format!("`{key}` to `aliases`"));
            }
            aliases.extend(text_list(&v, '\n'));
        }
    }
    let permalink = input
        .remove("permalink")
        .or_else(|| input.remove("url"))
        .and_then(|v| scalar_text(&v))
        .filter(|p| !p.contains('{') && !p.contains(':'));
    if !aliases.is_empty() {
        out.insert(
            "aliases".into(),
            Value::Sequence(aliases.into_iter().map(Value::String).collect()),
        );
    }
    // Zola and Hugo keep custom values under `extra` / `params` already.
    for key in ["extra", "params"] {
        if let Some(Value::Mapping(m)) = input.get(key).cloned() {
            input.remove(key);
            for (k, v) in m {
                extra.entry(k).or_insert(v);
            }
        }
    }
    let kept: Vec<String> = input
        .iter()
        .filter_map(|(k, _)| k.as_str().map(str::to_string))
        .collect();
    for (k, v) in input {
        let key = match k {
            Value::String(s) => s,
            other => serde_yaml::to_string(&other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        extra.insert(key.into(), v);
    }
    if !extra.is_empty() {
        out.insert("extra".into(), Value::Mapping(extra));
    }
    if !renamed.is_empty() {
        report.changed(
            name,
            Some(1),
            format!("front matter: {}", renamed.join(", ")),
        );
    }
    if !kept.is_empty() {
        report.changed(
            name,
            Some(1),
            format!(
                "front matter: {} kept under `extra`",
                kept.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    Mapped {
        fields: out,
        permalink,
    }
}

/// Adds `alias` to a page's `aliases` unless it is there already.
pub(crate) fn add_alias(fields: &mut Mapping, alias: &str) {
    let list = fields
        .entry("aliases".into())
        .or_insert_with(|| Value::Sequence(Vec::new()));
    if let Value::Sequence(items) = list {
        let norm = |s: &str| s.trim_matches('/').to_string();
        if !items
            .iter()
            .any(|v| v.as_str().is_some_and(|s| norm(s) == norm(alias)))
        {
            items.push(Value::String(alias.to_string()));
        }
    }
}

/// Sets `weight` unless the page has one.
pub(crate) fn set_weight(fields: &mut Mapping, weight: i64) {
    if !fields.contains_key("weight") {
        fields.insert("weight".into(), Value::Number(weight.into()));
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn whole_number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A list of text from a list, or from one string split at `split` (Jekyll writes tags as
/// `tags: safety night-shifts`, keywords as `keywords: a, b`).
fn text_list(v: &Value, split: char) -> Vec<String> {
    match v {
        Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
        Value::String(s) => s
            .split(split)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        other => scalar_text(other).into_iter().collect(),
    }
}

/// The path from the folder `from_dir` to `to`, both relative to the same root, with `/`:
/// from `guide` to `ref/x.md` is `../ref/x.md`.
pub(crate) fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// The folder of a path (`guide/x.md` -> `guide`, `x.md` -> ``).
pub(crate) fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Rewrites every relative link in `body` (Markdown, reference definitions, raw HTML) with
/// `f`, which gets the destination as written and returns the new one, or `None` to keep it.
pub(crate) fn rewrite_links(body: &str, f: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for link in crate::markdown::scan(body).links {
        if body.get(link.span.clone()) != Some(link.dest.as_str()) {
            continue;
        }
        if let Some(new) = f(&link.dest) {
            edits.push((link.span, new));
        }
    }
    // Reference definitions: `[name]: path "title"`.
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3
            && trimmed.starts_with('[')
            && let Some(close) = trimmed.find("]:")
        {
            let rest = &trimmed[close + 2..];
            let lead = rest.len() - rest.trim_start().len();
            let dest = rest.split_whitespace().next().unwrap_or("");
            let dest_clean = dest.trim_start_matches('<').trim_end_matches('>');
            if !dest_clean.is_empty() {
                let start = offset
                    + indent
                    + close
                    + 2
                    + lead
                    + (dest.len() - dest.trim_start_matches('<').len());
                if let Some(new) = f(dest_clean) {
                    edits.push((start..start + dest_clean.len(), new));
                }
            }
        }
        offset += line.len();
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(body.len());
    let mut cursor = 0;
    for (range, new) in edits {
        if range.start < cursor {
            continue;
        }
        out.push_str(&body[cursor..range.start]);
        out.push_str(&new);
        cursor = range.end;
    }
    out.push_str(&body[cursor..]);
    out
}

/// True for a link destination that is a path relative to the page (not a scheme, not
/// `#part`, not `/root`).
pub(crate) fn is_relative(dest: &str) -> bool {
    let scheme = dest.find(':').is_some_and(|i| {
        dest[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !(dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || scheme)
}

/// The body with every relative link adjusted for a page moved `levels` folders down.
pub(crate) fn rebase(body: &str, levels: usize) -> String {
    if levels == 0 {
        return body.to_string();
    }
    let prefix = "../".repeat(levels);
    rewrite_links(body, &mut |dest| {
        is_relative(dest).then(|| format!("{prefix}{dest}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_of_either_kind_is_split() {
        let (fm, body, line) = split("---\ntitle: A\n---\nBody\n");
        assert_eq!(fm, Some((Format::Yaml, "title: A\n")));
        assert_eq!((body, line), ("Body\n", 4));
        let (fm, body, line) = split("+++\ntitle = \"A\"\nweight = 2\n+++\n\nBody\n");
        assert_eq!(fm.map(|f| f.0), Some(Format::Toml));
        assert_eq!((body, line), ("\nBody\n", 5));
        assert_eq!(split("# Just text\n").2, 1);
    }

    #[test]
    fn fields_are_mapped_and_the_rest_kept_under_extra() {
        let mut report = Report::default();
        let input: Mapping = serde_yaml::from_str(
            "title: Visits\ndescription: How visits work.\ntags: visits safety\nkeywords: families, rota\nnav_order: 3\npublished: false\nredirect_from: [/visiting/]\nlayout: page\npermalink: /visits/\n",
        )
        .unwrap();
        let m = map_fields(input, None, "visits.md", &mut report);
        let yaml = serde_yaml::to_string(&m.fields).unwrap();
        assert_eq!(
            yaml,
            "title: Visits\nsummary: How visits work.\nweight: 3\ndraft: true\ntags:\n- visits\n- safety\n- families\n- rota\naliases:\n- /visiting/\nextra:\n  layout: page\n"
        );
        assert_eq!(m.permalink.as_deref(), Some("/visits/"));
        assert!(
            report
                .changed
                .iter()
                .any(|n| n.message.contains("`redirect_from` to `aliases`"))
        );
    }

    #[test]
    fn toml_dates_become_text() {
        let mut report = Report::default();
        let m = parse(
            Format::Toml,
            "title = \"A\"\ndate = 2024-03-01\n[extra]\nx = 1\n",
            "a.md",
            &mut report,
        );
        assert_eq!(m.get("date").and_then(Value::as_str), Some("2024-03-01"));
        let mapped = map_fields(m, None, "a.md", &mut report);
        let extra = mapped.fields.get("extra").unwrap();
        assert_eq!(extra.get("x").and_then(Value::as_i64), Some(1));
    }

    #[test]
    fn relative_paths_and_rebased_links() {
        assert_eq!(relative("guide", "ref/x.md"), "../ref/x.md");
        assert_eq!(relative("", "a/b.md"), "a/b.md");
        assert_eq!(relative("a/b", "a/c.md"), "../c.md");
        assert_eq!(
            rebase(
                "See [x](c/x.md), [y](https://e.org), [z](#top) and ![i](pic.png).\n\n[r]: other.md\n",
                1
            ),
            "See [x](../c/x.md), [y](https://e.org), [z](#top) and ![i](../pic.png).\n\n[r]: ../other.md\n"
        );
    }
}
