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
    assert!(html.contains("leaves its Essential and Desirable columns empty"));
    assert_eq!(
        html.matches("<td>Not specified in the source</td>").count(),
        33
    );
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
