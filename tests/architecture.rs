//! The layering of `src/`, stated once and checked: every module may use only modules
//! below it. A `use crate::...`, a `crate::...` path or a `super::...` path that reaches a
//! module above the one it is written in fails this test, and so does a module this list
//! does not place, so the order of the pipeline stays the order of the code.
//!
//! Within one parent, its children are ordered too; a child may always use its parent (the
//! items `mod.rs` defines) and a parent its children.

use std::collections::BTreeMap;
use std::path::Path;

/// Each parent module, with its children from the bottom layer up. The crate's own
/// children are the pipeline's stages in order, with the shared pieces they build on
/// below them and the commands that run them above.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "diagnostics",
            "html",
            "yaml",
            "load",
            "config",
            "urls",
            "abbreviations",
            "highlight",
            "markdown",
            // the stages
            "parse",
            "theme",
            "link",
            "model",
            "validate",
            "plan",
            "render",
            "index",
            "write",
            // what runs them
            "pipeline",
            "report",
            "scaffold",
            "import",
            "incremental",
            "serve",
            "fuzzing",
            "lib",
            "main",
        ],
    ),
    ("yaml", &["locate"]),
    ("markdown", &["ids", "leftovers", "html", "scan", "render"]),
    ("parse", &["kinds", "plain", "publish"]),
    (
        "link",
        &["settings", "sections", "checks", "body", "resolution_tests"],
    ),
    (
        "import",
        &["mapping", "mdbook", "hugo", "jekyll", "zola", "jd"],
    ),
    (
        "import::jd",
        &["extract", "text", "read", "repeat", "infer"],
    ),
    (
        "model",
        &["labels", "taxonomy", "roles", "recruiting", "coverage"],
    ),
    ("validate", &["training"]),
    ("plan", &["urls", "check"]),
    (
        "render",
        &[
            "reflective",
            "navigation",
            "context",
            "redirect",
            "items",
            "taxonomy",
            "training",
            "search",
            "graph",
            "recruiting",
            "contract",
        ],
    ),
    ("render::context", &["role", "page"]),
    (
        "render::recruiting",
        &["checklist", "compare", "pathway", "matrix", "exports"],
    ),
    ("index", &["tokenize", "documents", "shards", "cache"]),
    ("report", &["table", "coverage", "review"]),
    ("incremental", &["sources", "changes"]),
    ("serve", &["path", "reload", "overlay", "http", "watch"]),
];

/// `src/a/b.rs` and `src/a/b/mod.rs` as `a::b`; `src/lib.rs` as `lib`.
fn module_of(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs");
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    rel.replace('/', "::")
}

fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "rs") {
            let rel = entry
                .path()
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(entry.path()).expect("read");
            out.insert(module_of(&rel), text);
        }
    }
    out
}

/// The code of a file that the build compiles outside tests: up to its test module, with
/// comments and string literals blanked (they often name modules in prose).
fn code(text: &str) -> String {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    let mut out = String::with_capacity(end);
    for line in text[..end].lines() {
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut in_string = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_string = !in_string;
                out.push(' ');
            } else {
                out.push(if in_string { ' ' } else { c });
            }
            prev = c;
        }
        out.push('\n');
    }
    out
}

/// Every module path a file's code names: `crate::a::b::c` and `super::x` (relative to
/// `module`), each resolved to the longest known module it starts with.
fn uses(module: &str, code: &str, known: &BTreeMap<String, String>) -> Vec<String> {
    let resolve = |segments: &[String]| -> Option<String> {
        (1..=segments.len())
            .rev()
            .map(|n| segments[..n].join("::"))
            .find(|m| known.contains_key(m))
    };
    let parent_of = |m: &str| -> Vec<String> {
        let mut parts: Vec<String> = m.split("::").map(str::to_string).collect();
        if matches!(m, "lib" | "main") {
            parts.clear();
        } else {
            parts.pop();
        }
        parts
    };
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for (start, prefix) in code
        .match_indices("crate::")
        .map(|(i, _)| (i, "crate"))
        .chain(code.match_indices("super::").map(|(i, _)| (i, "super")))
    {
        // Not part of a longer identifier (`my_crate::`).
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        let rest = &code[start + prefix.len() + 2..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut segments: Vec<String> = if prefix == "crate" {
            Vec::new()
        } else {
            parent_of(module)
        };
        let mut parts: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        while parts.first() == Some(&"super") {
            segments.pop();
            parts.remove(0);
        }
        segments.extend(parts.iter().map(|s| s.to_string()));
        // `use super::{a, b}`: each name may be a sibling module.
        let after = &rest[path.len()..];
        if path.ends_with("::") || after.starts_with('{') {
            let group: String = after
                .trim_start_matches('{')
                .chars()
                .take_while(|c| *c != '}')
                .collect();
            for name in group.split(',') {
                let name = name.trim().split("::").next().unwrap_or("").trim();
                let mut with = segments.clone();
                with.push(name.to_string());
                if let Some(m) = resolve(&with) {
                    out.push(m);
                }
            }
        }
        if let Some(m) = resolve(&segments) {
            out.push(m);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Why `from` may not use `to`, if it may not.
fn forbidden(from: &str, to: &str) -> Option<String> {
    if from == to {
        return None;
    }
    let a: Vec<&str> = if matches!(from, "lib" | "main") {
        vec![from]
    } else {
        from.split("::").collect()
    };
    let b: Vec<&str> = to.split("::").collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // A module may use its ancestors and its descendants.
    if common == a.len() || common == b.len() {
        return None;
    }
    let parent = a[..common].join("::");
    let order = LAYERS
        .iter()
        .find(|(p, _)| *p == parent)
        .map(|(_, o)| *o)
        .unwrap_or(&[]);
    let rank = |name: &str| order.iter().position(|x| *x == name);
    match (rank(a[common]), rank(b[common])) {
        (Some(x), Some(y)) if x > y => None,
        (Some(_), Some(_)) => Some(format!(
            "`{from}` uses `{to}`, but `{}` is not below `{}` in the layers of {}",
            b[common],
            a[common],
            if parent.is_empty() {
                "the crate".to_string()
            } else {
                format!("`{parent}`")
            }
        )),
        _ => Some(format!(
            "`{}` or `{}` has no place in the layers of `{}`: add it to LAYERS in tests/architecture.rs",
            a[common],
            b[common],
            if parent.is_empty() {
                "the crate"
            } else {
                &parent
            }
        )),
    }
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&src);
    let mut problems = Vec::new();
    for (module, text) in &known {
        for used in uses(module, &code(text), &known) {
            if let Some(why) = forbidden(module, &used) {
                problems.push(why);
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_module_has_a_place_in_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for module in modules(&src).keys() {
        let (parent, name) = match module.rsplit_once("::") {
            Some((p, n)) => (p, n),
            None => ("", module.as_str()),
        };
        let placed = LAYERS
            .iter()
            .any(|(p, children)| *p == parent && children.contains(&name));
        if !placed {
            missing.push(module.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "modules with no place in LAYERS (tests/architecture.rs): {missing:?}"
    );
}

#[test]
fn the_checker_sees_a_backward_import() {
    // A stage that used a later one, as `render::training` once used `report::coverage`.
    assert!(forbidden("render::training", "report::coverage").is_some());
    assert!(forbidden("plan::check", "write").is_some());
    // Siblings in order, a parent and its child, a child and its parent.
    assert!(forbidden("render", "plan").is_none());
    assert!(forbidden("render::recruiting::compare", "render::context").is_none());
    assert!(forbidden("render::context", "render::recruiting").is_some());
    assert!(forbidden("render::context::page", "render::context").is_none());
    assert!(forbidden("render", "render::context").is_none());
    let known: BTreeMap<String, String> =
        ["render", "render::context", "render::context::role", "plan"]
            .iter()
            .map(|m| (m.to_string(), String::new()))
            .collect();
    assert_eq!(
        uses(
            "render::context::page",
            "use super::role::{Role, role};\nuse super::{Head, page_link};\nuse crate::plan::{Sheet, urls};\n",
            &known
        ),
        ["plan", "render::context", "render::context::role"]
    );
}
