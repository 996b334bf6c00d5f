//! The context of a content page (every kind's template: `home.html`, `section.html`,
//! `role.html`, `module.html` ...) and of a module's printable sheets, which show the same
//! page laid out for A4.

use schemars::JsonSchema;
use serde::Serialize;

use super::role::{Role, role};
use super::{
    BacklinkGroup, Head, PageLink, Ref, TagLink, TocEntry, backlink_groups, breadcrumbs, page_link,
    references,
};
use crate::link::{Site, item_url};
use crate::model::labels::duration_label;
use crate::model::taxonomy::term_url;
use crate::model::{Model, module_minutes};
use crate::parse::kinds::{Classification, Date, Kind, KindData};
use crate::plan::{Sheet, Templates, has_coverage_page, has_sheets};
use crate::render::reflective::{self, ReflectiveModel};
use crate::urls;

/// An item (competency, value, standard) as its page's list shows it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ItemEntry {
    /// Its id, the anchor on the page.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its number in the framework.
    pub number: Option<u32>,
    /// Its group.
    pub cluster: Option<String>,
    /// A sentence or two.
    pub summary: Option<String>,
    /// Level descriptors.
    pub levels: Vec<String>,
    /// Its own page.
    pub url: String,
}

/// Items of one cluster, in source order.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ItemCluster {
    /// The cluster's name; null for items without one.
    pub name: Option<String>,
    /// Its items.
    pub items: Vec<ItemEntry>,
}

/// One block of a module's session plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SessionEntry {
    /// Its start time from the beginning (`0:15`).
    pub start: String,
    /// Its length.
    pub minutes: u32,
    /// What happens.
    pub activity: String,
}

/// A module's own fields.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModuleData {
    /// Its stated length.
    pub duration_minutes: Option<u32>,
    /// Its length as people read it (`1 h 30 min`), from `duration_minutes` or the plan.
    pub duration_label: Option<String>,
    /// The roles it is for.
    pub audience: Vec<Ref>,
    /// The framework items it develops.
    pub develops: Vec<Ref>,
    /// The ethos items it draws on.
    pub ethos: Vec<Ref>,
    /// What participants can do afterwards.
    pub outcomes: Vec<String>,
    /// Its reflective model.
    pub reflective_model: Option<ReflectiveModel>,
    /// The session plan, with running start times.
    pub sessions: Vec<SessionEntry>,
    /// The plan's total minutes.
    pub sessions_total: u32,
    /// Reflective questions.
    pub prompts: Vec<String>,
    /// Modules to take first.
    pub prerequisites: Vec<Ref>,
}

/// A module of a programme.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProgrammeModule {
    /// The module.
    #[serde(flatten)]
    pub page: PageLink,
    /// Its length in minutes (0 when it states none).
    pub duration_minutes: u32,
    /// Its length as people read it.
    pub duration_label: String,
}

/// A programme's own fields and modules.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProgrammeData {
    /// The roles it is for.
    pub audience: Vec<Ref>,
    /// Its modules, in order.
    pub modules: Vec<ProgrammeModule>,
    /// Their total length in minutes.
    pub total_minutes: u32,
    /// The same as people read it.
    pub total_label: String,
    /// Every framework item its modules develop, once each.
    pub competencies: Vec<Ref>,
}

/// One glossary entry.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermEntry {
    /// Its anchor on the glossary page.
    pub id: String,
    /// The full name.
    pub term: String,
    /// The short form.
    pub abbreviation: Option<String>,
    /// One line.
    pub definition: Option<String>,
    /// Related entries or pages.
    pub see_also: Vec<Ref>,
    /// What the list is sorted by: the abbreviation, else the term, in lower case.
    pub sort: String,
}

/// A glossary's terms, sorted.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GlossaryData {
    /// Its terms, by abbreviation or name.
    pub terms: Vec<TermEntry>,
    /// The same terms by initial, for the A-Z jump list: every letter A-Z (with no terms
    /// where none starts with it), then `0-9` and `#` when a term starts with a digit or
    /// another character.
    pub letters: Vec<Letter>,
}

/// The glossary's terms of one initial.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Letter {
    /// `A` ... `Z`, `0-9` or `#`.
    pub letter: String,
    /// Its anchor (`letter-a`, `letter-digits`, `letter-other`).
    pub id: String,
    /// Its terms, in order.
    pub terms: Vec<TermEntry>,
}

/// A page's "Sources" section, shown once at its end.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Sources {
    /// The section's rendered body, without its heading.
    pub html: String,
}

/// Links to the training outputs of a page: a module's sheets; the coverage page on the
/// training section and on programmes.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct TrainingLinks {
    /// The module's facilitator handout.
    pub handout_url: Option<String>,
    /// The module's participant reflective log.
    pub log_url: Option<String>,
    /// The module pack: handout and log to print together (when the theme has it).
    pub pack_url: Option<String>,
    /// The training coverage page.
    pub coverage_url: Option<String>,
}

/// The `page` of a content page's template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PageContext {
    /// What every page has.
    #[serde(flatten)]
    pub head: Head,
    /// Its reference key (`roles/x`; empty for the home page).
    pub key: String,
    /// True for a section's own page.
    pub is_section: bool,
    /// Its source file, relative to the site root.
    pub source_path: String,
    /// True for a draft (built only with `--drafts`).
    pub draft: bool,
    /// True for an internal page (built only when internal pages are included).
    pub internal: bool,
    /// The page before it in its section.
    pub prev: Option<PageLink>,
    /// The page after it in its section.
    pub next: Option<PageLink>,
    /// A section's pages, in order.
    pub children: Vec<PageLink>,
    /// Its "See also" references.
    pub related: Vec<Ref>,
    /// The pages that refer to it, by kind.
    pub backlinks: Vec<BacklinkGroup>,
    /// Its items, by cluster.
    pub items: Vec<ItemCluster>,
    /// A role's facts and person specification.
    pub role: Option<Role>,
    /// A module's fields.
    pub module: Option<ModuleData>,
    /// A programme's modules.
    pub programme: Option<ProgrammeData>,
    /// A glossary's terms.
    pub glossary: Option<GlossaryData>,
    /// True when its kind has fields of its own.
    pub has_fields: bool,
    /// Its training outputs.
    pub training: TrainingLinks,
    /// The rendered Markdown body (HTML, sanitised unless the site allows raw HTML),
    /// without its "Sources" section.
    pub content: String,
    /// The body's "Sources" section (`## Sources`), shown once at the page's end.
    pub sources: Option<Sources>,
    /// The front matter's `extra:` mapping, as written (values the handbook never
    /// interprets, kept for a custom theme: `{{ page.extra.author }}`).
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The page asks for the "Local contacts" box (`extra: { contacts: true }` in its front
    /// matter): the site's `contacts` from `handbook.yml`, or where to add them.
    pub show_contacts: bool,
}

/// The `page` of a module's handout or reflective log: the module page's context, with
/// the sheet's own URL and label.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SheetContext {
    /// The module page's context (its `url` and `breadcrumbs` are the sheet's).
    #[serde(flatten)]
    pub page: PageContext,
    /// The module page.
    pub module_url: String,
    /// `Facilitator handout` or `Participant reflective log`.
    pub sheet_label: &'static str,
}

fn items(site: &Site, index: usize) -> Vec<ItemCluster> {
    let page = &site.pages[index];
    let mut clusters: Vec<ItemCluster> = Vec::new();
    for item in &page.common.items {
        let entry = ItemEntry {
            id: item.id.clone(),
            name: item.name.clone(),
            number: item.number,
            cluster: item.cluster.clone(),
            summary: item.summary.clone(),
            levels: item.levels.clone(),
            url: item_url(page, &item.id),
        };
        match clusters.iter_mut().find(|c| c.name == item.cluster) {
            Some(c) => c.items.push(entry),
            None => clusters.push(ItemCluster {
                name: item.cluster.clone(),
                items: vec![entry],
            }),
        }
    }
    clusters
}

fn module(site: &Site, index: usize) -> Option<ModuleData> {
    let m = site.pages[index].module()?;
    let mut start = 0u32;
    let sessions = m
        .sessions
        .iter()
        .map(|s| {
            let entry = SessionEntry {
                start: format!("{}:{:02}", start / 60, start % 60),
                minutes: s.minutes,
                activity: s.activity.clone(),
            };
            start = start.saturating_add(s.minutes);
            entry
        })
        .collect();
    Some(ModuleData {
        duration_minutes: m.duration_minutes,
        duration_label: module_minutes(m).map(duration_label),
        audience: references(site, &m.audience),
        develops: references(site, &m.develops),
        ethos: references(site, &m.ethos),
        outcomes: m.outcomes.clone(),
        reflective_model: m.reflective_model.as_deref().map(reflective::model),
        sessions,
        sessions_total: start,
        prompts: m.prompts.clone(),
        prerequisites: references(site, &m.prerequisites),
    })
}

fn programme(site: &Site, index: usize) -> Option<ProgrammeData> {
    let page = &site.pages[index];
    let p = page.programme()?;
    let modules: Vec<usize> = site
        .children
        .get(&page.key)
        .map(|c| {
            c.iter()
                .copied()
                .filter(|&i| site.pages[i].kind == Kind::Module)
                .collect()
        })
        .unwrap_or_default();
    let mut total = 0u32;
    let mut covered: Vec<String> = Vec::new();
    let list = modules
        .iter()
        .map(|&i| {
            let m = site.pages[i].module();
            let minutes = m.and_then(module_minutes).unwrap_or(0);
            total = total.saturating_add(minutes);
            for d in m.map(|m| m.develops.as_slice()).unwrap_or_default() {
                if !covered.contains(d) {
                    covered.push(d.clone());
                }
            }
            ProgrammeModule {
                page: page_link(site, i),
                duration_minutes: minutes,
                duration_label: duration_label(minutes),
            }
        })
        .collect();
    Some(ProgrammeData {
        audience: references(site, &p.audience),
        modules: list,
        total_minutes: total,
        total_label: duration_label(total),
        competencies: references(site, &covered),
    })
}

fn glossary(site: &Site, index: usize) -> Option<GlossaryData> {
    let g = site.pages[index].glossary()?;
    let mut terms: Vec<TermEntry> = g
        .terms
        .iter()
        .map(|t| TermEntry {
            id: t.id.clone(),
            term: t.term.clone(),
            abbreviation: t.abbreviation.clone(),
            definition: t.definition.clone(),
            see_also: references(site, &t.see_also),
            sort: t
                .abbreviation
                .clone()
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| t.term.clone())
                .to_lowercase(),
        })
        .collect();
    terms.sort_by(|a, b| a.sort.cmp(&b.sort));
    let letters = letters(&terms);
    Some(GlossaryData { terms, letters })
}

/// Terms (already sorted) grouped by the initial they are sorted by.
fn letters(terms: &[TermEntry]) -> Vec<Letter> {
    let initial = |t: &TermEntry| -> char {
        match t.sort.chars().find(|c| c.is_alphanumeric()) {
            Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
            Some(c) if c.is_ascii_digit() => '0',
            _ => '#',
        }
    };
    let group = |letter: char, label: &str, id: &str| Letter {
        letter: label.to_string(),
        id: id.to_string(),
        terms: terms
            .iter()
            .filter(|t| initial(t) == letter)
            .cloned()
            .collect(),
    };
    let mut out: Vec<Letter> = ('A'..='Z')
        .map(|c| {
            group(
                c,
                &c.to_string(),
                &format!("letter-{}", c.to_ascii_lowercase()),
            )
        })
        .collect();
    for (c, label, id) in [('0', "0-9", "letter-digits"), ('#', "#", "letter-other")] {
        let g = group(c, label, id);
        if !g.terms.is_empty() {
            out.push(g);
        }
    }
    out
}

/// Takes the page's "Sources" section (a `## Sources` heading, id `sources`, and what
/// follows it up to the next `h2`) out of its rendered body, and its entries out of the
/// contents list, so the theme shows the page's provenance once, at its end.
fn move_sources(content: String, toc: &mut Vec<TocEntry>) -> (String, Option<Sources>) {
    const HEADING: &str = "<h2 id=\"sources\"";
    let Some(start) = content.find(HEADING) else {
        return (content, None);
    };
    let Some(close) = content[start..].find("</h2>") else {
        return (content, None);
    };
    let body = start + close + "</h2>".len();
    let end = content[body..]
        .find("<h2")
        .map_or(content.len(), |e| body + e);
    let sources = content[body..end].trim().to_string();
    let rest = format!("{}{}", &content[..start], &content[end..]);
    if let Some(at) = toc.iter().position(|h| h.id == "sources") {
        // The heading and the subheadings under it.
        let stop = toc[at + 1..]
            .iter()
            .position(|h| h.level <= 2)
            .map_or(toc.len(), |e| at + 1 + e);
        toc.drain(at..stop);
    }
    (rest, Some(Sources { html: sources }))
}

fn training(site: &Site, index: usize, templates: &Templates) -> TrainingLinks {
    let page = &site.pages[index];
    if has_sheets(site, index, templates) {
        return TrainingLinks {
            handout_url: Some(Sheet::Handout.url(&page.url)),
            log_url: Some(Sheet::ReflectiveLog.url(&page.url)),
            pack_url: templates
                .has(Sheet::Pack.template())
                .then(|| Sheet::Pack.url(&page.url)),
            coverage_url: None,
        };
    }
    let coverage = (page.key == urls::TRAINING_KEY || page.kind == Kind::Programme)
        && has_coverage_page(site, templates);
    TrainingLinks {
        coverage_url: coverage.then(|| urls::COVERAGE_URL.to_string()),
        ..TrainingLinks::default()
    }
}

/// The whole context of page `index`, with its rendered body.
pub fn page_context(
    site: &Site,
    model: &Model,
    templates: &Templates,
    index: usize,
    today: Date,
    content: String,
) -> PageContext {
    let page = &site.pages[index];
    let c = &page.common;
    let (prev, next) = site.neighbours(index);
    let mut toc: Vec<TocEntry> = page
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(|h| TocEntry {
            level: h.level,
            id: h.id.clone(),
            text: h.text.clone(),
        })
        .collect();
    let (content, sources) = move_sources(content, &mut toc);
    let children = if page.is_section {
        site.children
            .get(&page.key)
            .map(|c| c.iter().map(|&i| page_link(site, i)).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    PageContext {
        head: Head {
            title: c.title.clone(),
            kind: page.kind.name().to_string(),
            kind_label: page.kind.plural().to_string(),
            url: page.url.clone(),
            summary: c.summary.clone(),
            breadcrumbs: breadcrumbs(site, index),
            tags: c
                .tags
                .iter()
                .map(|t| TagLink {
                    name: t.clone(),
                    url: term_url("tags", t),
                })
                .collect(),
            toc,
            owner: c.owner.clone(),
            review_by: c.review_by,
            review_overdue: c.review_by.is_some_and(|d| d < today),
        },
        key: page.key.clone(),
        is_section: page.is_section,
        source_path: page.source.text.name.clone(),
        draft: c.draft,
        internal: c.classification == Classification::Internal,
        prev: prev.map(|i| page_link(site, i)),
        next: next.map(|i| page_link(site, i)),
        children,
        related: references(site, &c.related),
        backlinks: backlink_groups(site, &site.backlinks[index]),
        items: items(site, index),
        role: model.role_of(index).map(|r| role(site, r, templates)),
        module: module(site, index),
        programme: programme(site, index),
        glossary: glossary(site, index),
        has_fields: !matches!(page.data, KindData::None),
        training: training(site, index, templates),
        content,
        sources,
        extra: extra(&c.extra),
        show_contacts: extra(&c.extra).get("contacts") == Some(&serde_json::Value::Bool(true)),
    }
}

/// A page's `extra:` as JSON for templates: a value JSON cannot hold (a mapping with a
/// list as a key) is left out rather than failing the page.
fn extra(
    values: &std::collections::BTreeMap<String, serde_yaml::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    values
        .iter()
        .filter_map(|(k, v)| serde_json::to_value(v).ok().map(|v| (k.clone(), v)))
        .collect()
}

/// The context of one of module `index`'s sheets, from its page's context.
pub fn sheet_context(page: &PageContext, sheet: Sheet) -> SheetContext {
    let mut sheet_page = page.clone();
    sheet_page.head.url = sheet.url(&page.head.url);
    sheet_page.head.breadcrumbs.push(PageLink {
        title: page.head.title.clone(),
        url: page.head.url.clone(),
        summary: page.head.summary.clone(),
        kind: page.head.kind.clone(),
        is_section: page.is_section,
    });
    SheetContext {
        page: sheet_page,
        module_url: page.head.url.clone(),
        sheet_label: sheet.label(),
    }
}
