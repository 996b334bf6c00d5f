//! The bundled handbook answers staff's, trainers' and recruiters' questions (issue 21):
//! the glossary expands what the fact sheet or a job description expands, the safeguarding
//! page gives each setting's route and framework, every role's checklist carries prompts
//! marked as the handbook's own, and the national facts on the new pages come from the
//! fact sheet or a source document.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fact sheet and the five job descriptions (the copies in `tests/fixtures/sources/`,
/// which `tests/sources.rs` keeps equal to the shared originals), lower case, with
/// whitespace collapsed.
fn sources_text() -> String {
    let dir = repo().join("tests/fixtures/sources");
    let mut text = std::fs::read_to_string(dir.join("domain-facts.md")).expect("the fact sheet");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(dir.join("seeds"))
        .expect("the seeds")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5, "the five job descriptions");
    for p in seeds {
        text.push_str(&std::fs::read_to_string(p).expect("a seed"));
        text.push('\n');
    }
    norm(&text)
}

fn norm(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The bundled handbook, built once into a temporary folder.
fn site() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let mut options = handbook::BuildOptions::new(repo());
        options.output = Some(out.clone());
        let outcome = handbook::build(&options);
        assert!(
            outcome.diagnostics.is_empty(),
            "{}",
            outcome.diagnostics.to_plain_string()
        );
        (dir, out)
    });
    out
}

fn html(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The glossary's terms by abbreviation (or by term when there is none).
fn glossary() -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(repo().join("content/glossary.md")).expect("glossary");
    let fm = text
        .split("\n---\n")
        .next()
        .unwrap_or("")
        .trim_start_matches("---\n");
    let yaml: serde_yaml::Value = serde_yaml::from_str(fm).expect("glossary front matter");
    let mut out = BTreeMap::new();
    for t in yaml["terms"].as_sequence().expect("terms") {
        let term = t["term"].as_str().unwrap_or("").to_string();
        let definition = t["definition"].as_str().unwrap_or("").to_string();
        let key = t["abbreviation"]
            .as_str()
            .map_or(term.clone(), str::to_string);
        out.insert(key, (term, definition));
    }
    out
}

#[test]
fn abbreviations_the_fact_sheet_expands_are_expanded_and_section_8_terms_are_there() {
    let g = glossary();
    let sources = sources_text();
    let expected = [
        ("HMPPS", "His Majesty's Prison and Probation Service"),
        ("MoJ", "Ministry of Justice"),
        ("NHS", "National Health Service"),
        ("CBT", "Cognitive behavioural therapy"),
        ("OASys", "Offender Assessment System"),
        ("GCSE", "General Certificate of Secondary Education"),
        ("HMP", "His Majesty's Prison"),
        ("EO", "Executive Officer"),
        ("HEO", "Higher Executive Officer"),
        ("SEO", "Senior Executive Officer"),
        ("SO1", "Senior Officer grade 1"),
        ("SCP", "Spinal column point"),
        ("FTE", "Full-time equivalent"),
        ("DSL", "Designated Safeguarding Lead"),
        ("LADO", "Local Authority Designated Officer"),
        ("KCSiE", "Keeping Children Safe in Education"),
        ("SEND", "Special educational needs and disabilities"),
        ("SENCO", "Special educational needs co-ordinator"),
        ("EHCP", "Education, health and care plan"),
        ("PIPE", "Psychologically Informed Planned Environment"),
        ("OPD", "Offender Personality Disorder pathway"),
        ("Prevent", "Prevent"),
        ("Listeners", "Listeners"),
        ("Whistleblowing", "Whistleblowing"),
        (
            "Working Together to Safeguard Children",
            "Working Together to Safeguard Children",
        ),
    ];
    let mut problems = Vec::new();
    for (abbr, term) in expected {
        match g.get(abbr) {
            None => problems.push(format!("no glossary entry {abbr}")),
            Some((t, d)) => {
                if t != term {
                    problems.push(format!("{abbr}: term `{t}`, expected `{term}`"));
                }
                if d.contains("do not expand") || d.contains("does not expand") {
                    problems.push(format!(
                        "{abbr} is expanded by the fact sheet but says it is not"
                    ));
                }
                let expansion = norm(term).replace(" pathway", "");
                if !sources.is_empty() && !sources.contains(&expansion) {
                    problems.push(format!(
                        "{abbr}: `{term}` is in neither the fact sheet nor a job description"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_safeguarding_page_gives_each_settings_route_and_framework_after_a_danger_warning() {
    let page = html("guidance/safeguarding.html");
    let danger = page
        .find("If someone is in immediate danger")
        .expect("danger warning");
    let first_h2 = page
        .find("<h2 id=\"who-to-tell-by-setting\"")
        .expect("routes table");
    assert!(
        danger < first_h2,
        "the warning comes before everything else"
    );
    assert!(
        page.contains("local-contacts"),
        "the page shows the local contacts box"
    );
    let table = &page[first_h2
        ..page[first_h2..]
            .find("</table>")
            .map_or(page.len(), |i| first_h2 + i)];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    let row = |setting: &str| {
        rows.iter()
            .find(|r| r.contains(setting))
            .unwrap_or_else(|| panic!("no row for {setting}"))
            .to_string()
    };
    let prison = row("Prison");
    for x in [
        "glossary.html#acct",
        "glossary.html#mappa",
        "glossary.html#prevent",
    ] {
        assert!(prison.contains(x), "prison row lacks {x}: {prison}");
    }
    let children = row("Compass Community");
    for x in [
        "the Therapy Lead",
        "glossary.html#lado",
        "glossary.html#fostering-nms",
        "standard 22",
        "glossary.html#working-together",
    ] {
        assert!(
            children.contains(x),
            "children's services row lacks {x}: {children}"
        );
    }
    let school = row("Co-op Academy Oakwood");
    for x in [
        "glossary.html#dsl",
        "glossary.html#kcsie",
        "Part four",
        "Keeping learners safe",
    ] {
        assert!(school.contains(x), "school row lacks {x}: {school}");
    }
}

#[test]
fn every_roles_checklist_has_prompts_for_each_criterion_marked_as_the_handbooks_own() {
    let roles = [
        "compass-psychotherapist",
        "dtc-head-of-psychotherapy",
        "dtc-lead-core-creative-psychotherapist",
        "dtc-group-psychotherapist",
        "therapeutic-support-practitioner",
    ];
    for role in roles {
        let page = html(&format!("roles/{role}/checklist.html"));
        let criteria = page.matches("<li class=\"criterion ").count();
        let prompts = page.matches("<details class=\"prompts no-print\">").count();
        assert!(
            criteria > 0 && prompts == criteria,
            "{role}: {criteria} criteria, {prompts} prompt lists"
        );
        assert_eq!(
            page.matches("(the handbook's suggestions, not the employer's)")
                .count(),
            criteria,
            "{role}"
        );
        for li in page.split("<li class=\"criterion ").skip(1) {
            let text = li
                .split("data-text=\"")
                .nth(1)
                .and_then(|t| t.split('"').next())
                .unwrap_or("");
            let details = li.split("<details").nth(1).unwrap_or("");
            assert!(
                details.contains(text),
                "{role}: the prompts do not quote the criterion `{text}`"
            );
            assert!(
                details.contains("<strong>Interview:</strong>")
                    && details.contains("<strong>Evidence:</strong>"),
                "{role}"
            );
        }
    }
}

#[test]
fn national_facts_on_the_new_pages_are_in_the_fact_sheet_or_a_source() {
    let sources = sources_text();
    let safeguarding =
        std::fs::read_to_string(repo().join("content/guidance/safeguarding.md")).expect("page");
    let glossary = std::fs::read_to_string(repo().join("content/glossary.md")).expect("glossary");
    // Every named framework, act and date the new guidance states.
    let facts = [
        "Working Together to Safeguard Children",
        "current edition 2023",
        "Keeping Children Safe in Education",
        "2 September 2024",
        "Part one",
        "Part four",
        "Designated Safeguarding Lead",
        "from its senior leadership team",
        "Fostering Services: National Minimum Standards",
        "standard 22",
        "Keeping learners safe",
        "270/2021",
        "Social Services and Well-being (Wales) Act 2014",
        "section 26",
        "Counter-Terrorism and Security Act 2015",
        "Public Interest Disclosure Act 1998",
        "NSPCC whistleblowing advice line",
        "Data Protection Act 2018",
        "Children's Homes (England) Regulations 2015",
        "trained and supported by Samaritans",
        "senior member of the service you are working in",
        "along with the Therapy Lead",
        "1 April 2017",
        "1 June 2004",
        "Offender Assessment System",
        "jointly",
    ];
    let mut problems = Vec::new();
    for f in facts {
        if !sources.contains(&norm(f)) {
            problems.push(format!(
                "`{f}` is in neither the fact sheet nor a job description"
            ));
        }
        let on_page = norm(&safeguarding).contains(&norm(f)) || norm(&glossary).contains(&norm(f));
        if !on_page
            && ![
                "senior member of the service you are working in",
                "along with the Therapy Lead",
                "current edition 2023",
            ]
            .contains(&f)
        {
            problems.push(format!(
                "`{f}` is not on the pages any more: update this list"
            ));
        }
    }
    // Every number the safeguarding page states is in a source.
    let body = safeguarding.split("\n---\n").nth(1).unwrap_or("");
    let prose: String = body.split("## Sources").next().unwrap_or("").to_string();
    for word in prose.split(|c: char| c.is_whitespace() || "(),;*|".contains(c)) {
        let w = word.trim_matches(|c: char| !c.is_ascii_digit());
        let is_number = w.chars().any(|c| c.is_ascii_digit()) && !w.contains('/');
        if (is_number || w == "270/2021") && !sources.contains(&norm(w)) {
            problems.push(format!(
                "the number `{w}` on the safeguarding page is in no source"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn readers_never_see_seed_or_not_found_markers() {
    let mut problems = Vec::new();
    let mut stack = vec![site().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let lower = text.to_lowercase();
                if lower.contains("[not found]")
                    || lower.contains(" seed ")
                    || lower.contains(" seeds ")
                    || lower.contains("seed id")
                {
                    problems.push(p.display().to_string());
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every Markdown page under `content/`, as (path relative to `content/`, body after the
/// front matter), sorted by path.
fn content_pages() -> Vec<(String, String)> {
    let root = repo().join("content");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("content dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                let text = std::fs::read_to_string(&p).expect("a page");
                let body = text
                    .strip_prefix("---\n")
                    .and_then(|rest| rest.split_once("\n---\n"))
                    .map_or(text.as_str(), |(_, body)| body)
                    .to_string();
                let rel = p
                    .strip_prefix(&root)
                    .expect("under content")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, body));
            }
        }
    }
    out.sort();
    out
}

/// The `##` headings of a body, outside fenced code, in order.
fn h2_headings(body: &str) -> Vec<(usize, String)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            out.push((i, line[3..].trim().to_string()));
        }
    }
    out
}

/// The entries of a `## Sources` section (the lines after its heading up to the first
/// `###`): each list item with its continuation lines, and each paragraph.
fn source_entries(section: &[&str]) -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    let mut open = false;
    for line in section {
        if line.starts_with("### ") {
            break;
        }
        let t = line.trim();
        if t.is_empty() {
            open = false;
        } else if let Some(item) = t.strip_prefix("- ") {
            entries.push(item.to_string());
            open = true;
        } else if open {
            if let Some(last) = entries.last_mut() {
                last.push(' ');
                last.push_str(t);
            }
        } else {
            entries.push(t.to_string());
            open = true;
        }
    }
    entries
}

/// Wordings that point the reader at a list they never see instead of naming a source.
const VAGUE: [&str; 5] = [
    "reference sheet",
    "fact sheet",
    "public sources named in the handbook",
    "national facts:",
    "as summarised in the handbook",
];

/// A source a reader can look up: it names a job description, or carries a date, number
/// or document reference, or a web address, or at least names the body behind it (a
/// capitalised name after the entry's first word, such as "Samaritans").
fn is_specific(entry: &str) -> bool {
    let lower = entry.to_lowercase();
    let address = lower
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'.' && w[2].is_ascii_alphabetic());
    let named = entry.split_whitespace().skip(1).any(|w| {
        w.trim_start_matches(['(', '"', '*'])
            .starts_with(|c: char| c.is_uppercase())
    });
    lower.contains("job description")
        || lower.chars().any(|c| c.is_ascii_digit())
        || address
        || named
}

#[test]
fn every_page_outside_the_authors_guide_ends_with_specific_sources() {
    let pages = content_pages();
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (rel, body) in &pages {
        if body.to_lowercase().contains("reference sheet") {
            problems.push(format!(
                "{rel}: says \"reference sheet\", which readers never see"
            ));
        }
        // The author's guide documents the program, not the domain: it states no
        // sourced facts.
        if rel.starts_with("authoring/") {
            continue;
        }
        checked.push(rel.as_str());
        let headings = h2_headings(body);
        let Some((at, last)) = headings.last() else {
            problems.push(format!(
                "{rel}: no `##` heading, so no `## Sources` at its end"
            ));
            continue;
        };
        if last != "Sources" {
            problems.push(format!("{rel}: ends with `## {last}`, not `## Sources`"));
            continue;
        }
        let lines: Vec<&str> = body.lines().skip(at + 1).collect();
        let entries = source_entries(&lines);
        if entries.is_empty() {
            problems.push(format!("{rel}: its `## Sources` names no source"));
        }
        for entry in &entries {
            let lower = entry.to_lowercase();
            if let Some(v) = VAGUE.iter().find(|v| lower.contains(*v)) {
                problems.push(format!("{rel}: a vague source (\"{v}\"): {entry}"));
            } else if !is_specific(entry) {
                problems.push(format!(
                    "{rel}: a source with no job description, date, reference or address: {entry}"
                ));
            }
        }
    }
    for must in [
        "_index.md",
        "glossary.md",
        "guidance/safeguarding.md",
        "training/dtc-practice/dtc-foundations.md",
        "roles/dtc-group-psychotherapist.md",
    ] {
        assert!(
            checked.contains(&must),
            "{must} was not checked: {checked:?}"
        );
    }
    assert!(checked.len() >= 40, "only {} pages checked", checked.len());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_built_pages_show_their_sources_including_the_home_page() {
    for rel in [
        "index.html",
        "guidance/index.html",
        "glossary.html",
        "training/dtc-practice/dtc-foundations.html",
        "training/dtc-practice/dtc-foundations.pack.html",
    ] {
        let page = html(rel);
        assert!(
            page.contains("<section class=\"sources\""),
            "{rel} shows no Sources"
        );
        assert!(
            !page.to_lowercase().contains("reference sheet"),
            "{rel} says \"reference sheet\""
        );
    }
}

#[test]
fn the_sources_check_fails_a_page_without_sources_or_with_a_vague_one() {
    let body = "Text.\n\n## Sources\n\n- National facts: the public sources named in the handbook's reference sheet.\n";
    let headings = h2_headings(body);
    let (at, _) = headings.last().expect("a heading");
    let lines: Vec<&str> = body.lines().skip(at + 1).collect();
    let entries = source_entries(&lines);
    assert_eq!(entries.len(), 1);
    assert!(VAGUE.iter().any(|v| entries[0].to_lowercase().contains(v)));
    assert!(!is_specific("Some public sources."));
    assert!(!is_specific("the public sources about the field."));
    assert!(is_specific("Listeners (Samaritans)."));
    assert!(is_specific(
        "HM Government, *Working Together to Safeguard Children* (2023)."
    ));
    assert!(is_specific("ACCT: russellwebster.com/acct19."));
    assert!(is_specific(
        "Compass Community, Psychotherapist job description and person specification."
    ));
    let no_sources = "## What this module is for\n\nText.\n\n## Key content\n\nMore.\n";
    assert_ne!(
        h2_headings(no_sources).last().map(|(_, h)| h.as_str()),
        Some("Sources")
    );
    let fenced = "## Sources\n\n- A job description.\n\n```\n## Not a heading\n```\n";
    assert_eq!(
        h2_headings(fenced).last().map(|(_, h)| h.as_str()),
        Some("Sources")
    );
}
