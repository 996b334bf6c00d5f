//! Every kind of bad input gives a located diagnostic, all in one run.

mod common;

use handbook::diagnostics::Diagnostic;

fn find<'a>(diags: &'a [Diagnostic], file: &str) -> Vec<&'a Diagnostic> {
    diags
        .iter()
        .filter(|d| d.is_error() && d.file == format!("content/{file}"))
        .collect()
}

fn one<'a>(diags: &'a [Diagnostic], file: &str) -> &'a Diagnostic {
    let found = find(diags, file);
    assert_eq!(
        found.len(),
        1,
        "expected one diagnostic for {file}, got {found:#?}"
    );
    found[0]
}

#[test]
fn every_problem_of_the_corpus_is_reported_with_its_place() {
    let site = common::copy_fixture("errors");
    let outcome = common::build(site.path());
    let d: Vec<Diagnostic> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|x| x.is_error())
        .cloned()
        .collect();
    let d = d.as_slice();
    assert!(!outcome.ok());

    let check = |file: &str, line: usize, column: usize, code: &str, message: &str, hint: &str| {
        let x = one(d, file);
        assert_eq!((x.line, x.column), (line, column), "{file}: {x}");
        assert_eq!(x.code, code, "{file}: {x}");
        assert!(
            x.message.contains(message),
            "{file}: message {:?} lacks {message:?}",
            x.message
        );
        let h = x.hint.as_deref().unwrap_or("");
        assert!(h.contains(hint), "{file}: hint {h:?} lacks {hint:?}");
    };
    check(
        "malformed-yaml.md",
        4,
        6,
        "E-yaml",
        "malformed YAML",
        "indentation",
    );
    check(
        "unclosed.md",
        1,
        1,
        "E-unclosed-front-matter",
        "never closed",
        "`---`",
    );
    check(
        "unknown-key.md",
        3,
        1,
        "E-unknown-field",
        "unknown field `sumary`",
        "did you mean `summary`",
    );
    check(
        "wrong-type.md",
        3,
        9,
        "E-wrong-type",
        "expected a whole number",
        "weight",
    );
    check(
        "roles/bad-enum.md",
        5,
        11,
        "E-bad-value",
        "unknown value `esential`",
        "did you mean `essential`",
    );
    check(
        "bad-date.md",
        3,
        12,
        "E-bad-date",
        "not a valid date",
        "YYYY-MM-DD",
    );
    check(
        "missing-title.md",
        1,
        1,
        "E-missing-field",
        "missing required field `title`",
        "add `title",
    );
    check("not-utf8.md", 2, 11, "E-not-utf8", "not UTF-8", "UTF-8");
    check("empty.md", 1, 1, "E-empty", "empty", "front matter");
    check(
        "wrong-field-for-kind.md",
        3,
        1,
        "E-unknown-field",
        "`salary`",
        "kind: role",
    );

    let dup = one(d, "same-name.md");
    assert_eq!(dup.code, "E-duplicate-page");
    assert!(dup.message.contains("Same-Name.md") && dup.message.contains("same-name.md"));

    let links = find(d, "broken-links.md");
    assert_eq!(links.len(), 3, "{links:#?}");
    assert!(links.iter().any(|x| x.code == "E-broken-ref"
        && x.line == 4
        && x.hint.as_deref().unwrap_or("").contains("`good`")));
    assert!(
        links
            .iter()
            .any(|x| x.code == "E-broken-link" && (x.line, x.column) == (7, 15))
    );
    assert!(links.iter().any(|x| x.message.contains("#unknown-heading")
        && x.hint.as_deref().unwrap_or("").contains("#known-heading")));

    // A BOM and CRLF line endings are accepted.
    assert!(find(d, "bom-crlf.md").is_empty());
    // Nothing else: no cascade of follow-on errors.
    assert_eq!(
        d.len(),
        14,
        "{:#?}",
        d.iter().map(|x| x.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn rendered_diagnostics_show_an_excerpt_with_a_caret() {
    let site = common::copy_fixture("errors");
    let text = common::build(site.path()).diagnostics.to_plain_string();
    assert!(text.contains("┌─ content/unknown-key.md:3:1"), "{text}");
    assert!(text.contains("sumary: typo"), "{text}");
    assert!(text.contains("^^^^^^"), "{text}");
    assert!(text.contains("did you mean `summary`?"), "{text}");
}

#[test]
fn a_bad_config_is_located() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "handbook.yml", "title: X\nthem: dark\n");
    common::write(dir.path(), "content/_index.md", "---\ntitle: Home\n---\n");
    let outcome = common::build(dir.path());
    let d = &outcome.diagnostics.items()[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.code),
        ("handbook.yml", 2, "E-unknown-field")
    );
    assert!(d.hint.as_deref().unwrap().contains("did you mean `theme`"));
}

#[test]
fn broken_references_in_front_matter_point_at_the_list_entry() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "handbook.yml", "title: X\n");
    common::write(
        dir.path(),
        "content/frameworks/f.md",
        "---\ntitle: F\nitems:\n  - id: making-decisions\n    name: Making decisions\n---\n",
    );
    common::write(
        dir.path(),
        "content/roles/r.md",
        "---\ntitle: R\ncompetencies:\n  - frameworks/f#making-decisions\n  - frameworks/f#making-decision\n  - frameworks/f\nprofessional_bodies: [frameworks/f#making-decisions]\n---\n",
    );
    let outcome = common::build(dir.path());
    let d: Vec<_> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.line,
                d.column,
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(
        d.iter()
            .any(|x| x.0 == 5 && x.1 == 5 && x.3.contains("#making-decisions")),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|x| x.0 == 6 && x.2.contains("needs an item of a framework page")),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|x| x.0 == 7 && x.2.contains("needs a glossary term")),
        "{d:#?}"
    );
}
