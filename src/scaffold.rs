//! `handbook init` and `handbook new`: a buildable site, and pages whose every field is
//! filled with a guiding example.
//!
//! A new page's references point at pages and items that already exist in the site, so
//! it builds without errors the moment it is written; where the site has nothing of the
//! right kind yet, the field is left empty with a comment showing the syntax.

use std::fs;
use std::path::{Path, PathBuf};

use crate::parse::kinds::Kind;
use crate::parse::{Page, parse_all};

/// Why scaffolding failed (a usage problem, reported with exit code 2 or 1).
#[derive(Debug)]
pub struct ScaffoldError {
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

fn err(message: impl Into<String>, hint: impl Into<String>) -> ScaffoldError {
    ScaffoldError {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Creates a new site at `dir`; refuses a folder that already has files.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(err(
            format!("`{}` already exists and is not empty", dir.display()),
            "choose a new folder name; init never overwrites files",
        ));
    }
    let title = dir
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "My handbook".into());
    let files: Vec<(&str, String)> = vec![
        (
            "handbook.yml",
            format!(
                "# Site settings. Every field is documented in the handbook's \"Authoring\" section.\ntitle: \"{}\"\ndescription: A handbook of roles, guidance and training.\nlanguage: en-GB\ntheme: default\noutput: public\ninclude_internal: false\nallow_raw_html: false\n",
                yaml_escape(&title)
            ),
        ),
        (
            "content/_index.md",
            format!(
                "---\ntitle: \"{}\"\nsummary: Start here.\n---\n\nWelcome. Browse the [roles](roles/_index.md), the [guidance](guidance/_index.md) and the [training](training/_index.md).\n",
                yaml_escape(&title)
            ),
        ),
        ("content/roles/_index.md", "---\ntitle: Roles\nsummary: Job profiles and their person specifications.\n---\n".into()),
        ("content/guidance/_index.md", "---\ntitle: Guidance\nsummary: How we work.\n---\n".into()),
        ("content/frameworks/_index.md", "---\ntitle: Frameworks\nsummary: Competency frameworks roles refer to.\n---\n".into()),
        ("content/training/_index.md", "---\ntitle: Training\nsummary: Programmes and their modules.\n---\n".into()),
        (
            "content/frameworks/core-skills.md",
            "---\ntitle: Core skills\nsummary: The skills every role in this handbook refers to.\nitems:\n  - id: reflective-practice\n    name: Reflective practice\n    summary: Thinking about one's own work in order to learn from it.\n  - id: working-together\n    name: Working together\n    summary: Sharing information and decisions with colleagues.\n---\n\nEach item of a framework gets its own page listing the roles that require it and the modules that develop it.\n".into(),
        ),
        ("content/ethos/_index.md", "---\ntitle: Ethos\nsummary: The values and principles the service works by.\n---\n".into()),
        (
            "content/ethos/service-values.md",
            "---\ntitle: Service values\nsummary: An example set of values; replace it with your service's own.\nitems:\n  - id: respect\n    name: Respect\n    summary: What this value means in daily practice, in a sentence or two.\n---\n\nEach value gets its own page listing the roles that require it and the modules that draw on it.\n".into(),
        ),
        (
            "content/glossary.md",
            "---\ntitle: Glossary\nkind: glossary\nsummary: Terms and abbreviations used in this handbook.\nterms:\n  - id: cpd\n    term: Continuing Professional Development\n    abbreviation: CPD\n    definition: Ongoing learning that keeps practice and registration current.\n---\n".into(),
        ),
        (
            "content/roles/practitioner.md",
            "---\ntitle: Practitioner\nsummary: An example role; replace it with a real job description.\norganisation: Example service\ngrade: Band 5\nhours_per_week: 37.5\ncompetencies:\n  - frameworks/core-skills#reflective-practice\nethos:\n  - ethos/service-values#respect\nperson_spec:\n  - text: Commitment to CPD\n    category: personal-qualities\n    need: essential\n    assessed_by: [application, interview]\n    refs: [glossary#cpd]\n---\n\n## Main duties\n\n- Take part in [supervision](../guidance/supervision.md) and CPD.\n".into(),
        ),
        (
            "content/guidance/supervision.md",
            "---\ntitle: Supervision\nsummary: How supervision works here.\n---\n\nEvery [practitioner](../roles/practitioner.md) has regular supervision. New staff start with the [reflective practice module](../training/induction/reflective-practice.md).\n".into(),
        ),
        (
            "content/training/induction/_index.md",
            "---\ntitle: Induction\nsummary: The first programme for new staff.\naudience:\n  - roles/practitioner\n---\n".into(),
        ),
        (
            "content/training/induction/reflective-practice.md",
            "---\ntitle: Reflective practice\nsummary: Learning from experience with a structured model.\nduration_minutes: 60\naudience: [roles/practitioner]\ndevelops: [frameworks/core-skills#reflective-practice]\noutcomes:\n  - Describe the six stages of Gibbs' reflective cycle\nreflective_model: Gibbs\nsessions:\n  - minutes: 15\n    activity: Introductions\n  - minutes: 45\n    activity: Reflecting on a recent piece of work in pairs\nprompts:\n  - What happened, and what were you thinking and feeling?\n---\n\nWhat this module covers.\n".into(),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                err(
                    format!("cannot create `{}`: {e}", parent.display()),
                    "check permissions",
                )
            })?;
        }
        fs::write(&path, text).map_err(|e| {
            err(
                format!("cannot write `{}`: {e}", path.display()),
                "check permissions",
            )
        })?;
        written.push(path);
    }
    Ok(written)
}

fn yaml_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The kinds `new` can write.
pub const NEW_KINDS: &[&str] = &[
    "role",
    "framework",
    "ethos",
    "guidance",
    "programme",
    "module",
    "glossary",
    "page",
];

/// Writes a new page of `kind` at `path` (relative to `content/`, without `.md`).
pub fn new_page(
    root: &Path,
    kind: &str,
    path: &str,
    title: Option<&str>,
) -> Result<PathBuf, ScaffoldError> {
    let Some(kind) = Kind::from_name(kind) else {
        let hint = match crate::diagnostics::did_you_mean(kind, NEW_KINDS.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Kinds: {}", NEW_KINDS.join(", ")),
            None => format!("kinds: {}", NEW_KINDS.join(", ")),
        };
        return Err(err(format!("unknown kind `{kind}`"), hint));
    };
    if !root.join(crate::config::FILE).exists() {
        return Err(err(
            format!(
                "`{}` is not a handbook site (no handbook.yml)",
                root.display()
            ),
            "run `handbook new` inside a site, pass `--root DIR`, or create one with `handbook init DIR`",
        ));
    }
    let clean = path
        .trim()
        .trim_start_matches("content/")
        .trim_matches('/')
        .trim_end_matches(".md");
    if clean.is_empty()
        || clean
            .split('/')
            .any(|s| s == ".." || s == "." || s.is_empty())
    {
        return Err(err(
            format!("`{path}` is not a page path"),
            "write a path under content/, e.g. `guidance/night-shifts`",
        ));
    }
    let rel = if kind == Kind::Programme && !clean.ends_with("_index") {
        format!("{clean}/_index.md")
    } else {
        format!("{clean}.md")
    };
    let file = root.join("content").join(&rel);
    if file.exists() {
        return Err(err(
            format!("`content/{rel}` already exists"),
            "choose another path; `new` never overwrites a file",
        ));
    }
    let slug = clean.rsplit('/').next().unwrap_or(clean);
    let title = title.map(str::to_string).unwrap_or_else(|| {
        let t = slug.replace(['-', '_'], " ");
        let mut c = t.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or(t)
    });
    let existing = existing_pages(root);
    let text = page_text(kind, &title, &existing);
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            err(
                format!("cannot create `{}`: {e}", parent.display()),
                "check permissions",
            )
        })?;
    }
    // create_new: never overwrite, even if the file appeared since the check above.
    use std::io::Write;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .map_err(|e| {
            err(
                format!("cannot create `content/{rel}`: {e}"),
                "choose another path",
            )
        })?;
    f.write_all(text.as_bytes()).map_err(|e| {
        err(
            format!("cannot write `content/{rel}`: {e}"),
            "check free space",
        )
    })?;
    Ok(file)
}

fn existing_pages(root: &Path) -> Vec<Page> {
    let (sources, _) = crate::load::load(root, &root.join("content"));
    parse_all(sources).0
}

fn first_ref(pages: &[Page], kind: Kind, item: bool) -> Option<String> {
    pages
        .iter()
        .filter(|p| p.kind == kind && !p.common.draft)
        .find_map(|p| {
            if item {
                p.common
                    .items
                    .first()
                    .map(|i| format!("{}#{}", p.key, i.id))
            } else {
                Some(p.key.clone())
            }
        })
}

fn ref_list(field: &str, value: Option<String>, example: &str) -> String {
    match value {
        Some(v) => format!("{field}:\n  - {v}\n"),
        None => format!("{field}: []   # e.g. [{example}]\n"),
    }
}

fn page_text(kind: Kind, title: &str, pages: &[Page]) -> String {
    let role = first_ref(pages, Kind::Role, false);
    let item = first_ref(pages, Kind::Framework, true);
    let ethos = first_ref(pages, Kind::Ethos, true);
    let module = first_ref(pages, Kind::Module, false);
    let term = pages.iter().find_map(|p| {
        p.glossary()
            .and_then(|g| g.terms.first())
            .map(|t| format!("{}#{}", p.key, t.id))
    });
    let mut fm = format!(
        "title: \"{}\"\nkind: {}\nsummary: One or two sentences shown in lists, search results and link previews.\ntags: [example]\nowner: Name or team who keeps this page current\nreview_by: {}\n",
        yaml_escape(title),
        kind.name(),
        next_year()
    );
    let body = match kind {
        Kind::Role => {
            fm.push_str("organisation: Employer name\nsetting: Where the work happens, e.g. prison DTC\ngrade: Band 7\ngroup_profile: Staff group, as the job description gives it\nreports_to: Job title of the line manager\nlocation: Town or site\nsalary: As advertised\nline_management: Who this post manages, or None\nhours_per_week: 37.5\ntravel: Travel expectations\nsource:\n  document: Job description reference\n  version: \"1\"\n  issued: 2026-01-01\n");
            if let Some(r) = &role {
                fm.push_str(&format!("reports_to_role: {r}\n"));
            }
            fm.push_str(&ref_list(
                "competencies",
                item.clone(),
                "frameworks/noms-cqf#making-effective-decisions",
            ));
            fm.push_str(&ref_list("ethos", ethos.clone(), "ethos/reach#resilient"));
            fm.push_str(&ref_list(
                "professional_bodies",
                term.clone(),
                "glossary#ukcp",
            ));
            fm.push_str("person_spec:\n  - text: A requirement, in the job description's words\n    category: qualifications   # qualifications, experience, knowledge-and-skills, personal-qualities, behaviours, eligibility\n    need: essential            # essential, desirable, unspecified\n    assessed_by: [application, interview]   # application, interview, test, presentation, references, documents\n");
            if let Some(i) = &item {
                fm.push_str(&format!("    refs: [{i}]\n"));
            }
            "## Main purpose\n\nWhat the post is for, in a paragraph.\n\n## Key responsibilities\n\n- One duty per bullet, grouped under headings as the job description groups them.\n"
        }
        Kind::Framework | Kind::Ethos => {
            fm.push_str("items:\n  - id: first-item\n    name: First item\n    number: 1\n    cluster: Group name\n    summary: What this item means in practice.\n    levels: [\"Level 1: what it looks like at entry level\"]\n");
            "## About this framework\n\nWhere it comes from and how roles use it.\n"
        }
        Kind::Programme => {
            fm.push_str(&ref_list(
                "audience",
                role.clone(),
                "roles/dtc-group-psychotherapist",
            ));
            "## About this programme\n\nWho it is for and how its modules fit together. Modules are the other pages in this folder.\n"
        }
        Kind::Module => {
            fm.push_str("duration_minutes: 90   # the session plan below must add up to this\n");
            fm.push_str(&ref_list(
                "audience",
                role.clone(),
                "roles/dtc-group-psychotherapist",
            ));
            fm.push_str(&ref_list(
                "develops",
                item.clone(),
                "frameworks/noms-cqf#building-capability-for-all",
            ));
            fm.push_str(&ref_list(
                "ethos",
                ethos.clone(),
                "ethos/community-of-communities#containment",
            ));
            fm.push_str("outcomes:\n  - Something participants can do afterwards\nreflective_model: Gibbs   # Gibbs, Kolb, Schon or Johns show their stages; any other name is shown as written\nsessions:   # start times are worked out from the minutes\n  - minutes: 15\n    activity: Welcome and aims\n  - minutes: 60\n    activity: Main activity\n  - minutes: 15\n    activity: Reflection and close\nprompts:   # printed on the participant reflective log, each with space to write\n  - A reflective question for participants\n");
            fm.push_str(&ref_list(
                "prerequisites",
                module.clone(),
                "training/reflective-practice/gibbs-cycle",
            ));
            "## What this module is for\n\nThe need it meets and how it connects to the roles it serves.\n"
        }
        Kind::Glossary => {
            fm.push_str("terms:\n  - id: cpd\n    term: Continuing Professional Development\n    abbreviation: CPD\n    definition: One line that says what the term means.\n    see_also: []\n");
            ""
        }
        Kind::Guidance | Kind::Page => {
            fm.push_str(&ref_list(
                "related",
                role.clone(),
                "roles/dtc-group-psychotherapist",
            ));
            "## Overview\n\nWrite the guidance here. Link to other pages with ordinary links to their `.md` files.\n"
        }
    };
    if kind != Kind::Guidance && kind != Kind::Page && kind != Kind::Role {
        fm.push_str("weight: 10\n");
    }
    format!("---\n{fm}---\n\n{body}")
}

fn next_year() -> String {
    let today = crate::parse::kinds::Date::today();
    format!(
        "{:04}-{:02}-{:02}",
        today.year + 1,
        today.month,
        today.day.min(28)
    )
}
