//! What search finds: the site's published pages turned into documents of titled,
//! anchored sections.
//!
//! A content page is one document whose sections are its Markdown headings (split out of
//! the rendered text) plus the facts its template shows from front matter (a role's key
//! facts and person specification, a module's outcomes, session plan and prompts, a
//! framework's items). Framework items and glossary terms are also documents of their own,
//! so a search for `MAPPA` or a competency's name offers its definition first.
//!
//! Drafts and internal pages never reach this stage: the build drops them before linking.
//! Anchor ids follow the default theme's templates; a section without an id links to the
//! top of its page.

use rayon::prelude::*;

use crate::link::{Site, item_url};
use crate::model::labels::number_label;
use crate::parse::Page;
use crate::parse::kinds::Kind;
use crate::render::PageText;

/// Stored text is capped per section (when written, not when indexed) so one huge page
/// cannot bloat its shard; terms past the cap are still found, only the snippet can't
/// show them.
pub const MAX_SECTION_CHARS: usize = 6_000;

/// A part of a document with its own heading and anchor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// The heading, empty for the text before the first heading.
    pub heading: String,
    /// The anchor id on the page, empty for the top of the page.
    pub id: String,
    /// Plain text, whitespace collapsed.
    pub text: String,
}

/// One search result candidate.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    /// Shown as the result's title; matches here rank first.
    pub title: String,
    /// Site-relative URL, possibly with a `#fragment` (glossary terms).
    pub url: String,
    /// The kind filter's value (items take their page's kind).
    pub kind: &'static str,
    /// The organisation filter's value.
    pub organisation: Option<String>,
    /// The grade filter's value.
    pub grade: Option<String>,
    /// Tags, searchable like the summary.
    pub tags: Vec<String>,
    /// One or two sentences, shown when no section text matches.
    pub summary: String,
    /// Where the document lives when it is part of a page (an item's framework).
    pub context: String,
    /// The document's sections in page order; the first is the page top.
    pub sections: Vec<Section>,
    /// The section searched separately that the document belongs to (its title), if any:
    /// see `search: own` in `docs/CONTENT-MODEL.md`.
    pub scope: Option<String>,
}

/// Every published page, item and glossary term as a document.
pub fn collect(site: &Site, texts: &[PageText]) -> Vec<SearchDoc> {
    let mut text_of: Vec<&str> = vec![""; site.pages.len()];
    for t in texts {
        if let Some(slot) = text_of.get_mut(t.page) {
            *slot = &t.text;
        }
    }
    collect_with(site, &text_of)
}

/// As [`collect`], taking the texts: each is dropped as soon as its page's document is
/// made, so the build does not hold every page's text twice.
pub fn collect_owned(site: &Site, texts: Vec<PageText>) -> Vec<SearchDoc> {
    let mut text_of: Vec<String> = vec![String::new(); site.pages.len()];
    for t in texts {
        if let Some(slot) = text_of.get_mut(t.page) {
            *slot = t.text;
        }
    }
    let per_page: Vec<Vec<SearchDoc>> = text_of
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| page_docs(site, i, &text))
        .collect();
    per_page.into_iter().flatten().collect()
}

/// As [`collect`], with each page's rendered text by page index.
pub fn collect_with(site: &Site, text_of: &[&str]) -> Vec<SearchDoc> {
    let per_page: Vec<Vec<SearchDoc>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| page_docs(site, i, text_of.get(i).copied().unwrap_or("")))
        .collect();
    per_page.into_iter().flatten().collect()
}

fn page_docs(site: &Site, i: usize, text: &str) -> Vec<SearchDoc> {
    let page = &site.pages[i];
    let role = page.role();
    let mut doc = SearchDoc {
        title: page.common.title.clone(),
        url: page.url.clone(),
        kind: page.kind.name(),
        organisation: role.and_then(|r| r.organisation.clone()),
        grade: role.and_then(|r| r.grade.clone()),
        tags: page.common.tags.clone(),
        summary: page.common.summary.clone().unwrap_or_default(),
        context: String::new(),
        sections: body_sections(page, text),
        scope: scope_of(site, i),
    };
    doc.sections.extend(field_sections(page));
    let scope = doc.scope.clone();
    let mut out = vec![doc];
    for item in &page.common.items {
        let mut text = String::new();
        for l in &item.levels {
            push_sentence(&mut text, l);
        }
        out.push(SearchDoc {
            title: match item.number {
                Some(n) => format!("{n}. {}", item.name),
                None => item.name.clone(),
            },
            url: item_url(page, &item.id),
            kind: page.kind.name(),
            summary: item.summary.clone().unwrap_or_default(),
            context: page.common.title.clone(),
            sections: vec![Section {
                heading: String::new(),
                id: String::new(),
                text: collapse(&text),
            }],
            tags: item.cluster.iter().cloned().collect(),
            scope: scope.clone(),
            ..SearchDoc::default()
        });
    }
    if let Some(g) = page.glossary() {
        for t in &g.terms {
            let title = match t.abbreviation.as_deref() {
                Some(a) if !a.is_empty() && a != t.term => format!("{a}: {}", t.term),
                _ => t.term.clone(),
            };
            out.push(SearchDoc {
                title,
                url: format!("{}#{}", page.url, t.id),
                kind: Kind::Glossary.name(),
                summary: String::new(),
                context: page.common.title.clone(),
                sections: vec![Section {
                    heading: String::new(),
                    id: String::new(),
                    text: collapse(t.definition.as_deref().unwrap_or("")),
                }],
                scope: scope.clone(),
                ..SearchDoc::default()
            });
        }
    }
    out
}

/// Splits a page's rendered text at its headings. A heading is a line of the text equal
/// to the heading's text, met in order; one not found stays part of the previous section.
fn body_sections(page: &Page, text: &str) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut next = 0;
    let mut buf = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(h) = page.headings.get(next)
            && !trimmed.is_empty()
            && trimmed == h.text
        {
            if let Some(last) = sections.last_mut() {
                last.text = collapse(&buf);
            }
            buf.clear();
            sections.push(Section {
                heading: h.text.clone(),
                id: h.id.clone(),
                text: String::new(),
            });
            next += 1;
            continue;
        }
        buf.push_str(line);
        buf.push('\n');
    }
    if let Some(last) = sections.last_mut() {
        last.text = collapse(&buf);
    }
    sections
}

/// The searchable facts a page's template shows from its front matter.
fn field_sections(page: &Page) -> Vec<Section> {
    let mut out = Vec::new();
    if let Some(r) = page.role() {
        let mut facts = String::new();
        for v in [
            &r.organisation,
            &r.setting,
            &r.grade,
            &r.group_profile,
            &r.location,
            &r.travel,
            &r.reports_to,
            &r.line_management,
            &r.salary,
        ]
        .into_iter()
        .flatten()
        {
            push_sentence(&mut facts, v);
        }
        if let Some(h) = r.hours_per_week {
            push_sentence(&mut facts, &format!("{} hours a week", number_label(h)));
        }
        if let Some(d) = r.source.as_ref().and_then(|s| s.document.as_ref()) {
            push_sentence(&mut facts, d);
        }
        push_section(&mut out, "Key facts", "facts-heading", &facts);
        let mut spec = String::new();
        for c in &r.person_spec {
            push_sentence(&mut spec, &c.text);
        }
        push_section(&mut out, "Person specification", "spec-heading", &spec);
    }
    if let Some(m) = page.module() {
        let mut outcomes = String::new();
        if let Some(model) = &m.reflective_model {
            push_sentence(&mut outcomes, &format!("Reflective model: {model}"));
        }
        for o in &m.outcomes {
            push_sentence(&mut outcomes, o);
        }
        push_section(&mut out, "Outcomes", "", &outcomes);
        let mut plan = String::new();
        for s in &m.sessions {
            push_sentence(&mut plan, &s.activity);
        }
        push_section(&mut out, "Session plan", "plan-heading", &plan);
        let mut prompts = String::new();
        for p in &m.prompts {
            push_sentence(&mut prompts, p);
        }
        push_section(&mut out, "Reflective prompts", "prompts-heading", &prompts);
    }
    for item in &page.common.items {
        let mut text = item.summary.clone().unwrap_or_default();
        for l in &item.levels {
            push_sentence(&mut text, l);
        }
        push_section(&mut out, &item.name, &item.id, &text);
    }
    out
}

fn push_section(out: &mut Vec<Section>, heading: &str, id: &str, text: &str) {
    let text = collapse(text);
    if !text.is_empty() || !heading.is_empty() && !id.is_empty() {
        out.push(Section {
            heading: heading.to_string(),
            id: id.to_string(),
            text,
        });
    }
}

/// Appends `s` as a sentence, so joined list entries read (and snippet) as prose.
fn push_sentence(buf: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    if !buf.is_empty() {
        buf.push(' ');
    }
    buf.push_str(s);
    if !s.ends_with(['.', '?', '!', ':', ';']) {
        buf.push('.');
    }
}

/// Runs of whitespace as one space, trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Cuts stored text at a word boundary after [`MAX_SECTION_CHARS`].
pub fn cap(s: &str) -> String {
    if s.len() <= MAX_SECTION_CHARS {
        return s.to_string();
    }
    let mut end = MAX_SECTION_CHARS;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(space) = s[..end].rfind(' ') {
        end = space;
    }
    format!("{} …", &s[..end])
}

/// The synonym groups search expands queries with: the `search.synonyms` of
/// `handbook.yml`, and each glossary abbreviation with its expansion, so `ACCT` also finds
/// "Assessment, Care in Custody and Teamwork" with no configuration.
pub fn synonyms(site: &Site) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = site
        .config
        .search
        .synonyms
        .iter()
        .map(|(k, v)| {
            std::iter::once(k.clone())
                .chain(v.iter().cloned())
                .collect()
        })
        .collect();
    for page in &site.pages {
        let Some(g) = page.glossary() else { continue };
        for t in &g.terms {
            if let Some(a) = t
                .abbreviation
                .as_deref()
                .filter(|a| !a.is_empty() && *a != t.term)
            {
                out.push(vec![a.to_string(), t.term.clone()]);
            }
        }
    }
    out
}

/// The title of the nearest page at or above page `i` whose front matter says
/// `search: own`: its documents are searched under that filter only.
fn scope_of(site: &Site, i: usize) -> Option<String> {
    use crate::parse::kinds::SearchScope;
    std::iter::once(i)
        .chain(site.ancestors(i).into_iter().rev())
        .find(|&p| site.pages[p].common.search == SearchScope::Own)
        .map(|p| site.pages[p].common.title.clone())
}
