//! `handbook import jd`: the five seed job descriptions are imported and compared with the
//! hand-made role pages built from them (criteria with the same text, need and assessment;
//! header facts), and bad input gets a located error, never a panic.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_yaml::Value;

/// Seed file -> the hand-made role page built from it.
const SEEDS: [(&str, &str); 5] = [
    ("000_63164fa7b8f12826.txt", "compass-psychotherapist"),
    ("001_e2902109954c67c6.txt", "dtc-head-of-psychotherapy"),
    (
        "002_3c06fff677c8e87e.txt",
        "dtc-lead-core-creative-psychotherapist",
    ),
    ("003_a6894aa9f5d630ef.txt", "dtc-group-psychotherapist"),
    (
        "004_112847215aa73a45.txt",
        "therapeutic-support-practitioner",
    ),
];

/// The five job descriptions: the copies in `tests/fixtures/sources/seeds` (kept equal to
/// `../shared/seeds` by `tests/sources.rs`), so the recovery figures are measured in any clone.
fn seeds() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/seeds");
    assert!(
        dir.join("README.md").is_file(),
        "{}: the copied seeds",
        dir.display()
    );
    dir
}

fn front_matter(page: &str) -> Value {
    let body = page.strip_prefix("---\n").expect("front matter");
    let end = body.find("\n---\n").expect("end of front matter");
    serde_yaml::from_str(&body[..end]).expect("YAML")
}

fn norm(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([';', '.', ',', ' '])
        .to_lowercase()
}

fn text(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => serde_yaml::to_string(other)
            .ok()
            .map(|s| s.trim().to_string()),
    }
}

fn assessed(c: &Value) -> Vec<String> {
    let mut v: Vec<String> = c
        .get("assessed_by")
        .and_then(Value::as_sequence)
        .map(|s| {
            s.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Each criterion of a page's `person_spec` as (text, need, assessed by).
fn criteria(c: &[Value]) -> Vec<(String, String, Vec<String>)> {
    c.iter()
        .map(|c| {
            (
                text(c, "text").unwrap(),
                text(c, "need").unwrap(),
                assessed(c),
            )
        })
        .collect()
}

fn import(file: &Path, root: &Path) -> (bool, String, String) {
    let out = Command::cargo_bin("handbook")
        .unwrap()
        .args(["import", "jd"])
        .arg(file)
        .arg("--out")
        .arg("page.md")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One header fact matches when the numbers in the hand-made value all appear in the
/// imported one (and, in a short value such as `Band 7`, its words too); a value without
/// numbers matches when one holds the other's words in order and is at most twice as
/// long (`Two Pastoral Support Workers` for `Responsible for two Pastoral Support
/// Workers`), so that a bare `No` or `7` does not pass for a whole value.
fn fact_matches(hand: &str, got: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        norm(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (h, g) = (words(hand), words(got));
    let numbers = |w: &[String]| -> Vec<String> {
        w.iter()
            .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
            .cloned()
            .collect()
    };
    let hn = numbers(&h);
    if !hn.is_empty() {
        let gn = numbers(&g);
        let short_words = h.len() > 3 || h.iter().all(|w| g.contains(w));
        return hn.iter().all(|d| gn.contains(d)) && short_words;
    }
    let (short, long) = if h.len() <= g.len() {
        (&h, &g)
    } else {
        (&g, &h)
    };
    !short.is_empty()
        && 2 * short.len() >= long.len()
        && long.windows(short.len()).any(|w| w == short.as_slice())
}

#[test]
fn a_header_fact_matches_only_as_a_whole() {
    assert!(fact_matches("Band 7", "Band 7"));
    assert!(!fact_matches("Band 7", "7"));
    assert!(fact_matches("37.5", "37.5"));
    assert!(fact_matches(
        "Responsible for two Pastoral Support Workers",
        "Two Pastoral Support Workers"
    ));
    assert!(fact_matches(
        "National Offender Management Service (NOMS)",
        "National Offender Management Service (NOMS)"
    ));
    assert!(!fact_matches(
        "None (no supervisory responsibilities)",
        "No"
    ));
    assert!(!fact_matches(
        "National Offender Management Service (NOMS)",
        "NOMS"
    ));
    assert!(!fact_matches("Compass Community", "Compass Fostering"));
}

struct Figures {
    criteria: usize,
    /// How many criteria the import wrote (more than the page holds are fragments).
    imported: usize,
    recovered: usize,
    facts: usize,
    facts_found: usize,
    missing: Vec<String>,
}

fn measure(seed: &Path, hand: &Path, work: &Path) -> Figures {
    let (ok, _, err) = import(seed, work);
    assert!(ok, "{}: {err}", seed.display());
    let got = front_matter(&std::fs::read_to_string(work.join("page.md")).unwrap());
    std::fs::remove_file(work.join("page.md")).unwrap();
    let want = front_matter(&std::fs::read_to_string(hand).unwrap());
    let got_c = got
        .get("person_spec")
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    let want_c = want
        .get("person_spec")
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    let mut recovered = 0;
    let mut missing = Vec::new();
    for w in &want_c {
        let t = norm(&text(w, "text").unwrap_or_default());
        let hit = got_c.iter().any(|g| {
            norm(&text(g, "text").unwrap_or_default()) == t
                && text(g, "need").unwrap_or("unspecified".into())
                    == text(w, "need").unwrap_or("unspecified".into())
                && assessed(g) == assessed(w)
        });
        if hit {
            recovered += 1;
        } else {
            missing.push(format!("criterion: {t}"));
        }
    }
    let mut facts = 0;
    let mut found = 0;
    for key in [
        "organisation",
        "grade",
        "group_profile",
        "reports_to",
        "location",
        "salary",
        "line_management",
        "hours_per_week",
    ] {
        if let Some(h) = text(&want, key) {
            facts += 1;
            match text(&got, key) {
                Some(g) if fact_matches(&h, &g) => found += 1,
                g => missing.push(format!("{key}: want {h:?}, got {g:?}")),
            }
        }
    }
    if let Some(src) = want.get("source") {
        for key in ["document", "version", "issued"] {
            if let Some(h) = text(src, key) {
                facts += 1;
                match got.get("source").and_then(|s| text(s, key)) {
                    Some(g) if fact_matches(&h, &g) => found += 1,
                    g => missing.push(format!("source.{key}: want {h:?}, got {g:?}")),
                }
            }
        }
    }
    Figures {
        criteria: want_c.len(),
        imported: got_c.len(),
        recovered,
        facts,
        facts_found: found,
        missing,
    }
}

#[test]
fn the_seed_job_descriptions_give_back_the_hand_made_role_pages() {
    let dir = seeds();
    let work = tempfile::tempdir().unwrap();
    let roles = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/roles");
    let mut report = Vec::new();
    for (seed, role) in SEEDS {
        let f = measure(
            &dir.join(seed),
            &roles.join(format!("{role}.md")),
            work.path(),
        );
        let pct = if f.criteria == 0 {
            100.0
        } else {
            100.0 * f.recovered as f64 / f.criteria as f64
        };
        println!(
            "{seed} -> {role}: criteria {}/{} ({pct:.0}%) same text, need and assessment, {} imported; header facts {}/{}",
            f.recovered, f.criteria, f.imported, f.facts_found, f.facts
        );
        for m in &f.missing {
            println!("    not recovered: {m}");
        }
        report.push((seed, pct, f));
    }
    // The bar: 95% of each page's criteria, and every header fact it holds.
    for (seed, pct, f) in &report {
        assert!(*pct >= 95.0, "{seed}: only {pct:.0}% of criteria recovered");
        // No fragments beside them: a criterion the page does not hold is a misreading.
        assert!(
            f.imported <= f.criteria,
            "{seed}: {} criteria imported for {} on the page",
            f.imported,
            f.criteria
        );
        assert_eq!(
            f.facts_found, f.facts,
            "{seed}: header facts {}/{}: {:?}",
            f.facts_found, f.facts, f.missing
        );
    }
}

/// The seed's text as a .docx: each line a paragraph, label/value lines (tab-separated)
/// as two-cell table rows, as Word holds the NOMS job evaluation tables.
fn docx_from_text(text: &str, path: &Path) {
    use std::io::Write;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let para = |s: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(s)
        )
    };
    let mut body = String::new();
    for line in text.lines() {
        if let Some((label, value)) = line.split_once('\t') {
            body.push_str(&format!(
                "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                para(label),
                para(value)
            ));
        } else {
            body.push_str(&para(line));
        }
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", o).unwrap();
    z.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>").unwrap();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
}

/// A PDF with one text line per source line, written with lopdf.
fn pdf_from_text(text: &str, path: &Path, with_text: bool) {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    // Table cells (tab-separated in the text) are placed apart, and list items each on
    // a line of their own, as a rendered page shows them.
    let split: Vec<String> = text
        .lines()
        .flat_map(|l| l.split('\t'))
        .flat_map(|l| {
            l.split(" • ")
                .enumerate()
                .map(|(i, p)| {
                    if i == 0 {
                        p.to_string()
                    } else {
                        format!("- {p}")
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let lines: Vec<&str> = split.iter().map(String::as_str).collect();
    for chunk in lines.chunks(50) {
        let mut ops = Vec::new();
        if with_text {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 9.into()]));
            ops.push(Operation::new("TL", vec![14.into()]));
            ops.push(Operation::new("Td", vec![40.into(), 780.into()]));
            for l in chunk {
                let ascii: String = l
                    .chars()
                    .map(|c| match c {
                        '\u{a0}' | '\t' => ' ',
                        '\u{2019}' | '\u{2018}' => '\'',
                        c if c.is_ascii() => c,
                        _ => '?',
                    })
                    .collect();
                ops.push(Operation::new("Tj", vec![Object::string_literal(ascii)]));
                ops.push(Operation::new("T*", vec![]));
            }
            ops.push(Operation::new("ET", vec![]));
        } else {
            ops.push(Operation::new(
                "re",
                vec![40.into(), 40.into(), 500.into(), 700.into()],
            ));
            ops.push(Operation::new("f", vec![]));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::from(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.save(path).unwrap();
}

#[test]
fn a_docx_and_a_pdf_made_from_the_seed_text_give_the_same_criteria() {
    let dir = seeds();
    let work = tempfile::tempdir().unwrap();
    let roles = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/roles");
    for (seed, role) in [SEEDS[1], SEEDS[3], SEEDS[4]] {
        let text = std::fs::read_to_string(dir.join(seed)).unwrap();
        let hand = roles.join(format!("{role}.md"));
        let docx = work.path().join("jd.docx");
        docx_from_text(&text, &docx);
        let d = measure(&docx, &hand, work.path());
        let pdf = work.path().join("jd.pdf");
        pdf_from_text(&text, &pdf, true);
        let p = measure(&pdf, &hand, work.path());
        println!(
            "{seed}: docx criteria {}/{}, header facts {}/{}; pdf criteria {}/{}, header facts {}/{}",
            d.recovered,
            d.criteria,
            d.facts_found,
            d.facts,
            p.recovered,
            p.criteria,
            p.facts_found,
            p.facts
        );
        for m in d.missing.iter().chain(&p.missing) {
            println!("    not recovered: {m}");
        }
        assert!(d.recovered * 100 >= d.criteria * 95, "{seed} docx");
        assert_eq!(d.facts_found, d.facts, "{seed} docx: {:?}", d.missing);
        // The PDF keeps no blank lines, and each table cell is a line of its own.
        assert!(p.recovered * 100 >= p.criteria * 95, "{seed} pdf");
        assert_eq!(p.facts_found, p.facts, "{seed} pdf: {:?}", p.missing);
    }
}

fn fails_with(file: &Path, needle: &str) {
    let work = tempfile::tempdir().unwrap();
    let (ok, out, err) = import(file, work.path());
    assert!(!ok, "{}: should fail, printed {out}", file.display());
    assert!(!err.contains("panicked"), "{err}");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(err.contains(&name), "the error names the file: {err}");
    assert!(err.contains(needle), "{needle:?} in {err}");
    assert!(!work.path().join("page.md").exists());
}

#[test]
fn bad_input_gets_a_clear_located_error_and_no_page() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    std::fs::write(w.join("empty.txt"), "").unwrap();
    fails_with(&w.join("empty.txt"), "empty");
    std::fs::write(w.join("latin1.txt"), b"Job Title\nCaf\xe9 manager\n").unwrap();
    fails_with(
        &w.join("latin1.txt"),
        "latin1.txt:2:4: the text is not UTF-8",
    );
    std::fs::write(
        w.join("corrupt.docx"),
        b"PK\x03\x04 this is not really a zip",
    )
    .unwrap();
    fails_with(&w.join("corrupt.docx"), "not a Word document");
    std::fs::write(w.join("fake.pdf"), b"hello").unwrap();
    fails_with(&w.join("fake.pdf"), "not a PDF");
    pdf_from_text("", &w.join("scan.pdf"), false);
    fails_with(&w.join("scan.pdf"), "no text found");
    // An encrypted PDF: a real file's trailer names an /Encrypt dictionary.
    pdf_from_text("Job Title\nSecret post\n", &w.join("locked.pdf"), true);
    let mut doc = lopdf::Document::load(w.join("locked.pdf")).unwrap();
    let enc = doc.add_object(lopdf::Dictionary::from_iter(vec![
        ("Filter", lopdf::Object::Name(b"Standard".to_vec())),
        ("V", 1.into()),
        ("R", 2.into()),
        ("O", lopdf::Object::string_literal(vec![0u8; 32])),
        ("U", lopdf::Object::string_literal(vec![0u8; 32])),
        ("P", (-4).into()),
    ]));
    doc.trailer.set("Encrypt", enc);
    doc.trailer.set(
        "ID",
        vec![
            lopdf::Object::string_literal(vec![1u8; 16]),
            lopdf::Object::string_literal(vec![1u8; 16]),
        ],
    );
    doc.save(w.join("locked.pdf")).unwrap();
    fails_with(&w.join("locked.pdf"), "encrypt");
    fails_with(&w.join("missing.txt"), "cannot read");
}

/// A prose job description with headings and bullets. Fictional: the organisation and
/// every fact in it are made up for this test and claim nothing about a real post.
const PROSE_JD: &str = "\
Example Care Trust (a fictional organisation, made up for this test)

Job title: Residential Therapy Worker
Grade: Scale 5
Location: Anytown (fictional)
Hours: 37.5 hours per week
Reports to: Therapy Manager
Salary: £25,000 - £27,000

Main purpose of the job
To support young people living in the home through planned therapeutic care.

Key responsibilities
- Keep daily records of each young person's care
  and share them with the team.
- Take part in weekly reflective practice meetings.

Person specification

Qualifications
- Level 3 Diploma in Residential Childcare
- A degree in a related subject

Desirable

Experience
- Working with young people in a care setting

A/I
";

/// A person specification table with Essential/Desirable and A/I/R columns, as a
/// document's text comes out of a table. Fictional, like the one above.
const TABLE_JD: &str = "\
Job Title\tFamily Liaison Officer
Organisation\tNorthfield Example School (fictional, made up for this test)
Responsible to\tDeputy Head
Hours of work\t30 hours a week, term time

PERSON SPECIFICATION
Criteria\tEssential\tDesirable\tHow assessed
Knowledge and skills
Good written English\tE\t\tA/I
Able to use spreadsheets\t\tD\tA
Personal qualities
Calm under pressure\tE\t\tI/R
";

#[test]
fn other_layouts_prose_and_an_essential_desirable_table() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    std::fs::write(w.join("prose.txt"), PROSE_JD).unwrap();
    let (ok, out, err) = import(&w.join("prose.txt"), w);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(w.join("page.md")).unwrap();
    let fm = front_matter(&page);
    assert_eq!(text(&fm, "title").unwrap(), "Residential Therapy Worker");
    assert_eq!(text(&fm, "grade").unwrap(), "Scale 5");
    assert_eq!(text(&fm, "hours_per_week").unwrap(), "37.5");
    assert_eq!(text(&fm, "reports_to").unwrap(), "Therapy Manager");
    let c = fm["person_spec"].as_sequence().unwrap();
    assert_eq!(c.len(), 3, "{page}");
    assert_eq!(text(&c[0], "need").unwrap(), "desirable");
    assert_eq!(
        text(&c[2], "text").unwrap(),
        "Working with young people in a care setting"
    );
    assert_eq!(assessed(&c[2]), ["application", "interview"]);
    assert!(
        page.contains(
            "- Keep daily records of each young person's care and share them with the team."
        ),
        "{page}"
    );
    assert!(
        out.contains("category \"qualifications\" is guessed"),
        "{out}"
    );
    std::fs::remove_file(w.join("page.md")).unwrap();

    std::fs::write(w.join("table.txt"), TABLE_JD).unwrap();
    let (ok, _, err) = import(&w.join("table.txt"), w);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(w.join("page.md")).unwrap();
    let fm = front_matter(&page);
    assert_eq!(text(&fm, "reports_to").unwrap(), "Deputy Head");
    let c = fm["person_spec"].as_sequence().unwrap();
    let got = criteria(c);
    assert_eq!(
        got,
        [
            (
                "Good written English".into(),
                "essential".into(),
                vec!["application".to_string(), "interview".into()]
            ),
            (
                "Able to use spreadsheets".into(),
                "desirable".into(),
                vec!["application".to_string()]
            ),
            (
                "Calm under pressure".into(),
                "essential".into(),
                vec!["interview".to_string(), "references".into()]
            ),
        ],
        "{page}"
    );
}

#[test]
fn check_warns_at_each_review_item_until_it_is_removed() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path();
    Command::cargo_bin("handbook")
        .unwrap()
        .arg("init")
        .arg(root.join("site"))
        .assert()
        .success();
    let site = root.join("site");
    std::fs::write(root.join("prose.txt"), PROSE_JD).unwrap();
    let out = Command::cargo_bin("handbook")
        .unwrap()
        .args(["import", "jd"])
        .arg(root.join("prose.txt"))
        .arg("--root")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = site.join("content/roles/residential-therapy-worker.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let check = |deny: bool| {
        let mut c = Command::cargo_bin("handbook").unwrap();
        c.arg("check").arg("--root").arg(&site);
        if deny {
            c.arg("--deny-warnings");
        }
        c.output().unwrap()
    };
    let o = check(false);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "the imported page builds: {err}");
    assert!(err.contains("W-review-pending"), "{err}");
    let line = text.lines().position(|l| l.starts_with("review:")).unwrap() + 2;
    assert!(
        err.contains(&format!("residential-therapy-worker.md:{line}:")),
        "{err}"
    );
    assert!(!check(true).status.success());
    // A person checks the values and clears the list: no more warnings from it.
    let start = text.find("review:\n").unwrap();
    let end = start + text[start..].find("person_spec:").unwrap();
    std::fs::write(&page, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let o = check(false);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("W-review-pending"), "{err}");
}

/// A third common layout: a letterhead line, `Key responsibilities` as a numbered list,
/// and a person specification in two tables under `Essential` and `Desirable`
/// sub-headings, each with a `Method of assessment` column (tab-separated cells, as the
/// text of a Word table comes out). Fictional: the employer, the post and every fact are
/// made up for this test and claim nothing about a real post.
const SUBHEADED_JD: &str = "\
Riverside Example Housing Trust
(A fictional employer, made up for this test.)

JOB DESCRIPTION

Post title: Tenancy Support Officer
Grade: 5
Base: Riverside House, Anytown
Hours: 35 hours per week
Accountable to: Tenancy Services Manager
Supervisory responsibilities: None

Job purpose
To help tenants keep their homes by giving practical support and advice.

Key responsibilities
1. Visit tenants at home and agree a support plan with each of them.
2. Keep accurate case records on the housing system.
3. Work with benefit, health and social care services
   to resolve problems with a tenancy.

Person specification

Essential
Criterion\tMethod of assessment
Experience
Experience of supporting people to keep a tenancy\tApplication / Interview
Skills and knowledge
Good written and spoken English\tInterview
A full driving licence\tCertificate

Desirable
Criterion\tMethod of assessment
Qualifications
A housing qualification at level 3 or above\tCertificate
Knowledge of welfare benefits\tInterview / Test

This post is subject to a basic DBS check.

OTHER INFORMATION
The trust reviews its job descriptions every year.
";

#[test]
fn a_key_responsibilities_layout_with_essential_and_desirable_tables() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    std::fs::write(w.join("subheaded.txt"), SUBHEADED_JD).unwrap();
    let (ok, out, err) = import(&w.join("subheaded.txt"), w);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(w.join("page.md")).unwrap();
    let fm = front_matter(&page);
    assert_eq!(text(&fm, "title").unwrap(), "Tenancy Support Officer");
    assert_eq!(text(&fm, "grade").unwrap(), "Grade 5", "{page}");
    assert_eq!(text(&fm, "location").unwrap(), "Riverside House, Anytown");
    assert_eq!(text(&fm, "hours_per_week").unwrap(), "35");
    assert_eq!(text(&fm, "reports_to").unwrap(), "Tenancy Services Manager");
    assert_eq!(
        text(&fm, "line_management").unwrap(),
        "None (no supervisory responsibilities)"
    );
    // The employer is named only in the letterhead: taken from it, and listed for review.
    assert_eq!(
        text(&fm, "organisation").unwrap(),
        "Riverside Example Housing Trust"
    );
    assert!(
        out.contains("organisation \"Riverside Example Housing Trust\" is inferred from the line"),
        "{out}"
    );
    let c = fm["person_spec"].as_sequence().unwrap();
    let got = criteria(c);
    let want = |t: &str, n: &str, a: &[&str]| {
        (
            t.to_string(),
            n.to_string(),
            a.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        got,
        [
            want(
                "Experience of supporting people to keep a tenancy",
                "essential",
                &["application", "interview"]
            ),
            want(
                "Good written and spoken English",
                "essential",
                &["interview"]
            ),
            want("A full driving licence", "essential", &["documents"]),
            want(
                "A housing qualification at level 3 or above",
                "desirable",
                &["documents"]
            ),
            want(
                "Knowledge of welfare benefits",
                "desirable",
                &["interview", "test"]
            ),
            want(
                "This post is subject to a basic DBS check.",
                "essential",
                &[]
            ),
        ],
        "{page}"
    );
    assert_eq!(text(&c[0], "category").unwrap(), "experience");
    assert_eq!(text(&c[3], "category").unwrap(), "qualifications");
    // The duties, a wrapped item joined back, and the capitals heading kept apart.
    assert!(
        page.contains("- Work with benefit, health and social care services to resolve problems with a tenancy."),
        "{page}"
    );
    assert!(page.contains("## OTHER INFORMATION"), "{page}");
    assert!(
        !page.contains("Method of assessment\""),
        "a column header is not a criterion: {page}"
    );
}

/// Two more fictional layouts, made up for this test: capitals `ESSENTIAL CRITERIA` /
/// `DESIRABLE CRITERIA` sub-headings with a duty that states the line management, and a
/// document with no labels for its title or employer that mentions teams by acronym.
const CAPITALS_JD: &str = "\
Northgate Example NHS Foundation Trust

Job title: Clinical Nurse Specialist
Band: 7
Hours: 37.5 hours per week

Main duties
- You will line manage a team of 4 staff nurses.
- Work within CAMHS and adult services to plan care.

PERSON SPECIFICATION

ESSENTIAL CRITERIA
- Registered nurse with current NMC registration
- Experience of working in a mental health setting

DESIRABLE CRITERIA
- A post-registration qualification in mental health
";

const UNLABELLED_JD: &str = "\
Finance Officer

Responsible to: Head of Finance

Purpose of the post
The post holder works within IT and HR to run the payroll.

Person Specification
Criteria\tEssential/Desirable\tAssessed by
Experience
Two years in a payroll role\tE\tA/I
";

#[test]
fn capitals_sub_headings_and_facts_the_document_does_not_label() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    std::fs::write(w.join("capitals.txt"), CAPITALS_JD).unwrap();
    let (ok, out, err) = import(&w.join("capitals.txt"), w);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(w.join("page.md")).unwrap();
    let fm = front_matter(&page);
    assert_eq!(text(&fm, "grade").unwrap(), "Band 7");
    assert_eq!(
        text(&fm, "organisation").unwrap(),
        "Northgate Example NHS Foundation Trust"
    );
    assert_eq!(
        text(&fm, "line_management").unwrap(),
        "A team of 4 staff nurses"
    );
    assert!(
        out.contains("line_management \"A team of 4 staff nurses\" is taken from \"You will line manage a team of 4 staff nurses\""),
        "{out}"
    );
    let c = fm["person_spec"].as_sequence().unwrap();
    let needs: Vec<String> = c.iter().map(|c| text(c, "need").unwrap()).collect();
    assert_eq!(needs, ["essential", "essential", "desirable"], "{page}");
    std::fs::remove_file(w.join("page.md")).unwrap();

    std::fs::write(w.join("unlabelled.txt"), UNLABELLED_JD).unwrap();
    let (ok, out, err) = import(&w.join("unlabelled.txt"), w);
    assert!(ok, "{err}");
    let fm = front_matter(&std::fs::read_to_string(w.join("page.md")).unwrap());
    assert_eq!(text(&fm, "title").unwrap(), "Finance Officer");
    assert!(
        out.contains("title \"Finance Officer\" is taken from the document's first line"),
        "{out}"
    );
    // A team named once by acronym is not the employer: nothing is invented.
    assert!(fm.get("organisation").is_none(), "{fm:?}");
    assert!(fm.get("line_management").is_none(), "{fm:?}");
}

/// A fictional NHS-style job description saved as Markdown: the person specification is
/// a pipe table (`| criterion | E | D | method |`, with a rule row and empty cells), and
/// the duties are grouped under short titles over their lists.
const PIPE_TABLE_JD: &str = "JOB DESCRIPTION

Job Title: Family Therapist
Band: 7
Base: Riverside Clinic, Northtown
Hours: 37.5 hours per week
Reports to: Lead Family Therapist

Job Purpose
To provide systemic family therapy to children, young people and their families.

Main Duties and Responsibilities
Clinical
- Carry a caseload of families with complex needs.
- Keep accurate clinical records in line with Trust policy.

Supervision and Training
- Provide clinical supervision to trainee family therapists.

PERSON SPECIFICATION

| Criteria | Essential | Desirable | Method of Assessment |
|---|---|---|---|
| Qualifications | | | |
| Masters level qualification in Systemic Psychotherapy | E | | Application |
| Experience | | | |
| Experience of running groups | | D | Interview |
| Ability to work as part of a multidisciplinary team | E | | Interview / Reference |
";

#[test]
fn a_pipe_table_and_duties_grouped_under_short_titles() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    std::fs::write(w.join("family-therapist.md"), PIPE_TABLE_JD).unwrap();
    let (ok, out, err) = import(&w.join("family-therapist.md"), w);
    assert!(ok, "{err}");
    assert!(out.contains("3 criteria, 2 groups of duties"), "{out}");
    let page = std::fs::read_to_string(w.join("page.md")).unwrap();
    let fm = front_matter(&page);
    assert_eq!(text(&fm, "grade").unwrap(), "Band 7");
    let got = criteria(fm["person_spec"].as_sequence().unwrap());
    assert_eq!(
        got,
        [
            (
                "Masters level qualification in Systemic Psychotherapy".into(),
                "essential".into(),
                vec!["application".to_string()]
            ),
            (
                "Experience of running groups".into(),
                "desirable".into(),
                vec!["interview".to_string()]
            ),
            (
                "Ability to work as part of a multidisciplinary team".into(),
                "essential".into(),
                vec!["interview".to_string(), "references".into()]
            ),
        ],
        "{page}"
    );
    for want in [
        "## Main Duties and Responsibilities\n\n### Clinical\n\n- Carry a caseload",
        "### Supervision and Training\n\n- Provide clinical supervision",
    ] {
        assert!(page.contains(want), "{want:?} in:\n{page}");
    }
}
