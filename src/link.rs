//! Stage 3, link: the site graph. Every front-matter reference and every Markdown link is
//! resolved here; what doesn't resolve is an error at the place it was written, with the
//! closest existing name as a hint. The result, `Site`, is the one read-only structure
//! the render stage shares across threads.
//!
//! Also here: sections and their children (navigation, breadcrumbs, previous/next) and
//! backlinks, because they are all facts about how pages relate.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Place, SourceText, closest};
use crate::load::Source;
use crate::parse::kinds::{Common, Kind, KindData};
use crate::parse::yaml::Seg;
use crate::parse::{Page, key_for, slug_segment};

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
}

/// A reference written in a page's front matter.
#[derive(Debug, Clone)]
pub struct RefUse<'a> {
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
    /// Keys of pages left out of this build (drafts, internal), for better messages.
    pub excluded: HashSet<String>,
}

/// Every front-matter reference of a page, with where it was written.
pub fn page_refs(page: &Page) -> Vec<RefUse<'_>> {
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
        let key = normalise_key(path);
        let Some(&page) = self.by_key.get(&key) else {
            return Err(self.missing_page(path, &key));
        };
        match fragment {
            None | Some("") => Ok(Target::Page(page)),
            Some(f) => self.resolve_fragment(page, f),
        }
    }

    fn missing_page(&self, written: &str, key: &str) -> RefError {
        if self.excluded.contains(key) {
            return RefError {
                message: format!("`{written}` is a draft or internal page, which this build leaves out"),
                hint: "publish that page, build with `--drafts`/`--include-internal`, or remove the reference".into(),
            };
        }
        let hint = match closest(key, self.by_key.keys().map(String::as_str)) {
            Some(c) => format!("the closest existing page is `{c}`"),
            None => "no page has a similar path; a reference is a path under content/ without `.md`, e.g. `roles/dtc-group-psychotherapist`".into(),
        };
        RefError {
            message: format!("no page `{written}`"),
            hint,
        }
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
        if p.headings.iter().any(|h| h.id == fragment) {
            return Ok(Target::Anchor(page, fragment.to_string()));
        }
        let mut names: Vec<&str> = p.common.items.iter().map(|i| i.id.as_str()).collect();
        if let Some(g) = p.glossary() {
            names.extend(g.terms.iter().map(|t| t.id.as_str()));
        }
        names.extend(p.headings.iter().map(|h| h.id.as_str()));
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
        Err(RefError {
            message: format!(
                "`{}` has no item, term or heading `#{fragment}`",
                display_key(&p.key)
            ),
            hint,
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
        Err(RefError {
            message: format!(
                "`{written}` points at a {kind} {}, but this field needs {wanted}",
                target_noun(target)
            ),
            hint: "check the field's description in the format reference".into(),
        })
    }

    /// What the renderer does with a link in page `from`'s Markdown: rewrite it to the
    /// output URL, keep it as written (external), or drop it (broken or refused; the link
    /// stage has reported it).
    pub fn link_action(&self, from: usize, dest: &str) -> crate::markdown::LinkAction {
        use crate::markdown::LinkAction;
        match self.resolve_body_link(from, dest) {
            Ok(Some(url)) => LinkAction::Rewrite(url),
            Ok(None) => LinkAction::Keep,
            Err(_) => LinkAction::Drop,
        }
    }

    /// Resolves a link written in page `from`'s Markdown; `Ok(None)` keeps it as written.
    pub fn resolve_body_link(&self, from: usize, dest: &str) -> Result<Option<String>, RefError> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with("//") {
            return Ok(None);
        }
        if let Some(scheme) = url_scheme(dest) {
            return if ["javascript", "data", "vbscript"]
                .contains(&scheme.to_ascii_lowercase().as_str())
            {
                Err(RefError {
                    message: format!("`{scheme}:` links are not allowed"),
                    hint: "link to a page or an https:// address".into(),
                })
            } else {
                Ok(None)
            };
        }
        let page = &self.pages[from];
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() {
            if let Some(f) = fragment {
                self.resolve_fragment(from, &percent_decode(f))?;
            }
            return Ok(None);
        }
        let decoded = percent_decode(path);
        // Site-root path of the destination, as if the link were followed in the source tree.
        let source_dir = Path::new(&page.source.text.name)
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let joined = if let Some(abs) = decoded.strip_prefix('/') {
            if abs.ends_with(".md") || abs.ends_with('/') {
                format!("content/{abs}")
            } else {
                format!("static/{abs}")
            }
        } else {
            format!("{source_dir}/{decoded}")
        };
        let Some(resolved) = normalise_path(&joined) else {
            return Err(RefError {
                message: format!("link `{dest}` leaves the site folder"),
                hint: "link only to pages under content/ and files under static/".into(),
            });
        };
        if let Some(rel) = resolved
            .strip_prefix("content/")
            .or((resolved == "content").then_some(""))
        {
            let is_dir = decoded.ends_with('/') || rel.is_empty() || !rel.contains('.');
            if rel.ends_with(".md") || is_dir {
                let key = if is_dir {
                    normalise_key(rel)
                } else {
                    key_for(rel).0
                };
                let Some(&target) = self.by_key.get(&key) else {
                    let written = rel.trim_end_matches(".md");
                    let mut e = self.missing_page(written, &key);
                    e.message = format!("link `{dest}`: {}", e.message);
                    if e.hint.starts_with("no page has a similar path") {
                        e.hint = "links are relative to this file, e.g. `../roles/group-psychotherapist.md`".into();
                    }
                    return Err(e);
                };
                let url = &self.pages[target].url;
                let mut out = relative_url(&page.url, url);
                if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                    self.resolve_fragment(target, &percent_decode(f))
                        .map_err(|mut e| {
                            e.message = format!("link `{dest}`: {}", e.message);
                            e
                        })?;
                    out.push('#');
                    out.push_str(f);
                }
                return Ok(Some(out));
            }
        }
        if let Some(rel) = resolved.strip_prefix("static/")
            && self.static_files.contains(rel)
        {
            let mut out = relative_url(&page.url, rel);
            if let Some(f) = fragment {
                out.push('#');
                out.push_str(f);
            }
            return Ok(Some(out));
        }
        // A link written the way the output is laid out: relative to the page's URL.
        let page_dir = page.url.rsplit_once('/').map_or("", |(d, _)| d);
        if let Some(out_path) = normalise_path(&format!("{page_dir}/{decoded}"))
            && self.static_files.contains(&out_path)
        {
            return Ok(None);
        }
        let hint = match closest(&resolved, self.static_files.iter().map(String::as_str)) {
            Some(c) if !self.static_files.is_empty() => {
                format!("files are linked from static/; the closest is `static/{c}`")
            }
            _ => "link to a `.md` page, or put the file under static/ and link to it".into(),
        };
        Err(RefError {
            message: format!(
                "link `{dest}` points at `{resolved}`, which is not a page or a file under static/"
            ),
            hint,
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
pub fn item_url(page: &Page, id: &str) -> String {
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
pub fn normalise_path(path: &str) -> Option<String> {
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

/// A reference path as a key: `.md`, `/_index` and slashes at the ends dropped, segments
/// normalised like file names are.
pub fn normalise_key(path: &str) -> String {
    let path = path.trim().trim_matches('/');
    let path = path.strip_suffix(".md").unwrap_or(path);
    let path = path
        .strip_suffix("/_index")
        .or_else(|| path.strip_suffix("_index"))
        .unwrap_or(path);
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(slug_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// `to` (relative to the site root) as seen from the page at `from`.
pub fn relative_url(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    out
}

/// The `../` prefix from a page to the site root.
pub fn base_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn url_scheme(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let valid = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sort_key(p: &Page) -> (bool, i64, String) {
    (
        p.common.weight.is_none(),
        p.common.weight.unwrap_or(0),
        p.common.title.to_lowercase(),
    )
}

/// A section page for a folder that has pages but no `_index.md`, so navigation and
/// breadcrumbs never have gaps.
fn implicit_section(key: &str, config: &Config) -> Page {
    let title = if key.is_empty() {
        config.title.clone()
    } else {
        let last = key.rsplit('/').next().unwrap_or(key);
        let mut t = last.replace('-', " ");
        if let Some(first) = t.get(0..1) {
            t.replace_range(0..1, &first.to_uppercase());
        }
        t
    };
    let rel = if key.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{key}/_index.md")
    };
    let text = SourceText::new(format!("content/{rel}"), "");
    Page {
        source: Source {
            text,
            rel,
            front_matter: 0..0,
            body_start: 0,
        },
        key: key.to_string(),
        url: crate::parse::url_for(key, true),
        kind: Kind::Page,
        is_section: true,
        common: Common {
            title,
            ..Common::default()
        },
        data: KindData::None,
        headings: Vec::new(),
        links: Vec::new(),
    }
}

/// Broken references and links reported per page before the rest are skipped: finding the
/// closest existing name for each costs time in the number of names, so a page of
/// thousands of broken links (a pasted dump) would take minutes, and no author reads
/// past the first screenful anyway.
pub const MAX_BROKEN_PER_PAGE: usize = 100;

/// Builds the site graph and checks every reference and link.
pub fn link(
    config: Config,
    mut pages: Vec<Page>,
    static_files: HashSet<String>,
    excluded: HashSet<String>,
) -> (Site, Diagnostics) {
    let mut diagnostics = Diagnostics::new();

    // Keys and output paths must be unique.
    pages.sort_by(|a, b| a.source.text.name.cmp(&b.source.text.name));
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(pages.len());
    for page in pages {
        if let Some(&first) = by_key.get(&page.key) {
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
            .with_hint(
                "file names are compared ignoring case, spaces and punctuation; rename one of them",
            );
            diagnostics.add_text(&other.source.text);
            diagnostics.push(d, Some(&page.source.text));
            continue;
        }
        by_key.insert(page.key.clone(), kept.len());
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
    let mut site = Site {
        config,
        pages,
        by_key,
        children,
        backlinks: vec![Vec::new(); n],
        item_backlinks: HashMap::new(),
        edges: Vec::new(),
        static_files,
        excluded,
    };

    // Output path to page, so resolving a body link's target is a lookup, not a scan.
    let by_url: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.url.as_str(), i))
        .collect();
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
                        let d = doc
                            .error_at("E-broken-ref", &r.path, false, e.message)
                            .with_hint(e.hint);
                        problems.push((d, true));
                    }
                }
            }
            for link in &page.links {
                if broken >= MAX_BROKEN_PER_PAGE {
                    unchecked += 1;
                    continue;
                }
                match site.resolve_body_link(i, &link.dest) {
                    Ok(url) => {
                        if let Some(t) = url.and_then(|u| body_link_target(&site, &by_url, i, &u)) {
                            edges.push((i, t, Relation::LinksTo));
                        }
                    }
                    Err(e) => {
                        broken += 1;
                        let d = Diagnostic::error(
                            "E-broken-link",
                            &page.source.text,
                            link.span.clone(),
                            e.message,
                        )
                        .with_hint(e.hint);
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

/// A page nothing links to is hard to find except by browsing its section: warn, so
/// authors link it from where readers need it. Sections and the home page are exempt.
fn orphan_warnings(site: &Site, diagnostics: &mut Diagnostics) {
    for (i, page) in site.pages.iter().enumerate() {
        if page.is_section || page.key.is_empty() || page.source.text.text.is_empty() {
            continue;
        }
        if site.backlinks[i].iter().any(|b| b.from != i) {
            continue;
        }
        let d = page
            .yaml()
            .error_at("W-orphan", &[Seg::Key("title".into())], true, "no other page links to this page")
            .with_severity(crate::diagnostics::Severity::Warning)
            .with_hint("link to it from a related page (a Markdown link or a `related:` entry) so readers can find it");
        diagnostics.push(d, Some(&page.source.text));
    }
}

/// The target of a body link that points at a page, for backlinks.
fn body_link_target(
    site: &Site,
    by_url: &HashMap<&str, usize>,
    from: usize,
    url: &str,
) -> Option<Target> {
    let base = base_for(&site.pages[from].url);
    let rel = url.strip_prefix(&base)?;
    let (path, fragment) = rel
        .split_once('#')
        .map_or((rel, None), |(p, f)| (p, Some(f)));
    let page = *by_url.get(path)?;
    Some(match fragment {
        Some(f) => site.resolve_fragment(page, f).unwrap_or(Target::Page(page)),
        None => Target::Page(page),
    })
}

fn check_unique_ids(page: &Page, diagnostics: &mut Diagnostics) {
    let doc = page.yaml();
    // Each item gets its own page named after its id, so ids must differ as URLs, not
    // only as written (`a b` and `a-b` would make one page).
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, item) in page.common.items.iter().enumerate() {
        let path = [
            Seg::Key("items".into()),
            Seg::Index(i),
            Seg::Key("id".into()),
        ];
        let slug = slug_segment(&item.id);
        if slug.is_empty() {
            let d = doc
                .error_at(
                    "E-bad-id",
                    &path,
                    false,
                    format!(
                        "item id `{}` has no letters or digits to make its page's URL from",
                        item.id
                    ),
                )
                .with_hint("use words joined by `-`, e.g. `id: making-effective-decisions`");
            diagnostics.push(d, Some(&page.source.text));
            continue;
        }
        if let Some(first) = seen.insert(slug, i) {
            let other = &page.common.items[first].id;
            let message = if *other == item.id {
                format!("item id `{}` is used twice on this page", item.id)
            } else {
                format!(
                    "item ids `{other}` and `{}` make the same URL on this page",
                    item.id
                )
            };
            let d = doc
                .error_at("E-duplicate-id", &path, false, message)
                .with_hint(format!(
                    "item {} already has it; ids must be unique within a page, ignoring case, spaces and punctuation",
                    first + 1
                ));
            diagnostics.push(d, Some(&page.source.text));
        }
    }
    if let Some(g) = page.glossary() {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, term) in g.terms.iter().enumerate() {
            if let Some(first) = seen.insert(term.id.as_str(), i) {
                let path = [
                    Seg::Key("terms".into()),
                    Seg::Index(i),
                    Seg::Key("id".into()),
                ];
                let d = doc
                    .error_at(
                        "E-duplicate-id",
                        &path,
                        false,
                        format!("term id `{}` is used twice", term.id),
                    )
                    .with_hint(format!("term {} already has it", first + 1));
                diagnostics.push(d, Some(&page.source.text));
            }
        }
    }
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
