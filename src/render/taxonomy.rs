//! The pages of the taxonomies (`model::taxonomy`): an index of each taxonomy's values,
//! and a page per value listing the pages that have it.

use schemars::JsonSchema;
use serde::Serialize;

use super::context::{Head, PageLink, page_link};
use crate::link::Site;
use crate::model::taxonomy::Taxonomy;

/// A value in a taxonomy's index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermLink {
    /// The value.
    pub name: String,
    /// Its page.
    pub url: String,
    /// How many pages have it.
    pub count: usize,
}

/// A taxonomy's values.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TaxonomyData {
    /// Its folder (`tags`).
    pub slug: &'static str,
    /// Its heading (`Tags`).
    pub title: &'static str,
    /// Its values, by name.
    pub terms: Vec<TermLink>,
}

/// The `page` of `taxonomy.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TaxonomyContext {
    /// What every page has (`kind` is `index`).
    #[serde(flatten)]
    pub head: Head,
    /// The taxonomy.
    pub taxonomy: TaxonomyData,
}

/// One value and its pages.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermData {
    /// The taxonomy's heading.
    pub taxonomy: &'static str,
    /// The taxonomy's index page.
    pub taxonomy_url: String,
    /// The value.
    pub name: String,
    /// The pages that have it, by title.
    pub pages: Vec<PageLink>,
}

/// The `page` of `taxonomy-term.html`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermContext {
    /// What every page has (`kind` is `index`).
    #[serde(flatten)]
    pub head: Head,
    /// The value and its pages.
    pub term: TermData,
}

/// The context of taxonomy `t`'s index.
pub fn index_context(t: &Taxonomy) -> TaxonomyContext {
    TaxonomyContext {
        head: Head::generated(t.title, "index", t.index_url(), None, Vec::new()),
        taxonomy: TaxonomyData {
            slug: t.slug,
            title: t.title,
            terms: t
                .terms
                .iter()
                .map(|term| TermLink {
                    name: term.name.clone(),
                    url: t.term_url(&term.name),
                    count: term.pages.len(),
                })
                .collect(),
        },
    }
}

/// The context of value `k` of taxonomy `t`.
pub fn term_context(site: &Site, t: &Taxonomy, k: usize) -> TermContext {
    let term = &t.terms[k];
    let index = PageLink {
        title: t.title.to_string(),
        url: t.index_url(),
        summary: None,
        kind: "index".into(),
        is_section: false,
    };
    TermContext {
        head: Head::generated(
            term.name.clone(),
            "index",
            t.term_url(&term.name),
            None,
            vec![index],
        ),
        term: TermData {
            taxonomy: t.title,
            taxonomy_url: t.index_url(),
            name: term.name.clone(),
            pages: term.pages.iter().map(|&p| page_link(site, p)).collect(),
        },
    }
}
