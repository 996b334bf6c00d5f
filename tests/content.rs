//! The bundled handbook (content/) is the product's demo and its largest test: it must
//! build with no errors or warnings, and carry every requirement of its source documents.

mod common;

use std::path::Path;

use handbook::parse::kinds::{Assessment, Category, Need};
use handbook::parse::{Page, parse_all};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<Page> {
    let (sources, d) = handbook::load::load(repo(), &repo().join("content"));
    assert!(d.is_empty(), "{}", d.to_plain_string());
    let (pages, d) = parse_all(sources);
    assert!(d.is_empty(), "{}", d.to_plain_string());
    pages
}

fn role<'a>(pages: &'a [Page], key: &str) -> &'a handbook::parse::kinds::RoleFields {
    pages
        .iter()
        .find(|p| p.key == key)
        .and_then(|p| p.role())
        .unwrap_or_else(|| panic!("no role {key}"))
}

#[test]
fn the_bundled_handbook_builds_with_no_errors_and_no_warnings() {
    let mut options = handbook::BuildOptions::new(repo());
    options.write = false;
    let outcome = handbook::build(&options);
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    assert!(outcome.pages > 40);
}

/// Criteria counts, taken by hand from each source's person specification.
#[test]
fn each_role_has_every_criterion_of_its_source() {
    let pages = pages();
    let expected = [
        // 000: the 33 numbered rows of the person-specification table.
        ("roles/compass-psychotherapist", 33),
        // 001: 3 minimum-eligibility bullets, 6 essential skills/qualifications, 6 competencies (3, 4, 5, 6, 9, 12).
        ("roles/dtc-head-of-psychotherapy", 15),
        // 002: 7 behaviours, strengths, essential experience, 2 technical, ability, 3 minimum eligibility.
        ("roles/dtc-lead-core-creative-psychotherapist", 15),
        // 003: 5 competencies (3, 4, 5, 6, 14), 3 minimum eligibility, 4 essential skills/qualifications.
        ("roles/dtc-group-psychotherapist", 12),
        // 004: 21 table attributes plus the enhanced DBS check and the co-operative values commitment.
        ("roles/therapeutic-support-practitioner", 23),
    ];
    let roles: Vec<&Page> = pages.iter().filter(|p| p.role().is_some()).collect();
    assert_eq!(
        roles.len(),
        expected.len(),
        "one page per source job description"
    );
    for (key, count) in expected {
        assert_eq!(role(&pages, key).person_spec.len(), count, "{key}");
    }
}

#[test]
fn compass_criteria_are_unspecified_and_the_page_says_so() {
    let pages = pages();
    let r = role(&pages, "roles/compass-psychotherapist");
    assert!(r.person_spec.iter().all(|c| c.need == Need::Unspecified));
    let site = common::copy_fixture_dir(repo());
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let html = common::read(
        &site.path().join("public"),
        "roles/compass-psychotherapist.html",
    );
    // Said once, above the tables, not in each of the 33 rows.
    assert_eq!(
        html.matches("leaves its Essential and Desirable columns empty")
            .count(),
        1
    );
    assert!(!html.contains("<th scope=\"col\">Need</th>") && !html.contains("Not stated"));
}

#[test]
fn coop_practitioner_keeps_its_desirable_mark_and_assessment_marks() {
    let pages = pages();
    let r = role(&pages, "roles/therapeutic-support-practitioner");
    assert!(r.person_spec.iter().any(|c| c.need == Need::Desirable));
    let by = |a: Assessment| {
        r.person_spec
            .iter()
            .filter(|c| c.assessed_by.contains(&a))
            .count()
    };
    assert!(by(Assessment::Application) >= 3, "A marks");
    assert!(by(Assessment::Interview) >= 7, "I marks");
}

#[test]
fn prison_roles_carry_eligibility_and_essential_requirements() {
    let pages = pages();
    for key in [
        "roles/dtc-head-of-psychotherapy",
        "roles/dtc-lead-core-creative-psychotherapist",
        "roles/dtc-group-psychotherapist",
    ] {
        let r = role(&pages, key);
        let eligibility = r
            .person_spec
            .iter()
            .filter(|c| c.category == Some(Category::Eligibility))
            .count();
        assert!(eligibility >= 3, "{key}: minimum eligibility");
        assert!(
            r.person_spec.iter().any(|c| c.need == Need::Essential),
            "{key}: essentials"
        );
        assert!(!r.competencies.is_empty(), "{key}: competencies");
        assert!(
            !r.professional_bodies.is_empty(),
            "{key}: professional bodies"
        );
    }
    // The Band 8 role carries every Success Profile element.
    let r = role(&pages, "roles/dtc-lead-core-creative-psychotherapist");
    for element in [
        "ability",
        "behaviours",
        "strengths",
        "experience",
        "technical",
    ] {
        let target = format!("frameworks/success-profiles#{element}");
        assert!(
            r.person_spec.iter().any(|c| c.refs.contains(&target)),
            "Band 8 lacks the {element} element"
        );
    }
}

#[test]
fn frameworks_ethos_guidance_training_and_glossary_are_complete() {
    let pages = pages();
    let items = |key: &str| {
        pages
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.common.items.len())
            .unwrap_or(0)
    };
    assert_eq!(items("frameworks/cscf-2012"), 10);
    assert_eq!(
        items("frameworks/success-profiles"),
        14,
        "5 elements and 9 behaviours"
    );
    assert_eq!(items("ethos/reach"), 5);
    assert_eq!(items("ethos/compass-values"), 3);
    assert_eq!(items("ethos/rapoport-principles"), 4);
    assert_eq!(items("ethos/enabling-environments"), 10);
    assert_eq!(
        items("ethos/community-of-communities"),
        25,
        "10 core values and 15 core standards"
    );
    let count =
        |kind: handbook::parse::kinds::Kind| pages.iter().filter(|p| p.kind == kind).count();
    assert!(count(handbook::parse::kinds::Kind::Programme) >= 2);
    assert!(count(handbook::parse::kinds::Kind::Module) >= 8);
    for p in pages.iter().filter_map(|p| p.module()) {
        let total: u32 = p.sessions.iter().map(|s| s.minutes).sum();
        assert_eq!(Some(total), p.duration_minutes, "session plan adds up");
        assert!(
            !p.outcomes.is_empty()
                && !p.prompts.is_empty()
                && !p.develops.is_empty()
                && !p.audience.is_empty()
        );
    }
    let glossary = pages.iter().find_map(|p| p.glossary()).expect("glossary");
    for abbr in [
        "MAPPA", "ACCT", "OMU", "TAC", "DBS", "UKCP", "HCPC", "BACP", "NOMS", "DTC",
    ] {
        assert!(
            glossary
                .terms
                .iter()
                .any(|t| t.abbreviation.as_deref() == Some(abbr) && t.definition.is_some()),
            "glossary lacks {abbr}"
        );
    }
}

/// Counts the top-level list items (`- ` or `1. `) under a heading of a role page, up to the
/// next heading of the same or a higher level.
fn items_under(key: &str, heading: &str) -> usize {
    let path = repo().join("content").join(format!("{key}.md"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{key}: {e}"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let mut lines = text.lines().skip_while(|l| l.trim_end() != heading);
    assert!(lines.next().is_some(), "{key}: no heading {heading}");
    lines
        .take_while(|l| {
            let hashes = l.chars().take_while(|c| *c == '#').count();
            !(hashes > 0 && hashes <= level && l[hashes..].starts_with(' '))
        })
        .filter(|l| {
            l.starts_with("- ")
                || l.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count()
}

/// Every duty bullet of each source, grouped as the source groups it. Counts taken by hand
/// from tests/fixtures/sources/seeds, copies of ../shared/seeds (line numbers in the comments).
#[test]
fn each_role_has_every_duty_of_its_source_in_its_groups() {
    let expected = [
        // 000: professional standards l.17-25, key responsibilities l.28-30, ethos of therapy
        // l.33-35, format of therapy l.38-41, other responsibilities l.44-54 (8 numbered + 3).
        (
            "roles/compass-psychotherapist",
            "## Professional standards for all Compass employees",
            9,
        ),
        (
            "roles/compass-psychotherapist",
            "## Key responsibilities",
            3,
        ),
        ("roles/compass-psychotherapist", "## Ethos of therapy", 3),
        ("roles/compass-psychotherapist", "## Format of therapy", 4),
        (
            "roles/compass-psychotherapist",
            "## Other responsibilities",
            11,
        ),
        // 001 l.35-41: 19 establishment-wide duties, then 34 for the one TC it manages.
        (
            "roles/dtc-head-of-psychotherapy",
            "### Establishment-wide Head of Psychotherapy role",
            19,
        ),
        (
            "roles/dtc-head-of-psychotherapy",
            "### Direct therapeutic management of one TC",
            34,
        ),
        // 002 l.75-167 and 003 l.85-175: one list each.
        (
            "roles/dtc-lead-core-creative-psychotherapist",
            "## Responsibilities, activities and duties",
            34,
        ),
        (
            "roles/dtc-group-psychotherapist",
            "## Responsibilities, activities and duties",
            28,
        ),
        // 004: key accountabilities l.24-65, other duties l.69-76, CPD l.80-88.
        (
            "roles/therapeutic-support-practitioner",
            "## Key accountabilities",
            16,
        ),
        (
            "roles/therapeutic-support-practitioner",
            "## Other duties",
            3,
        ),
        (
            "roles/therapeutic-support-practitioner",
            "## Continuing Professional Development",
            3,
        ),
    ];
    for (key, heading, count) in expected {
        assert_eq!(items_under(key, heading), count, "{key}: {heading}");
    }
}

/// Each criterion's category, need and assessment as the source gives them: counted by
/// (category, need, assessed_by).
#[test]
fn criteria_keep_their_sources_need_and_assessment() {
    use Assessment::{Application as A, Interview as I};
    use Category::*;
    use Need::*;
    let pages = pages();
    let tally = |key: &str| {
        let mut t = std::collections::BTreeMap::<String, usize>::new();
        for c in &role(&pages, key).person_spec {
            let k = format!("{:?}/{:?}/{:?}", c.category, c.need, c.assessed_by);
            *t.entry(k).or_default() += 1;
        }
        t
    };
    let expect = |rows: &[(Category, Need, &[Assessment], usize)]| {
        rows.iter()
            .map(|(c, n, a, k)| (format!("{:?}/{:?}/{:?}", Some(*c), n, a.to_vec()), *k))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    // 004 l.94-160: qualifications marked Desirable and A; experience A/I; skills and
    // personal qualities I; l.162-165: the DBS check and co-operative values, unassessed.
    assert_eq!(
        tally("roles/therapeutic-support-practitioner"),
        expect(&[
            (Qualifications, Desirable, &[A], 3),
            (Experience, Essential, &[A, I], 7),
            (KnowledgeAndSkills, Essential, &[I], 7),
            (PersonalQualities, Essential, &[I], 4),
            (Eligibility, Essential, &[], 1),
            (Behaviours, Essential, &[], 1),
        ])
    );
    // 000 l.56-190: no mark in either column and no assessment for any of the 33 rows.
    let compass = role(&pages, "roles/compass-psychotherapist");
    assert!(
        compass
            .person_spec
            .iter()
            .all(|c| c.need == Unspecified && c.assessed_by.is_empty())
    );
    // 001 l.44-47, 003 l.183-213: minimum eligibility, essential skills, measured competencies.
    for (key, essentials, numbers) in [
        (
            "roles/dtc-head-of-psychotherapy",
            6,
            &[3, 4, 5, 6, 9, 12][..],
        ),
        ("roles/dtc-group-psychotherapist", 4, &[3, 4, 5, 6, 14][..]),
    ] {
        let r = role(&pages, key);
        let count = |cat: Category, need: Need| {
            r.person_spec
                .iter()
                .filter(|c| c.category == Some(cat) && c.need == need)
                .count()
        };
        assert_eq!(count(Eligibility, Essential), 3, "{key}");
        let essential_skills = r
            .person_spec
            .iter()
            .filter(|c| c.category != Some(Eligibility) && c.need == Essential)
            .count();
        assert_eq!(essential_skills, essentials, "{key}");
        assert_eq!(count(Behaviours, Unspecified), numbers.len(), "{key}");
        let measured: Vec<String> = r
            .person_spec
            .iter()
            .filter(|c| c.category == Some(Behaviours))
            .map(|c| c.text.split('.').next().unwrap_or_default().to_string())
            .collect();
        let numbers: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
        assert_eq!(measured, numbers, "{key}: competency numbers");
        assert!(
            r.person_spec.iter().all(|c| c.assessed_by.is_empty()),
            "{key}"
        );
    }
    // 002 l.173-205: 7 behaviours, strengths, technical (2) and ability unmarked; "Essential
    // Experience" essential; 3 minimum eligibility.
    assert_eq!(
        tally("roles/dtc-lead-core-creative-psychotherapist"),
        expect(&[
            (Behaviours, Unspecified, &[], 7),
            (PersonalQualities, Unspecified, &[], 1),
            (Experience, Essential, &[], 1),
            (Qualifications, Unspecified, &[], 2),
            (KnowledgeAndSkills, Unspecified, &[], 1),
            (Eligibility, Essential, &[], 3),
        ])
    );
}
