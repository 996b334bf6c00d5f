//! `graph.json`: every page and item as a node, every reference as a typed edge, for
//! tools that want to analyse the handbook without parsing HTML.

use serde_json::{Value, json};

use crate::link::{Site, Target, item_url};

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

/// The graph as JSON.
pub fn graph_json(site: &Site) -> Value {
    let mut nodes = Vec::new();
    for page in &site.pages {
        nodes.push(json!({ "id": page.key, "type": "page", "kind": page.kind.name(), "title": page.common.title, "url": page.url }));
        for item in &page.common.items {
            nodes.push(json!({
                "id": format!("{}#{}", page.key, item.id), "type": "item", "kind": page.kind.name(),
                "title": item.name, "url": item_url(page, &item.id), "parent": page.key,
            }));
        }
        if let Some(g) = page.glossary() {
            for t in &g.terms {
                nodes.push(json!({
                    "id": format!("{}#{}", page.key, t.id), "type": "term", "kind": "glossary",
                    "title": t.term, "url": format!("{}#{}", page.url, t.id), "parent": page.key,
                }));
            }
        }
    }
    let mut edges: Vec<(String, String, String)> = site
        .edges
        .iter()
        .map(|(from, to, rel)| {
            let rel = serde_json::to_value(rel)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let to = match to {
                // A link to a heading is a link to its page.
                Target::Anchor(p, _) => site.pages[*p].key.clone(),
                t => node_id(site, t),
            };
            (site.pages[*from].key.clone(), to, rel)
        })
        .collect();
    edges.sort();
    edges.dedup();
    let edges: Vec<Value> = edges
        .into_iter()
        .map(|(f, t, r)| json!({ "from": f, "to": t, "type": r }))
        .collect();
    json!({ "nodes": nodes, "edges": edges })
}
