//! The recruiting pages and exports: checklists, comparison, pathway, matrix, roles.json
//! and the per-role CSV, built from the `recruiting` fixture (and, for the pathway, the
//! bundled handbook).

mod common;

use common::read;
use serde_json::Value;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = common::copy_fixture("recruiting");
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    assert_eq!(
        outcome.diagnostics.warning_count(),
        0,
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    let out = site.path().join("public");
    (site, out)
}

/// The markup of the element with `id="{id}"` (a `tag` element), nested tags included.
fn element<'a>(html: &'a str, id: &str, tag: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').expect("tag start");
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 0;
    let mut i = start;
    loop {
        let next_open = html[i..].find(&open).map(|x| x + i);
        let next_close = html[i..]
            .find(&close)
            .map(|x| x + i)
            .unwrap_or_else(|| panic!("#{id} is never closed"));
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                i = o + open.len();
            }
            _ => {
                depth -= 1;
                i = next_close + close.len();
                if depth == 0 {
                    return &html[start..i];
                }
            }
        }
    }
}

/// The table row whose header starts with `label`.
fn row<'a>(html: &'a str, label: &str) -> &'a str {
    let at = html
        .find(&format!("<th scope=\"row\">{label}"))
        .unwrap_or_else(|| panic!("no row {label:?}"));
    let start = html[..at].rfind("<tr").expect("row start");
    let end = html[start..].find("</tr>").expect("row end");
    &html[start..start + end]
}

/// A strict RFC 4180 reader, independent of the code under test.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && row.is_empty(), "last record lacks CRLF");
    rows
}

#[test]
fn every_role_has_a_printable_checklist_grouped_by_category() {
    let (_site, out) = built();
    for role in ["junior", "senior", "lead", "odd", "volunteer", "school"] {
        assert!(
            out.join(format!("roles/{role}/checklist.html")).is_file(),
            "{role}"
        );
    }
    let html = read(&out, "roles/junior/checklist.html");
    // Categories in the content model's order; criteria without one come last.
    let order: Vec<usize> = [
        "Qualifications",
        "Experience",
        "Knowledge and skills",
        "Behaviours and competencies",
        "Other requirements",
    ]
    .iter()
    .map(|h| {
        html.find(&format!(">{h}</h2>"))
            .unwrap_or_else(|| panic!("{h}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Each criterion: its need, how it is assessed, paper boxes and note lines.
    let c1 = element(&html, "criterion-1", "li");
    assert!(c1.contains(r#"data-need="essential""#) && c1.contains(">Essential<"));
    assert!(c1.contains("Assessed by: Application, Documents"));
    assert!(
        c1.contains(r#"data-text="Registered with a body, e.g. &quot;UKCP&quot;, or equivalent""#)
    );
    for n in 0..4 {
        assert!(
            c1.contains(&format!(r#"<span class="box">{n}</span>"#)),
            "score box {n}"
        );
    }
    assert!(c1.contains(r#"<span class="box"></span> Met"#), "tick box");
    assert!(c1.matches(r#"class="line""#).count() >= 2, "note lines");
    let c2 = element(&html, "criterion-2", "li");
    assert!(c2.contains(">Desirable<") && c2.contains("Assessed by: Interview"));
    // What the source leaves out is said once, in the introduction, not on each criterion.
    let c3 = element(&html, "criterion-3", "li");
    assert!(c3.contains(r#"data-need="unspecified""#));
    assert!(!c3.contains("need-label") && !c3.contains("Assessed by"));
    assert!(html.contains("the source does not mark the others"));
    // Printing: the title in the page margin on every page (never the file's path), as a
    // CSS string that HTML escaping cannot break; the form's own stylesheet; no inline
    // script.
    assert!(html.contains(
        r#"@top-left { content: "Junior practitioner\3a  person specification checklist\2e  Recruiting fixture"; }"#
    ));
    assert!(!html.contains(r#"roles\2f junior"#));
    assert!(html.contains(r#"href="../../css/recruiting.css""#));
    assert!(!html.contains("<script>") && !html.contains(" onclick="));
    let css = read(&out, "css/recruiting.css");
    assert!(css.contains("break-inside: avoid") && css.contains("size: A4"));
    assert!(css.contains("counter(page)"));
    // What the script needs, and the downloads.
    assert!(html.contains(r#"data-storage-key="handbook:Recruiting fixture:roles/junior""#));
    assert!(html.contains(r#"href="../../roles/junior/person-specification.csv" download"#));
    assert!(html.contains(r#"href="../../roles.json""#));
    for js in ["csv.js", "shortlist.js", "checklist.js"] {
        assert!(
            html.contains(&format!(r#"src="../../js/{js}" defer"#)),
            "{js}"
        );
        assert!(out.join("js").join(js).is_file(), "{js}");
    }
    // The role page links to its checklist and CSV.
    let role = read(&out, "roles/junior.html");
    assert!(role.contains(r#"href="../roles/junior/checklist.html""#));
    assert!(role.contains(r#"href="../roles/junior/person-specification.csv" download"#));
}

#[test]
fn a_role_with_no_essentials_or_no_criteria_says_so() {
    let (_site, out) = built();
    let odd = read(&out, "roles/odd/checklist.html");
    assert!(odd.contains("does not mark any of this role's criteria as essential"));
    let volunteer = read(&out, "roles/volunteer/checklist.html");
    assert!(volunteer.contains("gives no person specification for this role"));
    assert!(!volunteer.contains("does not mark any"));
}

#[test]
fn self_assessment_links_criteria_to_the_modules_that_develop_them() {
    let (_site, out) = built();
    let html = read(&out, "roles/junior/checklist.html");
    // Criterion 4 refers to the Listening competency, which two modules develop.
    let c4 = element(&html, "criterion-4", "li");
    let develops = &c4[c4.find("class=\"develops").expect("training list")..];
    assert!(develops.contains(r#"href="../../training/intro/leading-teams.html""#));
    assert!(develops.contains(r#"href="../../training/intro/listening.html""#));
    assert!(
        develops.find("Leading teams") < develops.find("Listening well"),
        "by title"
    );
    // Criterion 3 refers to a competency no module develops.
    let c3 = element(&html, "criterion-3", "li");
    assert!(c3.contains("No training module in this handbook develops this yet."));
    // Criterion 1 refers to a glossary term, not a competency: no training line.
    let c1 = element(&html, "criterion-1", "li");
    assert!(!c1.contains("class=\"develops"));
}

#[test]
fn roles_json_has_every_role_with_its_full_person_specification() {
    let (_site, out) = built();
    let json: Value = serde_json::from_str(&read(&out, "roles.json")).expect("valid JSON");
    assert_eq!(json["format"], "handbook-roles");
    assert_eq!(json["version"], 2);
    let roles = json["roles"].as_array().expect("roles");
    let ids: Vec<&str> = roles.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["junior", "senior", "lead", "odd", "volunteer", "school"]
    );
    let junior = &roles[0];
    assert_eq!(junior["grade"], "Band 7");
    assert_eq!(junior["hours_per_week"], 37.5);
    assert_eq!(junior["hours_label"], "37.5");
    assert_eq!(
        junior["recruiting"]["checklist_url"],
        "roles/junior/checklist.html"
    );
    assert_eq!(
        junior["recruiting"]["csv_url"],
        "roles/junior/person-specification.csv"
    );
    // The role page's shape: criteria by category, numbered in source order.
    let spec: Vec<&Value> = junior["person_spec"]
        .as_array()
        .expect("spec")
        .iter()
        .flat_map(|g| g["criteria"].as_array().expect("criteria"))
        .collect();
    assert_eq!(spec.len(), 5);
    assert_eq!(spec[0]["number"], 1);
    assert_eq!(
        spec[0]["text"],
        r#"Registered with a body, e.g. "UKCP", or equivalent"#
    );
    assert_eq!(spec[0]["need"], "essential");
    assert_eq!(spec[0]["category"], "qualifications");
    assert_eq!(
        spec[0]["assessed_by"],
        serde_json::json!(["application", "documents"])
    );
    assert_eq!(
        spec[0]["refs"][0]["title"],
        "UK Council for Psychotherapy (UKCP)"
    );
    assert_eq!(spec[0]["refs"][0]["url"], "glossary.html#ukcp");
    assert_eq!(spec[4]["category"], "other");
    assert_eq!(spec[4]["category_label"], "Other requirements");
    assert_eq!(junior["person_spec"][0]["label"], "Qualifications");
    assert_eq!(
        junior["competencies"][1]["url"],
        "frameworks/skills/deciding.html"
    );
    assert_eq!(roles[1]["reports_to_role"]["title"], "Ward lead");
}

#[test]
fn each_person_specification_is_a_csv_that_round_trips() {
    let (_site, out) = built();
    let text = read(&out, "roles/junior/person-specification.csv");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 byte-order mark");
    assert!(body.ends_with("\r\n"));
    let rows = parse_csv(body);
    assert_eq!(
        rows[0][..5],
        ["role", "criterion_number", "category", "need", "criterion"]
    );
    assert_eq!(rows.len(), 6, "header and five criteria");
    assert_eq!(
        rows[1][4],
        r#"Registered with a body, e.g. "UKCP", or equivalent"#
    );
    assert_eq!(rows[1][5], "Application; Documents");
    assert_eq!(rows[4][4], "Café-style listening, with “care”");
    assert_eq!(rows[4][3], "Essential");
    assert_eq!(rows[3][3], "Not stated");
    // A criterion a spreadsheet would run as a formula is defused.
    let odd =
        parse_csv(read(&out, "roles/odd/person-specification.csv").trim_start_matches('\u{feff}'));
    assert_eq!(odd[1][4], r#"'=HYPERLINK("x") is text, not a formula"#);
}

#[test]
fn the_comparison_lines_up_criteria_and_marks_rows_that_differ() {
    let (_site, out) = built();
    let html = read(&out, "recruiting/compare.html");
    // Every role is a column; the static page is the all-roles table.
    for id in ["junior", "senior", "lead", "odd", "volunteer", "school"] {
        assert!(
            html.contains(&format!(r#"<th scope="col" data-role="{id}">"#)),
            "{id}"
        );
    }
    assert!(html.contains("All 6 roles side by side"));
    assert!(html.contains(r#"src="../js/compare.js" defer"#));
    // The same for every role: not marked. Different: marked in words.
    let org = row(&html, "Organisation");
    assert!(org.contains(r#"class="diff-flag" hidden>Differs"#), "{org}");
    let setting = row(&html, "Setting");
    assert!(
        setting.contains(r#"class="diff-flag">Differs"#),
        "{setting}"
    );
    assert!(setting.contains(r#"data-role="school" data-cmp="school""#));
    // Same references, different words: one row, with the other wording shown.
    let reg = row(&html, "Registered with a body");
    assert!(reg.contains(r#"data-role="junior" data-cmp="essential""#));
    assert!(reg.contains(r#"data-role="senior" data-cmp="essential""#));
    assert!(reg.contains("Worded: &ldquo;Registered with UKCP&rdquo;"));
    assert!(reg.contains(r#"data-role="lead" data-cmp="none""#));
    // Same words once numbering and punctuation go: one row; the need differs.
    let decide = row(&html, "3. Making decisions");
    assert!(decide.contains(r#"data-role="junior" data-cmp="unspecified""#));
    assert!(decide.contains(r#"data-role="senior" data-cmp="essential""#));
    assert!(decide.contains(r#"class="diff-flag">Differs"#));
    assert_eq!(
        html.matches("<th scope=\"row\">Making decisions.").count(),
        0
    );
    // Shared across roles with different references sets: still one row by text.
    let team = row(&html, "Leads a team");
    assert!(team.contains(r#"data-role="senior" data-cmp="essential""#));
    assert!(team.contains(r#"data-role="lead" data-cmp="essential""#));
    // Lists compare as sets.
    let bodies = row(&html, "Professional bodies");
    assert!(bodies.contains(r#"data-role="junior" data-cmp="uk council for psychotherapy ukcp""#));
}

#[test]
fn many_roles_are_compared_by_selection_with_data_that_grows_with_criteria_not_roles() {
    let site = tempfile::tempdir().expect("temp");
    common::write(site.path(), "handbook.yml", "title: Many roles\n");
    let mut index = String::from("---\ntitle: Home\n---\n\n");
    for n in 0..30 {
        index.push_str(&format!("[Role {n}](roles/r{n}.md) "));
        common::write(
            site.path(),
            &format!("content/roles/r{n}.md"),
            format!(
                "---\ntitle: Role {n}\nsetting: Ward\ngrade: Band {n}\nperson_spec:\n  - text: Shared criterion\n    need: essential\n  - text: Only in role {n}\n    need: desirable\n---\n"
            ),
        );
    }
    common::write(site.path(), "content/_index.md", index);
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = site.path().join("public");
    let html = read(&out, "recruiting/compare.html");
    assert!(!html.contains("id=\"compare-table\""), "no 30-column table");
    assert!(html.contains("This handbook has 30 roles, too many to show side by side"));
    assert_eq!(
        html.matches("<li data-id=").count(),
        30,
        "every role to pick from"
    );
    assert!(html.contains(r#"data-id="r7" data-src="../recruiting/compare/r7.js""#));
    assert!(
        !html.contains("compare-data.js"),
        "no script of every role's data"
    );
    // Each role's data is its own small script: its facts and its criteria with their rows.
    let role = |id: &str| -> Value {
        let script = read(&out, &format!("recruiting/compare/{id}.js"));
        let json = script
            .split_once(&format!("[\"{id}\"] = "))
            .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
            .expect("a data assignment");
        serde_json::from_str(json).expect("JSON")
    };
    let r7 = role("r7");
    // The role is in the one shape every output uses: the same object as in roles.json.
    let export: Value = serde_json::from_str(&read(&out, "roles.json")).expect("JSON");
    let exported = export["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["id"] == "r7")
        .expect("r7 in roles.json");
    assert_eq!(&r7["role"], exported, "compare data and roles.json agree");
    assert_eq!(r7["role"]["title"], "Role 7");
    let criteria = |r: &Value| -> Vec<Value> {
        r["role"]["person_spec"]
            .as_array()
            .expect("person_spec")
            .iter()
            .flat_map(|part| part["criteria"].as_array().expect("criteria").clone())
            .collect()
    };
    assert_eq!(criteria(&r7).len(), 2, "its own criteria, not every role's");
    let r3 = role("r3");
    // The group of the criterion whose row is labelled `label`.
    let group = |r: &Value, label: &str| {
        criteria(r)
            .into_iter()
            .find(|c| {
                c["group"]
                    .as_str()
                    .is_some_and(|g| r["rows"][g]["label"] == label)
            })
            .map(|c| c["group"].clone())
    };
    // The shared criterion is one row across roles; each role's own is a row of its own.
    assert_eq!(
        group(&r7, "Shared criterion"),
        group(&r3, "Shared criterion")
    );
    assert!(group(&r7, "Shared criterion").is_some());
    assert!(group(&r7, "Only in role 7").is_some());
    assert_ne!(group(&r7, "Only in role 7"), group(&r3, "Only in role 3"));
    assert_eq!(r7["own_wording"], serde_json::json!([]));
    assert_eq!(r7["facts"][0]["label"], "Organisation");
    // The pathway orders all 30 by band, numerically, on the setting's page.
    assert!(
        read(&out, "recruiting/pathway.html").contains(r#"href="../recruiting/pathway/ward.html""#)
    );
    let pathway = read(&out, "recruiting/pathway/ward.html");
    assert!(pathway.find("Step 3: Band 2") < pathway.find("Step 11: Band 10"));
}

#[test]
fn the_pathway_orders_a_setting_by_grade_and_never_guesses() {
    let (_site, out) = built();
    // The index lists each setting ("Ward  a" and "Ward A" are one), with its page.
    let index = read(&out, "recruiting/pathway.html");
    assert!(
        index.contains(r#"href="../recruiting/pathway/ward-a.html">Ward A</a>"#),
        "{index}"
    );
    assert!(index.contains(r#"href="../recruiting/pathway/school.html">School</a>"#));
    assert!(!index.contains("ward-a-2"), "one setting");
    let html = read(&out, "recruiting/pathway/ward-a.html");
    let steps: Vec<usize> = ["Step 1: Band 7", "Step 2: Band 8a", "Step 3: Band 9"]
        .iter()
        .map(|s| html.find(s).unwrap_or_else(|| panic!("{s}")))
        .collect();
    assert!(steps.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(html.matches("<h2 id=\"pathway-").count(), 1);
    // What the senior step adds over the junior one.
    let senior = &html[steps[1]..steps[2]];
    assert!(senior.contains("Leads a team") && senior.contains("Leading"));
    assert!(senior.contains("Line management:</strong> Up to 4 staff"));
    assert!(senior.contains("(was: None)"));
    assert!(!senior.contains(">Listening<"), "not new at this step");
    let lead = &html[steps[2]..];
    let lead = &lead[..lead.find("unordered-heading").unwrap_or(lead.len())];
    assert!(lead.contains("Leads a service") && !lead.contains("<li>Leads a team"));
    // The junior role's duties are linked by heading.
    assert!(html.contains(r#"href="../../roles/junior.html#teaching""#));
    // Roles that cannot be placed are listed with the reason, on their setting's page.
    let apart = &html[html.find("not on a pathway").expect("unordered list")..];
    assert!(apart.contains("Sessional worker") && apart.contains("not a plain grade"));
    assert!(apart.contains("Volunteer") && apart.contains("no grade or band is given"));
    let school = read(&out, "recruiting/pathway/school.html");
    assert!(school.contains("School counsellor") && school.contains("only role in its setting"));
}

#[test]
fn the_matrix_is_a_plain_table_of_roles_and_competencies() {
    let (_site, out) = built();
    // The index: each framework a role refers to, and each setting.
    let index = read(&out, "recruiting/matrix.html");
    assert!(!index.contains("<script src=\"../js/compare.js\""));
    assert!(
        index
            .contains(r#"href="../recruiting/matrix/frameworks/skills.html">Skills framework</a>"#),
        "{index}"
    );
    assert!(index.contains(r#"href="../recruiting/matrix-by-setting/ward-a.html">Ward A</a>"#));
    // The framework's table: its items against the roles that refer to it.
    let html = read(&out, "recruiting/matrix/frameworks/skills.html");
    assert!(html.contains(
        r#"<caption><span class="sticky-label">Skills framework: which roles require each item</span></caption>"#
    ));
    let listening = row(
        &html,
        "<a href=\"../../../frameworks/skills/listening.html\">1. Listening",
    );
    let cells: Vec<&str> = listening.split("<td").skip(1).collect();
    let roles = html.matches("<th scope=\"col\"><a href=").count();
    assert_eq!(
        cells.len(),
        roles + 1,
        "one cell per role and the training column"
    );
    assert!(cells[0].contains("Required") && cells[0].contains("Criterion 4: Essential"));
    assert!(cells[1].contains("Required") && !cells[1].contains("Criterion"));
    assert!(cells.iter().any(|c| c.contains("Not listed")));
    assert!(cells[roles].contains("Leading teams") && cells[roles].contains("Listening well"));
    // Items no role lists are still rows, so gaps show.
    let budgeting = row(
        &html,
        "<a href=\"../../../frameworks/skills/budgeting.html\">4. Budgeting",
    );
    assert_eq!(budgeting.matches("Not listed").count(), roles);
    assert!(budgeting.contains("None yet"));
    // Columns are grouped by setting.
    assert!(html.contains(r#"<th scope="colgroup""#));
    // A setting's page lists the frameworks its roles refer to.
    let ward = read(&out, "recruiting/matrix-by-setting/ward-a.html");
    assert!(
        ward.contains(
            r#"href="../../recruiting/matrix/frameworks/skills.html">Skills framework</a>"#
        ),
        "{ward}"
    );
}

#[test]
fn home_and_the_roles_section_link_to_the_recruiting_pages() {
    let (_site, out) = built();
    for (page, base) in [("index.html", ""), ("roles/index.html", "../")] {
        let html = read(&out, page);
        for target in [
            "recruiting/compare.html",
            "recruiting/pathway.html",
            "recruiting/matrix.html",
            "roles.json",
        ] {
            assert!(
                html.contains(&format!(r#"href="{base}{target}""#)),
                "{page} -> {target}"
            );
        }
    }
    let guidance = read(&out, "guidance/index.html");
    assert!(!guidance.contains("recruiting/compare.html"));
}

#[test]
fn a_site_without_roles_gets_no_recruiting_pages() {
    let site = tempfile::tempdir().expect("temp");
    common::write(site.path(), "handbook.yml", "title: No roles\n");
    common::write(
        site.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\n\nHello.\n",
    );
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = site.path().join("public");
    assert!(!out.join("roles.json").exists());
    assert!(!out.join("recruiting").exists());
    assert!(!read(&out, "index.html").contains("Recruiting and career tools"));
}

#[test]
fn a_page_or_item_in_the_way_of_a_recruiting_page_is_an_error() {
    let site = common::copy_fixture("recruiting");
    common::write(
        site.path(),
        "content/recruiting/compare.md",
        "---\ntitle: Compare\n---\n\nMine.\n",
    );
    common::write(
        site.path(),
        "content/roles/volunteer.md",
        "---\ntitle: Volunteer\nsetting: Ward A\nitems:\n  - id: checklist\n    name: A list\n---\n",
    );
    let outcome = common::build(site.path());
    assert!(!outcome.ok());
    let clash: Vec<_> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "E-reserved-path")
        .collect();
    assert_eq!(clash.len(), 2, "{}", outcome.diagnostics.to_plain_string());
    let page = clash
        .iter()
        .find(|d| d.file == "content/recruiting/compare.md")
        .expect("the page");
    assert!(page.message.contains(
        "would be written to `recruiting/compare.html`, where the role comparison page goes"
    ));
    assert!(
        page.hint
            .as_deref()
            .unwrap_or("")
            .contains("rename the file")
    );
    let item = clash
        .iter()
        .find(|d| d.file == "content/roles/volunteer.md")
        .expect("the item");
    assert!(item.message.contains(
        "item `checklist` of this page would be written to `roles/volunteer/checklist.html`, where the checklist of `roles/volunteer` goes"
    ));
    assert!(
        item.hint
            .as_deref()
            .unwrap_or("")
            .contains("change the item's `id`")
    );
}

#[test]
fn a_theme_without_the_recruiting_templates_builds_without_them_or_links_to_them() {
    let site = common::copy_fixture("recruiting");
    let theme = site.path().join("themes/plain");
    common::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    for t in ["checklist.html", "pathway.html"] {
        std::fs::remove_file(theme.join("templates").join(t)).expect("remove");
    }
    common::write(
        site.path(),
        "handbook.yml",
        "title: Recruiting fixture\ntheme: plain\n",
    );
    let outcome = common::build(site.path());
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
    let out = site.path().join("public");
    assert!(!out.join("roles/junior/checklist.html").exists());
    assert!(!out.join("recruiting/pathway.html").exists());
    assert!(out.join("recruiting/compare.html").is_file());
    assert!(out.join("roles/junior/person-specification.csv").is_file());
    let no_link = |page: &str, target: &str| {
        let html = read(&out, page);
        assert!(!html.contains(target), "{page} links to {target}");
    };
    no_link("roles/junior.html", "checklist.html");
    no_link("recruiting/compare.html", "checklist.html");
    no_link("index.html", "pathway.html");
    no_link("recruiting/compare.html", "pathway.html");
    assert!(read(&out, "index.html").contains(r#"href="recruiting/compare.html""#));
    assert!(read(&out, "roles/junior.html").contains(r#"href="../recruiting/compare.html""#));
    let json: Value = serde_json::from_str(&read(&out, "roles.json")).expect("JSON");
    assert_eq!(json["roles"][0]["recruiting"]["checklist_url"], Value::Null);
}

#[test]
fn the_bundled_handbook_has_a_band_7_8_9_pathway_and_aligned_behaviours() {
    let dir = tempfile::tempdir().expect("temp");
    let mut options = handbook::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.output = Some(dir.path().join("public"));
    let outcome = handbook::build(&options);
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = dir.path().join("public");
    let pathway = read(
        &out,
        "recruiting/pathway/prison-establishment-democratic-therapeutic-community-non-operational-prisoner-facing.html",
    );
    let at = |s: &str| pathway.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("DTC Group Psychotherapist") < at("DTC Lead Core Creative Psychotherapist"));
    assert!(at("DTC Lead Core Creative Psychotherapist") < at("DTC Head of Psychotherapy"));
    assert!(at("Step 1: Band 7") < at("Step 3: Band 9"));
    // The other two roles are alone in their settings, so on no pathway, each on its page.
    for (page, role) in [
        (
            "school-academy-pastoral-and-therapeutic-support-for-pupils",
            "Therapeutic Support Practitioner",
        ),
        (
            "childrens-services-fostering-residential-care-and-education-compass-schools",
            "Psychotherapist",
        ),
    ] {
        let html = read(&out, &format!("recruiting/pathway/{page}.html"));
        let apart = &html[html.find("not on a pathway").expect("unordered")..];
        assert!(apart.contains(role), "{page}");
    }
    // "3. Making Effective Decisions" (NOMS) and "Making Effective Decisions" (Success
    // Profiles) are one row of the comparison.
    let compare = read(&out, "recruiting/compare.html");
    let mad = row(&compare, "3. Making Effective Decisions");
    for id in [
        "dtc-head-of-psychotherapy",
        "dtc-lead-core-creative-psychotherapist",
        "dtc-group-psychotherapist",
    ] {
        assert!(
            mad.contains(&format!(r#"data-role="{id}" data-cmp="unspecified""#)),
            "{id}"
        );
    }
    let json: Value = serde_json::from_str(&read(&out, "roles.json")).expect("JSON");
    assert_eq!(json["roles"].as_array().map(Vec::len), Some(5));
}
