//! `handbook import jd FILE`: drafts a role page from a job description (`.docx`, `.pdf`,
//! `.txt`/`.md`) for a recruiter to check. `extract` turns the file into lines, `text` cleans them, `read`
//! finds the header facts, duties and person specification in them, `repeat` leaves out
//! a person specification's flattened repeat, `infer` adds the title, employer and line
//! management a document states without a label, and this module writes the page: only what the document says, with every value that was inferred
//! rather than read listed under `review:` (which `handbook check` warns about until a
//! person removes it).

pub mod extract;
mod infer;
pub mod read;
mod repeat;
mod text;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use read::{Fact, Reading, category_name, need_name};

use super::{ImportError, error};

/// What an import of one job description produced.
#[derive(Debug)]
pub struct JdImport {
    /// The page's Markdown.
    pub page: String,
    /// Where it was written, if it was.
    pub written: Option<PathBuf>,
    /// What was read.
    pub reading: Reading,
    /// The `review:` items, as written on the page.
    pub review: Vec<String>,
}

/// Reads `file` and, with `out`, writes the page there (under `root` when relative);
/// without `out`, writes `content/roles/<title>.md` under `root`. An existing page is
/// never overwritten.
pub fn import_jd(file: &Path, out: Option<&Path>, root: &Path) -> Result<JdImport, ImportError> {
    let lines = extract::lines(file)?;
    let mut reading = read::read(&lines);
    let cleaned = text::cleaned(&lines);
    repeat::drop_repeats(&mut reading, &cleaned);
    infer::fill(&mut reading, &cleaned);
    let shown = file.display().to_string();
    if reading.criteria.is_empty() && reading.facts.is_empty() && reading.sections.is_empty() {
        return Err(error(
            format!("{shown}: nothing that looks like a job description was found"),
            "the importer looks for labels (Job title, Band, Location ...), headings and bullet lists",
        ));
    }
    let (page, review) = page(&reading, file);
    let target = match out {
        Some(o) if o.is_absolute() => o.to_path_buf(),
        Some(o) => root.join(o),
        None => {
            let title = reading
                .fact(Fact::Title)
                .map(str::to_string)
                .or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "imported-role".into());
            root.join("content/roles")
                .join(format!("{}.md", crate::parse::slug_segment(&title)))
        }
    };
    if target.exists() {
        return Err(error(
            format!("{}: the file exists; nothing was written", target.display()),
            "give another path with --out, or move the existing page away first",
        ));
    }
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            error(
                format!("{}: cannot create the folder: {e}", dir.display()),
                "check the path given with --out or --root",
            )
        })?;
    }
    std::fs::write(&target, &page).map_err(|e| {
        error(
            format!("{}: cannot write the page: {e}", target.display()),
            "check the path given with --out or --root",
        )
    })?;
    Ok(JdImport {
        page,
        written: Some(target),
        reading,
        review,
    })
}

/// A YAML double-quoted string (JSON's escaping is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The role page for what was read, and its review items.
pub fn page(r: &Reading, file: &Path) -> (String, Vec<String>) {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut review: Vec<String> = Vec::new();
    let mut fm = String::from("---\n");
    let title = r.fact(Fact::Title).map(str::to_string).unwrap_or_else(|| {
        review.push("title: the document labels no job title; the file name is used".into());
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported role".into())
    });
    let _ = writeln!(fm, "title: {}", q(&title));
    let _ = writeln!(
        fm,
        "summary: {}",
        q(&format!(
            "Imported from the job description {name}; not yet checked."
        ))
    );
    let text_fields = [
        (Fact::Organisation, "organisation"),
        (Fact::Grade, "grade"),
        (Fact::GroupProfile, "group_profile"),
        (Fact::ReportsTo, "reports_to"),
        (Fact::Location, "location"),
        (Fact::Salary, "salary"),
        (Fact::ResponsibleFor, "line_management"),
    ];
    for (f, key) in text_fields {
        if let Some(v) = r.fact(f) {
            let _ = writeln!(fm, "{key}: {}", q(v));
        }
    }
    if let Some(h) = r.fact(Fact::Hours) {
        match hours(h) {
            Some(n) => {
                let _ = writeln!(fm, "hours_per_week: {n}");
            }
            None => review.push(format!(
                "hours_per_week: the hours \"{h}\" hold no number of hours a week; see the page body"
            )),
        }
    }
    let doc = r.fact(Fact::Document);
    let ver = r.fact(Fact::Version);
    let issued = r.fact(Fact::Issued).map(|d| (d, date(d)));
    if doc.is_some() || ver.is_some() || issued.is_some() {
        fm.push_str("source:\n");
        if let Some(d) = doc {
            let _ = writeln!(fm, "  document: {}", q(d));
        }
        if let Some(v) = ver {
            let _ = writeln!(fm, "  version: {}", q(v));
        }
        if let Some((raw, parsed)) = issued {
            match parsed {
                Some((iso, guessed)) => {
                    let _ = writeln!(fm, "  issued: {iso}");
                    if guessed {
                        review.push(format!(
                            "source.issued: \"{raw}\" is read as {iso} (day first, a two-digit year in the 2000s)"
                        ));
                    }
                }
                None => review.push(format!(
                    "source.issued: the date of issue \"{raw}\" is not a date the importer reads; see the page body"
                )),
            }
        }
    }
    for (line, note) in &r.inferred {
        review.push(format!("{name}:{line}: {note}"));
    }
    review.dedup();
    if !review.is_empty() {
        fm.push_str("review:\n");
        for item in &review {
            let _ = writeln!(fm, "  - {}", q(item));
        }
    }
    if !r.criteria.is_empty() {
        fm.push_str("person_spec:\n");
        for c in &r.criteria {
            let _ = writeln!(fm, "  - text: {}", q(&c.text));
            if let Some(cat) = c.category {
                let _ = writeln!(fm, "    category: {}", category_name(cat));
            }
            let _ = writeln!(fm, "    need: {}", need_name(c.need));
            if !c.assessed_by.is_empty() {
                let names: Vec<&str> = c.assessed_by.iter().map(|a| a.name()).collect();
                let _ = writeln!(fm, "    assessed_by: [{}]", names.join(", "));
            }
        }
    }
    fm.push_str("---\n\n");
    let _ = writeln!(
        fm,
        "Imported by `handbook import jd` from `{}`. Check every value against the job description, then clear the `review:` list.\n",
        md(&name)
    );
    let shown_facts: Vec<&(Fact, String, usize)> = r
        .facts
        .iter()
        .filter(|(f, _, _)| {
            matches!(
                f,
                Fact::Classification | Fact::Hours | Fact::Issued | Fact::Level
            )
        })
        .collect();
    if !shown_facts.is_empty() {
        fm.push_str("## From the document's header\n\n");
        for (f, v, _) in shown_facts {
            let label = match f {
                Fact::Classification => "Classification",
                Fact::Hours => "Hours",
                Fact::Level => "Organisation level",
                _ => "Date of issue",
            };
            let _ = writeln!(fm, "- {label}: {}", md(v));
        }
        fm.push('\n');
    }
    for (i, s) in r.sections.iter().enumerate() {
        let has_groups = r.sections.get(i + 1).is_some_and(|n| n.sub);
        if s.prose.is_empty() && s.bullets.is_empty() && !has_groups {
            continue;
        }
        let h = if s.heading.is_empty() {
            "Introduction"
        } else {
            &s.heading
        };
        let level = if s.sub { "###" } else { "##" };
        let _ = writeln!(fm, "{level} {}\n", md(h));
        for p in &s.prose {
            let _ = writeln!(fm, "{}\n", md(p));
        }
        for b in &s.bullets {
            let _ = writeln!(fm, "- {}", md(b));
        }
        if !s.bullets.is_empty() {
            fm.push('\n');
        }
    }
    (fm, review)
}

/// Markdown-safe text: no raw HTML, no accidental emphasis or links.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '[' | ']' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    let trimmed = out.trim_start();
    if trimmed.starts_with('#')
        || trimmed.starts_with(|c: char| c.is_ascii_digit()) && trimmed.contains(". ")
    {
        format!("\\{out}")
    } else {
        out
    }
}

/// The number of hours in `37 hour working week`, `37.5 hours per week`.
pub fn hours(s: &str) -> Option<f64> {
    let low = s.to_ascii_lowercase();
    if !low.contains("hour") && !low.trim().chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let num: String = low
        .trim_start()
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    num.trim_end_matches('.')
        .parse()
        .ok()
        .filter(|n: &f64| *n > 0.0 && *n <= 80.0)
}

/// `09/03/16` or `9 March 2016` or `2016-03-09` as `YYYY-MM-DD`, and whether a two-digit
/// year (or day-first order) had to be assumed.
pub fn date(s: &str) -> Option<(String, bool)> {
    let t = s.trim();
    let parts: Vec<&str> = t
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return None;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    let (y, m, d, guessed) = if parts[0].len() == 4 {
        (num(parts[0])?, num(parts[1])?, num(parts[2])?, false)
    } else {
        let d = num(parts[0])?;
        let m = num(parts[1]).or_else(|| month(parts[1]))?;
        let (y, two) = match parts[2].len() {
            2 => (2000 + num(parts[2])?, true),
            4 => (num(parts[2])?, false),
            _ => return None,
        };
        (y, m, d, two || parts[1].chars().all(|c| c.is_ascii_digit()))
    };
    let iso = format!("{y:04}-{m:02}-{d:02}");
    crate::parse::kinds::Date::parse(&iso).map(|_| (iso, guessed))
}

fn month(s: &str) -> Option<u32> {
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let low = s.to_ascii_lowercase();
    M.iter()
        .position(|m| low.starts_with(m))
        .map(|i| i as u32 + 1)
}
