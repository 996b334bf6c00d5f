//! What an edit affects: the dependency from a source page to the outputs that show it,
//! read off the link graph instead of special-cased.
//!
//! A rendered page shows, besides its own source: its section's children, its ancestors
//! (breadcrumbs), its neighbours (previous/next), the pages it refers to and the pages that
//! refer to it (backlinks), and site-wide lists (navigation, taxonomy indexes, glossary
//! abbreviations). What it shows of another page is that page's *card*: its front matter
//! and its headings (link targets). So after an edit:
//!
//! - the edited page is re-rendered;
//! - if its card changed, so is every page that shows it: its referrers and referents (old
//!   and new), its parent section, its neighbours (they show it as previous/next), the
//!   siblings whose previous/next changed, and, for a section, everything under it
//!   (breadcrumbs); plus the taxonomy pages that list it;
//! - if only its outgoing references changed, the pages it stopped or started referring
//!   to (their backlinks), and the item pages it refers to;
//! - if a site-wide list changed (navigation, taxonomies, abbreviations), everything.
//!
//! A body-only edit therefore renders one page. [`Facts`] is the snapshot of the graph at
//! the last good render that the next edit is compared against.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::Value;

use crate::link::{Relation, Site, Target, item_url};
use crate::render::{Selection, context, taxonomy};

/// What the graph said about one page at the last good render.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PageFacts {
    url: String,
    /// Hash of the front matter and headings: what other pages show of this one.
    card: u64,
    /// Outgoing references: (target page key, target is an item, relation).
    targets: Vec<(String, bool, Relation)>,
    /// Keys of the pages that refer to this one.
    referrers: Vec<String>,
    parent: Option<String>,
    is_section: bool,
    prev: Option<String>,
    next: Option<String>,
    item_urls: Vec<String>,
}

/// The graph at the last good render, keyed by page key (stable across rebuilds, unlike
/// page indexes).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pages: HashMap<String, PageFacts>,
    /// Content path (`roles/x.md`) to key, for the pages that came from files.
    by_rel: HashMap<String, String>,
    nav: Value,
    indexes: Vec<&'static str>,
    abbreviations: u64,
    /// Taxonomy value page URL to the keys of the pages it lists.
    terms: HashMap<String, Vec<String>>,
}

/// The outputs to render after an edit and the ones to delete.
#[derive(Debug, Default)]
pub struct Affected {
    /// What to render.
    pub selection: Selection,
    /// Output paths that no longer exist (deleted pages, their items, emptied values).
    pub removed: Vec<String>,
}

/// Per page, the indexes of its outgoing edges in `site.edges`.
fn edges_by_page(site: &Site) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); site.pages.len()];
    for (e, (from, _, _)) in site.edges.iter().enumerate() {
        out[*from].push(e);
    }
    out
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn page_facts(site: &Site, out: &[Vec<usize>], i: usize) -> PageFacts {
    let page = &site.pages[i];
    let front_matter = &page.source.text.text[page.source.front_matter.clone()];
    let headings: Vec<(&str, &str)> = page
        .headings
        .iter()
        .map(|h| (h.id.as_str(), h.text.as_str()))
        .collect();
    let mut targets: Vec<(String, bool, Relation)> = out[i]
        .iter()
        .map(|&e| {
            let (_, target, relation) = &site.edges[e];
            let is_item = matches!(target, Target::Item(..));
            (site.pages[target.page()].key.clone(), is_item, *relation)
        })
        .collect();
    targets.sort();
    targets.dedup();
    let mut referrers: Vec<String> = site.backlinks[i]
        .iter()
        .map(|b| site.pages[b.from].key.clone())
        .collect();
    referrers.sort();
    referrers.dedup();
    let (prev, next) = site.neighbours(i);
    PageFacts {
        url: page.url.clone(),
        card: hash_of((front_matter, &headings, &page.common.title, page.is_section)),
        targets,
        referrers,
        parent: page.parent_key().map(str::to_string),
        is_section: page.is_section,
        prev: prev.map(|p| site.pages[p].key.clone()),
        next: next.map(|p| site.pages[p].key.clone()),
        item_urls: page
            .common
            .items
            .iter()
            .map(|it| item_url(page, &it.id))
            .collect(),
    }
}

/// The glossary abbreviations every page marks up, as a hash.
fn abbreviations(site: &Site) -> u64 {
    let mut list = Vec::new();
    for page in &site.pages {
        if let Some(g) = page.glossary() {
            for t in &g.terms {
                list.push((&page.url, &t.id, &t.term, &t.abbreviation));
            }
        }
    }
    hash_of(list)
}

fn term_members(site: &Site) -> (Vec<&'static str>, HashMap<String, Vec<String>>) {
    let mut slugs = Vec::new();
    let mut terms = HashMap::new();
    for t in taxonomy::taxonomies(site) {
        slugs.push(t.slug);
        for (name, pages) in &t.terms {
            let keys = pages.iter().map(|&p| site.pages[p].key.clone()).collect();
            terms.insert(t.term_url(name), keys);
        }
    }
    (slugs, terms)
}

/// Whether a page came from a file (not a section the link stage made up for a folder).
fn rel_of(site: &Site, i: usize) -> Option<&str> {
    let page = &site.pages[i];
    (!page.source.text.text.is_empty()).then_some(page.source.rel.as_str())
}

impl Facts {
    /// The facts of a whole site, after a full render.
    pub fn of(site: &Site) -> Facts {
        let out = edges_by_page(site);
        let (indexes, terms) = term_members(site);
        Facts {
            pages: (0..site.pages.len())
                .map(|i| (site.pages[i].key.clone(), page_facts(site, &out, i)))
                .collect(),
            by_rel: (0..site.pages.len())
                .filter_map(|i| rel_of(site, i).map(|r| (r.to_string(), site.pages[i].key.clone())))
                .collect(),
            nav: Value::Array(context::nav_json(site)),
            indexes,
            abbreviations: abbreviations(site),
            terms,
        }
    }

    /// The key a content file had at the last good render.
    pub fn key_of_rel(&self, rel: &str) -> Option<&str> {
        self.by_rel.get(rel).map(String::as_str)
    }

    /// Works out what to render in `site` after the files `changed_rels` (paths under
    /// `content/`) changed since these facts were taken, and updates the facts to `site`.
    pub fn update(&mut self, site: &Site, changed_rels: &HashSet<String>) -> Affected {
        let out = edges_by_page(site);
        let new_rel: HashMap<&str, usize> = (0..site.pages.len())
            .filter_map(|i| rel_of(site, i).map(|r| (r, i)))
            .collect();

        // The keys that changed: those of edited files (before and after), and pages that
        // appeared or disappeared (including the sections the link stage makes up).
        let mut changed: BTreeMap<String, ()> = BTreeMap::new();
        for rel in changed_rels {
            if let Some(k) = self.by_rel.get(rel) {
                changed.insert(k.clone(), ());
            }
            if let Some(&i) = new_rel.get(rel.as_str()) {
                changed.insert(site.pages[i].key.clone(), ());
            }
        }
        for p in &site.pages {
            if !self.pages.contains_key(&p.key) {
                changed.insert(p.key.clone(), ());
            }
        }
        for k in self.pages.keys() {
            if !site.by_key.contains_key(k) {
                changed.insert(k.clone(), ());
            }
        }

        let nav = Value::Array(context::nav_json(site));
        let (indexes, terms) = term_members(site);
        let abbreviations = abbreviations(site);
        let global =
            nav != self.nav || indexes != self.indexes || abbreviations != self.abbreviations;

        let mut affected = Affected::default();
        let sel = &mut affected.selection;
        let mut render: HashSet<String> = HashSet::new();
        let mut card_changed: HashSet<String> = HashSet::new();
        let mut sections: Vec<String> = Vec::new();
        let mut parents: HashSet<String> = HashSet::new();
        let mut item_targets: HashSet<String> = HashSet::new();
        let mut new_facts: HashMap<String, Option<PageFacts>> = HashMap::new();

        for key in changed.keys() {
            let old = self.pages.get(key);
            let new = site.by_key.get(key).map(|&i| page_facts(site, &out, i));
            if let Some(old) = old
                && new.as_ref().is_none_or(|n| n.url != old.url)
            {
                affected.removed.push(old.url.clone());
                affected.removed.extend(old.item_urls.iter().cloned());
            }
            let both = old.into_iter().chain(new.as_ref());
            let card = match (old, &new) {
                (Some(o), Some(n)) => o.card != n.card,
                _ => true,
            };
            let edges = match (old, &new) {
                (Some(o), Some(n)) => o.targets != n.targets,
                _ => true,
            };
            render.insert(key.clone());
            if card {
                card_changed.insert(key.clone());
                for f in both.clone() {
                    render.extend(f.referrers.iter().cloned());
                    render.extend(f.targets.iter().map(|t| t.0.clone()));
                    parents.extend(f.parent.iter().cloned());
                    // Its neighbours show it as their previous/next.
                    render.extend(f.prev.iter().chain(&f.next).cloned());
                    item_targets.extend(f.targets.iter().filter(|t| t.1).map(|t| t.0.clone()));
                }
                if both.clone().any(|f| f.is_section) {
                    sections.push(key.clone());
                }
            } else if edges && let (Some(o), Some(n)) = (old, &new) {
                let before: HashSet<_> = o.targets.iter().collect();
                let after: HashSet<_> = n.targets.iter().collect();
                for t in before.symmetric_difference(&after) {
                    render.insert(t.0.clone());
                    if t.1 {
                        item_targets.insert(t.0.clone());
                    }
                }
            }
            if card || edges {
                sel.site_wide = true;
            }
            new_facts.insert(key.clone(), new);
        }

        // Breadcrumbs: everything under a section whose card changed.
        for s in &sections {
            if s.is_empty() {
                sel.all = true;
            }
            let prefix = format!("{s}/");
            render.extend(
                site.pages
                    .iter()
                    .filter(|p| p.key.starts_with(&prefix))
                    .map(|p| p.key.clone()),
            );
        }
        // Previous/next: siblings in a changed section whose neighbours moved.
        for parent in &parents {
            render.insert(parent.clone());
            for &c in site.children.get(parent).into_iter().flatten() {
                let key = &site.pages[c].key;
                let (prev, next) = site.neighbours(c);
                let key_of = |p: Option<usize>| p.map(|p| site.pages[p].key.clone());
                let moved = self
                    .pages
                    .get(key)
                    .is_none_or(|f| f.prev != key_of(prev) || f.next != key_of(next));
                if moved {
                    render.insert(key.clone());
                }
            }
        }
        // Taxonomy value pages: those whose list changed or lists a changed card.
        for (url, members) in &terms {
            let listed_changed = members.iter().any(|k| card_changed.contains(k));
            if listed_changed || self.terms.get(url) != Some(members) {
                sel.terms.insert(url.clone());
                sel.site_wide = true;
            }
        }
        for url in self.terms.keys() {
            if !terms.contains_key(url) {
                affected.removed.push(url.clone());
                sel.site_wide = true;
            }
        }

        for key in &render {
            if let Some(&i) = site.by_key.get(key) {
                sel.pages.insert(i);
                if !site.pages[i].common.items.is_empty() {
                    sel.items_of.insert(i);
                }
            }
        }
        for key in &item_targets {
            if let Some(&i) = site.by_key.get(key) {
                sel.items_of.insert(i);
            }
        }
        if global {
            sel.all = true;
        }

        // Bring the facts up to date: the changed pages and every page rendered (their
        // referrers, referents and neighbours are what moved).
        if sel.all {
            *self = Facts::of(site);
            return affected;
        }
        for (key, facts) in new_facts {
            match facts {
                Some(f) => self.pages.insert(key, f),
                None => self.pages.remove(&key),
            };
        }
        for &i in &sel.pages {
            self.pages
                .insert(site.pages[i].key.clone(), page_facts(site, &out, i));
        }
        for rel in changed_rels {
            self.by_rel.remove(rel);
            if let Some(&i) = new_rel.get(rel.as_str()) {
                self.by_rel.insert(rel.clone(), site.pages[i].key.clone());
            }
        }
        self.nav = nav;
        self.indexes = indexes;
        self.abbreviations = abbreviations;
        self.terms = terms;
        affected
    }
}
