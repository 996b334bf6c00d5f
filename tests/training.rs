//! Trainers' pages: module and programme pages, the printable facilitator handout and
//! participant reflective log, and `handbook new` for every kind.

mod training_support;

use std::path::Path;

use handbook::BuildOptions;
use training_support::common::{self, read};
use training_support::{built_fixture, handbook, public, section};

// 1. Module pages.

#[test]
fn module_page_shows_every_field_linked() {
    let site = built_fixture();
    let out = public(&site);
    let m = read(&out, "training/basics/listening.html");
    // Duration, outcomes, audience linked to its role, competency linked to its item page,
    // ethos linked to its principle's page.
    assert!(m.contains("<dd>1 h 30 min</dd>"), "duration");
    assert!(m.contains("<li>Notice what was said and what was not</li>"));
    assert!(m.contains(r#"<a href="../../roles/worker.html">Support worker</a>"#));
    assert!(m.contains(r#"<a href="../../frameworks/skills/listening.html">1. Listening</a>"#));
    assert!(m.contains(r#"<a href="../../ethos/values/care.html">Care</a>"#));
    // Session plan with running start times and the total.
    let plan = section(&m, r#"id="plan-heading""#, "</table>");
    for row in [
        "<td>0:00</td><td>15</td><td>Welcome</td>",
        "<td>0:15</td><td>60</td><td>Listening in threes</td>",
        "<td>1:15</td><td>15</td><td>Close</td>",
    ] {
        assert!(plan.contains(row), "{row} missing in {plan}");
    }
    assert!(plan.contains("<th scope=\"row\">Total</th><td>90</td>"));
    // Prompts.
    let prompts = section(&m, r#"id="prompts-heading""#, "</section>");
    assert!(prompts.contains("<li>What did you hear that surprised you?</li>"));
    assert!(prompts.contains("<li>When did you stop listening?</li>"));
    // Prerequisites, on the module that has them.
    let p = read(&out, "training/basics/planning.html");
    let first = section(&p, r#"id="prerequisites-heading""#, "</ul>");
    assert!(first.contains(r#"href="../../training/basics/listening.html">Listening well</a>"#));
}

fn stages(html: &str) -> Vec<String> {
    let Some(start) = html.find("<ol class=\"stages\"") else {
        return Vec::new();
    };
    let list = &html[start..start + html[start..].find("</ol>").unwrap_or(0)];
    list.split("<li>")
        .skip(1)
        .map(|s| s.split("</li>").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn each_known_reflective_model_shows_its_stages_and_an_unknown_one_is_shown_as_written() {
    let site = built_fixture();
    let out = public(&site);
    let page = |m: &str| read(&out, &format!("training/basics/{m}.html"));

    let gibbs = page("listening");
    assert!(
        gibbs.contains("<dd>Gibbs&#39; reflective cycle</dd>"),
        "{gibbs}"
    );
    assert_eq!(
        stages(&gibbs),
        [
            "Description",
            "Feelings",
            "Evaluation",
            "Analysis",
            "Conclusion",
            "Action plan"
        ]
    );
    assert_eq!(
        stages(&page("planning")),
        [
            "Concrete Experience",
            "Reflective Observation",
            "Abstract Conceptualisation",
            "Active Experimentation"
        ]
    );
    let schon = page("supervising");
    assert_eq!(stages(&schon).len(), 2, "Schön's two modes");
    assert!(stages(&schon)[0].starts_with("Reflection-in-action"));
    assert!(stages(&schon)[1].starts_with("Reflection-on-action"));
    assert!(schon.contains("Two modes of reflection"));
    let johns = page("budgeting");
    assert!(johns.contains("Cue questions built on Carper"));
    assert_eq!(
        stages(&johns),
        [
            "Empirics",
            "Aesthetics",
            "Personal",
            "Ethics",
            "Reflexivity"
        ]
    );

    // Not a known model: the name as the author wrote it, and no invented stages.
    let own = page("huddles");
    assert!(own.contains("<dd>Our team huddle</dd>"), "{own}");
    assert!(own.contains("Reflective model: Our team huddle</h2>"));
    assert!(stages(&own).is_empty());
    // Without `duration_minutes`, the duration is the session plan's total.
    assert!(own.contains("<dd>30 min</dd>"));
}

// 2. Programme pages.

#[test]
fn programme_page_lists_modules_in_order_with_totals_audience_and_competencies() {
    let site = built_fixture();
    let out = public(&site);
    let p = read(&out, "training/basics/index.html");
    let list = section(&p, "module-list", "</ol>");
    let order: Vec<usize> = [
        "Listening well",
        "Planning together",
        "Supervising others",
        "Budgeting",
        "Team huddles",
    ]
    .iter()
    .map(|t| list.find(t).unwrap_or_else(|| panic!("{t} not listed")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "weight order");
    assert!(list.contains("(1 h 30 min)") && list.contains("(45 min)"));
    // 90 + 60 + 45 + 30 + 30 (the last from its session plan).
    assert!(p.contains("<dd>4 h 15 min</dd>"), "total duration");
    let audience = section(&p, r#"id="audience-heading""#, "</ul>");
    assert!(audience.contains("Support worker") && audience.contains("Team lead"));
    let covers = section(&p, r#"id="covers-heading""#, "</section>");
    for c in [
        "1. Listening",
        "2. Planning",
        "3. Supervising",
        "5. Budgeting",
    ] {
        assert!(covers.contains(c), "{c} missing");
    }
    assert!(!covers.contains("Recording"));
    assert!(p.contains(r#"href="../../training/coverage.html""#));
}

// 3. Print: handout and reflective log for every module.

#[test]
fn every_module_has_a_handout_and_a_reflective_log_linked_from_its_page() {
    let site = built_fixture();
    let out = public(&site);
    for m in [
        "listening",
        "planning",
        "supervising",
        "budgeting",
        "huddles",
    ] {
        let page = read(&out, &format!("training/basics/{m}.html"));
        assert!(
            page.contains(&format!(
                r#"href="../../training/basics/{m}.handout.html">Facilitator handout</a>"#
            )),
            "{m}"
        );
        assert!(page.contains(&format!(r#"href="../../training/basics/{m}.reflective-log.html">Participant reflective log</a>"#)), "{m}");
        for sheet in ["handout", "reflective-log"] {
            let html = read(&out, &format!("training/basics/{m}.{sheet}.html"));
            assert!(html.contains(r#"<link rel="stylesheet" href="../../css/training.css">"#));
            assert!(html.contains(&format!(
                r#"href="../../training/basics/{m}.html">Back to the module page"#
            )));
            assert!(!html.contains("<script>"), "no inline script");
        }
    }
    for asset in ["css/training.css", "js/training.js"] {
        assert!(out.join(asset).is_file(), "{asset}");
    }
    let css = read(&out, "css/training.css");
    assert!(css.contains("@media print") && css.contains(".write-lines span"));
    assert!(read(&out, "css/style.css").contains("size: A4"));
}

#[test]
fn the_handout_carries_what_a_facilitator_needs() {
    let site = built_fixture();
    let h = read(&public(&site), "training/basics/listening.handout.html");
    assert!(h.contains("Facilitator handout") && h.contains("<h1>Listening well</h1>"));
    assert!(h.contains("<dt>Duration</dt><dd>1 h 30 min</dd>"));
    assert!(h.contains("<li>Reflect back what they heard</li>"));
    assert!(h.contains("<td>1:15</td><td>15</td><td>Close</td><td class=\"notes-cell\"></td>"));
    assert_eq!(stages(&h).len(), 6);
    assert!(h.contains("<li>When did you stop listening?</li>"));
    // The module's own notes, with links that still work from the handout's folder.
    assert!(h.contains("Notes for the facilitator"));
    assert!(h.contains(r#"href="../../training/basics/planning.html""#));
    // The module's review banner travels with it.
    assert!(h.contains("Due for review"));
}

#[test]
fn the_reflective_log_gives_every_prompt_and_stage_space_to_write() {
    let site = built_fixture();
    let out = public(&site);
    let log = read(&out, "training/basics/listening.reflective-log.html");
    assert!(log.contains("Participant reflective log"));
    for field in ["Name", "Date", "Facilitator"] {
        assert!(log.contains(&format!(r#"<span class="fill-label">{field}</span>"#)));
    }
    // Each prompt, then ruled space.
    for prompt in [
        "What did you hear that surprised you?",
        "When did you stop listening?",
    ] {
        let at = log.find(prompt).expect("prompt");
        let after = &log[at..];
        let lines = after
            .find("class=\"write-lines\"")
            .expect("space after prompt");
        assert!(lines < 200, "space follows {prompt}");
    }
    // Gibbs: a block per stage.
    for (i, s) in [
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            log.contains(&format!("<h3>Stage {}: {s}</h3>", i + 1)),
            "{s}"
        );
    }
    // 2 prompts + 6 stages + "what next".
    assert_eq!(log.matches("class=\"write-lines\"").count(), 9);
    assert!(log.contains("<li>Notice what was said and what was not</li>"));
    // Schön's modes and an unknown model on their own logs.
    let schon = read(&out, "training/basics/supervising.reflective-log.html");
    assert!(schon.contains("<h3>Mode 1: Reflection-in-action"));
    let own = read(&out, "training/basics/huddles.reflective-log.html");
    assert!(
        own.contains("Reflecting with Our team huddle") && own.contains("<h3>Your reflection</h3>")
    );
}

// 4. `handbook new`.

#[test]
fn new_writes_every_kind_filled_in_and_buildable_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    handbook().arg("init").arg(&site).assert().code(0);
    let pages = [
        (
            "module",
            "training/induction/safeguarding",
            "content/training/induction/safeguarding.md",
        ),
        (
            "role",
            "roles/night-worker",
            "content/roles/night-worker.md",
        ),
        (
            "guidance",
            "guidance/handover",
            "content/guidance/handover.md",
        ),
        (
            "framework",
            "frameworks/values",
            "content/frameworks/values.md",
        ),
        (
            "programme",
            "training/advanced",
            "content/training/advanced/_index.md",
        ),
        ("ethos", "ethos/principles", "content/ethos/principles.md"),
        ("glossary", "more-terms", "content/more-terms.md"),
        ("page", "about", "content/about.md"),
    ];
    for (kind, path, _) in pages {
        handbook()
            .args(["new", kind, path, "--title", "A title", "--root"])
            .arg(&site)
            .assert()
            .code(0);
    }
    // No errors, and no warning but that nothing links to the new pages yet (a session
    // plan that adds up, references that resolve, a review date in the future).
    assert_only_orphan_warnings(&site);

    // Every module field holds an example, none left empty.
    let module = read(&site, "content/training/induction/safeguarding.md");
    for field in [
        "duration_minutes: 90",
        "audience:\n  - roles/",
        "develops:\n  - frameworks/",
        "ethos:\n  - ethos/",
        "outcomes:\n  - ",
        "reflective_model: Gibbs",
        "sessions:",
        "prompts:",
        "prerequisites:\n  - training/",
    ] {
        assert!(module.contains(field), "{field:?} missing:\n{module}");
    }
    assert!(!module.contains(": []"), "an empty field:\n{module}");
    let role = read(&site, "content/roles/night-worker.md");
    assert!(
        !role.contains(": []") && role.contains("person_spec:"),
        "{role}"
    );
    assert!(read(&site, "content/training/advanced/_index.md").contains("audience:\n  - roles/"));
    // It renders with its sheets.
    handbook()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .code(0);
    assert!(
        site.join("public/training/induction/safeguarding.reflective-log.html")
            .is_file()
    );

    // A second `new` at any of these paths is refused and leaves the file as it was.
    for (kind, path, file) in pages {
        let before = read(&site, file);
        let out = handbook()
            .args(["new", kind, path, "--title", "Other", "--root"])
            .arg(&site)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains("already exists"), "{stderr}");
        assert_eq!(read(&site, file), before, "{file} changed");
    }
}

#[test]
fn a_new_module_in_the_bundled_handbook_builds_without_errors_or_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("handbook.yml"), dir.path().join("handbook.yml")).unwrap();
    common::copy_dir(&root.join("content"), &dir.path().join("content"));
    handbook()
        .args([
            "new",
            "module",
            "training/reflective-practice/new-one",
            "--title",
            "New one",
            "--root",
        ])
        .arg(dir.path())
        .assert()
        .code(0);
    assert_only_orphan_warnings(dir.path());
}

/// `check` finds no errors, and the only warnings say new pages are not linked yet.
fn assert_only_orphan_warnings(root: &Path) {
    let mut options = BuildOptions::new(root);
    options.write = false;
    let outcome = handbook::build(&options);
    let text = outcome.diagnostics.to_plain_string();
    assert!(outcome.ok(), "{text}");
    assert!(
        outcome
            .diagnostics
            .items()
            .iter()
            .all(|d| d.code == "W-orphan"),
        "{text}"
    );
}

#[test]
fn a_theme_without_the_sheet_templates_builds_without_them_or_links_to_them() {
    let site = common::copy_fixture("training-programme");
    let theme = site.path().join("themes/default");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    for t in ["handout.html", "reflective-log.html", "coverage.html"] {
        std::fs::remove_file(theme.join("templates").join(t)).unwrap();
    }
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = public(&site);
    assert!(!out.join("training/basics/listening.handout.html").exists());
    assert!(!out.join("training/coverage.html").exists());
    assert!(!read(&out, "training/basics/listening.html").contains("Facilitator handout"));
    assert!(!read(&out, "training/index.html").contains("coverage.html"));
}
