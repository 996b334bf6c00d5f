//! Trainers' reports and checks: training coverage (command and page), review dates
//! (banner, warnings, `handbook report review`), and the training checks' messages.

mod training_support;

use std::path::Path;

use handbook::BuildOptions;
use handbook::diagnostics::{Diagnostic, Severity};
use handbook::parse::kinds::Date;
use handbook::report::{self, Format};
use serde_json::Value;
use training_support::common::{self, read};
use training_support::{built_fixture, handbook, has_other_than_orphans, public, section};

// 5. Coverage.

fn coverage_json(root: &Path) -> Value {
    let r = report::coverage_report(&BuildOptions::new(root), Format::Json);
    let text = r
        .text
        .unwrap_or_else(|| panic!("{}", r.diagnostics.to_plain_string()));
    serde_json::from_str(&text).expect("valid JSON")
}

fn refs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|x| {
            x.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| x["reference"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn coverage_finds_what_roles_require_what_modules_develop_gaps_and_orphans() {
    let c = coverage_json(&common::fixture("training-programme"));
    let s = &c["summary"];
    assert_eq!(
        (
            s["required"].as_u64(),
            s["covered"].as_u64(),
            s["gaps"].as_u64(),
            s["orphans"].as_u64()
        ),
        (Some(4), Some(3), Some(1), Some(1)),
        "{s}"
    );
    assert_eq!(
        (
            s["roles"].as_u64(),
            s["roles_requiring"].as_u64(),
            s["modules"].as_u64()
        ),
        (Some(3), Some(2), Some(5))
    );
    assert_eq!(refs(&c["gaps"]), ["frameworks/skills#recording"]);
    assert_eq!(refs(&c["orphans"]), ["frameworks/skills#budgeting"]);

    let item = |r: &str| -> Value {
        c["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["reference"] == r)
            .cloned()
            .unwrap_or_else(|| panic!("{r} not in report"))
    };
    let keys = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    // Required through `competencies` by two roles.
    let listening = item("frameworks/skills#listening");
    assert_eq!(
        keys(&listening["required_by"]),
        ["roles/lead", "roles/worker"]
    );
    assert_eq!(
        keys(&listening["developed_by"]),
        ["training/basics/listening"]
    );
    assert_eq!(listening["status"], "covered");
    // Required through a person-specification criterion's `refs`.
    let supervising = item("frameworks/skills#supervising");
    assert_eq!(keys(&supervising["required_by"]), ["roles/lead"]);
    assert_eq!(supervising["status"], "covered");
    assert_eq!(item("frameworks/skills#recording")["status"], "gap");
    assert_eq!(item("frameworks/skills#budgeting")["status"], "orphan");
    // Planning is never mentioned by anyone else; an item neither required nor developed is absent.
    assert!(c["items"].as_array().unwrap().len() == 5);

    // Per role.
    let role = |k: &str| -> Value {
        c["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["role"]["key"] == k)
            .cloned()
            .unwrap()
    };
    let worker = role("roles/worker");
    assert_eq!(worker["required"], 2);
    assert_eq!(refs(&worker["uncovered"]), ["frameworks/skills#recording"]);
    assert!(refs(&worker["other_audience"]).is_empty());
    // The lead needs listening and planning, but those modules are for support workers;
    // supervising's module has no audience, so it is for its programme's (both roles).
    let lead = role("roles/lead");
    assert_eq!(lead["required"], 3);
    assert!(refs(&lead["uncovered"]).is_empty());
    assert_eq!(
        refs(&lead["other_audience"]),
        ["frameworks/skills#listening", "frameworks/skills#planning"]
    );
    assert_eq!(role("roles/visitor")["required"], 0);
}

#[test]
fn coverage_prints_as_a_table_by_default_and_as_csv_and_json() {
    let fixture = common::fixture("training-programme");
    let run = |extra: &[&str]| -> String {
        let out = handbook()
            .args(["report", "coverage", "--root"])
            .arg(&fixture)
            .args(extra)
            .assert()
            .code(0);
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    };
    let table = run(&[]);
    assert!(
        table.contains("2 of 3 roles require 4 framework items; 3 are developed"),
        "{table}"
    );
    let gaps = section(&table, "Gaps:", "Orphans:");
    assert!(gaps.contains("frameworks/skills#recording") && gaps.contains("4. Recording"));
    assert!(!gaps.contains("listening"));
    let orphans = section(&table, "Orphans:", "By role:");
    assert!(orphans.contains("frameworks/skills#budgeting") && orphans.contains("Budgeting"));
    let by_role = section(&table, "By role:", "\u{0}");
    assert!(by_role.contains("Support worker") && by_role.contains("frameworks/skills#recording"));
    assert_eq!(run(&["--format", "table"]), table);

    let csv = run(&["--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("item,name,framework,status,required_by,developed_by,uncovered_for_roles")
    );
    assert!(csv.contains("frameworks/skills#recording,4. Recording,frameworks/skills,gap,roles/worker,,roles/worker\n"), "{csv}");
    assert!(csv.contains("frameworks/skills#listening,1. Listening,frameworks/skills,covered,roles/lead; roles/worker,training/basics/listening,roles/lead\n"), "{csv}");
    assert_eq!(csv.lines().count(), 6);

    let json: Value = serde_json::from_str(&run(&["--format", "json"])).expect("JSON");
    assert_eq!(json["summary"]["gaps"], 1);

    // Usage errors exit 2; content errors exit 1 with the diagnostics and no report.
    handbook()
        .args(["report", "coverage", "--format", "xml", "--root"])
        .arg(&fixture)
        .assert()
        .code(2);
    handbook().args(["report", "nonsense"]).assert().code(2);
    let bad = common::fixture("training-errors");
    let out = handbook()
        .args(["report", "coverage", "--color", "never", "--root"])
        .arg(&bad)
        .assert()
        .code(1);
    let o = out.get_output();
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("prerequisite cycle"));
}

#[test]
fn the_site_has_a_coverage_page_linked_from_the_training_section() {
    let site = built_fixture();
    let out = public(&site);
    let training = read(&out, "training/index.html");
    assert!(training.contains(r#"href="../training/coverage.html">Training coverage</a>"#));
    let page = read(&out, "training/coverage.html");
    assert!(page.contains("<h1>Training coverage</h1>"));
    let gaps = section(&page, "gaps-heading", "</section>");
    assert!(gaps.contains(r#"href="../frameworks/skills/recording.html">4. Recording</a>"#));
    assert!(gaps.contains("Support worker"));
    assert!(!gaps.contains("Listening"));
    let orphans = section(&page, "orphans-heading", "</section>");
    assert!(
        orphans.contains("5. Budgeting")
            && orphans.contains(r#"href="../training/basics/budgeting.html""#)
    );
    // Each framework has its own page: its items, what requires and develops each.
    let frameworks = section(&page, "frameworks-heading", "</section>");
    assert!(
        frameworks.contains(r#"href="../training/coverage/frameworks/skills.html""#),
        "{frameworks}"
    );
    let fw = read(&out, "training/coverage/frameworks/skills.html");
    let table = section(&fw, "coverage-table", "</table>");
    assert!(table.contains("Gap: no module") && table.contains("Listening well"));
    // The coverage by role is its own page.
    assert!(page.contains(r#"href="../training/coverage/roles.html">Coverage by role</a>"#));
    let roles = read(&out, "training/coverage/roles.html");
    let lead = section(&roles, "Team lead", "</section>");
    assert!(lead.contains("Developed only by modules meant for other roles"));
    assert!(section(&roles, "Visitor", "</p>").contains("Lists no framework competencies"));
    // Breadcrumbs lead back to the training section.
    assert!(page.contains(r#"<li><a href="../training/index.html">Training</a></li>"#));
    assert!(
        fw.contains(r#"<li><a href="../../../training/coverage.html">Training coverage</a></li>"#)
    );
}

// 1. and 7. The training checks: located warnings and errors.

fn only<'a>(diags: &'a [Diagnostic], file: &str, code: &str) -> Vec<&'a Diagnostic> {
    diags
        .iter()
        .filter(|d| d.file == format!("content/{file}") && d.code == code)
        .collect()
}

#[test]
fn training_checks_report_each_problem_where_it_was_written() {
    let site = common::copy_fixture("training-errors");
    let outcome = common::build(site.path());
    assert!(!outcome.ok());
    let d = outcome.diagnostics.items();
    let text = outcome.diagnostics.to_plain_string();

    // A session plan that doesn't add up: a warning at `duration_minutes`.
    let w = only(d, "training/p/sum.md", "W-session-plan");
    assert_eq!(w.len(), 1, "{text}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!((w[0].line, w[0].column), (3, 19));
    assert_eq!(
        w[0].message,
        "the session plan (`sessions`, line 4) adds up to 50 minutes, but `duration_minutes` is 60"
    );
    assert_eq!(
        w[0].hint.as_deref(),
        Some("make the sessions add up to 60 minutes, or set `duration_minutes: 50`")
    );

    // A prerequisite that doesn't exist: an error at the entry, with the closest name.
    let missing = only(d, "training/p/missing.md", "E-broken-ref");
    assert_eq!(missing.len(), 2, "{text}");
    assert_eq!((missing[0].line, missing[0].column), (5, 5));
    assert_eq!(missing[0].message, "no page `training/p/summ`");
    assert_eq!(
        missing[0].hint.as_deref(),
        Some("the closest existing page is `training/p/sum`")
    );
    assert_eq!(missing[1].line, 6);
    assert_eq!(missing[1].severity, Severity::Error);
    // A prerequisite that is not a module.
    let role = only(d, "training/p/not-a-module.md", "E-broken-ref");
    assert_eq!(role.len(), 1);
    assert_eq!(
        role[0].message,
        "`roles/r` points at a role page, but this field needs a module page"
    );

    // Cycles: named in order, at the entry that closes them, once each.
    let two = only(d, "training/p/b.md", "E-prerequisite-cycle");
    assert_eq!(two.len(), 1, "{text}");
    assert_eq!(
        two[0].message,
        "prerequisite cycle: training/p/a -> training/p/b -> training/p/a"
    );
    assert_eq!((two[0].line, two[0].column), (5, 5));
    let three = only(d, "training/p/z.md", "E-prerequisite-cycle");
    assert_eq!(three.len(), 1, "{text}");
    assert_eq!(
        three[0].message,
        "prerequisite cycle: training/p/x -> training/p/y -> training/p/z -> training/p/x"
    );
    assert_eq!((three[0].line, three[0].column), (3, 17));
    let own = only(d, "training/p/self.md", "E-prerequisite-cycle");
    assert_eq!(own.len(), 1);
    assert_eq!(
        own[0].message,
        "module `training/p/self` lists itself as a prerequisite"
    );
    assert_eq!(
        d.iter()
            .filter(|x| x.code == "E-prerequisite-cycle")
            .count(),
        3,
        "{text}"
    );
    // A page where the coverage page goes.
    let reserved = only(d, "training/coverage.md", "E-reserved-path");
    assert_eq!(reserved.len(), 1, "{text}");
    assert!(
        reserved[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("rename the file")
    );

    // The rendered form names file, line and column, and shows the excerpt.
    assert!(text.contains("content/training/p/b.md:5:5"), "{text}");
    assert!(text.contains("- training/p/a"), "{text}");
}

#[test]
fn a_plan_that_adds_up_or_has_no_duration_gives_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "handbook.yml", "title: T\n");
    common::write(
        root,
        "content/training/p/ok.md",
        "---\ntitle: Ok\nduration_minutes: 30\nsessions: [{minutes: 10, activity: a}, {minutes: 20, activity: b}]\n---\n",
    );
    common::write(
        root,
        "content/training/p/no-duration.md",
        "---\ntitle: No duration\nsessions: [{minutes: 10, activity: a}]\n---\n",
    );
    common::write(
        root,
        "content/training/p/no-plan.md",
        "---\ntitle: No plan\nduration_minutes: 30\n---\n",
    );
    let outcome = common::build(root);
    assert!(
        !has_other_than_orphans(&outcome.diagnostics),
        "{}",
        outcome.diagnostics.to_plain_string()
    );
}

// 6. Review dates.

fn review_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "handbook.yml", "title: Reviews\n");
    common::write(
        root,
        "content/a-late.md",
        "---\ntitle: Late page\nreview_by: 2999-06-01\nowner: Bea\n---\n",
    );
    common::write(
        root,
        "content/b-overdue.md",
        "---\ntitle: Overdue page\nreview_by: 2001-03-01\nowner: Ann\n---\n",
    );
    common::write(root, "content/c-none.md", "---\ntitle: No date\n---\n");
    common::write(
        root,
        "content/d-soon.md",
        "---\ntitle: \"Soon, with a comma\"\nreview_by: 2500-01-01\n---\n",
    );
    common::write(
        root,
        "content/e-draft.md",
        "---\ntitle: Draft page\nreview_by: 2000-01-01\ndraft: true\nclassification: internal\n---\n",
    );
    dir
}

#[test]
fn an_overdue_page_shows_a_banner_and_build_and_check_warn() {
    let site = review_site();
    let mut options = BuildOptions::new(site.path());
    options.today = Date::parse("2026-01-01");
    let outcome = handbook::build(&options);
    assert!(outcome.ok());
    let warnings: Vec<String> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "W-review-overdue")
        .map(|d| d.to_string())
        .collect();
    // The draft is not published, so only the overdue published page warns.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("content/b-overdue.md:3:"),
        "{warnings:?}"
    );
    assert!(
        warnings[0].contains("page was due for review on 2001-03-01")
            && warnings[0].contains("ask Ann")
    );
    let out = site.path().join("public");
    let overdue = read(&out, "b-overdue.html");
    assert!(
        overdue.contains("banner-review")
            && overdue.contains("due for review on 2001-03-01; its owner is Ann")
    );
    assert!(!read(&out, "a-late.html").contains("banner-review"));
    // The same page judged on an earlier day is not overdue: the date decides, not the file.
    options.today = Date::parse("2000-01-01");
    options.output = Some(site.path().join("public2"));
    let earlier = handbook::build(&options);
    assert!(
        !has_other_than_orphans(&earlier.diagnostics),
        "{}",
        earlier.diagnostics.to_plain_string()
    );
    assert!(!read(&site.path().join("public2"), "b-overdue.html").contains("banner-review"));
}

#[test]
fn report_review_lists_pages_by_date_with_owner_and_overdue_flag() {
    let site = review_site();
    let today = Date::parse("2026-01-01").unwrap();
    let json = report::review_report(site.path(), today, Format::Json)
        .text
        .expect("report");
    let v: Value = serde_json::from_str(&json).unwrap();
    let files: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "content/e-draft.md",
            "content/b-overdue.md",
            "content/d-soon.md",
            "content/a-late.md"
        ]
    );
    assert_eq!(v["overdue"], 2);
    let e = &v["entries"][1];
    assert_eq!(
        (
            e["review_by"].as_str(),
            e["overdue"].as_bool(),
            e["owner"].as_str()
        ),
        (Some("2001-03-01"), Some(true), Some("Ann"))
    );
    assert_eq!(v["entries"][0]["draft"], true);
    assert_eq!(v["entries"][0]["internal"], true);
    assert_eq!(v["entries"][3]["overdue"], false);

    let csv = report::review_report(site.path(), today, Format::Csv)
        .text
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "review_by,overdue,owner,title,kind,file,draft,internal"
    );
    assert_eq!(
        lines[2],
        "2001-03-01,yes,Ann,Overdue page,page,content/b-overdue.md,no,no"
    );
    assert_eq!(
        lines[3],
        "2500-01-01,no,,\"Soon, with a comma\",page,content/d-soon.md,no,no"
    );
    assert_eq!(lines.len(), 5);

    let table = report::review_report(site.path(), today, Format::Table)
        .text
        .unwrap();
    assert!(
        table.contains("4 of 5 pages have a review date; 2 overdue on 2026-01-01."),
        "{table}"
    );
    let overdue_line = table.lines().find(|l| l.contains("Overdue page")).unwrap();
    assert!(
        overdue_line.contains("2001-03-01")
            && overdue_line.contains("OVERDUE")
            && overdue_line.contains("Ann")
    );
    let soon = table.lines().find(|l| l.contains("Soon")).unwrap();
    assert!(
        !soon.contains("OVERDUE") && soon.contains(" - "),
        "no owner shows as -: {soon}"
    );
    assert!(table.find("Overdue page").unwrap() < table.find("Late page").unwrap());

    // The command: table by default, csv and json on request, exit 1 on a broken page.
    for (args, needle) in [
        (vec![], "Review dates"),
        (vec!["--format", "csv"], "review_by,overdue,owner"),
        (vec!["--format", "json"], "\"entries\""),
    ] {
        let out = handbook()
            .args(["report", "review", "--root"])
            .arg(site.path())
            .args(&args)
            .assert()
            .code(0);
        assert!(
            String::from_utf8_lossy(&out.get_output().stdout).contains(needle),
            "{args:?}"
        );
    }
    common::write(site.path(), "content/broken.md", "---\ntitle: [\n---\n");
    handbook()
        .args(["report", "review", "--root"])
        .arg(site.path())
        .assert()
        .code(1);
}

#[test]
fn report_help_has_examples() {
    for cmd in [
        vec!["report", "--help"],
        vec!["report", "coverage", "--help"],
        vec!["report", "review", "--help"],
    ] {
        let out = handbook().args(&cmd).assert().code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            text.contains("Example") && text.contains("handbook report"),
            "{cmd:?}: {text}"
        );
        assert!(cmd.len() == 2 || text.contains("--format"), "{cmd:?}");
    }
}
