//! Index pages that group pages by a shared value: tags, and for roles their organisation,
//! grade or band, and professional bodies. Each value gets a page listing what has it, and
//! the pages that have it link to that page.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::link::{Site, Target};
use crate::parse::slug_segment;

/// One way of grouping pages.
pub struct Taxonomy {
    /// Output folder and URL segment (`organisations`).
    pub slug: &'static str,
    /// Heading (`Organisations`).
    pub title: &'static str,
    /// Value -> pages that have it, in title order.
    pub terms: BTreeMap<String, Vec<usize>>,
}

impl Taxonomy {
    /// URL of a value's page.
    pub fn term_url(&self, term: &str) -> String {
        term_url(self.slug, term)
    }
}

/// URL of the page for `term` in taxonomy `slug`. A term named "index" gets
/// `index-term.html`, because `index.html` is the taxonomy's own page.
pub fn term_url(slug: &str, term: &str) -> String {
    let s = slug_segment(term);
    let file = match s.as_str() {
        "" => "-",
        "index" => "index-term",
        other => other,
    };
    format!("{slug}/{file}.html")
}

/// Every taxonomy of the site, with the pages of each value.
pub fn taxonomies(site: &Site) -> Vec<Taxonomy> {
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
    let mut out = vec![
        Taxonomy {
            slug: "tags",
            title: "Tags",
            terms: tags,
        },
        Taxonomy {
            slug: "organisations",
            title: "Organisations",
            terms: organisations,
        },
        Taxonomy {
            slug: "grades",
            title: "Grades and bands",
            terms: grades,
        },
        Taxonomy {
            slug: "professional-bodies",
            title: "Professional bodies",
            terms: bodies,
        },
    ];
    for t in &mut out {
        t.terms = merge_same_url(t.slug, std::mem::take(&mut t.terms));
        for pages in t.terms.values_mut() {
            pages.sort_by(|a, b| {
                site.pages[*a]
                    .common
                    .title
                    .cmp(&site.pages[*b].common.title)
            });
            pages.dedup();
        }
    }
    out.retain(|t| !t.terms.is_empty());
    out
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

/// Template data for a taxonomy's index page.
pub fn index_json(t: &Taxonomy) -> Value {
    let terms: Vec<Value> = t
        .terms
        .iter()
        .map(|(name, pages)| json!({ "name": name, "url": t.term_url(name), "count": pages.len() }))
        .collect();
    json!({ "slug": t.slug, "title": t.title, "terms": terms })
}

/// Template data for one value's page.
pub fn term_json(site: &Site, t: &Taxonomy, name: &str, pages: &[usize]) -> Value {
    let pages: Vec<Value> = pages
        .iter()
        .map(|&i| {
            let p = &site.pages[i];
            json!({ "title": p.common.title, "url": p.url, "summary": p.common.summary, "kind": p.kind.name() })
        })
        .collect();
    json!({ "taxonomy": t.title, "taxonomy_url": format!("{}/index.html", t.slug), "name": name, "pages": pages })
}
