//! Stage 3, link: the site graph. Every front-matter reference and every Markdown link is
//! resolved here; what doesn't resolve is an error at the place it was written, with the
//! closest existing name as a hint. The result, `Site`, is the one read-only structure
//! the render stage shares across threads.
//!
//! Also here: sections and their children (navigation, breadcrumbs, previous/next) and
//! backlinks, because they are all facts about how pages relate; and the site settings
//! that change what pages are called (`settings`: URLs as written, GitHub heading ids,
//! unknown fields as warnings), because this is the first stage that has the config.
//! Body links are resolved in `body`.

mod body;
mod checks;
mod sections;
mod settings;

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::{Config, PageUrls};
use crate::diagnostics::{Diagnostic, Diagnostics, Place, closest};
use crate::parse::kinds::{Kind, KindData};
use crate::parse::{Page, auto_segment, slug_segment};
use crate::yaml::Seg;
use checks::{check_unique_ids, orphan_warnings};
pub(crate) use sections::is_implicit;
use sections::{implicit_section, sort_key};

/// How one page relates to what it references; the edge types of `graph.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// An ordinary Markdown link.
    LinksTo,
    /// A role requires a competency, value or registration.
    Requires,
    /// A module develops a competency or value.
    Develops,
    /// A role reports to another.
    ReportsTo,
    /// "See also".
    Related,
    /// A module or programme is for a role.
    Audience,
    /// A module must be taken after another.
    Prerequisite,
}

/// What a reference must point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Anything.
    Any,
    /// An item of a page of this kind (`frameworks/x#id`).
    ItemOf(Kind),
    /// A glossary term.
    Term,
    /// A page of this kind.
    PageOf(Kind),
}

/// A resolved reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A whole page.
    Page(usize),
    /// An item of a page (index of page, index of item).
    Item(usize, usize),
    /// A glossary term (index of page, index of term).
    Term(usize, usize),
    /// A heading of a page.
    Anchor(usize, String),
}

impl Target {
    /// The page the target is on.
    pub fn page(&self) -> usize {
        match self {
            Target::Page(p) | Target::Item(p, _) | Target::Term(p, _) | Target::Anchor(p, _) => *p,
        }
    }
}

/// Why a reference didn't resolve.
#[derive(Debug, Clone)]
pub struct RefError {
    /// What is wrong.
    pub message: String,
    /// The closest existing name, or what to do.
    pub hint: String,
    /// When the target page's front matter could not be read and that explains the
    /// problem (its items are missing, say): that failure, as the diagnostic's cause.
    pub cause: Option<String>,
}

impl RefError {
    /// A problem with no cause elsewhere.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        RefError {
            message: message.into(),
            hint: hint.into(),
            cause: None,
        }
    }
}

/// A reference written in a page's front matter.
#[derive(Debug, Clone)]
pub(crate) struct RefUse<'a> {
    /// The edge type.
    pub relation: Relation,
    /// The reference as written.
    pub value: &'a str,
    /// Where it was written.
    pub path: Vec<Seg>,
    /// What it must point at.
    pub expect: Expect,
}

/// A backlink: page `from` refers to this page (or item) by `relation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Backlink {
    /// The referring page.
    pub from: usize,
    /// How it refers.
    pub relation: Relation,
}

/// The linked site.
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Every published page; indexes are stable for the rest of the build.
    pub pages: Vec<Page>,
    /// Reference key to page index.
    pub by_key: HashMap<String, usize>,
    /// Section key to its child pages, in display order.
    pub children: HashMap<String, Vec<usize>>,
    /// Per page, who refers to it.
    pub backlinks: Vec<Vec<Backlink>>,
    /// Per (page, item id), who refers to the item.
    pub item_backlinks: HashMap<(usize, String), Vec<Backlink>>,
    /// Every edge of the graph: (from, target, relation).
    pub edges: Vec<(usize, Target, Relation)>,
    /// Files under `static/`, by path relative to it.
    pub static_files: HashSet<String>,
    /// Files under `content/` that are not pages (images, documents beside the pages
    /// that link to them), by path relative to it, which is also their output path.
    pub content_files: HashSet<String>,
    /// Keys of pages left out of this build (drafts, internal), for better messages.
    pub excluded: HashSet<String>,
    /// Output path of each page (`roles/x.html`) to its index.
    pub by_url: HashMap<String, usize>,
    /// Other outputs a body link may name by path (item pages, a module's sheets, a
    /// role's checklist, the site-wide pages), with what they show, for backlinks.
    pub outputs: HashMap<String, Option<Target>>,
    /// With `page_urls: file-name` or `auto`: each page's key as a slug (`guide/from-into` for
    /// `guide/From_Into`) to the page, where no other page has the same, so a link that
    /// differs only in case (it worked on the case-insensitive disk it was written on) or
    /// is written in the slugged form (`handbook` before file-name addresses, links
    /// copied from the slugged site) still resolves. Empty with `page_urls: slug`, where
    /// every link is slugged anyway.
    pub by_key_loose: HashMap<String, usize>,
}

/// Every front-matter reference of a page, with where it was written.
pub(crate) fn page_refs(page: &Page) -> Vec<RefUse<'_>> {
    let mut out = Vec::new();
    fn list<'a>(
        out: &mut Vec<RefUse<'a>>,
        relation: Relation,
        expect: Expect,
        prefix: Vec<Seg>,
        values: &'a [String],
    ) {
        for (i, v) in values.iter().enumerate() {
            let mut path = prefix.clone();
            path.push(Seg::Index(i));
            out.push(RefUse {
                relation,
                value: v,
                path,
                expect,
            });
        }
    }
    let key = |k: &str| vec![Seg::Key(k.to_string())];
    list(
        &mut out,
        Relation::Related,
        Expect::Any,
        key("related"),
        &page.common.related,
    );
    match &page.data {
        KindData::Role(r) => {
            list(
                &mut out,
                Relation::Requires,
                Expect::ItemOf(Kind::Framework),
                key("competencies"),
                &r.competencies,
            );
            list(
                &mut out,
                Relation::Requires,
                Expect::ItemOf(Kind::Ethos),
                key("ethos"),
                &r.ethos,
            );
            list(
                &mut out,
                Relation::Requires,
                Expect::Term,
                key("professional_bodies"),
                &r.professional_bodies,
            );
            if let Some(to) = &r.reports_to_role {
                out.push(RefUse {
                    relation: Relation::ReportsTo,
                    value: to,
                    path: key("reports_to_role"),
                    expect: Expect::PageOf(Kind::Role),
                });
            }
            for (i, c) in r.person_spec.iter().enumerate() {
                let prefix = vec![
                    Seg::Key("person_spec".into()),
                    Seg::Index(i),
                    Seg::Key("refs".into()),
                ];
                list(&mut out, Relation::Requires, Expect::Any, prefix, &c.refs);
            }
        }
        KindData::Module(m) => {
            list(
                &mut out,
                Relation::Audience,
                Expect::PageOf(Kind::Role),
                key("audience"),
                &m.audience,
            );
            list(
                &mut out,
                Relation::Develops,
                Expect::ItemOf(Kind::Framework),
                key("develops"),
                &m.develops,
            );
            list(
                &mut out,
                Relation::Develops,
                Expect::ItemOf(Kind::Ethos),
                key("ethos"),
                &m.ethos,
            );
            list(
                &mut out,
                Relation::Prerequisite,
                Expect::PageOf(Kind::Module),
                key("prerequisites"),
                &m.prerequisites,
            );
        }
        KindData::Programme(p) => {
            list(
                &mut out,
                Relation::Audience,
                Expect::PageOf(Kind::Role),
                key("audience"),
                &p.audience,
            );
        }
        KindData::Glossary(g) => {
            for (i, t) in g.terms.iter().enumerate() {
                let prefix = vec![
                    Seg::Key("terms".into()),
                    Seg::Index(i),
                    Seg::Key("see_also".into()),
                ];
                list(
                    &mut out,
                    Relation::Related,
                    Expect::Any,
                    prefix,
                    &t.see_also,
                );
            }
        }
        KindData::None => {}
    }
    out
}

impl Site {
    /// Resolves a front-matter reference (`roles/x`, `frameworks/y#id`, `glossary#term`).
    pub fn resolve_ref(&self, reference: &str) -> Result<Target, RefError> {
        let reference = reference.trim();
        let (path, fragment) = match reference.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (reference, None),
        };
        let key = normalise_key_style(path, self.config.page_urls);
        let Some(page) = self.page_by_key(&key) else {
            return Err(self.missing_page(path, &key));
        };
        match fragment {
            None | Some("") => Ok(Target::Page(page)),
            Some(f) => self.resolve_fragment(page, f),
        }
    }

    fn missing_page(&self, written: &str, key: &str) -> RefError {
        if self.excluded.contains(key) || self.excluded.contains(&normalise_key(written)) {
            return RefError::new(
                format!("`{written}` is a draft or internal page, which this build leaves out"),
                "publish that page, build with `--drafts`/`--include-internal`, or remove the reference",
            );
        }
        let hint = match closest(key, self.by_key.keys().map(String::as_str)) {
            Some(c) => format!("the closest existing page is `{c}`"),
            None => "no page has a similar path; a reference is a path under content/ without `.md`, e.g. `roles/dtc-group-psychotherapist`".into(),
        };
        RefError::new(format!("no page `{written}`"), hint)
    }

    fn resolve_fragment(&self, page: usize, fragment: &str) -> Result<Target, RefError> {
        let p = &self.pages[page];
        if let Some(i) = p.common.items.iter().position(|it| it.id == fragment) {
            return Ok(Target::Item(page, i));
        }
        if let Some(g) = p.glossary()
            && let Some(i) = g.terms.iter().position(|t| t.id == fragment)
        {
            return Ok(Target::Term(page, i));
        }
        if p.headings.iter().any(|h| h.id == fragment) || p.anchors.iter().any(|a| a == fragment) {
            return Ok(Target::Anchor(page, fragment.to_string()));
        }
        let mut names: Vec<&str> = p.common.items.iter().map(|i| i.id.as_str()).collect();
        if let Some(g) = p.glossary() {
            names.extend(g.terms.iter().map(|t| t.id.as_str()));
        }
        names.extend(p.headings.iter().map(|h| h.id.as_str()));
        names.extend(p.anchors.iter().map(String::as_str));
        let hint = match closest(fragment, names.iter().copied()) {
            Some(c) => format!("the closest existing name on that page is `#{c}`"),
            None if names.is_empty() => {
                "that page has no items, terms or headings to link to".into()
            }
            None => format!(
                "that page has: {}",
                names
                    .iter()
                    .take(12)
                    .map(|n| format!("#{n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let cause = p
            .failure
            .as_ref()
            .filter(|f| f.covers("items") || f.covers("terms"))
            .map(|f| f.cause.clone());
        let hint = if cause.is_some() {
            format!(
                "`{}`'s front matter could not be read, so its items and terms are not known; fix it first",
                p.source.text.name
            )
        } else {
            hint
        };
        Err(RefError {
            message: format!(
                "`{}` has no item, term or heading `#{fragment}`",
                display_key(&p.key)
            ),
            hint,
            cause,
        })
    }

    /// Checks that a resolved target is what the field expects.
    pub fn check_expect(
        &self,
        target: &Target,
        expect: Expect,
        written: &str,
    ) -> Result<(), RefError> {
        let kind = self.pages[target.page()].kind;
        let ok = match (expect, target) {
            (Expect::Any, _) => true,
            (Expect::ItemOf(k), Target::Item(..)) => kind == k,
            (Expect::Term, Target::Term(..)) => true,
            (Expect::PageOf(k), Target::Page(_)) => kind == k,
            _ => false,
        };
        if ok {
            return Ok(());
        }
        let wanted = match expect {
            Expect::Any => "anything".to_string(),
            Expect::ItemOf(k) => format!("an item of a {k} page, written `page#item-id`"),
            Expect::Term => "a glossary term, written `glossary#term-id`".to_string(),
            Expect::PageOf(k) => format!("a {k} page"),
        };
        let cause = self.pages[target.page()]
            .failure
            .as_ref()
            .filter(|f| f.covers("kind") || f.covers("items") || f.covers("terms"))
            .map(|f| f.cause.clone());
        Err(RefError {
            message: format!(
                "`{written}` points at a {kind} {}, but this field needs {wanted}",
                target_noun(target)
            ),
            hint: "check the field's description in the format reference".into(),
            cause,
        })
    }

    /// Output URL of a target, relative to the site root.
    pub fn target_url(&self, target: &Target) -> String {
        match target {
            Target::Page(p) => self.pages[*p].url.clone(),
            Target::Item(p, i) => item_url(&self.pages[*p], &self.pages[*p].common.items[*i].id),
            Target::Term(p, i) => {
                let page = &self.pages[*p];
                let id = page.glossary().map_or("", |g| g.terms[*i].id.as_str());
                format!("{}#{id}", page.url)
            }
            Target::Anchor(p, id) => format!("{}#{id}", self.pages[*p].url),
        }
    }

    /// Display title of a target.
    pub fn target_title(&self, target: &Target) -> String {
        match target {
            Target::Page(p) => self.pages[*p].common.title.clone(),
            Target::Item(p, i) => self.pages[*p].common.items[*i].name.clone(),
            Target::Term(p, i) => self.pages[*p].glossary().map_or(String::new(), |g| {
                let t = &g.terms[*i];
                match &t.abbreviation {
                    Some(a) if !a.is_empty() => format!("{} ({a})", t.term),
                    _ => t.term.clone(),
                }
            }),
            Target::Anchor(p, id) => {
                let page = &self.pages[*p];
                let heading = page
                    .headings
                    .iter()
                    .find(|h| &h.id == id)
                    .map_or(id.as_str(), |h| h.text.as_str());
                format!("{}: {heading}", page.common.title)
            }
        }
    }

    /// The section pages from the home page down to `page`'s parent.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut key = self.pages[page].parent_key().map(str::to_string);
        while let Some(k) = key {
            if let Some(&p) = self.by_key.get(&k) {
                out.push(p);
                key = self.pages[p].parent_key().map(str::to_string);
            } else {
                key = k
                    .rsplit_once('/')
                    .map(|(a, _)| a.to_string())
                    .or_else(|| (!k.is_empty()).then(String::new));
            }
        }
        out.reverse();
        out
    }

    /// The pages before and after `page` among its section's children.
    pub fn neighbours(&self, page: usize) -> (Option<usize>, Option<usize>) {
        let Some(parent) = self.pages[page].parent_key() else {
            return (None, None);
        };
        let Some(siblings) = self.children.get(parent) else {
            return (None, None);
        };
        let Some(i) = siblings.iter().position(|&p| p == page) else {
            return (None, None);
        };
        let prev = i.checked_sub(1).map(|j| siblings[j]);
        (prev, siblings.get(i + 1).copied())
    }
}

/// The URL of an item's own page.
pub(crate) fn item_url(page: &Page, id: &str) -> String {
    let base = page
        .url
        .trim_end_matches(".html")
        .trim_end_matches("/index");
    format!("{base}/{}.html", slug_segment(id))
}

fn target_noun(t: &Target) -> &'static str {
    match t {
        Target::Page(_) => "page",
        Target::Item(..) => "item",
        Target::Term(..) => "glossary term",
        Target::Anchor(..) => "heading",
    }
}

fn display_key(key: &str) -> &str {
    if key.is_empty() { "the home page" } else { key }
}

/// `a/./b/../c` to `a/c`; `None` if it climbs above the start.
pub(crate) fn normalise_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// `key` with every segment as a slug: how [`Site::by_key_loose`] matches keys.
pub(crate) fn loose_key(key: &str) -> String {
    key.split('/')
        .filter(|s| !s.is_empty())
        .map(slug_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// Each key's loose form to its page, leaving out a loose form two pages share (neither is
/// meant more than the other).
fn loose_keys(by_key: &HashMap<String, usize>) -> HashMap<String, usize> {
    let mut loose: HashMap<String, Option<usize>> = HashMap::new();
    for (key, &page) in by_key {
        loose
            .entry(loose_key(key))
            .and_modify(|p| *p = None)
            .or_insert(Some(page));
    }
    loose
        .into_iter()
        .filter_map(|(k, p)| p.map(|p| (k, p)))
        .collect()
}

/// A reference path as a key: `.md`, `/_index` and slashes at the ends dropped, segments
/// normalised like file names are.
pub(crate) fn normalise_key(path: &str) -> String {
    normalise_key_style(path, PageUrls::Slug)
}

/// A reference path as a key in a site's URL style (segments as slugs, or as written).
pub(crate) fn normalise_key_style(path: &str, style: PageUrls) -> String {
    let path = path.trim().trim_matches('/');
    let (path, was_md) = match path.strip_suffix(".md") {
        Some(p) => (p, true),
        None => (path, false),
    };
    let path = path
        .strip_suffix("/_index")
        .or_else(|| path.strip_suffix("_index"))
        .or_else(|| was_md.then(|| path.strip_suffix("/index")).flatten())
        .or_else(|| (was_md && path == "index").then_some(""))
        .unwrap_or(path);
    let parts = path.split('/').filter(|s| !s.is_empty());
    match style {
        PageUrls::Slug => parts.map(slug_segment).collect::<Vec<_>>().join("/"),
        PageUrls::FileName => parts.collect::<Vec<_>>().join("/"),
        PageUrls::Auto => parts.map(auto_segment).collect::<Vec<_>>().join("/"),
    }
}

/// `to` (relative to the site root) as seen from the page at `from`.
pub(crate) fn relative_url(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    out
}

/// The `../` prefix from a page to the site root.
pub(crate) fn base_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Broken references and links reported per page before the rest are skipped: finding the
/// closest existing name for each costs time in the number of names, so a page of
/// thousands of broken links (a pasted dump) would take minutes, and no author reads
/// past the first screenful anyway.
pub(crate) const MAX_BROKEN_PER_PAGE: usize = 100;

/// Gives one page its key, URL and heading ids in the site's style, as linking does: for
/// `serve`, which compares a re-read page with the linked one before patching it in.
pub(crate) fn settle_page(config: &Config, page: &mut Page) {
    settings::apply(config, std::slice::from_mut(page));
}

/// Puts the lists of children holding `pages` back in display order, as linking orders
/// them: for `serve`, after it patched pages whose title or weight may have changed.
pub(crate) fn sort_children_of(site: &mut Site, pages: &[usize]) {
    for &p in pages {
        let Some(parent) = site.pages[p].parent_key() else {
            continue;
        };
        if let Some(list) = site.children.get_mut(parent) {
            // From page order, as linking starts: ties keep it.
            list.sort_unstable();
            let all = &site.pages;
            list.sort_by(|&a, &b| sort_key(&all[a]).cmp(&sort_key(&all[b])));
        }
    }
}

/// Builds the site graph and checks every reference and link; the files under `content/`
/// that are not pages (`load::ContentFile::rel`) are given so links and images to files
/// beside the pages resolve.
pub(crate) fn link_with_files(
    config: Config,
    mut pages: Vec<Page>,
    static_files: HashSet<String>,
    content_files: HashSet<String>,
    excluded: HashSet<String>,
) -> (Site, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    settings::apply(&config, &mut pages);
    settings::unknown_fields(&config, &pages, &mut diagnostics);

    // Keys and output paths must be unique, ignoring case: on a case-insensitive disk or
    // server, `Visits.html` and `visits.html` are one file.
    pages.sort_by(|a, b| a.source.text.name.cmp(&b.source.text.name));
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_lower: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(pages.len());
    let ignoring = match config.page_urls {
        PageUrls::FileName => {
            "file names are compared ignoring case (`page_urls: file-name`); rename one of them"
        }
        PageUrls::Slug => {
            "file names are compared ignoring case, spaces and punctuation; rename one of them"
        }
        PageUrls::Auto => {
            "file names are compared ignoring case, and names with spaces, accents or punctuation as slugs; rename one of them"
        }
    };
    for page in pages {
        if let Some(&first) = by_lower.get(&page.key.to_lowercase()) {
            let other: &Page = &kept[first];
            let title = [Seg::Key("title".into())];
            let d = Diagnostic::error(
                "E-duplicate-page",
                &page.source.text,
                page.yaml().span_of(&title, true),
                format!(
                    "two pages have the same output path `{}`: {} and {}",
                    page.url, other.source.text.name, page.source.text.name
                ),
            )
            .with_also(Place::at(
                &other.source.text,
                other.yaml().span_of(&title, true),
                format!("`{}` has that path too", other.source.text.name),
            ))
            .with_hint(ignoring);
            diagnostics.add_text(&other.source.text);
            diagnostics.push(d, Some(&page.source.text));
            continue;
        }
        by_key.insert(page.key.clone(), kept.len());
        by_lower.insert(page.key.to_lowercase(), kept.len());
        kept.push(page);
    }
    let mut pages = kept;

    // Every folder with pages gets a section page, up to the home page.
    let mut missing = Vec::new();
    for p in &pages {
        let mut key = p.parent_key().map(str::to_string);
        while let Some(k) = key {
            if !by_key.contains_key(&k) && !missing.contains(&k) {
                missing.push(k.clone());
            }
            key = if k.is_empty() {
                None
            } else {
                Some(
                    k.rsplit_once('/')
                        .map_or(String::new(), |(a, _)| a.to_string()),
                )
            };
        }
    }
    for k in missing {
        by_key.insert(k.clone(), pages.len());
        pages.push(implicit_section(&k, &config));
    }

    // Items and terms must have unique ids within their page.
    for page in &pages {
        check_unique_ids(page, &mut diagnostics);
    }

    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        if let Some(parent) = p.parent_key() {
            children.entry(parent.to_string()).or_default().push(i);
        }
    }
    for list in children.values_mut() {
        list.sort_by(|&a, &b| sort_key(&pages[a]).cmp(&sort_key(&pages[b])));
    }

    let n = pages.len();
    // Output path to page, so resolving a body link's target is a lookup, not a scan.
    let by_url: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.url.clone(), i))
        .collect();
    let outputs = settings::known_outputs(&pages);
    let by_key_loose = match config.page_urls {
        PageUrls::FileName | PageUrls::Auto => loose_keys(&by_key),
        PageUrls::Slug => HashMap::new(),
    };
    let mut site = Site {
        config,
        pages,
        by_key,
        children,
        backlinks: vec![Vec::new(); n],
        item_backlinks: HashMap::new(),
        edges: Vec::new(),
        static_files,
        content_files,
        excluded,
        by_url,
        outputs,
        by_key_loose,
    };
    // Every page's references and links, resolved in parallel (the site is only read
    // here); edges and problems are then taken in page order, so output is stable.
    type PageLinks = (Vec<(usize, Target, Relation)>, Vec<(Diagnostic, bool)>);
    let per_page: Vec<PageLinks> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let page = &site.pages[i];
            let doc = page.yaml();
            let mut edges = Vec::new();
            let mut problems = Vec::new();
            let mut broken = 0usize;
            let mut unchecked = 0usize;
            for r in page_refs(page) {
                if broken >= MAX_BROKEN_PER_PAGE {
                    unchecked += 1;
                    continue;
                }
                match site
                    .resolve_ref(r.value)
                    .and_then(|t| site.check_expect(&t, r.expect, r.value).map(|_| t))
                {
                    Ok(t) => edges.push((i, t, r.relation)),
                    Err(e) => {
                        broken += 1;
                        let mut d = doc
                            .error_at("E-broken-ref", &r.path, false, e.message)
                            .with_hint(e.hint);
                        if let Some(cause) = e.cause {
                            d = d.with_cause(cause);
                        }
                        problems.push((d, true));
                    }
                }
            }
            for link in &page.links {
                if broken >= MAX_BROKEN_PER_PAGE {
                    unchecked += 1;
                    continue;
                }
                match site.resolve_link(i, &link.dest) {
                    Ok(resolved) => {
                        if let Some(t) = resolved.and_then(|r| r.target) {
                            edges.push((i, t, Relation::LinksTo));
                        }
                    }
                    Err(e) => {
                        broken += 1;
                        let mut d = Diagnostic::error(
                            "E-broken-link",
                            &page.source.text,
                            link.span.clone(),
                            e.message,
                        )
                        .with_hint(e.hint);
                        if let Some(cause) = e.cause {
                            d = d.with_cause(cause);
                        }
                        problems.push((d, true));
                    }
                }
            }
            if unchecked > 0 {
                let d = Diagnostic::file_error(
                    "E-too-many-broken",
                    &page.source.text.name,
                    format!(
                        "{unchecked} more references and links were not checked after {MAX_BROKEN_PER_PAGE} broken ones"
                    ),
                )
                .with_hint("fix the broken references shown, then run again");
                problems.push((d, false));
            }
            (edges, problems)
        })
        .collect();
    let mut edges = Vec::new();
    for (i, (page_edges, problems)) in per_page.into_iter().enumerate() {
        edges.extend(page_edges);
        for (d, with_source) in problems {
            diagnostics.push(d, with_source.then(|| &site.pages[i].source.text));
        }
    }
    for (from, target, relation) in &edges {
        let to = target.page();
        if to != *from {
            site.backlinks[to].push(Backlink {
                from: *from,
                relation: *relation,
            });
        }
        if let Target::Item(p, it) = target {
            let id = site.pages[*p].common.items[*it].id.clone();
            site.item_backlinks
                .entry((*p, id))
                .or_default()
                .push(Backlink {
                    from: *from,
                    relation: *relation,
                });
        }
    }
    for list in site
        .backlinks
        .iter_mut()
        .chain(site.item_backlinks.values_mut())
    {
        list.sort();
        list.dedup();
    }
    site.edges = edges;
    orphan_warnings(&site, &mut diagnostics);
    (site, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_urls() {
        assert_eq!(
            normalise_path("content/guidance/../roles/a.md").as_deref(),
            Some("content/roles/a.md")
        );
        assert_eq!(normalise_path("../x"), None);
        assert_eq!(
            relative_url("roles/a.html", "guidance/b.html"),
            "../guidance/b.html"
        );
        assert_eq!(
            relative_url("index.html", "roles/index.html"),
            "roles/index.html"
        );
        assert_eq!(
            normalise_key("training/Reflective Practice/_index.md"),
            "training/reflective-practice"
        );
    }
}

#[cfg(test)]
mod resolution_tests;
