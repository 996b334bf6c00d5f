//! What a job description's lines hold: header facts (label/value pairs, on one line or
//! two), groups of duties under headings, and the person specification's criteria with
//! their category, need and assessment. General rules only, on the lines `text` cleaned
//! (page furniture dropped, bullets `•`, `·`, `●`, `?`, `-`, `*` marked): wrapped lines and
//! table cells are joined back, headings (and `Essential`/`Desirable` sub-headings) name
//! what follows. Whatever is inferred, not read, is noted.

use crate::parse::kinds::{Assessment, Category, Need};

use super::text::{bullet, cleaned, condition, numbered, run_on, sentences};

/// A header fact the document labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// Job title.
    Title,
    /// Employer.
    Organisation,
    /// Grade or band.
    Grade,
    /// Staff group profile.
    GroupProfile,
    /// Where the work is.
    Location,
    /// Contracted hours.
    Hours,
    /// The post it reports to.
    ReportsTo,
    /// Whom the post manages.
    ResponsibleFor,
    /// Pay.
    Salary,
    /// Document reference.
    Document,
    /// Document version.
    Version,
    /// Date of issue.
    Issued,
    /// Security classification of the document.
    Classification,
    /// Organisation level (`Functional Specialist`).
    Level,
}

/// Labels as job descriptions write them, longest first within a fact.
const LABELS: &[(&str, Fact)] = &[
    ("job title", Fact::Title),
    ("post title", Fact::Title),
    ("role title", Fact::Title),
    ("organisation level", Fact::Level),
    ("organisation", Fact::Organisation),
    ("employer", Fact::Organisation),
    ("group profile", Fact::GroupProfile),
    ("grade", Fact::Grade),
    ("band", Fact::Grade),
    ("pay band", Fact::Grade),
    ("location", Fact::Location),
    ("base", Fact::Location),
    ("hours of work", Fact::Hours),
    ("working hours", Fact::Hours),
    ("hours", Fact::Hours),
    ("reports to", Fact::ReportsTo),
    ("responsible to", Fact::ReportsTo),
    ("accountable to", Fact::ReportsTo),
    ("line manager", Fact::ReportsTo),
    ("responsible for", Fact::ResponsibleFor),
    ("line management", Fact::ResponsibleFor),
    ("line management responsibility", Fact::ResponsibleFor),
    ("line management responsibilities", Fact::ResponsibleFor),
    ("supervisory responsibility", Fact::ResponsibleFor),
    ("supervisory responsibilities", Fact::ResponsibleFor),
    ("salary / grade range", Fact::Salary),
    ("salary", Fact::Salary),
    ("pay", Fact::Salary),
    ("document ref.", Fact::Document),
    ("document ref", Fact::Document),
    ("document reference", Fact::Document),
    ("version", Fact::Version),
    ("date of issue", Fact::Issued),
    ("issue date", Fact::Issued),
    ("classification", Fact::Classification),
];

/// One criterion as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The requirement's words.
    pub text: String,
    /// Its group, if the heading names one.
    pub category: Option<Category>,
    /// Essential, desirable or unspecified.
    pub need: Need,
    /// How it is assessed.
    pub assessed_by: Vec<Assessment>,
    /// 1-based line where it starts.
    pub line: usize,
}

/// A group of duties (or a prose section) under its heading.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The heading as written.
    pub heading: String,
    /// Paragraphs.
    pub prose: Vec<String>,
    /// Bullets.
    pub bullets: Vec<String>,
    /// A group inside the section before it (a short title over a list of duties).
    pub sub: bool,
}

/// Everything read from one document.
#[derive(Debug, Default)]
pub struct Reading {
    /// Header facts, each with its 1-based line.
    pub facts: Vec<(Fact, String, usize)>,
    /// Duties and prose.
    pub sections: Vec<Section>,
    /// The person specification.
    pub criteria: Vec<Found>,
    /// What was inferred rather than read: `(line, note)`.
    pub inferred: Vec<(usize, String)>,
}

impl Reading {
    /// The first value of a fact.
    pub fn fact(&self, f: Fact) -> Option<&str> {
        self.facts
            .iter()
            .find(|(k, _, _)| *k == f)
            .map(|(_, v, _)| v.as_str())
    }
}

/// Marks in a person specification's columns: need and assessment.
#[derive(Debug, Default, Clone, PartialEq)]
struct Marks {
    need: Option<Need>,
    assessed: Vec<Assessment>,
}

/// A line that is only marks: `E`, `D`, `Essential`, `Desirable`, `A/I`, `A, I, R`,
/// `Application`, `Interview` ...
fn marks(line: &str) -> Option<Marks> {
    let t = line.trim().trim_end_matches(['.', ':']);
    if t.is_empty() || t.len() > 60 {
        return None;
    }
    let mut m = Marks::default();
    for word in t
        .split(|c: char| c == '/' || c == ',' || c == '&' || c == '+' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        match w.as_str() {
            "e" | "essential" => m.need = Some(Need::Essential),
            "d" | "desirable" => m.need = Some(Need::Desirable),
            "a" | "af" | "application" | "cv" => push(&mut m.assessed, Assessment::Application),
            "i" | "interview" => push(&mut m.assessed, Assessment::Interview),
            "r" | "ref" | "reference" | "references" => {
                push(&mut m.assessed, Assessment::References)
            }
            "t" | "test" | "tests" => push(&mut m.assessed, Assessment::Test),
            "p" | "presentation" => push(&mut m.assessed, Assessment::Presentation),
            "c" | "certificate" | "certificates" | "documents" => {
                push(&mut m.assessed, Assessment::Documents)
            }
            "form" | "and" | "or" => {}
            _ => return None,
        }
    }
    (m.need.is_some() || !m.assessed.is_empty()).then_some(m)
}

fn push(v: &mut Vec<Assessment>, a: Assessment) {
    if !v.contains(&a) {
        v.push(a);
    }
}

/// What a heading starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Heading {
    /// A group of the person specification, with the category the heading names and the
    /// need it states (`Essential skills`), if any.
    Criteria(Option<Category>, Option<Need>, bool),
    /// The person specification as a whole.
    PersonSpec,
    /// Duties or prose.
    Duties,
    /// Any other heading in capitals (`ADDITIONAL INFORMATION`): it ends the list above it.
    Other,
}

/// A heading set in capitals: two words or more, every letter upper case and one a real
/// word (so that `A/I` or `E` column marks, or an acronym wrapped onto its own line, are
/// not headings).
fn capitals(t: &str) -> bool {
    t.chars().any(char::is_alphabetic)
        && !t.chars().any(char::is_lowercase)
        && t.split_whitespace().count() >= 2
        && t.split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        && marks(t).is_none()
}

/// The category a group heading names, and whether that is a guess from one word.
fn category_of(h: &str) -> Option<Category> {
    let h = h.to_ascii_lowercase();
    let has = |w: &str| h.contains(w);
    if has("eligib") {
        Some(Category::Eligibility)
    } else if has("competenc") || has("behaviour") || has("strength") {
        Some(Category::Behaviours)
    } else if has("qualif") || has("education") || has("accreditation") || has("registration") {
        Some(Category::Qualifications)
    } else if has("experience") {
        Some(Category::Experience)
    } else if has("skill") || has("knowledge") || has("abilit") || has("technical") {
        Some(Category::KnowledgeAndSkills)
    } else if has("personal") || has("qualities") || has("attribute") || has("values") {
        Some(Category::PersonalQualities)
    } else {
        None
    }
}

/// A short line that is a heading, and what it starts.
pub(super) fn heading(line: &str) -> Option<Heading> {
    let t = line.trim().trim_end_matches([':', '/']).trim();
    let words = t.split_whitespace().count();
    if t.is_empty() || words > 7 || t.ends_with('.') || t.ends_with(',') || bullet(line).is_some() {
        return None;
    }
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // A heading does not end on a little word: `Attributes All attributes are` is the
    // first line of a column header's sentence.
    const LITTLE: &[&str] = &[
        "are", "as", "is", "of", "the", "and", "or", "to", "a", "an", "for", "with", "in", "be",
    ];
    if words > 1
        && t.split_whitespace()
            .last()
            .is_some_and(|w| LITTLE.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    let low = t.to_ascii_lowercase();
    if low.contains("person spec") || low.starts_with("personal attributes required") {
        return Some(Heading::PersonSpec);
    }
    const DUTIES: &[&str] = &[
        "responsibilit",
        "duties",
        "accountabilit",
        "overview",
        "summary",
        "purpose",
        "main tasks",
        "key tasks",
        "about the role",
        "the role",
        "job purpose",
    ];
    if DUTIES.iter().any(|d| low.contains(d)) && !low.contains("person") {
        return Some(Heading::Duties);
    }
    let Some(cat) = category_of(t) else {
        return capitals(t).then_some(Heading::Other);
    };
    let need = if low.starts_with("essential") {
        Some(Need::Essential)
    } else if low.starts_with("desirable") {
        Some(Need::Desirable)
    } else {
        None
    };
    let minimum = low.starts_with("minimum");
    Some(Heading::Criteria(Some(cat), need, minimum))
}

/// A line that reads as the title of the list below it: a few words, capitalised, not a
/// sentence, a label or a list item.
fn sub_heading(line: &str) -> bool {
    let t = line.trim().trim_end_matches(':').trim();
    let words = t.split_whitespace().count();
    (1..=6).contains(&words)
        && t.starts_with(|c: char| c.is_uppercase())
        && !t.ends_with(['.', ',', ';', '!', '?'])
        && bullet(line).is_none()
        && numbered(line).is_none()
        && label(line).is_none()
}

/// Where a line's text is a label and its value.
pub(super) fn label(line: &str) -> Option<(Fact, &str)> {
    labelled(line).map(|(f, _, v)| (f, v))
}

/// A line's label as written, its fact and its value.
fn labelled(line: &str) -> Option<(Fact, &str, &str)> {
    // A label is capitalised; `organisation which ...` is a wrapped sentence.
    if line.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let low = line.to_ascii_lowercase();
    let mut best: Option<(Fact, usize)> = None;
    for (l, f) in LABELS {
        if let Some(rest) = low.strip_prefix(l)
            && (rest.is_empty() || rest.starts_with([' ', ':', '-', '–']))
            && best.is_none_or(|(_, n)| l.len() > n)
        {
            best = Some((*f, l.len()));
        }
    }
    let (f, n) = best?;
    let value = line[n..].trim_start_matches([' ', ':', '-', '–']).trim();
    Some((f, &line[..n], value))
}

/// A labelled value as the page holds it: a bare number after `Band` or `Grade` keeps its
/// word (`Band 8`, as a grade is named), and a `No` for a responsibility says which.
fn fact_value(fact: Fact, label: &str, value: &str) -> String {
    let v = value.trim();
    let mut word = label.trim().to_string();
    if let Some(c) = word.get(..1) {
        word = format!("{}{}", c.to_uppercase(), &word[1..]);
    }
    match fact {
        Fact::Grade if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => {
            format!("{word} {v}")
        }
        // A title that shares its line with the document's heading in capitals
        // (`Psychotherapist JOB DESCRIPTION`).
        Fact::Title => {
            let words: Vec<&str> = v.split_whitespace().collect();
            let caps = words
                .iter()
                .rev()
                .take_while(|w| w.len() > 1 && !w.chars().any(char::is_lowercase))
                .count();
            if caps >= 2 && caps < words.len() {
                words[..words.len() - caps].join(" ")
            } else {
                v.to_string()
            }
        }
        Fact::ResponsibleFor
            if ["no", "none", "n/a", "nil"].contains(&v.to_ascii_lowercase().as_str()) =>
        {
            format!("None (no {})", label.trim().to_lowercase())
        }
        _ => v.to_string(),
    }
}

/// A value that looks like a grade without a label (`Band 7`, `SO1, SCP 23-25`).
fn bare_grade(line: &str) -> bool {
    let t = line.trim();
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let first = words[0];
    (first.eq_ignore_ascii_case("band")
        && words.len() == 2
        && words[1].chars().all(|c| c.is_ascii_digit()))
        || ((first.starts_with("SO") || first.starts_with("PO") || first.starts_with("SCP"))
            && first.len() <= 4
            && first[2..].chars().all(|c| c.is_ascii_digit() || c == 'P'))
}

/// Reads the document's lines.
pub fn read(raw: &[String]) -> Reading {
    let lines = cleaned(raw);
    read_lines(raw, &lines)
}

fn read_lines(raw: &[String], lines: &[(String, usize)]) -> Reading {
    let mut r = Reading::default();
    let mut i = 0;
    let mut in_spec = false;
    let mut group: Option<Group> = None;
    let mut section: Option<Section> = None;
    let mut spec_default_need: Option<Need> = None;
    // Where that default need was read: a column header or an `Essential` sub-heading.
    let mut need_from = String::from("the column header");
    let mut pending_label: Option<(Fact, usize, String)> = None;
    while i < lines.len() {
        let (line, at) = (&lines[i].0, lines[i].1);
        i += 1;
        if line.is_empty() {
            if let Some(g) = group.as_mut() {
                g.blank = true;
            }
            continue;
        }
        // A label on its own line takes the next line as its value.
        if let Some((fact, n, word)) = pending_label.take()
            && label(line).is_none()
            && heading(line).is_none()
            && bullet(line).is_none()
        {
            add_fact(&mut r, fact, &fact_value(fact, &word, line), n);
            continue;
        }
        if let Some((fact, word, value)) = labelled(line)
            && (group.is_none() || value.is_empty())
            && line.split_whitespace().count() <= 24
        {
            flush(&mut r, &mut group, &mut section);
            if value.is_empty() {
                pending_label = Some((fact, at, word.to_string()));
            } else {
                add_fact(&mut r, fact, &fact_value(fact, word, value), at);
            }
            continue;
        }
        if r.fact(Fact::Grade).is_none() && bare_grade(line) {
            r.inferred.push((
                at,
                format!("grade \"{line}\" is taken from an unlabelled line near the top"),
            ));
            add_fact(&mut r, Fact::Grade, line, at);
            continue;
        }
        // A label cell split over lines (`Essential Skills/`, `Qualifications/`,
        // `Registration`): the fragments belong to the open group's heading.
        if let Some(g) = group.as_mut()
            && g.label_open
            && line.split_whitespace().count() <= 3
            && category_of(line).is_some()
        {
            g.label_open = line.ends_with('/');
            g.heading.push(' ');
            g.heading.push_str(line);
            continue;
        }
        // A table row's first cell, when the row's other cells hold marks: a criterion,
        // never a heading (`Knowledge of welfare benefits | Interview`).
        let row_start = lines[i..]
            .iter()
            .take_while(|(_, n)| *n == at)
            .any(|(next, _)| marks(next).is_some());
        // `Essential criteria` / `DESIRABLE REQUIREMENTS`: the need of the rows below.
        if in_spec && let Some(need) = need_subheading(line) {
            flush(&mut r, &mut group, &mut section);
            spec_default_need = Some(need);
            need_from = format!("the sub-heading \"{line}\"");
            continue;
        }
        if !row_start && let Some(h) = heading(line) {
            match h {
                Heading::PersonSpec => {
                    flush(&mut r, &mut group, &mut section);
                    in_spec = true;
                    // A column header may state the default need ("all are essential unless").
                    let ahead: String = lines[i..lines.len().min(i + 12)]
                        .iter()
                        .map(|(l, _)| l.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_ascii_lowercase();
                    if ahead.contains("essential unless") || ahead.contains("are essential") {
                        spec_default_need = Some(Need::Essential);
                        r.inferred.push((
                            at,
                            "criteria without a mark are taken as essential, from the column header (\"essential, unless indicated as desirable\")".into(),
                        ));
                    }
                    continue;
                }
                Heading::Criteria(cat, need, minimum) => {
                    flush(&mut r, &mut group, &mut section);
                    let mut need = need;
                    let mut inferred = Vec::new();
                    if need.is_none() && minimum {
                        need = Some(Need::Essential);
                        inferred.push(format!(
                            "need \"essential\" is inferred from the heading \"{line}\""
                        ));
                    }
                    let from_spec = need.is_none() && in_spec;
                    if from_spec {
                        need = spec_default_need;
                    }
                    inferred.push(format!(
                        "category \"{}\" is guessed from the heading \"{line}\"",
                        cat.map(category_name).unwrap_or("none")
                    ));
                    group = Some(Group {
                        category: cat,
                        need,
                        marks: Marks::default(),
                        items: Vec::new(),
                        paragraphs: Vec::new(),
                        blank: false,
                        at,
                        inferred,
                        heading: line.clone(),
                        label_open: line.ends_with('/'),
                        last_bullet: false,
                        items_only: false,
                        row_marks: Default::default(),
                        in_spec,
                        last_row: false,
                        need_from: if from_spec {
                            need_from.clone()
                        } else {
                            String::new()
                        },
                    });
                    continue;
                }
                // A capitals line among a table's column headers is one of them.
                Heading::Other
                    if in_spec
                        && group
                            .as_ref()
                            .is_none_or(|g| g.items.is_empty() && g.paragraphs.is_empty()) =>
                {
                    continue;
                }
                Heading::Duties | Heading::Other => {
                    flush(&mut r, &mut group, &mut section);
                    in_spec = false;
                    section = Some(Section {
                        heading: line.trim_end_matches(':').to_string(),
                        ..Section::default()
                    });
                    continue;
                }
            }
        }
        // `Essential` or `Desirable` on its own line, with rows (or their column headers)
        // under it: a sub-heading that gives the need of every criterion until the next.
        let need_heading = in_spec
            && line.chars().all(char::is_alphabetic)
            && line.starts_with(|c: char| c.is_uppercase())
            && marks(line).is_some_and(|m| m.need.is_some() && m.assessed.is_empty())
            && raw.get(at - 1).is_some_and(|r| r.trim() == line)
            && next_text(lines, i).is_none_or(|n| marks(n).is_none())
            && match group.as_ref() {
                // With no group open, unless it is one of a row of column headers.
                None => prev_text(lines, i - 1).is_none_or(|p| marks(p).is_none()),
                // Under a group, unless it is that group's mark (`Desirable` after its
                // list, before the next group's heading).
                Some(g) => {
                    g.marks.need.is_some()
                        || next_text(lines, i).is_some_and(|n| heading(n).is_none())
                }
            };
        if need_heading {
            flush(&mut r, &mut group, &mut section);
            spec_default_need = marks(line).and_then(|m| m.need);
            need_from = format!("the sub-heading \"{line}\"");
            continue;
        }
        if in_spec && group.is_none() {
            // Column headers of a person specification table (`Requirements`,
            // `Essential`, `Desirable`, `A/I/R`, `Method of assessment`) before its first row.
            let words = line.split_whitespace().count();
            let low = line.to_ascii_lowercase();
            let column = words <= 4
                && ["assess", "method", "measured", "criteria", "requirement"]
                    .iter()
                    .any(|w| low.contains(w));
            if marks(line).is_some() || column || words <= 2 && numbered(line).is_none() {
                continue;
            }
            group = Some(Group {
                category: None,
                need: spec_default_need,
                marks: Marks::default(),
                items: Vec::new(),
                paragraphs: Vec::new(),
                blank: false,
                at,
                inferred: Vec::new(),
                heading: String::new(),
                label_open: false,
                last_bullet: false,
                items_only: true,
                row_marks: Default::default(),
                in_spec,
                last_row: false,
                need_from: need_from.clone(),
            });
        }
        if let Some(g) = group.as_mut() {
            // The rest of a wrapped label cell (`Technical` ... `Requirements`), met in the
            // middle of the first criterion's sentence.
            let mid_sentence = g.items.is_empty()
                && g.paragraphs.len() == 1
                && g.paragraphs
                    .iter()
                    .all(|(t, _)| !t.ends_with(['.', ';', ':', '!', '?', ')']));
            if mid_sentence
                && !g.heading.is_empty()
                && g.heading.split_whitespace().count() <= 2
                && line.chars().all(char::is_alphabetic)
                && line.starts_with(|c: char| c.is_uppercase())
                && marks(line).is_none()
            {
                g.heading.push(' ');
                g.heading.push_str(line);
                continue;
            }
            if let Some(m) = marks(line) {
                // A mark in the same table row as a criterion is that criterion's own.
                let row = g.items.len().checked_sub(1).filter(|&i| g.items[i].1 == at);
                if let Some(i) = row {
                    let own = g.row_marks.entry(i).or_default();
                    if m.need.is_some() {
                        own.need = m.need;
                    }
                    for a in m.assessed {
                        push(&mut own.assessed, a);
                    }
                    continue;
                }
                if m.need.is_some() {
                    g.marks.need = m.need;
                }
                for a in m.assessed {
                    push(&mut g.marks.assessed, a);
                }
                continue;
            }
            // Column headers and cell fragments of a label column (`Qualifications/`).
            if line.ends_with('/') && line.split_whitespace().count() <= 3 {
                continue;
            }
            let starts_lower = line.starts_with(|c: char| c.is_lowercase() || c == '(');
            // A table row ends with its line: after a blank line, text is no longer its.
            let continues = g.last_bullet
                && !(g.last_row && g.blank)
                && g.items.last().is_some_and(|(t, _)| {
                    let ended = t.ends_with(['.', '!', '?']);
                    // A full stop at the end of a line, then a capital: a new sentence
                    // (the text below a list, where a PDF keeps no blank line).
                    let new_sentence = ended && !starts_lower;
                    (!g.blank && !new_sentence)
                        || starts_lower
                        || !t.ends_with(['.', ';', ':', '!', '?'])
                });
            let listed = bullet(line).or_else(|| numbered(line));
            if let Some(b) = listed.or(row_start.then_some(line.as_str())) {
                g.items.push((b.to_string(), at));
                g.last_bullet = true;
                g.last_row = listed.is_none();
            } else if continues && let Some((t, _)) = g.items.last_mut() {
                t.push(' ');
                t.push_str(line);
            } else if starts_lower && (!g.items.is_empty() || !g.paragraphs.is_empty()) {
                let last = if !g.items.is_empty() && g.paragraphs.is_empty() {
                    g.items.last_mut()
                } else if let Some(p) = g.paragraphs.last_mut() {
                    Some(p)
                } else {
                    g.items.last_mut()
                };
                if let Some((t, _)) = last {
                    t.push(' ');
                    t.push_str(line);
                }
            } else {
                let joins =
                    g.paragraphs.last().is_some_and(|(t, _)| {
                        !g.blank && !t.ends_with(['.', ';', ':', ')', '!', '?'])
                    }) && g.items.is_empty();
                if joins && let Some((t, _)) = g.paragraphs.last_mut() {
                    t.push(' ');
                    t.push_str(line);
                } else {
                    g.paragraphs.push((line.clone(), at));
                }
                g.last_bullet = false;
            }
            g.blank = false;
            continue;
        }
        // A short title over a list among the duties (`Clinical`, `Supervision and
        // Training`): the start of a group of duties of its own.
        let over_a_list = lines
            .get(i)
            .is_some_and(|(next, _)| bullet(next).is_some() || numbered(next).is_some());
        if over_a_list && !in_spec && sub_heading(line) {
            // Under the section's own heading, or beside the group before it.
            let sub = section
                .as_ref()
                .is_some_and(|s| s.sub || !s.heading.is_empty());
            flush(&mut r, &mut group, &mut section);
            section = Some(Section {
                heading: line.trim_end_matches(':').trim().to_string(),
                sub,
                ..Section::default()
            });
            continue;
        }
        let s = section.get_or_insert_with(Section::default);
        let starts_lower = line.starts_with(|c: char| c.is_lowercase());
        if let Some(b) = bullet(line).or_else(|| numbered(line)) {
            s.bullets.push(b.to_string());
        } else if starts_lower && let Some(t) = s.bullets.last_mut().or(s.prose.last_mut()) {
            t.push(' ');
            t.push_str(line);
        } else if let Some(t) = s.prose.last_mut()
            && s.bullets.is_empty()
            && !t.ends_with(['.', ':', '!', '?'])
        {
            t.push(' ');
            t.push_str(line);
        } else {
            s.prose.push(line.clone());
        }
    }
    flush(&mut r, &mut group, &mut section);
    r
}

struct Group {
    category: Option<Category>,
    need: Option<Need>,
    marks: Marks,
    items: Vec<(String, usize)>,
    paragraphs: Vec<(String, usize)>,
    blank: bool,
    at: usize,
    inferred: Vec<String>,
    heading: String,
    /// The heading ended with `/`: more of the label cell follows.
    label_open: bool,
    /// The last line added was (part of) a bullet.
    last_bullet: bool,
    /// Only list items are criteria (a table without a group heading).
    items_only: bool,
    /// Marks in a criterion's own table row, by item index.
    row_marks: std::collections::HashMap<usize, Marks>,
    /// The group is part of the person specification (not a labelled header row).
    in_spec: bool,
    /// The last item is a table row's first cell.
    last_row: bool,
    /// Where the group's default need was read, when it was not its own heading's.
    need_from: String,
}

/// The need a sub-heading such as `Essential criteria` or `DESIRABLE REQUIREMENTS` gives.
fn need_subheading(line: &str) -> Option<Need> {
    let low = line.trim().trim_end_matches(':').trim().to_lowercase();
    let (need, rest) = if let Some(r) = low.strip_prefix("essential") {
        (Need::Essential, r)
    } else {
        (Need::Desirable, low.strip_prefix("desirable")?)
    };
    ["criteria", "criterion", "requirements", "requirement"]
        .contains(&rest.trim())
        .then_some(need)
}

/// The next non-empty line from `i`.
fn next_text(lines: &[(String, usize)], i: usize) -> Option<&str> {
    lines[i.min(lines.len())..]
        .iter()
        .map(|(l, _)| l.as_str())
        .find(|l| !l.is_empty())
}

/// The last non-empty line before `i`.
fn prev_text(lines: &[(String, usize)], i: usize) -> Option<&str> {
    lines[..i.min(lines.len())]
        .iter()
        .rev()
        .map(|(l, _)| l.as_str())
        .find(|l| !l.is_empty())
}

fn flush(r: &mut Reading, group: &mut Option<Group>, section: &mut Option<Section>) {
    if let Some(s) = section.take()
        && (!s.prose.is_empty() || !s.bullets.is_empty() || !s.heading.is_empty())
    {
        r.sections.push(s);
    }
    let Some(g) = group.take() else { return };
    // With bullets, only the bullets are criteria; the paragraphs are the group's preamble.
    let (items, mut preamble) = if g.items.is_empty() && !g.items_only {
        (g.paragraphs, Vec::new())
    } else {
        (g.items, g.paragraphs)
    };
    // Two requirements whose line break was lost are two criteria.
    let mut items: Vec<(String, usize)> = items
        .into_iter()
        .flat_map(|(t, n)| run_on(&t).into_iter().map(move |p| (p, n)))
        .collect();
    // Below a person specification's rows, a sentence that states a condition of the post
    // ("This post is subject to ...") is a requirement too; the rest stays prose.
    let mut conditions = Vec::new();
    if g.in_spec {
        let last = items.last().map_or(0, |(_, n)| *n);
        let mut kept = Vec::new();
        for (p, n) in preamble {
            if n < last {
                kept.push((p, n));
                continue;
            }
            let mut rest = Vec::new();
            for sentence in sentences(&p) {
                match condition(&sentence) {
                    Some(phrase) => conditions.push((sentence, n, phrase)),
                    None => rest.push(sentence),
                }
            }
            if !rest.is_empty() {
                kept.push((rest.join(" "), n));
            }
        }
        preamble = kept;
    }
    if items.is_empty() {
        return;
    }
    let need = g.marks.need.or(g.need).unwrap_or(Need::Unspecified);
    if g.marks.need.is_none()
        && g.need.is_some()
        && !g.heading.to_ascii_lowercase().starts_with("essential")
        && !g.inferred.iter().any(|n| n.starts_with("need"))
    {
        r.inferred.push((
            g.at,
            format!(
                "the criteria {} are taken as {} from {}",
                if g.heading.is_empty() {
                    format!("from line {}", g.at)
                } else {
                    format!("under \"{}\"", g.heading)
                },
                need_name(need),
                if g.need_from.is_empty() {
                    "the column header"
                } else {
                    &g.need_from
                }
            ),
        ));
    }
    for n in g.inferred {
        r.inferred.push((g.at, n));
    }
    if !preamble.is_empty() {
        r.sections.push(Section {
            heading: g.heading.trim_end_matches(':').to_string(),
            prose: preamble.into_iter().map(|(t, _)| t).collect(),
            bullets: Vec::new(),
            sub: false,
        });
    }
    let row_marks = g.row_marks;
    // A criterion that refers back to its heading ("It is advised ...") is given the
    // heading, so that it reads on its own.
    for (t, n) in items.iter_mut() {
        let pronoun = ["It ", "They ", "These "].iter().any(|p| t.starts_with(p));
        let heading = g.heading.trim_end_matches([':', '/']).trim();
        if pronoun && !heading.is_empty() {
            r.inferred.push((
                *n,
                format!("the heading \"{heading}\" is put before the criterion \"{t}\", which refers back to it"),
            ));
            *t = format!("{heading}: {t}");
        }
    }
    for (k, (text, line)) in items.into_iter().enumerate() {
        let own = row_marks.get(&k);
        let need = own.and_then(|m| m.need).unwrap_or(need);
        let assessed_by = own
            .map(|m| m.assessed.clone())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| g.marks.assessed.clone());
        let text = text
            .trim()
            .trim_end_matches(';')
            .trim_end_matches(" and")
            .trim()
            .to_string();
        if text.is_empty() {
            continue;
        }
        r.criteria.push(Found {
            text,
            category: g.category,
            need,
            assessed_by,
            line,
        });
    }
    for (sentence, n, phrase) in conditions {
        r.inferred.push((
            n,
            format!("need \"essential\" is inferred for \"{sentence}\", a condition (\"{phrase}\") stated below the person specification"),
        ));
        r.criteria.push(Found {
            text: sentence,
            category: None,
            need: Need::Essential,
            assessed_by: Vec::new(),
            line: n,
        });
    }
}

pub(super) fn add_fact(r: &mut Reading, f: Fact, value: &str, line: usize) {
    let v = value.trim();
    if v.is_empty() || r.fact(f).is_some() {
        return;
    }
    r.facts.push((f, v.to_string(), line));
}

/// The category's name in front matter.
pub fn category_name(c: Category) -> &'static str {
    c.name()
}

/// The need's name in front matter.
pub fn need_name(n: Need) -> &'static str {
    match n {
        Need::Essential => "essential",
        Need::Desirable => "desirable",
        Need::Unspecified => "unspecified",
    }
}
