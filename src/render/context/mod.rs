//! The template contexts: the documented, stable data each template gets, as typed
//! structs (one per template family), so the theme contract is what the compiler sees.
//!
//! Every template gets the site-wide values ([`Globals`]: `site`, `nav`, `indexes`,
//! `recruiting`), `base` (the `../` path from the page to the site root), `current_url`
//! and `page`, whose type depends on the template (see `render::contract`). Every URL in a
//! context is relative to the site root; templates prefix it with `base`, so the same site
//! works from disk, under a sub-path and at a web root.
//!
//! The guide's "Theme contract" page lists every variable; `tests/theme_contract.rs` fails
//! when the page, these structs and the default theme's templates disagree.

pub mod page;
pub mod role;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::link::{Backlink, Relation, Site, Target};
use crate::parse::kinds::{Date, Kind};
use crate::urls;

/// The handbook's own description, from `handbook.yml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SiteInfo {
    /// The handbook's name.
    pub title: String,
    /// One sentence about it.
    pub description: Option<String>,
    /// The pages' language (`lang`).
    pub language: String,
    /// The site's local contacts (`contacts:` in `handbook.yml`), for the "Local contacts"
    /// box of the pages that set `extra: { contacts: true }`; empty when none are set.
    pub contacts: Vec<ContactInfo>,
}

/// A local contact, as `handbook.yml` gives it, with its links made.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContactInfo {
    /// Who or what to contact.
    pub name: String,
    /// What to contact them about.
    pub role: Option<String>,
    /// The telephone number as written.
    pub phone: Option<String>,
    /// The number as a `tel:` link.
    pub phone_href: Option<String>,
    /// The mail address.
    pub email: Option<String>,
    /// Anything else a reader needs.
    pub note: Option<String>,
}

/// Values every template gets, computed once per build.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Globals {
    /// The handbook's name, description and language.
    pub site: SiteInfo,
    /// The home page's sections, in order: the site navigation.
    pub nav: Vec<PageLink>,
    /// The index pages (tags, organisations, grades, professional bodies) that exist.
    pub indexes: Vec<IndexLink>,
    /// The recruiting pages this build has; null when the site has no roles.
    pub recruiting: Option<RecruitingLinks>,
}

/// A link to an index page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct IndexLink {
    /// Its heading (`Tags`).
    pub title: String,
    /// Its URL.
    pub url: String,
}

/// The site-wide recruiting pages that exist (the theme has their templates).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RecruitingLinks {
    /// True when roles have checklist pages.
    pub checklists: bool,
    /// The comparison page, if built.
    pub compare_url: Option<String>,
    /// The career pathway page, if built.
    pub pathway_url: Option<String>,
    /// The role-by-competency matrix, if built.
    pub matrix_url: Option<String>,
    /// `roles.json`.
    pub roles_json_url: String,
    /// Keys of the sections that hold roles (their pages show the recruiting links).
    pub sections: Vec<String>,
}

/// A page as other pages link to it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PageLink {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// Its summary.
    pub summary: Option<String>,
    /// Its kind (`role`, `guidance` ...).
    pub kind: String,
    /// True for a section's own page.
    pub is_section: bool,
}

/// A reference as templates see it: what a front-matter reference points at.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Ref {
    /// The reference as written (`frameworks/noms-cqf#making-effective-decisions`).
    #[serde(rename = "ref")]
    pub reference: String,
    /// The target's title (an item's name, a term with its abbreviation, a heading with
    /// its page); the reference as written when it does not resolve.
    pub title: String,
    /// The target's URL; null when the reference does not resolve.
    pub url: Option<String>,
    /// The target's summary (an item's summary, a term's definition).
    pub summary: Option<String>,
    /// An item's number in its framework.
    pub number: Option<u32>,
    /// The kind of the page the target is on; null when it does not resolve.
    pub kind: Option<String>,
    /// The title of the page the target is on.
    pub page_title: Option<String>,
}

/// A tag of a page, with its index page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TagLink {
    /// The tag.
    pub name: String,
    /// Its page.
    pub url: String,
}

/// A heading in the "On this page" list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// Its anchor.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// Links between the parts of a list split into pages (a long pathway, a wide matrix, a long coverage list).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Parts {
    /// This part's number, from 1.
    pub number: usize,
    /// How many parts there are.
    pub of: usize,
    /// The part before.
    pub prev_url: Option<String>,
    /// The part after.
    pub next_url: Option<String>,
}

/// Pages that refer to this one, of one kind.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BacklinkGroup {
    /// The kind's name.
    pub kind: String,
    /// Its plural label (`Roles`).
    pub label: String,
    /// The referring pages, by title.
    pub pages: Vec<Backlinker>,
}

/// A page that refers to this one, and how.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Backlinker {
    /// The referring page.
    #[serde(flatten)]
    pub page: PageLink,
    /// How it refers (`requires it`, `develops it` ...); empty for a plain link or a "See
    /// also" entry.
    pub relations: Vec<&'static str>,
}

/// What every page's `page` has, whatever its template, so `base.html` can draw any page:
/// flattened into each page context.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Head {
    /// The page's title.
    pub title: String,
    /// Its kind (`role` ...), or what the build made (`checklist`, `item`, `index` ...);
    /// the body's `kind-*` class.
    pub kind: String,
    /// The label shown above the title (`Roles`).
    pub kind_label: String,
    /// Its URL.
    pub url: String,
    /// One or two sentences.
    pub summary: Option<String>,
    /// The pages above it, from the home page down.
    pub breadcrumbs: Vec<PageLink>,
    /// Its tags.
    pub tags: Vec<TagLink>,
    /// Its h2 and h3 headings, for "On this page".
    pub toc: Vec<TocEntry>,
    /// Who keeps it current.
    pub owner: Option<String>,
    /// When it is due for review.
    #[schemars(with = "Option<String>")]
    pub review_by: Option<Date>,
    /// True when that date has passed.
    pub review_overdue: bool,
}

impl Head {
    /// The head of a page the build makes: no tags, headings or review date.
    pub fn generated(
        title: impl Into<String>,
        kind: &str,
        url: impl Into<String>,
        summary: Option<String>,
        breadcrumbs: Vec<PageLink>,
    ) -> Head {
        Head {
            title: title.into(),
            kind: kind.to_string(),
            kind_label: String::new(),
            url: url.into(),
            summary,
            breadcrumbs,
            tags: Vec::new(),
            toc: Vec::new(),
            owner: None,
            review_by: None,
            review_overdue: false,
        }
    }
}

/// Page `i` as other pages link to it.
pub fn page_link(site: &Site, i: usize) -> PageLink {
    let p = &site.pages[i];
    PageLink {
        title: p.common.title.clone(),
        url: p.url.clone(),
        summary: p.common.summary.clone(),
        kind: p.kind.name().to_string(),
        is_section: p.is_section,
    }
}

/// The breadcrumbs of page `i`: the home page and every section down to its parent.
pub fn breadcrumbs(site: &Site, i: usize) -> Vec<PageLink> {
    site.ancestors(i)
        .into_iter()
        .map(|a| page_link(site, a))
        .collect()
}

/// A resolved target as templates see it.
pub fn target_ref(site: &Site, written: &str, t: &Target) -> Ref {
    let page = &site.pages[t.page()];
    let (summary, number) = match t {
        Target::Item(p, i) => {
            let item = &site.pages[*p].common.items[*i];
            (item.summary.clone(), item.number)
        }
        Target::Term(p, i) => (
            site.pages[*p]
                .glossary()
                .and_then(|g| g.terms[*i].definition.clone()),
            None,
        ),
        _ => (page.common.summary.clone(), None),
    };
    Ref {
        reference: written.to_string(),
        title: site.target_title(t),
        url: Some(site.target_url(t)),
        summary,
        number,
        kind: Some(page.kind.name().to_string()),
        page_title: Some(page.common.title.clone()),
    }
}

/// A reference as written, resolved where it resolves (the link stage has reported the
/// ones that don't: a site with broken references only renders under `--keep-going`).
pub fn reference(site: &Site, written: &str) -> Ref {
    match site.resolve_ref(written) {
        Ok(t) => target_ref(site, written, &t),
        Err(_) => Ref {
            reference: written.to_string(),
            title: written.to_string(),
            url: None,
            summary: None,
            number: None,
            kind: None,
            page_title: None,
        },
    }
}

/// Every reference of a list.
pub fn references(site: &Site, refs: &[String]) -> Vec<Ref> {
    refs.iter().map(|r| reference(site, r)).collect()
}

/// How a page that links here relates to this one, in a reader's words; nothing for a
/// plain link or a "See also" entry (the list's heading says that much).
fn relation_label(r: Relation) -> Option<&'static str> {
    match r {
        Relation::LinksTo | Relation::Related => None,
        Relation::Requires => Some("requires it"),
        Relation::Develops => Some("develops it"),
        Relation::ReportsTo => Some("reports to this role"),
        Relation::Audience => Some("is meant for this role"),
        Relation::Prerequisite => Some("comes after this one"),
    }
}

/// Backlinks grouped by the referring page's kind, each page once with all its relations.
pub fn backlink_groups(site: &Site, backlinks: &[Backlink]) -> Vec<BacklinkGroup> {
    let mut groups: BTreeMap<Kind, Vec<(usize, Vec<Relation>)>> = BTreeMap::new();
    for b in backlinks {
        let kind = site.pages[b.from].kind;
        let list = groups.entry(kind).or_default();
        match list.iter_mut().find(|(p, _)| *p == b.from) {
            Some((_, rels)) => {
                if !rels.contains(&b.relation) {
                    rels.push(b.relation)
                }
            }
            None => list.push((b.from, vec![b.relation])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, mut list)| {
            list.sort_by(|a, b| {
                site.pages[a.0]
                    .common
                    .title
                    .cmp(&site.pages[b.0].common.title)
            });
            BacklinkGroup {
                kind: kind.name().to_string(),
                label: kind.plural().to_string(),
                pages: list
                    .into_iter()
                    .map(|(p, rels)| Backlinker {
                        page: page_link(site, p),
                        relations: rels.into_iter().filter_map(relation_label).collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The site-wide values, from the linked site, its model and the templates the theme has.
pub fn globals(
    site: &Site,
    model: &crate::model::Model,
    templates: &crate::plan::Templates,
) -> Globals {
    let nav = site
        .children
        .get("")
        .map(|c| c.iter().map(|&i| page_link(site, i)).collect())
        .unwrap_or_default();
    let indexes = model
        .taxonomies
        .iter()
        .map(|t| IndexLink {
            title: t.title.to_string(),
            url: t.index_url(),
        })
        .collect();
    let recruiting = (!model.roles.is_empty()).then(|| {
        let mut sections: Vec<String> = model
            .roles
            .iter()
            .filter_map(|r| r.page(site).parent_key().map(str::to_string))
            .collect();
        sections.sort_unstable();
        sections.dedup();
        let url_if = |template: &str, url: &str| templates.has(template).then(|| url.to_string());
        RecruitingLinks {
            checklists: templates.has("checklist.html"),
            compare_url: url_if("compare.html", urls::COMPARE_URL),
            pathway_url: url_if("pathway.html", urls::PATHWAY_URL),
            matrix_url: url_if("matrix.html", urls::MATRIX_URL),
            roles_json_url: urls::ROLES_JSON_URL.to_string(),
            sections,
        }
    });
    Globals {
        site: SiteInfo {
            title: site.config.title.clone(),
            description: site.config.description.clone(),
            language: site.config.language.clone(),
            contacts: site
                .config
                .contacts
                .iter()
                .map(|c| ContactInfo {
                    name: c.name.clone(),
                    role: c.role.clone(),
                    phone: c.phone.clone(),
                    phone_href: c.phone.as_deref().map(crate::config::tel_href),
                    email: c.email.clone(),
                    note: c.note.clone(),
                })
                .collect(),
        },
        nav,
        indexes,
        recruiting,
    }
}
