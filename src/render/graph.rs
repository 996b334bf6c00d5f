//! `graph.json`: every page and item as a node, every reference as a typed edge, for
//! tools that want to analyse the handbook without parsing HTML.
//!
//! The graph of a large handbook is tens of megabytes, so it is serialised as it is
//! written (`Graph` implements `Serialize` by walking the site), never built whole in
//! memory; only the edges are gathered first, to sort and de-duplicate them.

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::link::{Relation, Site, Target, item_url};

fn node_id(site: &Site, t: &Target) -> String {
    let page = &site.pages[t.page()];
    match t {
        Target::Page(_) => page.key.clone(),
        Target::Item(_, i) => format!("{}#{}", page.key, page.common.items[*i].id),
        Target::Term(_, i) => format!(
            "{}#{}",
            page.key,
            page.glossary().map_or("", |g| g.terms[*i].id.as_str())
        ),
        Target::Anchor(_, id) => format!("{}#{id}", page.key),
    }
}

/// One node: a page, an item or a glossary term.
#[derive(Serialize)]
struct Node<'a> {
    id: String,
    #[serde(rename = "type")]
    kind_of_node: &'static str,
    kind: &'static str,
    title: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
}

/// One edge: who refers to what, and how.
#[derive(Serialize)]
struct Edge<'a> {
    from: &'a str,
    to: String,
    #[serde(rename = "type")]
    relation: &'static str,
}

fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::LinksTo => "links-to",
        Relation::Requires => "requires",
        Relation::Develops => "develops",
        Relation::ReportsTo => "reports-to",
        Relation::Related => "related",
        Relation::Audience => "audience",
        Relation::Prerequisite => "prerequisite",
    }
}

/// Every node, in page order, serialised one at a time.
struct Nodes<'a>(&'a Site);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let site = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        for page in &site.pages {
            seq.serialize_element(&Node {
                id: page.key.clone(),
                kind_of_node: "page",
                kind: page.kind.name(),
                title: &page.common.title,
                url: page.url.clone(),
                parent: None,
            })?;
            for item in &page.common.items {
                seq.serialize_element(&Node {
                    id: format!("{}#{}", page.key, item.id),
                    kind_of_node: "item",
                    kind: page.kind.name(),
                    title: &item.name,
                    url: item_url(page, &item.id),
                    parent: Some(&page.key),
                })?;
            }
            if let Some(g) = page.glossary() {
                for t in &g.terms {
                    seq.serialize_element(&Node {
                        id: format!("{}#{}", page.key, t.id),
                        kind_of_node: "term",
                        kind: "glossary",
                        title: &t.term,
                        url: format!("{}#{}", page.url, t.id),
                        parent: Some(&page.key),
                    })?;
                }
            }
        }
        seq.end()
    }
}

/// The whole graph, for `serde_json::to_writer_pretty`.
pub struct Graph<'a> {
    site: &'a Site,
    edges: Vec<Edge<'a>>,
}

impl Serialize for Graph<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Graph", 2)?;
        s.serialize_field("edges", &self.edges)?;
        s.serialize_field("nodes", &Nodes(self.site))?;
        s.end()
    }
}

/// The graph of `site`, ready to serialise.
pub fn graph(site: &Site) -> Graph<'_> {
    let mut edges: Vec<Edge<'_>> = site
        .edges
        .iter()
        .map(|(from, to, rel)| Edge {
            from: &site.pages[*from].key,
            to: match to {
                // A link to a heading is a link to its page.
                Target::Anchor(p, _) => site.pages[*p].key.clone(),
                t => node_id(site, t),
            },
            relation: relation_name(*rel),
        })
        .collect();
    edges.sort_by(|a, b| (a.from, &a.to, a.relation).cmp(&(b.from, &b.to, b.relation)));
    edges.dedup_by(|a, b| (a.from, &a.to, a.relation) == (b.from, &b.to, b.relation));
    Graph { site, edges }
}
