//! The theme contract: what each template receives, checked three ways.
//!
//! - The guide's "Theme contract" page (`content/authoring/theme-contract.md`) lists every
//!   variable of every template family and every type they use; it must match the
//!   context structs the renderer passes (their JSON Schemas, from
//!   `handbook::render::contract`), names and types both ways.
//! - Every template of the default theme belongs to a family.
//! - Every variable a default-theme template uses (resolving `extends`, blocks, includes,
//!   `set` and `for`) exists in its family's context.
//!
//! When the page drifts, the failure prints the section as it should read; run with
//! `THEME_CONTRACT_WRITE=1` to rewrite the page's generated part.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use handbook::render::contract::{Family, families};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---- schemas ------------------------------------------------------------------------

/// A schema and the definitions its `$ref`s point into.
#[derive(Clone, Copy)]
struct S<'a> {
    v: &'a Value,
    defs: &'a Value,
}

impl<'a> S<'a> {
    fn resolve(self) -> S<'a> {
        let mut v = self.v;
        for _ in 0..16 {
            if let Some(r) = v.get("$ref").and_then(Value::as_str) {
                let name = r.trim_start_matches("#/$defs/");
                v = &self.defs[name];
            } else {
                break;
            }
        }
        S { v, defs: self.defs }
    }

    /// The schema without its `null` alternative.
    fn non_null(self) -> S<'a> {
        let s = self.resolve();
        if let Some(any) = s.v.get("anyOf").and_then(Value::as_array)
            && let Some(x) = any
                .iter()
                .find(|a| a.get("type") != Some(&Value::from("null")))
        {
            return S { v: x, defs: s.defs }.resolve();
        }
        s
    }

    fn properties(self) -> Option<&'a serde_json::Map<String, Value>> {
        self.non_null()
            .v
            .get("properties")
            .and_then(Value::as_object)
    }

    fn property(self, name: &str) -> Option<S<'a>> {
        self.properties()?
            .get(name)
            .map(|v| S { v, defs: self.defs })
    }

    fn items(self) -> Option<S<'a>> {
        let s = self.non_null();
        s.v.get("items").map(|v| S { v, defs: s.defs })
    }

    /// A map's values (`additionalProperties`).
    fn values(self) -> Option<S<'a>> {
        let s = self.non_null();
        s.v.get("additionalProperties")
            .filter(|v| v.is_object())
            .map(|v| S { v, defs: s.defs })
    }

    fn description(self) -> String {
        self.v
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .replace('\n', " ")
    }

    /// The type as the guide writes it.
    fn type_name(self) -> String {
        if let Some(r) = self.v.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            return format!("[{name}](#type-{})", anchor(name));
        }
        if let Some(any) = self.v.get("anyOf").and_then(Value::as_array) {
            let parts: Vec<String> = any
                .iter()
                .filter(|a| a.get("type") != Some(&Value::from("null")))
                .map(|a| {
                    S {
                        v: a,
                        defs: self.defs,
                    }
                    .type_name()
                })
                .collect();
            return format!("{} or null", parts.join(" or "));
        }
        let scalar = |t: &str| -> String {
            match t {
                "string" => "text".into(),
                "integer" => "whole number".into(),
                "number" => "number".into(),
                "boolean" => "true or false".into(),
                "array" => format!(
                    "list of {}",
                    self.items().map_or("anything".into(), |i| i.type_name())
                ),
                "object" => match self.values() {
                    Some(v) => format!("map of text to {}", v.type_name()),
                    None => "object".into(),
                },
                other => other.into(),
            }
        };
        match self.v.get("type") {
            Some(Value::String(t)) => scalar(t),
            Some(Value::Array(ts)) => {
                let names: Vec<String> = ts
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null")
                    .map(scalar)
                    .collect();
                let nullable = ts.iter().any(|t| t == "null");
                format!(
                    "{}{}",
                    names.join(" or "),
                    if nullable { " or null" } else { "" }
                )
            }
            _ => "anything".into(),
        }
    }
}

fn schema_of(f: &Family) -> Value {
    serde_json::to_value((f.schema)()).expect("schema as JSON")
}

// ---- the guide page -----------------------------------------------------------------

const PAGE: &str = "content/authoring/theme-contract.md";
/// Where the generated part of the page starts; everything above it is prose.
const GENERATED: &str = "<!-- Generated from the context structs: THEME_CONTRACT_WRITE=1 cargo test --test theme_contract -->";

fn anchor(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

fn table(rows: &[(String, String, String)], first: &str) -> String {
    let mut out = format!("| {first} | Type | Meaning |\n|---|---|---|\n");
    for (name, ty, meaning) in rows {
        out.push_str(&format!(
            "| `{name}` | {ty} | {} |\n",
            meaning.replace('|', "\\|")
        ));
    }
    out
}

fn rows(s: S<'_>, prefix: &str) -> Vec<(String, String, String)> {
    s.properties()
        .map(|props| {
            props
                .iter()
                .map(|(name, v)| {
                    let p = S { v, defs: s.defs };
                    (format!("{prefix}{name}"), p.type_name(), p.description())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The generated part of the page, as the structs say it should be.
fn generated() -> String {
    let fams = families();
    let mut out = format!(
        "{GENERATED}\n\n## Every template {{#templates}}\n\n| Template | Family |\n|---|---|\n"
    );
    for f in &fams {
        for t in f.templates {
            out.push_str(&format!("| `{t}` | [{}](#{}) |\n", f.name, anchor(f.name)));
        }
    }
    // What every template gets, from any family (they all share it).
    let any = schema_of(&fams[0]);
    let root = S {
        v: &any,
        defs: &any["$defs"],
    };
    let shared: Vec<_> = rows(root, "")
        .into_iter()
        .filter(|(n, _, _)| n != "page")
        .collect();
    out.push_str("\n## What every template gets {#globals}\n\n");
    out.push_str(&table(&shared, "Variable"));
    let mut types: BTreeMap<String, Value> = BTreeMap::new();
    for f in &fams {
        let schema = schema_of(f);
        let root = S {
            v: &schema,
            defs: &schema["$defs"],
        };
        let page = root.property("page").expect("page");
        out.push_str(&format!(
            "\n## {} {{#{}}}\n\nTemplates: {}. `page` is a {}:\n\n",
            f.name,
            anchor(f.name),
            f.templates
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", "),
            page.type_name()
        ));
        out.push_str(&table(&rows(page, "page."), "Variable"));
        if let Some(defs) = schema["$defs"].as_object() {
            for (name, def) in defs {
                types.entry(name.clone()).or_insert_with(|| def.clone());
            }
        }
    }
    out.push_str("\n## Types {#types}\n\nThe types the tables above name, with their fields.\n");
    let all_defs = Value::Object(types.clone().into_iter().collect());
    for (name, def) in &types {
        let s = S {
            v: def,
            defs: &all_defs,
        };
        out.push_str(&format!(
            "\n### {name} {{#type-{}}}\n\n{}\n\n",
            anchor(name),
            s.description()
        ));
        match def.get("oneOf").and_then(Value::as_array) {
            Some(values) => {
                out.push_str("Text, one of:\n\n");
                for v in values {
                    out.push_str(&format!(
                        "- `{}`: {}\n",
                        v["const"].as_str().unwrap_or(""),
                        v["description"].as_str().unwrap_or("").replace('\n', " ")
                    ));
                }
            }
            None => out.push_str(&table(&rows(s, ""), "Field")),
        }
    }
    out
}

#[test]
fn the_guide_lists_every_variable_of_every_template() {
    let path = root().join(PAGE);
    let text = std::fs::read_to_string(&path).expect("the theme contract page");
    let want = generated();
    let (prose, have) = text.split_once(GENERATED).unwrap_or((&text, ""));
    let have = format!("{GENERATED}{have}");
    if std::env::var_os("THEME_CONTRACT_WRITE").is_some() {
        std::fs::write(&path, format!("{prose}{want}")).expect("write the page");
        return;
    }
    if have.trim_end() != want.trim_end() {
        // Name the first section that differs, and print it as it should read.
        let sections = |s: &str| -> Vec<String> { s.split("\n## ").map(str::to_string).collect() };
        let (a, b) = (sections(&have), sections(&want));
        let at = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x.trim_end() != y.trim_end())
            .unwrap_or(a.len().min(b.len()));
        panic!(
            "{PAGE} and the context structs disagree at section {}:\n--- the page has ---\n{}\n--- the structs say ---\n{}\n(rewrite the generated part with THEME_CONTRACT_WRITE=1 cargo test --test theme_contract, then check the prose above it)",
            at,
            a.get(at).map_or("(nothing)", |s| s.as_str()),
            b.get(at).map_or("(nothing)", |s| s.as_str()),
        );
    }
    assert!(
        prose.contains("title:"),
        "the page keeps its front matter and prose"
    );
}

#[test]
fn every_type_and_variable_has_a_meaning() {
    let mut missing = BTreeSet::new();
    for f in families() {
        let schema = schema_of(&f);
        let defs = &schema["$defs"];
        let root = S { v: &schema, defs };
        for (name, _, meaning) in rows(root, "") {
            if meaning.is_empty() {
                missing.insert(name);
            }
        }
        for (type_name, def) in defs.as_object().into_iter().flatten() {
            for (name, _, meaning) in rows(S { v: def, defs }, "") {
                if meaning.is_empty() {
                    missing.insert(format!("{type_name}.{name}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "give these a doc comment: {missing:?}");
}

// ---- the default theme's templates --------------------------------------------------

fn templates() -> BTreeMap<String, String> {
    let dir = root().join("themes/default/templates");
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let name = e
                .path()
                .strip_prefix(&dir)
                .expect("under")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(name, std::fs::read_to_string(e.path()).expect("read"));
        }
    }
    out
}

#[test]
fn every_template_of_the_default_theme_has_a_family() {
    let listed: BTreeSet<&str> = families()
        .iter()
        .flat_map(|f| f.templates.iter().copied())
        .collect();
    let pages: BTreeSet<String> = templates()
        .into_keys()
        .filter(|n| !n.starts_with("partials/") && n != "base.html")
        .collect();
    let unlisted: Vec<&String> = pages
        .iter()
        .filter(|p| !listed.contains(p.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "templates with no family in render::contract: {unlisted:?}"
    );
    let missing: Vec<&&str> = listed.iter().filter(|t| !pages.contains(**t)).collect();
    assert!(
        missing.is_empty(),
        "families name templates the theme lacks: {missing:?}"
    );
}

/// One piece of a template: text is dropped, expressions and tags kept.
#[derive(Debug, Clone)]
enum Node {
    Expr(String),
    Tag(String),
    Block(String, Vec<Node>),
}

fn tokens(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let (close, is_tag) = match after.chars().next() {
            Some('{') => ("}}", false),
            Some('%') => ("%}", true),
            Some('#') => ("#}", true),
            _ => {
                rest = after;
                continue;
            }
        };
        let body_start = i + 2;
        let Some(end) = rest[body_start..].find(close) else {
            break;
        };
        let inner = rest[body_start..body_start + end]
            .trim_matches('-')
            .trim()
            .to_string();
        if !rest[i + 1..].starts_with('#') {
            out.push((is_tag, inner));
        }
        rest = &rest[body_start + end + 2..];
    }
    out
}

fn parse(text: &str) -> Vec<Node> {
    let mut stack: Vec<(String, Vec<Node>)> = vec![(String::new(), Vec::new())];
    for (is_tag, inner) in tokens(text) {
        if !is_tag {
            stack.last_mut().expect("stack").1.push(Node::Expr(inner));
            continue;
        }
        let word = inner.split_whitespace().next().unwrap_or("");
        match word {
            "block" => {
                let name = inner.split_whitespace().nth(1).unwrap_or("").to_string();
                stack.push((name, Vec::new()));
            }
            "endblock" => {
                let (name, nodes) = stack.pop().expect("block");
                stack
                    .last_mut()
                    .expect("stack")
                    .1
                    .push(Node::Block(name, nodes));
            }
            _ => stack.last_mut().expect("stack").1.push(Node::Tag(inner)),
        }
    }
    stack.pop().expect("root").1
}

fn quoted(tag: &str) -> Option<String> {
    let start = tag.find('"')?;
    let end = tag[start + 1..].find('"')?;
    Some(tag[start + 1..start + 1 + end].to_string())
}

fn blocks(nodes: &[Node], out: &mut BTreeMap<String, Vec<Node>>) {
    for n in nodes {
        if let Node::Block(name, inner) = n {
            out.insert(name.clone(), inner.clone());
            blocks(inner, out);
        }
    }
}

/// The template as it renders: its base with its blocks in place, includes inlined.
fn flatten(name: &str, all: &BTreeMap<String, String>) -> Vec<Node> {
    let own = parse(all.get(name).map_or("", String::as_str));
    let extends = own.iter().find_map(|n| match n {
        Node::Tag(t) if t.starts_with("extends") => quoted(t),
        _ => None,
    });
    let mut overrides = BTreeMap::new();
    blocks(&own, &mut overrides);
    let base = match &extends {
        Some(b) => parse(all.get(b).map_or("", String::as_str)),
        None => own.clone(),
    };
    fn place(
        nodes: &[Node],
        overrides: &BTreeMap<String, Vec<Node>>,
        all: &BTreeMap<String, String>,
        out: &mut Vec<Node>,
    ) {
        for n in nodes {
            match n {
                Node::Block(name, inner) => match overrides.get(name) {
                    Some(o) => place(o, overrides, all, out),
                    None => place(inner, overrides, all, out),
                },
                Node::Tag(t) if t.starts_with("include") => {
                    if let Some(p) = quoted(t) {
                        place(
                            &parse(all.get(&p).map_or("", String::as_str)),
                            overrides,
                            all,
                            out,
                        );
                    }
                }
                Node::Tag(t) if t.starts_with("extends") => {}
                other => out.push(other.clone()),
            }
        }
    }
    let mut out = Vec::new();
    let overrides = if extends.is_some() {
        overrides
    } else {
        BTreeMap::new()
    };
    place(&base, &overrides, all, &mut out);
    out
}

const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None",
];

/// The variable paths an expression reads (`page.role.title`), as segments.
fn paths(expr: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut after_pipe = false;
    let mut after_is = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' {
            let q = c;
            i += 1;
            while i < chars.len() && chars[i] != q {
                i += 1;
            }
            i += 1;
            continue;
        }
        if c == '|' {
            after_pipe = true;
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let next = chars[i..].iter().find(|c| !c.is_whitespace()).copied();
            let next2 = chars[i..]
                .iter()
                .filter(|c| !c.is_whitespace())
                .nth(1)
                .copied();
            let preceded_by_dot = start > 0 && chars[start - 1] == '.';
            let is_call = next == Some('(');
            let is_kwarg = next == Some('=') && next2 != Some('=');
            if after_pipe || after_is {
                after_pipe = false;
                after_is = false;
            } else if word == "is" {
                after_is = true;
            } else if !preceded_by_dot
                && !is_call
                && !is_kwarg
                && !KEYWORDS.contains(&word.as_str())
            {
                out.push(
                    word.trim_end_matches('.')
                        .split('.')
                        .map(str::to_string)
                        .collect(),
                );
            }
            continue;
        }
        if !c.is_whitespace() {
            after_pipe = false;
        }
        i += 1;
    }
    out
}

/// What a name is bound to: a schema, or anything (a literal, a loop counter).
#[derive(Clone, Copy)]
enum Bound<'a> {
    Schema(S<'a>),
    Any,
}

fn lookup<'a>(
    scopes: &[BTreeMap<String, Bound<'a>>],
    root: S<'a>,
    path: &[String],
) -> Result<Bound<'a>, String> {
    let first = &path[0];
    let mut at = match scopes.iter().rev().find_map(|s| s.get(first)) {
        Some(b) => *b,
        None if first == "loop" => return Ok(Bound::Any),
        None => match root.property(first) {
            Some(s) => Bound::Schema(s),
            None => return Err(format!("`{first}` is not in the context")),
        },
    };
    for (k, seg) in path.iter().enumerate().skip(1) {
        at = match at {
            Bound::Any => return Ok(Bound::Any),
            Bound::Schema(s) => {
                if let Some(p) = s.property(seg) {
                    Bound::Schema(p)
                } else if let Some(v) = s.values() {
                    Bound::Schema(v)
                } else {
                    return Err(format!(
                        "`{}` has no field `{seg}` (it is {})",
                        path[..k].join("."),
                        s.type_name()
                    ));
                }
            }
        };
    }
    Ok(at)
}

/// Every variable the flattened template reads that its context lacks.
fn check(name: &str, nodes: &[Node], root: S<'_>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut scopes: Vec<BTreeMap<String, Bound<'_>>> = vec![BTreeMap::new()];
    let read = |expr: &str, scopes: &[BTreeMap<String, Bound<'_>>], problems: &mut Vec<String>| {
        for p in paths(expr) {
            if let Err(e) = lookup(scopes, root, &p) {
                problems.push(format!("{name}: `{}`: {e}", p.join(".")));
            }
        }
    };
    for n in nodes {
        match n {
            Node::Expr(e) => read(e, &scopes, &mut problems),
            Node::Tag(t) => {
                let (word, rest) = t
                    .split_once(char::is_whitespace)
                    .unwrap_or((t.as_str(), ""));
                match word {
                    "for" => {
                        let (vars, iterable) = rest.split_once(" in ").unwrap_or((rest, ""));
                        read(iterable, &scopes, &mut problems);
                        let element = match paths(iterable).as_slice() {
                            [p] if iterable.trim() == p.join(".") => match lookup(&scopes, root, p)
                            {
                                Ok(Bound::Schema(s)) => s.items().map_or(Bound::Any, Bound::Schema),
                                _ => Bound::Any,
                            },
                            _ => Bound::Any,
                        };
                        let mut scope = BTreeMap::new();
                        let vars: Vec<&str> = vars.split(',').map(str::trim).collect();
                        for (k, v) in vars.iter().enumerate() {
                            let bound = if vars.len() == 1 || k == 1 {
                                element
                            } else {
                                Bound::Any
                            };
                            scope.insert(v.to_string(), bound);
                        }
                        scopes.push(scope);
                    }
                    "endfor" => {
                        scopes.pop();
                    }
                    "set" | "set_global" => {
                        let (var, value) = rest.split_once('=').unwrap_or((rest, ""));
                        read(value, &scopes, &mut problems);
                        let bound = match paths(value).as_slice() {
                            [p] if value.trim() == p.join(".") => {
                                lookup(&scopes, root, p).unwrap_or(Bound::Any)
                            }
                            _ => Bound::Any,
                        };
                        if let Some(scope) = scopes.last_mut() {
                            scope.insert(var.trim().to_string(), bound);
                        }
                    }
                    "if" | "elif" => read(rest, &scopes, &mut problems),
                    _ => {}
                }
            }
            Node::Block(..) => {}
        }
    }
    problems
}

#[test]
fn every_variable_a_template_uses_is_in_its_context() {
    let all = templates();
    let mut problems = Vec::new();
    for f in families() {
        let schema = schema_of(&f);
        let root = S {
            v: &schema,
            defs: &schema["$defs"],
        };
        for t in f.templates {
            let nodes = flatten(t, &all);
            assert!(
                !nodes.is_empty(),
                "{t} renders nothing the checker could read"
            );
            problems.extend(check(t, &nodes, root));
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "templates read what their context lacks:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_finds_a_missing_variable() {
    let schema = schema_of(&families()[0]);
    let root = S {
        v: &schema,
        defs: &schema["$defs"],
    };
    let mut all = BTreeMap::new();
    all.insert(
        "t.html".to_string(),
        "{% set r = page.role %}{{ r.title }}{{ r.no_such }}{% for c in r.person_spec %}{{ c.label }}{{ c.nope }}{% endfor %}{{ page.title | upper }}{{ missing }}".to_string(),
    );
    let problems = check("t.html", &flatten("t.html", &all), root);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("r.no_such")));
    assert!(problems.iter().any(|p| p.contains("c.nope")));
    assert!(problems.iter().any(|p| p.contains("`missing`")));
}

#[test]
fn a_site_template_override_is_checked_by_the_build_too() {
    // The static check covers the default theme; a site's own override meets Tera's
    // runtime check, which names the template.
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path();
    std::fs::create_dir_all(site.join("content")).expect("dirs");
    std::fs::create_dir_all(site.join("templates")).expect("dirs");
    std::fs::write(site.join("handbook.yml"), "title: T\n").expect("write");
    std::fs::write(
        site.join("content/_index.md"),
        "---\ntitle: Home\n---\nHi.\n",
    )
    .expect("write");
    std::fs::write(
        site.join("templates/home.html"),
        "{% extends \"base.html\" %}{% block main %}{{ page.not_a_field }}{% endblock main %}",
    )
    .expect("write");
    let outcome = handbook::build(&handbook::BuildOptions::new(Path::new(site)));
    let text = outcome.diagnostics.to_plain_string();
    assert!(
        text.contains("E-template") && text.contains("home.html"),
        "{text}"
    );
}
