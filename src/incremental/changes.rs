//! What an edit changed, read off two plans: the one of the last good render and the one
//! of the site as it is now. Every plan entry lists the pages it shows ([`Deps`]), so
//! there is no special case per kind of page here:
//!
//! - a page's *card* is what other pages show of it (front matter, title, headings); its
//!   *links* are the references and links it makes;
//! - an entry is rendered again when its path is new, when the pages it shows are not the
//!   same set as before (a new backlink, a moved neighbour, a new member of a tag), when
//!   one of their cards changed, or when it renders the body of an edited file; a page
//!   and its item pages also when who refers to them changed (a body link to them came
//!   or went, from a page they showed already as a neighbour);
//! - an entry that shows every page (`Deps::All`: the graph, `roles.json`) when any card
//!   or link changed anywhere; one that shows facts derived from many pages
//!   (`Deps::Facts`: the coverage, a role's comparison data) when their fingerprint, part
//!   of the entry's, changed;
//! - everything when a value every page shows changed (navigation, indexes,
//!   abbreviations: [`Snapshot::globals`]).
//!
//! A body-only edit therefore renders its page (and a module's sheets).

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::link::{Site, Target};
use crate::parse::kinds::Kind;
use crate::pipeline::Prepared;
use crate::plan::{Deps, Entry, Output};

fn hash_of(value: impl Hash) -> u64 {
    crate::plan::fingerprint(value)
}

/// The fingerprints of one plan: what the next edit is compared against.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    /// Per page key: its card, its links, its kind, and who refers to it and its items.
    pages: HashMap<String, (u64, u64, Kind, u64)>,
    /// Per output path: what made it and the set of pages it shows.
    entries: HashMap<String, u64>,
    /// The values every page shows.
    globals: u64,
}

/// What to render after an edit.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    /// Entries of the new plan to render (indexes into `Plan::entries`), in plan order.
    pub entries: Vec<usize>,
    /// Output paths of the old plan that the new one no longer has.
    pub removed: Vec<String>,
    /// True when everything is rendered (a site-wide value changed).
    pub all: bool,
}

/// What other pages show of page `i`: its front matter, title, headings, kind and URL,
/// and for a section the list of its pages (their number and order show in every page's
/// side navigation).
fn card(site: &Site, i: usize) -> u64 {
    let page = &site.pages[i];
    let children: Vec<&str> = if page.is_section {
        site.children
            .get(&page.key)
            .map(|c| c.iter().map(|&k| site.pages[k].key.as_str()).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let front_matter = &page.source.text.text[page.source.front_matter.clone()];
    let headings: Vec<(u8, &str, &str)> = page
        .headings
        .iter()
        .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
        .collect();
    hash_of((
        front_matter,
        &headings,
        &page.common.title,
        page.is_section,
        page.kind,
        &page.url,
        children,
    ))
}

/// Per page, a fingerprint of the references and links it makes.
fn links(site: &Site) -> Vec<u64> {
    let mut per_page: Vec<Vec<(&str, String, u8)>> = vec![Vec::new(); site.pages.len()];
    for (from, target, relation) in &site.edges {
        let to = &site.pages[target.page()].key;
        let part = match target {
            Target::Page(_) => String::new(),
            Target::Item(p, i) => format!("item:{}", site.pages[*p].common.items[*i].id),
            Target::Term(_, i) => format!("term:{i}"),
            Target::Anchor(_, id) => format!("#{id}"),
        };
        per_page[*from].push((to, part, *relation as u8));
    }
    per_page
        .into_iter()
        .map(|mut v| {
            v.sort();
            v.dedup();
            hash_of(v)
        })
        .collect()
}

/// Per page, a fingerprint of the pages that refer to it and to its items, and how: what
/// its "Pages that link here" and its item pages' lists show. A body link coming or going
/// changes it without changing any card.
fn referrers(site: &Site) -> Vec<u64> {
    let mut per_page: Vec<Vec<(&str, String, u8)>> = vec![Vec::new(); site.pages.len()];
    for (i, list) in site.backlinks.iter().enumerate() {
        for b in list {
            per_page[i].push((&site.pages[b.from].key, String::new(), b.relation as u8));
        }
    }
    for ((p, id), list) in &site.item_backlinks {
        for b in list {
            per_page[*p].push((&site.pages[b.from].key, id.clone(), b.relation as u8));
        }
    }
    per_page
        .into_iter()
        .map(|mut v| {
            v.sort();
            hash_of(v)
        })
        .collect()
}

/// What made an entry and the set of pages it shows, by key, independent of page order.
fn entry_fingerprint(entry: &Entry, key_hash: &[u64]) -> u64 {
    let kind = match entry.output {
        Output::Page(_) => "page",
        Output::Sheet(_, s) => s.template(),
        Output::Item(..) => "item",
        Output::TaxonomyIndex(_) => "taxonomy",
        Output::TaxonomyTerm(..) => "term",
        Output::Checklist(_) => "checklist",
        Output::SpecCsv(_) => "csv",
        Output::Compare => "compare",
        Output::CompareRole(_) => "compare-role",
        Output::PathwayIndex => "pathways",
        Output::PathwaySetting(..) => "pathway",
        Output::MatrixIndex => "matrices",
        Output::MatrixFramework(_) => "matrix",
        Output::MatrixPart(..) => "matrix-part",
        Output::MatrixSetting(_) => "matrix-setting",
        Output::RolesJson => "roles",
        Output::Coverage => "coverage",
        Output::CoverageFramework(_) => "coverage-framework",
        Output::CoverageRoles(_) => "coverage-roles",
        Output::Graph => "graph",
        Output::SearchPage => "search",
        Output::NotFound => "404",
        Output::SearchIndex => "index",
        Output::Redirect(..) => "redirect",
        Output::Asset(_) => "asset",
    };
    let set_of = |cards: &[usize]| {
        let (mut sum, mut xor) = (0u64, 0u64);
        for &c in cards {
            sum = sum.wrapping_add(key_hash[c]);
            xor ^= key_hash[c].rotate_left(17);
        }
        (sum, xor, cards.len())
    };
    let deps = match &entry.deps {
        Deps::None => (0u8, 0u64, (0u64, 0u64, 0usize)),
        Deps::All => (1, 0, (0, 0, 0)),
        Deps::Pages { body, cards } => (2, body.map_or(0, |b| key_hash[b]), set_of(cards)),
        Deps::AllOf { kind, cards } => (3, *kind as u64, set_of(cards)),
        Deps::Facts { cards, facts } => (4, *facts, set_of(cards)),
    };
    hash_of((kind, entry.template, deps))
}

/// The fingerprint of the site-wide values: every page shows them.
pub(crate) fn globals_fingerprint(prepared: &Prepared, globals: &impl serde::Serialize) -> u64 {
    let role_ids: Vec<(&str, &str)> = prepared
        .model
        .roles
        .iter()
        .map(|r| (r.id.as_str(), prepared.site.pages[r.index].key.as_str()))
        .collect();
    let abbreviations: Vec<(&str, &str, &str)> = prepared
        .model
        .abbreviations
        .list()
        .iter()
        .map(|a| (a.abbr.as_str(), a.title.as_str(), a.href.as_str()))
        .collect();
    hash_of((
        serde_json::to_string(globals).unwrap_or_default(),
        role_ids,
        abbreviations,
    ))
}

/// The entries that render the bodies of `pages` (sorted): what a body-only edit changes.
pub(crate) fn showing_bodies(entries: &[Entry], pages: &[usize]) -> Vec<usize> {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(e.deps, Deps::Pages { body: Some(b), .. } if pages.binary_search(&b).is_ok())
        })
        .map(|(i, _)| i)
        .collect()
}

/// Every plan entry's fingerprint, by output path (66,000 at 10,000 pages: in parallel).
fn entry_fingerprints(prepared: &Prepared, key_hash: &[u64]) -> HashMap<String, u64> {
    prepared
        .plan
        .entries
        .par_iter()
        .map(|e| (e.path.clone(), entry_fingerprint(e, key_hash)))
        .collect()
}

impl Snapshot {
    /// The fingerprints of `prepared`'s plan.
    pub(crate) fn of(prepared: &Prepared, globals: u64) -> Snapshot {
        let site = &prepared.site;
        // In parallel: at 10,000 pages the plan has 66,000 entries, and `serve` takes a
        // snapshot after every edit that relinks.
        let key_hash: Vec<u64> = site.pages.par_iter().map(|p| hash_of(&p.key)).collect();
        let links = links(site);
        let referrers = referrers(site);
        Snapshot {
            pages: (0..site.pages.len())
                .into_par_iter()
                .map(|i| {
                    let page = &site.pages[i];
                    (
                        page.key.clone(),
                        (card(site, i), links[i], page.kind, referrers[i]),
                    )
                })
                .collect(),
            entries: entry_fingerprints(prepared, &key_hash),
            globals,
        }
    }

    /// The fingerprints of `prepared`'s plan after `patched` pages were put into the
    /// site in place with the same edges ([`super::sources::Patched::cards`]): only their
    /// cards and their sections' (whose order of pages may have moved) can differ from
    /// this snapshot's, so the rest is taken from it instead of hashing every page again.
    /// The plan's entries are fingerprinted again, as in [`Snapshot::of`].
    pub(crate) fn with_cards(
        &self,
        prepared: &Prepared,
        patched: &[usize],
        globals: u64,
    ) -> Snapshot {
        let site = &prepared.site;
        let mut pages = self.pages.clone();
        let parents = patched
            .iter()
            .filter_map(|&p| site.pages[p].parent_key())
            .filter_map(|k| site.by_key.get(k).copied());
        for i in patched.iter().copied().chain(parents) {
            let page = &site.pages[i];
            if let Some(entry) = pages.get_mut(&page.key) {
                entry.0 = card(site, i);
                entry.2 = page.kind;
            }
        }
        let key_hash: Vec<u64> = site.pages.par_iter().map(|p| hash_of(&p.key)).collect();
        Snapshot {
            pages,
            entries: entry_fingerprints(prepared, &key_hash),
            globals,
        }
    }

    /// What of `now` (whose snapshot is `next`) to render, given that the pages with keys
    /// `bodies` were edited.
    pub(crate) fn dirty(&self, now: &Prepared, next: &Snapshot, bodies: &HashSet<String>) -> Dirty {
        let entries = &now.plan.entries;
        let mut dirty = Dirty {
            removed: self
                .entries
                .keys()
                .filter(|p| !next.entries.contains_key(*p))
                .cloned()
                .collect(),
            ..Dirty::default()
        };
        dirty.removed.sort();
        if self.globals != next.globals {
            dirty.all = true;
            dirty.entries = (0..entries.len()).collect();
            return dirty;
        }
        let site = &now.site;
        let mut cards_changed: HashSet<&str> = HashSet::new();
        // Pages whose referrers changed: their own pages and item pages list them.
        let mut referred: HashSet<&str> = HashSet::new();
        let mut links_changed = false;
        // Kinds some page of which changed, came or went.
        let mut kinds_changed: HashSet<Kind> = HashSet::new();
        for (key, (card, links, kind, refs)) in &next.pages {
            match self.pages.get(key) {
                Some((c, l, k, r)) => {
                    if r != refs {
                        referred.insert(key.as_str());
                    }
                    if c != card || l != links || k != kind {
                        kinds_changed.insert(*kind);
                        kinds_changed.insert(*k);
                    }
                    if c != card {
                        cards_changed.insert(key.as_str());
                    }
                    links_changed |= l != links;
                }
                None => {
                    cards_changed.insert(key.as_str());
                    links_changed = true;
                    kinds_changed.insert(*kind);
                }
            }
        }
        let mut gone = false;
        for (key, (_, _, kind, _)) in &self.pages {
            if !next.pages.contains_key(key) {
                gone = true;
                kinds_changed.insert(*kind);
            }
        }
        let anything = gone || links_changed || !cards_changed.is_empty();
        // By page index, so each entry's cards are looked up without hashing their keys.
        let card_changed: Vec<bool> = site
            .pages
            .par_iter()
            .map(|p| cards_changed.contains(p.key.as_str()))
            .collect();
        let any_card = |cards: &[usize]| cards.iter().any(|&c| card_changed[c]);
        dirty.entries = entries
            .par_iter()
            .enumerate()
            .filter(|(_, entry)| {
                let same = self.entries.get(&entry.path) == next.entries.get(&entry.path);
                let shown_changed = match &entry.deps {
                    Deps::None => false,
                    Deps::All => anything,
                    Deps::AllOf { kind, cards } => kinds_changed.contains(kind) || any_card(cards),
                    Deps::Facts { cards, .. } => any_card(cards),
                    Deps::Pages { body, cards } => {
                        body.is_some_and(|b| bodies.contains(&site.pages[b].key)) || any_card(cards)
                    }
                };
                let subject = match entry.output {
                    Output::Page(p) | Output::Item(p, _) => Some(p),
                    _ => None,
                };
                let referrers_changed =
                    subject.is_some_and(|p| referred.contains(site.pages[p].key.as_str()));
                !same || shown_changed || referrers_changed
            })
            .map(|(e, _)| e)
            .collect();
        dirty
    }
}
