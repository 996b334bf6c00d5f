//! Search for `serve`: the served site must be the built site, index included, but an
//! incremental rebuild renders only the pages an edit affects. This keeps every page's
//! rendered text between rebuilds (a page's text depends only on its own source, so a
//! page not rendered again has not changed) and rebuilds the index from it.

use std::collections::{HashMap, HashSet};

use super::documents::SearchDoc;
use super::{IndexStats, documents, shards};
use crate::link::Site;
use crate::plan::OutputFile;
use crate::render::PageText;

/// Page texts by URL, and the index files last produced.
#[derive(Debug, Default)]
pub struct SearchCache {
    texts: HashMap<String, String>,
    paths: HashSet<String>,
}

/// What a rebuild of the index produced.
#[derive(Debug)]
pub struct Rebuilt {
    /// Every index file, to serve.
    pub files: Vec<OutputFile>,
    /// Index files of the previous rebuild that no longer exist.
    pub removed: Vec<String>,
    /// Sizes and timing.
    pub stats: IndexStats,
}

impl SearchCache {
    /// An empty cache: the first rebuild must come with every page's text.
    pub fn new() -> SearchCache {
        SearchCache::default()
    }

    /// Records the texts of the pages just rendered (forgetting pages the site no longer
    /// has) and rebuilds the index.
    pub fn rebuild(&mut self, site: &Site, rendered: Vec<PageText>) -> Rebuilt {
        self.record(site, rendered);
        let (files, stats) = shards::build(self.documents(site), &super::documents::synonyms(site));
        self.accept(files, stats)
    }

    /// The index files of the last accepted build.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.paths.iter()
    }

    /// Records the texts of the pages just rendered, forgetting pages the site no longer
    /// has.
    pub fn record(&mut self, site: &Site, rendered: Vec<PageText>) {
        for t in rendered {
            if let Some(page) = site.pages.get(t.page) {
                self.texts.insert(page.url.clone(), t.text);
            }
        }
        let urls: HashSet<&str> = site.pages.iter().map(|p| p.url.as_str()).collect();
        self.texts.retain(|url, _| urls.contains(url.as_str()));
    }

    /// The documents to index, from the site and the recorded texts. Cheap next to
    /// [`shards::build`], which `serve` runs on another thread.
    pub fn documents(&self, site: &Site) -> Vec<SearchDoc> {
        let text_of: Vec<&str> = site
            .pages
            .iter()
            .map(|p| self.texts.get(&p.url).map_or("", String::as_str))
            .collect();
        documents::collect_with(site, &text_of)
    }

    /// Takes a newly built index: what to serve, and which earlier files are gone.
    pub fn accept(&mut self, files: Vec<OutputFile>, stats: IndexStats) -> Rebuilt {
        let paths: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let mut removed: Vec<String> = self.paths.difference(&paths).cloned().collect();
        removed.sort();
        self.paths = paths;
        Rebuilt {
            files,
            removed,
            stats,
        }
    }
}
