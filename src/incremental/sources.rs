//! The content files the engine knows: each is read and parsed once, then again only when
//! the watcher reports that it (or a folder holding it) changed.
//!
//! A parsed page lives in one place at a time: here until it is linked, then in the
//! linked `Site`, from which the next rebuild takes it back without copying. Pages left out
//! of the build (drafts, internal) stay here, so their keys still explain references.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, SourceText};
use crate::link::Site;
use crate::load;
use crate::parse::{self, Page, kinds::Date};

/// Pages [`Sources::patch`] put into the linked site in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Patched {
    /// Their indexes in `Site::pages`, sorted.
    pub(crate) pages: Vec<usize>,
    /// Whether some page changed in its card (not only its body): the model and the plan
    /// must then be derived again.
    pub(crate) cards: bool,
}

/// Where a file's parsed page is.
enum Slot {
    /// No page: the file did not parse, or is a symbolic link.
    Empty,
    /// Parsed since the last link.
    Fresh(Box<Page>),
    /// In the linked site.
    Linked,
    /// Left out of the build (a draft or internal page).
    Unpublished(Box<Page>),
    /// Meant to be in the site but the link stage dropped it (a duplicate); read it again.
    Stale,
}

/// One content file's state.
struct FileState {
    text: Option<SourceText>,
    diagnostics: Vec<Diagnostic>,
    slot: Slot,
}

/// Every content file, by path under `content/` (`roles/x.md`).
pub(crate) struct Sources {
    root: PathBuf,
    content: PathBuf,
    today: Date,
    drafts: bool,
    include_internal: bool,
    files: BTreeMap<String, FileState>,
}

fn hidden(rel: &str) -> bool {
    rel.split('/').any(|s| s.starts_with('.'))
}

impl Sources {
    /// Reads and parses every page under `root/content`.
    pub(crate) fn scan(root: &Path, today: Date, drafts: bool, include_internal: bool) -> Self {
        let mut sources = Sources {
            root: root.to_path_buf(),
            content: root.join("content"),
            today,
            drafts,
            include_internal,
            files: BTreeMap::new(),
        };
        let content = sources.content.clone();
        if content.is_dir() {
            sources.read_dir(&content);
        }
        sources
    }

    /// Whether to publish pages marked draft or internal (the config can change this).
    pub(crate) fn set_include_internal(&mut self, include_internal: bool) -> bool {
        let changed = self.include_internal != include_internal;
        self.include_internal = include_internal;
        changed
    }

    /// Every content file is read again on the next link (after a config change).
    pub(crate) fn reread_all(&mut self) -> HashSet<String> {
        let rels: Vec<String> = self.files.keys().cloned().collect();
        for f in self.files.values_mut() {
            f.slot = Slot::Stale;
        }
        rels.into_iter().collect()
    }

    fn rel(&self, path: &Path) -> String {
        load::display(&self.content, path)
    }

    fn read_dir(&mut self, dir: &Path) -> HashSet<String> {
        let (paths, diags) = load::find_sources(&self.root, dir);
        let mut changed = HashSet::new();
        for d in diags.items() {
            let rel = d
                .file
                .strip_prefix("content/")
                .unwrap_or(&d.file)
                .to_string();
            changed.insert(rel.clone());
            self.files.insert(
                rel,
                FileState {
                    text: None,
                    diagnostics: vec![d.clone()],
                    slot: Slot::Empty,
                },
            );
        }
        let states: Vec<(String, FileState)> = paths
            .par_iter()
            .map(|p| (self.rel(p), self.read_file(p)))
            .collect();
        for (rel, state) in states {
            changed.insert(rel.clone());
            self.files.insert(rel, state);
        }
        changed
    }

    fn read_file(&self, path: &Path) -> FileState {
        let source = match load::read_source(&self.root, &self.content, path) {
            Ok(s) => s,
            Err((d, text)) => {
                return FileState {
                    text,
                    diagnostics: vec![d],
                    slot: Slot::Empty,
                };
            }
        };
        let (page, mut diagnostics) = parse::parse(&source);
        let slot = match page {
            Some(page) => {
                if crate::parse::publish::is_published(&page, self.drafts, self.include_internal) {
                    let mut review = Diagnostics::new();
                    crate::parse::publish::review_warnings(
                        std::slice::from_ref(&page),
                        self.today,
                        &mut review,
                    );
                    diagnostics.extend(review.items().iter().cloned());
                }
                Slot::Fresh(Box::new(page))
            }
            None => Slot::Empty,
        };
        FileState {
            text: Some(source.text),
            diagnostics,
            slot,
        }
    }

    /// Brings the files at or under `paths` up to date with the disk; returns the paths
    /// (under `content/`) whose state changed.
    pub(crate) fn refresh(&mut self, paths: &[PathBuf]) -> HashSet<String> {
        let mut changed = HashSet::new();
        for path in paths {
            let Ok(under) = path.strip_prefix(&self.content) else {
                continue;
            };
            if under.as_os_str().is_empty() {
                // The content folder itself came or went: read it all again.
                changed.extend(self.files.keys().cloned());
                self.files.clear();
                if self.content.is_dir() {
                    let content = self.content.clone();
                    changed.extend(self.read_dir(&content));
                }
                continue;
            }
            let rel = self.rel(path);
            if hidden(&rel) {
                continue;
            }
            // Whatever was at or under this path is gone or replaced.
            let prefix = format!("{rel}/");
            let under: Vec<String> = self
                .files
                .range(rel.clone()..)
                .take_while(|(k, _)| **k == rel || k.starts_with(&prefix))
                .map(|(k, _)| k.clone())
                .collect();
            for k in under {
                self.files.remove(&k);
                changed.insert(k);
            }
            match std::fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => {
                    let d = Diagnostic::file_error(
                        "W-symlink",
                        load::display(&self.root, path),
                        "symbolic link skipped: the build never follows links, which could leave the site or loop",
                    )
                    .with_severity(Severity::Warning)
                    .with_hint("copy the file into `content/` instead of linking it");
                    let state = FileState {
                        text: None,
                        diagnostics: vec![d],
                        slot: Slot::Empty,
                    };
                    self.files.insert(rel.clone(), state);
                    changed.insert(rel);
                }
                Ok(m) if m.is_dir() => {
                    changed.extend(self.read_dir(path));
                }
                Ok(m) if m.is_file() && load::is_markdown(path) => {
                    let state = self.read_file(path);
                    self.files.insert(rel.clone(), state);
                    changed.insert(rel);
                }
                _ => {}
            }
        }
        changed
    }

    /// Every problem found reading and parsing the files.
    pub(crate) fn diagnostics(&self, into: &mut Diagnostics) {
        for f in self.files.values() {
            for d in &f.diagnostics {
                into.push(d.clone(), f.text.as_ref());
            }
        }
    }

    /// The pages to link: those of the previous `site` whose files did not change, taken
    /// back without copying, and the fresh ones; plus the keys of unpublished pages.
    pub(crate) fn pool(&mut self, site: Option<Site>) -> (Vec<Page>, HashSet<String>) {
        let stale: Vec<String> = self
            .files
            .iter()
            .filter(|(_, f)| matches!(f.slot, Slot::Stale))
            .map(|(k, _)| k.clone())
            .collect();
        for rel in stale {
            let state = self.read_file(&self.content.join(&rel));
            self.files.insert(rel, state);
        }
        let mut pages = Vec::with_capacity(self.files.len());
        if let Some(site) = site {
            for p in site.pages {
                let linked = !p.source.text.text.is_empty()
                    && self
                        .files
                        .get(&p.source.rel)
                        .is_some_and(|f| matches!(f.slot, Slot::Linked));
                if linked {
                    pages.push(p);
                }
            }
        }
        let mut excluded = HashSet::new();
        for f in self.files.values_mut() {
            f.slot = match std::mem::replace(&mut f.slot, Slot::Empty) {
                Slot::Fresh(p)
                    if crate::parse::publish::is_published(
                        &p,
                        self.drafts,
                        self.include_internal,
                    ) =>
                {
                    pages.push(*p);
                    Slot::Linked
                }
                Slot::Fresh(p) | Slot::Unpublished(p) => {
                    excluded.insert(p.key.clone());
                    Slot::Unpublished(p)
                }
                other => other,
            };
        }
        (pages, excluded)
    }

    /// Puts the re-read pages of `rels` into `site` in place of their linked versions, when
    /// linking them again would give the same graph:
    ///
    /// - a page that changed only in its body text (the same front matter, title,
    ///   headings, raw-HTML anchors and link destinations): the links, the model and the
    ///   plan of the site are what they were and only the page's own outputs change.
    ///   Refused when a problem found after parsing (`found`) is located in a body that
    ///   changed, since its place would move;
    /// - a page that changed only in its card, what other pages show of it (its title, a
    ///   summary, an item's name, a heading's text), but has the same key, address, kind,
    ///   references, link destinations, anchors and item and term ids: every edge of the
    ///   graph is the same, but the model and the plan must be derived again
    ///   ([`Patched::cards`]). Refused when linking (`linked`) reported anything in the
    ///   page's file, since its places would move.
    ///
    /// Returns what was patched, or `None` (nothing changed) when the site must be linked
    /// again.
    pub(crate) fn patch(
        &mut self,
        site: &mut Site,
        rels: &HashSet<String>,
        found: &Diagnostics,
        linked: &Diagnostics,
    ) -> Option<Patched> {
        if rels.is_empty() {
            return None;
        }
        let mut at: Vec<(usize, &String)> = Vec::with_capacity(rels.len());
        for rel in rels {
            let i = site.pages.iter().position(|p| &p.source.rel == rel)?;
            at.push((i, rel));
        }
        let mut cards = false;
        // Every re-read page must be published and match its linked version.
        for &(i, rel) in &at {
            let Some(FileState {
                slot: Slot::Fresh(page),
                ..
            }) = self.files.get_mut(rel)
            else {
                return None;
            };
            if !crate::parse::publish::is_published(page, self.drafts, self.include_internal) {
                return None;
            }
            crate::link::settle_page(&site.config, page);
            let old = &site.pages[i];
            if same_but_body(old, page) && !located_in_body(found, old) {
                continue;
            }
            if !same_links(old, page) || named(linked, old) {
                return None;
            }
            cards = true;
        }
        let mut pages = Vec::with_capacity(at.len());
        for (i, rel) in at {
            let state = self.files.get_mut(rel)?;
            if let Slot::Fresh(page) = std::mem::replace(&mut state.slot, Slot::Linked) {
                site.pages[i] = *page;
                pages.push(i);
            }
        }
        pages.sort_unstable();
        if cards {
            crate::link::sort_children_of(site, &pages);
        }
        Some(Patched { pages, cards })
    }

    /// Marks the files whose pages the link stage dropped (duplicates), so the next link
    /// reads them again instead of losing them.
    pub(crate) fn settle(&mut self, site: &Site) {
        let present: HashSet<&str> = site.pages.iter().map(|p| p.source.rel.as_str()).collect();
        for (rel, f) in &mut self.files {
            if matches!(f.slot, Slot::Linked) && !present.contains(rel.as_str()) {
                f.slot = Slot::Stale;
            }
        }
    }
}

/// True when `new` differs from `old` in nothing but the text of its body: what linking,
/// the model and the plan read of a page is the same.
fn same_but_body(old: &Page, new: &Page) -> bool {
    fn front(p: &Page) -> &str {
        &p.source.text.text[p.source.front_matter.clone()]
    }
    let headings = |p: &Page| -> Vec<(u8, String, String, bool, bool)> {
        p.headings
            .iter()
            .map(|h| (h.level, h.id.clone(), h.text.clone(), h.explicit, h.hidden))
            .collect()
    };
    let dests = |p: &Page| -> Vec<String> { p.links.iter().map(|l| l.dest.clone()).collect() };
    old.key == new.key
        && old.url == new.url
        && old.kind == new.kind
        && old.is_section == new.is_section
        && old.title_from == new.title_from
        && old.source.front_matter.start == new.source.front_matter.start
        && front(old) == front(new)
        && old.common.title == new.common.title
        && old.unknown_fields == new.unknown_fields
        && old.failure == new.failure
        && old.anchors == new.anchors
        && headings(old) == headings(new)
        && dests(old) == dests(new)
}

/// True when `new` makes the same edges as `old` would in any site: the same key,
/// address, kind, front-matter references, link destinations, anchors, heading ids and
/// item and term ids, and nothing that linking warns of differently. What differs is
/// shown by other pages (title, summary, item names, heading texts) but resolves nothing.
fn same_links(old: &Page, new: &Page) -> bool {
    let refs = |p: &Page| -> Vec<(crate::link::Relation, String, crate::link::Expect)> {
        crate::link::page_refs(p)
            .into_iter()
            .map(|r| (r.relation, r.value.to_string(), r.expect))
            .collect()
    };
    let headings = |p: &Page| -> Vec<(u8, String, bool, bool)> {
        p.headings
            .iter()
            .map(|h| (h.level, h.id.clone(), h.explicit, h.hidden))
            .collect()
    };
    let dests = |p: &Page| -> Vec<String> { p.links.iter().map(|l| l.dest.clone()).collect() };
    let items = |p: &Page| -> Vec<String> { p.common.items.iter().map(|i| i.id.clone()).collect() };
    let terms = |p: &Page| -> Vec<String> {
        p.glossary()
            .map(|g| g.terms.iter().map(|t| t.id.clone()).collect())
            .unwrap_or_default()
    };
    old.key == new.key
        && old.url == new.url
        && old.kind == new.kind
        && old.is_section == new.is_section
        && old.title_from == new.title_from
        && old.unknown_fields == new.unknown_fields
        && old.failure.is_none()
        && new.failure.is_none()
        && old.anchors == new.anchors
        && headings(old) == headings(new)
        && dests(old) == dests(new)
        && items(old) == items(new)
        && terms(old) == terms(new)
        && refs(old) == refs(new)
}

/// True when a problem of `found` (or a place it names) is in `page`'s file.
fn named(found: &Diagnostics, page: &Page) -> bool {
    let name = page.source.text.name.as_str();
    found
        .items()
        .iter()
        .any(|d| d.file == name || d.also.iter().any(|p| p.file == name))
}

/// True when a problem of `found` (or a place it names) is in `page`'s file past its front
/// matter, or has no place there that would stay put.
fn located_in_body(found: &Diagnostics, page: &Page) -> bool {
    let name = page.source.text.name.as_str();
    let body = page.source.body_start;
    let moves = |file: &str, line: usize, span: &Option<std::ops::Range<usize>>| {
        file == name
            && match span {
                Some(s) => s.end > body,
                None => line > 0,
            }
    };
    found.items().iter().any(|d| {
        moves(&d.file, d.line, &d.span) || d.also.iter().any(|p| moves(&p.file, p.line, &p.span))
    })
}
