//! The author's guide (content/authoring/) checked against the program, so the guide can
//! never drift from the code:
//!
//! - format-reference.md: every field table, kind by kind and for each nested object and
//!   handbook.yml, lists exactly the fields the parser accepts, and each row's example,
//!   "required", default, type and allowed values are what the parser does;
//! - errors.md: every diagnostic code the source emits has a section, and no other.
//!
//! (command-line.md is checked by `command_line.rs`, the tutorial by `tutorial.rs`.)
//!
//! The tables are parsed with the same Markdown parser the build uses. Their format is
//! fixed: a `##` heading with an explicit id (`## role {#role}`), then a table whose header
//! is `| Field | Type | Default | Example | Meaning |`, one row per field, the field name in
//! backticks, the example one `field: value` line of YAML in backticks.

mod guide;

use std::collections::{BTreeMap, BTreeSet};

use guide::{Cell, Section, guide, repo, sections};
use handbook::config::Config;
use handbook::parse::kinds::{
    Common, Criterion, GlossaryFields, Item, Kind, ModuleFields, ProgrammeFields, RoleFields,
    Session, SourceDocument, Term,
};
use handbook::yaml::field_names;
use pulldown_cmark::HeadingLevel;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

const HEADER: [&str; 5] = ["Field", "Type", "Default", "Example", "Meaning"];

/// The nested objects, by the section id their tables live under.
const NESTED: [&str; 7] = [
    "item",
    "criterion",
    "source",
    "session",
    "term",
    "contact",
    "search",
];

/// One documented field.
struct Row {
    field: String,
    ty: Cell,
    default: Cell,
    example: Yaml,
}

/// The field table of a section, or `None` (with a problem) when it has none.
fn field_table(
    id: &str,
    sections: &BTreeMap<String, Section>,
    problems: &mut Vec<String>,
) -> Option<Vec<Row>> {
    let Some(section) = sections.get(id) else {
        problems.push(format!("format-reference.md has no section `{{#{id}}}`"));
        return None;
    };
    let tables: Vec<&Vec<Vec<Cell>>> = section
        .tables
        .iter()
        .filter(|t| {
            t.first()
                .is_some_and(|h| h.iter().map(|c| c.text.trim()).eq(HEADER))
        })
        .collect();
    let [table] = tables.as_slice() else {
        problems.push(format!(
            "#{id}: expected one table headed {HEADER:?}, found {}",
            tables.len()
        ));
        return None;
    };
    let mut rows = Vec::new();
    for cells in table.iter().skip(1) {
        let [name, ty, default, example, _] = cells.as_slice() else {
            problems.push(format!(
                "#{id}: a row has {} cells instead of 5",
                cells.len()
            ));
            continue;
        };
        let [field] = name.code.as_slice() else {
            problems.push(format!(
                "#{id}: the Field cell `{}` must hold one name in backticks",
                name.text
            ));
            continue;
        };
        let example = match example.code.as_slice() {
            [yaml] => match serde_yaml::from_str::<Yaml>(yaml) {
                Ok(Yaml::Mapping(m)) if m.len() == 1 && m.contains_key(field.as_str()) => {
                    m[field.as_str()].clone()
                }
                _ => {
                    problems.push(format!(
                        "#{id}.{field}: the example `{yaml}` must be one line `{field}: value`"
                    ));
                    continue;
                }
            },
            _ => {
                problems.push(format!(
                    "#{id}.{field}: the Example cell must hold one `{field}: value` in backticks"
                ));
                continue;
            }
        };
        rows.push(Row {
            field: field.clone(),
            ty: ty.clone(),
            default: default.clone(),
            example,
        });
    }
    Some(rows)
}

fn mapping(rows: &[Row], keep: impl Fn(&Row) -> bool) -> Mapping {
    rows.iter()
        .filter(|r| keep(r))
        .map(|r| (Yaml::String(r.field.clone()), r.example.clone()))
        .collect()
}

fn is_required(r: &Row) -> bool {
    r.default.text.trim() == "required"
}

/// Checks one documented object against the struct the parser types it as.
fn check_object<T: DeserializeOwned + Serialize>(
    id: &str,
    sections: &BTreeMap<String, Section>,
    problems: &mut Vec<String>,
) {
    let Some(rows) = field_table(id, sections, problems) else {
        return;
    };
    let accepted: BTreeSet<&str> = field_names::<T>().iter().copied().collect();
    let documented: BTreeSet<&str> = rows.iter().map(|r| r.field.as_str()).collect();
    if documented.len() != rows.len() {
        problems.push(format!("#{id}: a field is listed twice"));
    }
    for f in accepted.difference(&documented) {
        problems.push(format!(
            "#{id}: the parser accepts `{f}`, but format-reference.md does not list it"
        ));
    }
    for f in documented.difference(&accepted) {
        problems.push(format!(
            "#{id}: format-reference.md lists `{f}`, but the parser does not accept it"
        ));
    }

    // Every example together makes a valid object.
    let full = match serde_yaml::from_value::<T>(Yaml::Mapping(mapping(&rows, |_| true))) {
        Ok(t) => serde_json::to_value(&t).unwrap_or(Json::Null),
        Err(e) => {
            problems.push(format!(
                "#{id}: the examples together are rejected by the parser: {e}"
            ));
            return;
        }
    };
    // "required" is exactly the fields whose absence the parser refuses.
    for r in &rows {
        let without = mapping(&rows, |o| o.field != r.field);
        match (
            serde_yaml::from_value::<T>(Yaml::Mapping(without)),
            is_required(r),
        ) {
            (Ok(_), true) => problems.push(format!(
                "#{id}.{}: documented as required, but the parser accepts a {id} without it",
                r.field
            )),
            (Err(e), false) => problems.push(format!(
                "#{id}.{}: documented with a default, but leaving it out fails: {e}",
                r.field
            )),
            _ => {}
        }
    }
    // Defaults: what an object with only its required fields holds.
    match serde_yaml::from_value::<T>(Yaml::Mapping(mapping(&rows, is_required))) {
        Ok(t) => {
            let minimal = serde_json::to_value(&t).unwrap_or(Json::Null);
            for r in rows.iter().filter(|r| !is_required(r)) {
                let got = minimal.get(&r.field).cloned().unwrap_or(Json::Null);
                let text = r.default.text.trim();
                let want = if text.starts_with("none") {
                    Json::Null
                } else if text.starts_with("empty list") {
                    Json::Array(Vec::new())
                } else if let Some(literal) = r.default.code.first() {
                    serde_yaml::from_str::<Json>(literal).unwrap_or(Json::Null)
                } else {
                    problems.push(format!("#{id}.{}: the default `{text}` must be `required`, `none`, `empty list` or a value in backticks", r.field));
                    continue;
                };
                if got != want {
                    problems.push(format!(
                        "#{id}.{}: documented default `{text}`, but the parser gives {got}",
                        r.field
                    ));
                }
            }
        }
        Err(e) => problems.push(format!(
            "#{id}: an object with only the required fields is rejected: {e}"
        )),
    }
    for r in &rows {
        check_type(id, r, full.get(&r.field).unwrap_or(&Json::Null), problems);
        check_allowed_values::<T>(id, r, &rows, problems);
    }
}

/// The Type cell names the shape the example has once typed.
fn check_type(id: &str, r: &Row, typed: &Json, problems: &mut Vec<String>) {
    let ty = r.ty.text.trim();
    let links_nested =
        r.ty.links
            .iter()
            .any(|l| NESTED.iter().any(|n| l == &format!("#{n}")));
    let ok = match typed {
        Json::String(s) if ty.starts_with("date") => {
            handbook::parse::kinds::Date::parse(s).is_some()
        }
        Json::String(_) => ["text", "reference", "one of"]
            .iter()
            .any(|w| ty.starts_with(w)),
        Json::Bool(_) => ty.starts_with("true or false"),
        Json::Number(n) if n.is_f64() => ty.starts_with("number"),
        Json::Number(_) => ty.starts_with("whole number"),
        Json::Array(a) if a.iter().any(Json::is_object) => ty.starts_with("list") && links_nested,
        Json::Array(_) => ty.starts_with("list"),
        // A free-form mapping (`extra`) has no section of its own.
        Json::Object(_) => links_nested || ty.starts_with("a mapping"),
        Json::Null => false,
    };
    if !ok {
        problems.push(format!(
            "#{id}.{}: the type `{ty}` does not match the example, which the parser reads as {typed}; \
             objects must link to their section (#item, #criterion, #source, #session, #term)",
            r.field
        ));
    }
}

/// "one of `a`, `b`" lists exactly the values the parser allows.
fn check_allowed_values<T: DeserializeOwned>(
    id: &str,
    r: &Row,
    rows: &[Row],
    problems: &mut Vec<String>,
) {
    if !r.ty.text.contains("one of") {
        return;
    }
    let documented: BTreeSet<String> = r.ty.code.iter().cloned().collect();
    let allowed: BTreeSet<String> = if id == "common" && r.field == "kind" {
        // `kind` is text to serde and checked against the kinds afterwards.
        Kind::ALL.iter().map(|k| k.name().to_string()).collect()
    } else {
        let bogus = Yaml::String("no-such-value".into());
        let value = if r.ty.text.starts_with("list") {
            Yaml::Sequence(vec![bogus])
        } else {
            bogus
        };
        let mut map = mapping(rows, |_| true);
        map.insert(Yaml::String(r.field.clone()), value);
        match serde_yaml::from_value::<T>(Yaml::Mapping(map)) {
            Ok(_) => {
                problems.push(format!(
                    "#{id}.{}: documented as `one of`, but the parser accepts any value",
                    r.field
                ));
                return;
            }
            Err(e) => e
                .to_string()
                .split_once(", expected ")
                .map(|(_, names)| {
                    names
                        .split('`')
                        .skip(1)
                        .step_by(2)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        }
    };
    if documented != allowed {
        problems.push(format!(
            "#{id}.{}: documents the values {documented:?}, the parser allows {allowed:?}",
            r.field
        ));
    }
}

#[test]
fn the_format_reference_lists_exactly_the_fields_the_parser_accepts() {
    let sections = sections(&guide("format-reference.md"), HeadingLevel::H2);
    let mut problems = Vec::new();
    check_object::<Common>("common", &sections, &mut problems);
    check_object::<Item>("item", &sections, &mut problems);
    check_object::<Criterion>("criterion", &sections, &mut problems);
    check_object::<SourceDocument>("source", &sections, &mut problems);
    check_object::<Session>("session", &sections, &mut problems);
    check_object::<Term>("term", &sections, &mut problems);
    check_object::<Config>("handbook-yml", &sections, &mut problems);
    check_object::<handbook::config::Contact>("contact", &sections, &mut problems);
    check_object::<handbook::config::SearchSettings>("search", &sections, &mut problems);
    for kind in Kind::ALL {
        let name = kind.name();
        let own = kind.own_fields();
        let checked: Option<&[&str]> = match kind {
            Kind::Role => Some(field_names::<RoleFields>()),
            Kind::Module => Some(field_names::<ModuleFields>()),
            Kind::Programme => Some(field_names::<ProgrammeFields>()),
            Kind::Glossary => Some(field_names::<GlossaryFields>()),
            _ => None,
        };
        match kind {
            Kind::Role => check_object::<RoleFields>(name, &sections, &mut problems),
            Kind::Module => check_object::<ModuleFields>(name, &sections, &mut problems),
            Kind::Programme => check_object::<ProgrammeFields>(name, &sections, &mut problems),
            Kind::Glossary => check_object::<GlossaryFields>(name, &sections, &mut problems),
            _ => match sections.get(name) {
                None => problems.push(format!(
                    "format-reference.md has no section `{{#{name}}}` for the kind `{name}`"
                )),
                Some(s) if !s.tables.is_empty() => problems.push(format!(
                    "#{name}: the kind has no fields of its own, so its section must have no table"
                )),
                Some(_) => {}
            },
        }
        if checked.unwrap_or(&[]) != own {
            problems.push(format!(
                "kind `{name}` accepts {own:?}; teach this test which struct holds them and document them under #{name}"
            ));
        }
    }
    // Every nested object a field links to is one this test checks.
    for (id, s) in &sections {
        for cell in s.tables.iter().flatten().flatten() {
            for link in cell.links.iter().filter_map(|l| l.strip_prefix('#')) {
                if !sections.contains_key(link) {
                    problems.push(format!(
                        "#{id}: links to #{link}, which is not a section of the page"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "content/authoring/format-reference.md has drifted from the code:\n- {}",
        problems.join("\n- ")
    );
}

/// Every `"E-..."` and `"W-..."` string literal under src/.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read source");
        // Unit tests (at the end of a module, by convention) may invent codes.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for prefix in ["\"E-", "\"W-"] {
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + 1..];
                let len = 2 + rest[2..]
                    .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .unwrap_or(0);
                if rest[len..].starts_with('"') && len > 2 {
                    codes.insert(rest[..len].to_string());
                }
            }
        }
    }
    codes
}

#[test]
fn every_diagnostic_code_is_explained_in_errors_md() {
    let emitted = codes_in_source();
    assert!(
        emitted.contains("E-yaml") && emitted.contains("W-orphan"),
        "{emitted:?}"
    );
    let sections = sections(&guide("errors.md"), HeadingLevel::H3);
    let documented: BTreeSet<String> = sections
        .keys()
        .filter(|k| k.starts_with("e-") || k.starts_with("w-"))
        .map(|k| k[..1].to_uppercase() + &k[1..])
        .collect();
    let mut problems = Vec::new();
    for code in emitted.difference(&documented) {
        problems.push(format!(
            "{code} is emitted by src/ but has no `### {code}` section"
        ));
    }
    for code in documented.difference(&emitted) {
        problems.push(format!(
            "{code} has a section, but nothing in src/ emits it"
        ));
    }
    for code in emitted.intersection(&documented) {
        let severity = if code.starts_with('E') {
            "error"
        } else {
            "warning"
        };
        let example = format!("{severity}[{code}]");
        let s = &sections[&code.to_lowercase()];
        if !s.code_blocks.iter().any(|b| b.contains(&example)) {
            problems.push(format!(
                "### {code} needs an example message, a code block containing `{example}`"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "content/authoring/errors.md has drifted from the code:\n- {}",
        problems.join("\n- ")
    );
}

#[test]
fn the_guide_is_linked_from_the_home_page_and_links_every_page_of_its_section() {
    let home = std::fs::read_to_string(repo().join("content/_index.md")).expect("home page");
    assert!(
        home.contains("(authoring/_index.md)"),
        "the home page must link to the authoring section"
    );
    let index = guide("_index.md");
    for entry in std::fs::read_dir(repo().join("content/authoring")).expect("authoring folder") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".md") && name != "_index.md" {
            assert!(
                index.contains(&format!("]({name})")),
                "authoring/_index.md must link to {name}"
            );
        }
    }
}
