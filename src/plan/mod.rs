//! Stage 5, plan: every file the build writes, decided once from the linked site and its
//! model, before anything is rendered.
//!
//! ```text
//! link -> Site, model -> Model -> plan -> Plan -> check, render, index, write
//! ```
//!
//! Each [`Entry`] says where a file goes, what makes it (an [`Output`] and, for pages, the
//! template), which source pages it shows ([`Deps`]) and who asked for the path
//! ([`Origin`], for messages). The one collision check ([`check`]) reads the plan, so
//! `build`, `check` and `serve` report the same problems before rendering; render walks
//! the plan in parallel; `serve` compares the plan of one rebuild with the last to render
//! only what an edit changed.
//!
//! Not for: rendering. Nothing here touches a template or the disk.

pub mod check;

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

use crate::config::PageUrls;
use crate::link::{Site, item_url};
use crate::model::Model;
use crate::parse::kinds::Kind;
use crate::urls;

/// A file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// The templates the theme has, where an output exists only if its template does (a theme
/// written before checklists existed simply gets no checklists, and no links to them).
#[derive(Debug, Clone, Default)]
pub struct Templates {
    names: HashSet<String>,
}

impl Templates {
    /// The templates named `names`.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Templates {
        Templates {
            names: names.into_iter().map(str::to_string).collect(),
        }
    }

    /// True if the theme has template `name`.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Both training sheets (handout and reflective log).
    pub fn sheets(&self) -> bool {
        self.has("handout.html") && self.has("reflective-log.html")
    }
}

/// The files copied as they are, by output path, in the order that wins a clash: the
/// highlighting stylesheets, the theme's assets, then the site's `static/`.
#[derive(Debug, Clone, Default)]
pub struct AssetPaths {
    /// `css/syntax-*.css`.
    pub syntax: Vec<String>,
    /// The theme's `static/` (without the assets only `serve` uses).
    pub theme: Vec<String>,
    /// The site's `static/`.
    pub site: Vec<String>,
    /// The files beside the pages under `content/` (images, documents), at the same paths.
    pub content: Vec<String>,
}

/// One of a module's printable sheets, written beside its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sheet {
    /// For whoever runs the session.
    Handout,
    /// For participants, with space to write.
    ReflectiveLog,
    /// The handout and the reflective log on one page, to print together.
    Pack,
}

impl Sheet {
    /// Every sheet, in the order the module page lists them.
    pub const ALL: [Sheet; 3] = [Sheet::Handout, Sheet::ReflectiveLog, Sheet::Pack];

    /// Its template.
    pub fn template(self) -> &'static str {
        match self {
            Sheet::Handout => "handout.html",
            Sheet::ReflectiveLog => "reflective-log.html",
            Sheet::Pack => "module-pack.html",
        }
    }

    /// Its URL, from the module page's.
    pub fn url(self, module_url: &str) -> String {
        match self {
            Sheet::Handout => urls::handout_url(module_url),
            Sheet::ReflectiveLog => urls::log_url(module_url),
            Sheet::Pack => urls::pack_url(module_url),
        }
    }

    /// Its name, as the page shows it.
    pub fn label(self) -> &'static str {
        match self {
            Sheet::Handout => "Facilitator handout",
            Sheet::ReflectiveLog => "Participant reflective log",
            Sheet::Pack => "Module pack",
        }
    }
}

/// Where a copied file comes from: an index into one of [`AssetPaths`]' lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asset {
    /// A highlighting stylesheet.
    Syntax(usize),
    /// A theme asset.
    Theme(usize),
    /// A file of the site's `static/`.
    Site(usize),
    /// A file beside the pages under `content/`.
    Content(usize),
}

/// What makes a file. Indexes are into `Site::pages`, `Model::roles` and
/// `Model::taxonomies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A content page, through its kind's template.
    Page(usize),
    /// A module's handout or reflective log.
    Sheet(usize, Sheet),
    /// The page of one item (page, item).
    Item(usize, usize),
    /// A taxonomy's list of values.
    TaxonomyIndex(usize),
    /// One value's list of pages (taxonomy, term).
    TaxonomyTerm(usize, usize),
    /// A role's checklist (role).
    Checklist(usize),
    /// A role's person specification as CSV (role).
    SpecCsv(usize),
    /// The comparison page.
    Compare,
    /// One role's comparison data script (role).
    CompareRole(usize),
    /// The career pathways' index.
    PathwayIndex,
    /// Page `n` of a setting's pathways (setting, n).
    PathwaySetting(usize, usize),
    /// The matrix's index.
    MatrixIndex,
    /// A framework's matrix: its table, or its overview when split (framework: index into
    /// `RecruitingModel::frameworks`).
    MatrixFramework(usize),
    /// Part `n` of one setting's roles in a split framework matrix (framework, setting, n).
    MatrixPart(usize, usize, usize),
    /// The frameworks a setting's roles refer to (setting).
    MatrixSetting(usize),
    /// `roles.json`.
    RolesJson,
    /// The training coverage's index.
    Coverage,
    /// One framework's coverage (its position among the coverage's frameworks).
    CoverageFramework(usize),
    /// Part `n` of the coverage by role.
    CoverageRoles(usize),
    /// `graph.json`.
    Graph,
    /// The search results page.
    SearchPage,
    /// The 404 page.
    NotFound,
    /// The search index's scripts under `search/`, written by the index stage.
    SearchIndex,
    /// A page that sends readers on to page `p`: at one of its `aliases` (the entry's
    /// origin says which), or at its address in the other `page_urls` style.
    Redirect(usize),
    /// A file copied as it is.
    Asset(Asset),
}

/// What an output shows of the site's pages, so an edit re-renders what it changed. A
/// page's *card* is what other pages show of it: its front matter, title and headings.
/// Every output also shows the site-wide values (navigation, abbreviations, indexes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deps {
    /// Nothing a page says.
    None,
    /// The rendered body of `body`, and the cards of `cards` (sorted, no repeats).
    Pages {
        /// The page whose Markdown body it renders.
        body: Option<usize>,
        /// The pages whose cards it shows.
        cards: Vec<usize>,
    },
    /// Something of every page of a kind (`cards` beside): any card or link of a page of
    /// that kind changing, or such a page coming or going, changes it.
    AllOf {
        /// The kind.
        kind: Kind,
        /// Other pages whose cards it shows.
        cards: Vec<usize>,
    },
    /// Something of every page: any card or link changing anywhere changes it.
    All,
    /// The cards of `cards`, and facts the model derives from many pages, by a
    /// fingerprint of what the output shows of them ([`fingerprint`]: a role's
    /// alignment-group labels, its comparison peers, a framework's training coverage), so
    /// it renders again when they change and not whenever some page of a kind does.
    Facts {
        /// The pages whose cards it shows.
        cards: Vec<usize>,
        /// The fingerprint of the derived facts it shows.
        facts: u64,
    },
}

/// A fixed-seed hash, the same in every run: what [`Deps::Facts`] and the incremental
/// engine compare.
pub fn fingerprint(value: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x68_61_6e_64_62_6f_6f_6b).hash_one(value)
}

/// Who asked for a path, for messages about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A content page's file.
    Page(usize),
    /// An item of a page (page, item).
    Item(usize, usize),
    /// An old address of a page, from its `aliases` (page, alias).
    Alias(usize, usize),
    /// A taxonomy value (taxonomy, term), named by the pages that have it.
    Term(usize, usize),
    /// A page the build makes, described (`the role comparison page`).
    Generated(String),
    /// A copied file, by its source path (`static/x.css`).
    Asset(String),
}

/// One file of the site.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Output path, relative to the output folder (`roles/x.html`).
    pub path: String,
    /// What makes it.
    pub output: Output,
    /// The template it is rendered with; `None` for data files and copies.
    pub template: Option<&'static str>,
    /// What it shows of the site.
    pub deps: Deps,
    /// Who asked for the path.
    pub origin: Origin,
}

/// Every file the build writes, in a stable order: pages (each module followed by its
/// sheets), items, taxonomies, site-wide pages, recruiting outputs, the search index,
/// copied files.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The files.
    pub entries: Vec<Entry>,
    /// Site files under `static/` not copied because an output or a theme asset has their
    /// path: (source path, output path).
    pub shadowed: Vec<(String, String)>,
}

/// A page at `path` that sends readers on to page `p`; it shows only `p`'s card.
fn redirect(path: String, p: usize, origin: Origin) -> Entry {
    Entry {
        path,
        output: Output::Redirect(p),
        template: Some("redirect.html"),
        deps: Deps::Pages {
            body: None,
            cards: vec![p],
        },
        origin,
    }
}

/// True for a relative path whose every name is made of ASCII letters, digits, spaces,
/// `-`, `_` and `.`, neither starting with `.` nor ending with `.` or a space: a name every
/// disk and server keeps as written (no accents, whose bytes differ between disks).
fn is_plain_path(path: &str) -> bool {
    check::is_contained(path)
        && path.split('/').all(|name| {
            !name.is_empty()
                && !name.starts_with('.')
                && !name.ends_with(['.', ' '])
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        })
}

/// The template a content page is rendered with.
pub fn page_template(site: &Site, index: usize) -> &'static str {
    let page = &site.pages[index];
    if page.key.is_empty() {
        return "home.html";
    }
    match page.kind {
        Kind::Programme => "programme.html",
        _ if page.is_section => "section.html",
        Kind::Role => "role.html",
        Kind::Framework => "framework.html",
        Kind::Ethos => "ethos.html",
        Kind::Guidance => "guidance.html",
        Kind::Module => "module.html",
        Kind::Glossary => "glossary.html",
        Kind::Page => "page.html",
    }
}

/// True when the site gets a training coverage page.
pub fn has_coverage_page(site: &Site, templates: &Templates) -> bool {
    site.by_key.contains_key(urls::TRAINING_KEY) && templates.has("coverage.html")
}

/// True when `page` gets handout and reflective-log sheets.
pub fn has_sheets(site: &Site, page: usize, templates: &Templates) -> bool {
    let p = &site.pages[page];
    p.kind == Kind::Module && !p.is_section && templates.sheets()
}

/// Sorted, without repeats.
fn set(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

/// What the graph says about every page, gathered once for the dependencies.
struct Links {
    /// Per page, the pages it refers to (front matter and body links).
    targets: Vec<Vec<usize>>,
    /// Per page, the pages that refer to it.
    referrers: Vec<Vec<usize>>,
}

impl Links {
    fn of(site: &Site) -> Links {
        let n = site.pages.len();
        let mut targets = vec![Vec::new(); n];
        for (from, target, _) in &site.edges {
            targets[*from].push(target.page());
        }
        let referrers = site
            .backlinks
            .iter()
            .map(|b| b.iter().map(|b| b.from).collect())
            .collect();
        Links { targets, referrers }
    }
}

/// A section longer than this shows, in the side navigation, a window of its pages around
/// the current one (and a link to the section page that lists them all): a handbook of
/// 5,000 guidance pages must not repeat 5,000 links on each of them.
pub const SIDE_LIMIT: usize = 30;

/// The range of a section's `len` pages the side navigation lists: all of them, or
/// [`SIDE_LIMIT`] around the current one (the first ones when none is current).
pub fn side_window(len: usize, at: Option<usize>) -> (usize, usize) {
    if len <= SIDE_LIMIT {
        return (0, len);
    }
    let from = at
        .map_or(0, |a| a.saturating_sub(SIDE_LIMIT / 2))
        .min(len - SIDE_LIMIT);
    (from, from + SIDE_LIMIT)
}

/// The pages the side navigation of page `i` (or of a file made for it) lists beside it:
/// its section's pages around it.
fn siblings(site: &Site, i: usize) -> Vec<usize> {
    let Some(parent) = site.pages[i].parent_key() else {
        return Vec::new();
    };
    let children = site.children.get(parent).map_or(&[][..], Vec::as_slice);
    let at = children.iter().position(|&c| c == i);
    let (from, to) = side_window(children.len(), at);
    children[from..to].to_vec()
}

/// What the navigation of an output of section page `s` shows (a coverage page is in the
/// training section's): the section, the sections above it, and the first of its pages.
fn section_nav(site: &Site, s: usize) -> Vec<usize> {
    let mut cards = vec![s];
    cards.extend(site.ancestors(s));
    let children = site
        .children
        .get(&site.pages[s].key)
        .map_or(&[][..], Vec::as_slice);
    let (from, to) = side_window(children.len(), None);
    cards.extend(&children[from..to]);
    set(cards)
}

/// What a content page shows: its own body and card, its section's path (breadcrumbs),
/// its neighbours (previous/next) and the pages beside it (the side navigation), its
/// children (a section's list), what it refers to and what refers to it.
fn page_deps(site: &Site, links: &Links, i: usize) -> Vec<usize> {
    let mut cards = vec![i];
    cards.extend(site.ancestors(i));
    cards.extend(siblings(site, i));
    let (prev, next) = site.neighbours(i);
    cards.extend(prev);
    cards.extend(next);
    if let Some(children) = site.children.get(&site.pages[i].key)
        && site.pages[i].is_section
    {
        cards.extend(children.iter().copied());
        // A programme lists the competencies its modules develop, by name.
        if site.pages[i].kind == Kind::Programme {
            for &c in children {
                if site.pages[c].kind == Kind::Module {
                    cards.extend(links.targets[c].iter().copied());
                }
            }
        }
    }
    cards.extend(links.targets[i].iter().copied());
    cards.extend(links.referrers[i].iter().copied());
    set(cards)
}

/// Lays out every file the build writes. `templates` decides which optional outputs exist;
/// `assets` lists the files copied as they are.
pub fn plan(site: &Site, model: &Model, templates: &Templates, assets: &AssetPaths) -> Plan {
    let links = Links::of(site);
    let mut entries = Vec::with_capacity(site.pages.len() * 2 + 64);

    // Content pages, each module followed by its sheets (made in parallel, kept in order:
    // `serve` plans again after every edit that relinks).
    let pages: Vec<Entry> = site
        .pages
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, page)| {
            let deps = Deps::Pages {
                body: Some(i),
                cards: page_deps(site, &links, i),
            };
            let mut out = Vec::with_capacity(1);
            if has_sheets(site, i, templates) {
                for sheet in Sheet::ALL
                    .into_iter()
                    .filter(|s| templates.has(s.template()))
                {
                    out.push(Entry {
                        path: sheet.url(&page.url),
                        output: Output::Sheet(i, sheet),
                        template: Some(sheet.template()),
                        deps: deps.clone(),
                        origin: Origin::Page(i),
                    });
                }
            }
            out.insert(
                0,
                Entry {
                    path: page.url.clone(),
                    output: Output::Page(i),
                    template: Some(page_template(site, i)),
                    deps,
                    origin: Origin::Page(i),
                },
            );
            out
        })
        .collect();
    entries.extend(pages);

    // A redirect page at each old address of a page (`aliases`).
    if templates.has("redirect.html") {
        for (p, page) in site.pages.iter().enumerate() {
            for (a, alias) in page.common.aliases.iter().enumerate() {
                // A bad alias is the parse stage's E-bad-alias.
                let Ok(path) = crate::parse::alias_path(alias) else {
                    continue;
                };
                entries.push(redirect(path, p, Origin::Alias(p, a)));
            }
        }
    }

    // One page per item (competency, value, standard).
    let items: Vec<Entry> = site
        .pages
        .par_iter()
        .enumerate()
        .flat_map_iter(|(p, page)| {
            // What every item page of this page shows beside its own referrers.
            let mut around = Vec::new();
            if !page.common.items.is_empty() {
                around.push(p);
                around.extend(site.ancestors(p));
                around.extend(siblings(site, p));
            }
            page.common.items.iter().enumerate().map(move |(i, item)| {
                let mut cards = around.clone();
                if let Some(b) = site.item_backlinks.get(&(p, item.id.clone())) {
                    cards.extend(b.iter().map(|b| b.from));
                }
                Entry {
                    path: item_url(page, &item.id),
                    output: Output::Item(p, i),
                    template: Some("item.html"),
                    deps: Deps::Pages {
                        body: None,
                        cards: set(cards),
                    },
                    origin: Origin::Item(p, i),
                }
            })
        })
        .collect();
    entries.extend(items);

    // Taxonomies: an index of values, and a page per value.
    for (t, taxonomy) in model.taxonomies.iter().enumerate() {
        let members: Vec<usize> = taxonomy
            .terms
            .iter()
            .flat_map(|term| term.pages.iter().copied())
            .collect();
        entries.push(Entry {
            path: taxonomy.index_url(),
            output: Output::TaxonomyIndex(t),
            template: Some("taxonomy.html"),
            deps: Deps::Pages {
                body: None,
                cards: set(members),
            },
            origin: Origin::Generated(format!("the {} index", taxonomy.title.to_lowercase())),
        });
        for (k, term) in taxonomy.terms.iter().enumerate() {
            entries.push(Entry {
                path: taxonomy.term_url(&term.name),
                output: Output::TaxonomyTerm(t, k),
                template: Some("taxonomy-term.html"),
                deps: Deps::Pages {
                    body: None,
                    cards: set(term.pages.clone()),
                },
                origin: Origin::Term(t, k),
            });
        }
    }

    // Site-wide pages.
    if has_coverage_page(site, templates) {
        // The coverage's pages are in the training section's navigation, and show what
        // the coverage model says (roles and modules by title): by its fingerprint.
        let nav = site
            .by_key
            .get(urls::TRAINING_KEY)
            .map(|&t| section_nav(site, t))
            .unwrap_or_default();
        let coverage = &model.coverage;
        entries.push(generated(
            urls::COVERAGE_URL,
            Output::Coverage,
            Some("coverage.html"),
            Deps::Facts {
                cards: nav.clone(),
                facts: fingerprint((
                    &coverage.summary,
                    &coverage.items,
                    &coverage.gaps,
                    &coverage.orphans,
                )),
            },
            "the training coverage page",
        ));
        if templates.has("coverage-framework.html") {
            for (f, (framework, items)) in coverage.frameworks().iter().enumerate() {
                let key = &framework.key;
                let mut cards = nav.clone();
                cards.extend(site.by_key.get(key).copied());
                entries.push(generated(
                    &urls::coverage_framework_url(key),
                    Output::CoverageFramework(f),
                    Some("coverage-framework.html"),
                    Deps::Facts {
                        cards: set(cards),
                        facts: fingerprint((framework, items)),
                    },
                    &format!("the training coverage of `{key}`"),
                ));
            }
        }
        if templates.has("coverage-roles.html") {
            let parts = coverage.role_parts();
            for (n, roles) in coverage
                .roles
                .chunks(crate::model::coverage::ROLES_PER_PAGE)
                .chain(coverage.roles.is_empty().then_some(&[][..]))
                .enumerate()
            {
                entries.push(generated(
                    &urls::coverage_roles_url(n),
                    Output::CoverageRoles(n),
                    Some("coverage-roles.html"),
                    Deps::Facts {
                        cards: nav.clone(),
                        facts: fingerprint((parts, roles)),
                    },
                    "the training coverage by role",
                ));
            }
        }
    }
    entries.push(generated(
        urls::GRAPH_URL,
        Output::Graph,
        None,
        Deps::All,
        "the graph of every page and link",
    ));
    if templates.has("search.html") {
        entries.push(generated(
            urls::SEARCH_URL,
            Output::SearchPage,
            Some("search.html"),
            Deps::All,
            "the search page",
        ));
    }
    entries.push(generated(
        urls::NOT_FOUND_URL,
        Output::NotFound,
        Some("404.html"),
        Deps::None,
        "the page-not-found page",
    ));

    recruiting(site, model, templates, &mut entries);

    entries.push(generated(
        &format!("{}/", urls::SEARCH_DIR),
        Output::SearchIndex,
        None,
        Deps::All,
        "the search index",
    ));

    // Copied files: an earlier one wins a clash, and every output wins over them.
    let mut taken: foldhash::HashSet<&str> = entries.iter().map(|e| e.path.as_str()).collect();
    let mut copied = Vec::new();
    let mut shadowed = Vec::new();
    type AssetList<'a> = (&'a [String], fn(usize) -> Asset, &'static str);
    let lists: [AssetList<'_>; 4] = [
        (&assets.syntax, Asset::Syntax, "generated"),
        (&assets.theme, Asset::Theme, "theme"),
        (&assets.content, Asset::Content, "content"),
        (&assets.site, Asset::Site, "static"),
    ];
    let index_dir = format!("{}/", urls::SEARCH_DIR);
    for (list, make, from) in lists {
        for (i, path) in list.iter().enumerate() {
            let source = match from {
                "static" | "content" => format!("{from}/{path}"),
                _ => format!("{from} asset {path}"),
            };
            let in_index = path.starts_with(&index_dir) && path.ends_with(".js");
            if in_index || !taken.insert(path.as_str()) {
                if matches!(from, "static" | "content") {
                    shadowed.push((source, path.clone()));
                }
                continue;
            }
            copied.push(Entry {
                path: path.clone(),
                output: Output::Asset(make(i)),
                template: None,
                deps: Deps::None,
                origin: Origin::Asset(source),
            });
        }
    }
    drop(taken);
    entries.extend(copied);

    // A page whose file name is not already a slug is also reachable at its address in the
    // other `page_urls` styles, through a redirect page: where a name was slugged, links
    // to the file's own name (`Key Duties.html`, as another tool published it) keep
    // working, and where it was kept, links to the slugged address (`from-into.html`, as
    // handbooks before `auto` published it) do.
    // Only where nothing else is written (matched as case-insensitive disks match names,
    // so never for a difference in case alone, which on such a disk is the page itself),
    // and only for plain names that every disk keeps as written.
    if templates.has("redirect.html") {
        let others: &[PageUrls] = match site.config.page_urls {
            PageUrls::FileName => &[PageUrls::Slug],
            PageUrls::Slug => &[PageUrls::FileName],
            PageUrls::Auto => &[PageUrls::Slug, PageUrls::FileName],
        };
        // Most names are the same in every style: those are the page itself, so only the
        // others need the set of every path (built, in parallel, only when there are any).
        let candidates: Vec<(usize, String)> = site
            .pages
            .par_iter()
            .enumerate()
            .flat_map_iter(|(p, page)| {
                others.iter().filter_map(move |&other| {
                    let (key, is_section) = crate::parse::key_for_style(&page.source.rel, other);
                    let path = crate::parse::url_for(&key, is_section);
                    (is_plain_path(&path) && !path.eq_ignore_ascii_case(&page.url))
                        .then_some((p, path))
                })
            })
            .collect();
        if !candidates.is_empty() {
            let mut taken: foldhash::HashSet<String> =
                entries.par_iter().map(|e| e.path.to_lowercase()).collect();
            for (p, path) in candidates {
                if taken.insert(path.to_lowercase()) {
                    entries.push(redirect(path, p, Origin::Page(p)));
                }
            }
        }
    }
    Plan { entries, shadowed }
}

fn generated(
    path: &str,
    output: Output,
    template: Option<&'static str>,
    deps: Deps,
    what: &str,
) -> Entry {
    Entry {
        path: path.to_string(),
        output,
        template,
        deps,
        origin: Origin::Generated(what.to_string()),
    }
}

/// The recruiting outputs, when the site has roles: a checklist, a CSV and comparison data
/// per role, the comparison page, the pathways (an index and pages per setting), the matrix
/// (an index, a page per framework, parts per setting when split, a page per setting) and
/// `roles.json`.
/// Per framework item (page, item index), the modules that develop it, in no order: the
/// recruiting entries' cards (sets) name them for every criterion that refers to an item,
/// so they are gathered once instead of looked up, copied and sorted per reference.
fn developing(site: &Site) -> HashMap<(usize, usize), Vec<usize>> {
    let mut out: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for ((p, id), list) in &site.item_backlinks {
        let Some(i) = site.pages[*p]
            .common
            .items
            .iter()
            .position(|it| &it.id == id)
        else {
            continue;
        };
        let modules: Vec<usize> = list
            .iter()
            .filter(|b| b.relation == crate::link::Relation::Develops)
            .map(|b| b.from)
            .collect();
        if !modules.is_empty() {
            out.entry((*p, i)).or_default().extend(modules);
        }
    }
    out
}

fn recruiting(site: &Site, model: &Model, templates: &Templates, entries: &mut Vec<Entry>) {
    if model.roles.is_empty() {
        return;
    }
    let rec = &model.recruiting;
    // The recruiting pages' side navigation lists the section that holds the roles.
    let tool_nav: Vec<usize> = model
        .roles_section
        .map(|s| {
            let children = site
                .children
                .get(&site.pages[s].key)
                .map_or(&[][..], Vec::as_slice);
            // A long section's roles are not listed on the recruiting pages (see
            // `render::navigation`).
            let mut v = vec![s];
            if children.len() <= SIDE_LIMIT {
                v.extend(children);
            }
            v
        })
        .unwrap_or_default();
    let developing = developing(site);
    let modules_developing = |_: &Site, t: &crate::link::Target| -> &[usize] {
        match t {
            crate::link::Target::Item(p, i) => developing.get(&(*p, *i)).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    };
    // Each role's files, made in parallel (each reads only the site and the model) and
    // kept in role order: `serve` plans again after every edit that changes a card.
    let per_role: Vec<Entry> = model
        .roles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(r, role)| {
            let mut out = Vec::with_capacity(3);
            let page = role.page(site);
            let mut refs: Vec<usize> = vec![role.index];
            let mut modules: Vec<usize> = Vec::new();
            for c in &role.criteria {
                for t in c.refs.iter().filter_map(|(_, t)| t.as_ref()) {
                    refs.push(t.page());
                    modules.extend(modules_developing(site, t));
                }
            }
            let f = role.fields(site);
            for t in f
                .competencies
                .iter()
                .chain(&f.ethos)
                .chain(&f.professional_bodies)
                .filter_map(|x| site.resolve_ref(x).ok())
            {
                refs.push(t.page());
            }
            if let Some(t) = f
                .reports_to_role
                .as_deref()
                .and_then(|x| site.resolve_ref(x).ok())
            {
                refs.push(t.page());
            }
            let mut shown = refs.clone();
            shown.extend(modules);
            if templates.has("checklist.html") {
                let mut cards = shown.clone();
                cards.extend(site.ancestors(role.index));
                cards.extend(siblings(site, role.index));
                out.push(Entry {
                    path: urls::checklist_url(&page.url),
                    output: Output::Checklist(r),
                    template: Some("checklist.html"),
                    // The roles it offers to compare with (others of its setting) by id.
                    deps: Deps::Facts {
                        cards: set(cards),
                        facts: fingerprint(rec.peers(r)),
                    },
                    origin: Origin::Generated(format!("the checklist of `{}`", page.key)),
                });
            }
            out.push(Entry {
                path: urls::spec_csv_url(&page.url),
                output: Output::SpecCsv(r),
                template: None,
                deps: Deps::Pages {
                    body: None,
                    cards: set(refs.clone()),
                },
                origin: Origin::Generated(format!(
                    "the person specification CSV of `{}`",
                    page.key
                )),
            });
            if templates.has("compare.html") {
                // Its rows are named by the alignment groups, which any role can change: by
                // the labels of its own criteria's groups.
                let groups: Vec<(usize, Option<&crate::model::recruiting::Group>)> = role
                    .criteria
                    .iter()
                    .map(|c| (c.group, rec.groups.get(c.group)))
                    .collect();
                out.push(Entry {
                    path: urls::compare_role_url(&role.id),
                    output: Output::CompareRole(r),
                    template: None,
                    deps: Deps::Facts {
                        cards: set(shown),
                        facts: fingerprint(groups),
                    },
                    origin: Origin::Generated(format!("the comparison data of `{}`", page.key)),
                });
            }
            out
        })
        .collect();
    entries.extend(per_role);
    let all_roles = || Deps::AllOf {
        kind: Kind::Role,
        cards: Vec::new(),
    };
    if templates.has("compare.html") {
        // Past the all-roles table, the page lists the roles only.
        let deps = if model.roles.len() <= crate::model::recruiting::COMPARE_STATIC_ROLES {
            Deps::All
        } else {
            Deps::AllOf {
                kind: Kind::Role,
                cards: tool_nav.clone(),
            }
        };
        entries.push(generated(
            urls::COMPARE_URL,
            Output::Compare,
            Some("compare.html"),
            deps,
            "the role comparison page",
        ));
    }
    if templates.has("pathway.html") {
        entries.push(generated(
            urls::PATHWAY_URL,
            Output::PathwayIndex,
            Some("pathway.html"),
            all_roles(),
            "the career pathway page",
        ));
        if templates.has("pathway-setting.html") {
            for (s, setting) in rec.settings.iter().enumerate() {
                let mut cards: Vec<usize> = Vec::new();
                for &r in &setting.roles {
                    let role = &model.roles[r];
                    cards.push(role.index);
                    let f = role.fields(site);
                    cards.extend(
                        f.competencies
                            .iter()
                            .filter_map(|x| site.resolve_ref(x).ok())
                            .map(|t| t.page()),
                    );
                }
                cards.extend(&tool_nav);
                let cards = set(cards);
                for n in 0..rec.pathways[s].pages().len() {
                    entries.push(generated(
                        &urls::pathway_setting_url(&setting.slug, n),
                        Output::PathwaySetting(s, n),
                        Some("pathway-setting.html"),
                        Deps::Pages {
                            body: None,
                            cards: cards.clone(),
                        },
                        &format!("the career pathways of {}", setting.label()),
                    ));
                }
            }
        }
    }
    if templates.has("matrix.html") {
        entries.push(generated(
            urls::MATRIX_URL,
            Output::MatrixIndex,
            Some("matrix.html"),
            Deps::AllOf {
                kind: Kind::Role,
                cards: set(rec.frameworks.iter().map(|f| f.page).collect()),
            },
            "the role-by-competency matrix",
        ));
        for (fi, fw) in rec.frameworks.iter().enumerate() {
            let key = &site.pages[fw.page].key;
            let mut cards = vec![fw.page];
            for (_, roles) in &fw.by_setting {
                cards.extend(roles.iter().map(|&r| model.roles[r].index));
            }
            for i in 0..site.pages[fw.page].common.items.len() {
                cards.extend(modules_developing(
                    site,
                    &crate::link::Target::Item(fw.page, i),
                ));
            }
            cards.extend(&tool_nav);
            let cards = set(cards);
            let (template, present) = if fw.split() {
                (
                    "matrix-framework.html",
                    templates.has("matrix-framework.html"),
                )
            } else {
                ("matrix-table.html", templates.has("matrix-table.html"))
            };
            if present {
                entries.push(generated(
                    &urls::matrix_url(key),
                    Output::MatrixFramework(fi),
                    Some(template),
                    Deps::Pages {
                        body: None,
                        cards: cards.clone(),
                    },
                    &format!("the matrix of `{key}`"),
                ));
            }
            if fw.split() && templates.has("matrix-table.html") {
                for (s, n, _) in fw.parts() {
                    entries.push(generated(
                        &urls::matrix_part_url(key, &rec.settings[s].slug, n),
                        Output::MatrixPart(fi, s, n),
                        Some("matrix-table.html"),
                        Deps::Pages {
                            body: None,
                            cards: cards.clone(),
                        },
                        &format!("the matrix of `{key}`"),
                    ));
                }
            }
        }
        if templates.has("matrix-setting.html") {
            for (s, setting) in rec.settings.iter().enumerate() {
                let mut cards: Vec<usize> = setting
                    .roles
                    .iter()
                    .map(|&r| model.roles[r].index)
                    .collect();
                cards.extend(
                    rec.frameworks
                        .iter()
                        .filter(|f| f.by_setting.iter().any(|(x, _)| *x == s))
                        .map(|f| f.page),
                );
                cards.extend(&tool_nav);
                entries.push(generated(
                    &urls::matrix_setting_url(&setting.slug),
                    Output::MatrixSetting(s),
                    Some("matrix-setting.html"),
                    Deps::Pages {
                        body: None,
                        cards: set(cards),
                    },
                    &format!("the matrix of {}", setting.label()),
                ));
            }
        }
    }
    entries.push(generated(
        urls::ROLES_JSON_URL,
        Output::RolesJson,
        None,
        Deps::All,
        "the roles export",
    ));
}
