//! The ways pages are grouped by a shared value: tags, and for roles their organisation,
//! grade or band, and professional bodies. Each value gets a page listing what has it
//! (planned in `plan`, rendered in `render::taxonomy`), and the pages that have it link
//! to that page.

use std::collections::BTreeMap;

use crate::link::{Site, Target};
use crate::parse::slug_segment;

/// One value of a taxonomy and the pages that have it, in title order.
#[derive(Debug, Clone)]
pub struct Term {
    /// The value as first written (in sort order).
    pub name: String,
    /// Indexes into `Site::pages`.
    pub pages: Vec<usize>,
}

/// One way of grouping pages.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Output folder and URL segment (`organisations`).
    pub slug: &'static str,
    /// Heading (`Organisations`).
    pub title: &'static str,
    /// The values, in name order.
    pub terms: Vec<Term>,
}

impl Taxonomy {
    /// URL of a value's page.
    pub fn term_url(&self, term: &str) -> String {
        term_url(self.slug, term)
    }

    /// URL of the taxonomy's own index page.
    pub fn index_url(&self) -> String {
        format!("{}/index.html", self.slug)
    }
}

/// URL of the page for `term` in taxonomy `slug`. A term named "index" gets
/// `index-term.html`, because `index.html` is the taxonomy's own page.
pub(crate) fn term_url(slug: &str, term: &str) -> String {
    let s = slug_segment(term);
    let file = match s.as_str() {
        "" => "-",
        "index" => "index-term",
        other => other,
    };
    format!("{slug}/{file}.html")
}

/// Every taxonomy of the site that has a value, with the pages of each value.
pub(crate) fn taxonomies(site: &Site) -> Vec<Taxonomy> {
    let mut tags = BTreeMap::<String, Vec<usize>>::new();
    let mut organisations = BTreeMap::<String, Vec<usize>>::new();
    let mut grades = BTreeMap::<String, Vec<usize>>::new();
    let mut bodies = BTreeMap::<String, Vec<usize>>::new();
    for (i, page) in site.pages.iter().enumerate() {
        for t in &page.common.tags {
            tags.entry(t.clone()).or_default().push(i);
        }
        if let Some(r) = page.role() {
            if let Some(o) = &r.organisation {
                organisations.entry(o.clone()).or_default().push(i);
            }
            if let Some(g) = &r.grade {
                grades.entry(g.clone()).or_default().push(i);
            }
            for b in &r.professional_bodies {
                if let Ok(t @ Target::Term(..)) = site.resolve_ref(b) {
                    bodies.entry(site.target_title(&t)).or_default().push(i);
                }
            }
        }
    }
    let all = [
        ("tags", "Tags", tags),
        ("organisations", "Organisations", organisations),
        ("grades", "Grades and bands", grades),
        ("professional-bodies", "Professional bodies", bodies),
    ];
    all.into_iter()
        .filter(|(_, _, terms)| !terms.is_empty())
        .map(|(slug, title, terms)| {
            let terms = merge_same_url(slug, terms)
                .into_iter()
                .map(|(name, mut pages)| {
                    pages.sort_by(|a, b| {
                        site.pages[*a]
                            .common
                            .title
                            .cmp(&site.pages[*b].common.title)
                    });
                    pages.dedup();
                    Term { name, pages }
                })
                .collect();
            Taxonomy { slug, title, terms }
        })
        .collect()
}

/// Values written differently that make the same URL (`Night shift`, `night-shift`) are one
/// value, named as first written in sort order; otherwise each would overwrite the other's
/// page.
fn merge_same_url(slug: &str, terms: BTreeMap<String, Vec<usize>>) -> BTreeMap<String, Vec<usize>> {
    let mut by_url: BTreeMap<String, String> = BTreeMap::new();
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (name, pages) in terms {
        let name = by_url.entry(term_url(slug, &name)).or_insert(name).clone();
        out.entry(name).or_default().extend(pages);
    }
    out
}
